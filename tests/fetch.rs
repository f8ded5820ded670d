//! Fetching on a member's behalf reaches the public web only, within its limits. Pages come
//! from a loopback server that `pages.test` resolves to (the test-only host map); every other
//! way to a private address is refused before anything is sent.

mod common;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use citebot::fetch::{FetchError, Fetcher, Limits};
use common::pages::{self, HOST};

fn fetcher(timeout: Duration) -> Fetcher {
    Fetcher::new(Limits {
        timeout,
        test_hosts: BTreeMap::from([(HOST.to_string(), IpAddr::V4(Ipv4Addr::LOCALHOST))]),
        ..Limits::default()
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_are_fetched_with_their_type_and_charset() {
    let pages = pages::start().await;
    let f = fetcher(Duration::from_secs(10));
    let page = f
        .get(&pages.url("/article.html"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.media_type, "text/html");
    assert_eq!(page.charset.as_deref(), Some("utf-8"));
    assert!(page.bytes.len() > 10_000);
    let latin = f
        .get(&pages.url("/latin1.txt"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(latin.charset.as_deref(), Some("windows-1252"));
    // Five redirects are followed; the final address is reported.
    let moved = f
        .get(&pages.url("/redirect/4"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(moved.url, pages.url("/article.html"));
}

#[tokio::test(flavor = "multi_thread")]
async fn every_way_to_a_private_address_is_refused() {
    let pages = pages::start().await;
    let f = fetcher(Duration::from_secs(10));
    let port = pages.addr.port();
    let private = |r: Result<_, FetchError>| matches!(r, Err(FetchError::Private { .. }));
    for url in [
        format!("http://127.0.0.1:{port}/article.html"),
        format!("http://localhost:{port}/article.html"),
        format!("http://[::1]:{port}/article.html"),
        "http://10.0.0.1/".to_string(),
        "http://192.168.1.1/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://[fd00:ec2::254]/".to_string(),
        "http://0.0.0.0/".to_string(),
    ] {
        let started = Instant::now();
        let result = f.get(&url).await;
        assert!(private(result.clone()), "{url}: {result:?}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{url} was tried"
        );
    }
    // Redirects are checked as they come.
    for path in ["/to-loopback", "/to-localhost", "/to-metadata"] {
        let result = f.get(&pages.url(path)).await;
        assert!(private(result.clone()), "{path}: {result:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn limits_refuse_with_a_reason() {
    let pages = pages::start().await;
    let f = fetcher(Duration::from_secs(2));
    let refused = |r: &Result<_, FetchError>| r.as_ref().err().map(ToString::to_string);
    assert!(matches!(
        f.get("ftp://example.org/a.txt").await,
        Err(FetchError::Scheme(s)) if s == "ftp"
    ));
    assert!(matches!(
        f.get("not a url").await,
        Err(FetchError::BadUrl(_))
    ));
    assert!(matches!(
        f.get(&pages.url("/redirect/5")).await,
        Err(FetchError::TooManyRedirects(5))
    ));
    assert!(matches!(
        f.get(&pages.url("/big.txt")).await,
        Err(FetchError::TooLarge(_))
    ));
    assert!(matches!(
        f.get(&pages.url("/big-chunked.txt")).await,
        Err(FetchError::TooLarge(_))
    ));
    assert!(matches!(
        f.get(&pages.url("/image.png")).await,
        Err(FetchError::Type(t)) if t == "image/png"
    ));
    assert!(matches!(
        f.get(&pages.url("/untyped")).await,
        Err(FetchError::Type(_))
    ));
    assert!(matches!(
        f.get(&pages.url("/missing.html")).await,
        Err(FetchError::Status(404))
    ));
    let started = Instant::now();
    let slow = f.get(&pages.url("/slow.html")).await;
    assert!(matches!(slow, Err(FetchError::Timeout(_))), "{slow:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
    // Every refusal is one line a member can read.
    let message = refused(&f.get(&pages.url("/big.txt")).await).unwrap_or_default();
    assert!(
        message.contains("MiB") && !message.contains('\n'),
        "{message}"
    );
}
