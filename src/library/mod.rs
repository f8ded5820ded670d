//! The library: documents split into sections, numbered paragraphs and sentences.
//!
//! Everything citebot quotes is a byte range of a [`Paragraph`]'s text, which is kept exactly as
//! the document has it; nothing downstream rewrites it.

pub mod catalog;
mod date;
pub mod encoding;
mod gaps;
pub mod html;
mod load;
mod markdown;
mod meta;
pub mod page;
mod plaintext;
mod repeats;
mod sentences;

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

pub use catalog::{Audience, Catalog, ServerSettings};
pub use date::Date;
pub use load::{
    DocumentError, Format, LibraryError, Loaded, load_dir, parse_document, parse_reporting,
};
pub use meta::{Metadata, PartialMetadata};
pub use sentences::segment as segment_sentences;

use crate::analysis::fold;

/// Documents citebot can quote, ordered by id: all of them, or those one server sees.
/// Documents are shared, so a library is cheap to copy and to narrow.
#[derive(Debug, Clone, Default)]
pub struct Library {
    documents: Vec<Arc<Document>>,
    /// By id and by key.
    by_id: HashMap<String, usize>,
}

/// One article. Its id is its file stem (`deterrence-or-detente`).
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    /// Unique across every server's library: the id for the host's documents, `<server>/<id>`
    /// for a server's own.
    pub key: String,
    pub owner: Owner,
    pub meta: Metadata,
    pub sections: Vec<Section>,
    /// Paragraph ¶N is `paragraphs[N - 1]`.
    pub paragraphs: Vec<Paragraph>,
    pub path: PathBuf,
    /// Who added it from Discord, when, and from where.
    pub added: Option<Added>,
    /// A digest of the files it was read from: equal digests, equal documents.
    pub digest: u64,
}

/// Whose library a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Owner {
    /// The host's `index/` folder: every server sees it, unless it hides it.
    #[default]
    Host,
    /// A Discord server (guild) by id: only that server sees it.
    Server(u64),
}

impl Owner {
    /// How the search index names it.
    pub fn term(self) -> String {
        match self {
            Owner::Host => "host".to_string(),
            Owner::Server(id) => id.to_string(),
        }
    }

    /// The key of its document `id`, unique across every server's library (see
    /// [`Document::key`]).
    pub fn key(self, id: &str) -> String {
        match self {
            Owner::Host => id.to_string(),
            Owner::Server(s) => format!("{s}/{id}"),
        }
    }
}

pub use meta::Added;

/// A run of paragraphs under one heading; an untitled opening is the "Introduction".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1-based, in document order; the number users type (`/summary 2`).
    pub number: usize,
    pub title: String,
    /// First and last paragraph numbers, inclusive.
    pub first: usize,
    pub last: usize,
    /// An "About the author" section: cited like any other, left out of whole-document summaries.
    pub is_about: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// ¶N, counted from 1 across the whole document.
    pub number: usize,
    /// Index into [`Document::sections`].
    pub section: usize,
    /// Verbatim, trimmed of surrounding whitespace only.
    pub text: String,
    /// Byte ranges into `text`, trimmed, in order, segmented once at load.
    pub sentences: Vec<Range<usize>>,
    /// 1-based line in the source file where the paragraph starts (for error messages and tools).
    pub line: usize,
}

/// Title used when a document starts without a heading.
pub const INTRODUCTION: &str = "Introduction";

impl Library {
    /// Documents are sorted by id so that numbering, indexing and paging are deterministic.
    pub fn new(documents: Vec<Document>) -> Self {
        Self::shared(documents.into_iter().map(Arc::new).collect())
    }

    /// A library of documents already shared with another (a server's view of the whole).
    pub fn shared(mut documents: Vec<Arc<Document>>) -> Self {
        documents.sort_by(|a, b| a.id.cmp(&b.id).then(a.key.cmp(&b.key)));
        documents.dedup_by(|a, b| a.key == b.key);
        let mut by_id = HashMap::with_capacity(documents.len() * 2);
        for (i, d) in documents.iter().enumerate() {
            by_id.entry(d.id.clone()).or_insert(i);
            by_id.insert(d.key.clone(), i);
        }
        Library { documents, by_id }
    }

    pub fn documents(&self) -> &[Arc<Document>] {
        &self.documents
    }

    /// A document by its id, or by its key.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &*self.documents[i])
    }

    /// The shared handle of a document, by id or key.
    pub fn get_shared(&self, id: &str) -> Option<&Arc<Document>> {
        self.by_id.get(id).map(|&i| &self.documents[i])
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    pub fn paragraph_count(&self) -> usize {
        self.documents.iter().map(|d| d.paragraphs.len()).sum()
    }

    /// Documents a user's loosely typed name could mean, most specific first: the exact id;
    /// an id or title that is the typed text, ignoring case and accents; an id that starts with
    /// it; then every id or title that contains it. Only a tie at the first step that matches
    /// returns several.
    pub fn find(&self, name: &str) -> Vec<&Document> {
        let name = name.trim();
        if let Some(doc) = self.get(name) {
            return vec![doc];
        }
        let wanted = fold(name);
        if wanted.is_empty() {
            return Vec::new();
        }
        let steps: [&dyn Fn(&Document) -> bool; 3] = [
            &|d| fold(&d.id) == wanted || fold(&d.meta.title) == wanted,
            &|d| fold(&d.id).starts_with(&wanted),
            &|d| fold(&d.id).contains(&wanted) || fold(&d.meta.title).contains(&wanted),
        ];
        for step in steps {
            let found: Vec<&Document> = self
                .documents
                .iter()
                .map(|d| &**d)
                .filter(|d| step(d))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }
}

impl Document {
    pub fn paragraph(&self, number: usize) -> Option<&Paragraph> {
        number.checked_sub(1).and_then(|i| self.paragraphs.get(i))
    }

    pub fn section_of(&self, paragraph: &Paragraph) -> &Section {
        &self.sections[paragraph.section]
    }

    /// The section a user means by what they typed: its number ("2", "§2", "section 2"), or any
    /// part of its title, ignoring case, accents and curly quotes. A title that starts with the
    /// text beats one that merely contains it; among equals the earlier section wins.
    pub fn find_section(&self, typed: &str) -> Option<&Section> {
        let typed = typed.trim();
        if let Some(n) = section_number(typed) {
            return self.sections.iter().find(|s| s.number == n);
        }
        let wanted = fold(typed);
        if wanted.is_empty() {
            return None;
        }
        let rank = |s: &Section| {
            let title = fold(&s.title);
            if title == wanted {
                Some(0)
            } else if title.starts_with(&wanted) {
                Some(1)
            } else if title
                .match_indices(&wanted)
                .any(|(i, _)| i == 0 || !title[..i].ends_with(char::is_alphanumeric))
            {
                Some(2)
            } else if title.contains(&wanted) {
                Some(3)
            } else {
                None
            }
        };
        self.sections
            .iter()
            .filter_map(|s| rank(s).map(|r| (r, s)))
            .min_by_key(|(r, s)| (*r, s.number))
            .map(|(_, s)| s)
    }

    /// Sentences of a paragraph as text.
    pub fn sentence_text<'a>(&self, paragraph: &'a Paragraph, i: usize) -> Option<&'a str> {
        paragraph
            .sentences
            .get(i)
            .and_then(|r| paragraph.text.get(r.clone()))
    }
}

/// "2", "#2", "§2", "section 2", "s2" → 2.
fn section_number(typed: &str) -> Option<usize> {
    let lower = typed.trim().to_lowercase();
    let digits = lower
        .strip_prefix("section")
        .or_else(|| lower.strip_prefix('§'))
        .or_else(|| lower.strip_prefix('#'))
        .or_else(|| lower.strip_prefix('s'))
        .unwrap_or(&lower)
        .trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_are_typed_loosely() {
        assert_eq!(section_number("2"), Some(2));
        assert_eq!(section_number(" §3 "), Some(3));
        assert_eq!(section_number("Section 4"), Some(4));
        assert_eq!(section_number("s1"), Some(1));
        assert_eq!(section_number("sanctions"), None);
        assert_eq!(section_number("99999999999999999999999"), None);
    }
}
