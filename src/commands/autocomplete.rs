//! Choices offered while a user types an option (`section`, `doc`), filtered by what they have
//! typed so far. Autocomplete cannot be deferred, so this is pure lookup, no search.

use serde::Serialize;

use crate::analysis::fold;
use crate::engine::View;
use crate::library::Document;

/// Most choices offered at once (Discord's limit).
pub const MAX_CHOICES: usize = 25;
/// Longest choice name or value, in characters (Discord's limit).
pub const MAX_CHOICE_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// What the user sees.
    pub name: String,
    /// What the option receives when chosen.
    pub value: String,
}

/// Choices for `option` of `command`, given the text typed so far and the `doc` option if the
/// user has filled it in. Options without choices get none.
pub fn choices(
    engine: &View,
    command: &str,
    option: &str,
    typed: &str,
    doc: Option<&str>,
) -> Vec<Choice> {
    let typed = fold(typed);
    // `/library remove` offers only the server's own readings: the shared ones are the host's.
    let own = (command == "library remove").then(|| {
        let owner = engine
            .audience()
            .server
            .map_or(crate::library::Owner::Host, crate::library::Owner::Server);
        crate::library::Library::shared(engine.catalog().owned_by(owner))
    });
    let documents = own.as_ref().unwrap_or_else(|| engine.library());
    let mut ranked: Vec<(u8, Choice)> = match option {
        "doc" => documents
            .documents()
            .iter()
            .filter_map(|d| {
                let rank = rank(&typed, &[&fold(&d.id), &fold(&d.meta.title)])?;
                (d.id.chars().count() <= MAX_CHOICE_CHARS).then(|| {
                    (
                        rank,
                        Choice {
                            name: clip(&format!("{} ({})", d.meta.title, d.id)),
                            value: d.id.clone(),
                        },
                    )
                })
            })
            .collect(),
        "section" if command == "summary" => {
            let library = engine.library();
            let named: Vec<&Document> = doc
                .map(|d| library.find(d))
                .filter(|found| found.len() == 1)
                .unwrap_or_else(|| library.documents().iter().map(|d| &**d).collect());
            let several = named.len() > 1;
            named
                .iter()
                .flat_map(|d| d.sections.iter().map(move |s| (d, s)))
                .filter_map(|(d, s)| {
                    let number = s.number.to_string();
                    let rank = if !typed.is_empty() && typed.chars().all(|c| c.is_ascii_digit()) {
                        number.starts_with(&typed).then_some(0)
                    } else {
                        rank(&typed, &[&fold(&s.title)])
                    }?;
                    let range = super::sections_range(s.first, s.last);
                    let name = if several {
                        format!(
                            "{} · {} ({range}) — {}",
                            s.number,
                            s.title,
                            d.meta.short_title()
                        )
                    } else {
                        format!("{} · {} ({range})", s.number, s.title)
                    };
                    Some((
                        rank,
                        Choice {
                            name: clip(&name),
                            value: number,
                        },
                    ))
                })
                .collect()
        }
        _ => Vec::new(),
    };
    // Better matches first; among equals, the library's own order (stable sort).
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked
        .into_iter()
        .map(|(_, c)| c)
        .take(MAX_CHOICES)
        .collect()
}

/// 0: a field starts with the typed text; 1: a word in it does; 2: it contains it (only once
/// three characters are typed: "tr" should not offer "Introduction"). Nothing typed matches
/// everything equally.
fn rank(typed: &str, fields: &[&str]) -> Option<u8> {
    if typed.is_empty() {
        return Some(0);
    }
    fields
        .iter()
        .filter_map(|f| {
            if f.starts_with(typed) {
                Some(0)
            } else if f.split(' ').any(|w| w.starts_with(typed)) || f.contains(&format!(" {typed}"))
            {
                Some(1)
            } else if typed.chars().count() >= 3 && f.contains(typed) {
                Some(2)
            } else {
                None
            }
        })
        .min()
}

fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_CHOICE_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_CHOICE_CHARS - 1).collect();
    out.push('…');
    out
}
