//! Keeping the index in line with the documents, one document at a time.
//!
//! The index lives in one folder (`<library>/.tantivy/index-v<schema>.<analyzer>`). Each commit
//! records, in tantivy's commit payload, the digest of every document it holds; bringing the
//! index up to date re-indexes only documents whose digest differs and deletes only those gone,
//! in one commit. A commit is atomic, so a process killed halfway leaves the index as it was at
//! the last commit, and the next start carries on from there.
//!
//! One process writes a folder at a time (tantivy's lock). Another process opened on the same
//! folder reads it and follows the writer's commits.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term, doc};

use super::{
    Fields, Provenance, SearchError, SearchIndex, WRITER_MEMORY, register_analyzers, schema,
};
use crate::analysis::ANALYZER_VERSION;
use crate::library::Document;

/// Name of the cache folder inside the library folder.
pub const CACHE_DIR: &str = ".tantivy";

/// Documents indexed between commits while building: a build killed halfway keeps what it
/// committed, and the next start carries on.
const COMMIT_EVERY: usize = 2_000;

/// What the index holds, as recorded with each commit.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// Document key → digest (hex, so JSON keeps all 64 bits).
    documents: BTreeMap<String, String>,
}

/// What a sync changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Documents indexed (new or changed).
    pub indexed: usize,
    /// Documents removed (gone or changed).
    pub removed: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.indexed == 0 && self.removed == 0
    }
}

/// The index and, when this process holds it, its writer.
pub struct Indexer {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Option<IndexWriter>,
    /// Key → digest of what the last commit holds.
    held: HashMap<String, u64>,
    dir: Option<PathBuf>,
    provenance: Provenance,
}

impl Indexer {
    /// Opens the index under `cache` (a library's `.tantivy` folder), creating it if missing and
    /// starting afresh if it is unreadable or `rebuild` is asked.
    pub fn open(cache: &Path, rebuild: bool) -> Result<Indexer, SearchError> {
        let dir = cache.join(format!(
            "index-v{}.{}",
            super::SCHEMA_VERSION,
            ANALYZER_VERSION
        ));
        let io = |source| SearchError::Io {
            path: dir.clone(),
            source,
        };
        sweep(cache, &dir);
        if rebuild && dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io)?;
        }
        std::fs::create_dir_all(&dir).map_err(io)?;
        let (index, fresh) = match open_existing(&dir) {
            Ok(Some(index)) => (index, false),
            Ok(None) => (create(&dir)?, true),
            Err(e) => {
                tracing::warn!(path = %dir.display(), error = %e, "index unreadable; rebuilding");
                std::fs::remove_dir_all(&dir).map_err(io)?;
                std::fs::create_dir_all(&dir).map_err(io)?;
                (create(&dir)?, true)
            }
        };
        let mut indexer = Indexer::new(index, Some(dir.clone()))?;
        indexer.provenance = if fresh {
            Provenance::Built(dir)
        } else {
            Provenance::Reused(dir)
        };
        indexer.take_writer();
        Ok(indexer)
    }

    /// An index in memory only.
    pub fn in_memory() -> Result<Indexer, SearchError> {
        let (schema, _) = schema();
        let mut indexer = Indexer::new(Index::create_in_ram(schema), None)?;
        indexer.take_writer();
        Ok(indexer)
    }

    fn new(index: Index, dir: Option<PathBuf>) -> Result<Indexer, SearchError> {
        register_analyzers(&index);
        // What the last commit holds, read before the reader opens: see `follow`.
        let held = committed(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = schema();
        Ok(Indexer {
            index,
            reader,
            fields,
            writer: None,
            held,
            dir,
            provenance: Provenance::Memory,
        })
    }

    /// Takes the writer if no other process holds it. Returns whether this process writes.
    pub fn take_writer(&mut self) -> bool {
        if self.writer.is_none() {
            match self.index.writer_with_num_threads(1, WRITER_MEMORY) {
                Ok(writer) => self.writer = Some(writer),
                Err(e) => tracing::debug!(error = %e, "index writer held elsewhere"),
            }
        }
        self.writer.is_some()
    }

    pub fn writes(&self) -> bool {
        self.writer.is_some()
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// What the last commit holds, by key.
    pub fn held(&self) -> &HashMap<String, u64> {
        &self.held
    }

    /// Whether the index holds exactly these documents.
    pub fn holds(&self, wanted: &HashMap<String, u64>) -> bool {
        self.held == *wanted
    }

    /// Brings the index in line with `documents`: one commit for the lot (or one every
    /// [`COMMIT_EVERY`] documents while building from nothing). Without the writer, only reads
    /// what another process committed.
    pub fn sync<'a>(
        &mut self,
        documents: impl IntoIterator<Item = &'a Arc<Document>>,
    ) -> Result<Changes, SearchError> {
        let documents: HashMap<&str, &Arc<Document>> =
            documents.into_iter().map(|d| (d.key.as_str(), d)).collect();
        let wanted = documents
            .iter()
            .map(|(k, d)| (k.to_string(), d.digest))
            .collect();
        self.sync_catalog(&wanted, |key| documents.get(key).map(|d| Arc::clone(d)))
    }

    /// Brings the index in line with `wanted` (key → digest), reading only the documents it
    /// must index: a library of thousands of documents costs nothing when they are unchanged.
    pub fn sync_catalog(
        &mut self,
        wanted: &HashMap<String, u64>,
        read: impl Fn(&str) -> Option<Arc<Document>>,
    ) -> Result<Changes, SearchError> {
        if !self.take_writer() {
            self.follow()?;
            return Ok(Changes::default());
        }
        let gone: Vec<String> = self
            .held
            .keys()
            .filter(|k| !wanted.contains_key(k.as_str()))
            .cloned()
            .collect();
        let mut stale: Vec<&str> = wanted
            .iter()
            .filter(|(k, digest)| self.held.get(k.as_str()) != Some(digest))
            .map(|(k, _)| k.as_str())
            .collect();
        // Library order: the same library built from nothing always yields the same index.
        stale.sort_unstable();
        let changes = Changes {
            indexed: stale.len(),
            removed: gone.len() + stale.iter().filter(|k| self.held.contains_key(**k)).count(),
        };
        if changes.is_empty() {
            return Ok(changes);
        }
        let fields = self.fields;
        let Some(writer) = self.writer.as_mut() else {
            return Ok(Changes::default());
        };
        for key in &gone {
            writer.delete_term(Term::from_field_text(fields.doc, key));
            self.held.remove(key);
        }
        for (i, key) in stale.iter().enumerate() {
            writer.delete_term(Term::from_field_text(fields.doc, key));
            self.held.remove(*key);
            // A document that cannot be read now is left out, and tried again next time.
            let Some(document) = read(key) else {
                continue;
            };
            let owner = document.owner.term();
            for p in &document.paragraphs {
                writer.add_document(doc!(
                    fields.doc => document.key.as_str(),
                    fields.owner => owner.as_str(),
                    fields.paragraph => p.number as u64,
                    fields.text => p.text.as_str(),
                    fields.words => p.text.as_str(),
                ))?;
            }
            self.held.insert(document.key.clone(), document.digest);
            if (i + 1) % COMMIT_EVERY == 0 {
                commit(writer, &self.held)?;
            }
        }
        commit(writer, &self.held)?;
        self.reader.reload()?;
        Ok(changes)
    }

    /// Catches up with what another process committed. The manifest is read before the reader
    /// reloads, so the searcher is never older than what `held` claims: read after, a commit
    /// landing in between made `held` name a document the searcher lacked, and a follower then
    /// served that stale searcher until the library changed again (a replica that never saw a
    /// dropped file, found under load by `tests/live_library.rs`).
    pub fn follow(&mut self) -> Result<(), SearchError> {
        self.held = committed(&self.index);
        self.reader.reload()?;
        Ok(())
    }

    /// A searchable snapshot of the last commit; later commits do not change it.
    pub fn snapshot(&self) -> SearchIndex {
        SearchIndex::from_searcher(self.reader.searcher(), self.fields, self.provenance.clone())
    }

    /// Marks this index as changed by `changes` since it was opened.
    /// Records what the start-up sync changed (for `citebot index` and logs) and logs it.
    pub fn note(&mut self, changes: Changes, started: std::time::Instant) {
        if changes.is_empty() {
            return;
        }
        tracing::info!(
            indexed = changes.indexed,
            removed = changes.removed,
            ms = started.elapsed().as_millis() as u64,
            "search index updated"
        );
        if let Provenance::Reused(dir) = &self.provenance {
            self.provenance = Provenance::Updated {
                dir: dir.clone(),
                indexed: changes.indexed,
                removed: changes.removed,
            };
        }
    }

    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Whether `term` of the owner field has any paragraph (used by tests).
    pub fn owner_paragraphs(&self, owner: &str) -> u64 {
        self.reader
            .searcher()
            .doc_freq(&Term::from_field_text(self.fields.owner, owner))
            .unwrap_or(0)
    }
}

impl std::fmt::Debug for Indexer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexer")
            .field("dir", &self.dir)
            .field("documents", &self.held.len())
            .field("writes", &self.writer.is_some())
            .finish_non_exhaustive()
    }
}

fn create(dir: &Path) -> Result<Index, SearchError> {
    let (schema, _) = schema();
    let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
    Ok(Index::create(
        directory,
        schema,
        tantivy::IndexSettings::default(),
    )?)
}

/// The index in `dir`, `None` when there is none yet, or an error when it is unreadable or of
/// another schema.
fn open_existing(dir: &Path) -> Result<Option<Index>, SearchError> {
    if !dir.join("meta.json").exists() {
        return Ok(None);
    }
    let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
    let index = Index::open(directory)?;
    let (expected, _) = schema();
    if index.schema() != expected {
        return Err(tantivy::TantivyError::SchemaError(
            "the cached index has another schema".to_string(),
        )
        .into());
    }
    // Reading the commit's record is part of being readable.
    index.load_metas()?;
    Ok(Some(index))
}

/// What the last commit of `index` holds.
fn committed(index: &Index) -> HashMap<String, u64> {
    let payload = index.load_metas().ok().and_then(|m| m.payload);
    let manifest: Manifest = payload
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or_default();
    manifest
        .documents
        .into_iter()
        .filter_map(|(k, v)| Some((k, u64::from_str_radix(&v, 16).ok()?)))
        .collect()
}

fn commit(writer: &mut IndexWriter, held: &HashMap<String, u64>) -> Result<(), SearchError> {
    let manifest = Manifest {
        documents: held
            .iter()
            .map(|(k, v)| (k.clone(), format!("{v:016x}")))
            .collect(),
    };
    let payload = serde_json::to_string(&manifest).unwrap_or_default();
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// Removes what older versions left in the cache folder: indexes of another schema, and the
/// per-library-fingerprint folders and build folders of before. Best effort.
fn sweep(cache: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path == keep || !path.is_dir() {
            continue;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("index-") || name.starts_with("tmp-") || name.starts_with("old-") {
            tracing::debug!(path = %path.display(), "removing stale index folder");
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Format, parse_document};
    use tantivy::collector::Count;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;

    /// A follower catching up while the writer commits: whatever it takes the index to hold,
    /// its searcher can find. (Read in the other order, a commit between the two made it claim a
    /// document its searcher lacked, and a replica served that stale searcher.)
    #[test]
    fn a_follower_never_claims_what_its_searcher_lacks() {
        let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut writer = Indexer::open(cache.path(), false).unwrap_or_else(|e| panic!("{e}"));
        let mut follower = Indexer::open(cache.path(), false).unwrap_or_else(|e| panic!("{e}"));
        assert!(writer.writes() && !follower.writes());
        let documents: Vec<Arc<Document>> = (0..60)
            .map(|i| {
                let text = format!(
                    "# Reading {i}\n\nA paragraph of reading number {i}, long enough to count.\n"
                );
                let path = std::path::PathBuf::from(format!("reading-{i}.md"));
                Arc::new(
                    parse_document(&path, Format::Markdown, text.as_bytes(), None)
                        .unwrap_or_else(|e| panic!("{e}")),
                )
            })
            .collect();
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for n in 1..=documents.len() {
                    let wanted: HashMap<String, u64> = documents[..n]
                        .iter()
                        .map(|d| (d.key.clone(), d.digest))
                        .collect();
                    let read = |key: &str| documents.iter().find(|d| d.key == key).cloned();
                    writer
                        .sync_catalog(&wanted, read)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
                done.store(true, std::sync::atomic::Ordering::SeqCst);
            });
            let field = follower.fields.doc;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                follower.follow().unwrap_or_else(|e| panic!("{e}"));
                let searcher = follower.reader.searcher();
                for key in follower.held().keys() {
                    let query =
                        TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
                    let found = searcher
                        .search(&query, &Count)
                        .unwrap_or_else(|e| panic!("{e}"));
                    assert!(found > 0, "held {key}, but the searcher cannot find it");
                }
            }
        });
        follower.follow().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(follower.held().len(), documents.len());
    }
}
