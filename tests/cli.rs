//! The built binary, driven as a user or a script would: `ask`, `ask --json`, the console on a
//! pipe, `index`, and the start-up errors.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn citebot(library: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citebot"))
        .arg("--library")
        .arg(library)
        .args(args)
        // No .env or configuration of the developer's leaks in.
        .env_remove("DISCORD_TOKEN")
        .env_remove("RUST_LOG")
        .env("CITEBOT_CONFIG", "/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default().as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn ask_json_quote_has_the_documented_shape() {
    let dir = common::library_dir_with(&[]);
    let out = citebot(dir.path(), &["ask", "--json", "/quote nato count:2"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reply = json(&out);
    assert_eq!(reply["command"], "quote");
    assert_eq!(reply["query"], "nato");
    let hits = reply["hits"].as_array().unwrap_or_else(|| panic!("hits"));
    assert_eq!(hits.len(), 2);
    for hit in hits {
        for key in [
            "doc",
            "paragraph",
            "section",
            "excerpt",
            "text",
            "score",
            "citation",
        ] {
            assert!(!hit[key].is_null(), "hit lacks {key}");
        }
        assert_eq!(hit["doc"], "deterrence-or-detente");
        assert!(
            hit["citation"]["text"]
                .as_str()
                .is_some_and(|c| c.starts_with('¶'))
        );
    }
}

#[test]
fn ask_json_every_command() {
    let dir = common::library_dir_with(&[]);
    let summary = json(&citebot(
        dir.path(),
        &["ask", "--json", "/summary section:\"trump's new deal\""],
        None,
    ));
    assert_eq!(summary["command"], "summary");
    assert_eq!(summary["section"], "Trump’s New Deal");
    assert_eq!(summary["sentences"].as_array().map(Vec::len), Some(3));
    assert!(
        summary["sentences"][0]["paragraph"]
            .as_u64()
            .is_some_and(|p| (5..=14).contains(&p))
    );

    let whole = json(&citebot(dir.path(), &["ask", "--json", "/summary"], None));
    assert!(whole["section"].is_null());

    let cite = json(&citebot(
        dir.path(),
        &["ask", "--json", "/cite", "12"],
        None,
    ));
    assert_eq!(cite["command"], "cite");
    assert_eq!(cite["paragraph"], 12);
    assert_eq!(cite["section"], "Trump’s New Deal");
    assert!(
        cite["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Ultimately, Trump’s twist"))
    );

    let sections = json(&citebot(dir.path(), &["ask", "--json", "/sections"], None));
    assert_eq!(sections["sections"][0]["title"], "Introduction");
    assert_eq!(sections["sections"][0]["first"], 1);
    assert_eq!(sections["sections"][0]["last"], 4);
    assert_eq!(sections["sections"].as_array().map(Vec::len), Some(5));

    let nothing = citebot(dir.path(), &["ask", "--json", "/quote", "quantum"], None);
    assert!(
        nothing.status.success(),
        "no match is an answer, not an error"
    );
    assert_eq!(json(&nothing)["hits"], Value::Array(Vec::new()));
}

#[test]
fn errors_are_json_with_status_2() {
    let dir = common::library_dir_with(&[]);
    for line in [
        "/cite 99",
        "/frobnicate",
        "/summary zzz",
        "/quote nato count:9",
        "/cite x",
        "/quote nato doc:nope",
    ] {
        let out = citebot(dir.path(), &["ask", "--json", line], None);
        assert_eq!(out.status.code(), Some(2), "{line}");
        let error = json(&out);
        let message = error["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{line}: no error"));
        assert!(message.len() > 20, "{line}: {message}");
    }
    let out = citebot(dir.path(), &["ask", "--json", "/summary zzz"], None);
    assert!(
        json(&out)["error"]
            .as_str()
            .is_some_and(|m| m.contains("Trump’s New Deal")),
        "lists the sections"
    );
}

#[test]
fn the_console_answers_each_piped_line() {
    let dir = common::library_dir_with(&[]);
    let out = citebot(
        dir.path(),
        &[],
        Some("/quote hot peace\n\n/cite 12\n/nope\nsections\n"),
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("hot peace"));
    assert!(text.contains("¶12 · Trump’s New Deal"));
    assert!(text.contains("There is no command /nope"));
    assert!(text.contains("5. About Oleksandra Zadesenets"));
    assert!(
        !text.contains("\x1b["),
        "no ANSI codes when stdout is not a terminal"
    );
    assert!(
        !text.contains("> "),
        "no prompt when stdin is not a terminal"
    );

    let out = citebot(
        dir.path(),
        &["console", "--json"],
        Some("/cite 1\n/cite 2\n/cite 0\n"),
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["paragraph"], 2);
    assert!(lines[2]["error"].is_string());
}

#[test]
fn invalid_utf8_on_stdin_does_not_end_the_console() {
    let dir = common::library_dir_with(&[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_citebot"))
        .arg("--library")
        .arg(dir.path())
        .env("CITEBOT_CONFIG", "/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(b"/quote \xff\xfe nato\n/cite 3\n")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("¶3 · Introduction"));
}

#[test]
fn a_bad_document_is_skipped_with_its_path_and_line() {
    let dir = common::library_dir_with(&[(
        "broken.md",
        "---\ntitle: Broken\nthis line has no colon\n---\n\nText.\n",
    )]);
    let out = citebot(dir.path(), &["ask", "/cite 1"], None);
    assert!(out.status.success(), "the other documents still load");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.md:3:"), "{stderr}");
}

#[test]
fn several_documents() {
    let dir = common::library_dir_with(&[(
        "glaciers.md",
        "---\ntitle: On Glaciers\nauthor: Ann Ice\npublished: 2024-02-03\nurl: https://example.org/glaciers\n---\n\nGlaciers retreat as the climate warms.\n\n## Arctic\n\nNATO patrols the Arctic too.\n",
    )]);
    // /quote searches every document when none is named.
    let quote = json(&citebot(
        dir.path(),
        &["ask", "--json", "/quote nato count:5 page:3"],
        None,
    ));
    let docs: Vec<&str> = quote["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["doc"].as_str())
        .collect();
    assert!(!docs.is_empty());
    let all = json(&citebot(
        dir.path(),
        &["ask", "--json", "/quote arctic"],
        None,
    ));
    let docs: Vec<&str> = all["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["doc"].as_str())
        .collect();
    assert!(
        docs.contains(&"glaciers") && docs.contains(&"deterrence-or-detente"),
        "{docs:?}"
    );
    // …or one, named loosely.
    let one = json(&citebot(
        dir.path(),
        &["ask", "--json", "/quote arctic doc:glacier"],
        None,
    ));
    assert!(
        one["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|h| h["doc"] == "glaciers")
    );
    // The other commands ask which document.
    let out = citebot(dir.path(), &["ask", "--json", "/cite 1"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        json(&out)["error"]
            .as_str()
            .is_some_and(|e| e.contains("glaciers") && e.contains("deterrence-or-detente"))
    );
    let cite = json(&citebot(
        dir.path(),
        &["ask", "--json", "/cite 2 doc:glaciers"],
        None,
    ));
    assert_eq!(cite["section"], "Arctic");
    assert_eq!(
        cite["citation"]["text"],
        "¶2 · Arctic — Ann Ice, “On Glaciers”, 3 February 2024"
    );
}

#[test]
fn start_up_errors_are_one_line_with_status_2() {
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = citebot(empty.path(), &["ask", "/help"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no document"), "{stderr}");

    let out = citebot(Path::new("/nonexistent/library"), &["ask", "/help"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/library"));
}

#[test]
fn index_rebuilds_and_every_subcommand_has_help() {
    let dir = common::library_dir_with(&[]);
    let out = citebot(dir.path(), &["index"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Indexed 29 paragraphs"));
    for sub in [
        vec!["--help"],
        vec!["console", "--help"],
        vec!["ask", "--help"],
        vec!["index", "--help"],
    ] {
        let out = citebot(dir.path(), &sub, None);
        assert!(out.status.success(), "{sub:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{sub:?}"
        );
    }
}

/// `citebot add`, `list` and `remove` from the shell: a file is added to a server's library
/// and removed again; a link of another scheme is refused as a link, with status 2.
#[test]
fn add_list_and_remove_from_the_shell() {
    let library = common::library_dir_with(&[]);
    let page = library
        .path()
        .join("..")
        .join(format!("citebot-cli-{}.md", std::process::id()));
    std::fs::write(
        &page,
        "# Glaciers\n\nA paragraph about moraines, long enough to be prose.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let page_arg = page.to_string_lossy().to_string();

    let added = citebot(
        library.path(),
        &["add", &page_arg, "--server", "5", "--author", "Ann Ice"],
        None,
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let said = String::from_utf8_lossy(&added.stdout);
    assert!(
        said.contains("Added “Glaciers”") && said.contains("Ann Ice"),
        "{said}"
    );

    let listed = citebot(library.path(), &["list", "--server", "5", "--json"], None);
    let list = json(&listed);
    assert_eq!(list["own"][0]["doc"], "glaciers", "{list}");

    let refused = citebot(
        library.path(),
        &["add", "ftp://example.org/page", "--server", "5"],
        None,
    );
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stdout).to_string()
        + &String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("Only http:// and https://"), "{said}");

    let removed = citebot(
        library.path(),
        &["remove", "glaciers", "--server", "5"],
        None,
    );
    assert!(
        removed.status.success(),
        "{}",
        String::from_utf8_lossy(&removed.stderr)
    );
    let listed = citebot(library.path(), &["list", "--server", "5", "--json"], None);
    assert_eq!(json(&listed)["own"], serde_json::json!([]));
    let _ = std::fs::remove_file(&page);
}
