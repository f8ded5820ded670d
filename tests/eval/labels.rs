//! The labelled test library: the readings in `tests/data/readings/` and the bundled article,
//! with the labels written for each in `tests/data/quality/<id>.toml` (and, for the bundled
//! article's queries, `tests/data/relevance.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use citebot::library::{Document, Library, load_dir};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub structure: Structure,
    /// How the page cites itself, as a reader sees it (HTML pages, whose citation is read from
    /// the page rather than written in front matter).
    #[serde(default)]
    pub citation: Option<Citation>,
    #[serde(default)]
    pub query: Vec<Query>,
    #[serde(default)]
    pub summary: Vec<Reference>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Structure {
    pub paragraphs: usize,
    pub sections: Vec<(String, usize, usize)>,
    /// ¶ number → the words it opens with.
    pub opening: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The byline's name; absent when the page names no author.
    pub author: Option<String>,
    pub year: u16,
    /// The page is its author's own site and names no other publisher (a personal blog whose
    /// `<title>` gives the author's name as the site's): the citation names none.
    #[serde(default)]
    pub self_published: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub q: String,
    pub kind: String,
    pub expect: Vec<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// A section title, or "whole" for the whole document.
    pub scope: String,
    pub reference: String,
}

#[derive(Deserialize)]
struct QueriesOnly {
    query: Vec<Query>,
}

pub const BUNDLED: &str = "deterrence-or-detente";

/// Readings whose figures were looked at while citebot was tuned. The others were only
/// measured, so their figures are evidence of how citebot does on a reading it has never seen.
/// Each batch was held out until its first measurement, which `tests/data/quality/README.md`
/// records, and then used like the rest. A reading stays out of this list until its figures
/// have guided a change to ranking or summaries (*winter-infrastructure* and *mind-spending*
/// guided only the importer and citations). At stop 16 those five readings were also measured, once each, as the check on two
/// summary changes designed on the tuning readings: quoted words as detail (worse there, not
/// kept) and the news-style lead (better there, kept); their per-query results were not used.
pub const TUNED_ON: &[&str] = &[
    BUNDLED,
    "godel-proof",
    "model-property",
    "eisenhower-farewell",
    // Held out until stop 14 (their first figures: README, "Held-out batches").
    "hardware-mechanisms",
    "meta-jury-markets",
    "research-debt",
    "responsible-scaling",
    "surrogate-goals",
    "distill-hiatus",
    "federalist-1",
    "debt-interest",
    "whale-strandings",
    // Batches 5 and 6, held out until stop 15: their questions guided ranking changes.
    "aha-moment",
    "yahoo-verizon",
    "content-depth",
    "tarot-deck",
    // Batch 7, held out until the end of stop 15: its "L.E.A.N." guided the dotted-acronym rule.
    "lean-ads",
    // Batch 10, held out until the end of stop 16: its summaries, taken for news by paragraph
    // length alone, led to asking news to report speech as well.
    "fetch-api",
    // Batches 8 and 9, held out until stop 17: a question's modal ("how long must providers
    // keep metadata") and a defined term with an "of" phrase ("the four golden signals of
    // monitoring are …") guided two question rules.
    "data-retention",
    "sre-monitoring",
    // Batch 4, held out until stop 17: "Abas" for "Abbas" led to restoring a short word's
    // double letter.
    "us-israel-relations",
    // Batch 15, held out until its first run at stop 18: "rerun" for the article's "re-run"
    // led to searching a word the library lacks as the two words it writes.
    "chaos-heroines",
    // Batches 11 and 12, held out until stop 19: their no-match names "Kim Jong Un" (answered
    // with Kim Yong-hyun) and "Internet Explorer" led to asking a name typed whole for its last
    // word.
    "korea-impeachment",
    "mozilla-wikipedia",
    // Batch 17, held out until its first run at stop 19: "Alexis Madrigal", which the page
    // runs into the next word, led to counting a name's last word that begins a word.
    "uber-sharing-economy",
    // Batch 23, held out until its first run at stop 20: "what does Obama say about Syria",
    // whose answer is a list item without a full stop, led to judging a fragment by its case.
    "obama-gun-laws",
    // Batch 23 also: "Ubyssey", which the page runs into the next word, led to searching the
    // word a name begins.
    "open-journalism",
    // Batch 26, held out until stop 21: "Beshier" for "Beshear" led to searching a word
    // misheard by two vowels.
    "trump-to-nowhere",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every labelled document id with its labels, in id order.
pub fn all() -> Vec<(String, Labels)> {
    let dir = root().join("tests/data/quality");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut labels: Labels =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if id == BUNDLED {
            let set: QueriesOnly = toml::from_str(
                &std::fs::read_to_string(root().join("tests/data/relevance.toml"))
                    .unwrap_or_else(|e| panic!("{e}")),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            labels.query = set.query;
        }
        out.push((id, labels));
    }
    out
}

/// The readings and the bundled article, as one library.
pub fn library() -> Library {
    let mut docs: Vec<std::sync::Arc<Document>> = load_dir(&root().join("tests/data/readings"))
        .unwrap_or_else(|e| panic!("{e}"))
        .library
        .documents()
        .to_vec();
    docs.extend(
        load_dir(&root().join("index"))
            .unwrap_or_else(|e| panic!("{e}"))
            .library
            .documents()
            .iter()
            .cloned(),
    );
    Library::shared(docs)
}
