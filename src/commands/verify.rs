//! `/verify text [doc]` and the "Check quote" message command: is each quotation in the text
//! verbatim, altered, spliced, or not in the library?

use super::docs;
use super::error::CommandError;
use super::reply::VerifyReply;
use crate::engine::View;
use crate::verify::{self, MIN_WORDS, spans::MAX_SPANS};

pub fn run(engine: &View, text: &str, doc: Option<&str>) -> Result<VerifyReply, CommandError> {
    let doc = docs::some(engine.library(), doc)?;
    let (spans, more) = verify::check(engine, text, doc);
    let note = if spans.is_empty() {
        Some(format!(
            "There is nothing to check: the text has no words. Paste a quotation of at least {MIN_WORDS} words, in quotation marks or as the whole text."
        ))
    } else if more > 0 {
        Some(format!(
            "Only the first {MAX_SPANS} quotations are checked; {more} more {} not. Check {} on {}.",
            if more == 1 { "was" } else { "were" },
            if more == 1 { "it" } else { "them" },
            if more == 1 { "its own" } else { "their own" }
        ))
    } else {
        None
    };
    Ok(VerifyReply {
        doc: doc.map(|d| d.id.clone()),
        spans,
        more,
        note,
    })
}
