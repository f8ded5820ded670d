//! `/library` under hostile input: any source, title, author, date or id gets an answer or a
//! clear one-line refusal, never a panic; a refused add stores nothing, and an accepted one
//! reads back as it was reported. No test here reaches the network: every URL is refused
//! before any connection (a scheme other than http/https, a private address, or no URL at all).

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use citebot::commands::{CommandError, Reply};
use citebot::library::Audience;
use citebot::service::{Options, Service};
use proptest::prelude::*;

const SERVER: u64 = 7;

struct Fixture {
    /// Held for each case: the cases share one library and compare its files.
    turn: Mutex<()>,
    service: Arc<Service>,
    dir: PathBuf,
    page: PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        // Kept for the whole run: the service watches nothing, but answers from this folder.
        let library = Box::leak(Box::new(common::library_dir_with(&[])));
        let page = library.path().join("..").join(format!(
            "citebot-props-page-{}.md",
            std::process::id()
        ));
        std::fs::write(
            &page,
            "# Glaciers\n\nA paragraph about glaciers and moraines, long enough to be prose.\n\nAnother about eskers and drumlins, also long enough.\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let service = Service::open(library.path(), Options::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .service;
        Fixture {
            turn: Mutex::new(()),
            service,
            dir: library.path().to_path_buf(),
            page,
        }
    })
}

/// The files of the server's folder, sorted: what an add may change.
fn stored(dir: &Path) -> Vec<String> {
    let folder = dir.join("servers").join(SERVER.to_string());
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n != ".server.toml")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn assert_clear(error: &CommandError) {
    let message = error.to_string();
    assert!(message.trim().len() > 10, "unclear: {message:?}");
    assert!(message.len() < 2000, "too long: {} bytes", message.len());
    assert!(
        !matches!(error, CommandError::Internal(_)),
        "an internal error for bad input: {message}"
    );
}

/// A console value: quoted, with its own quotes and backslashes escaped away.
fn quoted(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .filter(|c| *c != '"' && *c != '\\' && !c.is_control())
        .collect();
    format!("\"{cleaned}\"")
}

fn turn() -> MutexGuard<'static, ()> {
    fixture().turn.lock().unwrap_or_else(|e| e.into_inner())
}

fn run(line: &str) -> Result<Option<Reply>, CommandError> {
    fixture()
        .service
        .answer_local(line, Audience::server(SERVER))
}

/// Text that breaks naive code: controls, right-to-left marks, quotes, TOML and Markdown syntax.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("\u{202E}".to_string()),
        Just("'''".to_string()),
        Just("\"\"\"".to_string()),
        Just("]\n[x]\ny = 1\n".to_string()),
        Just("---\n".to_string()),
        Just("# ".to_string()),
        Just("../".to_string()),
        Just("\\".to_string()),
        Just(":".to_string()),
        Just("2024-02-30".to_string()),
        Just("glaciers".to_string()),
        Just(" ".to_string()),
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

/// URLs that must be refused without a connection, and text that is no URL.
fn refused_url() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile().prop_filter("no scheme", |s| !s.contains("://")),
        hostile().prop_map(|p| format!("http://127.0.0.1/{p}")),
        hostile().prop_map(|p| format!("https://10.1.2.3:8443/{p}")),
        hostile().prop_map(|p| format!("http://169.254.169.254/{p}")),
        hostile().prop_map(|p| format!("http://[::1]/{p}")),
        hostile().prop_map(|p| format!("ftp://example.org/{p}")),
        hostile().prop_map(|p| format!("file:///etc/{p}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_file_or_url_is_refused_clearly_and_stores_nothing(
        path in hostile(),
        url in refused_url(),
    ) {
        let _turn = turn();
        let before = stored(&fixture().dir);
        for line in [
            format!("/library add file:{}", quoted(&path)),
            format!("/library add url:{}", quoted(&url)),
            format!("/library add {path}"),
        ] {
            match run(&line) {
                Ok(Some(Reply::LibraryAdded(added))) => {
                    panic!("{line:?} added {}", added.doc)
                }
                Ok(_) => {}
                Err(e) => assert_clear(&e),
            }
            prop_assert_eq!(&stored(&fixture().dir), &before, "{} stored something", line);
        }
    }

    #[test]
    fn any_title_author_or_date_is_taken_or_refused_and_reads_back(
        title in hostile(),
        author in hostile(),
        published in hostile(),
    ) {
        let _turn = turn();
        let before = stored(&fixture().dir);
        let line = format!(
            "/library add file:{} title:{} author:{} published:{}",
            quoted(&fixture().page.to_string_lossy()),
            quoted(&title),
            quoted(&author),
            quoted(&published),
        );
        match run(&line) {
            Ok(Some(Reply::LibraryAdded(added))) => {
                // What the reply promised is what the library now holds.
                let engine = fixture().service.engine();
                let view = engine.view(Audience::server(SERVER));
                let doc = view
                    .library()
                    .get(&added.doc)
                    .unwrap_or_else(|| panic!("{} reported added but not there", added.doc));
                prop_assert_eq!(&doc.meta.title, &added.title);
                prop_assert_eq!(&doc.meta.author, &added.author);
                prop_assert_eq!(doc.meta.published, added.published);
                prop_assert!(!added.doc.is_empty() && !added.doc.contains('/'));
                let removed = run(&format!("/library remove {}", added.doc));
                prop_assert!(matches!(removed, Ok(Some(Reply::LibraryRemoved(_)))), "{:?}", removed);
                prop_assert_eq!(&stored(&fixture().dir), &before);
            }
            Ok(other) => panic!("not an add: {other:?}"),
            Err(e) => {
                assert_clear(&e);
                prop_assert_eq!(&stored(&fixture().dir), &before);
            }
        }
    }

    #[test]
    fn any_id_to_remove_or_shared_setting_is_answered(id in hostile(), show in hostile()) {
        let _turn = turn();
        let before = stored(&fixture().dir);
        for line in [
            format!("/library remove {}", quoted(&id)),
            format!("/library remove doc:{id}"),
            format!("/library shared show:{}", quoted(&show)),
            format!("/library list {id}"),
            format!("/library {id}"),
        ] {
            if let Err(e) = run(&line) {
                assert_clear(&e);
            }
        }
        prop_assert_eq!(&stored(&fixture().dir), &before);
        // Whatever was typed, the server's readings and the shared ones are still answered.
        let listed = run("/library list");
        prop_assert!(matches!(listed, Ok(Some(Reply::LibraryList(_)))), "{:?}", listed);
        let _ = run("/library shared show:true");
    }
}
