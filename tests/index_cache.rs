//! The index cache under `<library>/.tantivy/`: reused while the documents are unchanged,
//! rebuilt when they change or when the cache is damaged, and never left broken by a build
//! that was killed halfway.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use citebot::library::load_dir;
use citebot::search::{CACHE_DIR, Provenance, SearchIndex};

fn open(dir: &Path) -> SearchIndex {
    let library = load_dir(dir).unwrap_or_else(|e| panic!("{e}")).library;
    SearchIndex::open(&library, dir, false).unwrap_or_else(|e| panic!("{e}"))
}

fn entries(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir.join(CACHE_DIR))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn reused_while_unchanged_and_updated_one_document_at_a_time() {
    let dir = common::library_dir_with(&[]);
    assert!(matches!(
        open(dir.path()).provenance(),
        Provenance::Built(_)
    ));
    let Provenance::Reused(first) = open(dir.path()).provenance().clone() else {
        panic!("second start did not reuse the index");
    };

    std::fs::write(
        dir.path().join("extra.md"),
        "# Extra\n\nA new paragraph about glaciers.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let index = open(dir.path());
    let Provenance::Updated {
        dir: second,
        indexed,
        removed,
    } = index.provenance().clone()
    else {
        panic!(
            "a changed library was not updated: {:?}",
            index.provenance()
        );
    };
    assert_eq!(first, second, "the same index, brought up to date");
    assert_eq!(
        (indexed, removed),
        (1, 0),
        "only the new document was indexed"
    );
    assert_eq!(index.len(), 30);

    std::fs::remove_file(dir.path().join("extra.md")).unwrap_or_else(|e| panic!("{e}"));
    let index = open(dir.path());
    assert!(matches!(
        index.provenance(),
        Provenance::Updated {
            indexed: 0,
            removed: 1,
            ..
        }
    ));
    assert_eq!(index.len(), 29);
    assert_eq!(entries(dir.path(), "index-").len(), 1);
}

#[test]
fn a_damaged_index_is_rebuilt() {
    let dir = common::library_dir_with(&[]);
    let Provenance::Built(path) = open(dir.path()).provenance().clone() else {
        panic!("first start did not build");
    };
    std::fs::write(path.join("meta.json"), b"{ not json").unwrap_or_else(|e| panic!("{e}"));
    let index = open(dir.path());
    assert!(matches!(index.provenance(), Provenance::Built(_)));
    assert_eq!(index.len(), 29);
}

#[test]
fn folders_of_older_versions_are_swept() {
    let dir = common::library_dir_with(&[]);
    // What earlier versions left: an index per library fingerprint, and a dead build.
    for old in ["tmp-4000000000-1", "index-0123456789abcdef"] {
        let path = dir.path().join(CACHE_DIR).join(old);
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path.join("meta.json"), b"{\"half\": ").unwrap_or_else(|e| panic!("{e}"));
    }
    let index = open(dir.path());
    assert_eq!(index.len(), 29);
    assert!(
        entries(dir.path(), "tmp-").is_empty(),
        "dead build folder not swept"
    );
    assert_eq!(
        entries(dir.path(), "index-"),
        vec![format!("index-v3.{}", citebot::analysis::ANALYZER_VERSION)]
    );
}

/// Starts `citebot index` on a library big enough to take a while, kills it (SIGKILL) while it
/// indexes, then checks the next start completes the index and answers.
#[test]
fn an_index_killed_mid_build_is_completed_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    common::synth::write_library(dir.path(), 20, 1000, 7);
    let bin = env!("CARGO_BIN_EXE_citebot");

    let mut child = Command::new(bin)
        .args(["--library"])
        .arg(dir.path())
        .arg("index")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let deadline = Instant::now() + Duration::from_secs(120);
    while entries(dir.path(), "index-").is_empty() {
        assert!(Instant::now() < deadline, "the index folder never appeared");
        if let Ok(Some(status)) = child.try_wait() {
            panic!("citebot index finished ({status}) before it could be killed");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // Into the build: the documents are read and being indexed.
    std::thread::sleep(Duration::from_millis(300));
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    child.kill().unwrap_or_else(|e| panic!("{e}"));
    let _ = child.wait();
    assert!(!finished, "the build finished before the kill");

    let output = Command::new(bin)
        .arg("--library")
        .arg(dir.path())
        .args(["ask", "--json", "/quote hot peace doc:generated-0003"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let reply: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(reply["total"].as_u64().is_some_and(|t| t > 0));
    let index = open(dir.path());
    assert!(matches!(index.provenance(), Provenance::Reused(_)));
    assert_eq!(index.len(), 20_000, "every paragraph indexed once");
}
