//! Markdown documents: an optional front-matter block (`---` … `---`, `key: value` lines) with
//! the citation metadata, then CommonMark read by pulldown-cmark. Inline markup is rendered to
//! the text a reader sees (a link's words, not its address; emphasis without its stars), since
//! that is what a quotation must match; code, tables and raw HTML are set aside.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::meta::PartialMetadata;
use super::page::{Kind, RawBlock, Skipped};

/// A front-matter line that cannot be read, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// The front matter's metadata and the body's blocks.
pub fn parse(text: &str) -> Result<(PartialMetadata, Vec<RawBlock>), FrontMatterError> {
    let lines: Vec<&str> = text.lines().collect();
    let (meta, body_start) = front_matter(&lines)?;
    let offset: usize = text
        .split_inclusive('\n')
        .take(body_start)
        .map(str::len)
        .sum();
    let body = text.get(offset..).unwrap_or("");
    Ok((meta, blocks(body, body_start)))
}

/// Where each line starts, to turn byte offsets into line numbers.
struct Lines {
    starts: Vec<usize>,
    first: usize,
}

impl Lines {
    fn new(text: &str, first: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts, first }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.first + self.starts.partition_point(|&s| s <= offset)
    }
}

/// A block being gathered.
struct Open {
    kind: Kind,
    text: String,
    line: usize,
    /// Visible characters, and how many of them were inside links.
    shown: usize,
    linked: usize,
}

struct Reader {
    out: Vec<RawBlock>,
    open: Option<Open>,
    /// Nesting of block quotes; a quote is gathered as one block.
    quote_depth: usize,
    /// Nesting of links, images and set-aside blocks.
    link_depth: usize,
    image_depth: usize,
    skip_depth: usize,
    /// Nesting of inline HTML notes (`<d-footnote>`, `<aside>`): a page shows them as a mark
    /// or in the margin, not inside the sentence they follow.
    note_depth: usize,
    /// List orderedness, innermost last.
    lists: Vec<bool>,
}

impl Reader {
    fn start(&mut self, kind: Kind, line: usize) {
        if self.open.is_some() {
            self.flush();
        }
        self.open = Some(Open {
            kind,
            text: String::new(),
            line,
            shown: 0,
            linked: 0,
        });
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let text = collapse(&open.text);
        if text.is_empty() {
            return;
        }
        self.out.push(RawBlock {
            kind: open.kind,
            links_only: open.shown > 0 && open.linked == open.shown,
            text,
            line: open.line,
        });
    }

    fn text(&mut self, s: &str, line: usize) {
        if self.skip_depth > 0 || self.image_depth > 0 || self.note_depth > 0 {
            return;
        }
        if self.open.is_none() {
            // Text outside a paragraph: a tight list item's, or a stray line.
            let kind = match self.lists.last() {
                Some(&ordered) => Kind::Item { ordered },
                None => Kind::Paragraph,
            };
            self.start(kind, line);
        }
        let linked = self.link_depth > 0;
        if let Some(open) = self.open.as_mut() {
            open.text.push_str(s);
            let shown = s.chars().filter(|c| c.is_alphanumeric()).count();
            open.shown += shown;
            if linked {
                open.linked += shown;
            }
        }
    }

    fn space(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.text.push(' ');
        }
    }

    fn skipped(&mut self, what: Skipped, line: usize) {
        self.flush();
        self.out.push(RawBlock {
            kind: Kind::Skipped(what),
            text: String::new(),
            line,
            links_only: false,
        });
    }
}

fn blocks(body: &str, first_line: usize) -> Vec<RawBlock> {
    let lines = Lines::new(body, first_line);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut r = Reader {
        out: Vec::new(),
        open: None,
        quote_depth: 0,
        link_depth: 0,
        image_depth: 0,
        skip_depth: 0,
        note_depth: 0,
        lists: Vec::new(),
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let line = lines.line_of(range.start);
        match event {
            Event::Start(tag) => match tag {
                _ if r.skip_depth > 0 => r.skip_depth += 1,
                Tag::Paragraph if r.quote_depth > 0 => r.space(),
                Tag::Paragraph
                    if matches!(r.open.as_ref().map(|o| o.kind), Some(Kind::Item { .. })) =>
                {
                    r.space()
                }
                Tag::Paragraph => r.start(Kind::Paragraph, line),
                Tag::Heading { level, .. } => r.start(Kind::Heading(level as u8), line),
                Tag::BlockQuote(_) => {
                    if r.quote_depth == 0 {
                        r.start(Kind::Quote, line);
                    }
                    r.quote_depth += 1;
                }
                Tag::List(first) => {
                    r.flush();
                    r.lists.push(first.is_some());
                }
                Tag::Item => {
                    let ordered = r.lists.last().copied().unwrap_or(false);
                    r.start(Kind::Item { ordered }, line);
                }
                Tag::CodeBlock(_) => {
                    r.skipped(Skipped::Code, line);
                    r.skip_depth = 1;
                }
                Tag::HtmlBlock => {
                    r.skipped(Skipped::Html, line);
                    r.skip_depth = 1;
                }
                Tag::Table(_) => {
                    r.skipped(Skipped::Table, line);
                    r.skip_depth = 1;
                }
                Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_) => {
                    r.flush();
                    r.skip_depth = 1;
                }
                Tag::Image { .. } => {
                    if r.open.as_ref().is_none_or(|o| o.text.trim().is_empty()) {
                        // An image alone: remember it, for the caption under it.
                        r.open = None;
                        r.out.push(RawBlock {
                            kind: Kind::Image,
                            text: String::new(),
                            line,
                            links_only: false,
                        });
                    }
                    r.image_depth += 1;
                }
                Tag::Link { .. } => r.link_depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                _ if r.skip_depth > 0 => r.skip_depth -= 1,
                TagEnd::Paragraph if r.quote_depth > 0 => {}
                TagEnd::Paragraph
                    if matches!(r.open.as_ref().map(|o| o.kind), Some(Kind::Item { .. })) => {}
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => r.flush(),
                TagEnd::BlockQuote(_) => {
                    r.quote_depth = r.quote_depth.saturating_sub(1);
                    if r.quote_depth == 0 {
                        r.flush();
                    }
                }
                TagEnd::List(_) => {
                    r.flush();
                    r.lists.pop();
                }
                TagEnd::Image => r.image_depth = r.image_depth.saturating_sub(1),
                TagEnd::Link => r.link_depth = r.link_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(s) | Event::Code(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
                r.text(&s, line)
            }
            Event::SoftBreak | Event::HardBreak => r.space(),
            Event::Rule => {
                r.flush();
                r.out.push(RawBlock {
                    kind: Kind::Rule,
                    text: String::new(),
                    line,
                    links_only: false,
                });
            }
            Event::InlineHtml(tag) => match note_tag(&tag) {
                Some(true) => r.note_depth += 1,
                Some(false) => r.note_depth = r.note_depth.saturating_sub(1),
                None => {}
            },
            Event::Html(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    r.flush();
    r.out
}

/// Whether an inline tag opens (`Some(true)`) or closes (`Some(false)`) a note: the Distill
/// template's `<d-footnote>`, or HTML's `<aside>`.
fn note_tag(tag: &str) -> Option<bool> {
    let tag = tag.trim().to_ascii_lowercase();
    let (closing, name) = match tag.strip_prefix("</") {
        Some(rest) => (true, rest),
        None => (false, tag.strip_prefix('<')?),
    };
    let name = name
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("");
    if !matches!(name, "d-footnote" | "aside") || tag.ends_with("/>") {
        return None;
    }
    Some(!closing)
}

/// Whitespace runs become one space, as a browser shows them.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The metadata and the index of the first body line.
fn front_matter(lines: &[&str]) -> Result<(PartialMetadata, usize), FrontMatterError> {
    let mut meta = PartialMetadata::default();
    let Some(first) = lines.first() else {
        return Ok((meta, 0));
    };
    if first.trim_start_matches('\u{feff}').trim_end() != "---" {
        return Ok((meta, 0));
    }
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let number = i + 1;
        let line = raw.trim_end();
        if line == "---" || line == "..." {
            return Ok((meta, i + 1));
        }
        // Blank lines, comments, and YAML list items or continuations (indented) carry nothing
        // a citation needs.
        if line.trim().is_empty()
            || line.trim_start().starts_with('#')
            || line.starts_with(char::is_whitespace)
            || line.starts_with("- ")
        {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(FrontMatterError {
                line: number,
                message: format!("front matter line is not `key: value`: {:?}", clip(line)),
            });
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Err(FrontMatterError {
                line: number,
                message: format!("front matter key is not a word: {:?}", clip(key)),
            });
        }
        let value = unquote(value.trim()).to_string();
        let slot = match key.to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "author" => &mut meta.author,
            "published" | "date" => &mut meta.published,
            "publisher" => &mut meta.publisher,
            "url" | "source" => &mut meta.url,
            "category" => &mut meta.category,
            // Other tools' keys (layout, tags, …) are not ours to judge.
            _ => continue,
        };
        *slot = Some(value);
    }
    Err(FrontMatterError {
        line: 1,
        message:
            "front matter opened with `---` on line 1 is never closed (add a line `---` after it)"
                .to_string(),
    })
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (PartialMetadata, Vec<RawBlock>) {
        parse(text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn texts(blocks: &[RawBlock]) -> Vec<(Kind, &str, usize)> {
        blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.line))
            .collect()
    }

    #[test]
    fn front_matter_headings_paragraphs() {
        let text = "---\ntitle: \"A Title\"\nauthor: Ann\nlayout: post\n---\n\nIntro line one\nline two.\n\n## First\n\nBody.\n";
        let (meta, blocks) = read(text);
        assert_eq!(meta.title.as_deref(), Some("A Title"));
        assert_eq!(meta.author.as_deref(), Some("Ann"));
        assert_eq!(
            texts(&blocks),
            vec![
                (Kind::Paragraph, "Intro line one line two.", 7),
                (Kind::Heading(2), "First", 10),
                (Kind::Paragraph, "Body.", 12),
            ]
        );
    }

    #[test]
    fn inline_notes_are_not_part_of_the_sentence_they_follow() {
        let (_, blocks) = read(
            "It aligns incentives better.<d-footnote>A note in the margin.</d-footnote> \
             Then <aside class=\"x\">a side note</aside>the text <a href=\"/\">goes on</a>.\n",
        );
        assert_eq!(
            texts(&blocks),
            vec![(
                Kind::Paragraph,
                "It aligns incentives better. Then the text goes on.",
                1
            )]
        );
        assert_eq!(note_tag("<D-FOOTNOTE id=\"1\">"), Some(true));
        assert_eq!(note_tag("</aside >"), Some(false));
        assert_eq!(note_tag("<aside/>"), None);
        assert_eq!(note_tag("<a href=\"\">"), None);
    }

    #[test]
    fn inline_markup_is_rendered_to_what_a_reader_sees() {
        let (_, blocks) = read(
            "Some **bold**, _emphasis_ and a [link](https://example.org) with `code`.\n\n\
             [Home](/) [About](/about)\n\n* item **one**\n* item two\n\n> quoted\n>\n> still quoted\n\n\
             ```\nlet x = 1;\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n![alt text](img.png)\n\n---\n",
        );
        assert_eq!(
            texts(&blocks)[..5],
            vec![
                (
                    Kind::Paragraph,
                    "Some bold, emphasis and a link with code.",
                    1
                ),
                (Kind::Paragraph, "Home About", 3),
                (Kind::Item { ordered: false }, "item one", 5),
                (Kind::Item { ordered: false }, "item two", 6),
                (Kind::Quote, "quoted still quoted", 8),
            ]
        );
        assert!(blocks[1].links_only && !blocks[0].links_only);
        let kinds: Vec<Kind> = blocks[5..].iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Skipped(Skipped::Code),
                Kind::Skipped(Skipped::Table),
                Kind::Image,
                Kind::Rule
            ]
        );
    }

    #[test]
    fn malformed_front_matter_names_its_line() {
        let err = parse("---\ntitle: x\nno colon here\n---\n").err();
        assert_eq!(err.map(|e| e.line), Some(3));
        let err = parse("---\ntitle: x\n").err();
        assert_eq!(err.map(|e| e.line), Some(1));
    }
}
