//! An add killed at any moment (SIGKILL) leaves the library as it was or with the reading
//! complete: on the next start, the reading is either absent or there whole, in the answers
//! as in the files.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A page big enough that adding it takes a while: `PARAGRAPHS` paragraphs, each holding the
/// word "zeppelin" once.
const PARAGRAPHS: usize = 4_000;

fn big_page(path: &Path) {
    let mut html = String::from(
        "<html><head><title>The Long Read</title></head><body><article><h1>The Long Read</h1>",
    );
    for i in 0..PARAGRAPHS {
        html.push_str(&format!(
            "<p>Paragraph {i} tells of the zeppelin that crossed the ocean in the year {}, carrying letters, scientists and a great deal of hope for the future of flight.</p>",
            1900 + i % 100
        ));
    }
    html.push_str("</article></body></html>");
    std::fs::write(path, html).unwrap_or_else(|e| panic!("{e}"));
}

fn citebot(library: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_citebot"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env("CITEBOT_CONFIG", "/dev/null")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_add_killed_at_any_moment_leaves_the_library_whole() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = work.path().join("long-read.html");
    big_page(&page);
    let (mut absent, mut whole) = (0, 0);
    for delay in [0u64, 20, 60, 120, 250, 400, 600, 900, 1300, 2000] {
        let library = common::library_dir_with(&[]);
        // The index exists before the add, as on a running bot.
        assert!(citebot(library.path(), &["index"]).status.success());
        let mut child = Command::new(env!("CARGO_BIN_EXE_citebot"))
            .arg("--library")
            .arg(library.path())
            .args(["add", &page.to_string_lossy(), "--server", "42"])
            .env("CITEBOT_CONFIG", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();

        // The next start: the reading is absent or whole, in the reading list and the index.
        let listed = citebot(library.path(), &["list", "--server", "42", "--json"]);
        assert!(
            listed.status.success(),
            "{}",
            String::from_utf8_lossy(&listed.stderr)
        );
        let list: serde_json::Value =
            serde_json::from_slice(&listed.stdout).unwrap_or_else(|e| panic!("{e}"));
        let own = list["own"].as_array().cloned().unwrap_or_default();
        let found = citebot(
            library.path(),
            &["ask", "--server", "42", "--json", "/quote zeppelin"],
        );
        let found: serde_json::Value =
            serde_json::from_slice(&found.stdout).unwrap_or_else(|e| panic!("{e}"));
        match own.as_slice() {
            [] => {
                absent += 1;
                assert_eq!(
                    found["total"], 0,
                    "after {delay} ms: indexed but not listed"
                );
            }
            [reading] => {
                whole += 1;
                assert_eq!(
                    reading["paragraphs"], PARAGRAPHS,
                    "after {delay} ms: {reading}"
                );
                assert_eq!(found["total"], PARAGRAPHS, "after {delay} ms");
            }
            more => panic!("after {delay} ms: {more:?}"),
        }
        // The bundled article is answered as before.
        let nato = citebot(library.path(), &["ask", "--json", "/quote nato"]);
        let nato: serde_json::Value =
            serde_json::from_slice(&nato.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert!(nato["total"].as_u64().is_some_and(|t| t > 0));
    }
    eprintln!("killed adds: {absent} left no reading, {whole} left it whole");
    assert!(absent > 0, "no kill landed before the reading was written");
}
