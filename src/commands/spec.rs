//! Every command and option, defined once: the console's parser and help, the option checks,
//! and the definitions uploaded to Discord all read this table.

/// What kind of value an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text {
        max_chars: usize,
    },
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
    /// Only members who may pin messages can use it.
    pub moderators_only: bool,
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
        moderators_only: false,
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
        moderators_only: false,
    },
    CommandSpec {
        name: "cite",
        description: "Quote one whole paragraph by its number, with its citation",
        options: &[PARAGRAPH, DOC],
        positional: Some("paragraph"),
        examples: &["/cite 12"],
        moderators_only: false,
    },
    CommandSpec {
        name: "sections",
        description: "List the sections of a document with their paragraph numbers",
        options: &[DOC],
        positional: Some("doc"),
        examples: &["/sections"],
        moderators_only: false,
    },
    CommandSpec {
        name: "pin",
        description: "Post a cited paragraph in this channel and pin it (moderators)",
        options: &[PARAGRAPH, DOC],
        positional: Some("paragraph"),
        examples: &["/pin 8"],
        moderators_only: true,
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
        moderators_only: false,
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
        moderators_only: false,
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
            assert!(valid_name(c.name), "{}", c.name);
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
