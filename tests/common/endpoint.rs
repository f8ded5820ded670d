//! A real `citebot serve-http` on loopback, and signed requests to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::signing::{headers as signed_headers, public_key_hex};

pub const TOKEN: &str = "http-test-token";

pub struct Server {
    pub child: Child,
    pub base: String,
    _stdout: BufReader<ChildStdout>,
    _library: Option<tempfile::TempDir>,
}

/// What a `citebot serve-http` is started with.
#[derive(Default)]
pub struct Options<'a> {
    /// The fake Discord's REST base.
    pub api_base: &'a str,
    /// A library folder to serve; `None` for a fresh copy of the bundled one.
    pub library: Option<&'a Path>,
    /// With a path, the server logs everything (`RUST_LOG=trace`) into that file.
    pub log: Option<&'a Path>,
    /// More environment (configuration overrides, `CITEBOT_CONFIG`).
    pub env: &'a [(&'a str, &'a str)],
}

impl Server {
    pub fn start(api_base: &str) -> Server {
        Self::start_with(Options {
            api_base,
            ..Options::default()
        })
    }

    pub fn start_logging(api_base: &str, log: Option<&Path>) -> Server {
        Self::start_with(Options {
            api_base,
            log,
            ..Options::default()
        })
    }

    pub fn start_with(options: Options<'_>) -> Server {
        let owned = options
            .library
            .is_none()
            .then(|| super::library_dir_with(&[]));
        let library = options
            .library
            .map(Path::to_path_buf)
            .or_else(|| owned.as_ref().map(|d| d.path().to_path_buf()))
            .unwrap_or_default();
        let stderr = match options.log {
            Some(path) => {
                Stdio::from(std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}")))
            }
            None => Stdio::null(),
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_citebot"));
        command
            .arg("--library")
            .arg(&library)
            .args(["serve-http", "--bind", "127.0.0.1:0"])
            .env("DISCORD_PUBLIC_KEY", public_key_hex())
            .env("DISCORD_TOKEN", TOKEN)
            .env("DISCORD_API_BASE", options.api_base)
            .env("CITEBOT_CONFIG", "/dev/null")
            .env(
                "RUST_LOG",
                if options.log.is_some() {
                    "trace"
                } else {
                    "off"
                },
            );
        for (k, v) in options.env {
            command.env(k, v);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let mut stdout = BufReader::new(child.stdout.take().unwrap_or_else(|| panic!("no stdout")));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .unwrap_or_else(|e| panic!("{e}"));
        let base = line
            .trim()
            .strip_prefix("citebot: listening on ")
            .and_then(|u| u.strip_suffix("/interactions"))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        let server = Server {
            child,
            base,
            _stdout: stdout,
            _library: owned,
        };
        // Ready when the library is loaded.
        let deadline = Instant::now() + Duration::from_secs(60);
        while http_get(&server.base, "/healthz").0 != 200 {
            assert!(Instant::now() < deadline, "never became healthy");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    pub fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 exchange over a raw socket: full control of headers and body.
pub fn exchange(addr: &str, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap_or_default();
    stream.write_all(request).unwrap_or_else(|e| panic!("{e}"));
    read_response(&mut stream)
}

pub fn read_response(stream: &mut TcpStream) -> (u16, String) {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

pub fn http_get(base: &str, path: &str) -> (u16, String) {
    let addr = base.trim_start_matches("http://");
    exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

pub fn post_raw(server: &Server, headers: &[(&str, String)], body: &[u8]) -> (u16, String) {
    let addr = server.addr();
    let mut request = format!(
        "POST /interactions HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    exchange(&addr, &bytes)
}

/// POSTs an interaction signed as Discord would; returns the status and the parsed answer.
pub fn post(server: &Server, interaction: &Value) -> (u16, Value) {
    let body = interaction.to_string().into_bytes();
    let (status, text) = post_raw(server, &signed_headers(&body), &body);
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}
