//! A guard around excluded clauses (`-word`, `-"a phrase"`, `NOT …`).
//!
//! tantivy 0.27's `Exclude` asks its excluded scorer whether the first candidate is excluded
//! before checking that the scorer has not already moved past it: a backward seek, which the
//! `DocSet` contract forbids. Term postings shrug it off; `PhraseScorer` trips a debug assertion
//! (a panic in debug builds, so `nato -"hot peace"` took down `cargo run`) and in release seeks
//! postings backwards (quickwit-oss/tantivy#2811). The same happens after a missed `seek_danger`,
//! which may leave the scorer past the next target. Wrapped in [`ForwardOnly`], a question about
//! a document before what the scorer has already ruled out is answered without moving it; every
//! other call passes through unchanged.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term};

/// `query`, safe to put under an exclusion.
pub struct ForwardOnly(pub Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl std::fmt::Debug for ForwardOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ForwardOnly").field(&self.0).finish()
    }
}

impl Query for ForwardOnly {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnlyScorer {
            inner: self.0.scorer(reader, boost)?,
            at: Position::Valid,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnlyScorer {
    inner: Box<dyn Scorer>,
    at: Position,
}

/// What is known of where the inner scorer stands.
#[derive(Clone, Copy)]
enum Position {
    /// At `inner.doc()`, a document it matches (or `TERMINATED`).
    Valid,
    /// Somewhere at or before this bound, after a `seek_danger` that missed: nothing below it
    /// matches, and the scorer must not be asked about anything below it.
    Below(DocId),
}

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        self.at = Position::Valid;
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if matches!(self.at, Position::Valid) && target <= self.inner.doc() {
            return self.inner.doc();
        }
        self.at = Position::Valid;
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        match self.at {
            Position::Valid => {
                let doc = self.inner.doc();
                if target == doc {
                    return SeekDangerResult::Found;
                }
                if target < doc {
                    return SeekDangerResult::SeekLowerBound(doc);
                }
            }
            Position::Below(bound) if target < bound => {
                return SeekDangerResult::SeekLowerBound(bound);
            }
            Position::Below(_) => {}
        }
        let result = self.inner.seek_danger(target);
        self.at = match result {
            SeekDangerResult::Found => Position::Valid,
            SeekDangerResult::SeekLowerBound(bound) => Position::Below(bound),
        };
        result
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
