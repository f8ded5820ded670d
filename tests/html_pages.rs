//! The HTML importer on sixteen real pages (`tests/data/pages/`): how much of the imported body
//! is the article (precision), how much of the article it holds (recall), by words, against a
//! body written by reading each page; and whether the title, author and date are the ones the
//! page shows. Run `cargo test --release --test html_pages -- --nocapture` for the table.

use std::collections::HashMap;
use std::path::Path;

use citebot::library::{Document, Format, parse_reporting};
use serde::Deserialize;

/// Floors fixed before the importer was first run on these pages.
const MEAN_F1_FLOOR: f64 = 0.95;
const PAGE_F1_FLOOR: f64 = 0.85;
const METADATA_FLOOR: f64 = 0.8;

#[derive(Deserialize)]
struct Expected {
    page: Vec<ExpectedPage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedPage {
    name: String,
    title: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Precision, recall and F1 of `got`'s words against `want`'s, counting repeats.
fn scores(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (words(got), words(want));
    let shared: usize = g
        .iter()
        .map(|(k, n)| (*n).min(w.get(k).copied().unwrap_or(0)))
        .sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    let p = if gn == 0 {
        0.0
    } else {
        shared as f64 / gn as f64
    };
    let r = if wn == 0 {
        0.0
    } else {
        shared as f64 / wn as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The body as imported: section headings (not the default "Introduction") and paragraphs.
fn body(doc: &Document) -> String {
    let mut out = Vec::new();
    for section in &doc.sections {
        if !(section.number == 1 && section.title == citebot::library::INTRODUCTION) {
            out.push(section.title.clone());
        }
        for n in section.first..=section.last {
            if let Some(p) = doc.paragraph(n) {
                out.push(p.text.clone());
            }
        }
    }
    out.join("\n\n")
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.replace(['’', '‘'], "'")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

#[test]
fn pages_import_their_article_and_its_citation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    let expected: Expected = toml::from_str(
        &std::fs::read_to_string(dir.join("expected.toml")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(expected.page.len() >= 15, "at least 15 pages");

    println!(
        "\nHTML import: body words against the body a reader expects; metadata as the page shows it\n"
    );
    println!("| page | paragraphs | precision | recall | F1 | title | author | date |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let (mut sum, mut low) = ((0.0, 0.0, 0.0), Vec::new());
    let (mut titles, mut authors, mut dates) = ((0, 0), (0, 0), (0, 0));
    for page in &expected.page {
        let path = dir.join(format!("{}.html", page.name));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let want = std::fs::read_to_string(dir.join(format!("{}.expected.txt", page.name)))
            .unwrap_or_else(|e| panic!("{e}"));
        let (doc, _dropped) = parse_reporting(&path, Format::Html, &bytes, None)
            .unwrap_or_else(|e| panic!("{}: {e}", page.name));
        let (p, r, f) = scores(&body(&doc), &want);
        sum = (sum.0 + p, sum.1 + r, sum.2 + f);
        if f < PAGE_F1_FLOOR {
            low.push(format!("{} {f:.3}", page.name));
        }
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        let title_ok = same(&doc.meta.title, &page.title);
        titles = (titles.0 + usize::from(title_ok), titles.1 + 1);
        let author = match &page.author {
            Some(name) => {
                let ok = doc
                    .meta
                    .author
                    .as_deref()
                    // As the name is written: a byline set in capitals is not the name.
                    .is_some_and(|a| a.contains(name.as_str()));
                authors = (authors.0 + usize::from(ok), authors.1 + 1);
                mark(ok)
            }
            None => "–",
        };
        let date = match &page.published {
            Some(day) => {
                let ok = doc.meta.published == day.parse().ok();
                dates = (dates.0 + usize::from(ok), dates.1 + 1);
                mark(ok)
            }
            None => "–",
        };
        println!(
            "| {} | {} | {p:.3} | {r:.3} | {f:.3} | {} | {author} | {date} |",
            page.name,
            doc.paragraphs.len(),
            mark(title_ok),
        );
        if !title_ok {
            println!("|   ↳ title read as “{}” | | | | | | | |", doc.meta.title);
        }
    }
    let n = expected.page.len() as f64;
    let mean = (sum.0 / n, sum.1 / n, sum.2 / n);
    println!(
        "| **mean** | | {:.3} | {:.3} | **{:.3}** | {}/{} | {}/{} | {}/{} |",
        mean.0, mean.1, mean.2, titles.0, titles.1, authors.0, authors.1, dates.0, dates.1
    );
    assert!(
        mean.2 >= MEAN_F1_FLOOR,
        "mean F1 {:.3} < {MEAN_F1_FLOOR}",
        mean.2
    );
    assert!(low.is_empty(), "pages below F1 {PAGE_F1_FLOOR}: {low:?}");
    for (what, (ok, all)) in [("titles", titles), ("authors", authors), ("dates", dates)] {
        assert!(
            ok as f64 >= METADATA_FLOOR * all as f64,
            "{what}: {ok}/{all} right"
        );
    }
}
