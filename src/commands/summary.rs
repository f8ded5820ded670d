//! `/summary [section] [doc] [sentences]`: an extractive summary, each sentence cited.

use super::docs;
use super::error::CommandError;
use super::input::Summary;
use super::reply::{SummaryReply, SummarySentence};
use super::sections;
use crate::citation::Citation;
use crate::engine::View;
use crate::summary::Scope;

pub fn run(engine: &View, args: &Summary) -> Result<SummaryReply, CommandError> {
    let doc = docs::one(engine.library(), args.doc.as_deref())?;
    let section = match args
        .section
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(typed) => {
            Some(
                doc.find_section(typed)
                    .ok_or_else(|| CommandError::UnknownSection {
                        title: doc.meta.short_title(),
                        typed: typed.chars().take(100).collect(),
                        sections: sections::one_line(doc),
                    })?,
            )
        }
    };
    let scope = section.map_or(Scope::Document, Scope::Section);
    let count = args
        .sentences
        .unwrap_or(engine.settings().default_sentences)
        .max(1);
    let picks = engine
        .summarizer()
        .summarize(doc, scope, count, engine.index().stopwords());
    let sentences = picks
        .into_iter()
        .filter_map(|pick| {
            let paragraph = doc.paragraph(pick.paragraph)?;
            let text = paragraph.text.get(pick.range)?;
            Some(SummarySentence {
                text: text.to_string(),
                paragraph: paragraph.number,
                citation: Citation::new(doc, paragraph, text),
            })
        })
        .collect();
    Ok(SummaryReply {
        doc: doc.id.clone(),
        title: doc.meta.title.clone(),
        section: section.map(|s| s.title.clone()),
        section_number: section.map(|s| s.number),
        sentences,
    })
}
