//! The HTTP endpoint's request handling under arbitrary input, in process: any headers, any
//! body, signed or not, get 200, 400, 401 or 413 — never a panic, never a server error.

mod common;

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::Request;
use citebot::discord::endpoint::{self, Endpoint, Settings};
use citebot::discord::gateway;
use citebot::discord::rest::Rest;
use citebot::secret::Secret;
use common::signing::{self, public_key_hex};
use proptest::prelude::*;
use serde_json::json;
use tower::ServiceExt;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn endpoint() -> &'static Endpoint {
    static ENDPOINT: OnceLock<Endpoint> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        let verifier = endpoint::verifier(&public_key_hex()).unwrap_or_else(|e| panic!("{e}"));
        // REST goes nowhere: these requests never need it to succeed.
        let http = gateway::http(&Secret::new("t"), Some("http://127.0.0.1:9"), Some(1));
        let endpoint = Endpoint::new(Settings {
            verifier,
            rest: Rest::new(Arc::new(http)),
            max_skew: std::time::Duration::from_secs(300),
            max_body: 64 * 1024,
        });
        endpoint.ready(
            citebot::service::Service::in_memory(&common::bundled_library(), Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        endpoint
    })
}

fn send(headers: Vec<(String, Vec<u8>)>, body: Vec<u8>) -> u16 {
    runtime().block_on(async {
        let mut request = Request::builder().method("POST").uri("/interactions");
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_slice());
        }
        let Ok(request) = request.body(Body::from(body)) else {
            return 0; // not a request http could even build: nothing to test
        };
        endpoint()
            .router()
            .oneshot(request)
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(500)
    })
}

fn signed(body: &[u8]) -> Vec<(String, Vec<u8>)> {
    signing::headers(body)
        .into_iter()
        .map(|(name, value)| (name.to_lowercase(), value.into_bytes()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn unsigned_or_badly_signed_requests_never_get_through(
        signature in prop_oneof![any::<String>(), "[0-9a-f]{128}"],
        timestamp in prop_oneof![any::<String>(), any::<u64>().prop_map(|t| t.to_string())],
        body in prop::collection::vec(any::<u8>(), 0..2048),
        extra in prop::collection::vec(("[a-z-]{1,20}", prop::collection::vec(any::<u8>(), 0..40)), 0..4),
    ) {
        let mut headers: Vec<(String, Vec<u8>)> = extra;
        headers.push(("x-signature-ed25519".into(), signature.into_bytes()));
        headers.push(("x-signature-timestamp".into(), timestamp.into_bytes()));
        let status = send(headers, body);
        prop_assert!(matches!(status, 0 | 401 | 413), "status {status}");
    }

    #[test]
    fn signed_bodies_of_any_shape_are_answered_or_refused(body in prop::collection::vec(any::<u8>(), 0..4096)) {
        let status = send(signed(&body), body);
        prop_assert!(matches!(status, 200 | 400), "status {status}");
    }

    #[test]
    fn signed_interactions_of_any_content_are_answered(
        kind in 0u8..8,
        name in any::<String>(),
        custom_id in any::<String>(),
        value in any::<String>(),
    ) {
        let body = json!({
            "id": "1", "type": kind, "token": "t", "application_id": "2", "channel_id": "3",
            "data": {"name": name, "custom_id": custom_id, "options": [{"name": "query", "value": value, "focused": true}]},
            "message": {"id": "4", "embeds": [{"author": {"name": value}}]}
        }).to_string().into_bytes();
        let status = send(signed(&body), body);
        prop_assert_eq!(status, 200);
    }

    #[test]
    fn library_interactions_of_any_shape_are_answered(
        sub in prop::sample::select(vec!["add", "remove", "list", "shared", "other"]),
        option in prop::sample::select(vec!["file", "url", "title", "author", "published", "doc", "show", "x"]),
        value in any::<String>(),
        kind in 0u8..12,
        permissions in prop::sample::select(vec!["0", "32", "8", "2251799813685247"]),
        attachment_id in any::<String>(),
        filename in any::<String>(),
        size in 0u64..20_000_000,
        content_type in any::<String>(),
    ) {
        // Well-typed as Discord sends it (a malformed body is a 400, tested above), with any
        // text where Discord puts text. Every URL is on loopback: nothing leaves the machine.
        let url = format!("http://127.0.0.1:9/{}", value.escape_default());
        let body = json!({
            "id": "1", "type": 2, "token": "t", "application_id": "2", "channel_id": "3",
            "guild_id": "77",
            "member": {"permissions": permissions, "user": {"id": "5", "username": value}},
            "data": {
                "name": "library", "type": 1,
                "options": [{"name": sub, "type": 1, "options": [
                    {"name": option, "type": kind, "value": if kind == 11 { json!(attachment_id) } else { json!(value) }}
                ]}],
                "resolved": {"attachments": {attachment_id.clone(): {
                    "id": attachment_id, "filename": filename, "size": size,
                    "url": url, "proxy_url": url, "content_type": content_type
                }}}
            }
        }).to_string().into_bytes();
        let status = send(signed(&body), body);
        prop_assert_eq!(status, 200);
    }
}
