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
    fn doc_freq(&self, term: &str) -> u64;
    /// Indexed terms within `distance` edits of `term` (a transposition counts as one edit).
    fn expand(&self, term: &str, distance: u8) -> Vec<String>;
}

pub struct Plan {
    /// `None` when the query holds nothing to look for (only exclusions, only punctuation).
    pub query: Option<Box<dyn Query>>,
    pub matcher: Matcher,
    /// Words the user typed that the library does not hold (before any fuzzy expansion).
    pub unknown: Vec<String>,
    /// Some word was matched fuzzily.
    pub fuzzy: bool,
}

/// Misspellings shorter than this are not corrected: too many words are one edit from "nato".
const FUZZY_MIN_CHARS: usize = 5;
/// At most this many spellings stand in for one misspelt word.
const FUZZY_MAX_EXPANSIONS: usize = 16;
/// Fuzzy matches rank below exact ones.
const FUZZY_BOOST: f32 = 0.8;

pub struct Planner<'a> {
    pub field: Field,
    pub analyzer: TextAnalyzer,
    pub stopwords: &'a Stopwords,
    pub terms: &'a dyn Terms,
}

struct Building {
    matcher: Matcher,
    unknown: Vec<String>,
    fuzzy: bool,
}

impl Planner<'_> {
    pub fn plan(&mut self, node: &Node) -> Plan {
        let mut state = Building {
            matcher: Matcher::default(),
            unknown: Vec::new(),
            fuzzy: false,
        };
        let query = self.node(node, true, false, &mut state);
        Plan {
            query,
            matcher: state.matcher,
            unknown: state.unknown,
            fuzzy: state.fuzzy,
        }
    }

    fn analyse(&mut self, text: &str) -> Vec<analysis::Token> {
        analysis::tokens(&mut self.analyzer, text)
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
                match tokens.as_slice() {
                    [] => None,
                    [one] => {
                        if drop_stop && self.stopwords.contains(&one.term) {
                            return None;
                        }
                        Some(self.term(raw, &one.term, positive, true, state))
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
            state.matcher.terms.insert(term.to_string());
            return exact;
        }
        state.unknown.push(raw.to_string());
        let chars = term.chars().count();
        if !may_correct || chars < FUZZY_MIN_CHARS {
            return exact;
        }
        let distance = if chars <= 7 { 1 } else { 2 };
        let mut spellings = self.terms.expand(term, distance);
        spellings.sort_by_key(|s| std::cmp::Reverse(self.terms.doc_freq(s)));
        spellings.truncate(FUZZY_MAX_EXPANSIONS);
        if spellings.is_empty() {
            return exact;
        }
        state.fuzzy = true;
        let alternatives: Vec<(Occur, Box<dyn Query>)> = spellings
            .iter()
            .map(|s| (Occur::Should, self.term_query(s)))
            .collect();
        state.matcher.terms.extend(spellings);
        Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(alternatives)),
            FUZZY_BOOST,
        ))
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
        }
        Some(Box::new(PhraseQuery::new_with_offset(terms)))
    }

    fn term_query(&self, term: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.field, term),
            IndexRecordOption::WithFreqs,
        ))
    }
}
