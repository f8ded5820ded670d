//! Markdown documents: an optional front-matter block (`---` … `---`, `key: value` lines) with
//! the citation metadata, then `#` headings and paragraphs separated by blank lines.

use super::load::{Block, Draft};
use super::meta::PartialMetadata;

/// A front-matter line that cannot be read, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Draft, FrontMatterError> {
    let lines: Vec<&str> = text.lines().collect();
    let (mut meta, body_start) = front_matter(&lines)?;

    let mut blocks = Vec::new();
    let mut paragraph: Option<(String, usize)> = None;
    let mut in_fence = false;
    for (i, raw) in lines.iter().enumerate().skip(body_start) {
        let line = raw.trim();
        let number = i + 1;
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let heading = (!in_fence).then(|| heading(line)).flatten();
        if (line.is_empty() || heading.is_some())
            && let Some((text, line)) = paragraph.take()
        {
            blocks.push(Block::Paragraph { text, line });
        }
        if let Some((level, title)) = heading {
            if level == 1 && meta.title.is_none() {
                meta.title = Some(title.to_string());
            } else if !title.is_empty() {
                blocks.push(Block::Heading {
                    title: title.to_string(),
                    line: number,
                });
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        match paragraph.as_mut() {
            Some((text, _)) => {
                text.push(' ');
                text.push_str(line);
            }
            None => paragraph = Some((line.to_string(), number)),
        }
    }
    if let Some((text, line)) = paragraph {
        blocks.push(Block::Paragraph { text, line });
    }
    Ok(Draft { meta, blocks })
}

/// `## Title ##` → (2, "Title").
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
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

    #[test]
    fn front_matter_headings_paragraphs() {
        let text = "---\ntitle: \"A Title\"\nauthor: Ann\nlayout: post\n---\n\nIntro line one\nline two.\n\n## First\n\nBody.\n";
        let draft = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(draft.meta.title.as_deref(), Some("A Title"));
        assert_eq!(draft.meta.author.as_deref(), Some("Ann"));
        assert_eq!(
            draft.blocks,
            vec![
                Block::Paragraph {
                    text: "Intro line one line two.".into(),
                    line: 7
                },
                Block::Heading {
                    title: "First".into(),
                    line: 10
                },
                Block::Paragraph {
                    text: "Body.".into(),
                    line: 12
                },
            ]
        );
    }

    #[test]
    fn h1_is_the_title_without_front_matter() {
        let draft = parse("# The Title\n\nText.\n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(draft.meta.title.as_deref(), Some("The Title"));
        assert_eq!(draft.blocks.len(), 1);
    }

    #[test]
    fn malformed_front_matter_names_its_line() {
        let err = parse("---\ntitle: x\nno colon here\n---\n").err();
        assert_eq!(err.map(|e| e.line), Some(3));
        let err = parse("---\ntitle: x\n").err();
        assert_eq!(err.map(|e| e.line), Some(1));
    }
}
