//! The library, its index and the answer settings, held together: what every adapter asks.

use std::path::Path;

use crate::commands::{self, Command, CommandError, CommandInput, Reply};
use crate::library::{DocumentError, Library, LibraryError, load_dir};
use crate::search::{Request, Results, SearchError, SearchIndex};
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            excerpt_chars: 300,
            default_count: 3,
            default_sentences: 3,
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

pub struct Engine {
    library: Library,
    index: SearchIndex,
    settings: Settings,
    summarizer: Summarizer,
}

/// An engine, and the documents that could not be loaded (to report, not to fail on).
pub struct Opened {
    pub engine: Engine,
    pub skipped: Vec<DocumentError>,
}

impl Engine {
    pub fn new(library: Library, index: SearchIndex, settings: Settings) -> Self {
        Engine {
            library,
            index,
            settings,
            summarizer: Summarizer::new(),
        }
    }

    /// Loads the documents in `dir` and opens (or builds) their index under `dir/.tantivy`.
    pub fn open(dir: &Path, settings: Settings, rebuild: bool) -> Result<Opened, EngineError> {
        let loaded = load_dir(dir)?;
        let index = SearchIndex::open(&loaded.library, dir, rebuild)?;
        Ok(Opened {
            engine: Engine::new(loaded.library, index, settings),
            skipped: loaded.errors,
        })
    }

    /// An engine whose index lives in memory only.
    pub fn in_memory(library: Library, settings: Settings) -> Result<Self, SearchError> {
        let index = SearchIndex::in_memory(&library)?;
        Ok(Engine::new(library, index, settings))
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn summarizer(&self) -> &Summarizer {
        &self.summarizer
    }

    /// `/quote`'s ranking: the index's candidates ordered with the library's text.
    pub fn search(&self, request: Request<'_>) -> Result<Results, SearchError> {
        self.index.search(request, &self.library)
    }

    pub fn run(&self, command: &Command) -> Result<Reply, CommandError> {
        commands::run(self, command)
    }

    /// Checks and runs a command as an adapter received it.
    pub fn answer(&self, input: &CommandInput) -> Result<Reply, CommandError> {
        self.run(&Command::from_input(input)?)
    }

    /// Answers a console line; `Ok(None)` for a blank one.
    pub fn answer_line(&self, line: &str) -> Result<Option<Reply>, CommandError> {
        match commands::parse_line(line)? {
            Some(input) => self.answer(&input).map(Some),
            None => Ok(None),
        }
    }
}
