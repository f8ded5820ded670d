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

/// Two replicas on one folder, each adding a reading of the same title at the same moment:
/// both readings are kept, under two ids, each with its own metadata.
#[test]
fn two_replicas_adding_one_title_at_once_keep_both() {
    use citebot::commands::Reply;
    use citebot::library::Audience;
    use citebot::service::{Options, Service};

    let library = common::library_dir_with(&[]);
    let open = || {
        Service::open(library.path(), Options::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .service
    };
    let (first, second) = (open(), open());
    // The first holds the index's writer; its watcher, as `serve-http` runs it.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (first, stop) = (std::sync::Arc::clone(&first), std::sync::Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = first.refresh();
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let pages = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for round in 0..8 {
        let mut ids = Vec::new();
        let barrier = std::sync::Barrier::new(2);
        std::thread::scope(|scope| {
            let handles: Vec<_> = [(&first, "one"), (&second, "two")]
                .into_iter()
                .map(|(service, who)| {
                    let page = pages.path().join(format!("{who}-{round}.md"));
                    write(
                        &page,
                        &format!("# Same Title\n\nA paragraph that {who} added in round {round}, long enough.\n"),
                    );
                    let barrier = &barrier;
                    scope.spawn(move || {
                        barrier.wait();
                        service.answer_local(
                            &format!("/library add file:{} title:\"Same Title\"", page.display()),
                            Audience::server(9),
                        )
                    })
                })
                .collect();
            for handle in handles {
                match handle.join().unwrap_or_else(|_| panic!("panicked")) {
                    Ok(Some(Reply::LibraryAdded(added))) => ids.push(added.doc),
                    other => panic!("round {round}: {other:?}"),
                }
            }
        });
        assert_ne!(ids[0], ids[1], "round {round}: one id for two readings");
        for id in &ids {
            let folder = library.path().join("servers/9");
            let text = std::fs::read_to_string(folder.join(format!("{id}.md")))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            let meta = std::fs::read_to_string(folder.join(format!("{id}.toml")))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(text.contains(&format!("round {round}")), "{id}: {text}");
            assert!(meta.contains("Same Title"), "{id}: {meta}");
        }
        // And both are searchable on both replicas.
        for service in [&first, &second] {
            let found = service.answer_local(
                &format!("/quote \"added in round {round}\""),
                Audience::server(9),
            );
            let Ok(Some(Reply::Quote(q))) = found else {
                panic!("round {round}: {found:?}");
            };
            assert_eq!(q.total, 2, "round {round}: {q:?}");
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = watcher.join();
}

/// A query running while readings are added and removed sees the library before or after each
/// change, never half of it: a reading's paragraphs are all searchable or none are, and what
/// the search finds can always be cited from the same snapshot.
#[test]
fn queries_during_changes_see_all_of_a_reading_or_none() {
    use citebot::commands::{Command, Reply, parse_line};
    use citebot::library::Audience;
    use citebot::service::{Options, Service};

    const PARAGRAPHS: usize = 300;
    let library = common::library_dir_with(&[]);
    let service = Service::open(library.path(), Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .service;
    let pages = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = pages.path().join("zeppelins.md");
    let mut text = String::from("# Zeppelins\n\n");
    for i in 0..PARAGRAPHS {
        text.push_str(&format!(
            "Paragraph {i} tells of the zeppelin that crossed the ocean with letters and hope.\n\n"
        ));
    }
    write(&page, &text);
    let audience = Audience::server(3);
    let command = |line: &str| {
        let input = parse_line(line)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("blank"));
        Command::from_input(&input).unwrap_or_else(|e| panic!("{e}"))
    };
    let quote = command("/quote zeppelin count:1");
    let cite = command(&format!("/cite {PARAGRAPHS} doc:zeppelins"));

    let stop = std::sync::atomic::AtomicBool::new(false);
    let (mut seen_none, mut seen_all) = (0, 0);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for _ in 0..6 {
                for line in [
                    format!("/library add file:{}", page.display()),
                    "/library remove zeppelins".to_string(),
                ] {
                    service
                        .answer_local(&line, audience)
                        .unwrap_or_else(|e| panic!("{line}: {e}"));
                }
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            // One snapshot for both questions, as every answer holds one.
            let engine = service.engine();
            let view = engine.view(audience);
            let Ok(Reply::Quote(found)) = view.run(&quote) else {
                panic!("/quote failed");
            };
            match found.total {
                0 => {
                    seen_none += 1;
                    assert!(view.run(&cite).is_err(), "cited a reading the search lacks");
                }
                PARAGRAPHS => {
                    seen_all += 1;
                    assert!(view.run(&cite).is_ok(), "found but not citable");
                }
                half => panic!("{half} of {PARAGRAPHS} paragraphs searchable"),
            }
        }
    });
    eprintln!("snapshots seen: {seen_none} without the reading, {seen_all} with it");
    assert!(seen_none > 0 && seen_all > 0, "{seen_none} / {seen_all}");
}
