//! `/library add`, `remove` and `shared`: changes to a server's reading list.
//!
//! A change is written to the library folder and then made live by a refresh, like any other
//! change to the folder. An import is read and checked in memory before anything is written,
//! so one that fails changes nothing. Its files are written to hidden temporary names, synced,
//! and renamed into place — the metadata first, the document last — so a process killed at any
//! moment leaves the library as it was, or with the document complete.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use super::Service;
use crate::commands::CommandError;
use crate::commands::input::{Add, Command, Library as LibraryCommand, Source};
use crate::commands::reply::{AddedReply, DroppedEntry, RemovedReply, Reply, SharedReply};
use crate::fetch::{self, FetchError};
use crate::library::catalog::SETTINGS_FILE;
use crate::library::{
    Added, Audience, Date, Document, Format, Owner, PartialMetadata, ServerSettings, encoding,
    parse_reporting,
};

/// How long an add waits for its reading to be searchable when another replica indexes:
/// that replica's watcher looks every second, so this leaves room for a large page.
const LIVE_WITHIN: std::time::Duration = std::time::Duration::from_secs(10);

/// Who made a change, as the reading list shows it: "name (id)" from Discord, or "console".
pub type Actor<'a> = &'a str;

impl Service {
    /// Makes a change to the library for `audience` (a server, or the host's own library when
    /// none), on `actor`'s behalf. Ends with the change live.
    pub async fn change(
        self: &Arc<Self>,
        command: &Command,
        audience: Audience,
        actor: Actor<'_>,
    ) -> Result<Reply, CommandError> {
        match command {
            Command::Library(LibraryCommand::Add(add)) => {
                let fetched = self.obtain(&add.source).await?;
                let service = Arc::clone(self);
                let (add, actor) = (add.clone(), actor.to_string());
                blocking(move || service.add(&add, audience.server, &actor, fetched))
                    .await
                    .map(Reply::LibraryAdded)
            }
            Command::Library(LibraryCommand::Remove { doc }) => {
                let service = Arc::clone(self);
                let doc = doc.clone();
                blocking(move || service.remove(&doc, audience.server))
                    .await
                    .map(Reply::LibraryRemoved)
            }
            Command::Library(LibraryCommand::Shared { show }) => {
                let Some(server) = audience.server else {
                    return Err(refused(
                        "Shared readings are shown or hidden per server: run this in a server.",
                    ));
                };
                let service = Arc::clone(self);
                let show = *show;
                blocking(move || service.set_shared(server, show))
                    .await
                    .map(Reply::LibraryShared)
            }
            _ => Err(CommandError::Internal(
                "not a change to the library".to_string(),
            )),
        }
    }

    /// The reading's bytes, what they are, and where they came from.
    async fn obtain(&self, source: &Source) -> Result<Obtained, CommandError> {
        let max = self.fetcher.limits().max_bytes;
        match source {
            Source::Url(url) => {
                let page = self.fetcher.get(url).await.map_err(fetch_refused)?;
                Ok(Obtained {
                    format: format_of(&page.media_type, None),
                    charset: page.charset,
                    bytes: page.bytes,
                    name: None,
                    source: page.url,
                    page_url: true,
                })
            }
            Source::Upload(upload) => {
                if upload.size.is_some_and(|s| s > max as u64) {
                    return Err(fetch_refused(FetchError::TooLarge(max)));
                }
                let (declared, charset) = fetch::content_type(upload.media_type.as_deref());
                let by_name = fetch::media_type_of(&upload.name);
                let media = if fetch::is_accepted(&declared) {
                    declared
                } else if let Some(m) = by_name {
                    m.to_string()
                } else {
                    return Err(refused(&format!(
                        "“{}” is not a web page or text file: upload .html, .md or .txt.",
                        shown(&upload.name)
                    )));
                };
                let file = self
                    .fetcher
                    .get_file(&upload.url)
                    .await
                    .map_err(fetch_refused)?;
                Ok(Obtained {
                    format: format_of(&media, by_name.map(|_| upload.name.as_str())),
                    charset: charset.or(file.charset),
                    bytes: file.bytes,
                    name: Some(upload.name.clone()),
                    source: upload.name.clone(),
                    page_url: false,
                })
            }
            Source::Path(path) => {
                let path = PathBuf::from(path);
                let Some(media) = fetch::media_type_of(&path.to_string_lossy()) else {
                    return Err(refused(&format!(
                        "{} is not a .html, .md or .txt file.",
                        path.display()
                    )));
                };
                let size = fs::metadata(&path)
                    .map_err(|e| refused(&format!("cannot read {}: {e}", path.display())))?
                    .len();
                if size > max as u64 {
                    return Err(fetch_refused(FetchError::TooLarge(max)));
                }
                let bytes = fs::read(&path)
                    .map_err(|e| refused(&format!("cannot read {}: {e}", path.display())))?;
                let name = path.file_name().map(|n| n.to_string_lossy().to_string());
                Ok(Obtained {
                    format: format_of(media, name.as_deref()),
                    charset: None,
                    bytes,
                    source: path.display().to_string(),
                    name,
                    page_url: false,
                })
            }
        }
    }

    fn add(
        &self,
        add: &Add,
        server: Option<u64>,
        actor: &str,
        obtained: Obtained,
    ) -> Result<AddedReply, CommandError> {
        let text = encoding::decode(
            &obtained.bytes,
            obtained.format,
            obtained.charset.as_deref(),
        )
        .map_err(|e| refused(&format!("The file is {}.", e.message)))?;
        if let Some(published) = &add.published
            && published.parse::<Date>().is_err()
        {
            return Err(CommandError::bad_option(
                "published",
                format!(
                    "published must be a date, like 2025-04-01 or 1 April 2025; got “{}”.",
                    shown(published)
                ),
            ));
        }
        let _writing = self.writes.lock();
        let engine = self.engine();
        let catalog = engine.catalog();
        let owner = server.map_or(Owner::Host, Owner::Server);
        let folder = match server {
            Some(s) => catalog.server_dir(s),
            None => catalog.dir().to_path_buf(),
        };
        let extension = obtained.format.extension();

        // Read it as it will be read from disk, under a provisional name.
        let mut sidecar = PartialMetadata {
            title: add.title.clone(),
            author: add.author.clone(),
            published: add.published.clone(),
            added: Some(Added {
                by: actor.to_string(),
                at: now(),
                source: Some(obtained.source.clone()),
            }),
            ..PartialMetadata::default()
        };
        let provisional = folder.join(format!("reading.{extension}"));
        let read = |sidecar: &PartialMetadata| {
            let toml = toml::to_string(sidecar).unwrap_or_default();
            parse_reporting(
                &provisional,
                obtained.format,
                text.as_bytes(),
                Some((&provisional.with_extension("toml"), toml.as_bytes())),
            )
            .map(|(doc, dropped)| (doc, dropped, toml))
        };
        let (mut doc, mut dropped, mut toml) = read(&sidecar).map_err(|e| {
            refused(&format!(
                "Nothing to import: {}.",
                e.message.trim_end_matches('.')
            ))
        })?;
        // A page that names no address of its own is cited with the one it was fetched from.
        if obtained.page_url && doc.meta.url.is_none() {
            sidecar.url = Some(obtained.source.clone());
            (doc, dropped, toml) = read(&sidecar).map_err(|e| refused(&e.message))?;
        }

        // Quotas: a server's share of the library.
        if let Owner::Server(_) = owner {
            let own: Vec<_> = catalog.cards(owner).collect();
            let limits = engine.settings();
            if own.len() + 1 > limits.max_documents_per_server {
                return Err(refused(&format!(
                    "This server's library is full: {} of {} readings. Remove one with /library remove first.",
                    own.len(),
                    limits.max_documents_per_server
                )));
            }
            let paragraphs: usize = own.iter().map(|c| c.paragraphs).sum();
            if paragraphs + doc.paragraphs.len() > limits.max_paragraphs_per_server {
                return Err(refused(&format!(
                    "This reading has {} paragraphs and the server's library already {} of its {}: remove a reading first.",
                    doc.paragraphs.len(),
                    paragraphs,
                    limits.max_paragraphs_per_server
                )));
            }
        }

        // An id from the title, unused where this server looks.
        let visible = catalog.view(Audience { server });
        let mut claimed_by_others: Vec<String> = Vec::new();
        let taken = |id: &str, others: &[String]| {
            others.iter().any(|o| o == id)
                || visible.get(id).is_some()
                || Format::ALL
                    .iter()
                    .any(|f| folder.join(format!("{id}.{}", f.extension())).exists())
                || folder.join(format!("{id}.toml")).exists()
        };
        fs::create_dir_all(&folder).map_err(|e| write_failed(&folder, &e))?;
        // The id is claimed by its metadata file, created only if absent: a replica adding a
        // reading of the same title at the same moment gets the next id, never this one.
        let (id, path) = loop {
            let id = unique(&slug(&doc.meta.title), |id| taken(id, &claimed_by_others));
            let path = folder.join(format!("{id}.{extension}"));
            match claim(&path.with_extension("toml"), toml.as_bytes()) {
                Ok(true) => break (id, path),
                Ok(false) if claimed_by_others.len() < 100 => claimed_by_others.push(id),
                Ok(false) => {
                    return Err(write_failed(
                        &path,
                        &std::io::Error::from(std::io::ErrorKind::AlreadyExists),
                    ));
                }
                Err(e) => return Err(write_failed(&path, &e)),
            }
        };
        if let Err(e) = write_atomically(&path, text.as_bytes()) {
            let _ = fs::remove_file(path.with_extension("toml"));
            return Err(write_failed(&path, &e));
        }
        let key = owner.key(&id);
        // Live here at once when this process writes the index; a replica that follows
        // another's index waits for that one to index it (its watcher looks every second).
        let deadline = std::time::Instant::now() + LIVE_WITHIN;
        let live = loop {
            self.refresh()
                .map_err(|e| CommandError::Internal(e.to_string()))?;
            if let Some(live) = self.engine().catalog().document(&key) {
                break Some(live);
            }
            if std::time::Instant::now() >= deadline {
                tracing::warn!(%key, "added, but not yet indexed by the replica that indexes");
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        };
        let doc: &Document = live.as_deref().unwrap_or(&doc);
        let mut left: Vec<DroppedEntry> = Vec::new();
        for d in &dropped {
            let what = d.what.describe().to_string();
            match left.iter_mut().find(|e| e.what == what) {
                Some(e) => e.count += 1,
                None => left.push(DroppedEntry { what, count: 1 }),
            }
        }
        Ok(AddedReply {
            server,
            doc: id.clone(),
            title: doc.meta.title.clone(),
            author: doc.meta.author.clone(),
            published: doc.meta.published,
            url: doc.meta.url.clone(),
            sections: crate::commands::section_entries(doc),
            paragraphs: doc.paragraphs.len(),
            dropped: left,
        })
    }

    fn remove(&self, typed: &str, server: Option<u64>) -> Result<RemovedReply, CommandError> {
        let _writing = self.writes.lock();
        let engine = self.engine();
        let owner = server.map_or(Owner::Host, Owner::Server);
        let own = crate::library::Library::shared(engine.catalog().owned_by(owner));
        let found = own.find(typed);
        let doc = match found.as_slice() {
            [doc] => (*doc).clone(),
            [] => {
                let ids: Vec<&str> = own.documents().iter().map(|d| d.id.as_str()).collect();
                return Err(refused(&if ids.is_empty() {
                    "This server has added no readings; shared readings are the host's to remove."
                        .to_string()
                } else {
                    format!(
                        "No reading of this server's matches “{}”. Its readings: {}.",
                        shown(typed),
                        ids.join(", ")
                    )
                }));
            }
            several => {
                let ids: Vec<&str> = several.iter().map(|d| d.id.as_str()).collect();
                return Err(refused(&format!(
                    "“{}” could mean {}: give the id.",
                    shown(typed),
                    ids.join(", ")
                )));
            }
        };
        // The document first: once it is gone, the reading is gone.
        fs::remove_file(&doc.path).map_err(|e| write_failed(&doc.path, &e))?;
        let _ = fs::remove_file(doc.path.with_extension("toml"));
        self.refresh()
            .map_err(|e| CommandError::Internal(e.to_string()))?;
        Ok(RemovedReply {
            server,
            doc: doc.id,
            title: doc.meta.title,
        })
    }

    fn set_shared(&self, server: u64, show: bool) -> Result<SharedReply, CommandError> {
        let _writing = self.writes.lock();
        let engine = self.engine();
        let folder = engine.catalog().server_dir(server);
        let settings = ServerSettings { hide_shared: !show };
        fs::create_dir_all(&folder).map_err(|e| write_failed(&folder, &e))?;
        let toml = toml::to_string(&settings).unwrap_or_default();
        let path = folder.join(SETTINGS_FILE);
        write_atomically(&path, toml.as_bytes()).map_err(|e| write_failed(&path, &e))?;
        self.refresh()
            .map_err(|e| CommandError::Internal(e.to_string()))?;
        Ok(SharedReply {
            server,
            show,
            documents: self.engine().catalog().owned_by(Owner::Host).len(),
        })
    }
}

/// A reading obtained, not yet read.
struct Obtained {
    bytes: Vec<u8>,
    format: Format,
    charset: Option<String>,
    /// The upload's file name.
    #[allow(dead_code)]
    name: Option<String>,
    /// Where it came from: the page's final address, or the file's name.
    source: String,
    /// `source` is a web address to cite when the page names none.
    page_url: bool,
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(CommandError::Internal(e.to_string())))
}

fn format_of(media_type: &str, name: Option<&str>) -> Format {
    let by_name = name.and_then(|n| Format::of(Path::new(n)));
    match media_type {
        "text/html" => Format::Html,
        "text/markdown" | "text/x-markdown" => Format::Markdown,
        // A .md file served as plain text is still Markdown.
        _ => by_name.unwrap_or(Format::Text),
    }
}

fn refused(message: &str) -> CommandError {
    CommandError::Refused(message.to_string())
}

fn fetch_refused(error: FetchError) -> CommandError {
    let message = error.to_string();
    let mut chars = message.chars();
    let sentence = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    CommandError::Refused(format!("Not imported: {sentence}."))
}

fn write_failed(path: &Path, error: &std::io::Error) -> CommandError {
    tracing::warn!(path = %path.display(), error = %error, "writing the library failed");
    CommandError::Internal("the library folder could not be written".to_string())
}

fn shown(text: &str) -> String {
    text.chars().take(60).collect()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// "Why Neon Is the Ultimate Symbol of the 20th Century" → "why-neon-is-the-ultimate-symbol".
pub fn slug(title: &str) -> String {
    const WORDS: usize = 6;
    let folded = crate::analysis::fold(title);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(WORDS)
        .map(str::to_string)
        .collect();
    let mut slug = words.join("-");
    slug.truncate(60);
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "reading".to_string()
    } else {
        slug
    }
}

/// `base`, or `base-2`, `base-3`, … : the first `taken` says is free.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// Removes what writes killed halfway left behind: hidden `.incoming-*` files older than a few
/// minutes (younger ones may be another replica's write in progress). Best effort.
pub fn sweep_leftovers(library: &Path) {
    const STALE: std::time::Duration = std::time::Duration::from_secs(600);
    let mut folders = vec![(library.to_path_buf(), false)];
    if let Ok(servers) = fs::read_dir(library.join(crate::library::catalog::SERVERS_DIR)) {
        folders.extend(
            servers
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .map(|p| (p, true)),
        );
    }
    for (folder, citebots) in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            // In a server's folder, which only citebot writes, metadata without its document
            // is an add killed between its two renames: the reading was never there.
            let orphan = citebots
                && !name.starts_with('.')
                && path.extension().is_some_and(|e| e == "toml")
                && !Format::ALL
                    .iter()
                    .any(|f| path.with_extension(f.extension()).exists());
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE);
            if stale && (name.starts_with(".incoming-") || orphan) {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

/// Writes `bytes` to `path` so that a reader, or a crash, sees the old file or the new one:
/// a hidden temporary file, synced, renamed over the target, and the folder synced.
/// `bytes`, written and flushed beside `path` under a temporary name unique to this write:
/// other processes (the pid) and other writes of this one (a counter) never share it, and
/// `.incoming-` marks it for the sweep. Returns the folder and the temporary file.
fn write_beside(path: &Path, bytes: &[u8]) -> std::io::Result<(PathBuf, PathBuf)> {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temporary = folder.join(format!(".incoming-{}-{n}-{name}", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(e);
    }
    Ok((folder, temporary))
}

/// Makes a rename or link into `folder` durable.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// Writes `path` whole, only if it does not exist: `Ok(false)` when another writer has it.
/// The bytes go to a temporary file that is then hard-linked into place, which is atomic and
/// refuses an existing name, on local disks and NFS alike.
fn claim(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let (folder, temporary) = write_beside(path, bytes)?;
    let linked = fs::hard_link(&temporary, path);
    let _ = fs::remove_file(&temporary);
    match linked {
        Ok(()) => {
            sync_folder(&folder);
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        // A file system without hard links: fall back to a plain atomic write.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::Unsupported | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            if path.exists() {
                return Ok(false);
            }
            write_atomically(path, bytes).map(|()| true)
        }
        Err(e) => Err(e),
    }
}

/// Replaces `path` whole: a reader sees the old file or the new one, never part of either.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (folder, temporary) = write_beside(path, bytes)?;
    if let Err(e) = fs::rename(&temporary, path) {
        let _ = fs::remove_file(&temporary);
        return Err(e);
    }
    sync_folder(&folder);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        assert_eq!(
            slug("Why Neon Is the Ultimate Symbol of the 20th Century"),
            "why-neon-is-the-ultimate-symbol"
        );
        assert_eq!(slug("Deténte?! — «Signals»"), "detente-signals");
        assert_eq!(slug("???"), "reading");
        assert_eq!(unique("a", |id| id == "a" || id == "a-2"), "a-3");
    }
}
