//! Console lines such as `/quote hot peace count:3` or `/summary section:"New Deal"`.
//!
//! A named option is written `name:value` (quote the value if it has spaces); whatever else
//! follows the command fills its main option (`/quote` → query, `/cite` → paragraph). A line
//! without a slash is a `/quote` query, unless it starts with a command's name.

use super::error::CommandError;
use super::input::{CommandInput, OptionValue, unknown_command};
use super::spec;

/// `Ok(None)` for a blank line.
pub fn parse_line(line: &str) -> Result<Option<CommandInput>, CommandError> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let (head, mut rest) = match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim_start()),
        None => (line, ""),
    };
    // A group of subcommands (`/library add …`): the next word names the subcommand.
    let group = head.trim_start_matches('/').to_lowercase();
    let head = if spec::is_group(&group) {
        let (sub, after) = match rest.find(char::is_whitespace) {
            Some(i) => (&rest[..i], rest[i..].trim_start()),
            None => (rest, ""),
        };
        let name = format!("{group} {}", sub.to_lowercase());
        if spec::find(&name).is_none() {
            let subs: Vec<String> = spec::groups()
                .into_iter()
                .filter(|(g, _)| *g == group)
                .flat_map(|(_, specs)| specs.into_iter().map(|s| format!("/{}", s.name)))
                .collect();
            return Err(CommandError::bad_option(
                "subcommand",
                format!("/{group} needs one of: {}.", subs.join(", ")),
            ));
        }
        rest = after;
        format!("/{name}")
    } else {
        head.to_string()
    };
    let head = head.as_str();
    let spec = match head.strip_prefix('/') {
        Some(name) => {
            spec::find(&name.to_lowercase()).ok_or_else(|| unknown_command(&name.to_lowercase()))?
        }
        None => match spec::find(&head.to_lowercase()) {
            Some(spec) => spec,
            // Plain words: a search.
            None => {
                return Ok(Some(
                    CommandInput::new("quote").with("query", OptionValue::Text(line.to_string())),
                ));
            }
        },
    };

    let mut input = CommandInput::new(spec.name);
    let mut positional: Vec<&str> = Vec::new();
    let chunks = chunks(rest);
    let mut i = 0;
    while i < chunks.len() {
        let chunk = chunks[i];
        i += 1;
        let Some((name, value)) = chunk.split_once(':') else {
            positional.push(chunk);
            continue;
        };
        let lower = name.to_lowercase();
        match spec.option(&lower) {
            Some(option) if name.chars().all(|c| c.is_ascii_alphabetic()) => {
                // "count: 3" — the value may follow after a space.
                let value = if value.is_empty() && i < chunks.len() {
                    i += 1;
                    chunks[i - 1]
                } else {
                    value
                };
                input.options.push((
                    option.name.to_string(),
                    OptionValue::Text(unquote(value).to_string()),
                ));
            }
            // An option-like word the command does not have. Where the main option is free
            // text (a query, a section title) it is just text; elsewhere it is a mistake.
            _ if name.chars().all(|c| c.is_ascii_lowercase()) && !takes_free_text(spec) => {
                input
                    .options
                    .push((name.to_string(), OptionValue::Text(value.to_string())));
            }
            _ => positional.push(chunk),
        }
    }

    if let Some(main) = spec.positional
        && !positional.is_empty()
    {
        if input.options.iter().any(|(n, _)| n == main) {
            return Err(CommandError::bad_option(
                main,
                format!("{main} is given twice (as `{main}:` and as text); give it once."),
            ));
        }
        let mut text = positional.join(" ");
        // A query's and a checked text's quotation marks mean something; keep them.
        if main != "query" && main != "text" {
            text = unquote(&text).to_string();
        }
        input
            .options
            .push((main.to_string(), OptionValue::Text(text)));
    }
    Ok(Some(input))
}

fn takes_free_text(spec: &spec::CommandSpec) -> bool {
    matches!(spec.positional, Some("query" | "section" | "text"))
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// Whitespace-separated chunks, where a quoted stretch ("hot peace") stays in one chunk.
fn chunks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        if is_quote(c) {
            in_quote = !in_quote;
        }
        if c.is_whitespace() && !in_quote {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn unquote(value: &str) -> &str {
    let mut chars = value.chars();
    match (chars.next(), chars.next_back()) {
        (Some(a), Some(b)) if is_quote(a) && is_quote(b) => {
            &value[a.len_utf8()..value.len() - b.len_utf8()]
        }
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> CommandInput {
        parse_line(line)
            .unwrap_or_else(|e| panic!("{line}: {e}"))
            .unwrap_or_else(|| panic!("{line}: blank"))
    }

    fn text(v: &str) -> OptionValue {
        OptionValue::Text(v.into())
    }

    #[test]
    fn positional_and_named_options() {
        let q = parsed("/quote hot peace count:3");
        assert_eq!(q.name, "quote");
        assert_eq!(
            q.options,
            vec![
                ("count".into(), text("3")),
                ("query".into(), text("hot peace"))
            ]
        );
        let q = parsed("/quote \"hot peace\" AND nato");
        assert_eq!(
            q.options,
            vec![("query".into(), text("\"hot peace\" AND nato"))]
        );
        let s = parsed("/summary section:\"Trump’s New Deal\" sentences: 4");
        assert_eq!(
            s.options,
            vec![
                ("section".into(), text("Trump’s New Deal")),
                ("sentences".into(), text("4"))
            ]
        );
        let s = parsed("/summary Hawkish Threats by Dovish Means: Russia");
        assert_eq!(
            s.options,
            vec![(
                "section".into(),
                text("Hawkish Threats by Dovish Means: Russia")
            )]
        );
    }

    #[test]
    fn bare_words_search_and_bare_names_run() {
        assert_eq!(parsed("hot peace").name, "quote");
        assert_eq!(parsed("sections").name, "sections");
        assert_eq!(
            parsed("cite 12").options,
            vec![("paragraph".into(), text("12"))]
        );
        assert_eq!(parse_line("   "), Ok(None));
    }

    #[test]
    fn verify_keeps_the_quotation_marks() {
        let v =
            parsed("/verify “Trump does not see NATO” and \"hot peace: a deal\" doc:deterrence");
        assert_eq!(
            v.options,
            vec![
                ("doc".into(), text("deterrence")),
                (
                    "text".into(),
                    text("“Trump does not see NATO” and \"hot peace: a deal\"")
                )
            ]
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert!(matches!(
            parse_line("/qoute x"),
            Err(CommandError::UnknownCommand { .. })
        ));
        let cite = parsed("/cite 12 dco:x");
        assert!(cite.options.iter().any(|(n, _)| n == "dco"));
        assert!(parse_line("/cite 12 paragraph:3").is_err());
    }
}
