//! Shared by the integration tests: the bundled library and an engine over it.

#![allow(dead_code)]

pub mod endpoint;
pub mod pages;
pub mod signing;
pub mod synth;

use std::path::{Path, PathBuf};

use citebot::library::{Library, load_dir};
use citebot::{Engine, Settings};

/// The library as it ships (`index/`).
pub fn bundled_library() -> Library {
    load_dir(&bundled_dir())
        .unwrap_or_else(|e| panic!("bundled library: {e}"))
        .library
}

pub fn bundled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("index")
}

/// An engine over the bundled library, its index in memory.
pub fn engine() -> Engine {
    Engine::in_memory(bundled_library(), Settings::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// A copy of the bundled library plus `extra` files, in a fresh temporary folder.
pub fn library_dir_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for name in ["deterrence-or-detente.txt", "deterrence-or-detente.toml"] {
        std::fs::copy(bundled_dir().join(name), dir.path().join(name))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (name, text) in extra {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}
