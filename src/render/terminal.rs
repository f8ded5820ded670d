//! Plain text for a terminal, with matched words in bold when the output is a terminal.

use std::fmt::Write;

use super::Outcome;
use crate::citation::Citation;
use crate::commands::Reply;
use crate::commands::reply::{
    AddedReply, CiteReply, HelpReply, ListEntry, ListReply, QuoteReply, RemovedReply,
    SectionsReply, SharedReply, SummaryReply, VerifyReply,
};
use crate::text::{iso_date, plural, thousands};
use crate::verify::{Mark, SpanCheck, Verdict};

/// How to mark emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI bold (only when writing to a terminal that wants colour).
    pub ansi: bool,
}

impl Style {
    fn bold(&self, text: &str) -> String {
        if self.ansi {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Source words a quote left out.
    fn removed(&self, text: &str) -> String {
        if self.ansi {
            format!("\x1b[9m{text}\x1b[0m")
        } else {
            format!("[-{text}-]")
        }
    }

    /// Words a quote has that the source does not.
    fn added(&self, text: &str) -> String {
        if self.ansi {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            format!("{{+{text}+}}")
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.ansi {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// The answer as text, ending without a newline.
pub fn render(outcome: &Outcome, style: Style) -> String {
    let text = match outcome {
        Ok(Reply::Quote(r)) => quote(r, style),
        Ok(Reply::Summary(r)) => summary(r, style),
        Ok(Reply::Cite(r)) => cite(r, style),
        Ok(Reply::Pin(r)) => format!(
            "{}\n\n{}",
            style.dim("In Discord, /pin posts this paragraph in the channel and pins it:"),
            cite(r, style)
        ),
        Ok(Reply::Sections(r)) => sections(r, style),
        Ok(Reply::Help(r)) => help(r, style),
        Ok(Reply::Verify(r)) => verify(r, style),
        Ok(Reply::LibraryAdded(r)) => added(r, style),
        Ok(Reply::LibraryRemoved(r)) => removed(r),
        Ok(Reply::LibraryList(r)) => list(r, style),
        Ok(Reply::LibraryShared(r)) => shared(r),
        Err(e) => e.to_string(),
    };
    text.trim_end().to_string()
}

/// Documents and queries may hold control characters (an escape sequence could repaint the
/// user's terminal); show them as spaces. Our own ANSI codes are added after this.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

fn citation(out: &mut String, c: &Citation, style: Style, indent: &str) {
    let _ = writeln!(out, "{indent}— {}", clean(&c.text));
    if let Some(link) = &c.link {
        let _ = writeln!(out, "{indent}  {}", style.dim(&clean(link)));
    }
}

fn quote(r: &QuoteReply, style: Style) -> String {
    let mut out = String::new();
    let query = clean(&r.query);
    if r.hits.is_empty() {
        if let Some(note) = &r.note {
            let _ = writeln!(out, "{}", clean(note));
        }
        if let Some(line) = r.suggestion_line() {
            let _ = writeln!(out, "{}", clean(&line));
        }
        return out;
    }
    let first = r.hits.first().map_or(0, |h| h.rank);
    let last = r.hits.last().map_or(0, |h| h.rank);
    let _ = writeln!(
        out,
        "{} for “{query}”: {first}–{last} of {}{}",
        if r.total == 1 {
            "1 passage"
        } else {
            "Passages"
        },
        r.total,
        if r.fuzzy {
            " (including near spellings)"
        } else {
            ""
        }
    );
    for hit in &r.hits {
        let excerpt: String = hit
            .excerpt_pieces()
            .into_iter()
            .map(|(piece, bold)| {
                let piece = clean(piece);
                if bold { style.bold(&piece) } else { piece }
            })
            .collect();
        let _ = writeln!(out, "\n{}. {excerpt}", hit.rank);
        citation(&mut out, &hit.citation, style, "   ");
    }
    if r.has_next() {
        let _ = writeln!(
            out,
            "\nPage {} of {}. More: /quote {query} page:{}{}",
            r.page,
            r.pages(),
            r.page + 1,
            if r.count != 3 {
                format!(" count:{}", r.count)
            } else {
                String::new()
            }
        );
    }
    out
}

fn summary(r: &SummaryReply, style: Style) -> String {
    let mut out = String::new();
    let scope = match (&r.section, r.section_number) {
        (Some(title), Some(n)) => format!("section {n}, “{}”", clean(title)),
        _ => "the whole document".to_string(),
    };
    let _ = writeln!(out, "{}", style.bold(&format!("Summary of {scope}")));
    let _ = writeln!(out, "{}", clean(&r.title));
    for s in &r.sentences {
        let _ = writeln!(out, "\n• {} [¶{}]", clean(&s.text), s.paragraph);
    }
    if let Some(first) = r.sentences.first() {
        let _ = writeln!(out);
        let source = first
            .citation
            .text
            .split_once(" — ")
            .map_or(first.citation.text.as_str(), |(_, s)| s);
        let _ = writeln!(out, "— {}", clean(source));
        if let Some(source) = &first.citation.source {
            let _ = writeln!(out, "  {}", style.dim(&clean(source)));
        }
    }
    out
}

fn cite(r: &CiteReply, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", clean(&r.text));
    citation(&mut out, &r.citation, style, "");
    out
}

/// A document's sections, one line each: number, title, ¶ range.
fn section_lines(
    out: &mut String,
    sections: &[crate::commands::reply::SectionEntry],
    style: Style,
) {
    for s in sections {
        let range = crate::commands::sections_range(s.first, s.last);
        let _ = writeln!(
            out,
            "{:>3}. {}  {}",
            s.number,
            clean(&s.title),
            style.dim(&range)
        );
    }
}

fn sections(r: &SectionsReply, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold(&clean(&r.title)));
    section_lines(&mut out, &r.sections, style);
    out
}

fn help(r: &HelpReply, style: Style) -> String {
    let mut out = String::new();
    for c in &r.commands {
        let _ = writeln!(out, "{}", style.bold(&c.usage));
        let _ = writeln!(out, "    {}", c.description);
        for e in &c.examples {
            let _ = writeln!(out, "    e.g. {e}");
        }
    }
    if r.commands.len() > 1 {
        let _ = writeln!(
            out,
            "\nOptions are written name:value (quote values with spaces). A line without a slash searches."
        );
    }
    out
}

fn verify(r: &VerifyReply, style: Style) -> String {
    let mut out = String::new();
    if r.spans.is_empty() {
        let _ = writeln!(out, "{}", r.note.as_deref().unwrap_or("Nothing to check."));
        return out;
    }
    let _ = writeln!(out, "{}", style.bold(&clean(&r.tally())));
    let numbered = r.spans.len() > 1;
    for (i, span) in r.spans.iter().enumerate() {
        let _ = writeln!(out);
        let lead = if numbered {
            format!("{}. ", i + 1)
        } else {
            String::new()
        };
        verify_span(&mut out, span, style, &lead);
    }
    if let Some(note) = &r.note {
        let _ = writeln!(out, "\n{}", clean(note));
    }
    out
}

fn percent(similarity: f64) -> String {
    format!("{:.0}% alike", (similarity * 100.0).floor())
}

fn verify_span(out: &mut String, span: &SpanCheck, style: Style, lead: &str) {
    let indent = " ".repeat(lead.chars().count());
    let quoted = clean(&span.quoted);
    let place = |c: &Citation| format!("¶{} · {}", c.paragraph, clean(&c.section));
    match span.verdict {
        Verdict::TooShort => {
            let _ = writeln!(
                out,
                "{lead}{}: “{quoted}” has fewer than {} words; too many passages would match. Quote more of it.",
                style.bold(span.verdict.label()),
                crate::verify::MIN_WORDS
            );
        }
        Verdict::Verbatim | Verdict::Omissions | Verdict::Altered => {
            let heading = match &span.citation {
                Some(c) if span.verdict == Verdict::Altered => {
                    format!("{} ({})", place(c), percent(span.similarity))
                }
                Some(c) => place(c),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "{lead}{} — {heading}",
                style.bold(span.verdict.label())
            );
            for alert in span.alerts() {
                let _ = writeln!(out, "{indent}! The quote {alert}.");
            }
            if span.marked.is_empty() {
                let _ = writeln!(out, "{indent}Quoted: “{quoted}”");
            } else {
                let marked: Vec<String> = span
                    .marked
                    .iter()
                    .map(|m| {
                        let text = clean(&m.text);
                        match m.mark {
                            Mark::Same => text,
                            Mark::Removed => style.removed(&text),
                            Mark::Added => style.added(&text),
                        }
                    })
                    .collect();
                let _ = writeln!(out, "{indent}Quoted: “{}”", marked.join(" "));
            }
            if span.verdict != Verdict::Verbatim
                && let Some(source) = &span.source_text
            {
                let _ = writeln!(out, "{indent}Source: “{}”", clean(source));
            }
            if let Some(c) = &span.citation {
                citation(out, c, style, &indent);
            }
        }
        Verdict::Spliced => {
            let _ = writeln!(
                out,
                "{lead}{} from {} places",
                style.bold(span.verdict.label()),
                span.parts.len()
            );
            for (part, source) in &span.parts {
                let _ = writeln!(
                    out,
                    "{indent}“{}” — {} ({})",
                    clean(part),
                    place(&source.citation),
                    if source.similarity >= 1.0 {
                        "verbatim".to_string()
                    } else {
                        percent(source.similarity)
                    }
                );
                let _ = writeln!(out, "{indent}  Source: “{}”", clean(&source.source_text));
                citation(out, &source.citation, style, &format!("{indent}  "));
            }
        }
        Verdict::NotFound => {
            let _ = writeln!(
                out,
                "{lead}{}: “{quoted}”",
                style.bold(span.verdict.label())
            );
            if span.nearest.is_empty() {
                let _ = writeln!(out, "{indent}Nothing in the library comes near it.");
            } else {
                let _ = writeln!(out, "{indent}Nothing matches; nearest:");
                for near in &span.nearest {
                    let _ = writeln!(
                        out,
                        "{indent}  {} ({}): “{}”",
                        place(&near.citation),
                        percent(near.similarity),
                        clean(&near.source_text)
                    );
                    citation(out, &near.citation, style, &format!("{indent}  "));
                }
            }
        }
    }
}

/// "this server's library", or the host's.
fn whose(server: Option<u64>) -> &'static str {
    if server.is_some() {
        "this server's library"
    } else {
        "the shared library"
    }
}

fn added(r: &AddedReply, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Added {} to {} as {}.",
            crate::text::quoted(&clean(&r.title)),
            whose(r.server),
            r.doc
        ))
    );
    let mut facts = Vec::new();
    if let Some(author) = &r.author {
        facts.push(format!("by {}", clean(author)));
    }
    if let Some(date) = &r.published {
        facts.push(date.to_string());
    }
    if let Some(url) = &r.url {
        facts.push(clean(url));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}", facts.join(" · "));
    }
    let _ = writeln!(
        out,
        "{} in {}:",
        plural(r.paragraphs, "paragraph", "paragraphs"),
        plural(r.sections.len(), "section", "sections")
    );
    section_lines(&mut out, &r.sections, style);
    if !r.dropped.is_empty() {
        let left: Vec<String> = r
            .dropped
            .iter()
            .map(|d| format!("{} × {}", d.count, d.what))
            .collect();
        let _ = writeln!(out, "Left out: {}.", left.join("; "));
    }
    out
}

fn removed(r: &RemovedReply) -> String {
    format!(
        "Removed {} ({}) from {}.",
        crate::text::quoted(&clean(&r.title)),
        r.doc,
        whose(r.server)
    )
}

fn entry_line(e: &ListEntry) -> String {
    let mut line = format!(
        "  {}  {}  {} ¶",
        e.doc,
        crate::text::quoted(&clean(&e.title)),
        e.paragraphs
    );
    if let Some(by) = &e.added_by {
        line.push_str(&format!("  added by {}", clean(by)));
    }
    if let Some(at) = e.added_at {
        line.push_str(&format!(" on {}", iso_date(at)));
    }
    if let Some(source) = &e.source {
        line.push_str(&format!(" from {}", clean(source)));
    }
    line
}

fn list(r: &ListReply, style: Style) -> String {
    let mut out = String::new();
    if r.server.is_some() {
        let _ = writeln!(
            out,
            "{}",
            style.bold(&format!(
                "This server's readings: {} of {}, {} of {} paragraphs",
                r.documents,
                r.max_documents,
                thousands(r.paragraphs),
                thousands(r.max_paragraphs)
            ))
        );
        if r.own.is_empty() {
            let _ = writeln!(out, "  none yet: /library add url:… or file:… adds one");
        }
        for e in &r.own {
            let _ = writeln!(out, "{}", entry_line(e));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Shared readings{}",
            if r.shared_hidden {
                " (hidden in this server)"
            } else {
                ""
            }
        ))
    );
    for e in &r.shared {
        let _ = writeln!(out, "{}", entry_line(e));
    }
    out
}

fn shared(r: &SharedReply) -> String {
    format!(
        "The {} {} now {} in this server's answers.",
        plural(r.documents, "shared reading", "shared readings"),
        if r.documents == 1 { "is" } else { "are" },
        if r.show { "shown" } else { "hidden" }
    )
}
