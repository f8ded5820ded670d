//! The Discord renderer and interaction handling under hostile input: whatever the library holds
//! and whatever arrives, the answer fits Discord's limits (checked by the fake Discord's own
//! rules, written independently of the renderer) and nothing panics.

mod common;
mod fake_discord;

use std::sync::OnceLock;

use citebot::discord::custom_id::ButtonState;
use citebot::discord::interaction::{Reaction, react};
use citebot::discord::model::{CommandOption, Interaction, InteractionData, Member, kind};
use citebot::library::{Format, Library, parse_document};
use citebot::{Engine, Settings};
use fake_discord::{check_commands, check_message};
use proptest::prelude::*;
use serde_json::{Value, json};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(common::engine)
}

/// A document built to break limits: a 1,000-character title, 300 sections with 400-character
/// titles, a 20,000-character paragraph of one sentence, words longer than an embed title.
fn oversized() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut text = format!("---\ntitle: {}\nauthor: A. Writer\nurl: https://example.org/{}\n---\n\n", "Title ".repeat(170), "x".repeat(3000));
        text.push_str(&format!("{} nato.\n\n", "word ".repeat(4000)));
        text.push_str(&format!("{} nato.\n\n", "w".repeat(5000)));
        for s in 0..300 {
            text.push_str(&format!("## Section {s} {}\n\nNato paragraph {s} *with* _markdown_ <@{s}> and @everyone.\n\n", "long ".repeat(80)));
        }
        let doc = parse_document(std::path::Path::new("huge.md"), Format::Markdown, text.as_bytes(), None)
            .unwrap_or_else(|e| panic!("{e}"));
        Engine::in_memory(Library::new(vec![doc]), Settings::default()).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn response_ok(reaction: &Reaction) -> Result<(), TestCaseError> {
    let (kind, data) = match reaction {
        Reaction::Now(r) => (r.kind, serde_json::to_value(&r.data).unwrap_or(Value::Null)),
        Reaction::Pin { post, .. } => (0, serde_json::to_value(post).unwrap_or(Value::Null)),
        // Acknowledged at once; the answer comes from the service (tests/gateway.rs).
        Reaction::Change { .. } => (5, Value::Null),
    };
    match kind {
        8 => {
            let choices = data["choices"].as_array().cloned().unwrap_or_default();
            prop_assert!(choices.len() <= 25);
            for c in choices {
                prop_assert!(
                    (1..=100).contains(&c["name"].as_str().map_or(0, |s| s.encode_utf16().count()))
                );
                prop_assert!(c["value"].as_str().map_or(0, |s| s.encode_utf16().count()) <= 100);
            }
        }
        1 | 5 | 6 => {}
        _ => {
            let problems = check_message(&data);
            prop_assert!(problems.is_empty(), "{problems:?}");
            prop_assert_eq!(&data["allowed_mentions"], &json!({"parse": []}));
        }
    }
    Ok(())
}

fn command(name: &str, options: Vec<(String, Value)>, permissions: Option<u64>) -> Interaction {
    Interaction {
        id: "1".into(),
        kind: kind::APPLICATION_COMMAND,
        token: "t".into(),
        channel_id: Some("2".into()),
        member: permissions.map(|p| Member {
            permissions: Some(p.to_string()),
            user: None,
        }),
        data: Some(InteractionData {
            name: Some(name.into()),
            options: options
                .into_iter()
                .map(|(name, value)| CommandOption {
                    name,
                    value: Some(value),
                    ..CommandOption::default()
                })
                .collect(),
            custom_id: None,
            ..InteractionData::default()
        }),
        ..Interaction::default()
    }
}

#[test]
fn oversized_documents_still_fit() {
    let engine = oversized();
    let cases = vec![
        command("cite", vec![("paragraph".into(), json!(1))], None),
        command("cite", vec![("paragraph".into(), json!(2))], None),
        command(
            "quote",
            vec![("query".into(), json!("nato")), ("count".into(), json!(5))],
            None,
        ),
        command(
            "quote",
            vec![("query".into(), json!("word")), ("count".into(), json!(5))],
            None,
        ),
        command("summary", vec![("sentences".into(), json!(8))], None),
        command(
            "summary",
            vec![
                ("section".into(), json!("7")),
                ("sentences".into(), json!(8)),
            ],
            None,
        ),
        command("sections", vec![], None),
        command("help", vec![], None),
        command("pin", vec![("paragraph".into(), json!(1))], Some(1 << 51)),
        command(
            "summary",
            vec![("section".into(), json!("no such section"))],
            None,
        ),
    ];
    for interaction in cases {
        let reaction = react(engine, &interaction);
        response_ok(&reaction).unwrap_or_else(|e| panic!("{:?}: {e}", interaction.data));
    }
    let autocomplete = Interaction {
        kind: kind::AUTOCOMPLETE,
        data: Some(InteractionData {
            name: Some("summary".into()),
            options: vec![CommandOption {
                name: "section".into(),
                value: Some(json!("")),
                focused: true,
                ..CommandOption::default()
            }],
            custom_id: None,
            ..InteractionData::default()
        }),
        ..Interaction::default()
    };
    let reaction = react(engine, &autocomplete);
    response_ok(&reaction).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_registered_definitions_pass_discords_rules() {
    let definitions =
        serde_json::to_value(citebot::discord::definitions::definitions()).unwrap_or_default();
    assert_eq!(check_commands(&definitions), Vec::<String>::new());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_custom_id_is_read_or_refused(id in any::<String>(), tail in "[a-z0-9:~-]{0,40}") {
        let library = engine().library();
        let _ = ButtonState::decode(&id, library);
        let _ = ButtonState::decode(&format!("c1:{tail}"), library);
        let _ = ButtonState::decode(&format!("c1:page:{tail}"), library);
    }

    #[test]
    fn button_state_round_trips(page in 1usize..10_000, count in 1usize..=5, query in "[^\u{0}]{1,250}", with_doc in any::<bool>(), paragraph in 1usize..100_000) {
        let library = engine().library();
        let query = query.trim().to_string();
        prop_assume!(!query.is_empty());
        let doc = with_doc.then(|| "deterrence-or-detente".to_string());
        let state = ButtonState::Page { page, count, doc: doc.clone(), query: Some(query.clone()) };
        let encoded = state.encode();
        prop_assert!(encoded.encode_utf16().count() <= 100);
        match ButtonState::decode(&encoded, library) {
            Ok(ButtonState::Page { page: p, count: c, doc: d, query: q }) => {
                prop_assert_eq!((p, c, d), (page, count, doc));
                // Either the query travelled in the button, or it is to be read from the message.
                prop_assert!(q.is_none() || q == Some(query));
            }
            other => prop_assert!(false, "{other:?}"),
        }
        for state in [ButtonState::Full { paragraph, doc: "deterrence-or-detente".into() }, ButtonState::Pin { paragraph, doc: "deterrence-or-detente".into() }] {
            prop_assert_eq!(ButtonState::decode(&state.encode(), library), Ok(state));
        }
    }

    #[test]
    fn any_interaction_gets_an_answer_that_fits(
        kind in 0u8..7,
        name in prop_oneof![Just("quote".to_string()), Just("summary".to_string()), Just("cite".to_string()), Just("pin".to_string()), Just("sections".to_string()), Just("help".to_string()), Just("verify".to_string()), any::<String>()],
        options in prop::collection::vec((
            prop_oneof![Just("query".to_string()), Just("section".to_string()), Just("paragraph".to_string()), Just("doc".to_string()), Just("count".to_string()), Just("sentences".to_string()), Just("text".to_string()), any::<String>()],
            prop_oneof![any::<String>().prop_map(Value::from), any::<i64>().prop_map(Value::from), any::<f64>().prop_map(|f| json!(f)), Just(Value::Null), Just(json!([1, 2])), Just(json!(true))],
            any::<bool>(),
        ), 0..4),
        custom_id in prop_oneof![any::<String>(), Just("c1:page:2:3:-:nato".to_string()), Just("c1:page:9999:5:-:~".to_string()), Just("c1:pin:8:2e7d2c03".to_string()), Just("c1:full:29:2e7d2c03".to_string())],
        permissions in prop_oneof![Just(None), any::<u64>().prop_map(Some)],
        big in any::<bool>(),
    ) {
        let interaction = Interaction {
            id: "1".into(),
            kind,
            token: "t".into(),
            channel_id: Some("2".into()),
            member: permissions.map(|p| Member { permissions: Some(p.to_string()), user: None }),
            data: Some(InteractionData {
                name: Some(name),
                options: options.into_iter().map(|(name, value, focused)| CommandOption { name, value: Some(value), focused, ..CommandOption::default() }).collect(),
                custom_id: Some(custom_id),
                ..InteractionData::default()
            }),
            ..Interaction::default()
        };
        let engine = if big { oversized() } else { engine() };
        let reaction = react(engine, &interaction);
        response_ok(&reaction)?;
    }

    #[test]
    fn any_message_checked_from_its_menu_gets_an_answer_that_fits(
        content in prop_oneof![
            any::<String>(),
            "[a-zA-Z“”\"'«»> \n…\\[\\]<@0-9>🔥]{0,600}",
            Just("“nato ".repeat(800)),
            Just(format!("> {}", "Both Trump and Putin see NATO as a threat ".repeat(95))),
        ],
        name in prop_oneof![Just("Check quote".to_string()), any::<String>()],
        targeted in any::<bool>(),
        forwarded in any::<bool>(),
        big in any::<bool>(),
    ) {
        let message = if forwarded {
            json!({"id": "9", "content": "", "message_snapshots": [{"message": {"content": content}}]})
        } else {
            json!({"id": "9", "content": content})
        };
        let interaction = Interaction {
            id: "1".into(),
            kind: kind::APPLICATION_COMMAND,
            token: "t".into(),
            data: Some(InteractionData {
                name: Some(name),
                kind: Some(3),
                target_id: targeted.then(|| "9".to_string()),
                resolved: serde_json::from_value(json!({"messages": {"9": message}})).ok(),
                ..InteractionData::default()
            }),
            ..Interaction::default()
        };
        let engine = if big { oversized() } else { engine() };
        response_ok(&react(engine, &interaction))?;
    }

    #[test]
    fn any_json_payload_is_read_or_refused(payload in prop::collection::vec(any::<u8>(), 0..400), text in any::<String>()) {
        let _ = serde_json::from_slice::<Interaction>(&payload);
        let _ = serde_json::from_str::<Interaction>(&text);
        let _ = serde_json::from_value::<Interaction>(json!({"id": text, "type": 3, "data": {"custom_id": text}, "message": {"id": "1", "embeds": [{"author": {"name": text}}]}}));
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `/library` answers of any size fit Discord: a reading of hundreds of sections and long
    /// titles, a list of every reading a server may hold, anything the importer dropped.
    #[test]
    fn library_answers_of_any_size_fit(
        title in any::<String>(),
        sections in prop::collection::vec((any::<String>(), 1usize..5000), 0..400),
        dropped in prop::collection::vec((any::<String>(), 0usize..100_000), 0..30),
        entries in prop::collection::vec((any::<String>(), any::<String>(), any::<String>(), 0usize..20_000), 0..60),
        shared_hidden in any::<bool>(),
    ) {
        use citebot::commands::Reply;
        use citebot::commands::reply::{AddedReply, DroppedEntry, ListEntry, ListReply, RemovedReply, SectionEntry};
        let added = AddedReply {
            server: Some(7),
            doc: title.chars().take(60).collect(),
            title: title.clone(),
            author: Some(title.clone()),
            published: None,
            url: Some(format!("https://example.org/{title}")),
            sections: sections
                .iter()
                .enumerate()
                .map(|(i, (t, n))| SectionEntry { number: i + 1, title: t.clone(), first: *n, last: n + 3 })
                .collect(),
            paragraphs: sections.len() * 4,
            dropped: dropped.iter().map(|(what, count)| DroppedEntry { what: what.clone(), count: *count }).collect(),
        };
        let entry = |(doc, title, by, n): &(String, String, String, usize)| ListEntry {
            doc: doc.clone(),
            title: title.clone(),
            paragraphs: *n,
            added_by: Some(by.clone()),
            added_at: Some(1_700_000_000),
            source: Some(format!("https://example.org/{title}")),
        };
        let list = ListReply {
            server: Some(7),
            own: entries.iter().map(entry).collect(),
            shared: entries.iter().take(5).map(entry).collect(),
            shared_hidden,
            documents: entries.len(),
            max_documents: 50,
            paragraphs: entries.iter().map(|e| e.3).sum(),
            max_paragraphs: 20_000,
        };
        let removed = RemovedReply { server: Some(7), doc: title.clone(), title: title.clone() };
        for reply in [Reply::LibraryAdded(added), Reply::LibraryList(list), Reply::LibraryRemoved(removed)] {
            let message = citebot::discord::render::reply(&Ok(reply));
            let value = serde_json::to_value(&message).unwrap_or(Value::Null);
            let problems = check_message(&value);
            prop_assert!(problems.is_empty(), "{problems:?}");
            prop_assert_eq!(&value["allowed_mentions"], &json!({"parse": []}));
        }
    }
}
