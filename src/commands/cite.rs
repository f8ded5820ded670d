//! `/cite paragraph [doc]` and `/pin paragraph [doc]`: one whole paragraph, verbatim, cited.

use super::docs;
use super::error::CommandError;
use super::input::Cite;
use super::reply::CiteReply;
use crate::citation::Citation;
use crate::engine::View;

pub fn run(engine: &View, args: &Cite) -> Result<CiteReply, CommandError> {
    let doc = docs::one(engine.library(), args.doc.as_deref())?;
    let paragraph = usize::try_from(args.paragraph)
        .ok()
        .and_then(|n| doc.paragraph(n))
        .ok_or_else(|| CommandError::UnknownParagraph {
            title: doc.meta.short_title(),
            number: args.paragraph,
            last: doc.paragraphs.len(),
        })?;
    Ok(CiteReply {
        doc: doc.id.clone(),
        paragraph: paragraph.number,
        section: doc.section_of(paragraph).title.clone(),
        text: paragraph.text.clone(),
        citation: Citation::new(doc, paragraph, &paragraph.text),
    })
}
