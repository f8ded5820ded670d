//! The one renderer from a command's outcome to Discord messages: embeds, buttons, flags.
//! Used by every Discord path (gateway and HTTP endpoint alike); nothing else builds embeds.

use super::custom_id::{ButtonState, QUOTE_AUTHOR_PREFIX};
use super::limits::{self, escape_markdown, fit, fit_message};
use super::model::{
    ActionRow, Button, EPHEMERAL, Embed, EmbedAuthor, EmbedField, EmbedFooter, MessageData, style,
};
use crate::citation::Citation;
use crate::commands::Reply;
use crate::commands::reply::{CiteReply, HelpReply, QuoteReply, SectionsReply, SummaryReply};
use crate::render::Outcome;

mod library;

pub use library::working;
mod verify;

/// The embeds' accent colour.
pub const COLOR: u32 = 0x002B_6CB0;

/// The message answering a command (or a button that runs one).
pub fn reply(outcome: &Outcome) -> MessageData {
    let mut message = match outcome {
        Ok(Reply::Quote(r)) => quote(r),
        Ok(Reply::Summary(r)) => summary(r),
        Ok(Reply::Cite(r)) => cite(r),
        Ok(Reply::Pin(r)) => pinned(r),
        Ok(Reply::Sections(r)) => sections(r),
        Ok(Reply::Help(r)) => help(r),
        Ok(Reply::Verify(r)) => verify::reply(r),
        Ok(Reply::LibraryAdded(r)) => library::added(r),
        Ok(Reply::LibraryRemoved(r)) => library::removed(r),
        Ok(Reply::LibraryList(r)) => library::list(r),
        Ok(Reply::LibraryShared(r)) => library::shared(r),
        Err(e) => notice(&e.to_string()),
    };
    fit_message(&mut message);
    message
}

/// A short message only the user sees: errors, refusals, "nothing found".
pub fn notice(text: &str) -> MessageData {
    let mut message = MessageData {
        content: Some(fit(text, limits::CONTENT)),
        flags: Some(EPHEMERAL),
        ..MessageData::default()
    };
    fit_message(&mut message);
    message
}

/// The public message `/pin` (or the Pin button) posts and pins.
pub fn pinned(r: &CiteReply) -> MessageData {
    let mut message = MessageData {
        content: Some("📌".to_string()),
        embeds: vec![paragraph_embed(r)],
        ..MessageData::default()
    };
    fit_message(&mut message);
    message
}

/// "¶12 · Trump’s New Deal".
fn heading(c: &Citation) -> String {
    format!("¶{} · {}", c.paragraph, c.section)
}

/// The citation after the ¶ and section: author, title, publisher, date.
fn source(c: &Citation) -> String {
    c.text
        .split_once(" — ")
        .map_or(c.text.as_str(), |(_, s)| s)
        .to_string()
}

fn paragraph_embed(r: &CiteReply) -> Embed {
    Embed {
        title: Some(heading(&r.citation)),
        description: Some(escape_markdown(&r.text)),
        url: r.citation.link.clone(),
        color: Some(COLOR),
        footer: Some(EmbedFooter {
            text: source(&r.citation),
        }),
        ..Embed::default()
    }
}

fn cite(r: &CiteReply) -> MessageData {
    MessageData {
        embeds: vec![paragraph_embed(r)],
        ..MessageData::default()
    }
}

fn quote(r: &QuoteReply) -> MessageData {
    if r.hits.is_empty() {
        let mut text = r
            .note
            .clone()
            .unwrap_or_else(|| "Nothing matches.".to_string());
        if let Some(line) = r.suggestion_line() {
            text.push(' ');
            text.push_str(&line);
        }
        return notice(&escape_markdown(&text));
    }
    let first = r.hits.first().map_or(0, |h| h.rank);
    let last = r.hits.last().map_or(0, |h| h.rank);
    let query = escape_markdown(&r.query);
    let mut content = format!("Passages for “{query}”: {first}–{last} of {}", r.total);
    if r.pages() > 1 {
        content.push_str(&format!(" · page {} of {}", r.page, r.pages()));
    }
    if r.fuzzy {
        content.push_str(" · including near spellings");
    }

    let embeds = r
        .hits
        .iter()
        .enumerate()
        .map(|(i, hit)| {
            let description: String = hit
                .excerpt_pieces()
                .into_iter()
                .map(|(piece, bold)| {
                    let escaped = escape_markdown(piece);
                    if bold {
                        format!("**{escaped}**")
                    } else {
                        escaped
                    }
                })
                .collect();
            Embed {
                // The first embed carries the query, so a page button whose custom_id had no
                // room for it can read it back from the message.
                author: (i == 0).then(|| EmbedAuthor {
                    name: format!("{QUOTE_AUTHOR_PREFIX}{}", r.query),
                }),
                title: Some(heading(&hit.citation)),
                // Each embed needs its own URL or Discord merges them; the text fragment makes
                // the links differ.
                url: hit.citation.link.clone(),
                description: Some(description),
                color: Some(COLOR),
                footer: Some(EmbedFooter {
                    text: source(&hit.citation),
                }),
                ..Embed::default()
            }
        })
        .collect();

    let mut rows = Vec::new();
    let page_button = |page: usize, label: &str| {
        Button::new(
            style::PRIMARY,
            label,
            ButtonState::Page {
                page,
                count: r.count,
                doc: r.doc.clone(),
                query: Some(r.query.clone()),
            }
            .encode(),
        )
    };
    let mut nav = Vec::new();
    if r.has_previous() {
        nav.push(page_button(r.page - 1, "◀ Previous"));
    }
    if r.has_next() {
        nav.push(page_button(r.page + 1, "Next ▶"));
    }
    if !nav.is_empty() {
        rows.push(ActionRow::new(nav));
    }
    // One button per passage: read it whole (to yourself), pin it (moderators).
    let per_hit = |label: &dyn Fn(usize) -> String,
                   state: &dyn Fn(usize, String) -> ButtonState| {
        ActionRow::new(
            r.hits
                .iter()
                .map(|h| {
                    Button::new(
                        style::SECONDARY,
                        label(h.paragraph),
                        state(h.paragraph, h.doc.clone()).encode(),
                    )
                })
                .collect(),
        )
    };
    rows.push(per_hit(&|p| format!("¶{p} in full"), &|paragraph, doc| {
        ButtonState::Full { paragraph, doc }
    }));
    rows.push(per_hit(
        &|p| format!("📌 Pin ¶{p}"),
        &|paragraph, doc| ButtonState::Pin { paragraph, doc },
    ));

    MessageData {
        content: Some(content),
        embeds,
        components: rows,
        ..MessageData::default()
    }
}

/// Adds lines while they fit in `max`, then says how many were left out.
pub(super) fn lines_within(lines: &[String], max: usize) -> String {
    // Room kept for "… and N more".
    const RESERVE: usize = 24;
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let separator = if out.is_empty() { "" } else { "\n" };
        if limits::len(&out) + limits::len(separator) + limits::len(line) + RESERVE > max
            && i + 1 < lines.len()
            || limits::len(&out) + limits::len(separator) + limits::len(line) > max
        {
            out.push_str(&format!("{separator}… and {} more", lines.len() - i));
            break;
        }
        out.push_str(separator);
        out.push_str(line);
    }
    fit(&out, max)
}

fn summary(r: &SummaryReply) -> MessageData {
    let Some(first) = r.sentences.first() else {
        return notice("That part of the document has no sentences to summarise.");
    };
    let lines: Vec<String> = r
        .sentences
        .iter()
        .map(|s| {
            let cite = match &s.citation.link {
                Some(link) => format!("[¶{}]({link})", s.paragraph),
                None => format!("¶{}", s.paragraph),
            };
            format!("• {} {cite}", escape_markdown(&s.text))
        })
        .collect();
    let scope = match (&r.section, r.section_number) {
        (Some(title), Some(n)) => format!("§{n} {title}"),
        _ => first.citation.title.clone(),
    };
    MessageData {
        embeds: vec![Embed {
            title: Some(format!("Summary · {scope}")),
            description: Some(lines_within(&lines, limits::DESCRIPTION)),
            url: first.citation.source.clone(),
            color: Some(COLOR),
            footer: Some(EmbedFooter {
                text: source(&first.citation),
            }),
            ..Embed::default()
        }],
        ..MessageData::default()
    }
}

/// A document's sections, one line each: number, title, ¶ range.
fn section_lines(sections: &[crate::commands::reply::SectionEntry]) -> Vec<String> {
    sections
        .iter()
        .map(|s| {
            format!(
                "**{}.** {} — {}",
                s.number,
                escape_markdown(&s.title),
                crate::commands::sections_range(s.first, s.last)
            )
        })
        .collect()
}

fn sections(r: &SectionsReply) -> MessageData {
    let lines = section_lines(&r.sections);
    MessageData {
        embeds: vec![Embed {
            title: Some(r.title.clone()),
            description: Some(lines_within(&lines, limits::DESCRIPTION)),
            color: Some(COLOR),
            footer: Some(EmbedFooter {
                text: "/summary 2 summarises section 2 · /cite 12 quotes ¶12".to_string(),
            }),
            ..Embed::default()
        }],
        ..MessageData::default()
    }
}

fn help(r: &HelpReply) -> MessageData {
    let fields = r
        .commands
        .iter()
        .map(|c| {
            let examples: Vec<String> = c
                .examples
                .iter()
                .map(|e| format!("`{}`", e.replace('`', "'")))
                .collect();
            EmbedField {
                name: c.usage.clone(),
                value: format!("{}\n{}", c.description, examples.join(" · ")),
                inline: false,
            }
        })
        .collect();
    MessageData {
        embeds: vec![Embed {
            title: Some("citebot: quotes with their sources".to_string()),
            description: Some(
                "Every quotation is verbatim from the document and cited to its paragraph. Queries take \"phrases\", AND, OR, -word, and plain questions."
                    .to_string(),
            ),
            color: Some(COLOR),
            fields,
            ..Embed::default()
        }],
        flags: Some(EPHEMERAL),
        ..MessageData::default()
    }
}
