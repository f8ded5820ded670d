//! /quote, /summary, /verify and index build, on the bundled article (29 paragraphs) and on a
//! generated library of 100,000 paragraphs. Run with `cargo bench --bench core`; besides criterion's
//! estimates it prints the median and p99 of single calls.

mod support;

use std::hint::black_box;

use citebot::commands::Command;
use citebot::commands::input::{Quote, Summary};
use citebot::library::load_dir;
use citebot::search::SearchIndex;
use citebot::summary::{Scope, Summarizer, Weights};
use citebot::{Engine, Settings};
use criterion::{Criterion, criterion_group, criterion_main};

fn quote(query: &str) -> Command {
    Command::Quote(Quote {
        query: query.into(),
        doc: None,
        count: Some(3),
        page: 1,
    })
}

fn summary(section: Option<&str>, doc: Option<&str>) -> Command {
    Command::Summary(Summary {
        section: section.map(str::to_string),
        doc: doc.map(str::to_string),
        sentences: Some(3),
    })
}

/// The commands measured, the same on both libraries.
fn workload(doc: Option<&str>) -> Vec<(&'static str, Command)> {
    vec![
        ("quote nato", quote("nato")),
        ("quote question", quote("what did Putin offer Trump")),
        ("quote phrase", quote("\"hot peace\"")),
        ("quote typo (fuzzy)", quote("Zelenksy")),
        ("quote no match", quote("quantum")),
        // A word the library writes hyphenated ("de-occupation"): cut in two and searched.
        ("quote joined word", quote("deoccupation")),
        // A name typed whole: its last word is looked for in scope before the search, and
        // when the passages never mention it nothing is searched.
        ("quote name, mentioned", quote("Temur Umarov")),
        ("quote name, not mentioned", quote("Joe Manchin")),
        // A name neither in the library nor near a word of it: the words it begins are
        // looked up in the term dictionary before nothing is answered.
        ("quote unknown name", quote("Quizzical")),
        ("summary section", summary(Some("2"), doc)),
        ("summary whole document", summary(None, doc)),
    ]
}

/// 60 words of a paragraph of the document, as a quote; the same kind of quote on each library.
fn sixty_words(engine: &Engine, doc: Option<&str>) -> String {
    let document = doc
        .and_then(|id| engine.library().get(id))
        .or_else(|| engine.library().documents().first().map(|d| &**d))
        .unwrap_or_else(|| panic!("no document"));
    let words: Vec<&str> = document
        .paragraphs
        .iter()
        .map(|p| p.text.split_whitespace().collect::<Vec<_>>())
        .find(|w| w.len() >= 60)
        .unwrap_or_else(|| panic!("no paragraph of 60 words"));
    words[..60].join(" ")
}

/// /verify on a verbatim quote, an altered one, one in the library's words but not from it, and
/// a whole 4,000-character message of running text (one span of about 650 words).
fn verify_workload(engine: &Engine, doc: Option<&str>) -> Vec<(&'static str, Command)> {
    let verify = |text: String| Command::Verify { text, doc: None };
    let quote = sixty_words(engine, doc);
    let mut words: Vec<&str> = quote.split(' ').collect();
    words.insert(20, "not");
    let altered = words.join(" ");
    words.reverse();
    let scrambled = words.join(" ");
    let mut message = String::new();
    for paragraph in engine
        .library()
        .documents()
        .iter()
        .flat_map(|d| &d.paragraphs)
    {
        if message.chars().count() >= 4000 {
            break;
        }
        message.push_str(
            &paragraph
                .text
                .replace(['"', '“', '”', '‘', '’', '\'', '«', '»'], ""),
        );
        message.push(' ');
    }
    let message: String = message.chars().take(4000).collect();
    vec![
        ("verify 60 words verbatim", verify(format!("“{quote}”"))),
        ("verify 60 words altered", verify(format!("“{altered}”"))),
        (
            "verify 60 words not found",
            verify(format!("“{scrambled}”")),
        ),
        ("verify 4,000-character message", verify(message)),
    ]
}

fn bench_library(
    c: &mut Criterion,
    label: &str,
    dir: &std::path::Path,
    doc: Option<&str>,
    runs: usize,
) {
    let library = load_dir(dir).unwrap_or_else(|e| panic!("{e}")).library;
    let engine =
        Engine::in_memory(library.clone(), Settings::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group(label);
    let mut commands = workload(doc);
    commands.extend(verify_workload(&engine, doc));
    for (name, command) in commands {
        support::percentiles(&format!("{label}/{name}"), runs, || {
            let _ = black_box(engine.run(&command));
        });
        group.bench_function(name, |b| b.iter(|| black_box(engine.run(&command))));
    }
    // The runs above reuse each document's analysed sentences; the first summary of a document
    // after start-up analyses them, which this measures.
    let document = doc
        .and_then(|id| engine.library().get(id))
        .or_else(|| engine.library().documents().first().map(|d| &**d))
        .unwrap_or_else(|| panic!("{label}: no document"));
    let stopwords = engine.index().stopwords();
    let first_summary = || {
        black_box(Summarizer::new().summarize(document, Scope::Document, 3, stopwords));
    };
    support::percentiles(
        &format!("{label}/summary whole document, first request"),
        (runs / 10).max(20),
        first_summary,
    );
    group.bench_function("summary whole document, first request", |b| {
        b.iter(first_summary)
    });
    // A summary asked for again is remembered (the runs of the workload above); ranking one
    // that is not, over sentences already analysed, costs this.
    let summarizer = Summarizer::new();
    let ranked = || {
        black_box(summarizer.summarize_weighted(
            document,
            Scope::Document,
            3,
            stopwords,
            &Weights::default(),
        ));
    };
    support::percentiles(
        &format!("{label}/summary whole document, not remembered"),
        runs,
        ranked,
    );
    group.bench_function("summary whole document, not remembered", |b| b.iter(ranked));
    group.finish();
}

fn bundled(c: &mut Criterion) {
    bench_library(c, "bundled", &support::bundled_dir(), None, 2000);
    let library = load_dir(&support::bundled_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .library;
    support::percentiles("bundled/index build (in memory)", 100, || {
        let _ = black_box(SearchIndex::in_memory(&library));
    });
    c.bench_function("bundled/index build (in memory)", |b| {
        b.iter(|| black_box(SearchIndex::in_memory(&library)))
    });
}

fn large(c: &mut Criterion) {
    let dir = support::large_library_dir();
    bench_library(c, "100k", &dir, Some("generated-0042"), 300);
}

fn large_build(c: &mut Criterion) {
    let dir = support::large_library_dir();
    let library = load_dir(&dir).unwrap_or_else(|e| panic!("{e}")).library;
    support::percentiles("100k/load documents", 5, || {
        let _ = black_box(load_dir(&dir));
    });
    support::percentiles("100k/index build (in memory)", 3, || {
        let _ = black_box(SearchIndex::in_memory(&library));
    });
    let mut group = c.benchmark_group("100k");
    group.sample_size(10);
    group.bench_function("index build (in memory)", |b| {
        b.iter(|| black_box(SearchIndex::in_memory(&library)))
    });
    group.finish();
}

criterion_group!(benches, bundled, large, large_build);
criterion_main!(benches);
