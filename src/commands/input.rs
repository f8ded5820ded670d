//! From a command's name and raw options (as the console or Discord delivers them) to a typed,
//! checked [`Command`].

use serde::{Deserialize, Serialize};

use super::error::CommandError;
use super::spec::{self, COMMANDS, CommandSpec, Kind, OptionSpec};

/// An option's value as it arrives: text from the console, text, integer or an uploaded file
/// from Discord.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    Integer(i64),
    Text(String),
    Upload(Upload),
}

/// A file uploaded with a command: where to fetch it, and what its sender says it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    pub name: String,
    pub url: String,
    pub size: Option<u64>,
    /// As declared (`text/html; charset=utf-8`), when it is.
    pub media_type: Option<String>,
}

/// A command as typed, before any checking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommandInput {
    pub name: String,
    pub options: Vec<(String, OptionValue)>,
    /// Typed on this machine (console, `citebot` subcommands): only then may an option name a
    /// local file. Never set for anything Discord sends.
    pub local: bool,
}

impl CommandInput {
    pub fn new(name: impl Into<String>) -> Self {
        CommandInput {
            name: name.into(),
            options: Vec::new(),
            local: false,
        }
    }

    /// Marks the input as typed on this machine.
    pub fn local(mut self) -> Self {
        self.local = true;
        self
    }

    pub fn with(mut self, option: &str, value: OptionValue) -> Self {
        self.options.push((option.to_string(), value));
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Quote(Quote),
    Summary(Summary),
    Cite(Cite),
    Sections { doc: Option<String> },
    Pin(Cite),
    Help { command: Option<String> },
    Verify { text: String, doc: Option<String> },
    Library(Library),
}

/// `/library …`: a server's reading list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Library {
    Add(Add),
    Remove { doc: String },
    List,
    Shared { show: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Add {
    pub source: Source,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
}

/// Where a reading comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A web page.
    Url(String),
    /// A file uploaded with the command.
    Upload(Upload),
    /// A file on this machine (console and command line only).
    Path(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub query: String,
    pub doc: Option<String>,
    /// Passages per page; `None` means the configured default.
    pub count: Option<usize>,
    /// 1-based.
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub section: Option<String>,
    pub doc: Option<String>,
    pub sentences: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub paragraph: u64,
    pub doc: Option<String>,
}

/// Checked option values, by name.
struct Checked {
    values: Vec<(&'static str, OptionValue)>,
}

impl Checked {
    fn text(&self, name: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| match v {
                OptionValue::Text(t) => Some(t.clone()),
                OptionValue::Integer(i) => Some(i.to_string()),
                OptionValue::Upload(_) => None,
            })
    }

    fn upload(&self, name: &str) -> Option<Upload> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| match v {
                OptionValue::Upload(u) => Some(u.clone()),
                _ => None,
            })
    }

    fn integer(&self, name: &str) -> Option<i64> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| match v {
                OptionValue::Integer(i) => Some(*i),
                _ => None,
            })
    }
}

impl Command {
    /// Checks every option against the command's definition.
    pub fn from_input(input: &CommandInput) -> Result<Command, CommandError> {
        let name = input.name.trim().trim_start_matches('/').to_lowercase();
        let spec = spec::find(&name).ok_or_else(|| unknown_command(&name))?;
        let checked = check(spec, input)?;
        let usize_of = |name: &str| checked.integer(name).and_then(|i| usize::try_from(i).ok());
        Ok(match spec.name {
            "quote" => Command::Quote(Quote {
                query: checked.text("query").unwrap_or_default(),
                doc: checked.text("doc"),
                count: usize_of("count"),
                page: usize_of("page").unwrap_or(1),
            }),
            "summary" => Command::Summary(Summary {
                section: checked.text("section"),
                doc: checked.text("doc"),
                sentences: usize_of("sentences"),
            }),
            "cite" | "pin" => {
                let cite = Cite {
                    paragraph: checked
                        .integer("paragraph")
                        .and_then(|i| u64::try_from(i).ok())
                        .unwrap_or(1),
                    doc: checked.text("doc"),
                };
                if spec.name == "pin" {
                    Command::Pin(cite)
                } else {
                    Command::Cite(cite)
                }
            }
            "sections" => Command::Sections {
                doc: checked.text("doc"),
            },
            "verify" => Command::Verify {
                text: checked.text("text").unwrap_or_default(),
                doc: checked.text("doc"),
            },
            "library add" => {
                let source = match (
                    checked.upload("file"),
                    checked.text("file"),
                    checked.text("url"),
                ) {
                    (Some(upload), None, None) => Source::Upload(upload),
                    (None, Some(path), None) => Source::Path(path),
                    (None, None, Some(url)) => Source::Url(url),
                    (None, None, None) => {
                        return Err(CommandError::MissingOption {
                            command: "library add".to_string(),
                            option: "a file or a url".to_string(),
                            example: "/library add url:https://example.org/essay".to_string(),
                        });
                    }
                    _ => {
                        return Err(CommandError::bad_option(
                            "url",
                            "Give a file or a url, not both.",
                        ));
                    }
                };
                Command::Library(Library::Add(Add {
                    source,
                    title: checked.text("title"),
                    author: checked.text("author"),
                    published: checked.text("published"),
                }))
            }
            "library remove" => Command::Library(Library::Remove {
                doc: checked.text("doc").unwrap_or_default(),
            }),
            "library list" => Command::Library(Library::List),
            "library shared" => {
                let typed = checked.text("show").unwrap_or_default().to_lowercase();
                let show = match typed.as_str() {
                    "yes" | "y" | "true" | "on" | "show" => true,
                    "no" | "n" | "false" | "off" | "hide" => false,
                    _ => {
                        return Err(CommandError::bad_option(
                            "show",
                            format!(
                                "show must be yes or no; got “{}”.",
                                typed.chars().take(20).collect::<String>()
                            ),
                        ));
                    }
                };
                Command::Library(Library::Shared { show })
            }
            _ => Command::Help {
                command: checked.text("command"),
            },
        })
    }

    pub fn name(&self) -> &'static str {
        match self {
            Command::Quote(_) => "quote",
            Command::Summary(_) => "summary",
            Command::Cite(_) => "cite",
            Command::Sections { .. } => "sections",
            Command::Pin(_) => "pin",
            Command::Help { .. } => "help",
            Command::Verify { .. } => "verify",
            Command::Library(Library::Add(_)) => "library add",
            Command::Library(Library::Remove { .. }) => "library remove",
            Command::Library(Library::List) => "library list",
            Command::Library(Library::Shared { .. }) => "library shared",
        }
    }

    /// Changes the library: run by the live service, not against a snapshot.
    pub fn changes_library(&self) -> bool {
        matches!(
            self,
            Command::Library(Library::Add(_) | Library::Remove { .. } | Library::Shared { .. })
        )
    }
}

pub(super) fn unknown_command(name: &str) -> CommandError {
    let list = COMMANDS
        .iter()
        .map(|c| format!("/{}", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let shown: String = name.chars().take(32).collect();
    let hint = COMMANDS
        .iter()
        .find(|c| {
            !name.is_empty()
                && (c.name.starts_with(name)
                    || name.starts_with(c.name)
                    || one_edit_apart(c.name, name))
        })
        .map(|c| format!(" Did you mean /{}?", c.name))
        .unwrap_or_default();
    CommandError::UnknownCommand {
        name: shown,
        list,
        hint,
    }
}

fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    crate::analysis::edit_distance(&a, &b, 1) <= 1
}

fn check(spec: &CommandSpec, input: &CommandInput) -> Result<Checked, CommandError> {
    let mut values: Vec<(&'static str, OptionValue)> = Vec::new();
    for (name, value) in &input.options {
        let lower = name.trim().to_lowercase();
        let Some(option) = spec.option(&lower) else {
            let known = spec
                .options
                .iter()
                .map(|o| o.name)
                .collect::<Vec<_>>()
                .join(", ");
            let shown: String = name.chars().take(32).collect();
            return Err(CommandError::bad_option(
                &shown,
                if known.is_empty() {
                    format!("/{} takes no options (got `{shown}`).", spec.name)
                } else {
                    format!(
                        "/{} has no option `{shown}`; its options are {known}.",
                        spec.name
                    )
                },
            ));
        };
        if values.iter().any(|(n, _)| *n == option.name) {
            return Err(CommandError::bad_option(
                option.name,
                format!("{} is given twice; give it once.", option.name),
            ));
        }
        if let Some(value) = check_value(spec, option, value, input.local)? {
            values.push((option.name, value));
        }
    }
    for option in spec.options.iter().filter(|o| o.required) {
        if !values.iter().any(|(n, _)| *n == option.name) {
            return Err(CommandError::MissingOption {
                command: spec.name.to_string(),
                option: option.name.to_string(),
                example: spec
                    .examples
                    .first()
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            });
        }
    }
    Ok(Checked { values })
}

/// A checked value, or `None` for an optional text left empty (the same as leaving it out).
fn check_value(
    spec: &CommandSpec,
    option: &OptionSpec,
    value: &OptionValue,
    local: bool,
) -> Result<Option<OptionValue>, CommandError> {
    if let OptionValue::Upload(_) = value
        && option.kind != Kind::Attachment
    {
        return Err(CommandError::bad_option(
            option.name,
            format!("{} takes text, not a file.", option.name),
        ));
    }
    match option.kind {
        Kind::Attachment => match value {
            OptionValue::Upload(upload) => Ok(Some(OptionValue::Upload(upload.clone()))),
            // A path names a file on this machine: only someone at this machine may.
            OptionValue::Text(path) if local && !path.trim().is_empty() => {
                Ok(Some(OptionValue::Text(path.trim().to_string())))
            }
            _ => Err(CommandError::bad_option(
                option.name,
                format!(
                    "{} must be a file uploaded with the command (or use url: for a web page).",
                    option.name
                ),
            )),
        },
        Kind::Text { max_chars } | Kind::Lines { max_chars } => {
            let lines = matches!(option.kind, Kind::Lines { .. });
            let text = match value {
                OptionValue::Text(t) => t.trim().to_string(),
                OptionValue::Integer(i) => i.to_string(),
                OptionValue::Upload(_) => String::new(),
            };
            let chars = text.chars().count();
            if chars > max_chars {
                return Err(CommandError::bad_option(
                    option.name,
                    format!(
                        "{} is too long ({chars} characters); the limit is {max_chars}. Shorten it and try again.",
                        option.name
                    ),
                ));
            }
            let unwanted = |c: char| c.is_control() && !(lines && c == '\n');
            if text.chars().any(unwanted) {
                // Control characters cannot be typed in Discord and mean nothing to search.
                let cleaned: String = text
                    .chars()
                    .map(|c| if unwanted(c) { ' ' } else { c })
                    .collect();
                return Ok((!cleaned.trim().is_empty())
                    .then(|| OptionValue::Text(cleaned.trim().to_string())));
            }
            Ok((!text.is_empty()).then_some(OptionValue::Text(text)))
        }
        Kind::Integer { min, max } => {
            let number = match value {
                OptionValue::Integer(i) => *i,
                OptionValue::Upload(_) => 0,
                OptionValue::Text(t) => parse_integer(t).ok_or_else(|| {
                    let shown: String = t.trim().chars().take(40).collect();
                    CommandError::bad_option(
                        option.name,
                        format!(
                            "{} must be a whole number, like `/{} {}`; got “{shown}”.",
                            option.name,
                            spec.name,
                            if option.name == "paragraph" {
                                "12".to_string()
                            } else {
                                format!("{}:{}", option.name, min.max(1))
                            }
                        ),
                    )
                })?,
            };
            let in_range = number >= min && max.is_none_or(|m| number <= m);
            if !in_range {
                let range = match max {
                    Some(max) => format!("from {min} to {max}"),
                    None => format!("{min} or more"),
                };
                let what = if option.name == "paragraph" {
                    "paragraphs are numbered from 1".to_string()
                } else {
                    format!("{} must be {range}", option.name)
                };
                return Err(CommandError::bad_option(
                    option.name,
                    format!("{what}; got {number}."),
                ));
            }
            Ok(Some(OptionValue::Integer(number)))
        }
    }
}

/// "12", "¶12", "#12", " 12 " → 12.
fn parse_integer(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t
        .strip_prefix('¶')
        .or_else(|| t.strip_prefix('#'))
        .unwrap_or(t)
        .trim();
    if t.is_empty() || t.len() > 18 {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, options: &[(&str, &str)]) -> CommandInput {
        CommandInput {
            name: name.into(),
            options: options
                .iter()
                .map(|(n, v)| (n.to_string(), OptionValue::Text(v.to_string())))
                .collect(),
            local: false,
        }
    }

    #[test]
    fn options_are_checked() {
        assert!(Command::from_input(&text("quote", &[("query", "nato"), ("count", "3")])).is_ok());
        let e = Command::from_input(&text("quote", &[("query", "nato"), ("count", "9")]));
        assert!(matches!(e, Err(CommandError::BadOption { ref option, .. }) if option == "count"));
        let e = Command::from_input(&text("cite", &[("paragraph", "twelve")]));
        assert!(matches!(e, Err(CommandError::BadOption { .. })));
        let e = Command::from_input(&text("cite", &[]));
        assert!(matches!(e, Err(CommandError::MissingOption { .. })));
        let e = Command::from_input(&text("quote", &[("query", &"x".repeat(201))]));
        assert!(e.is_err_and(|e| e.to_string().contains("limit is 200")));
        assert_eq!(
            Command::from_input(&text("cite", &[("paragraph", "¶12")])),
            Ok(Command::Cite(Cite {
                paragraph: 12,
                doc: None
            }))
        );
    }

    #[test]
    fn unknown_commands_get_a_hint() {
        let e = Command::from_input(&CommandInput::new("qoute")).err();
        assert!(e.is_some_and(|e| e.to_string().contains("Did you mean /quote?")));
    }
}
