//! Discord's size limits, enforced where messages are built: text that would not fit is cut at
//! a word with an ellipsis, so Discord never rejects an answer for its size.
//!
//! Discord counts characters as JavaScript does (UTF-16 code units), so an emoji outside the
//! Basic Multilingual Plane counts twice; so do we.

use super::model::{Embed, MessageData};

pub const CONTENT: usize = 2000;
pub const EMBEDS: usize = 10;
pub const EMBEDS_TOTAL: usize = 6000;
pub const TITLE: usize = 256;
pub const DESCRIPTION: usize = 4096;
pub const AUTHOR: usize = 256;
pub const FOOTER: usize = 2048;
pub const FIELDS: usize = 25;
pub const FIELD_NAME: usize = 256;
pub const FIELD_VALUE: usize = 1024;
pub const ROWS: usize = 5;
pub const BUTTONS_PER_ROW: usize = 5;
pub const CUSTOM_ID: usize = 100;
pub const BUTTON_LABEL: usize = 80;
pub const URL: usize = 2048;

/// Length as Discord counts it.
pub fn len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` if it fits in `max`; otherwise its longest prefix that ends at a word and leaves room
/// for "…", then "…". A single word longer than `max` is cut inside (at a character).
pub fn fit(text: &str, max: usize) -> String {
    if len(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - 1; // "…" is one unit
    let mut end = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.len_utf16();
        if used + w > room {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let cut = &text[..end];
    let at_word = match text[end..].chars().next() {
        Some(next) if !next.is_whitespace() => cut.rfind(char::is_whitespace).map(|i| &cut[..i]),
        _ => None,
    };
    let kept = at_word
        .filter(|k| !k.trim().is_empty())
        .unwrap_or(cut)
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    format!("{kept}…")
}

/// Characters of an embed that count toward the 6,000 shared by a message's embeds.
pub fn embed_len(embed: &Embed) -> usize {
    embed.title.as_deref().map_or(0, len)
        + embed.description.as_deref().map_or(0, len)
        + embed.author.as_ref().map_or(0, |a| len(&a.name))
        + embed.footer.as_ref().map_or(0, |f| len(&f.text))
        + embed
            .fields
            .iter()
            .map(|f| len(&f.name) + len(&f.value))
            .sum::<usize>()
}

/// Makes a message fit: content, each embed's parts, the number of embeds, and the total the
/// embeds share (the longest descriptions give way first).
pub fn fit_message(message: &mut MessageData) {
    if let Some(content) = message.content.as_mut() {
        *content = fit(content, CONTENT);
    }
    message.embeds.truncate(EMBEDS);
    for embed in &mut message.embeds {
        fit_embed(embed);
    }
    // Over the shared 6,000: the longest text of any embed gives way first, until all fit.
    loop {
        let total: usize = message.embeds.iter().map(embed_len).sum();
        if total <= EMBEDS_TOTAL {
            break;
        }
        let excess = total - EMBEDS_TOTAL;
        let Some(longest) = message
            .embeds
            .iter_mut()
            .flat_map(texts)
            .max_by_key(|t| len(t))
        else {
            break;
        };
        let current = len(longest);
        if current <= 1 {
            break;
        }
        // Cut by the excess, but never below half in one step, so every text keeps some of itself.
        *longest = fit(
            longest,
            current.saturating_sub(excess).max(current / 2).max(1),
        );
    }
    message.components.truncate(ROWS);
    for row in &mut message.components {
        row.components.truncate(BUTTONS_PER_ROW);
        for button in &mut row.components {
            button.label = fit(&button.label, BUTTON_LABEL);
        }
    }
}

/// The texts of an embed that may shrink toward the shared total. The author line is left
/// whole: a quote message keeps its query there for the page buttons to read back, and at 256
/// characters at most it cannot crowd the others out.
fn texts(embed: &mut Embed) -> Vec<&mut String> {
    let mut out: Vec<&mut String> = Vec::new();
    out.extend(embed.title.as_mut());
    out.extend(embed.description.as_mut());
    out.extend(embed.footer.as_mut().map(|f| &mut f.text));
    for field in &mut embed.fields {
        out.push(&mut field.name);
        out.push(&mut field.value);
    }
    out
}

fn fit_embed(embed: &mut Embed) {
    let cut = |text: &mut String, max| *text = fit(text, max);
    if let Some(t) = embed.title.as_mut() {
        cut(t, TITLE);
    }
    if let Some(d) = embed.description.as_mut() {
        cut(d, DESCRIPTION);
    }
    if let Some(a) = embed.author.as_mut() {
        cut(&mut a.name, AUTHOR);
    }
    if let Some(f) = embed.footer.as_mut() {
        cut(&mut f.text, FOOTER);
    }
    if embed.url.as_deref().is_some_and(|u| len(u) > URL) {
        embed.url = None;
    }
    // Discord refuses the whole message for one empty field: a field with nothing to say
    // goes, and one with no name gets a dash.
    embed.fields.retain(|f| !f.value.trim().is_empty());
    embed.fields.truncate(FIELDS);
    for field in &mut embed.fields {
        if field.name.trim().is_empty() {
            field.name = "—".to_string();
        }
        cut(&mut field.name, FIELD_NAME);
        cut(&mut field.value, FIELD_VALUE);
    }
}

/// Escapes Discord markdown so quoted text shows exactly as written: `*`, `_`, `~`, `` ` ``,
/// `|`, `#`, `[`, `]`, `<` (mentions), `>`, `-` and `+` at a line start, and the backslash.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    for c in text.chars() {
        let special = matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '#' | '[' | ']' | '<'
        ) || (line_start && matches!(c, '-' | '+' | '>'));
        if special {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_at_words() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("one two three four", 12), "one two…");
        assert_eq!(fit("abcdefghijklmnop", 5), "abcd…");
        assert!(len(&fit(&"🦀".repeat(100), 51)) <= 51);
        assert_eq!(fit("anything", 0), "");
    }

    #[test]
    fn escaping_keeps_text_visible_as_written() {
        assert_eq!(escape_markdown("a *b* _c_"), "a \\*b\\* \\_c\\_");
        assert_eq!(escape_markdown("<@123> [x](y)"), "\\<@123> \\[x\\](y)");
        assert_eq!(escape_markdown("- item\n# head"), "\\- item\n\\# head");
        assert_eq!(escape_markdown("US-Russia"), "US-Russia");
    }
}
