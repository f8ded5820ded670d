//! Plain text as copied from a web page: a breadcrumb ("Home / Category / Title"), the title, a
//! date, a byline ("by …"), then paragraphs separated by blank lines, with short unpunctuated
//! lines as section headings.

use super::date::Date;
use super::load::{Block, Draft};
use super::meta::PartialMetadata;

/// A heading is one line, at most this many characters…
const HEADING_MAX_CHARS: usize = 150;
/// …and this many words, not ending like a sentence.
const HEADING_MAX_WORDS: usize = 20;

pub fn parse(text: &str) -> Draft {
    let blocks = blocks(text);
    let mut meta = PartialMetadata::default();
    let mut body = blocks.iter().peekable();

    // The header: breadcrumb, title, date and byline, each optional, before the first paragraph.
    while let Some(block) = body.peek() {
        let line = block.text.as_str();
        if block.lines > 1 {
            break;
        }
        if meta.title.is_none() && meta.category.is_none() && is_breadcrumb(line) {
            let parts: Vec<&str> = line.split(" / ").map(str::trim).collect();
            if parts.len() >= 3 {
                meta.category = parts.get(parts.len() - 2).map(|s| s.to_string());
            }
        } else if meta.published.is_none() && line.parse::<Date>().is_ok() {
            meta.published = Some(line.to_string());
        } else if meta.author.is_none() && byline(line).is_some() {
            meta.author = byline(line).map(str::to_string);
        } else if meta.title.is_none() && is_heading(line) {
            meta.title = Some(line.to_string());
        } else {
            break;
        }
        body.next();
    }

    let blocks = body
        .map(|b| {
            if b.lines == 1 && is_heading(&b.text) {
                Block::Heading {
                    title: b.text.clone(),
                    line: b.line,
                }
            } else {
                Block::Paragraph {
                    text: b.text.clone(),
                    line: b.line,
                }
            }
        })
        .collect();
    Draft { meta, blocks }
}

struct RawBlock {
    text: String,
    line: usize,
    lines: usize,
}

/// Runs of non-blank lines. A line of only whitespace (a non-breaking space included) is blank.
/// Lines of one block are joined by a space: a web page's soft wrap is not a paragraph break.
fn blocks(text: &str) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::new();
    let mut current: Option<RawBlock> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some(block) => {
                block.text.push(' ');
                block.text.push_str(line);
                block.lines += 1;
            }
            None => {
                current = Some(RawBlock {
                    text: line.to_string(),
                    line: i + 1,
                    lines: 1,
                })
            }
        }
    }
    out.extend(current);
    out
}

/// "Home / Asia and Pacific / Title": parts joined by " / ", none of them a sentence.
fn is_breadcrumb(line: &str) -> bool {
    let parts: Vec<&str> = line.split(" / ").collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| ends_unlike_a_sentence(p) && p.chars().count() <= 200)
}

fn byline(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
        .or_else(|| line.strip_prefix("BY "))?
        .trim();
    (!rest.is_empty() && rest.chars().count() <= 200).then_some(rest)
}

/// Short, one line, and not ending the way a sentence does.
pub fn is_heading(line: &str) -> bool {
    line.chars().count() <= HEADING_MAX_CHARS
        && line.split_whitespace().count() <= HEADING_MAX_WORDS
        && ends_unlike_a_sentence(line)
}

fn ends_unlike_a_sentence(text: &str) -> bool {
    let last = text
        .trim()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .chars()
        .last();
    !matches!(last, None | Some('.' | '!' | '?' | '…' | ':' | ';' | ','))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn header_then_body() {
        let text = "Home / News / A Title\n\nA Title\n\n2 May 2024\n\nby Ann Author, Editor\n\n\
                    First paragraph.\n\nA Heading\n\nSecond paragraph.\n";
        let draft = parse(text);
        assert_eq!(draft.meta.title.as_deref(), Some("A Title"));
        assert_eq!(draft.meta.category.as_deref(), Some("News"));
        assert_eq!(draft.meta.published.as_deref(), Some("2 May 2024"));
        assert_eq!(draft.meta.author.as_deref(), Some("Ann Author, Editor"));
        assert_eq!(draft.blocks.len(), 3);
        assert!(
            matches!(&draft.blocks[1], Block::Heading { title, line: 11 } if title == "A Heading")
        );
    }
}
