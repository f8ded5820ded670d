//! Every word citebot shows as a quotation is the document's own: summary sentences are found
//! verbatim in the paragraph they cite, excerpts are slices of theirs.

mod common;

use citebot::commands::input::{Quote, Summary};
use citebot::commands::reply::QuoteReply;
use citebot::commands::{Command, Reply};
use citebot::search::excerpt::ELLIPSIS;

fn summary(
    engine: &citebot::Engine,
    section: Option<&str>,
    sentences: usize,
) -> citebot::commands::reply::SummaryReply {
    match engine.run(&Command::Summary(Summary {
        section: section.map(str::to_string),
        doc: None,
        sentences: Some(sentences),
    })) {
        Ok(Reply::Summary(s)) => s,
        other => panic!("{section:?}: {other:?}"),
    }
}

#[test]
fn every_summary_sentence_is_verbatim_in_the_paragraph_it_cites() {
    let engine = common::engine();
    let doc = &engine.library().documents()[0];
    let mut scopes: Vec<Option<String>> = vec![None];
    scopes.extend(doc.sections.iter().map(|s| Some(s.number.to_string())));
    let mut checked = 0;
    for scope in &scopes {
        for n in 1..=8 {
            let reply = summary(&engine, scope.as_deref(), n);
            let available: usize = match scope {
                None => doc
                    .paragraphs
                    .iter()
                    .filter(|p| !doc.section_of(p).is_about)
                    .map(|p| p.sentences.len())
                    .sum(),
                Some(s) => {
                    let section = doc.find_section(s).unwrap_or_else(|| panic!("{s}"));
                    (section.first..=section.last)
                        .filter_map(|n| doc.paragraph(n))
                        .map(|p| p.sentences.len())
                        .sum()
                }
            };
            assert_eq!(reply.sentences.len(), n.min(available), "{scope:?} × {n}");
            let mut last = (0, 0);
            for s in &reply.sentences {
                let paragraph = doc
                    .paragraph(s.paragraph)
                    .unwrap_or_else(|| panic!("¶{}", s.paragraph));
                let at = paragraph
                    .text
                    .find(&s.text)
                    .unwrap_or_else(|| panic!("not verbatim in ¶{}: {}", s.paragraph, s.text));
                assert_eq!(s.citation.paragraph, s.paragraph);
                // In document order, never the same sentence twice.
                assert!(
                    (s.paragraph, at) > last || last == (0, 0),
                    "{scope:?}: out of order"
                );
                last = (s.paragraph, at);
                if scope.is_none() {
                    assert!(
                        !doc.section_of(paragraph).is_about,
                        "whole-document summary quoted the bio"
                    );
                } else {
                    assert_eq!(Some(doc.section_of(paragraph).number.to_string()), *scope);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} sentences checked");
}

#[test]
fn summaries_are_deterministic() {
    let a = summary(&common::engine(), Some("2"), 5);
    let b = summary(&common::engine(), Some("2"), 5);
    assert_eq!(a, b);
}

fn quote(engine: &citebot::Engine, query: &str, page: usize) -> QuoteReply {
    match engine.run(&Command::Quote(Quote {
        query: query.into(),
        doc: None,
        count: Some(5),
        page,
    })) {
        Ok(Reply::Quote(q)) => q,
        other => panic!("{query}: {other:?}"),
    }
}

#[test]
fn every_excerpt_is_a_slice_of_its_paragraph() {
    let engine = common::engine();
    let doc = &engine.library().documents()[0];
    let queries = [
        "nato",
        "russia",
        "china",
        "trump",
        "putin",
        "\"hot peace\"",
        "Zelenksy",
        "detente",
        "defense",
        "what did Putin offer Trump",
        "sanctions OR tariffs",
        "europe",
        "war",
        "the",
        "s",
        "US-Russia",
        "Trump’s",
        "peace",
        "security",
        "national interest",
    ];
    let mut checked = 0;
    for q in queries {
        for page in 1..=4 {
            for hit in quote(&engine, q, page).hits {
                let paragraph = doc
                    .paragraph(hit.paragraph)
                    .unwrap_or_else(|| panic!("¶{}", hit.paragraph));
                assert_eq!(hit.text, paragraph.text);
                let body = hit.excerpt.strip_prefix(ELLIPSIS).unwrap_or(&hit.excerpt);
                let body = body.strip_suffix(ELLIPSIS).unwrap_or(body);
                assert!(
                    paragraph.text.contains(body),
                    "{q}: excerpt not in ¶{}: {body}",
                    hit.paragraph
                );
                assert!(body.chars().count() <= 300, "{q}: excerpt over budget");
                assert_eq!(body, body.trim(), "{q}: excerpt has loose spaces");
                // Every word of the excerpt is a word of the paragraph.
                for word in body.split_whitespace() {
                    assert!(paragraph.text.contains(word));
                }
                // Highlights are inside the excerpt and on character boundaries.
                for h in &hit.highlights {
                    assert!(
                        hit.excerpt
                            .get(h.clone())
                            .is_some_and(|w| !w.trim().is_empty()),
                        "{q}: bad highlight"
                    );
                }
                // The link's text fragment quotes the excerpt's own words.
                let link = hit.citation.link.clone().unwrap_or_default();
                assert!(link.contains("#:~:text="), "{link}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} excerpts checked");
}

#[test]
fn excerpts_mark_what_matched() {
    let engine = common::engine();
    let hit = quote(&engine, "Zelenksy", 1)
        .hits
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no hit"));
    assert_eq!(hit.paragraph, 10);
    let bold: Vec<&str> = hit
        .excerpt_pieces()
        .into_iter()
        .filter(|(_, b)| *b)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(bold, vec!["Zelensky", "Zelensky"]);

    let hit = quote(&engine, "\"hot peace\"", 1)
        .hits
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no hit"));
    let bold: Vec<&str> = hit
        .excerpt_pieces()
        .into_iter()
        .filter(|(_, b)| *b)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(bold, vec!["hot peace"]);
}
