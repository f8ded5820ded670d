//! The library, its index and the answer settings, held together: what every adapter asks.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::commands::{self, Command, CommandError, CommandInput, Reply};
use crate::library::{Audience, Catalog, DocumentError, Library, LibraryError, Owner};
use crate::search::{Request, Results, SearchError, SearchIndex, Suggestions};
use crate::summary::Summarizer;

/// How answers are shaped; from `config/citebot.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Characters an excerpt may have (about 300: a few sentences).
    pub excerpt_chars: usize,
    /// Passages per `/quote` page when the user does not say.
    pub default_count: usize,
    /// Sentences per `/summary` when the user does not say.
    pub default_sentences: usize,
    /// What one server may add: documents, and paragraphs in all.
    pub max_documents_per_server: usize,
    pub max_paragraphs_per_server: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            excerpt_chars: 300,
            default_count: 3,
            default_sentences: 3,
            max_documents_per_server: 50,
            max_paragraphs_per_server: 20_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// A snapshot of the library and its index: immutable, so a query sees one library from start
/// to end. The live bot swaps in a new engine when documents change (see [`crate::service`]).
pub struct Engine {
    catalog: Catalog,
    /// Every document, read only when a tool asks for all of them at once.
    everything: OnceLock<Library>,
    index: SearchIndex,
    settings: Settings,
    summarizer: Arc<Summarizer>,
    /// Some document belongs to a server: answers must be narrowed to the asker's.
    scoped: bool,
}

/// An engine, and the documents that could not be loaded (to report, not to fail on).
pub struct Opened {
    pub engine: Engine,
    pub skipped: Vec<DocumentError>,
}

impl Engine {
    /// An engine over documents that are all the host's.
    pub fn new(library: Library, index: SearchIndex, settings: Settings) -> Self {
        Engine::from_catalog(
            Catalog::of(&library),
            index,
            settings,
            Arc::new(Summarizer::new()),
        )
    }

    /// An engine over a catalog and a snapshot of its index. `summarizer` is shared with the
    /// engine this one replaces, so documents already analysed stay analysed.
    pub fn from_catalog(
        catalog: Catalog,
        index: SearchIndex,
        settings: Settings,
        summarizer: Arc<Summarizer>,
    ) -> Self {
        let scoped = catalog.has_servers();
        Engine {
            catalog,
            everything: OnceLock::new(),
            index,
            settings,
            summarizer,
            scoped,
        }
    }

    /// Loads the documents in `dir` and opens (or builds) their index under `dir/.tantivy`.
    pub fn open(dir: &Path, settings: Settings, rebuild: bool) -> Result<Opened, EngineError> {
        let catalog = Catalog::load(dir)?;
        let index = SearchIndex::open(&catalog.library(), dir, rebuild)?;
        let skipped = catalog.errors.clone();
        Ok(Opened {
            engine: Engine::from_catalog(catalog, index, settings, Arc::new(Summarizer::new())),
            skipped,
        })
    }

    /// An engine whose index lives in memory only.
    pub fn in_memory(library: Library, settings: Settings) -> Result<Self, SearchError> {
        let index = SearchIndex::in_memory(&library)?;
        Ok(Engine::new(library, index, settings))
    }

    /// Every document, of every server, read into memory (tools, tests and benchmarks; an
    /// answer reads only what its audience sees, through [`Engine::view`]).
    pub fn library(&self) -> &Library {
        self.everything.get_or_init(|| self.catalog.library())
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn summarizer(&self) -> &Arc<Summarizer> {
        &self.summarizer
    }

    /// `/quote`'s ranking over every document (tools, tests and benchmarks).
    pub fn search(&self, request: Request<'_>) -> Result<Results, SearchError> {
        self.index.search(request, self.library())
    }

    /// What `audience` sees of the library.
    pub fn view(&self, audience: Audience) -> View<'_> {
        if !self.scoped {
            return View {
                engine: self,
                library: self.library().clone(),
                owners: None,
                audience,
            };
        }
        let mut owners = Vec::new();
        let hides = audience
            .server
            .is_some_and(|s| self.catalog.settings(s).hide_shared);
        if !hides {
            owners.push(Owner::Host.term());
        }
        if let Some(server) = audience.server {
            owners.push(Owner::Server(server).term());
        }
        View {
            engine: self,
            library: self.catalog.view(audience),
            owners: Some(owners),
            audience,
        }
    }

    /// Runs a command as the host sees the library (the console, scripts).
    pub fn run(&self, command: &Command) -> Result<Reply, CommandError> {
        self.view(Audience::default()).run(command)
    }

    /// Checks and runs a command as an adapter received it, for the host.
    pub fn answer(&self, input: &CommandInput) -> Result<Reply, CommandError> {
        self.answer_for(input, Audience::default())
    }

    /// Checks and runs a command for `audience`.
    pub fn answer_for(
        &self,
        input: &CommandInput,
        audience: Audience,
    ) -> Result<Reply, CommandError> {
        self.view(audience).run(&Command::from_input(input)?)
    }

    /// Answers a console line; `Ok(None)` for a blank one.
    pub fn answer_line(&self, line: &str) -> Result<Option<Reply>, CommandError> {
        match commands::parse_line(line)? {
            Some(input) => self.answer(&input).map(Some),
            None => Ok(None),
        }
    }
}

/// What a command sees: the documents visible where it was asked, and the engine behind them.
/// Searches, suggestions and quote checks are narrowed to those documents' owners.
pub struct View<'e> {
    engine: &'e Engine,
    library: Library,
    /// Owners whose documents are visible; `None` when every document is.
    owners: Option<Vec<String>>,
    audience: Audience,
}

impl View<'_> {
    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn index(&self) -> &SearchIndex {
        &self.engine.index
    }

    pub fn settings(&self) -> &Settings {
        &self.engine.settings
    }

    pub fn summarizer(&self) -> &Summarizer {
        &self.engine.summarizer
    }

    pub fn owners(&self) -> Option<&[String]> {
        self.owners.as_deref()
    }

    /// Who is asking.
    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// Every document and setting, of every server (for `/library list`'s own server's part).
    pub fn catalog(&self) -> &Catalog {
        &self.engine.catalog
    }

    /// `/quote`'s ranking within what this view sees.
    pub fn search(&self, request: Request<'_>) -> Result<Results, SearchError> {
        let request = Request {
            owners: self.owners.as_deref(),
            ..request
        };
        self.engine.index.search(request, &self.library)
    }

    /// "Did you mean" words this view's documents hold.
    pub fn suggest(&self, typed: &[String], max: usize) -> Suggestions {
        self.engine
            .index
            .suggest(&self.library, typed, max, self.owners.as_deref())
    }

    pub fn run(&self, command: &Command) -> Result<Reply, CommandError> {
        commands::run(self, command)
    }
}
