//! Turning a parsed query into a tantivy query, built from the analyzer's own tokens.
//!
//! Alongside the query, the plan records what a hit can have matched ([`Matcher`]): the excerpt
//! highlighter bolds exactly those terms and phrases, including the spellings a fuzzy fallback
//! expanded a misspelt name into.

use std::collections::BTreeSet;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::forward::ForwardOnly;
use super::query::{Clause, Modifier, Node, Op};
use crate::analysis::{self, Stopwords};

/// What a hit may contain of the query, as analysed terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matcher {
    pub terms: BTreeSet<String>,
    /// Sequences of two or more terms that match only side by side.
    pub phrases: Vec<Vec<String>>,
}

impl Matcher {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }
}

/// How the index answers questions about its terms.
pub trait Terms {
    /// Paragraphs holding an analysed (stemmed) term.
    fn doc_freq(&self, term: &str) -> u64;
    /// Words of the library (folded, unstemmed) near a folded word, nearest first, with their
    /// distance: see [`super::nearness`].
    fn near_words(&self, word: &str) -> Vec<(String, usize)>;
    /// Words of the library (folded) that begin with a folded word and go on, a few at most:
    /// see [`super::names::may_be_glued`]. None when more begin so.
    fn glued_words(&self, word: &str) -> Vec<String>;
    /// Paragraphs holding a word exactly so spelt (folded, unstemmed).
    fn surface_freq(&self, word: &str) -> u64;
    /// Paragraphs in all.
    fn paragraphs(&self) -> u64;
    /// Does some paragraph hold analysed term `first` right before `second`?
    fn adjacent(&self, first: &str, second: &str) -> bool;
}

pub struct Plan {
    /// `None` when the query holds nothing to look for (only exclusions, only punctuation).
    pub query: Option<Box<dyn Query>>,
    pub matcher: Matcher,
    /// Words the user typed that the library does not hold (before any fuzzy expansion).
    pub unknown: Vec<String>,
    /// Some word was matched fuzzily.
    pub fuzzy: bool,
    /// Positive words the library holds as typed, and words it holds in no form, not even a
    /// near spelling: together they tell a question about something else.
    pub exact: usize,
    pub unmatched: usize,
    /// The words a hit should contain, for ranking by sentence: every positive content word.
    pub words: Vec<QueryWord>,
}

/// A word of the query as ranking sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryWord {
    /// As typed, folded; for a misspelling, the library's near spellings.
    pub surface: Vec<String>,
    /// The analysed terms any of which match it.
    pub terms: Vec<String>,
    /// How telling a match is: inverse document frequency.
    pub weight: f32,
    /// Analysed terms of its synonyms, which count for less (see [`Planner::related`]).
    pub related: Vec<String>,
}

/// Drops words the library holds in no form (not even a synonym): they would only lower every
/// paragraph's share of the query alike.
fn words_retain_known(terms: &dyn Terms, words: &mut Vec<QueryWord>) {
    words.retain(|w| !w.related.is_empty() || w.terms.iter().any(|t| terms.doc_freq(t) > 0));
}

/// Verbs that carry little of what a question asks ("how many people *took* part", "when does
/// it *happen*"): in a small library they are rare, so by document frequency alone they would
/// weigh as much as the subject, and a paragraph using one in passing ("how long it took them")
/// outranked the one counting the people. They count as much as a synonym.
const LIGHT_VERBS: &[&str] = &[
    "become", "becomes", "became", "came", "come", "comes", "gave", "get", "gets", "getting",
    "give", "gives", "go", "goes", "going", "got", "happen", "happened", "happens", "kept", "keep",
    "made", "make", "makes", "making", "put", "puts", "said", "say", "says", "take", "taken",
    "takes", "taking", "took", "use", "used", "uses", "went",
];

/// A word is cut in two only if it has this many letters, each half at least [`SPLIT_MIN_PART`]:
/// "rerun" → "re" "run"; a one-letter half ("a tractor" for "atractor") is a misspelling's.
const SPLIT_MIN_CHARS: usize = 5;
/// Longer than this, a word is no compound a reader typed ("antidisestablishmentarianism" is
/// 28), and each cut costs a search.
const SPLIT_MAX_CHARS: usize = 30;
const SPLIT_MIN_PART: usize = 2;

/// Fuzzy matches rank below exact ones.
const FUZZY_BOOST: f32 = 0.8;
/// Synonyms count for much less than the words typed.
const RELATED_BOOST: f32 = 0.3;
const RELATED_MIN_WORDS: usize = 3;
const RELATED_PER_WORD: usize = 6;

pub struct Planner<'a> {
    pub field: Field,
    /// The unstemmed words, which a misspelling's corrections are looked up in exactly.
    pub words_field: Field,
    pub analyzer: TextAnalyzer,
    pub stopwords: &'a Stopwords,
    pub terms: &'a dyn Terms,
}

struct Building {
    matcher: Matcher,
    unknown: Vec<String>,
    fuzzy: bool,
    exact: usize,
    unmatched: usize,
    words: Vec<QueryWord>,
}

impl Planner<'_> {
    pub fn plan(&mut self, node: &Node) -> Plan {
        let mut state = Building {
            matcher: Matcher::default(),
            unknown: Vec::new(),
            fuzzy: false,
            exact: 0,
            unmatched: 0,
            words: Vec::new(),
        };
        let query = self.node(node, true, false, &mut state);
        Plan {
            query,
            matcher: state.matcher,
            unknown: state.unknown,
            fuzzy: state.fuzzy,
            exact: state.exact,
            unmatched: state.unmatched,
            words: state.words,
        }
    }

    fn analyse(&mut self, text: &str) -> Vec<analysis::Token> {
        analysis::tokens(&mut self.analyzer, text)
    }

    fn surface(&self, text: &str) -> Vec<String> {
        analysis::tokens(&mut analysis::surface_analyzer(), text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    /// Inverse document frequency, as BM25 weighs a term.
    fn weight(&self, terms: &[String]) -> f32 {
        let n = self.terms.paragraphs() as f32;
        let df = terms
            .iter()
            .map(|t| self.terms.doc_freq(t))
            .max()
            .unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.01)
    }

    fn record(&self, state: &mut Building, surface: Vec<String>, terms: Vec<String>) {
        let mut weight = self.weight(&terms);
        if let [typed] = surface.as_slice()
            && LIGHT_VERBS.contains(&typed.as_str())
        {
            weight *= RELATED_BOOST;
        }
        state.words.push(QueryWord {
            surface,
            terms,
            weight,
            related: Vec::new(),
        });
    }

    /// `positive`: the node counts toward matches (it is not under an exclusion), so its terms
    /// are highlighted and misspellings corrected. `drop_stop`: a lone stop word adds nothing.
    fn node(
        &mut self,
        node: &Node,
        positive: bool,
        drop_stop: bool,
        state: &mut Building,
    ) -> Option<Box<dyn Query>> {
        match node {
            Node::Word(raw) => {
                let tokens = self.analyse(raw);
                if positive && let Some(query) = self.written_together(raw, &tokens, state) {
                    return Some(query);
                }
                match tokens.as_slice() {
                    [] => None,
                    [one] => {
                        if drop_stop && self.stopwords.contains(&one.term) {
                            return None;
                        }
                        Some(self.term(raw, &one.term, positive, true, state))
                    }
                    several
                        if positive
                            && several.iter().any(|t| self.terms.doc_freq(&t.term) == 0) =>
                    {
                        // "threatner-hostile": a joined word with a misspelt part is read as its
                        // parts, each corrected, rather than as a phrase nothing can match.
                        let parts: Vec<(String, String)> = several
                            .iter()
                            .map(|t| (raw[t.start..t.end].to_string(), t.term.clone()))
                            .collect();
                        let clauses: Vec<(Occur, Box<dyn Query>)> = parts
                            .iter()
                            .filter(|(_, term)| !self.stopwords.contains(term))
                            .map(|(part, term)| {
                                (Occur::Should, self.term(part, term, true, true, state))
                            })
                            .collect();
                        (!clauses.is_empty())
                            .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
                    }
                    _ => self.phrase(raw, &tokens, positive, state),
                }
            }
            Node::Phrase(raw) => {
                let tokens = self.analyse(raw);
                match tokens.as_slice() {
                    [] => None,
                    [one] => Some(self.term(raw, &one.term, positive, false, state)),
                    _ => self.phrase(raw, &tokens, positive, state),
                }
            }
            Node::Group { op, clauses } => self.group(*op, clauses, positive, state),
        }
    }

    fn group(
        &mut self,
        op: Op,
        clauses: &[Clause],
        positive: bool,
        state: &mut Building,
    ) -> Option<Box<dyn Query>> {
        // Stop words are dropped when something else in the group carries content: "what did
        // Putin offer Trump" ranks by putin, offer, trump. A query of stop words alone keeps them.
        let has_content = clauses.iter().any(|c| {
            c.modifier != Modifier::Excluded
                && match &c.node {
                    Node::Word(raw) => {
                        let tokens = self.analyse(raw);
                        tokens.len() > 1
                            || tokens
                                .first()
                                .is_some_and(|t| !self.stopwords.contains(&t.term))
                    }
                    _ => true,
                }
        });
        let mut subqueries: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in clauses {
            let excluded = clause.modifier == Modifier::Excluded;
            let occur = match (op, clause.modifier) {
                (_, Modifier::Excluded) => Occur::MustNot,
                (_, Modifier::Required) | (Op::And, Modifier::None) => Occur::Must,
                (Op::Or, Modifier::None) => Occur::Should,
            };
            let drop_stop = has_content && !excluded;
            if let Some(q) = self.node(&clause.node, positive && !excluded, drop_stop, state) {
                let q: Box<dyn Query> = if excluded {
                    Box::new(ForwardOnly(q))
                } else {
                    q
                };
                subqueries.push((occur, q));
            }
        }
        if !subqueries.iter().any(|(o, _)| *o != Occur::MustNot) {
            // Exclusions alone select nothing.
            return None;
        }
        if subqueries.len() == 1 {
            return subqueries.pop().map(|(_, q)| q);
        }
        Some(Box::new(BooleanQuery::new(subqueries)))
    }

    fn term(
        &mut self,
        raw: &str,
        term: &str,
        positive: bool,
        may_correct: bool,
        state: &mut Building,
    ) -> Box<dyn Query> {
        let exact = self.term_query(term);
        if !positive {
            return exact;
        }
        if self.terms.doc_freq(term) > 0 {
            state.exact += 1;
            state.matcher.terms.insert(term.to_string());
            let surface = self.surface(raw);
            // A misspelling can share its stem with real words ("distilation" and "Distill"
            // both stem to "distil"): when the library never spells the word so, its near
            // spellings rank it, as the words the user most likely meant.
            if may_correct
                && let [typed] = surface.as_slice()
                && self.terms.surface_freq(typed) == 0
            {
                let near: Vec<String> = self
                    .terms
                    .near_words(typed)
                    .into_iter()
                    .map(|(w, _)| w)
                    .collect();
                if !near.is_empty() {
                    // Searched, so highlighted: the near spellings' own terms match too.
                    for word in &near {
                        for token in self.analyse(word) {
                            if self.terms.doc_freq(&token.term) > 0 {
                                state.matcher.terms.insert(token.term);
                            }
                        }
                    }
                    self.record(state, near.clone(), vec![term.to_string()]);
                    let mut alternatives: Vec<(Occur, Box<dyn Query>)> =
                        vec![(Occur::Should, exact)];
                    alternatives.extend(near.iter().map(|w| (Occur::Should, self.word_query(w))));
                    return Box::new(BooleanQuery::new(alternatives));
                }
            }
            self.record(state, surface, vec![term.to_string()]);
            return exact;
        }
        if may_correct && let Some(split) = self.written_apart(raw, state) {
            return split;
        }
        state.unknown.push(raw.to_string());
        let surface = self.surface(raw);
        let [typed] = surface.as_slice() else {
            return exact;
        };
        let typed = typed.clone();
        if !may_correct {
            state.unmatched += 1;
            return exact;
        }
        // The words the suggester would offer, and the terms they analyse to; for a name with
        // nothing near it, the words it begins, where a page ran it into the next word.
        let mut near: Vec<String> = self
            .terms
            .near_words(&typed)
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        if near.is_empty()
            && super::names::is_capitalised(raw)
            && super::names::may_be_glued(&typed)
        {
            near = self.terms.glued_words(&typed);
        }
        let mut spellings: Vec<String> = Vec::new();
        for word in &near {
            for token in self.analyse(word) {
                if !spellings.contains(&token.term) && self.terms.doc_freq(&token.term) > 0 {
                    spellings.push(token.term);
                }
            }
        }
        if spellings.is_empty() {
            // Neither the word nor a near spelling is in the library; its synonyms may be
            // (see `related`), so ranking still knows it was asked for.
            state.unmatched += 1;
            self.record(state, vec![typed], vec![term.to_string()]);
            return exact;
        }
        state.fuzzy = true;
        // The corrections as spelled, not their stems: "distilation" means "distillation",
        // not every word that shares its stem ("Distill").
        let alternatives: Vec<(Occur, Box<dyn Query>)> = near
            .iter()
            .map(|w| (Occur::Should, self.word_query(w)))
            .collect();
        state.matcher.terms.extend(spellings.iter().cloned());
        self.record(state, near, spellings);
        Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(alternatives)),
            FUZZY_BOOST,
        ))
    }

    /// A word the library does not hold as typed but writes hyphenated or in two ("rerun" for
    /// "re-run", "nonprofit" for "non-profit", "coauthor" for "co-author"): each way of cutting it in
    /// two whose halves stand side by side somewhere in the library, as a phrase. Only words
    /// the library lacks are cut, and only where the halves are really found together, so a
    /// word that means something else ("heroin", not "hero in") is still unknown.
    fn written_apart(&mut self, raw: &str, state: &mut Building) -> Option<Box<dyn Query>> {
        let surface = self.surface(raw);
        let [typed] = surface.as_slice() else {
            return None;
        };
        let cuts: Vec<usize> = typed.char_indices().map(|(i, _)| i).collect();
        if !(SPLIT_MIN_CHARS..=SPLIT_MAX_CHARS).contains(&cuts.len())
            || !typed.chars().all(char::is_alphabetic)
        {
            return None;
        }
        let mut found: Vec<(String, String)> = Vec::new();
        for &at in &cuts[SPLIT_MIN_PART..=cuts.len() - SPLIT_MIN_PART] {
            let (first, second) = typed.split_at(at);
            let (Some(a), Some(b)) = (
                self.analyse(first).into_iter().next(),
                self.analyse(second).into_iter().next(),
            ) else {
                continue;
            };
            if self.terms.doc_freq(&a.term) > 0
                && self.terms.doc_freq(&b.term) > 0
                && self.terms.adjacent(&a.term, &b.term)
            {
                found.push((a.term, b.term));
            }
        }
        if found.is_empty() {
            return None;
        }
        state.exact += 1;
        let mut terms = Vec::new();
        let mut phrases: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (a, b) in found {
            state.matcher.phrases.push(vec![a.clone(), b.clone()]);
            phrases.push((
                Occur::Should,
                Box::new(PhraseQuery::new(vec![
                    Term::from_field_text(self.field, &a),
                    Term::from_field_text(self.field, &b),
                ])),
            ));
            terms.extend([a, b]);
        }
        terms.sort();
        terms.dedup();
        // Two words side by side are at least as telling as the rarer of them.
        let rarest = terms.iter().min_by_key(|t| self.terms.doc_freq(t)).cloned();
        let weight = self.weight(rarest.as_slice());
        self.record(state, vec![typed.clone()], terms);
        if let Some(word) = state.words.last_mut() {
            word.weight = weight;
        }
        Some(Box::new(BooleanQuery::new(phrases)))
    }

    /// The other way round: a word typed hyphenated that the library writes as one
    /// ("co-operation" for "cooperation", "e-mail" for "email"). Searched as the joined word,
    /// and as the phrase too where the library also writes it apart.
    fn written_together(
        &mut self,
        raw: &str,
        tokens: &[analysis::Token],
        state: &mut Building,
    ) -> Option<Box<dyn Query>> {
        let [first, second] = tokens else {
            return None;
        };
        let joined: String = self.surface(raw).concat();
        if joined.chars().count() > SPLIT_MAX_CHARS
            || !joined.chars().all(char::is_alphabetic)
            || self.terms.surface_freq(&joined) == 0
        {
            return None;
        }
        let term = self.analyse(&joined).into_iter().next()?.term;
        let one = self.term(&joined, &term, true, false, state);
        if !self.terms.adjacent(&first.term, &second.term) {
            return Some(one);
        }
        let apart = self.phrase(raw, tokens, true, state)?;
        Some(Box::new(BooleanQuery::new(vec![
            (Occur::Should, one),
            (Occur::Should, apart),
        ])))
    }

    fn phrase(
        &mut self,
        raw: &str,
        tokens: &[analysis::Token],
        positive: bool,
        state: &mut Building,
    ) -> Option<Box<dyn Query>> {
        let first = tokens.first()?.position;
        let terms: Vec<(usize, Term)> = tokens
            .iter()
            .map(|t| {
                (
                    t.position - first,
                    Term::from_field_text(self.field, &t.term),
                )
            })
            .collect();
        if positive {
            if tokens.iter().any(|t| self.terms.doc_freq(&t.term) == 0) {
                state.unknown.push(raw.to_string());
            }
            state
                .matcher
                .phrases
                .push(tokens.iter().map(|t| t.term.clone()).collect());
            for t in tokens.iter().filter(|t| !self.stopwords.contains(&t.term)) {
                let surface = self.surface(&raw[t.start..t.end]);
                self.record(state, surface, vec![t.term.clone()]);
            }
        }
        Some(Box::new(PhraseQuery::new_with_offset(terms)))
    }

    /// Synonyms of a longer query's words, as one low-weighted query: "activates" also looks for
    /// "trigger". Only for queries of three words or more (questions, paraphrases), where a
    /// reader may have put the author's words in their own; a word or two means what it says.
    /// Each word keeps its synonyms (as analysed terms the library holds) for ranking.
    pub fn related(&mut self, words: &mut Vec<QueryWord>) -> Option<Box<dyn Query>> {
        if words.len() < RELATED_MIN_WORDS {
            words_retain_known(self.terms, words);
            return None;
        }
        let thesaurus = analysis::synonyms::thesaurus();
        let known: Vec<String> = words.iter().flat_map(|w| w.terms.clone()).collect();
        let mut all: Vec<String> = Vec::new();
        for word in words.iter_mut() {
            let Some(typed) = word.surface.first().filter(|_| word.surface.len() == 1) else {
                continue;
            };
            for synonym in thesaurus.synonyms(typed) {
                if word.related.len() == RELATED_PER_WORD {
                    break;
                }
                let Some(term) = self.analyse(synonym).into_iter().next().map(|t| t.term) else {
                    continue;
                };
                if !known.contains(&term)
                    && !word.related.contains(&term)
                    && !self.stopwords.contains(&term)
                    && self.terms.doc_freq(&term) > 0
                {
                    word.related.push(term.clone());
                    if !all.contains(&term) {
                        all.push(term);
                    }
                }
            }
        }
        words_retain_known(self.terms, words);
        if all.is_empty() {
            return None;
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = all
            .iter()
            .map(|t| (Occur::Should, self.term_query(t)))
            .collect();
        Some(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            RELATED_BOOST,
        )))
    }

    /// A word exactly as the library spells it (folded, unstemmed).
    fn word_query(&self, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.words_field, word),
            IndexRecordOption::WithFreqs,
        ))
    }

    fn term_query(&self, term: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.field, term),
            IndexRecordOption::WithFreqs,
        ))
    }
}
