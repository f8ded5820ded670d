//! What a command answers, as plain data. Renderers turn it into terminal text, JSON, or
//! Discord embeds; nothing here knows which.

use serde::Serialize;

use crate::citation::Citation;
use crate::verify::SpanCheck;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "command", rename_all = "lowercase")]
pub enum Reply {
    Quote(QuoteReply),
    Summary(SummaryReply),
    Cite(CiteReply),
    Sections(SectionsReply),
    /// The paragraph to post and pin; the adapter does the pinning.
    Pin(CiteReply),
    Help(HelpReply),
    Verify(VerifyReply),
    #[serde(rename = "library add")]
    LibraryAdded(AddedReply),
    #[serde(rename = "library remove")]
    LibraryRemoved(RemovedReply),
    #[serde(rename = "library list")]
    LibraryList(ListReply),
    #[serde(rename = "library shared")]
    LibraryShared(SharedReply),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteReply {
    pub query: String,
    /// The document searched, or `None` for all of them.
    pub doc: Option<String>,
    /// Passages per page.
    pub count: usize,
    /// 1-based page shown.
    pub page: usize,
    /// Paragraphs matching in all.
    pub total: usize,
    /// A misspelt word was matched by a near spelling.
    pub fuzzy: bool,
    /// Empty when nothing matches: not an error.
    pub hits: Vec<QuoteHit>,
    /// When nothing matches: words the library holds that are nearest to the query's, or,
    /// when none is near, some of its most frequent words (`suggestions_near` says which).
    pub suggestions: Vec<String>,
    pub suggestions_near: bool,
    /// When nothing matches: why, in a sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteHit {
    /// 1-based rank across all pages.
    pub rank: usize,
    pub doc: String,
    pub paragraph: usize,
    pub section: String,
    /// The best passage, verbatim, with "…" where it cuts into a sentence.
    pub excerpt: String,
    /// Byte ranges of `excerpt` holding matched words.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The whole paragraph.
    pub text: String,
    pub score: f32,
    pub citation: Citation,
}

impl QuoteReply {
    /// The "did you mean" line, as every renderer shows it.
    pub fn suggestion_line(&self) -> Option<String> {
        if self.suggestions.is_empty() {
            return None;
        }
        let words = self.suggestions.join(", ");
        Some(if self.suggestions_near {
            format!("Words the library holds that are near: {words}.")
        } else {
            format!("No word the library holds is near yours; some it does hold: {words}.")
        })
    }
}

impl QuoteHit {
    pub fn excerpt_pieces(&self) -> Vec<(&str, bool)> {
        crate::search::excerpt::pieces(&self.excerpt, &self.highlights)
    }
}

impl QuoteReply {
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.count.max(1)).max(1)
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryReply {
    pub doc: String,
    pub title: String,
    /// The section's full title; `None` for the whole document.
    pub section: Option<String>,
    pub section_number: Option<usize>,
    pub sentences: Vec<SummarySentence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    /// Verbatim from the paragraph.
    pub text: String,
    pub paragraph: usize,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CiteReply {
    pub doc: String,
    pub paragraph: usize,
    pub section: String,
    pub text: String,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionsReply {
    pub doc: String,
    pub title: String,
    pub sections: Vec<SectionEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionEntry {
    pub number: usize,
    pub title: String,
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HelpReply {
    pub commands: Vec<HelpEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HelpEntry {
    pub name: String,
    pub usage: String,
    pub description: String,
    pub examples: Vec<String>,
    pub moderators_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyReply {
    /// The document checked against, or `None` for the whole library.
    pub doc: Option<String>,
    /// One check per quotation found in the text, in order.
    pub spans: Vec<SpanCheck>,
    /// Quotations past the limit, not checked.
    pub more: usize,
    /// Why nothing, or not everything, was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl VerifyReply {
    /// "Checked 2 quotations: 1 verbatim, 1 altered." — the first line every renderer shows.
    pub fn tally(&self) -> String {
        let mut counts: Vec<(crate::verify::Verdict, usize)> = Vec::new();
        for span in &self.spans {
            match counts.iter_mut().find(|(v, _)| *v == span.verdict) {
                Some((_, n)) => *n += 1,
                None => counts.push((span.verdict, 1)),
            }
        }
        let against = match &self.doc {
            Some(doc) => format!("against {doc}"),
            None => "against the library".to_string(),
        };
        let parts: Vec<String> = counts
            .iter()
            .map(|(v, n)| format!("{n} {}", v.label().to_lowercase()))
            .collect();
        format!(
            "Checked {} {against}: {}.",
            crate::text::plural(self.spans.len(), "quotation", "quotations"),
            parts.join(", ")
        )
    }
}

/// A reading added: what a moderator checks before the group relies on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddedReply {
    /// The server it was added to; `None` for the host's own library.
    pub server: Option<u64>,
    pub doc: String,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<crate::library::Date>,
    pub url: Option<String>,
    pub sections: Vec<SectionEntry>,
    pub paragraphs: usize,
    /// What the importer left out, by kind, with how many.
    pub dropped: Vec<DroppedEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DroppedEntry {
    pub what: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedReply {
    pub server: Option<u64>,
    pub doc: String,
    pub title: String,
}

/// A server's reading list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListReply {
    pub server: Option<u64>,
    /// The server's own readings.
    pub own: Vec<ListEntry>,
    /// The host's readings, which every server sees unless it hides them.
    pub shared: Vec<ListEntry>,
    pub shared_hidden: bool,
    pub documents: usize,
    pub max_documents: usize,
    pub paragraphs: usize,
    pub max_paragraphs: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListEntry {
    pub doc: String,
    pub title: String,
    pub paragraphs: usize,
    pub added_by: Option<String>,
    /// Seconds since the Unix epoch.
    pub added_at: Option<u64>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedReply {
    pub server: u64,
    pub show: bool,
    /// How many shared readings that concerns.
    pub documents: usize,
}
