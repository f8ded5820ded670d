//! Every document on disk: the host's in the library folder, each server's under
//! `servers/<server id>/`, and each server's settings. A catalog is re-read cheaply: a file
//! whose size and modification time are unchanged is not read again, so watching a folder of
//! thousands of documents costs a directory listing and a `stat` each.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::load::{DocumentError, Format, LibraryError, parse_document};
use super::{Document, Library, Owner};

/// The folder under the library folder that holds the servers' own documents.
pub const SERVERS_DIR: &str = "servers";
/// A server's settings, inside its folder; hidden, so it is never read as a document.
pub const SETTINGS_FILE: &str = ".server.toml";

/// What a server has chosen for its library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Leave the host's documents out of this server's answers.
    #[serde(default)]
    pub hide_shared: bool,
}

/// What tells a changed file from an unchanged one without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Stamp {
    size: u64,
    modified: u128,
    sidecar_size: Option<u64>,
    sidecar_modified: Option<u128>,
}

fn stamp_of(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some((meta.len(), modified))
}

/// A document file found on disk.
#[derive(Debug, Clone)]
struct Found {
    key: String,
    id: String,
    owner: Owner,
    path: PathBuf,
    format: Format,
    stamp: Stamp,
}

/// The documents on disk, read.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    dir: PathBuf,
    documents: BTreeMap<String, (Stamp, Arc<Document>)>,
    servers: BTreeMap<u64, ServerSettings>,
    /// Files that could not be read, as of the last refresh.
    pub errors: Vec<DocumentError>,
}

/// Who is asking: which documents they see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Audience {
    /// The server asked in; `None` for direct messages, the console and scripts.
    pub server: Option<u64>,
}

impl Audience {
    pub fn server(id: u64) -> Self {
        Audience { server: Some(id) }
    }
}

impl Catalog {
    /// Reads every document under `dir`.
    pub fn load(dir: &Path) -> Result<Catalog, LibraryError> {
        let empty = Catalog {
            dir: dir.to_path_buf(),
            ..Catalog::default()
        };
        let catalog = empty.refresh()?;
        if catalog.documents.is_empty() {
            return Err(LibraryError::Empty {
                dir: dir.to_path_buf(),
                skipped: catalog.errors.len(),
            });
        }
        Ok(catalog)
    }

    /// A catalog of documents already read (tests, tools): every one the host's.
    pub fn of(library: &Library) -> Catalog {
        Catalog {
            documents: library
                .documents()
                .iter()
                .map(|d| (d.key.clone(), (Stamp::default(), Arc::clone(d))))
                .collect(),
            ..Catalog::default()
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The catalog as the files now are: unchanged files keep their documents, changed ones
    /// are read again, and removed ones are gone.
    pub fn refresh(&self) -> Result<Catalog, LibraryError> {
        let mut errors = Vec::new();
        let mut found = scan_folder(&self.dir, Owner::Host, &mut errors).map_err(|source| {
            LibraryError::Unreadable {
                path: self.dir.clone(),
                source,
            }
        })?;
        let mut servers = BTreeMap::new();
        let servers_dir = self.dir.join(SERVERS_DIR);
        if let Ok(entries) = fs::read_dir(&servers_dir) {
            let mut folders: Vec<(u64, PathBuf)> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .filter_map(|e| {
                    let id = e.file_name().to_str()?.parse::<u64>().ok()?;
                    Some((id, e.path()))
                })
                .collect();
            folders.sort();
            for (id, folder) in folders {
                servers.insert(id, read_settings(&folder, &mut errors));
                if let Ok(more) = scan_folder(&folder, Owner::Server(id), &mut errors) {
                    found.extend(more);
                }
            }
        }
        let mut documents = BTreeMap::new();
        for file in found {
            if let Some((stamp, doc)) = self.documents.get(&file.key)
                && *stamp == file.stamp
                && doc.path == file.path
            {
                documents.insert(file.key, (*stamp, Arc::clone(doc)));
                continue;
            }
            match read(&file) {
                Ok(doc) => {
                    documents.insert(file.key, (file.stamp, Arc::new(doc)));
                }
                Err(e) => errors.push(e),
            }
        }
        Ok(Catalog {
            dir: self.dir.clone(),
            documents,
            servers,
            errors,
        })
    }

    /// Every document, of every server.
    pub fn library(&self) -> Library {
        Library::shared(
            self.documents
                .values()
                .map(|(_, d)| Arc::clone(d))
                .collect(),
        )
    }

    /// The documents `audience` sees: the host's (unless its server hides them) and its
    /// server's own; where a server's document has a host document's id, the server's wins.
    pub fn view(&self, audience: Audience) -> Library {
        let server = audience.server;
        let hide_shared = server.is_some_and(|s| self.settings(s).hide_shared);
        let own: Vec<Arc<Document>> = server
            .map(|s| self.owned_by(Owner::Server(s)))
            .unwrap_or_default();
        let mut visible: Vec<Arc<Document>> = if hide_shared {
            Vec::new()
        } else {
            self.owned_by(Owner::Host)
                .into_iter()
                .filter(|h| !own.iter().any(|o| o.id == h.id))
                .collect()
        };
        visible.extend(own);
        Library::shared(visible)
    }

    pub fn owned_by(&self, owner: Owner) -> Vec<Arc<Document>> {
        self.documents
            .values()
            .filter(|(_, d)| d.owner == owner)
            .map(|(_, d)| Arc::clone(d))
            .collect()
    }

    /// Whether every server's settings are as in `other`.
    pub fn servers_equal(&self, other: &Catalog) -> bool {
        self.servers == other.servers
    }

    pub fn settings(&self, server: u64) -> ServerSettings {
        self.servers.get(&server).copied().unwrap_or_default()
    }

    /// Documents by key with their digests: what the search index must hold.
    pub fn digests(&self) -> HashMap<String, u64> {
        self.documents
            .iter()
            .map(|(k, (_, d))| (k.clone(), d.digest))
            .collect()
    }

    pub fn get(&self, key: &str) -> Option<&Arc<Document>> {
        self.documents.get(key).map(|(_, d)| d)
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The folder of a server's own documents.
    pub fn server_dir(&self, server: u64) -> PathBuf {
        self.dir.join(SERVERS_DIR).join(server.to_string())
    }
}

fn read_settings(folder: &Path, errors: &mut Vec<DocumentError>) -> ServerSettings {
    let path = folder.join(SETTINGS_FILE);
    match fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|e: toml::de::Error| {
            errors.push(DocumentError {
                path,
                line: None,
                message: e.message().to_string(),
            });
            ServerSettings::default()
        }),
        Err(_) => ServerSettings::default(),
    }
}

/// The documents of one folder (not its sub-folders), with what tells them changed. A
/// metadata file without a document, and two documents with one id, are reported.
fn scan_folder(
    dir: &Path,
    owner: Owner,
    errors: &mut Vec<DocumentError>,
) -> std::io::Result<Vec<Found>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .filter(|p| !p.is_dir())
        .collect();
    paths.sort();
    let mut found: Vec<Found> = Vec::new();
    for path in &paths {
        if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            let has_document = paths
                .iter()
                .any(|p| p != path && p.file_stem() == path.file_stem() && Format::of(p).is_some());
            if !has_document {
                errors.push(DocumentError {
                    path: path.clone(),
                    line: None,
                    message: "metadata file without a document: expected a .md, .txt or .html \
                              file with the same name beside it"
                        .to_string(),
                });
            }
            continue;
        }
        let Some(format) = Format::of(path) else {
            continue;
        };
        let Some(id) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            errors.push(DocumentError {
                path: path.clone(),
                line: None,
                message: "the file name is not valid UTF-8".to_string(),
            });
            continue;
        };
        if found.iter().any(|f| f.id == id) {
            errors.push(DocumentError {
                path: path.clone(),
                line: None,
                message: format!("another document already has the id {id:?}; rename one"),
            });
            continue;
        }
        let Some((size, modified)) = stamp_of(path) else {
            continue;
        };
        let sidecar = stamp_of(&path.with_extension("toml"));
        let key = match owner {
            Owner::Host => id.clone(),
            Owner::Server(s) => format!("{s}/{id}"),
        };
        found.push(Found {
            key,
            id,
            owner,
            path: path.clone(),
            format,
            stamp: Stamp {
                size,
                modified,
                sidecar_size: sidecar.map(|s| s.0),
                sidecar_modified: sidecar.map(|s| s.1),
            },
        });
    }
    Ok(found)
}

fn read(file: &Found) -> Result<Document, DocumentError> {
    let bytes = fs::read(&file.path).map_err(|e| DocumentError {
        path: file.path.clone(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    let sidecar_path = file.path.with_extension("toml");
    let sidecar = match fs::read(&sidecar_path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(DocumentError {
                path: sidecar_path,
                line: None,
                message: format!("cannot read: {e}"),
            });
        }
    };
    let mut doc = parse_document(
        &file.path,
        file.format,
        &bytes,
        sidecar.as_deref().map(|b| (sidecar_path.as_path(), b)),
    )?;
    doc.key = file.key.clone();
    doc.owner = file.owner;
    Ok(doc)
}
