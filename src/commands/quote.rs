//! `/quote query [doc] [count]`: the best-matching paragraphs, excerpted and cited.

use super::docs;
use super::error::CommandError;
use super::input::Quote;
use super::reply::{QuoteHit, QuoteReply, Reply};
use crate::analysis;
use crate::citation::Citation;
use crate::engine::View;
use crate::search::{Request, Suggestions, excerpt};
use crate::text::{self, plural};

/// Suggestions offered when nothing matches.
const SUGGESTIONS: usize = 3;

pub fn run(engine: &View, args: &Quote) -> Result<Reply, CommandError> {
    let library = engine.library();
    let doc = docs::some(library, args.doc.as_deref())?;
    let count = args.count.unwrap_or(engine.settings().default_count).max(1);
    let page = args.page.max(1);
    let results = engine
        .search(Request {
            query: &args.query,
            doc: doc.map(|d| d.key.as_str()),
            offset: (page - 1).saturating_mul(count),
            limit: count,
            owners: None,
        })
        .map_err(|e| CommandError::Internal(e.to_string()))?;

    let mut analyzer = analysis::analyzer();
    let mut hits = Vec::with_capacity(results.hits.len());
    for (i, hit) in results.hits.iter().enumerate() {
        let Some(document) = library.get(&hit.doc) else {
            continue;
        };
        let Some(paragraph) = document.paragraph(hit.paragraph) else {
            continue;
        };
        let excerpt = excerpt::select(
            paragraph,
            &results.matcher,
            &mut analyzer,
            engine.settings().excerpt_chars,
        );
        hits.push(QuoteHit {
            rank: (page - 1) * count + i + 1,
            doc: document.id.clone(),
            paragraph: paragraph.number,
            section: document.section_of(paragraph).title.clone(),
            citation: Citation::new(document, paragraph, excerpt.verbatim()),
            excerpt: excerpt.text,
            highlights: excerpt.highlights,
            text: paragraph.text.clone(),
            score: hit.score,
        });
    }

    let shown_query: String = args.query.chars().take(100).collect();
    let (suggestions, note) = if !hits.is_empty() {
        (Suggestions::default(), None)
    } else if results.total > 0 {
        // Past the last page.
        (
            Suggestions::default(),
            Some(format!(
                "There {} only {} matching “{shown_query}”; page {page} is past the end.",
                if results.total == 1 { "is" } else { "are" },
                plural(results.total, "passage", "passages"),
            )),
        )
    } else if results.nothing_to_search {
        (
            engine.suggest(&[], SUGGESTIONS),
            Some(format!(
                "“{shown_query}” has no words to search for. Type words, like /quote nato, or a \"phrase\"."
            )),
        )
    } else {
        let typed: Vec<String> = if results.unknown.is_empty() {
            args.query.split_whitespace().map(str::to_string).collect()
        } else {
            results.unknown.clone()
        };
        let missing: Vec<String> = results
            .unknown
            .iter()
            .map(|w| format!("“{}”", w.chars().take(40).collect::<String>()))
            .collect();
        let note = if results.unknown.len() > 1 {
            format!(
                "Nothing in the library matches “{shown_query}”: no reading has {}.",
                text::or_list(&missing)
            )
        } else {
            format!("Nothing in the library matches “{shown_query}”.")
        };
        (engine.suggest(&typed, SUGGESTIONS), Some(note))
    };

    Ok(Reply::Quote(QuoteReply {
        query: args.query.clone(),
        doc: doc.map(|d| d.id.clone()),
        count,
        page,
        total: results.total,
        fuzzy: results.fuzzy,
        hits,
        suggestions: suggestions.words,
        suggestions_near: suggestions.near,
        note,
    }))
}
