//! `/sections [doc]`: the table of contents, each section with its paragraph range.

use super::docs;
use super::error::CommandError;
use super::reply::{SectionEntry, SectionsReply};
use crate::engine::View;
use crate::library::Document;

pub fn run(engine: &View, doc: Option<&str>) -> Result<SectionsReply, CommandError> {
    let doc = docs::one(engine.library(), doc)?;
    Ok(SectionsReply {
        doc: doc.id.clone(),
        title: doc.meta.title.clone(),
        sections: entries(doc),
    })
}

pub fn entries(doc: &Document) -> Vec<SectionEntry> {
    doc.sections
        .iter()
        .map(|s| SectionEntry {
            number: s.number,
            title: s.title.clone(),
            first: s.first,
            last: s.last,
        })
        .collect()
}

/// "1 Introduction (¶1–¶4), 2 Trump’s New Deal (¶5–¶14), …": for messages.
pub fn one_line(doc: &Document) -> String {
    doc.sections
        .iter()
        .map(|s| format!("{} {} ({})", s.number, s.title, range(s.first, s.last)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "¶5–¶14", or "¶29" for a one-paragraph section.
pub fn range(first: usize, last: usize) -> String {
    if first == last {
        format!("¶{first}")
    } else {
        format!("¶{first}–¶{last}")
    }
}
