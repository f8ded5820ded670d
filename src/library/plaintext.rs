//! Plain text as copied from a web page: blocks separated by blank lines. A block of one short
//! line that does not end like a sentence is a heading; lines that open with a bullet or a
//! number are list items; lines that open with `>` are a block quote. What is header and what is
//! furniture is decided by [`super::page`], as for every format.

use super::page::{Kind, RawBlock, ends_like_a_sentence};

/// A heading is one line, at most this many characters…
const HEADING_MAX_CHARS: usize = 150;
/// …and this many words, not ending like a sentence.
const HEADING_MAX_WORDS: usize = 20;

/// The blocks of a plain-text page.
pub fn blocks(text: &str) -> Vec<RawBlock> {
    let mut out = Vec::new();
    for chunk in chunks(text) {
        read_chunk(&chunk, &mut out);
    }
    out
}

/// Runs of non-blank lines, with the 1-based number of their first line. A line of only
/// whitespace (a non-breaking space included) is blank.
fn chunks(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut out = Vec::new();
    let mut current: Vec<(usize, &str)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push((i + 1, line));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn read_chunk(lines: &[(usize, &str)], out: &mut Vec<RawBlock>) {
    let Some(&(first_line, first)) = lines.first() else {
        return;
    };
    let block = |kind, text: String, line| RawBlock {
        kind,
        text,
        line,
        links_only: false,
    };
    // A list: every line opens with a marker; each item is a paragraph of its own.
    if lines.iter().all(|(_, l)| list_marker(l).is_some()) {
        for &(line, l) in lines {
            if let Some((ordered, item)) = list_marker(l) {
                out.push(block(Kind::Item { ordered }, item.to_string(), line));
            }
        }
        return;
    }
    // A block quote: its lines open with ">".
    if lines.iter().all(|(_, l)| l.starts_with('>')) {
        let text = join(lines.iter().map(|(_, l)| l.trim_start_matches('>').trim()));
        out.push(block(Kind::Quote, text, first_line));
        return;
    }
    if lines.len() == 1 && is_heading(first) {
        out.push(block(Kind::Heading(2), first.to_string(), first_line));
        return;
    }
    // Lines of one block are joined by a space: a web page's soft wrap is not a break.
    let text = join(lines.iter().map(|(_, l)| *l));
    let kind = match list_marker(first) {
        Some((ordered, _)) if lines.len() == 1 => Kind::Item { ordered },
        _ => Kind::Paragraph,
    };
    let text = match (kind, list_marker(first)) {
        (Kind::Item { .. }, Some((_, item))) => item.to_string(),
        _ => text,
    };
    out.push(block(kind, text, first_line));
}

fn join<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    lines.collect::<Vec<_>>().join(" ")
}

/// "• item", "- item", "* item", "– item", "1. item", "2) item" → (ordered, "item").
fn list_marker(line: &str) -> Option<(bool, &str)> {
    for bullet in ['•', '-', '*', '–', '·', '▪', '◦'] {
        if let Some(rest) = line.strip_prefix(bullet)
            && rest.starts_with([' ', '\t'])
            && !rest.trim().is_empty()
        {
            return Some((false, rest.trim()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(item) = rest.strip_prefix(['.', ')'])
            && item.starts_with([' ', '\t'])
            && !item.trim().is_empty()
        {
            return Some((true, item.trim()));
        }
    }
    None
}

/// Short, one line, not ending the way a sentence does, and not opening a quotation.
pub fn is_heading(line: &str) -> bool {
    line.chars().count() <= HEADING_MAX_CHARS
        && line.split_whitespace().count() <= HEADING_MAX_WORDS
        && !ends_like_a_sentence(line)
        && !line.ends_with(',')
        && !line.starts_with(['"', '“', '‘', '\'', '«', '„'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::load::Block;
    use crate::library::page;

    #[test]
    fn headings_are_short_and_unpunctuated() {
        assert!(is_heading("Trump’s New Deal"));
        assert!(is_heading(
            "Hawkish Threats by Dovish Means: Russia as a Tool of Trump’s Geopolitical Strategy"
        ));
        assert!(!is_heading(
            "It would seem that nothing could have saved these relations."
        ));
        assert!(!is_heading("What next?"));
        assert!(!is_heading("“We shall never surrender”"));
    }

    fn article(text: &str) -> page::Article {
        page::clean(&blocks(text), None, None, 2)
    }

    fn paragraphs(a: &page::Article) -> Vec<String> {
        a.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.clone()),
                Block::Heading { .. } => None,
            })
            .collect()
    }

    #[test]
    fn header_then_body() {
        let text = "Home / News / A Title\n\nA Title\n\n2 May 2024\n\nby Ann Author, Editor\n\n\
                    First paragraph.\n\nA Heading\n\nSecond paragraph.\n";
        let a = article(text);
        assert_eq!(a.header.title.as_deref(), Some("A Title"));
        assert_eq!(a.header.category.as_deref(), Some("News"));
        assert_eq!(a.header.published.as_deref(), Some("2 May 2024"));
        assert_eq!(a.header.author.as_deref(), Some("Ann Author, Editor"));
        assert_eq!(a.blocks.len(), 3);
        assert!(matches!(&a.blocks[1], Block::Heading { title, line: 11 } if title == "A Heading"));
    }

    const BODY: &str = "The first paragraph of the article says something worth quoting at length.";

    #[test]
    fn a_page_without_a_breadcrumb_starts_with_its_title() {
        let a = article(&format!(
            "The Title Line\n\nJane Roe | 3 March 2025\n\nShare\n\nSubscribe\n\n{BODY}\n\n\
             Tags: politics, Europe\n\n© 2025 The Review\n"
        ));
        assert_eq!(a.header.title.as_deref(), Some("The Title Line"));
        assert_eq!(a.header.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.header.published.as_deref(), Some("3 March 2025"));
        assert_eq!(paragraphs(&a), vec![BODY.to_string()]);
    }

    #[test]
    fn lists_and_quotes_stay_paragraphs() {
        let a = article(&format!(
            "Title\n\n{BODY}\n\n• Cheaper energy\n• Faster trains\n\n1. First step\n\n\
             > A quoted line\n> that continues.\n\n“We shall never surrender”\n\n\
             Related articles\n\nSomething else entirely, not the article.\n"
        ));
        assert_eq!(
            paragraphs(&a),
            vec![
                BODY,
                "Cheaper energy",
                "Faster trains",
                "First step",
                "A quoted line that continues.",
                "“We shall never surrender”"
            ]
        );
    }
}
