//! Full-text search over paragraphs: one tantivy document per paragraph.

pub mod excerpt;
mod forward;
pub mod plan;
pub mod query;
mod store;
pub mod suggest;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term, doc};

pub use excerpt::Excerpt;
pub use plan::Matcher;
pub use store::CACHE_DIR;

use crate::analysis::{self, ANALYZER_NAME, ANALYZER_VERSION, Stopwords};
use crate::library::Library;

/// Bumped whenever the fields below change; part of the index fingerprint.
const SCHEMA_VERSION: u32 = 1;

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
    doc: Field,
    paragraph: Field,
    text: Field,
}

/// How [`SearchIndex::open`] came by its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Built in memory, nothing on disk.
    Memory,
    /// An index on disk for exactly these documents was reused.
    Reused(PathBuf),
    /// Built now, because none matched the documents (or a rebuild was asked for).
    Built(PathBuf),
}

/// The paragraphs' index, and what it takes to query it.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    stopwords: Stopwords,
    provenance: Provenance,
    vocabulary: OnceLock<suggest::Vocabulary>,
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

/// What a search is for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub query: &'a str,
    /// Restrict to one document id.
    pub doc: Option<&'a str>,
    pub offset: usize,
    pub limit: usize,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let doc = builder.add_text_field("doc", STRING | STORED);
    let paragraph = builder.add_u64_field("paragraph", STORED);
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = builder.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(text_indexing),
    );
    (
        builder.build(),
        Fields {
            doc,
            paragraph,
            text,
        },
    )
}

/// A digest of everything an index is built from: the documents' content and the rules that
/// analyse it. Equal fingerprints mean an index can be reused as it is.
pub fn fingerprint(library: &Library) -> String {
    let mut hasher = Sha256::new();
    hasher.update(format!(
        "citebot schema {SCHEMA_VERSION} analyzer {ANALYZER_VERSION}\n"
    ));
    for doc in library.documents() {
        hasher.update((doc.id.len() as u64).to_le_bytes());
        hasher.update(doc.id.as_bytes());
        for p in &doc.paragraphs {
            hasher.update((p.number as u64).to_le_bytes());
            hasher.update((p.text.len() as u64).to_le_bytes());
            hasher.update(p.text.as_bytes());
        }
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl SearchIndex {
    /// Opens the index cached under `<library_dir>/.tantivy/` when it was built from exactly
    /// these documents; otherwise builds one there (or always, with `rebuild`).
    pub fn open(library: &Library, library_dir: &Path, rebuild: bool) -> Result<Self, SearchError> {
        let store = store::Store::new(library_dir);
        let fingerprint = fingerprint(library);
        let current = store.current(&fingerprint);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SearchError::Io { path, source }
        };

        if !rebuild && current.exists() {
            match Self::open_dir(&current) {
                Ok(index) => {
                    store.sweep(&current);
                    return Ok(index.with_provenance(Provenance::Reused(current)));
                }
                Err(e) => {
                    tracing::warn!(path = %current.display(), error = %e, "cached index unreadable; rebuilding");
                }
            }
        }

        let scratch = store.scratch().map_err(io(store.root()))?;
        let started = std::time::Instant::now();
        let built = Self::build_in(library, &scratch);
        if let Err(e) = built {
            let _ = std::fs::remove_dir_all(&scratch);
            return Err(e);
        }
        let installed = store
            .install(&scratch, &fingerprint)
            .map_err(io(&current))?;
        tracing::info!(
            paragraphs = library.paragraph_count(),
            ms = started.elapsed().as_millis() as u64,
            path = %installed.display(),
            "search index built"
        );
        store.sweep(&installed);
        Ok(Self::open_dir(&installed)?.with_provenance(Provenance::Built(installed)))
    }

    /// An index held in memory only: for tests, benchmarks and one-off tools.
    pub fn in_memory(library: &Library) -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        Self::fill(&index, fields, library)?;
        Self::from_index(index, fields, Provenance::Memory)
    }

    fn build_in(library: &Library, dir: &Path) -> Result<(), SearchError> {
        let (schema, fields) = schema();
        let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let index = Index::create(directory, schema, tantivy::IndexSettings::default())?;
        Self::fill(&index, fields, library)
    }

    /// One writer thread, documents in library order: the same library always yields the same
    /// index, so equal scores break ties the same way on every replica and pages never shuffle.
    fn fill(index: &Index, fields: Fields, library: &Library) -> Result<(), SearchError> {
        index
            .tokenizers()
            .register(ANALYZER_NAME, analysis::analyzer());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        for document in library.documents() {
            for p in &document.paragraphs {
                writer.add_document(doc!(
                    fields.doc => document.id.as_str(),
                    fields.paragraph => p.number as u64,
                    fields.text => p.text.as_str(),
                ))?;
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    }

    fn open_dir(dir: &Path) -> Result<Self, SearchError> {
        let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let index = Index::open(directory)?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(tantivy::TantivyError::SchemaError(
                "the cached index has another schema".to_string(),
            )
            .into());
        }
        Self::from_index(index, fields, Provenance::Memory)
    }

    fn from_index(
        index: Index,
        fields: Fields,
        provenance: Provenance,
    ) -> Result<Self, SearchError> {
        // Custom tokenizers are not stored in the index: register ours on every open.
        index
            .tokenizers()
            .register(ANALYZER_NAME, analysis::analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            fields,
            stopwords: Stopwords::new(&mut analysis::analyzer()),
            provenance,
            vocabulary: OnceLock::new(),
        })
    }

    fn with_provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = provenance;
        self
    }

    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Paragraphs indexed.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ranked paragraphs for what a user typed. Never fails on the query's content: syntax
    /// errors read as plain words, and an empty query is an empty answer.
    pub fn search(&self, request: Request<'_>) -> Result<Results, SearchError> {
        let searcher = self.reader.searcher();
        let terms = IndexTerms {
            searcher: &searcher,
            field: self.fields.text,
        };
        let node = query::parse(request.query);
        let plan = plan::Planner {
            field: self.fields.text,
            analyzer: analysis::analyzer(),
            stopwords: &self.stopwords,
            terms: &terms,
        }
        .plan(&node);

        let Some(mut query) = plan.query else {
            return Ok(Results {
                hits: Vec::new(),
                total: 0,
                matcher: plan.matcher,
                unknown: plan.unknown,
                fuzzy: plan.fuzzy,
                nothing_to_search: true,
            });
        };
        if let Some(doc) = request.doc {
            let only_doc = TermQuery::new(
                Term::from_field_text(self.fields.doc, doc),
                IndexRecordOption::Basic,
            );
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(only_doc), 0.0)),
                ),
            ]));
        }

        let limit = request.limit.max(1);
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit)
                    .and_offset(request.offset)
                    .order_by_score(),
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
        Ok(Results {
            hits,
            total,
            matcher: plan.matcher,
            unknown: plan.unknown,
            fuzzy: plan.fuzzy,
            nothing_to_search: false,
        })
    }

    /// Words of the library nearest to what the user typed, for a search that found nothing.
    pub fn suggest(&self, library: &Library, typed: &[String], max: usize) -> Vec<String> {
        self.vocabulary
            .get_or_init(|| suggest::Vocabulary::new(library, &self.stopwords))
            .nearest(typed, max)
    }

    /// The analysed stop words, as the planner uses them.
    pub fn stopwords(&self) -> &Stopwords {
        &self.stopwords
    }
}

/// The term dictionary of the text field, as the planner asks about it.
struct IndexTerms<'a> {
    searcher: &'a tantivy::Searcher,
    field: Field,
}

impl plan::Terms for IndexTerms<'_> {
    fn doc_freq(&self, term: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(self.field, term))
            .unwrap_or(0)
    }

    fn expand(&self, term: &str, distance: u8) -> Vec<String> {
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(self.field, term), distance, true);
        let mut found = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(automaton) = fuzzy.automaton() else {
                return found;
            };
            let Ok(inverted) = segment.inverted_index(self.field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(key) = std::str::from_utf8(stream.key())
                    && !found.iter().any(|f| f == key)
                {
                    found.push(key.to_string());
                }
            }
        }
        found
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("provenance", &self.provenance)
            .finish_non_exhaustive()
    }
}
