//! Ranking by the evidence a reader looks for. BM25 scores a paragraph as a bag of words; a
//! reader asks whether one sentence says what the query asks, with its words close together,
//! in the form typed, and — for a question — with the kind of thing asked for (a date for
//! *when*, a reason for *why*, a definition for *what is*). The best-scored paragraphs are
//! re-ordered by those features; the rest keep BM25's order.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Hit;
use super::plan::QueryWord;
use super::question::{self, Kind};
use crate::analysis::{self, Stopwords, fold};
use crate::library::{Library, Paragraph};

/// How many of BM25's best are re-ordered.
pub const DEPTH: usize = 30;

/// Feature weights, set on the tuning readings only (see `tests/quality.rs`).
const W_BM25: f32 = 1.0;
const W_SENTENCE: f32 = 0.8;
const W_PROXIMITY: f32 = 0.25;
const W_PARAGRAPH: f32 = 0.3;
const W_EXACT: f32 = 0.3;
const W_BIGRAM: f32 = 0.3;
const W_ANSWER: f32 = 0.4;
const W_DEFINES: f32 = 0.6;
/// A number right before the word a *how many* question counts ("five people" for "how many
/// people took part"): it counts the very thing asked about, as strong a sign as a definition.
const W_COUNTS: f32 = 0.6;
/// How near the counted word must follow its number ("400 to 600 water main breaks").
const COUNTED_WITHIN: usize = 3;
/// The first paragraph to use the query's words, for "what is X" and for words the whole
/// article is about (used by more than half its paragraphs): such a word is best met where it
/// is introduced. Grows with how many paragraphs use it.
const W_FIRST: f32 = 0.15;
const W_FIRST_SPREAD: f32 = 0.6;
const FIRST_SPREAD_MIN: f32 = 0.5;
const W_ACRONYM: f32 = 0.4;
/// What a synonym of a query word counts for, against the word itself.
const RELATED_SHARE: f32 = 0.5;
/// A heading-like fragment cannot answer a question.
const FRAGMENT_PENALTY: f32 = 1.5;

/// What the query says, prepared once.
pub struct Query<'a> {
    words: &'a [QueryWord],
    total: f32,
    question: Option<Kind>,
    /// Folded content words, for "what is X".
    subject: Vec<String>,
    /// Words typed in capitals ("RSP"), for where an acronym is spelled out.
    acronyms: Vec<String>,
    /// What a *how many* question counts: the analysed word after "many" ("people").
    counted: Option<String>,
    /// Neighbouring words as typed (stop words included, but not two together): a paragraph
    /// with "more responsible" answers "what would have been more responsible" best.
    bigrams: Vec<(String, String)>,
    /// Each analysed term a paragraph may hold → the query words it stands for, and how fully:
    /// the word itself counts whole; a synonym, or the word with a negating prefix added or
    /// taken away ("unsafe" for "safe", "complete" for "incompleteness"), counts for
    /// [`RELATED_SHARE`]. Built once, so a paragraph's tokens are looked up, not compared.
    lookup: HashMap<String, Vec<(usize, f32)>>,
}

impl<'a> Query<'a> {
    pub fn new(raw: &str, words: &'a [QueryWord], stopwords: &Stopwords) -> Self {
        let mut analyzer = analysis::analyzer();
        let subject = fold(raw)
            .split(' ')
            .filter(|w| {
                !w.is_empty()
                    && analysis::tokens(&mut analyzer, w)
                        .first()
                        .is_some_and(|t| !stopwords.contains(&t.term))
            })
            .map(str::to_string)
            .collect();
        let typed: Vec<(String, bool)> = analysis::tokens(&mut analysis::surface_analyzer(), raw)
            .into_iter()
            .map(|t| {
                let stop = analysis::tokens(&mut analyzer, &t.term)
                    .first()
                    .is_none_or(|a| stopwords.contains(&a.term));
                (t.term, stop)
            })
            .collect();
        let bigrams = typed
            .windows(2)
            .filter(|p| !(p[0].1 && p[1].1))
            .map(|p| (p[0].0.clone(), p[1].0.clone()))
            .collect();
        let counted = question::counted_word(raw)
            .and_then(|w| analysis::tokens(&mut analyzer, &w).into_iter().next())
            .map(|t| t.term);
        let acronyms = raw
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()))
            .map(str::to_string)
            .collect();
        let mut lookup: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
        let mut add = |term: String, word: usize, share: f32| {
            let entry = lookup.entry(term).or_default();
            match entry.iter_mut().find(|(w, _)| *w == word) {
                Some((_, s)) => *s = s.max(share),
                None => entry.push((word, share)),
            }
        };
        for (i, w) in words.iter().enumerate() {
            for t in &w.terms {
                add(t.clone(), i, 1.0);
                for prefix in NEGATING_PREFIXES {
                    if t.len() >= 4 {
                        add(format!("{prefix}{t}"), i, RELATED_SHARE);
                    }
                    if let Some(base) = t.strip_prefix(prefix)
                        && base.len() >= 4
                    {
                        add(base.to_string(), i, RELATED_SHARE);
                    }
                }
            }
            for t in &w.related {
                add(t.clone(), i, RELATED_SHARE);
            }
        }
        Query {
            words,
            lookup,
            total: words.iter().map(|w| w.weight).sum(),
            question: question::parse(raw),
            subject,
            acronyms,
            counted,
            bigrams,
        }
    }
}

/// Features of one candidate.
struct Features {
    sentence: f32,
    proximity: f32,
    paragraph: f32,
    exact: f32,
    bigram: f32,
    /// The coverage of the best sentence holding what the question asks for (a date, a reason).
    answer: f32,
    defines: bool,
    /// A sentence counts what a *how many* question asks about.
    counts: bool,
    acronym: bool,
    fragment: bool,
    /// Which query words occur in the paragraph (by index), analysed and as typed, for the
    /// first-mention feature.
    present: Vec<bool>,
    present_exact: Vec<bool>,
}

/// A paragraph's words as ranking compares them: analysed (stemmed) with their offsets, and
/// as written.
pub struct Analysed {
    tokens: Vec<analysis::Token>,
    surface: Vec<String>,
}

/// Analysed paragraphs, kept between queries: analysing the 30 candidates again for every
/// query was most of what a query cost. Bounded by tokens held (about 60 bytes each); when
/// full it starts over, which keeps it simple and its memory fixed.
#[derive(Default)]
pub struct AnalysedCache {
    held: Mutex<Held>,
}

/// The paragraphs held, by (document, ¶), and how many tokens they hold together.
#[derive(Default)]
struct Held {
    paragraphs: HashMap<(String, u64, usize), Arc<Analysed>>,
    tokens: usize,
}

/// Tokens the cache holds at most: the bundled article is 25,000; a few hundred paragraphs.
const CACHED_TOKENS: usize = 250_000;

impl AnalysedCache {
    fn get(
        &self,
        doc: &str,
        digest: u64,
        paragraph: &Paragraph,
        analyzers: &mut Analyzers,
    ) -> Arc<Analysed> {
        // The digest: a document changed since is analysed again.
        let key = (doc.to_string(), digest, paragraph.number);
        if let Ok(held) = self.held.lock()
            && let Some(found) = held.paragraphs.get(&key)
        {
            return Arc::clone(found);
        }
        let analysed = Arc::new(Analysed {
            tokens: analysis::tokens(&mut analyzers.stemmed, &paragraph.text),
            surface: analysis::tokens(&mut analyzers.surface, &paragraph.text)
                .into_iter()
                .map(|t| t.term)
                .collect(),
        });
        if let Ok(mut held) = self.held.lock() {
            let size = analysed.tokens.len() + analysed.surface.len();
            if held.tokens + size > CACHED_TOKENS {
                held.paragraphs.clear();
                held.tokens = 0;
            }
            held.tokens += size;
            held.paragraphs.insert(key, Arc::clone(&analysed));
        }
        analysed
    }
}

/// The analyzers, made once per ranking rather than once per paragraph.
struct Analyzers {
    stemmed: tantivy::tokenizer::TextAnalyzer,
    surface: tantivy::tokenizer::TextAnalyzer,
}

fn features(query: &Query<'_>, paragraph: &Paragraph, analysed: &Analysed) -> Features {
    let text = &paragraph.text;
    let tokens = &analysed.tokens;
    let surface = &analysed.surface;
    let none: Vec<(usize, f32)> = Vec::new();
    let word_of = |term: &str| -> &Vec<(usize, f32)> { query.lookup.get(term).unwrap_or(&none) };
    // Per sentence: the query words it holds and where.
    let mut best_sentence = 0.0f32;
    let mut best_proximity = 0.0f32;
    let mut answer = 0.0f32;
    let mut defines = false;
    let mut counts = false;
    let mut present = vec![false; query.words.len()];
    for range in &paragraph.sentences {
        let (first, inside) = within(tokens, range);
        let mut positions: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut share: HashMap<usize, f32> = HashMap::new();
        for (k, token) in inside.iter().enumerate().map(|(k, t)| (first + k, t)) {
            for &(w, part) in word_of(&token.term) {
                positions.entry(w).or_default().push(k);
                let s = share.entry(w).or_insert(0.0);
                *s = s.max(part);
                if part >= 1.0 {
                    present[w] = true;
                }
            }
        }
        if positions.is_empty() {
            continue;
        }
        let covered: f32 = share
            .iter()
            .map(|(&w, &part)| query.words[w].weight * part)
            .sum();
        let sentence = text.get(range.clone()).unwrap_or_default();
        // A sentence that asks is not one that answers: "Is peer review the best way to get
        // these benefits?" restates a question rather than saying what the benefits are. So
        // does a quoted one ("…that important 'a-ha!' moment?”).
        let asks = query.question.is_some() && question::asks(sentence);
        let coverage = covered / query.total.max(f32::EPSILON) * if asks { 0.5 } else { 1.0 };
        let proximity = if positions.len() >= 2 {
            positions.len() as f32 / window(&positions) as f32
        } else {
            0.0
        };
        if coverage + 0.3 * proximity > best_sentence + 0.3 * best_proximity {
            best_sentence = coverage;
            best_proximity = proximity;
        }
        if let Some(kind) = query.question {
            if !asks && question::answers(kind, sentence) {
                answer = answer.max(coverage);
            }
            if kind == Kind::Definition {
                defines |= question::defines(sentence, &query.subject);
            }
            if let Some(word) = &query.counted
                && !asks
            {
                counts |= counts_word(word, inside);
            }
        }
    }
    let matched: f32 = present
        .iter()
        .zip(query.words)
        .filter(|(p, _)| **p)
        .map(|(_, w)| w.weight)
        .sum();
    let present_exact: Vec<bool> = query
        .words
        .iter()
        .map(|w| w.surface.iter().any(|s| surface.contains(s)))
        .collect();
    let exact: f32 = present_exact
        .iter()
        .zip(query.words)
        .filter(|(p, _)| **p)
        .map(|(_, w)| w.weight)
        .sum();
    let bigram = if query.bigrams.is_empty() {
        0.0
    } else {
        let found = query
            .bigrams
            .iter()
            .filter(|(a, b)| surface.windows(2).any(|w| w[0] == *a && w[1] == *b))
            .count();
        found as f32 / query.bigrams.len() as f32
    };
    let acronym = query.acronyms.iter().any(|a| {
        text.contains(&format!("({a})"))
            || text.contains(&format!("({a}s)"))
            || text.contains(&format!("{a} ("))
    });
    Features {
        sentence: best_sentence,
        proximity: best_proximity,
        paragraph: matched / query.total.max(f32::EPSILON),
        exact: exact / query.total.max(f32::EPSILON),
        bigram,
        answer,
        defines,
        counts,
        acronym,
        fragment: is_fragment(text),
        present,
        present_exact,
    }
}

/// Is `text` too slight to answer a question: a few words, a heading-like line, or a short one
/// ending in a colon, which only leads into what follows ("I propose to discuss the following
/// particulars:")? A list item written as a clause ("Syria needs a political solution in
/// order to defeat the Islamic State group") says something, with or without its full stop.
fn is_fragment(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words < 6
        || (words < 15
            && (text.trim_end().ends_with(':')
                || (!crate::library::page::ends_like_a_sentence(text) && set_like_a_heading(text))))
}

/// Are most of the longer words capitalised, as in a heading ("Dealing With the Hidden
/// Costs of Monitoring"), and not as in a sentence?
fn set_like_a_heading(text: &str) -> bool {
    let initial = |w: &&str| w.chars().find(|c| c.is_alphabetic());
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| initial(w).is_some_and(char::is_uppercase))
        .count();
    capitalised * 2 >= long.len()
}

/// The tokens of the sentence at `range`, and the index of the first: tokens are in text
/// order, so a sentence's are a run found by two binary searches.
fn within<'t>(
    tokens: &'t [analysis::Token],
    range: &std::ops::Range<usize>,
) -> (usize, &'t [analysis::Token]) {
    let first = tokens.partition_point(|t| t.start < range.start);
    let last = tokens.partition_point(|t| t.end <= range.end).max(first);
    (first, &tokens[first..last])
}

/// Does a number among a sentence's tokens come just before `word` (analysed)? A number word's
/// stem is its own ("five"), and digits are tokens of their own ("$4.8" → "4", "8").
fn counts_word(word: &str, inside: &[analysis::Token]) -> bool {
    inside.iter().enumerate().any(|(k, t)| {
        question::is_number(&t.term)
            && inside
                .iter()
                .skip(k + 1)
                .take(COUNTED_WITHIN)
                .any(|next| next.term == word)
    })
}

/// Prefixes that turn a word into its opposite: "unsafe"/"safe", "incomplet"/"complet".
const NEGATING_PREFIXES: [&str; 5] = ["un", "in", "im", "non", "dis"];

/// The fewest tokens spanning one occurrence of each word.
fn window(positions: &HashMap<usize, Vec<usize>>) -> usize {
    let mut all: Vec<(usize, usize)> = positions
        .iter()
        .flat_map(|(&w, ps)| ps.iter().map(move |&p| (p, w)))
        .collect();
    all.sort_unstable();
    let need = positions.len();
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let mut best = usize::MAX;
    let mut left = 0;
    for right in 0..all.len() {
        *counts.entry(all[right].1).or_insert(0) += 1;
        while counts.len() == need {
            best = best.min(all[right].0 - all[left].0 + 1);
            let w = all[left].1;
            if let Some(c) = counts.get_mut(&w) {
                *c -= 1;
                if *c == 0 {
                    counts.remove(&w);
                }
            }
            left += 1;
        }
    }
    best.max(1)
}

/// Re-orders `hits` (BM25's best, best first). Hits whose paragraph cannot be found keep
/// their place at the end.
pub fn rerank(
    query: &Query<'_>,
    hits: Vec<Hit>,
    library: &Library,
    cache: &AnalysedCache,
) -> Vec<Hit> {
    if hits.len() < 2 || query.words.is_empty() {
        return hits;
    }
    let top = hits
        .iter()
        .map(|h| h.score)
        .fold(f32::MIN, f32::max)
        .max(f32::EPSILON);
    let mut analyzers = Analyzers {
        stemmed: analysis::analyzer(),
        surface: analysis::surface_analyzer(),
    };
    let mut scored: Vec<(f32, usize, Hit, Option<Features>)> = hits
        .into_iter()
        .enumerate()
        .map(|(i, hit)| {
            let features = library
                .get(&hit.doc)
                .and_then(|d| Some((d.digest, d.paragraph(hit.paragraph)?)))
                .map(|(digest, p)| {
                    features(query, p, &cache.get(&hit.doc, digest, p, &mut analyzers))
                });
            (0.0, i, hit, features)
        })
        .collect();
    // The first paragraph of its document to use all the query's words (as typed, where some
    // paragraph has them so), and how widely its document uses them.
    let all = |f: &Features, exact: bool| {
        let p = if exact { &f.present_exact } else { &f.present };
        p.iter().all(|&x| x)
    };
    let typed = scored
        .iter()
        .any(|(_, _, _, f)| f.as_ref().is_some_and(|f| all(f, true)));
    let mut first: HashMap<String, (usize, usize)> = HashMap::new();
    for (_, _, hit, f) in &scored {
        if f.as_ref().is_some_and(|f| all(f, typed)) {
            let e = first.entry(hit.doc.clone()).or_insert((hit.paragraph, 0));
            e.0 = e.0.min(hit.paragraph);
            e.1 += 1;
        }
    }
    // When BM25 found more candidates than are re-ranked, the share among the candidates is
    // the better estimate of how widely the document uses the words.
    let saturated = scored.len() >= DEPTH;
    let first: HashMap<String, (usize, f32)> = first
        .into_iter()
        .map(|(doc, (paragraph, uses))| {
            let size = library.get(&doc).map_or(1, |d| d.paragraphs.len()).max(1);
            let mut spread = uses as f32 / size as f32;
            if saturated {
                let candidates = scored.iter().filter(|(_, _, h, _)| h.doc == doc).count();
                spread = spread.max(uses as f32 / candidates.max(1) as f32);
            }
            (doc, (paragraph, spread.min(1.0)))
        })
        .collect();
    for (score, _, hit, f) in scored.iter_mut() {
        let Some(f) = f else {
            *score = f32::MIN;
            continue;
        };
        let mut s = W_BM25 * hit.score / top
            + W_SENTENCE * f.sentence
            + W_PROXIMITY * f.proximity
            + W_PARAGRAPH * f.paragraph
            + W_EXACT * f.exact
            + W_BIGRAM * f.bigram;
        s += W_ANSWER * f.answer;
        if f.defines {
            s += W_DEFINES;
        }
        if f.counts {
            s += W_COUNTS;
        }
        if f.acronym {
            s += W_ACRONYM;
        }
        if let Some(&(paragraph, spread)) = first.get(&hit.doc)
            && paragraph == hit.paragraph
        {
            if query.question == Some(Kind::Definition) {
                s += W_FIRST + W_FIRST_SPREAD * spread;
            } else if spread > FIRST_SPREAD_MIN {
                s += W_FIRST_SPREAD * spread;
            }
        }
        if query.question.is_some() && f.fragment {
            s -= FRAGMENT_PENALTY;
        }
        *score = s;
        tracing::trace!(
            paragraph = hit.paragraph,
            bm25 = hit.score / top,
            sentence = f.sentence,
            proximity = f.proximity,
            exact = f.exact,
            bigram = f.bigram,
            answer = f.answer,
            defines = f.defines,
            fragment = f.fragment,
            score = s,
            "re-ranked"
        );
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .map(|(score, _, mut hit, _)| {
            hit.score = score;
            hit
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_counts_the_word_just_after_it() {
        let mut analyzer = analysis::analyzer();
        let text = "The scientists asked five people to perform a task. People moved 40 dots.";
        let tokens = analysis::tokens(&mut analyzer, text);
        let first = within(&tokens, &(0..51)).1;
        let second = within(&tokens, &(52..text.len())).1;
        assert_eq!(first.len(), 9);
        assert_eq!(second.len(), 4);
        assert!(counts_word("peopl", first));
        assert!(!counts_word("peopl", second));
        assert!(counts_word("dot", second));
        let far = "Five of the scientists asked people.";
        let tokens = analysis::tokens(&mut analyzer, far);
        assert!(!counts_word("peopl", within(&tokens, &(0..far.len())).1));
    }

    #[test]
    fn a_lead_in_is_a_fragment() {
        assert!(is_fragment(
            "I propose, in a series of papers, to discuss the following interesting particulars:"
        ));
        assert!(is_fragment("The Four Golden Signals"));
        assert!(is_fragment(
            "Dealing With the Hidden Costs of Monitoring Everything"
        ));
        assert!(!is_fragment(
            "Syria needs a political solution in order to defeat the Islamic State group"
        ));
        assert!(!is_fragment(
            "This shall accordingly constitute the subject of my next address."
        ));
        assert!(!is_fragment(
            "Three questions decide it, and every team that runs a service should ask them all \
             before it writes a single alert:"
        ));
    }

    #[test]
    fn what_a_word_means_asks_about_the_word() {
        let stopwords = Stopwords::for_queries(&mut analysis::analyzer());
        let words = Vec::new();
        let query = Query::new("what does literally mean", &words, &stopwords);
        assert_eq!(query.subject, ["literally"]);
        assert!(question::defines(
            "Literally means actually.",
            &query.subject
        ));
        let query = Query::new("what is research debt", &words, &stopwords);
        assert_eq!(query.subject, ["research", "debt"]);
    }

    #[test]
    fn windows_span_one_of_each() {
        let mut p = HashMap::new();
        p.insert(0, vec![1, 10]);
        p.insert(1, vec![4, 11]);
        assert_eq!(window(&p), 2);
        p.insert(2, vec![7]);
        assert_eq!(window(&p), 5);
    }
}
