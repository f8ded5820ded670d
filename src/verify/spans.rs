//! What counts as the quote in a message: the text in quotation marks (straight or curly,
//! double or single, guillemets, low-high) or in Discord block quotes (`>` and `>>>`);
//! otherwise the whole message. Mentions, links, custom emoji and timestamps are not part of
//! anything quoted.

/// At most this many spans of one message are checked.
pub const MAX_SPANS: usize = 5;

/// The spans of `message`, in order, and how many more there were than [`MAX_SPANS`].
pub fn spans(message: &str) -> (Vec<String>, usize) {
    let cleaned = clean(message);
    let mut found: Vec<String> = Vec::new();
    let mut outside = String::new();
    let mut block = String::new();
    let mut rest_is_quote = false;
    for line in cleaned.lines() {
        let trimmed = line.trim_start();
        let quoted = if rest_is_quote {
            Some(trimmed)
        } else if let Some(rest) = trimmed.strip_prefix(">>>") {
            rest_is_quote = true;
            Some(rest)
        } else {
            trimmed.strip_prefix('>')
        };
        match quoted {
            Some(text) => {
                block.push_str(text.trim());
                block.push(' ');
            }
            None => {
                push(&mut found, &block);
                block.clear();
                outside.push_str(line);
                outside.push('\n');
            }
        }
    }
    push(&mut found, &block);
    let block_quotes = found.len();
    for q in quoted_segments(&outside) {
        push(&mut found, &q);
    }
    if found.is_empty() && block_quotes == 0 {
        push(&mut found, &cleaned);
    }
    let more = found.len().saturating_sub(MAX_SPANS);
    found.truncate(MAX_SPANS);
    (found, more)
}

fn push(found: &mut Vec<String>, text: &str) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().any(char::is_alphanumeric) {
        found.push(text);
    }
}

/// Pairs of quotation marks, opening and closing.
const PAIRS: &[(char, char)] = &[
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('„', '”'),
    ('«', '»'),
    ('»', '«'),
    ('‹', '›'),
    ('‘', '’'),
    ('\'', '\''),
    ('‚', '‘'),
];

/// Whether a single quote at `i` can open (preceded by a boundary) or close (followed by one):
/// the apostrophe in "Trump’s" or "don't" does neither.
fn at_boundary(chars: &[char], i: usize, opening: bool) -> bool {
    if opening {
        i == 0 || chars[i - 1].is_whitespace() || "([{—–-".contains(chars[i - 1])
    } else {
        i + 1 == chars.len()
            || chars[i + 1].is_whitespace()
            || ".,;:!?)]}—–-".contains(chars[i + 1])
    }
}

/// Text between matching quotation marks, outermost first; unbalanced marks are ignored.
fn quoted_segments(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let single = matches!(c, '\'' | '‘' | '‚' | '‹');
        let closers: Vec<char> = PAIRS
            .iter()
            .filter(|(open, _)| *open == c)
            .map(|(_, close)| *close)
            .collect();
        if closers.is_empty() || (single && !at_boundary(&chars, i, true)) {
            i += 1;
            continue;
        }
        // The matching close, allowing the same pair nested inside ("the “hot peace” era").
        let mut depth = 0usize;
        let mut end = None;
        for (j, &d) in chars.iter().enumerate().skip(i + 1) {
            let closes = closers.contains(&d) && (!single || at_boundary(&chars, j, false));
            if closes && depth == 0 {
                end = Some(j);
                break;
            }
            if closes {
                depth -= 1;
            } else if d == c && c != closers[0] {
                depth += 1;
            }
        }
        match end {
            Some(j) => {
                out.push(chars[i + 1..j].iter().collect());
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The message without mentions, channel links, custom emoji, timestamps, links and pictographs.
fn clean(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(c) = rest.chars().next() {
        // <@123>, <@!123>, <@&123>, <#123>, <:name:123>, <a:name:123>, <t:123:R>, </cmd:123>
        if c == '<'
            && let Some(end) = rest.find('>')
            && is_discord_token(&rest[1..end])
        {
            out.push(' ');
            rest = &rest[end + 1..];
            continue;
        }
        if (rest.starts_with("http://") || rest.starts_with("https://"))
            && (out.is_empty() || out.ends_with(|c: char| c.is_whitespace() || "(<".contains(c)))
        {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(' ');
            rest = &rest[end..];
            continue;
        }
        if rest.starts_with("@everyone") || rest.starts_with("@here") {
            let skip = if rest.starts_with("@everyone") { 9 } else { 5 };
            out.push(' ');
            rest = &rest[skip..];
            continue;
        }
        if !is_pictograph(c) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn is_discord_token(inner: &str) -> bool {
    let body = inner
        .strip_prefix("@!")
        .or_else(|| inner.strip_prefix("@&"))
        .or_else(|| inner.strip_prefix('@'))
        .or_else(|| inner.strip_prefix('#'));
    if let Some(id) = body {
        return !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    }
    let parts: Vec<&str> = inner.split(':').collect();
    match parts.as_slice() {
        ["" | "a", name, id] => {
            !name.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
        }
        ["t", time] | ["t", time, _] => time.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
        [command, id] if command.starts_with('/') => id.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// Emoji and other pictographs, their joiners and variation selectors.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0x200D
            | 0xE0020..=0xE007F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(message: &str) -> Vec<String> {
        spans(message).0
    }

    #[test]
    fn quotation_marks_of_every_kind() {
        assert_eq!(
            s("She wrote “the right side of history” and later \"hot peace\"."),
            vec!["the right side of history", "hot peace"]
        );
        assert_eq!(
            s("«Deterrence or détente» ?"),
            vec!["Deterrence or détente"]
        );
        assert_eq!(
            s("He said 'Trump’s twist' — didn't he?"),
            vec!["Trump’s twist"]
        );
        assert_eq!(
            s("“a deal unlike “anything” seen before”"),
            vec!["a deal unlike “anything” seen before"]
        );
    }

    #[test]
    fn block_quotes_and_the_whole_message() {
        assert_eq!(
            s("> Both Trump and Putin\n> see NATO as a threat\nsays the author"),
            vec!["Both Trump and Putin see NATO as a threat"]
        );
        assert_eq!(s(">>> one\ntwo three"), vec!["one two three"]);
        assert_eq!(
            s("Both Trump and Putin see NATO as a threat"),
            vec!["Both Trump and Putin see NATO as a threat"]
        );
    }

    #[test]
    fn mentions_links_and_emoji_are_not_quoted() {
        assert_eq!(
            s("<@123456> said <:pog:987> “NATO is a threat” 🔥 https://example.org/x <#55>"),
            vec!["NATO is a threat"]
        );
        assert!(s("<@123> 🔥🔥 <a:dance:1>").is_empty());
        assert!(s("").is_empty());
    }

    #[test]
    fn unbalanced_quotes_are_ignored_and_spans_are_capped() {
        assert_eq!(s("“unclosed quote here"), vec!["“unclosed quote here"]);
        let many = (0..8)
            .map(|i| format!("\"q{i}\""))
            .collect::<Vec<_>>()
            .join(" ");
        let (found, more) = spans(&many);
        assert_eq!(found.len(), MAX_SPANS);
        assert_eq!(more, 3);
    }
}
