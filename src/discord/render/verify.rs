//! A quote check as Discord shows it: one embed per quotation, coloured by verdict, the quote
//! marked against the source (left-out words ~~struck~~, words not in the source **bold**),
//! the source's exact words and a link that scrolls to them. Only the user who asked sees it:
//! a check is for deciding what to do, not for calling someone out in the channel.

use super::{COLOR, heading, notice, source};
use crate::citation::Citation;
use crate::commands::reply::VerifyReply;
use crate::discord::limits::{self, escape_markdown, fit};
use crate::discord::model::{EPHEMERAL, Embed, EmbedFooter, MessageData};
use crate::verify::{MIN_WORDS, Mark, SpanCheck, Verdict};

/// Characters of all embeds together, kept under Discord's 6,000 with room for titles and
/// footers.
const TEXT_BUDGET: usize = 5000;

pub fn reply(r: &VerifyReply) -> MessageData {
    if r.spans.is_empty() {
        return notice(r.note.as_deref().unwrap_or("Nothing to check."));
    }
    let budget = (TEXT_BUDGET / r.spans.len()).min(limits::DESCRIPTION);
    let mut content = r.tally();
    if let Some(note) = &r.note {
        content.push(' ');
        content.push_str(note);
    }
    MessageData {
        content: Some(escape_markdown(&content)),
        embeds: r.spans.iter().map(|s| embed(s, budget)).collect(),
        flags: Some(EPHEMERAL),
        ..MessageData::default()
    }
}

fn symbol(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Verbatim | Verdict::Omissions => "✅",
        Verdict::Altered => "⚠️",
        Verdict::Spliced => "✂️",
        Verdict::NotFound => "❌",
        Verdict::TooShort => "❔",
    }
}

fn colour(verdict: Verdict) -> u32 {
    match verdict {
        Verdict::Verbatim | Verdict::Omissions => 0x002E_7D32,
        Verdict::Altered | Verdict::Spliced => 0x00E6_8A00,
        Verdict::NotFound => 0x00C6_2828,
        Verdict::TooShort => COLOR,
    }
}

fn percent(similarity: f64) -> String {
    format!("{:.0}% alike", (similarity * 100.0).floor())
}

/// `text`, cut to `max` characters at a word, escaped, in curly quotes.
fn quoted(text: &str, max: usize) -> String {
    format!("“{}”", escape_markdown(&fit(text, max)))
}

/// A citation as a Markdown link when it has one.
fn linked(c: &Citation) -> String {
    let place = escape_markdown(&heading(c));
    match &c.link {
        Some(link) => format!("[{place}]({link})"),
        None => place,
    }
}

fn embed(span: &SpanCheck, budget: usize) -> Embed {
    let mut title = format!("{} {}", symbol(span.verdict), span.verdict.label());
    if let (Some(c), true) = (&span.citation, span.verdict != Verdict::Spliced) {
        title.push_str(" · ");
        title.push_str(&heading(c));
    }
    let mut lines: Vec<String> = span
        .alerts()
        .into_iter()
        .map(|a| format!("**❗ The quote {a}.**"))
        .collect();
    // Half the room each for the quote and its source.
    let half = budget.saturating_sub(200) / 2;
    match span.verdict {
        Verdict::TooShort => lines.push(format!(
            "{} has fewer than {MIN_WORDS} words: too many passages would match. Quote more of it.",
            quoted(&span.quoted, half)
        )),
        Verdict::Verbatim | Verdict::Omissions => {
            if span.verdict == Verdict::Omissions {
                lines.push(format!("**Quoted:** {}", quoted(&span.quoted, half)));
            }
            if let Some(text) = &span.source_text {
                lines.push(format!("**Source:** {}", quoted(text, half)));
            }
        }
        Verdict::Altered => {
            lines.push(format!(
                "**Quoted** ({}): “{}”",
                percent(span.similarity),
                marked(span, half)
            ));
            if let Some(text) = &span.source_text {
                lines.push(format!("**Source:** {}", quoted(text, half)));
            }
        }
        Verdict::Spliced => {
            let each = budget.saturating_sub(200) / span.parts.len().max(1) / 2;
            for (i, (part, from)) in span.parts.iter().enumerate() {
                let how = if from.similarity >= 1.0 {
                    "verbatim".to_string()
                } else {
                    percent(from.similarity)
                };
                lines.push(format!(
                    "**Part {}** ({how}, {}): {}\n**Source:** {}",
                    i + 1,
                    linked(&from.citation),
                    quoted(part, each),
                    quoted(&from.source_text, each)
                ));
            }
        }
        Verdict::NotFound => {
            lines.push(format!("**Quoted:** {}", quoted(&span.quoted, half)));
            if span.nearest.is_empty() {
                lines.push("Nothing in the library comes near it.".to_string());
            } else {
                lines.push("Nothing matches. Nearest:".to_string());
                let each = half / span.nearest.len();
                for near in &span.nearest {
                    lines.push(format!(
                        "• {} ({}): {}",
                        linked(&near.citation),
                        percent(near.similarity),
                        quoted(&near.source_text, each)
                    ));
                }
            }
        }
    }
    let citation = span
        .citation
        .as_ref()
        .or_else(|| span.parts.first().map(|(_, s)| &s.citation))
        .or_else(|| span.nearest.first().map(|s| &s.citation));
    let footer = match (span.verdict, citation) {
        (Verdict::NotFound | Verdict::TooShort, _) | (_, None) => None,
        (_, Some(c)) => Some(EmbedFooter {
            text: format!(
                "{} · Post it: /cite {} doc:{}",
                source(c),
                c.paragraph,
                c.doc
            ),
        }),
    };
    Embed {
        title: Some(title),
        description: Some(lines.join("\n")),
        // Distinct per span (Discord merges embeds that share a URL): the fragment differs.
        url: span.citation.as_ref().and_then(|c| c.link.clone()),
        color: Some(colour(span.verdict)),
        footer,
        ..Embed::default()
    }
}

/// The quote marked against its source, within `max` characters of text; every mark closed.
fn marked(span: &SpanCheck, max: usize) -> String {
    let mut out = String::new();
    let mut left = max;
    for piece in &span.marked {
        if left == 0 {
            out.push('…');
            break;
        }
        let text = fit(&piece.text, left);
        left = left.saturating_sub(limits::len(&text));
        let text = escape_markdown(&text);
        if !out.is_empty() {
            out.push(' ');
        }
        match piece.mark {
            Mark::Same => out.push_str(&text),
            Mark::Removed => out.push_str(&format!("~~{text}~~")),
            Mark::Added => out.push_str(&format!("**{text}**")),
        }
    }
    out
}
