//! Every document on disk: the host's in the library folder, each server's under
//! `servers/<server id>/`, and each server's settings. A catalog is re-read cheaply: a file
//! whose size and modification time are unchanged is not read again, so watching a folder of
//! thousands of documents costs a directory listing and a `stat` each.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// What the catalog knows of a document without holding its text: enough to index it, count
/// it against a quota and read it again when a command needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub key: String,
    /// The server it belongs to; `None` for the host's.
    server: Option<u64>,
    path: PathBuf,
    pub digest: u64,
    pub paragraphs: usize,
    stamp: Stamp,
}

impl Card {
    pub fn owner(&self) -> Owner {
        self.server.map_or(Owner::Host, Owner::Server)
    }

    fn of(doc: &Document, stamp: Stamp) -> Card {
        Card {
            key: doc.key.clone(),
            server: match doc.owner {
                Owner::Host => None,
                Owner::Server(s) => Some(s),
            },
            path: doc.path.clone(),
            digest: doc.digest,
            paragraphs: doc.paragraphs.len(),
            stamp,
        }
    }

    fn found(&self) -> Option<Found> {
        Some(Found {
            key: self.key.clone(),
            id: self.path.file_stem()?.to_str()?.to_string(),
            owner: self.owner(),
            path: self.path.clone(),
            format: Format::of(&self.path)?,
            stamp: self.stamp,
        })
    }
}

/// One document of the catalog. The host's documents are visible to every server, so they are
/// held in memory; a server's are read when that server asks, and kept while recently used.
#[derive(Debug, Clone)]
struct Entry {
    card: Arc<Card>,
    held: Option<Arc<Document>>,
}

/// Paragraphs of servers' documents kept in memory between commands: two full servers'
/// libraries at the default quota, so a busy server never waits on its disk twice.
pub const RESIDENT_PARAGRAPHS: usize = 40_000;

/// Recently used documents of servers, least recently used dropped first.
#[derive(Debug, Default)]
struct Resident {
    inner: Mutex<ResidentInner>,
}

#[derive(Debug, Default)]
struct ResidentInner {
    documents: HashMap<String, (Arc<Document>, u64)>,
    tick: u64,
    paragraphs: usize,
}

impl Resident {
    fn get(&self, key: &str, digest: u64) -> Option<Arc<Document>> {
        let mut inner = self.inner.lock().ok()?;
        inner.tick += 1;
        let tick = inner.tick;
        let (doc, used) = inner.documents.get_mut(key)?;
        if doc.digest != digest {
            return None;
        }
        *used = tick;
        Some(Arc::clone(doc))
    }

    fn put(&self, doc: &Arc<Document>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        inner.tick += 1;
        let tick = inner.tick;
        if let Some((old, _)) = inner
            .documents
            .insert(doc.key.clone(), (Arc::clone(doc), tick))
        {
            inner.paragraphs -= old.paragraphs.len();
        }
        inner.paragraphs += doc.paragraphs.len();
        while inner.paragraphs > RESIDENT_PARAGRAPHS && inner.documents.len() > 1 {
            let Some(oldest) = inner
                .documents
                .iter()
                .filter(|(k, _)| **k != doc.key)
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some((old, _)) = inner.documents.remove(&oldest) {
                inner.paragraphs -= old.paragraphs.len();
            }
        }
    }
}

/// A server's folder as last scanned: when it was last changed, and what could not be read.
#[derive(Debug, Clone, Default)]
struct Folder {
    modified: u128,
    errors: Vec<DocumentError>,
}

/// How old a folder's time stamp must be before an unchanged stamp is taken to mean an
/// unchanged folder (file systems that keep coarse times could give two changes one stamp).
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// The cards of the last catalog, kept beside the index so that a start does not read every
/// server's documents again: a file whose stamp matches its card is taken as read.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    reader: u32,
    cards: Vec<Card>,
}

/// The documents on disk, read.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    dir: PathBuf,
    entries: BTreeMap<String, Entry>,
    servers: BTreeMap<u64, ServerSettings>,
    /// Each server's folder as last scanned.
    folders: BTreeMap<u64, Folder>,
    resident: Arc<Resident>,
    /// Where the cards are remembered between starts.
    remember: Option<PathBuf>,
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
        Catalog::load_remembering(dir, None)
    }

    /// Reads the documents under `dir`, trusting the cards remembered in `remember` for
    /// servers' files that have not changed since, and remembering the new ones there.
    pub fn load_remembering(dir: &Path, remember: Option<&Path>) -> Result<Catalog, LibraryError> {
        let remembered: HashMap<String, Card> = remember
            .and_then(|path| fs::read(path).ok())
            .and_then(|bytes| serde_json::from_slice::<Remembered>(&bytes).ok())
            .filter(|r| r.reader == super::load::READER_VERSION)
            .map(|r| r.cards.into_iter().map(|c| (c.key.clone(), c)).collect())
            .unwrap_or_default();
        let empty = Catalog {
            dir: dir.to_path_buf(),
            remember: remember.map(Path::to_path_buf),
            ..Catalog::default()
        };
        let catalog = empty.scan(&remembered)?;
        if catalog.entries.is_empty() {
            return Err(LibraryError::Empty {
                dir: dir.to_path_buf(),
                skipped: catalog.errors.len(),
            });
        }
        let same = remembered.len() == catalog.entries.len()
            && catalog.entries.values().all(|e| {
                remembered
                    .get(&e.card.key)
                    .is_some_and(|r| r.digest == e.card.digest && r.stamp == e.card.stamp)
            });
        if !same {
            catalog.save();
        }
        Ok(catalog)
    }

    /// A catalog of documents already read (tests, tools): every one the host's.
    pub fn of(library: &Library) -> Catalog {
        Catalog {
            entries: library
                .documents()
                .iter()
                .map(|d| {
                    let entry = Entry {
                        card: Arc::new(Card::of(d, Stamp::default())),
                        held: Some(Arc::clone(d)),
                    };
                    (d.key.clone(), entry)
                })
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
        let catalog = self.scan(&HashMap::new())?;
        if !catalog.same_documents(self) {
            catalog.save();
        }
        Ok(catalog)
    }

    fn scan(&self, remembered: &HashMap<String, Card>) -> Result<Catalog, LibraryError> {
        let mut errors = Vec::new();
        let found = scan_folder(&self.dir, Owner::Host, &mut errors).map_err(|source| {
            LibraryError::Unreadable {
                path: self.dir.clone(),
                source,
            }
        })?;
        let mut entries = BTreeMap::new();
        self.gather(found, remembered, &mut entries, &mut errors);
        let mut servers = BTreeMap::new();
        let mut folders = BTreeMap::new();
        let servers_dir = self.dir.join(SERVERS_DIR);
        if let Ok(listing) = fs::read_dir(&servers_dir) {
            let mut found_folders: Vec<(u64, PathBuf)> = listing
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .filter_map(|e| {
                    let id = e.file_name().to_str()?.parse::<u64>().ok()?;
                    Some((id, e.path()))
                })
                .collect();
            found_folders.sort();
            let now = std::time::SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            for (id, path) in found_folders {
                let modified = stamp_of(&path).map_or(0, |s| s.1);
                // A server's folder changes only by renames (see `service::changes`), which
                // touch the folder: an untouched one is as it was, unless it changed so
                // recently that a second change could share its time stamp.
                if let Some(old) = self.folders.get(&id)
                    && old.modified == modified
                    && now.saturating_sub(modified) > SETTLED.as_nanos()
                {
                    for (key, entry) in self.owned_entries(Owner::Server(id)) {
                        entries.insert(key.clone(), entry.clone());
                    }
                    servers.insert(id, self.settings(id));
                    errors.extend(old.errors.iter().cloned());
                    folders.insert(id, old.clone());
                    continue;
                }
                let mut folder_errors = Vec::new();
                servers.insert(id, read_settings(&path, &mut folder_errors));
                if let Ok(more) = scan_folder(&path, Owner::Server(id), &mut folder_errors) {
                    self.gather(more, remembered, &mut entries, &mut folder_errors);
                }
                errors.extend(folder_errors.iter().cloned());
                folders.insert(
                    id,
                    Folder {
                        modified,
                        errors: folder_errors,
                    },
                );
            }
        }
        Ok(Catalog {
            dir: self.dir.clone(),
            entries,
            servers,
            folders,
            resident: Arc::clone(&self.resident),
            remember: self.remember.clone(),
            errors,
        })
    }

    /// Entries for the files found: kept when unchanged, taken from a remembered card, or read.
    fn gather(
        &self,
        found: Vec<Found>,
        remembered: &HashMap<String, Card>,
        entries: &mut BTreeMap<String, Entry>,
        errors: &mut Vec<DocumentError>,
    ) {
        for file in found {
            if let Some(entry) = self.entries.get(&file.key)
                && entry.card.stamp == file.stamp
                && entry.card.path == file.path
            {
                entries.insert(file.key, entry.clone());
                continue;
            }
            // The library folder may be named differently this time (relative, absolute, a
            // mount point): the key and the file name say which file a card is of.
            if file.owner != Owner::Host
                && let Some(card) = remembered.get(&file.key)
                && card.stamp == file.stamp
                && card.path.file_name() == file.path.file_name()
            {
                let entry = Entry {
                    card: Arc::new(Card {
                        path: file.path.clone(),
                        ..card.clone()
                    }),
                    held: None,
                };
                entries.insert(file.key, entry);
                continue;
            }
            match read(&file) {
                Ok(doc) => {
                    let doc = Arc::new(doc);
                    let card = Arc::new(Card::of(&doc, file.stamp));
                    let held = if file.owner == Owner::Host {
                        Some(doc)
                    } else {
                        self.resident.put(&doc);
                        None
                    };
                    entries.insert(file.key, Entry { card, held });
                }
                Err(e) => errors.push(e),
            }
        }
    }

    /// Remembers the cards for the next start. A failure costs only that start's time.
    fn save(&self) {
        let Some(path) = &self.remember else {
            return;
        };
        let remembered = Remembered {
            reader: super::load::READER_VERSION,
            cards: self.entries.values().map(|e| (*e.card).clone()).collect(),
        };
        let written = serde_json::to_vec(&remembered)
            .map_err(std::io::Error::other)
            .and_then(|bytes| {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                let temporary = path.with_extension(format!("tmp{}", std::process::id()));
                fs::write(&temporary, bytes)?;
                fs::rename(&temporary, path)
            });
        if let Err(e) = written {
            tracing::debug!(path = %path.display(), error = %e, "could not remember the catalog");
        }
    }

    /// A document by key: held, recently used, or read again from its file.
    pub fn document(&self, key: &str) -> Option<Arc<Document>> {
        let entry = self.entries.get(key)?;
        if let Some(doc) = &entry.held {
            return Some(Arc::clone(doc));
        }
        if let Some(doc) = self.resident.get(key, entry.card.digest) {
            return Some(doc);
        }
        let found = entry.card.found()?;
        match read(&found) {
            Ok(doc) => {
                let doc = Arc::new(doc);
                self.resident.put(&doc);
                Some(doc)
            }
            Err(e) => {
                tracing::warn!("cannot read a document again: {e}");
                None
            }
        }
    }

    /// Every document, of every server: all read into memory (tools, tests).
    pub fn library(&self) -> Library {
        Library::shared(
            self.entries
                .keys()
                .filter_map(|k| self.document(k))
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

    /// One owner's entries, by key.
    fn owned_entries(&self, owner: Owner) -> impl Iterator<Item = (&String, &Entry)> {
        let range = match owner {
            // Host keys hold no '/'; servers' start with their id and one ('0' follows '/').
            Owner::Host => self.entries.range::<str, _>(..),
            Owner::Server(s) => {
                let from = format!("{s}/");
                let to = format!("{s}0");
                self.entries.range::<str, _>((
                    std::ops::Bound::Included(from.as_str()),
                    std::ops::Bound::Excluded(to.as_str()),
                ))
            }
        };
        range.filter(move |(_, e)| e.card.owner() == owner)
    }

    /// The cards of one owner's documents.
    pub fn cards(&self, owner: Owner) -> impl Iterator<Item = &Card> {
        self.owned_entries(owner).map(|(_, e)| &*e.card)
    }

    pub fn owned_by(&self, owner: Owner) -> Vec<Arc<Document>> {
        self.owned_entries(owner)
            .filter_map(|(key, _)| self.document(key))
            .collect()
    }

    /// Whether `other` holds the very same documents, read from the same unchanged files: an
    /// unchanged entry keeps its card from one refresh to the next.
    pub fn same_documents(&self, other: &Catalog) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().all(|(k, e)| {
                other
                    .entries
                    .get(k)
                    .is_some_and(|o| Arc::ptr_eq(&o.card, &e.card))
            })
    }

    /// Whether the search index holds exactly these documents (`held`: key → digest).
    pub fn indexed_in(&self, held: &HashMap<String, u64>) -> bool {
        held.len() == self.entries.len()
            && self
                .entries
                .iter()
                .all(|(k, e)| held.get(k) == Some(&e.card.digest))
    }

    /// Whether any document belongs to a server.
    pub fn has_servers(&self) -> bool {
        self.entries.values().any(|e| e.card.server.is_some())
    }

    /// Paragraphs in every document.
    pub fn paragraph_count(&self) -> usize {
        self.entries.values().map(|e| e.card.paragraphs).sum()
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
        self.entries
            .iter()
            .map(|(k, e)| (k.clone(), e.card.digest))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
    // The entry's file type comes with the listing: one `stat` a document, not three.
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok())
        .filter(|e| e.file_name().to_str().is_some_and(|n| !n.starts_with('.')))
        .filter(|e| {
            e.file_type()
                .map(|t| !t.is_dir() && (!t.is_symlink() || !e.path().is_dir()))
                .unwrap_or(false)
        })
        .map(|e| e.path())
        .collect();
    paths.sort();
    let sidecars: std::collections::HashSet<&Path> = paths
        .iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
        .map(PathBuf::as_path)
        .collect();
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
        let sidecar_path = path.with_extension("toml");
        let sidecar = if sidecars.contains(sidecar_path.as_path()) {
            stamp_of(&sidecar_path)
        } else {
            None
        };
        found.push(Found {
            key: owner.key(&id),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn document(key: &str, paragraphs: usize) -> Arc<Document> {
        let text: String = (0..paragraphs)
            .map(|i| format!("Paragraph number {i} of a generated reading, long enough.\n\n"))
            .collect();
        let mut doc = parse_document(Path::new("x.md"), Format::Markdown, text.as_bytes(), None)
            .unwrap_or_else(|e| panic!("{e}"));
        doc.key = key.to_string();
        Arc::new(doc)
    }

    #[test]
    fn recently_used_documents_stay_within_their_bound() {
        let resident = Resident::default();
        let base = document("base", RESIDENT_PARAGRAPHS / 4);
        for i in 0..12 {
            let mut doc = (*base).clone();
            doc.key = format!("1/doc-{i}");
            resident.put(&Arc::new(doc));
            // The first stays in use, so it is never the one dropped.
            assert!(
                resident
                    .get("1/doc-0", resident_digest(&resident, "1/doc-0"))
                    .is_some()
            );
        }
        let inner = resident.inner.lock().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            inner.paragraphs <= RESIDENT_PARAGRAPHS,
            "{}",
            inner.paragraphs
        );
        assert!(inner.documents.contains_key("1/doc-0"));
        assert!(!inner.documents.contains_key("1/doc-1"));
        assert_eq!(
            inner.paragraphs,
            inner
                .documents
                .values()
                .map(|(d, _)| d.paragraphs.len())
                .sum::<usize>()
        );
    }

    fn resident_digest(resident: &Resident, key: &str) -> u64 {
        let inner = resident.inner.lock().unwrap_or_else(|e| panic!("{e}"));
        inner.documents.get(key).map_or(0, |(d, _)| d.digest)
    }

    /// `path` relative to `base`, through `..` as needed.
    fn pathdiff(path: &Path, base: &Path) -> PathBuf {
        let (path, base): (Vec<_>, Vec<_>) =
            (path.components().collect(), base.components().collect());
        let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
        let mut out: PathBuf = base[common..].iter().map(|_| "..").collect();
        out.extend(&path[common..]);
        out
    }

    #[test]
    fn a_start_trusts_remembered_cards_and_reads_a_document_when_asked() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let write = |path: &Path, text: &str| {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        };
        write(
            &dir.path().join("shared.md"),
            "# Shared\n\nA shared paragraph about glaciers.\n",
        );
        let own = dir.path().join("servers/7/own.md");
        write(
            &own,
            "# Own\n\nA paragraph about moraines.\n\nAnother about eskers.\n",
        );
        let remember = dir.path().join(".tantivy/catalog.json");

        let first = Catalog::load_remembering(dir.path(), Some(&remember))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(remember.exists());
        // The same folder by another name (relative here, absolute before).
        let cwd = std::env::current_dir().unwrap_or_else(|e| panic!("{e}"));
        let relative = pathdiff(dir.path(), &cwd);
        let again =
            Catalog::load_remembering(&relative, Some(&remember)).unwrap_or_else(|e| panic!("{e}"));
        let entry = again
            .entries
            .get("7/own")
            .unwrap_or_else(|| panic!("no card"));
        assert!(
            entry.held.is_none(),
            "a server's document was read at start"
        );
        assert_eq!(again.digests(), first.digests());
        assert_eq!(again.paragraph_count(), 3);
        let seen = again.view(Audience::server(7));
        let doc = seen.get("own").unwrap_or_else(|| panic!("not visible"));
        assert_eq!(doc.paragraphs.len(), 2);
        assert!(again.view(Audience::server(8)).get("own").is_none());

        // A changed file is read again, whatever was remembered.
        write(
            &own,
            "# Own\n\nOnly one paragraph now, about drumlins and kames.\n",
        );
        let changed = Catalog::load_remembering(dir.path(), Some(&remember))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(changed.digests().get("7/own"), first.digests().get("7/own"));
        assert_eq!(
            changed
                .cards(Owner::Server(7))
                .map(|c| c.paragraphs)
                .sum::<usize>(),
            1
        );
    }

    #[test]
    fn an_untouched_server_folder_is_kept_and_a_renamed_in_file_is_seen() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        fs::write(
            dir.path().join("shared.md"),
            "# Shared\n\nA shared paragraph.\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let folder = dir.path().join("servers/7");
        fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
        fs::write(
            folder.join("one.md"),
            "# One\n\nA paragraph about moraines.\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let settle = || {
            let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            fs::File::open(&folder)
                .and_then(|f| f.set_modified(hour_ago))
                .unwrap_or_else(|e| panic!("{e}"));
        };
        let catalog = Catalog::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        settle();
        let catalog = catalog.refresh().unwrap_or_else(|e| panic!("{e}"));
        // Settled and untouched: kept as it was, without reading the folder.
        let kept = catalog.refresh().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept.digests(), catalog.digests());
        assert!(kept.view(Audience::server(7)).get("one").is_some());

        // How `/library add` writes: a temporary file renamed into place.
        let temporary = folder.join(".two.md.tmp");
        fs::write(&temporary, "# Two\n\nA paragraph about eskers.\n")
            .unwrap_or_else(|e| panic!("{e}"));
        fs::rename(&temporary, folder.join("two.md")).unwrap_or_else(|e| panic!("{e}"));
        let seen = kept.refresh().unwrap_or_else(|e| panic!("{e}"));
        assert!(seen.view(Audience::server(7)).get("two").is_some());
        assert_eq!(seen.len(), 3);
    }
}
