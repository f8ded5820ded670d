//! Fetching a page or an upload on a member's behalf: a request a stranger makes our server
//! send, so it may only reach the public web.
//!
//! Only `http` and `https`. Every host is resolved here first, and a loopback, private,
//! link-local, unique-local, shared or cloud-metadata address refuses the fetch; the request
//! then connects to exactly the address that was checked (no second lookup to rebind). Each
//! redirect is checked the same way, at most [`Limits::max_redirects`] of them. The whole fetch
//! has one deadline, the body a size cap past which nothing is read, and only HTML, plain text
//! and Markdown are accepted.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::Url;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION};

/// What a fetch may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub max_redirects: usize,
    /// Tests only: names resolved to fixed addresses, which are then allowed even if private.
    pub test_hosts: BTreeMap<String, IpAddr>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            max_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
            test_hosts: BTreeMap::new(),
        }
    }
}

/// A fetched body and what the server said it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The media type, lowercased, without parameters: `text/html`.
    pub media_type: String,
    /// The `charset` parameter, when given.
    pub charset: Option<String>,
    /// Where the body came from, after redirects.
    pub url: String,
}

/// Why a fetch was refused: each says, in one line, what the member can do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("“{0}” is not a web address: give a full http:// or https:// link")]
    BadUrl(String),
    #[error("only http:// and https:// links can be fetched, not {0}:")]
    Scheme(String),
    #[error(
        "{host} leads to a private or local address ({addr}); citebot only fetches pages on the public web"
    )]
    Private { host: String, addr: IpAddr },
    #[error("cannot find {0}: check the link")]
    Unresolved(String),
    #[error("more than {0} redirects: give the page's final address")]
    TooManyRedirects(usize),
    #[error("the page did not answer within {} seconds", .0.as_secs())]
    Timeout(Duration),
    #[error("larger than {} MiB: save the article's text as a smaller file", .0 / (1024 * 1024))]
    TooLarge(usize),
    #[error(
        "that is {0}, not a web page or text: citebot imports HTML, plain text (.txt) and Markdown (.md)"
    )]
    Type(String),
    #[error("the site answered {0}: check that the page is public")]
    Status(u16),
    #[error("the page could not be fetched ({0})")]
    Network(String),
}

/// Media types citebot imports.
const ACCEPTED: &[&str] = &[
    "text/html",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
];

/// Whether citebot imports this media type (lowercase, without parameters).
pub fn is_accepted(media_type: &str) -> bool {
    ACCEPTED.contains(&media_type)
}

pub struct Fetcher {
    limits: Limits,
}

impl Fetcher {
    pub fn new(limits: Limits) -> Fetcher {
        Fetcher { limits }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Fetches `url`, following redirects, within the limits; only a page or text.
    pub async fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        self.fetch(url, true).await
    }

    /// Fetches an uploaded file whose type its uploader declared (file hosts often serve
    /// everything as bytes): the caller judges the type.
    pub async fn get_file(&self, url: &str) -> Result<Fetched, FetchError> {
        self.fetch(url, false).await
    }

    async fn fetch(&self, url: &str, check_type: bool) -> Result<Fetched, FetchError> {
        let timeout = self.limits.timeout;
        match tokio::time::timeout(timeout, self.follow(url, check_type)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout(timeout)),
        }
    }

    async fn follow(&self, url: &str, check_type: bool) -> Result<Fetched, FetchError> {
        let started = Instant::now();
        let mut url = Url::parse(url.trim()).map_err(|_| FetchError::BadUrl(shown(url)))?;
        for _ in 0..=self.limits.max_redirects {
            let scheme = url.scheme().to_string();
            if scheme != "http" && scheme != "https" {
                return Err(FetchError::Scheme(scheme));
            }
            let host = url
                .host_str()
                .ok_or_else(|| FetchError::BadUrl(shown(url.as_str())))?
                .to_string();
            let port = url.port_or_known_default().unwrap_or(80);
            let addr = self.resolve(&host, port).await?;
            let remaining = self.limits.timeout.saturating_sub(started.elapsed());
            let mut builder = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .timeout(remaining.max(Duration::from_millis(1)))
                .user_agent(concat!("citebot/", env!("CARGO_PKG_VERSION")));
            // Connect to the address just checked, not whatever a second lookup says.
            if url.domain().is_some() {
                builder = builder.resolve(&host, addr);
            }
            let client = builder
                .build()
                .map_err(|e| FetchError::Network(e.to_string()))?;
            let response = client
                .get(url.clone())
                .header(
                    reqwest::header::ACCEPT,
                    "text/html, text/markdown, text/plain;q=0.9",
                )
                .send()
                .await
                .map_err(|e| network(&e, self.limits.timeout))?;
            let status = response.status();
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| url.join(l).ok())
                    .ok_or(FetchError::Status(status.as_u16()))?;
                url = next;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            let (media_type, charset) = content_type(
                response
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok()),
            );
            if check_type && !is_accepted(&media_type) {
                return Err(FetchError::Type(if media_type.is_empty() {
                    "of no declared type".to_string()
                } else {
                    media_type
                }));
            }
            let max = self.limits.max_bytes;
            let declared = response
                .headers()
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            if declared.is_some_and(|n| n > max as u64) {
                return Err(FetchError::TooLarge(max));
            }
            let final_url = url.to_string();
            let mut bytes = Vec::new();
            let mut body = response.bytes_stream();
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| network(&e, self.limits.timeout))?;
                if bytes.len() + chunk.len() > max {
                    return Err(FetchError::TooLarge(max));
                }
                bytes.extend_from_slice(&chunk);
            }
            return Ok(Fetched {
                bytes,
                media_type,
                charset,
                url: final_url,
            });
        }
        Err(FetchError::TooManyRedirects(self.limits.max_redirects))
    }

    /// The address to connect to for `host`: one of the test hosts, or a public address DNS
    /// gives. Any private address among DNS's answers refuses the host.
    async fn resolve(&self, host: &str, port: u16) -> Result<SocketAddr, FetchError> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if let Some(addr) = self.limits.test_hosts.get(&bare.to_ascii_lowercase()) {
            return Ok(SocketAddr::new(*addr, port));
        }
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return if is_public(ip) {
                Ok(SocketAddr::new(ip, port))
            } else {
                Err(FetchError::Private {
                    host: host.to_string(),
                    addr: ip,
                })
            };
        }
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((bare, port))
            .await
            .map_err(|_| FetchError::Unresolved(host.to_string()))?
            .collect();
        if let Some(private) = addrs.iter().find(|a| !is_public(a.ip())) {
            return Err(FetchError::Private {
                host: host.to_string(),
                addr: private.ip(),
            });
        }
        addrs
            .first()
            .copied()
            .ok_or_else(|| FetchError::Unresolved(host.to_string()))
    }
}

fn network(error: &reqwest::Error, timeout: Duration) -> FetchError {
    if error.is_timeout() {
        FetchError::Timeout(timeout)
    } else {
        FetchError::Network(error.to_string().chars().take(120).collect::<String>())
    }
}

fn shown(text: &str) -> String {
    text.chars().take(80).collect()
}

/// `text/html; charset=ISO-8859-1` → (`text/html`, `Some("ISO-8859-1")`).
pub fn content_type(header: Option<&str>) -> (String, Option<String>) {
    let Some(header) = header else {
        return (String::new(), None);
    };
    let mut parts = header.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
    });
    (media, charset)
}

/// Whether `ip` is on the public internet: not loopback, private, link-local (cloud metadata
/// lives at 169.254.169.254), shared (CGNAT), unique-local, multicast, documentation,
/// benchmarking or reserved; IPv4 inside IPv6 is judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits.
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let v4 =
                    Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
                return is_public_v4(v4);
            }
            !(v6.is_unspecified()
                || v6.is_loopback()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local, fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link local, fe80::/10
                || (s[0] & 0xffc0) == 0xfec0 // site local (deprecated), fec0::/10
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || s[0..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible, ::/96
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || o[0] == 0 // "this network"
        || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space (CGNAT)
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || (o[0] == 198 && (18..20).contains(&o[1])) // benchmarking
        || o[0] >= 240) // reserved
}

/// A media type for a file name, for uploads Discord gives no type for.
pub fn media_type_of(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => Some("text/html"),
        "md" | "markdown" => Some("text/markdown"),
        "txt" => Some("text/plain"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    fn v6(text: &str) -> IpAddr {
        IpAddr::V6(text.parse::<Ipv6Addr>().unwrap_or(Ipv6Addr::UNSPECIFIED))
    }

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "198.18.0.1",
            "240.0.0.1",
        ] {
            let ip: IpAddr = private.parse().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
            assert!(!is_public(ip), "{private}");
        }
        for private in [
            "::1",
            "::",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
            "ff02::1",
        ] {
            assert!(!is_public(v6(private)), "{private}");
        }
        assert!(is_public(
            "93.184.216.34"
                .parse()
                .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
        ));
        assert!(is_public(v6("2606:2800:220:1:248:1893:25c8:1946")));
    }

    #[test]
    fn content_types_and_their_charsets() {
        assert_eq!(
            content_type(Some("text/HTML; charset=\"ISO-8859-1\"")),
            ("text/html".to_string(), Some("ISO-8859-1".to_string()))
        );
        assert_eq!(content_type(None), (String::new(), None));
        assert_eq!(media_type_of("notes.MD"), Some("text/markdown"));
        assert_eq!(media_type_of("photo.png"), None);
    }
}
