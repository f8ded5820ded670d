//! Misspellings: the fuzzy fallback and the "did you mean" suggester share one notion of near,
//! so every word the suggester would offer is a word the search tried.

mod common;

use citebot::analysis;
use citebot::commands::input::Quote;
use citebot::commands::{Command, Reply};
use citebot::search::{Request, Results};
use proptest::prelude::*;

fn search(engine: &citebot::Engine, query: &str) -> citebot::search::Results {
    engine
        .search(Request {
            query,
            doc: None,
            offset: 0,
            limit: 10,
            owners: None,
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn a_misspelling_the_suggester_knows_is_searched() {
    let engine = common::engine();
    // The case: the suggester offered "Azovstal" while the search found nothing.
    let results = search(&engine, "Azovstahl");
    assert!(results.fuzzy);
    assert_eq!(results.hits.first().map(|h| h.paragraph), Some(9));
    let suggested = engine
        .index()
        .suggest(engine.library(), &["Azovstahl".to_string()], 3, None);
    assert!(suggested.near);
    assert_eq!(suggested.words, vec!["Azovstal".to_string()]);
}

#[test]
fn a_misspelling_inside_a_longer_query_still_finds_its_paragraph() {
    let engine = common::engine();
    for (query, paragraph) in [
        ("siege of Azovstahl", 9),
        ("Zelenksy illegitimate president", 10),
        ("Kissenger diplomatic triangle", 19),
        ("Hegseth de-ocupation", 11),
    ] {
        let results = search(&engine, query);
        assert_eq!(
            results.hits.first().map(|h| h.paragraph),
            Some(paragraph),
            "{query}"
        );
    }
}

#[test]
fn a_word_is_found_hyphenated_or_joined_whichever_the_article_writes() {
    let engine = common::engine();
    // The article writes "de-occupation", "co-authored" and "tradeoff" as "trade-off".
    for (query, hyphenated) in [
        ("deoccupation", "de-occupation"),
        ("coauthored", "co-authored"),
        ("tradeoff", "trade-off"),
    ] {
        let joined = search(&engine, query);
        let written = search(&engine, hyphenated);
        assert!(!joined.hits.is_empty(), "{query}");
        assert_eq!(
            joined.hits.first().map(|h| h.paragraph),
            written.hits.first().map(|h| h.paragraph),
            "{query}"
        );
    }
    // And the other way round: the article writes "cooperation" and "multipolar" as one word,
    // a reader may hyphenate them (British spelling often does).
    for (hyphenated, joined) in [
        ("co-operation", "cooperation"),
        ("multi-polar", "multipolar"),
    ] {
        let typed = search(&engine, hyphenated);
        let written = search(&engine, joined);
        assert!(!written.hits.is_empty(), "{joined}");
        let paragraphs = |r: &citebot::search::Results| -> Vec<usize> {
            r.hits.iter().map(|h| h.paragraph).collect()
        };
        assert_eq!(paragraphs(&typed), paragraphs(&written), "{hyphenated}");
    }
    // Halves the article holds, but never side by side, are not the word.
    for query in ["natopeace", "tankwar"] {
        assert!(search(&engine, query).hits.is_empty(), "{query}");
    }
}

#[test]
fn far_from_every_word_is_nothing_and_says_so() {
    let engine = common::engine();
    // Two edits turn "medieval" into "medical"; that is not a misspelling.
    for query in ["quantum", "medieval castles", "photosynthesis"] {
        let results = search(&engine, query);
        assert!(results.hits.is_empty(), "{query}");
        let suggested = engine
            .index()
            .suggest(engine.library(), &[query.to_string()], 3, None);
        assert!(!suggested.near, "{query}: {:?}", suggested.words);
        assert_eq!(suggested.words.len(), 3);
    }
}

#[test]
fn a_query_mostly_about_something_else_is_nothing_and_names_what_is_missing() {
    let engine = common::engine();
    // "nato" is in the article; "quantum" and "photosynthesis" are not, nor near any word.
    let results = search(&engine, "quantum photosynthesis nato");
    assert!(results.hits.is_empty());
    assert_eq!(results.unknown, vec!["quantum", "photosynthesis"]);
    let reply = engine.run(&Command::Quote(Quote {
        query: "quantum photosynthesis nato".into(),
        doc: None,
        count: None,
        page: 1,
    }));
    let Ok(Reply::Quote(reply)) = reply else {
        panic!("{reply:?}");
    };
    assert!(reply.hits.is_empty());
    assert_eq!(
        reply.note.as_deref(),
        Some(
            "Nothing in the library matches “quantum photosynthesis nato”: no reading has \
             “quantum” or “photosynthesis”."
        )
    );
    // Half the words known is still a search: the user may have added one word too many.
    assert!(!search(&engine, "quantum nato").hits.is_empty());
    // Misspellings are not "something else": each has a near word the search tries.
    assert!(!search(&engine, "Azovstahl Zelenksy nato").hits.is_empty());
}

#[test]
fn a_name_the_article_does_not_mention_is_nothing_though_it_shares_a_first_name() {
    let engine = common::engine();
    // The article names Donald Trump and Joe Biden, not Joe Manchin nor Donald Tusk: "Joe"
    // and "Donald" alone would answer with the wrong people.
    for query in ["Joe Manchin", "Donald Tuskk", "Mr Zadesenetz Kowalczyk"] {
        let results = search(&engine, query);
        assert!(results.hits.is_empty(), "{query}: {:?}", results.hits);
        let reply = engine.run(&Command::Quote(Quote {
            query: query.into(),
            doc: None,
            count: None,
            page: 1,
        }));
        let Ok(Reply::Quote(reply)) = reply else {
            panic!("{reply:?}");
        };
        assert!(
            reply.note.is_some_and(|n| n.starts_with("Nothing")),
            "{query}"
        );
    }
    // A surname it holds answers, whatever first name is typed with it, and so does a
    // misspelt one ("Umarow" for "Umarov").
    for (query, paragraph) in [
        ("Joe Biden", None),
        ("Temur Umarov", None),
        ("Dr Umarov", None),
        ("Temur Umarow", None),
        ("Oleksandra Zadesenets", None),
    ] {
        let results = search(&engine, query);
        let expected = paragraph.or_else(|| {
            search(&engine, query.split(' ').next_back().unwrap_or(query))
                .hits
                .first()
                .map(|h| h.paragraph)
        });
        assert!(expected.is_some(), "{query}");
        assert!(
            results.hits.iter().any(|h| Some(h.paragraph) == expected),
            "{query}: {:?}",
            results.hits
        );
    }
    // A topic in title case is no name: its last word is a word of the language, and the
    // article's words for it still answer.
    assert!(!search(&engine, "Russian Disarmament").hits.is_empty());
    // Typed in lower case, or as a longer query, it is searched as words, as before.
    assert!(!search(&engine, "joe manchin").hits.is_empty());
}

/// An engine over one document, "glued", of the paragraphs given (blank lines between).
fn glued_engine(body: &str) -> citebot::Engine {
    let dir = common::library_dir_with(&[(
        "glued.md",
        &format!("---\ntitle: Glued words\n---\n\n{body}\n"),
    )]);
    let library = citebot::library::load_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .library;
    citebot::Engine::in_memory(library, citebot::Settings::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn search_glued(engine: &citebot::Engine, query: &str) -> Results {
    engine
        .search(Request {
            query,
            doc: Some("glued"),
            limit: 10,
            ..Request::default()
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn a_name_the_page_runs_into_the_next_word_is_still_found() {
    // Salon's page writes "As Alexis Madrigalreports": no word "Madrigal" stands alone.
    let engine = glued_engine(
        "As Alexis Madrigalreports, the company has ignored city regulators in one city after \
         another.\n\nAnother paragraph, about taxis and fares.",
    );
    let in_glued = |query| search_glued(&engine, query);
    let found = in_glued("Alexis Madrigal");
    assert_eq!(found.hits.first().map(|h| h.paragraph), Some(1));
    // A name that only shares the first name is still nothing.
    let other = in_glued("Alexis Kowalczyk");
    assert!(other.hits.is_empty(), "{:?}", other.hits);
    // The surname alone: the word it begins is searched.
    let alone = in_glued("Madrigal");
    assert_eq!(alone.hits.first().map(|h| h.paragraph), Some(1));
    assert!(
        alone.matcher.terms.contains("madrigalreport"),
        "{:?}",
        alone.matcher.terms
    );
}

#[test]
fn only_a_name_is_looked_up_as_the_start_of_a_word_and_only_a_rare_start() {
    // Medium's page writes "The Ubysseynext school year"; "trans" begins four words here.
    let engine = glued_engine(
        "We will work with The Ubysseynext school year.\n\n\
         They transcend, transcribe, transfer and translate the record.",
    );
    let first = |query| {
        search_glued(&engine, query)
            .hits
            .first()
            .map(|h| h.paragraph)
    };
    assert_eq!(first("Ubyssey"), Some(1));
    // Typed in lower case it is a word, not a name: not a start to look for.
    assert_eq!(first("ubyssey"), None);
    // A start that begins many words is a stem, not a name run into the next word.
    assert_eq!(first("Trans"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any word of the article with one letter dropped, doubled or swapped: every suggestion
    /// for it is among the terms the search matched with.
    #[test]
    fn every_suggestion_is_searched(index in 0usize..10_000, edit in 0usize..3, at in 1usize..6) {
        let engine = common::engine();
        let words: Vec<String> = engine
            .library()
            .documents()
            .iter()
            .flat_map(|d| d.paragraphs.iter())
            .flat_map(|p| p.text.split(|c: char| !c.is_alphabetic()))
            .filter(|w| w.chars().count() >= 6 && w.is_ascii())
            .map(str::to_lowercase)
            .collect();
        let word = &words[index % words.len()];
        let chars: Vec<char> = word.chars().collect();
        let at = at.min(chars.len() - 2);
        let mut typo = chars.clone();
        match edit {
            0 => { typo.remove(at); }
            1 => typo.insert(at, chars[at]),
            _ => typo.swap(at, at + 1),
        }
        let typo: String = typo.into_iter().collect();
        let suggested = engine.index().suggest(engine.library(), std::slice::from_ref(&typo), 16, None);
        let results = search(&engine, &typo);
        if suggested.near {
            let mut analyzer = analysis::analyzer();
            for s in &suggested.words {
                let searched = analysis::tokens(&mut analyzer, s)
                    .iter()
                    .all(|t| results.matcher.terms.contains(&t.term));
                prop_assert!(searched, "{typo}: suggested {s} was not searched ({:?})", results.matcher.terms);
            }
            prop_assert!(!results.hits.is_empty(), "{typo}: suggestions but no hits");
        }
    }
}
