//! The on-disk index cache under `<library>/.tantivy/`.
//!
//! Each index lives in a folder named for the fingerprint of what it was built from (the
//! documents' content, the analyzer's version, the schema's version). A build happens in a
//! `tmp-*` folder and is renamed into place only once committed, so a build killed halfway
//! leaves a `tmp-*` folder that is never opened, and the next start simply builds again.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Name of the cache folder inside the library folder.
pub const CACHE_DIR: &str = ".tantivy";

/// A `tmp-*` build folder untouched this long belongs to a dead build.
const STALE_BUILD: Duration = Duration::from_secs(15 * 60);

/// Where the index for `fingerprint` lives, and where builds happen.
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(library_dir: &Path) -> Store {
        Store {
            root: library_dir.join(CACHE_DIR),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of a completed index for this fingerprint.
    pub fn current(&self, fingerprint: &str) -> PathBuf {
        self.root.join(format!("index-{fingerprint}"))
    }

    /// A fresh, empty folder to build in.
    pub fn scratch(&self) -> io::Result<PathBuf> {
        fs::create_dir_all(&self.root)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir = self
            .root
            .join(format!("tmp-{}-{nanos}", std::process::id()));
        fs::create_dir(&dir)?;
        Ok(dir)
    }

    /// Moves a finished build into place for `fingerprint`, replacing any index already there.
    /// Returns the folder to open: ours, or one another process installed first.
    pub fn install(&self, built: &Path, fingerprint: &str) -> io::Result<PathBuf> {
        let target = self.current(fingerprint);
        if target.exists() {
            // Replacing (a forced rebuild): move the old one aside first; renames are atomic,
            // so a reader sees either the old index or the new one, never half of either.
            let aside = self.root.join(format!(
                "old-{}-{}",
                std::process::id(),
                built
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("build")
            ));
            fs::rename(&target, &aside)?;
            let _ = fs::remove_dir_all(&aside);
        }
        match fs::rename(built, &target) {
            Ok(()) => Ok(target),
            // Another process installed the same fingerprint between our check and our rename.
            Err(_) if target.exists() => {
                let _ = fs::remove_dir_all(built);
                Ok(target)
            }
            Err(e) => Err(e),
        }
    }

    /// Removes indexes of other fingerprints and builds that died. Best effort: a folder that
    /// cannot be removed now is tried again next start.
    pub fn sweep(&self, keep: &Path) {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path == keep {
                continue;
            }
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let stale = if name.starts_with("tmp-") {
                build_is_dead(&path, &name)
            } else {
                name.starts_with("index-") || name.starts_with("old-")
            };
            if stale {
                tracing::debug!(path = %path.display(), "removing stale index folder");
                let _ = fs::remove_dir_all(&path);
            }
        }
    }
}

/// A build folder is dead when the process that made it is gone (where the OS lets us ask), or
/// when nobody has written to it for a long time.
fn build_is_dead(path: &Path, name: &str) -> bool {
    let pid = name
        .strip_prefix("tmp-")
        .and_then(|rest| rest.split('-').next())
        .and_then(|pid| pid.parse::<u32>().ok());
    if pid == Some(std::process::id()) {
        return false;
    }
    let proc_root = Path::new("/proc/self");
    if let Some(pid) = pid
        && proc_root.exists()
    {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age > STALE_BUILD)
}
