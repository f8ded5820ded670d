//! Configuration: built-in defaults, then `config/citebot.toml`, then `CITEBOT_SECTION__KEY`
//! environment variables (`CITEBOT_LIBRARY__DIR=/srv/articles`).
//!
//! Secrets never live here: they come from the environment or `.env`.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::engine::Settings;

/// Where the configuration file is looked for when `--config` is not given.
pub const DEFAULT_PATH: &str = "config/citebot.toml";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub library: LibraryConfig,
    pub answers: AnswersConfig,
    pub discord: DiscordConfig,
    pub http: HttpConfig,
    pub fetch: FetchConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryConfig {
    /// The folder of documents; relative paths are relative to the working directory.
    pub dir: PathBuf,
    /// Where the search index is kept; unset means `<dir>/.tantivy`. Replicas that share
    /// `dir` may share it too (one indexes, the others follow) or each keep their own.
    pub index_dir: Option<PathBuf>,
    /// Documents one server may add.
    pub max_documents_per_server: usize,
    /// Paragraphs, over all its documents, one server may add.
    pub max_paragraphs_per_server: usize,
}

/// Fetching pages and uploads on a member's behalf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchConfig {
    /// A fetch (with its redirects) is abandoned after this long.
    pub timeout_secs: u64,
    /// Pages and uploads larger than this are refused; nothing past it is read.
    pub max_bytes: usize,
    /// Redirects followed at most.
    pub max_redirects: usize,
    /// TESTS ONLY: host names resolved to these addresses, which may then be private
    /// (loopback). Logged loudly when set; never set it in production.
    pub test_hosts: std::collections::BTreeMap<String, std::net::IpAddr>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout_secs: 10,
            max_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
            test_hosts: std::collections::BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnswersConfig {
    pub excerpt_chars: usize,
    pub quote_count: usize,
    pub summary_sentences: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// The application's id: needed by `citebot invite`; otherwise learnt from the token.
    pub application_id: Option<u64>,
    /// Register commands in this server only (instant, for development) instead of globally.
    pub guild_id: Option<u64>,
    /// Another base URL for Discord's REST API and gateway discovery (tests); unset means
    /// Discord. `DISCORD_API_BASE` in the environment sets it too.
    pub api_base: Option<String>,
    /// How long the bot keeps trying to reach the gateway at start before giving up.
    pub connect_timeout_secs: u64,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            application_id: None,
            guild_id: None,
            api_base: None,
            connect_timeout_secs: 60,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Where `citebot serve-http` listens.
    pub bind: std::net::SocketAddr,
    /// Requests signed further than this from now are refused, against replays.
    pub max_clock_skew_secs: u64,
    /// Larger bodies are refused unread (Discord's interactions are a few KiB).
    pub max_body_bytes: usize,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            bind: std::net::SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_clock_skew_secs: 300,
            max_body_bytes: 64 * 1024,
        }
    }
}

impl Default for LibraryConfig {
    fn default() -> Self {
        LibraryConfig {
            dir: PathBuf::from("index"),
            index_dir: None,
            max_documents_per_server: 50,
            max_paragraphs_per_server: 20_000,
        }
    }
}

impl Default for AnswersConfig {
    fn default() -> Self {
        let s = Settings::default();
        AnswersConfig {
            excerpt_chars: s.excerpt_chars,
            quote_count: s.default_count,
            summary_sentences: s.default_sentences,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {} not found", .0.display())]
    Missing(PathBuf),
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// Reads the configuration. An explicit `path` must exist; the default one may be absent
    /// (the built-in defaults then apply).
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        check_environment(std::env::vars_os().filter_map(|(k, _)| k.into_string().ok()))?;
        let file = match path {
            Some(p) if !p.exists() => return Err(ConfigError::Missing(p.to_path_buf())),
            Some(p) => p.to_path_buf(),
            None => PathBuf::from(DEFAULT_PATH),
        };
        Self::from_figment(
            Figment::from(Serialized::defaults(Config::default()))
                .merge(Toml::file(file))
                // CITEBOT_CONFIG names the file itself (see the CLI), not a key in it.
                .merge(Env::prefixed("CITEBOT_").ignore(&["config"]).split("__"))
                // The name the Discord issue and tooling use for the test-double base URL.
                .merge(
                    Env::raw()
                        .only(&["discord_api_base"])
                        .map(|_| "discord.api_base".into()),
                ),
        )
    }

    /// Reads the configuration from TOML text only (tests, tools).
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Self::from_figment(
            Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(text)),
        )
    }

    fn from_figment(figment: Figment) -> Result<Config, ConfigError> {
        let config: Config = figment
            .extract()
            .map_err(|e| ConfigError::Invalid(one_line(&e)))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let check = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(ConfigError::Invalid(what.to_string()))
            }
        };
        let a = &self.answers;
        check(
            (80..=1000).contains(&a.excerpt_chars),
            &format!(
                "answers.excerpt_chars must be from 80 to 1000, got {}",
                a.excerpt_chars
            ),
        )?;
        check(
            (1..=5).contains(&a.quote_count),
            &format!(
                "answers.quote_count must be from 1 to 5, got {}",
                a.quote_count
            ),
        )?;
        check(
            (1..=8).contains(&a.summary_sentences),
            &format!(
                "answers.summary_sentences must be from 1 to 8, got {}",
                a.summary_sentences
            ),
        )?;
        if let Some(base) = &self.discord.api_base {
            check(
                base.starts_with("http://") || base.starts_with("https://"),
                &format!("discord.api_base must start with http:// or https://, got {base:?}"),
            )?;
        }
        check(
            (1..=3600).contains(&self.http.max_clock_skew_secs),
            &format!(
                "http.max_clock_skew_secs must be from 1 to 3600, got {}",
                self.http.max_clock_skew_secs
            ),
        )?;
        check(
            (1024..=16 * 1024 * 1024).contains(&self.http.max_body_bytes),
            &format!(
                "http.max_body_bytes must be from 1024 to 16777216, got {}",
                self.http.max_body_bytes
            ),
        )?;
        check(
            (1..=120).contains(&self.fetch.timeout_secs),
            &format!(
                "fetch.timeout_secs must be from 1 to 120, got {}",
                self.fetch.timeout_secs
            ),
        )?;
        check(
            (1024..=64 * 1024 * 1024).contains(&self.fetch.max_bytes),
            &format!(
                "fetch.max_bytes must be from 1024 to 67108864, got {}",
                self.fetch.max_bytes
            ),
        )?;
        check(
            self.fetch.max_redirects <= 20,
            &format!(
                "fetch.max_redirects must be at most 20, got {}",
                self.fetch.max_redirects
            ),
        )?;
        check(
            self.library.max_documents_per_server >= 1
                && self.library.max_paragraphs_per_server >= 1,
            "library.max_documents_per_server and library.max_paragraphs_per_server must be at least 1",
        )?;
        check(
            (1..=3600).contains(&self.discord.connect_timeout_secs),
            &format!(
                "discord.connect_timeout_secs must be from 1 to 3600, got {}",
                self.discord.connect_timeout_secs
            ),
        )?;
        Ok(())
    }

    pub fn settings(&self) -> Settings {
        Settings {
            excerpt_chars: self.answers.excerpt_chars,
            default_count: self.answers.quote_count,
            default_sentences: self.answers.summary_sentences,
            max_documents_per_server: self.library.max_documents_per_server,
            max_paragraphs_per_server: self.library.max_paragraphs_per_server,
        }
    }
}

/// The prefix of settings in the environment.
const ENV_PREFIX: &str = "CITEBOT_";

/// Every setting's environment variable, `CITEBOT_<SECTION>__<KEY>`, in file order.
pub fn environment_keys() -> Vec<String> {
    let Ok(serde_json::Value::Object(sections)) = serde_json::to_value(Config::default()) else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    for (section, value) in sections {
        if let serde_json::Value::Object(fields) = value {
            for key in fields.keys() {
                keys.push(format!(
                    "{ENV_PREFIX}{}__{}",
                    section.to_uppercase(),
                    key.to_uppercase()
                ));
            }
        }
    }
    keys
}

/// A `CITEBOT_` variable that is no setting stops the start with its own name and the names
/// that exist, rather than with a deserializer's "found `dir`, expected one of …".
/// `CITEBOT_CONFIG` names the file itself and is not a setting.
fn check_environment(names: impl Iterator<Item = String>) -> Result<(), ConfigError> {
    let keys = environment_keys();
    for name in names {
        let upper = name.to_uppercase();
        if !upper.starts_with(ENV_PREFIX) || upper == "CITEBOT_CONFIG" {
            continue;
        }
        if !keys.contains(&upper) {
            let hint = upper
                .strip_prefix(ENV_PREFIX)
                .and_then(|rest| {
                    let rest = rest.replace("__", "_");
                    keys.iter().find(|k| {
                        k.strip_prefix(ENV_PREFIX).is_some_and(|k| {
                            k.replace("__", "_") == rest || k.ends_with(&format!("__{rest}"))
                        })
                    })
                })
                .map(|k| format!(" (did you mean {k}?)"))
                .unwrap_or_default();
            return Err(ConfigError::Invalid(format!(
                "the environment variable {name} is not a citebot setting{hint}; settings are {} \
                 (and CITEBOT_CONFIG, the configuration file)",
                keys.join(", ")
            )));
        }
    }
    Ok(())
}

/// figment's errors can span lines (one per nested error, and TOML's quote the offending line
/// with a caret under it); a start-up error is one line, so keep the sentences and drop the art.
fn one_line(error: &figment::Error) -> String {
    error
        .clone()
        .into_iter()
        .flat_map(|e| {
            e.to_string()
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with('|')
                        && !l
                            .split_once(" |")
                            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                })
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_defaults() {
        let shipped =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/citebot.toml"))
                .unwrap_or_default();
        let config = Config::from_toml(&shipped).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config, Config::default());
    }

    #[test]
    fn an_unknown_environment_variable_is_named_with_the_keys_that_exist() {
        let e = check_environment(["PATH".to_string(), "CITEBOT_DIR".to_string()].into_iter())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("CITEBOT_DIR is not a citebot setting"), "{e}");
        assert!(e.contains("did you mean CITEBOT_LIBRARY__DIR?"), "{e}");
        assert!(e.contains("CITEBOT_ANSWERS__QUOTE_COUNT"), "{e}");
        assert!(!e.contains('\n'));
        assert!(
            check_environment(
                ["CITEBOT_LIBRARY__DIR", "CITEBOT_CONFIG", "HOME"]
                    .into_iter()
                    .map(str::to_string)
            )
            .is_ok()
        );
    }

    #[test]
    fn bad_values_are_named() {
        let e = Config::from_toml("[answers]\nquote_count = 9\n")
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("answers.quote_count")));
        let e = Config::from_toml("[answers]\nnope = 1\n")
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("nope")));
        let e = Config::from_toml("[answers\n").err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| !e.contains('\n')));
    }
}
