//! The live library: the engine every answer reads, swapped whole when documents change.
//!
//! Queries take a snapshot ([`Service::engine`]) and keep it to the end, so a query running
//! while a document is added sees the library before the change or after it, never half of it.
//! Changes come from the library folder itself: `/library add` writes a document's files and
//! then refreshes, and a watcher refreshes every second, which picks up files a host drops into
//! `index/` and changes another replica made to a shared folder. A refresh re-reads only files
//! that changed, re-indexes only documents that changed, and swaps in the new engine only once
//! the index holds exactly the documents read.

mod changes;

pub use changes::slug;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;

use crate::engine::{Engine, Settings};
use crate::fetch::{self, Fetcher};
use crate::library::{Catalog, DocumentError, LibraryError};
use crate::search::{CACHE_DIR, Changes, Indexer, SearchError};
use crate::summary::Summarizer;

/// Inside the index folder: what the catalog knew of each server's document at its last
/// change, so that a start reads only the files changed since.
pub const CATALOG_FILE: &str = "catalog.json";

/// How often the watcher looks at the library folder: well inside the 5 seconds a dropped file
/// may take to become searchable.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// The catalog and index the current engine was made from; changed under the lock only.
struct State {
    catalog: Catalog,
    indexer: Indexer,
}

pub struct Service {
    current: ArcSwap<Engine>,
    state: Mutex<State>,
    settings: Settings,
    /// Fetches pages and uploads for `/library add`.
    fetcher: Fetcher,
    /// One change to the library at a time (ids and quotas are checked against the library
    /// as it is).
    writes: Mutex<()>,
    /// `None` for a library held in memory only, which never changes.
    dir: Option<PathBuf>,
}

/// How a service is opened.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the index is kept; `None` for `<dir>/.tantivy`.
    pub index_dir: Option<PathBuf>,
    pub settings: Settings,
    /// Index every document again.
    pub rebuild: bool,
    pub fetch: fetch::Limits,
}

/// A service, and the documents that could not be loaded.
pub struct Started {
    pub service: Arc<Service>,
    pub skipped: Vec<DocumentError>,
}

impl Service {
    /// Reads the library in `dir` and opens its index (under `index_dir`, by default
    /// `dir/.tantivy`), bringing the index up to date.
    pub fn open(dir: &Path, options: Options) -> Result<Started, ServiceError> {
        let Options {
            index_dir,
            settings,
            rebuild,
            fetch,
        } = options;
        let cache = index_dir.unwrap_or_else(|| dir.join(CACHE_DIR));
        changes::sweep_leftovers(dir);
        let catalog = Catalog::load_remembering(dir, Some(&cache.join(CATALOG_FILE)))?;
        let mut indexer = Indexer::open(&cache, rebuild)?;
        let started = std::time::Instant::now();
        let changes = indexer.sync_catalog(&catalog.digests(), |key| catalog.document(key))?;
        indexer.note(changes, started);
        if !indexer.writes() {
            tracing::info!(
                "another citebot writes this index; following its changes (give each replica its own index.dir to index independently)"
            );
        }
        let skipped = catalog.errors.clone();
        Ok(Started {
            service: Arc::new(Service::assemble(
                catalog,
                indexer,
                settings,
                fetch,
                Some(dir.to_path_buf()),
            )),
            skipped,
        })
    }

    /// A service whose first engine is made from `catalog` and `indexer` as they stand.
    fn assemble(
        catalog: Catalog,
        indexer: Indexer,
        settings: Settings,
        fetch: fetch::Limits,
        dir: Option<PathBuf>,
    ) -> Service {
        let engine = Engine::from_catalog(
            catalog.clone(),
            indexer.snapshot(),
            settings,
            Arc::new(Summarizer::new()),
        );
        Service {
            current: ArcSwap::from_pointee(engine),
            state: Mutex::new(State { catalog, indexer }),
            settings,
            fetcher: Fetcher::new(fetch),
            writes: Mutex::new(()),
            dir,
        }
    }

    /// A service over documents held in memory (tests, tools): nothing to watch.
    pub fn in_memory(
        library: &crate::library::Library,
        settings: Settings,
    ) -> Result<Arc<Service>, ServiceError> {
        let mut indexer = Indexer::in_memory()?;
        indexer.sync(library.documents())?;
        Ok(Arc::new(Service::assemble(
            Catalog::of(library),
            indexer,
            settings,
            fetch::Limits::default(),
            None,
        )))
    }

    /// The library as it is now. Hold it for the whole of an answer.
    pub fn engine(&self) -> Arc<Engine> {
        self.current.load_full()
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Looks at the library folder again and, when anything changed, makes the change live.
    /// Returns what the index changed (nothing, for a process that follows another's index).
    pub fn refresh(&self) -> Result<Changes, ServiceError> {
        if self.dir.is_none() {
            return Ok(Changes::default());
        }
        let Ok(mut state) = self.state.lock() else {
            return Ok(Changes::default());
        };
        let catalog = state.catalog.refresh()?;
        // Once a second on a library of thousands: compare cards, build nothing.
        if catalog.same_documents(&state.catalog)
            && catalog.servers_equal(&state.catalog)
            && catalog.indexed_in(state.indexer.held())
        {
            return Ok(Changes::default());
        }
        let wanted = catalog.digests();
        let changes = state
            .indexer
            .sync_catalog(&wanted, |key| catalog.document(key))?;
        if !state.indexer.holds(&wanted) {
            // Another process writes the index and has not caught up yet: try again later.
            return Ok(changes);
        }
        for error in &catalog.errors {
            if !state.catalog.errors.contains(error) {
                tracing::warn!("skipped {error}");
            }
        }
        let current = self.engine();
        let mut index = state.indexer.snapshot();
        current.index().share_cache_with(&mut index);
        let engine = Engine::from_catalog(
            catalog.clone(),
            index,
            self.settings,
            Arc::clone(current.summarizer()),
        );
        self.current.store(Arc::new(engine));
        state.catalog = catalog;
        if !changes.is_empty() {
            tracing::info!(
                indexed = changes.indexed,
                removed = changes.removed,
                "library changed"
            );
        }
        Ok(changes)
    }

    /// Answers a command typed on this machine (the console, `citebot ask`, `citebot add`):
    /// it may name local files, and changes to the library are made here and now.
    /// `Ok(None)` for a blank line. Not for use inside an async runtime.
    pub fn answer_local(
        self: &Arc<Self>,
        line: &str,
        audience: crate::library::Audience,
    ) -> Result<Option<crate::commands::Reply>, crate::commands::CommandError> {
        use crate::commands::{Command, CommandError, parse_line};
        let Some(input) = parse_line(line)? else {
            return Ok(None);
        };
        let command = Command::from_input(&input.local())?;
        if !command.changes_library() {
            return self.engine().view(audience).run(&command).map(Some);
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CommandError::Internal(e.to_string()))?;
        runtime
            .block_on(self.change(&command, audience, "console"))
            .map(Some)
    }

    /// Refreshes every [`WATCH_EVERY`] until the returned task is dropped or aborted.
    pub fn watch(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let service = Arc::clone(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(WATCH_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let service = Arc::clone(&service);
                match tokio::task::spawn_blocking(move || service.refresh()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "refreshing the library failed"),
                    Err(e) => tracing::warn!(error = %e, "refreshing the library panicked"),
                }
            }
        })
    }
}
