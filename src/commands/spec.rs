//! Every command and option, defined once: the console's parser and help, the option checks,
//! and the definitions uploaded to Discord all read this table.

/// What kind of value an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text {
        max_chars: usize,
    },
    /// A file uploaded with the command (Discord's attachment option); in the console, a path.
    Attachment,
    /// Text whose line breaks matter: a pasted message, where `>` starts a block quote.
    Lines {
        max_chars: usize,
    },
    Integer {
        min: i64,
        max: Option<i64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    /// ≤ 100 characters (Discord's limit).
    pub description: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Discord offers choices while the user types (sections, documents).
    pub autocomplete: bool,
    /// Only the console offers it (Discord's buttons page instead).
    pub console_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    /// Lowercase, ≤ 32 characters (Discord's rule).
    pub name: &'static str,
    /// ≤ 100 characters.
    pub description: &'static str,
    pub options: &'static [OptionSpec],
    /// The option a console line's bare text fills (`/quote hot peace` → query).
    pub positional: Option<&'static str>,
    pub examples: &'static [&'static str],
    /// Who may use it; Discord hides it from the rest, and citebot checks again.
    pub permission: Permission,
}

/// What a member needs to use a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Everyone,
    /// Pin Messages in the channel (`/pin`).
    PinMessages,
    /// Manage Server (`/library` changes): a server's reading list is its moderators' to keep.
    ManageServer,
}

impl Permission {
    /// Only some members may use it.
    pub fn is_restricted(self) -> bool {
        self != Permission::Everyone
    }
}

/// Longest `/quote` query, as Discord's option enforces.
pub const MAX_QUERY_CHARS: usize = 200;
/// Longest section or document name a user may type.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_COUNT: i64 = 5;
/// Longest text `/verify` checks: Discord's message limit for most users, twice over.
pub const MAX_VERIFY_CHARS: usize = 4000;
pub const MAX_SENTENCES: i64 = 8;

const DOC: OptionSpec = OptionSpec {
    name: "doc",
    description: "Which document (defaults to the only one)",
    kind: Kind::Text {
        max_chars: MAX_NAME_CHARS,
    },
    required: false,
    autocomplete: true,
    console_only: false,
};

const PARAGRAPH: OptionSpec = OptionSpec {
    name: "paragraph",
    description: "Paragraph number, as in ¶12",
    kind: Kind::Integer { min: 1, max: None },
    required: true,
    autocomplete: false,
    console_only: false,
};

pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "quote",
        description: "Find the passages that match your words, quoted verbatim with their source",
        options: &[
            OptionSpec {
                name: "query",
                description: "Words, \"a phrase\", AND / OR / -word, or a question",
                kind: Kind::Text {
                    max_chars: MAX_QUERY_CHARS,
                },
                required: true,
                autocomplete: false,
                console_only: false,
            },
            DOC,
            OptionSpec {
                name: "count",
                description: "How many passages to show at once (1-5, default 3)",
                kind: Kind::Integer {
                    min: 1,
                    max: Some(MAX_COUNT),
                },
                required: false,
                autocomplete: false,
                console_only: false,
            },
            OptionSpec {
                name: "page",
                description: "Which page of results",
                kind: Kind::Integer {
                    min: 1,
                    max: Some(10_000),
                },
                required: false,
                autocomplete: false,
                console_only: true,
            },
        ],
        positional: Some("query"),
        examples: &[
            "/quote nato",
            "/quote \"hot peace\"",
            "/quote what did Putin offer Trump count:2",
        ],
        permission: Permission::Everyone,
    },
    CommandSpec {
        name: "summary",
        description: "Summarise a section (or the whole document) in sentences quoted verbatim",
        options: &[
            OptionSpec {
                name: "section",
                description: "Section number or part of its title (default: the whole document)",
                kind: Kind::Text {
                    max_chars: MAX_NAME_CHARS,
                },
                required: false,
                autocomplete: true,
                console_only: false,
            },
            DOC,
            OptionSpec {
                name: "sentences",
                description: "How many sentences (1-8, default 3)",
                kind: Kind::Integer {
                    min: 1,
                    max: Some(MAX_SENTENCES),
                },
                required: false,
                autocomplete: false,
                console_only: false,
            },
        ],
        positional: Some("section"),
        examples: &["/summary", "/summary 2", "/summary europe sentences:5"],
        permission: Permission::Everyone,
    },
    CommandSpec {
        name: "cite",
        description: "Quote one whole paragraph by its number, with its citation",
        options: &[PARAGRAPH, DOC],
        positional: Some("paragraph"),
        examples: &["/cite 12"],
        permission: Permission::Everyone,
    },
    CommandSpec {
        name: "sections",
        description: "List the sections of a document with their paragraph numbers",
        options: &[DOC],
        positional: Some("doc"),
        examples: &["/sections"],
        permission: Permission::Everyone,
    },
    CommandSpec {
        name: "pin",
        description: "Post a cited paragraph in this channel and pin it (moderators)",
        options: &[PARAGRAPH, DOC],
        positional: Some("paragraph"),
        examples: &["/pin 8"],
        permission: Permission::PinMessages,
    },
    CommandSpec {
        name: "verify",
        description: "Check a quotation against the library: verbatim, altered, spliced or not found",
        options: &[
            OptionSpec {
                name: "text",
                description: "The quote, or a whole message with quotes in it",
                kind: Kind::Lines {
                    max_chars: MAX_VERIFY_CHARS,
                },
                required: true,
                autocomplete: false,
                console_only: false,
            },
            DOC,
        ],
        positional: Some("text"),
        examples: &[
            "/verify “Both Trump and Putin see NATO as a threat to national security.”",
            "/verify text:\"The year 2021 became a turning point\" doc:deterrence",
        ],
        permission: Permission::Everyone,
    },
    CommandSpec {
        name: "library add",
        description: "Add a reading to this server's library: upload a file or give a link",
        options: &[
            OptionSpec {
                name: "file",
                description: "The reading as a file: .html, .md or .txt (up to 5 MiB)",
                kind: Kind::Attachment,
                required: false,
                autocomplete: false,
                console_only: false,
            },
            OptionSpec {
                name: "url",
                description: "Or a link to the web page",
                kind: Kind::Text { max_chars: 2000 },
                required: false,
                autocomplete: false,
                console_only: false,
            },
            OptionSpec {
                name: "title",
                description: "The title to cite, if the page's is wrong",
                kind: Kind::Text {
                    max_chars: MAX_NAME_CHARS * 3,
                },
                required: false,
                autocomplete: false,
                console_only: false,
            },
            OptionSpec {
                name: "author",
                description: "The author to cite",
                kind: Kind::Text {
                    max_chars: MAX_NAME_CHARS * 2,
                },
                required: false,
                autocomplete: false,
                console_only: false,
            },
            OptionSpec {
                name: "published",
                description: "The date to cite, e.g. 2025-04-01 or 1 April 2025",
                kind: Kind::Text { max_chars: 40 },
                required: false,
                autocomplete: false,
                console_only: false,
            },
        ],
        positional: Some("url"),
        examples: &[
            "/library add url:https://example.org/essay",
            "/library add file:reading.html title:\"On Glaciers\"",
        ],
        permission: Permission::ManageServer,
    },
    CommandSpec {
        name: "library remove",
        description: "Remove a reading this server added",
        options: &[OptionSpec {
            name: "doc",
            description: "The reading to remove",
            kind: Kind::Text {
                max_chars: MAX_NAME_CHARS,
            },
            required: true,
            autocomplete: true,
            console_only: false,
        }],
        positional: Some("doc"),
        examples: &["/library remove doc:on-glaciers"],
        permission: Permission::ManageServer,
    },
    CommandSpec {
        name: "library list",
        description: "The readings this server sees: its own, with who added them, and the shared ones",
        options: &[],
        positional: None,
        examples: &["/library list"],
        permission: Permission::ManageServer,
    },
    CommandSpec {
        name: "library shared",
        description: "Show or hide the host's shared readings in this server's answers",
        options: &[OptionSpec {
            name: "show",
            description: "yes to show them (the default), no to hide them",
            kind: Kind::Text { max_chars: 5 },
            required: true,
            autocomplete: false,
            console_only: false,
        }],
        positional: Some("show"),
        examples: &["/library shared show:no"],
        permission: Permission::ManageServer,
    },
    CommandSpec {
        name: "help",
        description: "What each command does, with examples",
        options: &[OptionSpec {
            name: "command",
            description: "One command to explain",
            kind: Kind::Text { max_chars: 32 },
            required: false,
            autocomplete: false,
            console_only: false,
        }],
        positional: Some("command"),
        examples: &["/help", "/help quote"],
        permission: Permission::Everyone,
    },
];

/// A command on a message's context menu (right-click → Apps): it runs a slash command with the
/// message's text in one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageCommandSpec {
    /// As shown in the menu: 1–32 characters, spaces and capitals allowed.
    pub name: &'static str,
    pub runs: &'static str,
    pub option: &'static str,
}

pub const MESSAGE_COMMANDS: &[MessageCommandSpec] = &[MessageCommandSpec {
    name: "Check quote",
    runs: "verify",
    option: "text",
}];

pub fn find_message_command(name: &str) -> Option<&'static MessageCommandSpec> {
    MESSAGE_COMMANDS.iter().find(|c| c.name == name)
}

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Commands made of a group and a subcommand (`library add`): the group's name and its
/// subcommands.
pub fn groups() -> Vec<(&'static str, Vec<&'static CommandSpec>)> {
    let mut out: Vec<(&'static str, Vec<&'static CommandSpec>)> = Vec::new();
    for spec in COMMANDS {
        if let Some((group, _)) = spec.name.split_once(' ') {
            match out.iter_mut().find(|(g, _)| *g == group) {
                Some((_, subs)) => subs.push(spec),
                None => out.push((group, vec![spec])),
            }
        }
    }
    out
}

/// Whether `name` is a group of subcommands (`library`).
pub fn is_group(name: &str) -> bool {
    COMMANDS
        .iter()
        .any(|c| c.name.split_once(' ').is_some_and(|(g, _)| g == name))
}

impl CommandSpec {
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|o| o.name == name)
    }

    /// "/quote query [doc] [count]"
    pub fn usage(&self) -> String {
        let mut usage = format!("/{}", self.name);
        for o in self.options.iter().filter(|o| !o.console_only) {
            if o.required {
                usage.push_str(&format!(" {}", o.name));
            } else {
                usage.push_str(&format!(" [{}]", o.name));
            }
        }
        usage
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discord rejects the whole registration if any name or description breaks its rules.
    #[test]
    fn definitions_follow_discords_rules() {
        let valid_name = |n: &str| {
            (1..=32).contains(&n.chars().count())
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        };
        for c in COMMANDS {
            // A subcommand's name is its group's and its own, each a valid name.
            assert!(c.name.split(' ').all(valid_name), "{}", c.name);
            assert!(
                (1..=100).contains(&c.description.chars().count()),
                "{}",
                c.name
            );
            assert!(c.options.len() <= 25);
            // Required options come first.
            let first_optional = c
                .options
                .iter()
                .position(|o| !o.required)
                .unwrap_or(c.options.len());
            assert!(
                c.options[first_optional..].iter().all(|o| !o.required),
                "{}",
                c.name
            );
            for o in c.options {
                assert!(valid_name(o.name), "{}", o.name);
                assert!(
                    (1..=100).contains(&o.description.chars().count()),
                    "{}",
                    o.name
                );
            }
            if let Some(p) = c.positional {
                assert!(c.option(p).is_some());
            }
        }
    }
}
