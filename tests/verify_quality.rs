//! Quote checking on labelled sets: `tests/data/verify.toml` (123 cases, written before the
//! checker and used to set its thresholds) and `tests/data/verify-heldout.toml` (36 cases on
//! paragraphs the first set does not use, written after the thresholds were set and run once).
//! Each prints the confusion matrix of verdicts and the share of cases where both the verdict
//! and the paragraph are right. Run `cargo test --release --test verify_quality -- --nocapture`
//! to see the tables.

mod eval;

use std::collections::BTreeMap;

use citebot::verify::{self, Verdict};
use citebot::{Engine, Settings};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    kind: String,
    text: String,
    verdict: String,
    #[serde(default)]
    doc: Option<String>,
    #[serde(default)]
    paragraph: Option<usize>,
    #[serde(default)]
    scope: Option<String>,
}

/// The share of cases judged right, verdict and paragraph both, that must hold.
const RIGHT_FLOOR: f64 = 0.95;
/// The same on the held-out set, fixed before it was first run: the tuning set's floor less
/// what a handful of unseen cases may cost.
const HELD_OUT_FLOOR: f64 = 0.85;

const VERDICTS: [Verdict; 6] = [
    Verdict::Verbatim,
    Verdict::Omissions,
    Verdict::Altered,
    Verdict::Spliced,
    Verdict::NotFound,
    Verdict::TooShort,
];

#[test]
fn verdicts_and_paragraphs_are_right_on_the_labelled_set() {
    let set: Set =
        toml::from_str(include_str!("data/verify.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        set.case.len() >= 100,
        "the set must hold at least 100 cases"
    );
    let share = evaluate("labelled cases (thresholds set on these)", &set);
    assert!(share >= RIGHT_FLOOR, "{share:.3} < {RIGHT_FLOOR}");
}

#[test]
fn verdicts_hold_on_cases_written_after_the_thresholds() {
    let set: Set =
        toml::from_str(include_str!("data/verify-heldout.toml")).unwrap_or_else(|e| panic!("{e}"));
    let share = evaluate("held-out cases", &set);
    assert!(share >= HELD_OUT_FLOOR, "{share:.3} < {HELD_OUT_FLOOR}");
}

/// Checks every case, prints the tables, and returns the share right. A fabricated quote or an
/// inserted "not" called verbatim, or a changed negation or number not called out, fails at
/// once: those are promises, not rates.
fn evaluate(name: &str, set: &Set) -> f64 {
    let engine = Engine::in_memory(eval::labels::library(), Settings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut matrix: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut right = 0;
    let mut wrong = Vec::new();
    for case in &set.case {
        let scope = case.scope.as_deref().map(|id| {
            engine
                .library()
                .get(id)
                .unwrap_or_else(|| panic!("no document {id}"))
        });
        let (checks, _) = verify::check(&engine.view(Default::default()), &case.text, scope);
        let Some(first) = checks.first() else {
            panic!("no span in {:?}", case.text);
        };
        let got = first.verdict.as_str();
        *matrix
            .entry((case.verdict.clone(), got.to_string()))
            .or_insert(0) += 1;
        let place_right = match (&case.doc, case.paragraph) {
            (Some(doc), Some(p)) => first.doc.as_deref() == Some(doc) && first.paragraph == Some(p),
            _ => first.paragraph.is_none(),
        };
        let ok = got == case.verdict && place_right;
        let entry = by_kind.entry(case.kind.clone()).or_insert((0, 0));
        entry.1 += 1;
        if ok {
            right += 1;
            entry.0 += 1;
        } else {
            wrong.push(format!(
                "  {:<11} expected {} {:?} ¶{:?}, got {} {:?} ¶{:?} (similarity {:.2}): {}",
                case.kind,
                case.verdict,
                case.doc,
                case.paragraph,
                got,
                first.doc,
                first.paragraph,
                first.similarity,
                case.text.chars().take(90).collect::<String>()
            ));
        }
        // Never called verbatim: a fabricated quote, or one with a "not" put in.
        if matches!(case.kind.as_str(), "fabricated" | "not") {
            assert!(
                !matches!(first.verdict, Verdict::Verbatim | Verdict::Omissions),
                "{} called verbatim: {}",
                case.kind,
                case.text
            );
        }
        // A changed negation or number is called out.
        if matches!(case.kind.as_str(), "not" | "number") && first.verdict == Verdict::Altered {
            assert!(
                !first.alerts().is_empty(),
                "no alert for {}: {:?}",
                case.text,
                first.differences
            );
        }
    }

    println!("\nQuote checking: {} {name}\n", set.case.len());
    let header: Vec<&str> = VERDICTS.iter().map(|v| v.as_str()).collect();
    println!("| expected \\ got | {} |", header.join(" | "));
    println!("| --- |{}", " --- |".repeat(header.len()));
    for expected in &header {
        let row: Vec<String> = header
            .iter()
            .map(|got| {
                matrix
                    .get(&(expected.to_string(), got.to_string()))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            })
            .collect();
        println!("| {expected} | {} |", row.join(" | "));
    }
    println!("\n| kind | cases | right |\n| --- | --- | --- |");
    for (kind, (ok, n)) in &by_kind {
        println!("| {kind} | {n} | {ok} |");
    }
    let share = right as f64 / set.case.len() as f64;
    println!(
        "\nverdict and paragraph right: {right}/{} = {share:.3}",
        set.case.len()
    );
    if !wrong.is_empty() {
        println!("\nWrong:\n{}", wrong.join("\n"));
    }
    share
}
