//! The best passage of a paragraph for a query: whole sentences where they fit the budget,
//! otherwise a cut at word boundaries with an ellipsis; matched words marked.
//!
//! Written over the analyzer's tokens rather than with tantivy's `SnippetGenerator`, which
//! takes one byte-counted window, ignores sentences, and returns nothing for fuzzy matches.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

use super::plan::Matcher;
use crate::analysis;
use crate::library::Paragraph;

pub const ELLIPSIS: &str = "…";

/// A verbatim slice of a paragraph, with what to bold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The slice, with "…" before and/or after where it cuts into a sentence.
    pub text: String,
    /// Byte ranges into `text` of the matched words.
    pub highlights: Vec<Range<usize>>,
    /// Byte range of the slice in the paragraph's text.
    pub start: usize,
    pub end: usize,
    /// The slice starts or ends inside a sentence (and `text` shows an ellipsis there).
    pub cut_before: bool,
    pub cut_after: bool,
}

impl Excerpt {
    /// The excerpt without its ellipses: always a substring of the paragraph.
    pub fn verbatim(&self) -> &str {
        let lead = if self.cut_before { ELLIPSIS.len() } else { 0 };
        let trail = if self.cut_after { ELLIPSIS.len() } else { 0 };
        self.text
            .get(lead..self.text.len().saturating_sub(trail))
            .unwrap_or_default()
    }

    /// Alternating plain and highlighted pieces of `text`, for renderers.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        pieces(&self.text, &self.highlights)
    }
}

/// Splits `text` into (piece, highlighted) runs; ranges that do not fit `text` are ignored.
pub fn pieces<'a>(text: &'a str, highlights: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in highlights {
        if r.start < at || r.end > text.len() || r.start >= r.end {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        if !before.is_empty() {
            out.push((before, false));
        }
        out.push((inside, true));
        at = r.end;
    }
    if let Some(rest) = text.get(at..)
        && !rest.is_empty()
    {
        out.push((rest, false));
    }
    out
}

/// A matched stretch of the paragraph and which query part it satisfies.
#[derive(Debug, Clone)]
struct Mark {
    range: Range<usize>,
    key: usize,
}

/// Byte ranges of `text` the matcher selects: single terms wherever they occur, phrases only
/// where their terms stand side by side (one range over the whole phrase).
pub fn highlights(text: &str, matcher: &Matcher, analyzer: &mut TextAnalyzer) -> Vec<Range<usize>> {
    marks(text, matcher, analyzer)
        .into_iter()
        .map(|m| m.range)
        .collect()
}

fn marks(text: &str, matcher: &Matcher, analyzer: &mut TextAnalyzer) -> Vec<Mark> {
    if matcher.is_empty() {
        return Vec::new();
    }
    let tokens = analysis::tokens(analyzer, text);
    let terms: Vec<&String> = matcher.terms.iter().collect();
    let mut marks = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Ok(key) = terms.binary_search(&&token.term) {
            marks.push(Mark {
                range: token.start..token.end,
                key,
            });
        }
        for (p, phrase) in matcher.phrases.iter().enumerate() {
            let Some(window) = tokens.get(i..i + phrase.len()) else {
                continue;
            };
            let consecutive = window
                .iter()
                .zip(phrase)
                .enumerate()
                .all(|(k, (t, term))| &t.term == term && t.position == token.position + k);
            if consecutive && let Some(last) = window.last() {
                marks.push(Mark {
                    range: token.start..last.end,
                    key: terms.len() + p,
                });
            }
        }
    }
    // Overlaps (a term inside a matched phrase) merge into one mark.
    marks.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut merged: Vec<Mark> = Vec::new();
    for m in marks {
        match merged.last_mut() {
            Some(last) if m.range.start < last.range.end => {
                last.range.end = last.range.end.max(m.range.end);
            }
            _ => merged.push(m),
        }
    }
    merged
}

/// Chooses the excerpt of `paragraph` for `matcher`, at most `budget` characters long
/// (ellipses aside).
pub fn select(
    paragraph: &Paragraph,
    matcher: &Matcher,
    analyzer: &mut TextAnalyzer,
    budget: usize,
) -> Excerpt {
    let text = paragraph.text.as_str();
    let budget = budget.max(1);
    let marks = marks(text, matcher, analyzer);
    let sentences: Vec<Range<usize>> = if paragraph.sentences.is_empty() {
        std::iter::once(0..text.len()).collect()
    } else {
        paragraph.sentences.clone()
    };

    // Whole sentences: the run of consecutive sentences that fits and covers the most.
    let mut best: Option<((usize, usize), Range<usize>)> = None;
    for a in 0..sentences.len() {
        let start = sentences[a].start;
        let mut end = None;
        for s in &sentences[a..] {
            if chars(text, start..s.end) > budget {
                break;
            }
            end = Some(s.end);
        }
        let Some(end) = end else { continue };
        let score = coverage(&marks, start..end);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, start..end));
        }
    }
    let best_cut = cut_window(text, &sentences, &marks, budget);
    let range = match (best, best_cut) {
        // A cut inside a long sentence wins only if it covers more of the query.
        (Some((score, range)), Some((cut_score, _))) if score >= cut_score => range,
        (_, Some((_, cut))) => cut,
        (Some((_, range)), None) => range,
        (None, None) => 0..text.len(),
    };
    build(text, &sentences, &marks, range)
}

/// (distinct query parts, total marks) inside `range`: what an excerpt is ranked by.
fn coverage(marks: &[Mark], range: Range<usize>) -> (usize, usize) {
    let inside: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.range.start >= range.start && m.range.end <= range.end)
        .collect();
    let distinct: BTreeSet<usize> = inside.iter().map(|m| m.key).collect();
    (distinct.len(), inside.len())
}

/// The best window of at most `budget` characters cut at word boundaries inside one sentence,
/// starting a little before a match so the reader sees its context.
fn cut_window(
    text: &str,
    sentences: &[Range<usize>],
    marks: &[Mark],
    budget: usize,
) -> Option<((usize, usize), Range<usize>)> {
    let lead = budget / 4;
    let mut best: Option<((usize, usize), Range<usize>)> = None;
    let mut candidates: Vec<(usize, Range<usize>)> = marks
        .iter()
        .filter_map(|m| {
            let sentence = sentences
                .iter()
                .find(|s| s.start <= m.range.start && m.range.start < s.end)?;
            Some((m.range.start, sentence.clone()))
        })
        .collect();
    if candidates.is_empty() {
        candidates = sentences
            .first()
            .map(|s| (s.start, s.clone()))
            .into_iter()
            .collect();
    }
    for (anchor, sentence) in candidates {
        if chars(text, sentence.clone()) <= budget {
            continue; // a whole sentence fits; the sentence path already considered it
        }
        let start = back_chars(text, anchor, lead).max(sentence.start);
        let start = word_start_at_or_after(text, start, sentence.clone());
        let end = word_end_within(text, start, budget, sentence.clone());
        if end <= start {
            continue;
        }
        let score = coverage(marks, start..end);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, start..end));
        }
    }
    best
}

fn build(text: &str, sentences: &[Range<usize>], marks: &[Mark], range: Range<usize>) -> Excerpt {
    let starts_sentence = sentences.iter().any(|s| s.start == range.start) || range.start == 0;
    let ends_sentence = sentences.iter().any(|s| s.end == range.end) || range.end == text.len();
    let lead = if starts_sentence { "" } else { ELLIPSIS };
    let trail = if ends_sentence { "" } else { ELLIPSIS };
    let body = &text[range.clone()];
    let highlights = marks
        .iter()
        .filter(|m| m.range.start >= range.start && m.range.end <= range.end)
        .map(|m| m.range.start - range.start + lead.len()..m.range.end - range.start + lead.len())
        .collect();
    Excerpt {
        text: format!("{lead}{body}{trail}"),
        highlights,
        start: range.start,
        end: range.end,
        cut_before: !starts_sentence,
        cut_after: !ends_sentence,
    }
}

fn chars(text: &str, range: Range<usize>) -> usize {
    text.get(range).map_or(0, |s| s.chars().count())
}

/// The byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The first word start at or after `at`, within `sentence`.
fn word_start_at_or_after(text: &str, at: usize, sentence: Range<usize>) -> usize {
    if at <= sentence.start {
        return sentence.start;
    }
    let before_is_space = text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace);
    if before_is_space && !text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    // Skip the rest of the word we landed in, then the spaces after it.
    let rest = &text[at..sentence.end];
    let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let after = &rest[word_end..];
    let spaces = after.len() - after.trim_start().len();
    at + word_end + spaces
}

/// The end of the last whole word that keeps `start..end` within `budget` characters.
fn word_end_within(text: &str, start: usize, budget: usize, sentence: Range<usize>) -> usize {
    let slice = &text[start..sentence.end];
    let limit = slice
        .char_indices()
        .nth(budget)
        .map_or(slice.len(), |(i, _)| i);
    if limit == slice.len() {
        return sentence.end;
    }
    // Cut before the word the limit falls in, and drop trailing spaces and commas.
    let cut = if slice[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        slice[..limit].rfind(char::is_whitespace).unwrap_or(limit)
    };
    let kept = slice[..cut].trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    start + kept.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Paragraph;

    fn paragraph(text: &str) -> Paragraph {
        Paragraph {
            number: 1,
            section: 0,
            text: text.to_string(),
            sentences: crate::library::segment_sentences(text),
            line: 1,
        }
    }

    fn matcher(words: &[&str]) -> Matcher {
        let mut analyzer = analysis::analyzer();
        Matcher {
            terms: words
                .iter()
                .flat_map(|w| analysis::tokens(&mut analyzer, w))
                .map(|t| t.term)
                .collect(),
            phrases: Vec::new(),
        }
    }

    #[test]
    fn whole_sentences_when_they_fit() {
        let p = paragraph("First sentence here. The NATO summit was tense. Last one.");
        let e = select(&p, &matcher(&["nato"]), &mut analysis::analyzer(), 30);
        assert_eq!(e.text, "The NATO summit was tense.");
        assert_eq!(e.pieces()[1], ("NATO", true));
    }

    #[test]
    fn long_sentences_are_cut_at_words() {
        let long = format!(
            "{} sanctions {}.",
            "word ".repeat(100).trim(),
            "more ".repeat(100).trim()
        );
        let p = paragraph(&long);
        let e = select(&p, &matcher(&["sanction"]), &mut analysis::analyzer(), 60);
        assert!(
            e.text.starts_with(ELLIPSIS) && e.text.ends_with(ELLIPSIS),
            "{}",
            e.text
        );
        assert!(e.verbatim().chars().count() <= 60);
        assert!(p.text.contains(e.verbatim()));
        assert!(
            e.pieces()
                .iter()
                .any(|(s, bold)| *bold && *s == "sanctions")
        );
        assert!(!e.verbatim().starts_with(' ') && !e.verbatim().ends_with(' '));
    }

    #[test]
    fn phrases_highlight_only_side_by_side() {
        let mut analyzer = analysis::analyzer();
        let m = Matcher {
            terms: Default::default(),
            phrases: vec![vec!["hot".into(), "peac".into()]],
        };
        let text = "A hot peace, then peace that was hot.";
        let h = highlights(text, &m, &mut analyzer);
        assert_eq!(
            h.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            vec!["hot peace"]
        );
    }
}
