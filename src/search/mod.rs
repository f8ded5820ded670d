//! Full-text search over paragraphs: one tantivy document per paragraph.

pub mod excerpt;
mod forward;
pub mod indexer;
mod names;
pub mod nearness;
pub mod plan;
pub mod query;
pub mod question;
pub mod rerank;
pub mod suggest;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, Searcher, TantivyDocument, Term};

pub use excerpt::Excerpt;
pub use indexer::{CACHE_DIR, Changes, Indexer};
pub use plan::Matcher;
pub use suggest::Suggestions;

use crate::analysis::{self, ANALYZER_NAME, SURFACE_ANALYZER_NAME, Stopwords};
use crate::library::Library;

/// Bumped whenever the fields below change; names the index folder, so a change rebuilds it.
const SCHEMA_VERSION: u32 = 3;

/// A quotation's this-many rarest distinct content words find its candidates: rare words say
/// where a quote comes from, and common ones only make the search slower.
const MAX_QUOTE_TERMS: usize = 16;

/// The library's most frequent words kept for "did you mean", before each server's view
/// narrows them.
const FREQUENT: usize = 64;

/// Memory the index writer may buffer before flushing a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[derive(Clone, Copy)]
struct Fields {
    /// The document's key (its id, or `<server>/<id>` for a server's own).
    doc: Field,
    /// Whose library: `host`, or the server's id.
    owner: Field,
    paragraph: Field,
    /// Analysed words (stemmed): what queries match.
    text: Field,
    /// The same words unstemmed: what misspellings are corrected against.
    words: Field,
}

/// How [`SearchIndex::open`] came by its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Built in memory, nothing on disk.
    Memory,
    /// The index on disk already held exactly these documents.
    Reused(PathBuf),
    /// Built now from nothing (none was there, it was unreadable, or a rebuild was asked for).
    Built(PathBuf),
    /// The index on disk, brought up to date: only the documents that changed were indexed.
    Updated {
        dir: PathBuf,
        indexed: usize,
        removed: usize,
    },
}

/// A snapshot of the paragraphs' index, and what it takes to query it. Later commits do not
/// change a snapshot: a query sees the library as it was when the snapshot was taken.
pub struct SearchIndex {
    searcher: Searcher,
    fields: Fields,
    /// Stop words of text (summaries, the library's frequent words) and of queries, which
    /// also drop the modals that frame a question.
    stopwords: Stopwords,
    query_stopwords: Stopwords,
    provenance: Provenance,
    /// The library's most frequent words, for "did you mean" when nothing is near.
    frequent: OnceLock<Vec<String>>,
    /// Paragraphs as re-ranking analyses them, kept between queries (and snapshots).
    analysed: Arc<rerank::AnalysedCache>,
}

/// A ranked paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: String,
    pub paragraph: usize,
    pub score: f32,
}

/// One page of results, with what the highlighter needs.
#[derive(Debug, Clone)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Paragraphs matching in all, across pages.
    pub total: usize,
    pub matcher: Matcher,
    /// Words the library does not hold, as the user typed them.
    pub unknown: Vec<String>,
    /// Some word was matched by a near spelling.
    pub fuzzy: bool,
    /// The query had nothing to look for (only punctuation, only exclusions).
    pub nothing_to_search: bool,
}

impl Results {
    /// No passage, with what the plan learnt about the words typed.
    fn none(plan: plan::Plan, nothing_to_search: bool) -> Self {
        Results {
            hits: Vec::new(),
            total: 0,
            matcher: plan.matcher,
            unknown: plan.unknown,
            fuzzy: plan.fuzzy,
            nothing_to_search,
        }
    }
}

/// What a search is for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    pub query: &'a str,
    /// Restrict to one document, by key.
    pub doc: Option<&'a str>,
    pub offset: usize,
    pub limit: usize,
    /// Restrict to these owners' documents (`host`, server ids); `None` for all.
    pub owners: Option<&'a [String]>,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let doc = builder.add_text_field("doc", STRING | STORED);
    let owner = builder.add_text_field("owner", STRING);
    let paragraph = builder.add_u64_field("paragraph", STORED);
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = builder.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(text_indexing),
    );
    let words = builder.add_text_field(
        "words",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(SURFACE_ANALYZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqs),
        ),
    );
    (
        builder.build(),
        Fields {
            doc,
            owner,
            paragraph,
            text,
            words,
        },
    )
}

impl SearchIndex {
    /// Opens the index cached under `<library_dir>/.tantivy/` and brings it in line with
    /// `library`: unchanged documents are kept, changed ones re-indexed (everything, with
    /// `rebuild`).
    pub fn open(library: &Library, library_dir: &Path, rebuild: bool) -> Result<Self, SearchError> {
        let mut indexer = Indexer::open(&library_dir.join(CACHE_DIR), rebuild)?;
        let started = std::time::Instant::now();
        let changes = indexer.sync(library.documents())?;
        indexer.note(changes, started);
        Ok(indexer.snapshot())
    }

    /// An index held in memory only: for tests, benchmarks and one-off tools.
    pub fn in_memory(library: &Library) -> Result<Self, SearchError> {
        let mut indexer = Indexer::in_memory()?;
        indexer.sync(library.documents())?;
        Ok(indexer.snapshot())
    }

    fn from_searcher(searcher: Searcher, fields: Fields, provenance: Provenance) -> Self {
        SearchIndex {
            searcher,
            fields,
            stopwords: Stopwords::new(&mut analysis::analyzer()),
            query_stopwords: Stopwords::for_queries(&mut analysis::analyzer()),
            provenance,
            frequent: OnceLock::new(),
            analysed: Arc::new(rerank::AnalysedCache::default()),
        }
    }

    /// This snapshot's analysed paragraphs, shared with the next one.
    pub fn share_cache_with(&self, next: &mut SearchIndex) {
        next.analysed = Arc::clone(&self.analysed);
    }

    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Paragraphs indexed.
    pub fn len(&self) -> u64 {
        self.searcher.num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ranked paragraphs for what a user typed: BM25's best, re-ordered by sentence evidence
    /// read from `library` (see [`rerank`]). Never fails on the query's content: syntax errors
    /// read as plain words, and an empty query is an empty answer.
    pub fn search(&self, request: Request<'_>, library: &Library) -> Result<Results, SearchError> {
        let searcher = &self.searcher;
        let terms = IndexTerms {
            searcher,
            fields: self.fields,
        };
        let node = query::parse(request.query);
        let mut planner = plan::Planner {
            field: self.fields.text,
            words_field: self.fields.words,
            analyzer: analysis::analyzer(),
            stopwords: &self.query_stopwords,
            terms: &terms,
        };
        let mut plan = planner.plan(&node);
        let only_doc = |query: Box<dyn Query>| self.scoped(query, request.doc, request.owners);

        let Some(typed) = plan.query.take() else {
            return Ok(Results::none(plan, true));
        };
        // Most of the words typed are not in the library, and one is not even near a word it
        // holds: the question is about something the library does not have, and the passages
        // sharing its one common word ("blockchain token incentives" → "incentives") would
        // answer another. A misspelling alone ("hiatis") is still searched by its near words.
        if query::is_plain(&node) && plan.unknown.len() > plan.exact && plan.unmatched > 0 {
            return Ok(Results::none(plan, false));
        }
        // A name typed whole whose last word the passages searched hold in no form is someone
        // or something they do not mention, however many of its other words they hold.
        if query::is_plain(&node)
            && let Some(head) = names::typed_head(request.query)
            && !self.mentions(head, &terms, request.doc, request.owners)?
        {
            return Ok(Results::none(plan, false));
        }
        let mut query = only_doc(typed.box_clone());
        // Synonyms broaden a query that found something; they never invent an answer for one
        // that found nothing.
        let related = if query::is_plain(&node) {
            planner.related(&mut plan.words)
        } else {
            None
        };
        if let Some(related) = related
            && searcher.search(&query, &Count)? > 0
        {
            query = only_doc(Box::new(BooleanQuery::new(vec![
                (Occur::Should, typed),
                (Occur::Should, related),
            ])));
        }

        // Re-ranking reads BM25's best few; pages deep past them keep BM25's order.
        let limit = request.limit.max(1);
        let end = request.offset.saturating_add(limit);
        let (fetch, skip) = if end <= rerank::DEPTH {
            (rerank::DEPTH, 0)
        } else {
            (limit, request.offset)
        };
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(fetch).and_offset(skip).order_by_score(),
                Count,
            ),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc = stored
                .get_first(self.fields.doc)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let paragraph = stored
                .get_first(self.fields.paragraph)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or_default();
            hits.push(Hit {
                doc,
                paragraph,
                score,
            });
        }
        if skip == 0 {
            let ranking = rerank::Query::new(request.query, &plan.words, &self.query_stopwords);
            hits = rerank::rerank(&ranking, hits, library, &self.analysed);
            hits = hits.into_iter().skip(request.offset).take(limit).collect();
        }
        Ok(Results {
            hits,
            total,
            matcher: plan.matcher,
            unknown: plan.unknown,
            fuzzy: plan.fuzzy,
            nothing_to_search: false,
        })
    }

    /// `query` narrowed to one document (by key) and to some owners' documents; the narrowing
    /// adds nothing to scores.
    fn scoped(
        &self,
        query: Box<dyn Query>,
        doc: Option<&str>,
        owners: Option<&[String]>,
    ) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(doc) = doc {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.doc, doc),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(owners) = owners {
            let any: Vec<(Occur, Box<dyn Query>)> = owners
                .iter()
                .map(|o| -> (Occur, Box<dyn Query>) {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(self.fields.owner, o),
                            IndexRecordOption::Basic,
                        )),
                    )
                })
                .collect();
            // No owner at all: nothing is visible.
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if clauses.is_empty() {
            return query;
        }
        let filter: Box<dyn Query> = Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            0.0,
        ));
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, filter),
        ]))
    }

    /// Whether the paragraphs in scope hold the last word of a typed name in some form: its
    /// stem, a near spelling (a misspelt "Yoon Suk Yeoul" means "Yeol"), or the start of a
    /// word the page ran it into ("Madrigalreports"). A word of the
    /// language ("NATO Enlargement" typed in title case) is a topic, not a name, and counts as
    /// held: its synonyms may still answer. WordNet lists people and places too ("Jong", "UN"),
    /// but gives them only names of several words; a word with a one-word synonym is a word of
    /// the language.
    fn mentions(
        &self,
        head: &str,
        terms: &IndexTerms<'_>,
        doc: Option<&str>,
        owners: Option<&[String]>,
    ) -> Result<bool, SearchError> {
        let any_in_scope = |query: Box<dyn Query>| -> Result<bool, SearchError> {
            Ok(self
                .searcher
                .search(&self.scoped(query, doc, owners), &Count)?
                > 0)
        };
        let in_scope = |field: Field, term: &str| {
            any_in_scope(Box::new(TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::Basic,
            )))
        };
        let stems = analysis::tokens(&mut analysis::analyzer(), head);
        if stems.is_empty() {
            return Ok(true);
        }
        for stem in &stems {
            if in_scope(self.fields.text, &stem.term)? {
                return Ok(true);
            }
        }
        let thesaurus = analysis::synonyms::thesaurus();
        for word in analysis::tokens(&mut analysis::surface_analyzer(), head) {
            for (near, _) in plan::Terms::near_words(terms, &word.term) {
                if in_scope(self.fields.words, &near)? {
                    return Ok(true);
                }
            }
            // A page may run the name into the next word ("Alexis Madrigalreports"). Too
            // short a name begins too many words ("Un": "under").
            if names::may_be_glued(&word.term) {
                let glued = FuzzyTermQuery::new_prefix(
                    Term::from_field_text(self.fields.words, &word.term),
                    0,
                    false,
                );
                if any_in_scope(Box::new(glued))? {
                    return Ok(true);
                }
            }
            if !thesaurus.synonyms(&word.term).is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The paragraphs in scope that hold `word` as written.
    fn word_in_scope(&self, word: &str, owners: Option<&[String]>) -> Box<dyn Query> {
        self.scoped(
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.words, word),
                IndexRecordOption::Basic,
            )),
            None,
            owners,
        )
    }

    /// Whether any paragraph in scope holds `word` as written.
    fn holds_word(&self, word: &str, owners: Option<&[String]>) -> bool {
        let query = self.word_in_scope(word, owners);
        self.searcher.search(&query, &Count).is_ok_and(|n| n > 0)
    }

    /// The paragraphs that share most of `text`'s words as written (no stemming, no synonyms,
    /// no corrections): candidates for where a quotation comes from. Stop words are left out of
    /// the query; they would only slow it down.
    pub fn passages_with(
        &self,
        text: &str,
        doc: Option<&str>,
        owners: Option<&[String]>,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let searcher = &self.searcher;
        let mut analyzer = analysis::analyzer();
        let mut terms: Vec<(u64, Term)> = Vec::new();
        for token in analysis::tokens(&mut analysis::surface_analyzer(), text) {
            let term = Term::from_field_text(self.fields.words, &token.term);
            if terms.iter().any(|(_, t)| *t == term) {
                continue;
            }
            let stop = analysis::tokens(&mut analyzer, &token.term)
                .first()
                .is_none_or(|t| self.stopwords.contains(&t.term));
            if stop {
                continue;
            }
            let frequency = searcher.doc_freq(&term)?;
            if frequency > 0 {
                terms.push((frequency, term));
            }
        }
        terms.sort_by_key(|(frequency, _)| *frequency);
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .take(MAX_QUOTE_TERMS)
            .map(|(_, term)| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                )
            })
            .collect();
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let query = self.scoped(Box::new(BooleanQuery::new(clauses)), doc, owners);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let (Some(doc), Some(paragraph)) = (
                stored.get_first(self.fields.doc).and_then(|v| v.as_str()),
                stored
                    .get_first(self.fields.paragraph)
                    .and_then(|v| v.as_u64())
                    .and_then(|n| usize::try_from(n).ok()),
            ) else {
                continue;
            };
            hits.push(Hit {
                doc: doc.to_string(),
                paragraph,
                score,
            });
        }
        Ok(hits)
    }

    /// Words of the library nearest to what the user typed, for a search that found nothing:
    /// the very words the fuzzy fallback searches (so a suggestion never names a word search
    /// ignored), or, when none is near, the library's most frequent words.
    ///
    /// With `owners`, only words some paragraph in scope holds are offered: a word only
    /// another server's document holds is never suggested.
    pub fn suggest(
        &self,
        library: &Library,
        typed: &[String],
        max: usize,
        owners: Option<&[String]>,
    ) -> Suggestions {
        let searcher = &self.searcher;
        let terms = IndexTerms {
            searcher,
            fields: self.fields,
        };
        let mut near: Vec<(usize, usize, String)> = Vec::new();
        for (rank, word) in suggest::typed_words(typed).into_iter().enumerate() {
            // A word the library holds as typed is no misspelling (the search took it as is).
            if plan::Terms::surface_freq(&terms, &word) > 0 {
                continue;
            }
            for (candidate, distance) in plan::Terms::near_words(&terms, &word) {
                if !near.iter().any(|(_, _, w)| *w == candidate) {
                    near.push((distance, rank, candidate));
                }
            }
        }
        if owners.is_some() {
            near.retain(|(_, _, w)| self.holds_word(w, owners));
        }
        // Nearest first; the order of the typed words, then of frequency, breaks ties.
        near.sort_by_key(|(d, r, _)| (*d, *r));
        let (words, near): (Vec<String>, bool) = if near.is_empty() {
            let frequent = self.frequent.get_or_init(|| {
                suggest::frequent(terms.all_words().into_iter(), &self.stopwords, FREQUENT)
            });
            let in_scope = frequent
                .iter()
                .filter(|w| owners.is_none() || self.holds_word(w, owners))
                .take(max)
                .cloned()
                .collect();
            (in_scope, false)
        } else {
            (
                near.into_iter().take(max).map(|(_, _, w)| w).collect(),
                true,
            )
        };
        let words = words
            .into_iter()
            .map(|w| match self.first_paragraph(&w, owners) {
                Some((doc, paragraph)) => suggest::display(library, &doc, paragraph, &w),
                None => w,
            })
            .collect();
        Suggestions { words, near }
    }

    /// A paragraph in scope holding `word`, to show it as written.
    fn first_paragraph(&self, word: &str, owners: Option<&[String]>) -> Option<(String, usize)> {
        let query = self.word_in_scope(word, owners);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .ok()?;
        let (_, address) = top.into_iter().next()?;
        let stored: TantivyDocument = self.searcher.doc(address).ok()?;
        let doc = stored.get_first(self.fields.doc)?.as_str()?.to_string();
        let paragraph = usize::try_from(stored.get_first(self.fields.paragraph)?.as_u64()?).ok()?;
        Some((doc, paragraph))
    }

    /// The analysed stop words of text, as summaries use them.
    pub fn stopwords(&self) -> &Stopwords {
        &self.stopwords
    }
}

fn register_analyzers(index: &Index) {
    index
        .tokenizers()
        .register(ANALYZER_NAME, analysis::analyzer());
    index
        .tokenizers()
        .register(SURFACE_ANALYZER_NAME, analysis::surface_analyzer());
}

/// The term dictionaries, as the planner asks about them.
struct IndexTerms<'a> {
    searcher: &'a tantivy::Searcher,
    fields: Fields,
}

impl IndexTerms<'_> {
    /// Words of the `words` field within `edits` of `word`, with their document frequencies.
    fn words_within(&self, word: &str, edits: u8) -> Vec<(String, u64)> {
        let field = self.fields.words;
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, word), edits, true);
        match fuzzy.automaton() {
            Ok(automaton) => self.words_matching(field, &automaton),
            Err(_) => Vec::new(),
        }
    }

    /// Words of `field` that `automaton` accepts, with their document frequencies.
    fn words_matching<A>(&self, field: Field, automaton: &A) -> Vec<(String, u64)>
    where
        A: tantivy_fst::Automaton,
        A::State: Clone,
    {
        let mut found: Vec<(String, u64)> = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                let freq = u64::from(stream.value().doc_freq);
                if let Ok(key) = std::str::from_utf8(stream.key()) {
                    match found.iter_mut().find(|(w, _)| w == key) {
                        Some((_, f)) => *f += freq,
                        None => found.push((key.to_string(), freq)),
                    }
                }
            }
        }
        found
    }
}

impl IndexTerms<'_> {
    /// Every word of the `words` field with the paragraphs holding it.
    fn all_words(&self) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(key) = std::str::from_utf8(stream.key()) {
                    out.push((key.to_string(), u64::from(stream.value().doc_freq)));
                }
            }
        }
        out
    }
}

impl plan::Terms for IndexTerms<'_> {
    fn doc_freq(&self, term: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(self.fields.text, term))
            .unwrap_or(0)
    }

    fn near_words(&self, word: &str) -> Vec<(String, usize)> {
        let edits = nearness::allowed_edits(word.chars().count());
        if edits == 0 {
            return Vec::new();
        }
        let near = nearness::rank(word, self.words_within(word, edits));
        match nearness::Misheard::new(word) {
            Some(misheard) if near.is_empty() => {
                nearness::rank(word, self.words_matching(self.fields.words, &misheard))
            }
            _ => near,
        }
    }

    fn glued_words(&self, word: &str) -> Vec<String> {
        // Every key that begins with `word` sorts before `word` followed by 0xFF, a byte that
        // UTF-8 never holds.
        let mut upper = word.as_bytes().to_vec();
        upper.push(0xFF);
        let mut found: Vec<String> = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted
                .terms()
                .range()
                .gt(word.as_bytes())
                .lt(&upper)
                .into_stream()
            else {
                continue;
            };
            while stream.advance() {
                if let Ok(key) = std::str::from_utf8(stream.key())
                    && !found.iter().any(|w| w == key)
                {
                    found.push(key.to_string());
                    if found.len() > names::GLUED_MAX_WORDS {
                        return Vec::new();
                    }
                }
            }
        }
        found
    }

    fn surface_freq(&self, word: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(self.fields.words, word))
            .unwrap_or(0)
    }

    fn paragraphs(&self) -> u64 {
        self.searcher.num_docs()
    }

    fn adjacent(&self, first: &str, second: &str) -> bool {
        let phrase = tantivy::query::PhraseQuery::new(vec![
            Term::from_field_text(self.fields.text, first),
            Term::from_field_text(self.fields.text, second),
        ]);
        self.searcher
            .search(&phrase, &Count)
            .is_ok_and(|found| found > 0)
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("provenance", &self.provenance)
            .finish_non_exhaustive()
    }
}
