//! The library changes without a restart: a file dropped into (changed in, removed from) the
//! library folder is answered within 5 seconds, and so are changes one replica of the HTTP
//! endpoint sees that another made to a shared folder.

mod common;
mod fake_discord;

use std::path::Path;
use std::time::{Duration, Instant};

use common::endpoint::{Options, Server, post};
use fake_discord::Fake;
use serde_json::json;

const TOKEN: &str = common::endpoint::TOKEN;

/// Passages `/quote query` finds through `server`.
fn found(fake: &Fake, server: &Server, query: &str) -> usize {
    let (status, answer) = post(
        server,
        &fake.command("quote", &[("query", json!(query))], 0),
    );
    assert_eq!(status, 200, "{answer}");
    answer["data"]["embeds"].as_array().map_or(0, |e| e.len())
}

/// Waits until `check` holds, at most 5 seconds; returns how long it took.
fn within_five_seconds(what: &str, check: impl Fn() -> bool) -> Duration {
    let started = Instant::now();
    while !check() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{what}: not within 5 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    started.elapsed()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

const GLACIERS: &str =
    "# Glaciers\n\nA paragraph about glaciers and moraines, long enough to be prose.\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_file_dropped_into_the_folder_is_answered_within_five_seconds() {
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let server = Server::start_with(Options {
        api_base: &fake.rest_base,
        library: Some(library.path()),
        ..Options::default()
    });
    assert_eq!(found(&fake, &server, "moraines"), 0);

    write(&library.path().join("glaciers.md"), GLACIERS);
    let took = within_five_seconds("a dropped file", || found(&fake, &server, "moraines") == 1);
    eprintln!("dropped file searchable after {took:?}");

    // Changed in place: the new words are found, the old ones no longer.
    write(
        &library.path().join("glaciers.md"),
        "# Glaciers\n\nA paragraph about ice sheets and crevasses, long enough to be prose.\n",
    );
    within_five_seconds("a changed file", || {
        found(&fake, &server, "crevasses") == 1 && found(&fake, &server, "moraines") == 0
    });

    std::fs::remove_file(library.path().join("glaciers.md")).unwrap_or_else(|e| panic!("{e}"));
    within_five_seconds("a removed file", || found(&fake, &server, "crevasses") == 0);
    // The bundled article was answered throughout.
    assert_eq!(found(&fake, &server, "nato"), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn replicas_sharing_a_folder_see_a_change_within_five_seconds() {
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let own_index = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let own_index_dir = own_index.path().to_string_lossy().to_string();
    // Two replicas share the index folder (one writes, the other follows); a third keeps its
    // own index of the same shared documents.
    let replicas: Vec<Server> = [None, None, Some(own_index_dir.as_str())]
        .into_iter()
        .map(|index_dir| {
            let env: Vec<(&str, &str)> = index_dir
                .map(|d| vec![("CITEBOT_LIBRARY__INDEX_DIR", d)])
                .unwrap_or_default();
            Server::start_with(Options {
                api_base: &fake.rest_base,
                library: Some(library.path()),
                env: &env,
                ..Options::default()
            })
        })
        .collect();
    for replica in &replicas {
        assert_eq!(found(&fake, replica, "moraines"), 0);
    }
    write(&library.path().join("glaciers.md"), GLACIERS);
    for (i, replica) in replicas.iter().enumerate() {
        let took = within_five_seconds(&format!("replica {i}"), || {
            found(&fake, replica, "moraines") == 1
        });
        eprintln!("replica {i} answered after {took:?}");
    }
}
