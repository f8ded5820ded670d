//! Reading a folder of documents: each file parsed on its own, a bad one reported with its path
//! and line and skipped, so one typo never takes the whole library down.

use std::fmt;
use std::path::{Path, PathBuf};

use super::meta::{Metadata, PartialMetadata};
use super::page::{self, Dropped};
use super::{Document, INTRODUCTION, Library, Paragraph, Section, markdown, plaintext, sentences};
use crate::analysis::fold;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading { title: String, line: usize },
    Paragraph { text: String, line: usize },
}

/// A document that could not be loaded, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DocumentError {
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("cannot read the library folder {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "no document to serve in {}{}: add a .md or .txt file there, or point --library (or \
         library.dir in config/citebot.toml) at a folder that has one",
        dir.display(),
        if *skipped > 0 { format!(" ({skipped} skipped as unreadable, see above)") } else { String::new() }
    )]
    Empty { dir: PathBuf, skipped: usize },
}

/// A loaded library and the documents that were skipped.
#[derive(Debug)]
pub struct Loaded {
    pub library: Library,
    pub errors: Vec<DocumentError>,
}

/// Document formats by file extension.
fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "txt" => Some(Format::Text),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    /// A web page as a browser saves it.
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Text, Format::Html];

    /// The format a file name says, by its extension.
    pub fn of(path: &Path) -> Option<Format> {
        format_of(path)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Html => "html",
        }
    }
}

/// Loads every `*.md`, `*.txt` and `*.html` in `dir`, and each server's under `servers/`
/// (hidden files and folders, such as the `.tantivy` cache, are not documents). A
/// `<stem>.toml` beside a document supplies or overrides metadata.
pub fn load_dir(dir: &Path) -> Result<Loaded, LibraryError> {
    let catalog = super::catalog::Catalog::load(dir)?;
    Ok(Loaded {
        library: catalog.library(),
        errors: catalog.errors.clone(),
    })
}

/// Parses one document from its bytes (and its sidecar's), as [`load_dir`] does for each file.
pub fn parse_document(
    path: &Path,
    format: Format,
    bytes: &[u8],
    sidecar: Option<(&Path, &[u8])>,
) -> Result<Document, DocumentError> {
    parse_reporting(path, format, bytes, sidecar).map(|(doc, _)| doc)
}

/// [`parse_document`], also telling what the importer left out (page furniture, captions,
/// tables, footnotes, back matter), line by line.
pub fn parse_reporting(
    path: &Path,
    format: Format,
    bytes: &[u8],
    sidecar: Option<(&Path, &[u8])>,
) -> Result<(Document, Vec<Dropped>), DocumentError> {
    let error = |line, message: String| DocumentError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let text =
        super::encoding::decode(bytes, format, None).map_err(|e| error(e.line, e.message))?;
    let text = text.as_ref();
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| error(None, "the file name is not valid UTF-8".to_string()))?
        .to_string();

    let (stated, raw, title_level) = match format {
        Format::Markdown => {
            let (meta, blocks) =
                markdown::parse(text).map_err(|e| error(Some(e.line), e.message))?;
            (meta, blocks, 1)
        }
        Format::Text => (PartialMetadata::default(), plaintext::blocks(text), 2),
        Format::Html => {
            let page = super::html::read(text, None).map_err(|message| error(None, message))?;
            (lenient(page.meta), page.blocks, 1)
        }
    };
    let sidecar_bytes = sidecar.map(|(_, b)| b);
    let sidecar = sidecar
        .map(|(sidecar_path, sidecar_bytes)| read_sidecar(sidecar_path, sidecar_bytes))
        .transpose()?;
    let known_title = sidecar
        .as_ref()
        .and_then(|(_, s, _)| s.title.clone())
        .or_else(|| stated.title.clone());
    let known_author = sidecar
        .as_ref()
        .and_then(|(_, s, _)| s.author.clone())
        .or_else(|| stated.author.clone());
    let article = page::clean_marked(
        &raw,
        known_title.as_deref(),
        known_author.as_deref(),
        title_level,
        format == Format::Html,
    );

    // The page's own header, then the front matter, then the sidecar: each may correct the last.
    let mut meta = Metadata {
        title: id.clone(),
        ..Metadata::default()
    };
    let header = article.header;
    let _ = PartialMetadata {
        title: header.title,
        author: header.author,
        published: header.published,
        category: header.category,
        ..PartialMetadata::default()
    }
    .apply(&mut meta);
    stated.apply(&mut meta).map_err(|e| {
        let line = text
            .lines()
            .position(|l| l.trim_start().to_ascii_lowercase().starts_with(e.field))
            .map(|i| i + 1);
        error(line, e.message)
    })?;
    let mut added = None;
    if let Some((sidecar_path, mut partial, sidecar_text)) = sidecar {
        added = partial.added.take();
        partial.apply(&mut meta).map_err(|e| {
            let line = sidecar_text
                .lines()
                .position(|l| l.trim_start().starts_with(e.field))
                .map(|i| i + 1);
            DocumentError {
                path: sidecar_path,
                line,
                message: e.message,
            }
        })?;
    }

    let (sections, paragraphs) = number(article.blocks);
    if paragraphs.is_empty() {
        return Err(error(
            Some(text.lines().count().max(1)),
            "no paragraphs: the document is empty (paragraphs are separated by blank lines)"
                .to_string(),
        ));
    }
    Ok((
        Document {
            key: id.clone(),
            id,
            owner: super::Owner::Host,
            meta,
            sections,
            paragraphs,
            path: path.to_path_buf(),
            added,
            digest: digest(bytes, sidecar_bytes),
        },
        article.dropped,
    ))
}

/// A digest of a document's bytes and its sidecar's (and the reader's version): what tells a
/// changed document from an unchanged one.
pub fn digest(bytes: &[u8], sidecar: Option<&[u8]>) -> u64 {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(READER_VERSION.to_le_bytes());
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
    if let Some(sidecar) = sidecar {
        hasher.update(sidecar);
    }
    let out = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&out[..8]);
    u64::from_le_bytes(first)
}

/// Bumped when the readers would read the same bytes into other paragraphs or another citation
/// (3: a byline in capitals is cased as the name is written; the site's name is read from the
/// page's `<title>`; 4: an "About the author" card, "Read more…" lines and calls to write in to
/// an e-mail address are left out; 5: headings and glossary terms kept whatever their class,
/// a term opening its definition, marked notes, photo credits and closing thanks left out,
/// linked items of a list that says something kept, numeric dates with a time, the writers
/// only of a byline, `rel="author"` links and "Posted by" footers; 6: the writers only of a
/// plain-text or Markdown byline too, and a wiki article as its reader sees it: no "[edit]"
/// links or reference marks, a quoted list's items a paragraph each, a one-word headline
/// that the `<title>` names, the footer's "last modified" date; the closing notes of each
/// writer of a byline of several, and a byline under a long standfirst; 7: a heading the
/// page's description repeats is its standfirst, "Top photo by …" credits and "Follow …:
/// Twitter | Facebook" lines are left out; a post on Medium is published by its publication;
/// 8: a short bold line that leads into a paragraph is a subheading, and the short paragraphs
/// Readability leaves out beside the article are put back; a standfirst under a time line, form
/// labels, calls to take a newsletter, "Read the full …" and "This article originally appeared
/// on …" are left out;
/// a blog's closing "Posted on … by <author>" line ends the post; a link in brackets is a
/// link, an embedded map's or video's label is furniture, a picture alone in its box has no
/// caption, a byline ends at a day without its year, and a page without a year is dated by
/// its address; 9: a site's name given as the author is its publisher, a title set again in
/// two headings is the title, a © inside a word is no copyright line, a bold question or a
/// bold line over a lead-in is a subheading, a headline may be set at any level, a date
/// source that holds no date gives way to the next, an `<abbr>`'s title among them, an
/// embedded post is media, the lines between a headline and its byline and the writer's role
/// under it are header, a `<title>` may name a section before the headline or the site before
/// a colon, a pull quote set before its paragraph is a repeat, "More … Stories" over a list
/// is a box of other stories, a byline's date may follow the name without a comma, an
/// author's note giving an e-mail address still closes the page, a line classed as a
/// subheading is one, and a time written "a.m." ends neither a date nor a sentence; 10: the
/// line naming who said a pull quote goes with it, a role run into the byline's name is cut
/// off, and the date a page shows beats a head's timestamp a day from it; 11: only a UTC
/// timestamp whose time of day allows it gives way so, a paragraph set as two blocks
/// mid-sentence is one, and an appeal to readers who enjoyed the article is furniture; 12: a
/// date line of parts ("November 20, 2019 / 1:07 AM / CBS News") is no breadcrumb, the site
/// named after the writer is no writer, a line that is one link ending in an arrow is
/// furniture, a list set inside a heading is the heading, and the site a date line ends on is
/// the publisher of a page whose head names none; 13: a teaser for another story set as a bold
/// label and a headline is no paragraph, and "Contributing: …" closes the page as the
/// contributors' line it is, and a year before 1000 is no date: Go's empty "0001-01-01"; 14:
/// what a page classes as its deck or standfirst, above the body, is the standfirst; 15: a
/// time may come before the date, "7:07 PM EST Nov 19, 2019"; 16: a line classed as a caption
/// is one, a follow line naming two sites or more and an affiliate disclosure are furniture,
/// and in HTML an article's `<header>` is its standfirst while a first paragraph before a
/// picture is the article's; 17: "Editorial" in a writer's place names no writer; 18: of two
/// copies of the headline the one with a byline under it heads the article, and a date over
/// the headline counts only when none stands under it; 19: a role after " - " in a byline is
/// no part of the name).
pub(super) const READER_VERSION: u32 = 19;

/// A page's own metadata with the fields that would not parse left out: a web page's odd date
/// is no reason to refuse its article.
fn lenient(mut meta: PartialMetadata) -> PartialMetadata {
    if meta
        .published
        .as_deref()
        .is_some_and(|d| d.parse::<super::Date>().is_err())
    {
        meta.published = None;
    }
    if meta
        .url
        .as_deref()
        .is_some_and(|u| !(u.starts_with("http://") || u.starts_with("https://")))
    {
        meta.url = None;
    }
    meta
}

/// A sidecar's metadata, with its path and text for error lines.
fn read_sidecar(
    path: &Path,
    bytes: &[u8],
) -> Result<(PathBuf, PartialMetadata, String), DocumentError> {
    let error = |line, message: String| DocumentError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|_| error(None, "not UTF-8 text: save the file as UTF-8".to_string()))?;
    let partial: PartialMetadata = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        error(line, e.message().to_string())
    })?;
    Ok((path.to_path_buf(), partial, text.to_string()))
}

/// Numbers paragraphs from 1 across the document and groups them under their headings. Text
/// before the first heading is the "Introduction"; a heading with no paragraph under it is
/// dropped, so every section cites at least one paragraph.
fn number(blocks: Vec<Block>) -> (Vec<Section>, Vec<Paragraph>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut pending: Option<String> = None;
    for block in blocks {
        match block {
            Block::Heading { title, .. } => pending = Some(title),
            Block::Paragraph { text, line } => {
                let number = paragraphs.len() + 1;
                if let Some(title) = pending.take() {
                    sections.push(Section {
                        number: sections.len() + 1,
                        title,
                        first: number,
                        last: number,
                        is_about: false,
                    });
                } else if sections.is_empty() {
                    sections.push(Section {
                        number: 1,
                        title: INTRODUCTION.to_string(),
                        first: number,
                        last: number,
                        is_about: false,
                    });
                }
                let section = sections.len() - 1;
                sections[section].last = number;
                paragraphs.push(Paragraph {
                    number,
                    section,
                    sentences: sentences::segment(&text),
                    text,
                    line,
                });
            }
        }
    }
    let count = sections.len();
    if let Some(last) = sections.last_mut() {
        let title = fold(&last.title);
        last.is_about = count > 1 && (title == "about" || title.starts_with("about "));
    }
    (sections, paragraphs)
}
