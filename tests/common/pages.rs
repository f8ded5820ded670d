//! A web server on loopback for fetch tests: articles, a page in another charset, and every
//! shape of bad answer a fetch must refuse (too big, wrong type, too slow, too many redirects,
//! redirects to private addresses).

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The test host name that `fetch.test_hosts` maps to loopback.
pub const HOST: &str = "pages.test";

/// A running page server; its address is loopback.
pub struct Pages {
    pub addr: SocketAddr,
}

impl Pages {
    /// `http://pages.test:<port><path>`, the form fetches use.
    pub fn url(&self, path: &str) -> String {
        format!("http://{HOST}:{}{path}", self.addr.port())
    }
}

fn page(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pages")
        .join(name);
    std::fs::read(path).unwrap_or_else(|e| panic!("{e}"))
}

fn typed(content_type: &str, body: impl Into<Body>) -> Response {
    (
        [(header::CONTENT_TYPE, content_type.to_string())],
        body.into(),
    )
        .into_response()
}

fn redirect(to: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

pub const BIG: usize = 6 * 1024 * 1024;

/// Starts the server in the current tokio runtime.
pub async fn start() -> Pages {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let port = addr.port();
    let app = Router::new()
        .route(
            "/article.html",
            get(|| async { typed("text/html; charset=utf-8", page("v8-blog.html")) }),
        )
        .route(
            "/notes.md",
            get(|| async {
                typed(
                    "text/markdown",
                    "---\ntitle: Reading Notes\nauthor: A. Student\n---\n\nGlaciers carve valleys over millennia, and moraines mark where they stopped.\n\n## Second part\n\nA second paragraph about crevasses in the ice.\n",
                )
            }),
        )
        .route(
            "/latin1.txt",
            get(|| async {
                typed(
                    "text/plain; charset=windows-1252",
                    b"Caf\xe9 society argued about d\xe9tente late into the night.\n".to_vec(),
                )
            }),
        )
        .route("/image.png", get(|| async { typed("image/png", vec![0x89u8, b'P', b'N', b'G']) }))
        .route("/untyped", get(|| async { Response::new(Body::from("no type")) }))
        .route(
            "/big.txt",
            get(|| async { typed("text/plain", vec![b'a'; BIG]) }),
        )
        .route(
            "/big-chunked.txt",
            get(|| async {
                let chunks = (0..BIG / 65536 + 1).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 65536]));
                typed(
                    "text/plain",
                    Body::from_stream(futures_util::stream::iter(chunks)),
                )
            }),
        )
        .route(
            "/slow.html",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                typed("text/html", "<p>late</p>")
            }),
        )
        .route("/missing.html", get(|| async { StatusCode::NOT_FOUND.into_response() }))
        .route(
            "/redirect/{n}",
            get(|State(port): State<u16>, UrlPath(n): UrlPath<u32>| async move {
                if n == 0 {
                    redirect(format!("http://{HOST}:{port}/article.html"))
                } else {
                    redirect(format!("/redirect/{}", n - 1))
                }
            }),
        )
        .route(
            "/to-loopback",
            get(|State(port): State<u16>| async move {
                redirect(format!("http://127.0.0.1:{port}/article.html"))
            }),
        )
        .route(
            "/to-localhost",
            get(|State(port): State<u16>| async move {
                redirect(format!("http://localhost:{port}/article.html"))
            }),
        )
        .route(
            "/to-metadata",
            get(|| async { redirect("http://169.254.169.254/latest/meta-data/".to_string()) }),
        )
        .with_state(port);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Pages { addr }
}
