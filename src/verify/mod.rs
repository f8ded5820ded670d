//! Checking a quotation against the library: is it verbatim, verbatim with marked omissions,
//! altered, spliced from several places, or not in the library at all? Every verdict carries
//! the exact source words and their citation; a changed negation or number is always called
//! out.
//!
//! A quote is located by the paragraphs that share most of its words ([`crate::search`]), then
//! compared word for word: an exact run; runs in order around its omission marks; or a local
//! alignment showing what was changed, added or left out. A quote whose halves come exactly
//! from two places is a splice.

pub mod align;
pub mod marks;
pub mod spans;
pub mod words;

use serde::Serialize;

use align::{Alignment, Op};
use marks::Piece;
use words::{Word, Words, is_negation, is_number};

use crate::citation::Citation;
use crate::engine::View;
use crate::library::{Document, Paragraph};

/// Fewer words than this are too short to check: too many passages would match.
pub const MIN_WORDS: usize = 4;
/// Paragraphs a quote is compared with.
const CANDIDATES: usize = 8;
/// An alignment this good is the quote, altered; below it, the quote is not in the library.
const ALTERED_MIN: f64 = 0.6;
/// …and it must keep at least this share of the quote's words.
const ALTERED_KEEPS: f64 = 0.5;
/// Passages this close are shown as the nearest when nothing matches.
const NEAR_MIN: f64 = 0.3;
/// Each part of a splice has at least this many words…
const SPLICE_PART_MIN: usize = 4;
/// …and matches its place at least this well (1 is exact).
const SPLICE_PART_SIMILARITY: f64 = 0.8;
/// A quote that one passage explains this well is not looked at as a splice.
const SPLICE_BELOW: f64 = 0.8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Verbatim,
    /// Verbatim, with omissions (or insertions) the quoter marked.
    Omissions,
    Altered,
    Spliced,
    NotFound,
    TooShort,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Verbatim => "Verbatim",
            Verdict::Omissions => "Verbatim with marked omissions",
            Verdict::Altered => "Altered",
            Verdict::Spliced => "Spliced",
            Verdict::NotFound => "Not found",
            Verdict::TooShort => "Too short to check",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verbatim => "verbatim",
            Verdict::Omissions => "omissions",
            Verdict::Altered => "altered",
            Verdict::Spliced => "spliced",
            Verdict::NotFound => "not_found",
            Verdict::TooShort => "too_short",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// In the source, left out of the quote.
    Removed,
    /// In the quote, not in the source.
    Added,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub kind: DifferenceKind,
    /// The source's words ("" for an addition).
    pub source: String,
    /// The quote's words ("" for a removal).
    pub quoted: String,
    /// A negation or a number changed: always called out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<&'static str>,
}

/// A stretch of the quote as a renderer shows it, marked against the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marked {
    pub text: String,
    pub mark: Mark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Same,
    /// Source words the quote left out (shown struck).
    Removed,
    /// Words the quote has that the source does not (shown bold).
    Added,
}

/// Where (part of) a quote comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub doc: String,
    pub paragraph: usize,
    /// The source's words, verbatim.
    pub source_text: String,
    pub similarity: f64,
    pub citation: Citation,
}

/// The verdict on one quoted span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanCheck {
    pub quoted: String,
    pub verdict: Verdict,
    pub doc: Option<String>,
    pub paragraph: Option<usize>,
    pub source_text: Option<String>,
    pub differences: Vec<Difference>,
    pub similarity: f64,
    pub citation: Option<Citation>,
    /// The quote marked against the source, for an altered quote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marked: Vec<Marked>,
    /// Where each part of a splice comes from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<(String, Source)>,
    /// For a quote not found: the passages that come nearest.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nearest: Vec<Source>,
}

impl SpanCheck {
    fn bare(quoted: &str, verdict: Verdict) -> Self {
        SpanCheck {
            quoted: quoted.to_string(),
            verdict,
            doc: None,
            paragraph: None,
            source_text: None,
            differences: Vec::new(),
            similarity: 0.0,
            citation: None,
            marked: Vec::new(),
            parts: Vec::new(),
            nearest: Vec::new(),
        }
    }

    /// Alerts of the differences ("changes a negation"), once each.
    pub fn alerts(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for a in self.differences.iter().filter_map(|d| d.alert) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }
}

/// A quote's words: (word, the piece it belongs to), over the pieces between marks.
struct Quote<'a> {
    text: &'a str,
    words: Vec<Word>,
    /// Index range of `words` of each run between marks.
    runs: Vec<std::ops::Range<usize>>,
}

impl<'a> Quote<'a> {
    fn new(text: &'a str, comparer: &mut Words) -> Self {
        let mut words = Vec::new();
        let mut runs = Vec::new();
        // Words are found in the whole text (for their offsets), then assigned to runs by the
        // pieces the marks split it into.
        let all = comparer.of(text);
        let mut cursor = 0usize;
        let mut offset = 0usize;
        for piece in marks::pieces(text) {
            let Piece::Text(run) = piece else {
                continue;
            };
            let Some(at) = text[offset..].find(run.as_str()) else {
                continue;
            };
            let (start, end) = (offset + at, offset + at + run.len());
            offset = end;
            let first = words.len();
            while cursor < all.len() && all[cursor].start < end {
                if all[cursor].start >= start {
                    words.push(all[cursor].clone());
                }
                cursor += 1;
            }
            if words.len() > first {
                runs.push(first..words.len());
            }
        }
        Quote { text, words, runs }
    }

    fn norms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.norm.as_str()).collect()
    }

    fn marked(&self) -> bool {
        self.runs.len() > 1
    }
}

/// A candidate paragraph, compared.
struct Candidate<'a> {
    doc: &'a Document,
    paragraph: &'a Paragraph,
    words: Vec<Word>,
}

impl Candidate<'_> {
    fn norms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.norm.as_str()).collect()
    }

    /// The paragraph's text from word `from` to word `to` (exclusive), verbatim.
    fn text(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (self.words.get(from), self.words.get(to.saturating_sub(1)))
        else {
            return String::new();
        };
        self.paragraph
            .text
            .get(a.start..b.end)
            .unwrap_or_default()
            .to_string()
    }

    fn source(&self, from: usize, to: usize, similarity: f64) -> Source {
        let source_text = self.text(from, to);
        Source {
            doc: self.doc.id.clone(),
            paragraph: self.paragraph.number,
            citation: Citation::new(self.doc, self.paragraph, &source_text),
            source_text,
            similarity,
        }
    }
}

/// Checks every quoted span of `message` against the library (or one document of it).
pub fn check(engine: &View, message: &str, doc: Option<&Document>) -> (Vec<SpanCheck>, usize) {
    let (found, more) = spans::spans(message);
    let mut comparer = Words::default();
    let checks = found
        .iter()
        .map(|span| check_span(engine, span, doc, &mut comparer))
        .collect();
    (checks, more)
}

fn candidates<'e>(
    engine: &'e View<'_>,
    text: &str,
    doc: Option<&Document>,
    comparer: &mut Words,
    out: &mut Vec<Candidate<'e>>,
) {
    let hits = engine
        .index()
        .passages_with(
            text,
            doc.map(|d| d.key.as_str()),
            engine.owners(),
            CANDIDATES,
        )
        .unwrap_or_default();
    for hit in hits {
        if out
            .iter()
            .any(|c| c.doc.id == hit.doc && c.paragraph.number == hit.paragraph)
        {
            continue;
        }
        let Some(document) = engine.library().get(&hit.doc) else {
            continue;
        };
        let Some(paragraph) = document.paragraph(hit.paragraph) else {
            continue;
        };
        out.push(Candidate {
            doc: document,
            paragraph,
            words: comparer.of(&paragraph.text),
        });
    }
}

fn check_span(
    engine: &View,
    span: &str,
    doc: Option<&Document>,
    comparer: &mut Words,
) -> SpanCheck {
    let quote = Quote::new(span, comparer);
    if quote.words.len() < MIN_WORDS {
        return SpanCheck::bare(span, Verdict::TooShort);
    }
    let mut found: Vec<Candidate<'_>> = Vec::new();
    candidates(engine, span, doc, comparer, &mut found);
    let q = quote.norms();

    // Verbatim, or verbatim around the quoter's marks.
    for c in &found {
        let hay = c.norms();
        if let Some((from, to)) = runs_in_order(&quote, &q, &hay) {
            let mut check = placed(span, c, from, to, 1.0);
            check.verdict = if quote.marked() {
                Verdict::Omissions
            } else {
                Verdict::Verbatim
            };
            return check;
        }
    }

    // The halves may come from paragraphs the whole quote did not find: a splice.
    let half = quote.words.len() / 2;
    for range in [0..half, half..quote.words.len()] {
        let (Some(a), Some(b)) = (quote.words.get(range.start), quote.words.get(range.end - 1))
        else {
            continue;
        };
        candidates(engine, &span[a.start..b.end], doc, comparer, &mut found);
    }

    // The closest stretch of each candidate, and the closest of all.
    let alignments: Vec<Option<Alignment>> =
        found.iter().map(|c| align::local(&q, &c.norms())).collect();
    let best: Option<(Alignment, usize)> = alignments
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.clone().map(|a| (a, i)))
        .max_by(|a, b| {
            a.0.similarity
                .total_cmp(&b.0.similarity)
                .then(b.1.cmp(&a.1))
        });

    // Parts that come from different places: exactly, or — when no one place explains the quote
    // well — nearly (a quote with a word changed is altered, however its halves could match).
    let nearly = best
        .as_ref()
        .is_none_or(|(a, _)| a.similarity < SPLICE_BELOW);
    // Every quote word, in order, in one paragraph: words were left out there (judged below as
    // altered), and its parts standing elsewhere too does not make it a splice.
    let in_one_place = best
        .as_ref()
        .is_some_and(|(a, _)| !a.ops.iter().any(|o| matches!(o, Op::Added { .. })));
    let parts = if in_one_place {
        None
    } else {
        splice(&quote, &q, &found, &alignments, nearly)
    };
    if let Some(parts) = parts {
        let first = &parts[0].1;
        let mut check = SpanCheck::bare(span, Verdict::Spliced);
        check.doc = Some(first.doc.clone());
        check.paragraph = Some(first.paragraph);
        check.source_text = Some(
            parts
                .iter()
                .map(|(_, s)| s.source_text.as_str())
                .collect::<Vec<_>>()
                .join(" … "),
        );
        check.citation = Some(first.citation.clone());
        check.similarity = 1.0;
        check.parts = parts;
        return check;
    }

    if let Some((alignment, i)) = best
        && alignment.similarity >= ALTERED_MIN
        && alignment.matched as f64 >= ALTERED_KEEPS * q.len() as f64
    {
        let c = &found[i];
        let mut check = placed(
            span,
            c,
            alignment.window.start,
            alignment.window.end,
            alignment.similarity,
        );
        check.verdict = Verdict::Altered;
        let (differences, marked) = differences(&quote, c, &alignment);
        check.differences = differences;
        check.marked = marked;
        return check;
    }

    let mut check = SpanCheck::bare(span, Verdict::NotFound);
    let mut near: Vec<(&Alignment, &Candidate<'_>)> = alignments
        .iter()
        .zip(&found)
        .filter_map(|(a, c)| Some((a.as_ref()?, c)))
        .filter(|(a, _)| a.similarity >= NEAR_MIN)
        .collect();
    near.sort_by(|a, b| b.0.similarity.total_cmp(&a.0.similarity));
    check.similarity = near.first().map_or(0.0, |(a, _)| a.similarity);
    check.nearest = near
        .iter()
        .take(3)
        .map(|(a, c)| c.source(a.window.start, a.window.end, a.similarity))
        .collect();
    check
}

/// A check placed at words `from..to` of a candidate.
fn placed(span: &str, c: &Candidate<'_>, from: usize, to: usize, similarity: f64) -> SpanCheck {
    let source = c.source(from, to, similarity);
    let mut check = SpanCheck::bare(span, Verdict::Verbatim);
    check.doc = Some(source.doc);
    check.paragraph = Some(source.paragraph);
    check.source_text = Some(source.source_text);
    check.citation = Some(source.citation);
    check.similarity = similarity;
    check
}

/// The quote's runs found in order in `hay`: the source words they span.
fn runs_in_order(quote: &Quote<'_>, q: &[&str], hay: &[&str]) -> Option<(usize, usize)> {
    let first = quote.runs.first()?;
    // Every place the first run occurs, until the rest follow in order.
    let mut start = 0;
    while let Some(at) = align::find(&q[first.clone()], hay, start) {
        let mut cursor = at + first.len();
        let mut ok = true;
        for run in &quote.runs[1..] {
            match align::find(&q[run.clone()], hay, cursor) {
                Some(next) => cursor = next + run.len(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some((at, cursor));
        }
        start = at + 1;
    }
    None
}

/// Two parts of the quote from different paragraphs: each found exactly, or failing that, each
/// nearly (an altered part of a splice). Parts of one paragraph in order are not a splice but a
/// quote with words left out, which the alignment reports.
///
/// Exact parts are found from the longest start and end of the quote each paragraph holds;
/// near parts only where the whole quote's alignments with two paragraphs begin and end, so
/// the cost stays a few alignments, not one per split point.
fn splice(
    quote: &Quote<'_>,
    q: &[&str],
    found: &[Candidate<'_>],
    alignments: &[Option<Alignment>],
    nearly: bool,
) -> Option<Vec<(String, Source)>> {
    let n = q.len();
    if n < 2 * SPLICE_PART_MIN {
        return None;
    }
    let hays: Vec<Vec<&str>> = found.iter().map(Candidate::norms).collect();
    let text = |from: usize, to: usize| -> String {
        quote
            .text
            .get(quote.words[from].start..quote.words[to - 1].end)
            .unwrap_or_default()
            .to_string()
    };
    let apart = |a: usize, b: usize| -> bool {
        let (x, y) = (&found[a], &found[b]);
        x.doc.id != y.doc.id || x.paragraph.number != y.paragraph.number
    };
    let pairs = || {
        (0..found.len())
            .flat_map(move |i| (0..found.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| apart(i, j))
    };

    // Exactly: the first split point where one paragraph holds the start and another the rest.
    let starts: Vec<usize> = hays.iter().map(|h| align::longest_start(q, h)).collect();
    let ends: Vec<usize> = hays.iter().map(|h| align::longest_end(q, h)).collect();
    let exact = pairs()
        .filter_map(|(i, j)| {
            let k = SPLICE_PART_MIN.max(n - ends[j].min(n));
            (k <= starts[i] && k <= n - SPLICE_PART_MIN).then_some((k, i, j))
        })
        .min_by_key(|&(k, _, _)| k);
    if let Some((k, i, j)) = exact {
        // Both parts, in order, in one paragraph: a quote with words left out there.
        let in_order = hays.iter().any(|h| {
            align::find(&q[..k], h, 0).is_some_and(|a| align::find(&q[k..], h, a + k).is_some())
        });
        if in_order {
            return None;
        }
        let a = align::find(&q[..k], &hays[i], 0)?;
        let b = align::find(&q[k..], &hays[j], 0)?;
        return Some(vec![
            (text(0, k), found[i].source(a, a + k, 1.0)),
            (text(k, n), found[j].source(b, b + n - k, 1.0)),
        ]);
    }
    if !nearly {
        return None;
    }

    // Nearly: split where one paragraph's alignment ends or the other's begins.
    let covered: Vec<Option<std::ops::Range<usize>>> = alignments
        .iter()
        .map(|a| a.as_ref().and_then(Alignment::quote_range))
        .collect();
    let mut tried: std::collections::HashMap<(usize, usize, bool), Option<Alignment>> =
        std::collections::HashMap::new();
    let mut part = |i: usize, k: usize, first: bool| -> Option<Alignment> {
        tried
            .entry((i, k, first))
            .or_insert_with(|| {
                let words = if first { &q[..k] } else { &q[k..] };
                align::local(words, &hays[i]).filter(|a| a.similarity >= SPLICE_PART_SIMILARITY)
            })
            .clone()
    };
    let mut best: Option<(f64, usize, usize, usize, Alignment, Alignment)> = None;
    for (i, j) in pairs() {
        let (Some(ri), Some(rj)) = (&covered[i], &covered[j]) else {
            continue;
        };
        // The first paragraph must explain the quote's start, the second its end.
        if ri.start >= SPLICE_PART_MIN || rj.end + SPLICE_PART_MIN <= n {
            continue;
        }
        for k in [ri.end, rj.start] {
            if k < SPLICE_PART_MIN || k > n - SPLICE_PART_MIN {
                continue;
            }
            let (Some(a), Some(b)) = (part(i, k, true), part(j, k, false)) else {
                continue;
            };
            let score = a.similarity + b.similarity;
            if best
                .as_ref()
                .is_none_or(|x| score > x.0 || (score == x.0 && k < x.1))
            {
                best = Some((score, k, i, j, a, b));
            }
        }
    }
    let (_, k, i, j, a, b) = best?;
    Some(vec![
        (
            text(0, k),
            found[i].source(a.window.start, a.window.end, a.similarity),
        ),
        (
            text(k, n),
            found[j].source(b.window.start, b.window.end, b.similarity),
        ),
    ])
}

/// What differs between the quote and the source stretch it was aligned with, and the quote
/// marked for display. Source words skipped where the quoter put a mark are not differences.
fn differences(
    quote: &Quote<'_>,
    c: &Candidate<'_>,
    alignment: &Alignment,
) -> (Vec<Difference>, Vec<Marked>) {
    let marked_gap = |last_q: Option<usize>, next_q: Option<usize>| -> bool {
        let (Some(a), Some(b)) = (last_q, next_q) else {
            return false;
        };
        quote
            .runs
            .windows(2)
            .any(|w| w[0].end == a + 1 && w[1].start == b)
    };
    let quote_text = |from: usize, to: usize| -> String {
        quote
            .text
            .get(quote.words[from].start..quote.words[to - 1].end)
            .unwrap_or_default()
            .to_string()
    };
    let mut differences = Vec::new();
    let mut marked: Vec<Marked> = Vec::new();
    let push_marked = |marked: &mut Vec<Marked>, text: String, mark: Mark| {
        if text.is_empty() {
            return;
        }
        match marked.last_mut() {
            Some(last) if last.mark == mark => {
                last.text.push(' ');
                last.text.push_str(&text);
            }
            _ => marked.push(Marked { text, mark }),
        }
    };
    let ops = &alignment.ops;
    let mut i = 0;
    let mut last_q: Option<usize> = None;
    // The first quote word of the unchanged stretch being shown, so its punctuation is kept.
    let mut same_from: Option<usize> = None;
    while i < ops.len() {
        if let Op::Equal { q, .. } = ops[i] {
            match (same_from, marked.last_mut()) {
                (Some(from), Some(last))
                    if last.mark == Mark::Same && last_q.is_some_and(|l| l + 1 == q) =>
                {
                    last.text = quote_text(from, q + 1);
                }
                _ => {
                    same_from = Some(q);
                    push_marked(&mut marked, quote_text(q, q + 1), Mark::Same);
                }
            }
            last_q = Some(q);
            i += 1;
            continue;
        }
        // A block of changes: the removed source words and the added quote words.
        let mut removed: Vec<usize> = Vec::new();
        let mut added: Vec<usize> = Vec::new();
        while i < ops.len() && !matches!(ops[i], Op::Equal { .. }) {
            match ops[i] {
                Op::Removed { s } => removed.push(s),
                Op::Added { q } => added.push(q),
                Op::Equal { .. } => {}
            }
            i += 1;
        }
        let next_q = ops[i..].iter().find_map(|o| match o {
            Op::Equal { q, .. } | Op::Added { q } => Some(*q),
            Op::Removed { .. } => None,
        });
        if added.is_empty() && marked_gap(last_q, next_q) {
            // Left out where the quoter marked it.
            continue;
        }
        let source = match (removed.first(), removed.last()) {
            (Some(&a), Some(&b)) => c.text(a, b + 1),
            _ => String::new(),
        };
        let quoted = match (added.first(), added.last()) {
            (Some(&a), Some(&b)) => quote_text(a, b + 1),
            _ => String::new(),
        };
        let words: Vec<&str> = removed
            .iter()
            .map(|&s| c.words[s].norm.as_str())
            .chain(added.iter().map(|&q| quote.words[q].norm.as_str()))
            .collect();
        let alert = if words.iter().any(|w| is_negation(w)) {
            Some("changes a negation")
        } else if words.iter().any(|w| is_number(w)) {
            Some("changes a number")
        } else {
            None
        };
        let kind = match (removed.is_empty(), added.is_empty()) {
            (false, false) => DifferenceKind::Changed,
            (false, true) => DifferenceKind::Removed,
            _ => DifferenceKind::Added,
        };
        push_marked(&mut marked, source.clone(), Mark::Removed);
        push_marked(&mut marked, quoted.clone(), Mark::Added);
        if let Some(&q) = added.last() {
            last_q = Some(q);
        }
        differences.push(Difference {
            kind,
            source,
            quoted,
            alert,
        });
    }
    (differences, marked)
}
