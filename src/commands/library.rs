//! `/library list`: a server's reading list, who added each reading and when, and how much of
//! its quota is used. (`/library add`, `remove` and `shared` change the library, so the live
//! service runs them: see [`crate::service`].)

use super::error::CommandError;
use super::reply::{ListEntry, ListReply};
use crate::engine::View;
use crate::library::{Document, Owner};

pub fn list(view: &View<'_>) -> Result<ListReply, CommandError> {
    let catalog = view.catalog();
    let entry = |d: &Document| ListEntry {
        doc: d.id.clone(),
        title: d.meta.title.clone(),
        paragraphs: d.paragraphs.len(),
        added_by: d.added.as_ref().map(|a| a.by.clone()),
        added_at: d.added.as_ref().map(|a| a.at),
        source: d.added.as_ref().and_then(|a| a.source.clone()),
    };
    let server = view.audience().server;
    let own: Vec<ListEntry> = server
        .map(|s| catalog.owned_by(Owner::Server(s)))
        .unwrap_or_default()
        .iter()
        .map(|d| entry(d))
        .collect();
    let shared: Vec<ListEntry> = catalog
        .owned_by(Owner::Host)
        .iter()
        .map(|d| entry(d))
        .collect();
    let settings = view.settings();
    Ok(ListReply {
        server,
        documents: own.len(),
        paragraphs: own.iter().map(|e| e.paragraphs).sum(),
        own,
        shared,
        shared_hidden: server.is_some_and(|s| catalog.settings(s).hide_shared),
        max_documents: settings.max_documents_per_server,
        max_paragraphs: settings.max_paragraphs_per_server,
    })
}
