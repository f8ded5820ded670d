//! A server's readings are its own. With one reading in server A and another in server B, and
//! the host's article shared: every way in (answers, summaries, citations, sections, quote
//! checks, autocomplete, suggestions for a misspelling, buttons) shows A's reading in A only.
//! Direct messages see the host's article alone, and a server that hides the shared readings
//! sees only its own.

mod common;

use std::sync::Arc;

use citebot::discord::interaction::{Reaction, react};
use citebot::discord::model::Interaction;
use citebot::library::Audience;
use citebot::service::{Options, Service};
use citebot::{Engine, commands::Reply};
use serde_json::{Value, json};

const A: u64 = 111_111_111_111_111_111;
const B: u64 = 222_222_222_222_222_222;

const GLACIERS: &str = "---\ntitle: Moraines and Drumlins\nauthor: Ann Ice\n---\n\n\
A moraine is the ridge of debris that a retreating glacier leaves behind, and geologists read it like a diary.\n\n\
## Drumlins\n\n\
Drumlins are smooth hills shaped under moving ice, and their long axis points the way the glacier flowed.\n";

const VOLCANOES: &str = "---\ntitle: Calderas\nauthor: Vic Ash\n---\n\n\
A caldera forms when a volcano empties its magma chamber and the summit collapses into the void.\n";

fn service() -> (tempfile::TempDir, Arc<Service>) {
    let library = common::library_dir_with(&[]);
    for (server, name, text) in [(A, "glaciers.md", GLACIERS), (B, "volcanoes.md", VOLCANOES)] {
        let folder = library.path().join("servers").join(server.to_string());
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(folder.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let service = Service::open(library.path(), Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .service;
    (library, service)
}

fn ask(service: &Arc<Service>, audience: Audience, line: &str) -> String {
    let outcome = service
        .answer_local(line, audience)
        .map(|r| r.unwrap_or_else(|| panic!("no answer to {line}")));
    citebot::render::terminal::render(&outcome, citebot::render::terminal::Style { ansi: false })
}

fn passages(service: &Arc<Service>, audience: Audience, query: &str) -> usize {
    match service.answer_local(&format!("/quote {query}"), audience) {
        Ok(Some(Reply::Quote(q))) => q.hits.len(),
        other => panic!("/quote {query}: {other:?}"),
    }
}

fn interaction(guild: Option<u64>, value: Value) -> Interaction {
    let mut i = json!({
        "id": "1", "application_id": "2", "token": "t", "channel_id": "3",
        // A member who may pin (bit 51): what refuses a button here is the server, not rights.
        "member": {"permissions": "2251799813685248", "user": {"id": "5", "username": "member"}}
    });
    if let Some(g) = guild {
        i["guild_id"] = json!(g.to_string());
    } else {
        i["user"] = json!({"id": "5", "username": "member"});
        i["member"] = Value::Null;
    }
    for (k, v) in value.as_object().into_iter().flatten() {
        i[k] = v.clone();
    }
    serde_json::from_value(i).unwrap_or_else(|e| panic!("{e}"))
}

/// What a user would see of a reaction: its JSON, whatever its kind.
fn shown(reaction: &Reaction) -> Value {
    match reaction {
        Reaction::Now(r) => serde_json::to_value(r).unwrap_or(Value::Null),
        Reaction::Pin { post, .. } => serde_json::to_value(post).unwrap_or(Value::Null),
        Reaction::Change { .. } => Value::Null,
    }
}

fn react_in(engine: &Engine, guild: Option<u64>, value: Value) -> Value {
    shown(&react(engine, &interaction(guild, value)))
}

#[test]
fn answers_summaries_citations_and_checks_stay_in_their_server() {
    let (_library, service) = service();
    let (a, b, dm) = (
        Audience::server(A),
        Audience::server(B),
        Audience::default(),
    );

    assert_eq!(passages(&service, a, "moraine"), 1);
    assert_eq!(passages(&service, b, "moraine"), 0);
    assert_eq!(passages(&service, dm, "moraine"), 0);
    assert_eq!(passages(&service, b, "caldera"), 1);
    assert_eq!(passages(&service, a, "caldera"), 0);
    // The host's article is shared: everywhere, direct messages included.
    for audience in [a, b, dm] {
        assert!(passages(&service, audience, "nato") > 0);
    }

    // By name, in every command: found in A, unknown in B, and B learns nothing of it.
    for line in [
        "/summary doc:glaciers",
        "/cite 1 doc:glaciers",
        "/sections doc:glaciers",
        "/quote moraine doc:glaciers",
        "/summary doc:moraines",
    ] {
        let here = ask(&service, a, line);
        assert!(
            here.contains("Moraines and Drumlins"),
            "{line} in A: {here}"
        );
        for elsewhere in [b, dm] {
            let there = ask(&service, elsewhere, line);
            assert!(
                !there.contains("Moraines and Drumlins") && !there.contains("moraine is the ridge"),
                "{line} outside A: {there}"
            );
        }
    }

    // A misspelling is not corrected to another server's word.
    let typo = ask(&service, b, "/quote morraine");
    assert!(!typo.to_lowercase().contains("moraine"), "{typo}");
    let typo = ask(&service, a, "/quote morraine");
    assert!(typo.contains("moraine"), "{typo}");

    // A quote of A's reading is verbatim in A and found nowhere else.
    let quote = "/verify \"Drumlins are smooth hills shaped under moving ice\"";
    assert!(ask(&service, a, quote).to_lowercase().contains("verbatim"));
    let there = ask(&service, b, quote);
    assert!(!there.to_lowercase().contains("verbatim"), "{there}");
    assert!(!there.contains("Moraines and Drumlins"), "{there}");
}

#[test]
fn autocomplete_and_buttons_stay_in_their_server() {
    let (_library, service) = service();
    let engine = service.engine();

    // `doc` autocomplete: A's reading offered in A only.
    let typing = |guild: Option<u64>| {
        react_in(
            &engine,
            guild,
            json!({"type": 4, "data": {"name": "summary", "type": 1,
                "options": [{"name": "doc", "type": 3, "value": "", "focused": true}]}}),
        )
        .to_string()
    };
    assert!(typing(Some(A)).contains("glaciers"), "{}", typing(Some(A)));
    assert!(!typing(Some(B)).contains("glaciers"), "{}", typing(Some(B)));
    assert!(!typing(None).contains("glaciers"), "{}", typing(None));
    assert!(typing(None).contains("deterrence-or-detente"));

    // A button made in A, for A's reading, clicked in B (a copied message, a forged id):
    // refused, and nothing of the reading shown.
    let answer = react_in(
        &engine,
        Some(A),
        json!({"type": 2, "data": {"name": "quote", "type": 1, "options": [
            {"name": "query", "type": 3, "value": "glacier"},
            {"name": "doc", "type": 3, "value": "glaciers"},
            {"name": "count", "type": 4, "value": 1}
        ]}}),
    );
    let message = &answer["data"];
    let ids: Vec<String> = message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect();
    assert!(ids.len() >= 2, "buttons on {answer}");
    for id in &ids {
        let click = json!({"type": 3, "data": {"custom_id": id, "component_type": 2},
            "message": {"id": "9", "channel_id": "3", "content": message["content"], "embeds": message["embeds"]}});
        let in_a = react_in(&engine, Some(A), click.clone());
        assert!(
            in_a.to_string().contains("Moraines and Drumlins") || in_a["type"] == 7,
            "{id} in A: {in_a}"
        );
        let in_b = react_in(&engine, Some(B), click);
        assert_eq!(in_b["type"], 4, "{id} in B: {in_b}");
        assert_eq!(in_b["data"]["flags"], 64, "{id} in B: {in_b}");
        let said = in_b.to_string();
        assert!(
            !said.contains("Moraines and Drumlins") && !said.contains("glacier flowed"),
            "{id} in B: {said}"
        );
    }
}

#[test]
fn a_server_may_hide_the_shared_readings() {
    let (_library, service) = service();
    let (a, b) = (Audience::server(A), Audience::server(B));
    let hidden = ask(&service, a, "/library shared show:false");
    assert!(!hidden.is_empty());
    assert_eq!(passages(&service, a, "nato"), 0);
    assert_eq!(passages(&service, a, "moraine"), 1, "its own readings stay");
    assert!(
        passages(&service, b, "nato") > 0,
        "other servers are unaffected"
    );
    assert!(passages(&service, Audience::default(), "nato") > 0);
    let list = ask(&service, a, "/library list");
    assert!(list.contains("glaciers"), "{list}");

    ask(&service, a, "/library shared show:true");
    assert!(passages(&service, a, "nato") > 0);
}
