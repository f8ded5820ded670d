//! What a citation needs to know about a document, from its own header, front matter or sidecar.

use serde::{Deserialize, Serialize};

use super::date::Date;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
    /// As written in the byline, possibly with a role ("Oleksandra Zadesenets, Research Assistant").
    pub author: Option<String>,
    pub published: Option<Date>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
}

/// Metadata fields as a document or sidecar gives them: any may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartialMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Who added the document from Discord (sidecars written by `/library add` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Added>,
}

/// Who added a document, when, and from where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Added {
    /// The member's name and id as Discord gave them, or "console".
    pub by: String,
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// The page or file it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Words that make a part of a byline a job rather than a name ("Research Assistant",
/// "Software Engineer on Google Play", "Senior Editor"), lowercase.
const ROLE_WORDS: &[&str] = &[
    "ambassador",
    "analyst",
    "assistant",
    "associate",
    "attorney",
    "author",
    "ceo",
    "chair",
    "chief",
    "columnist",
    "consultant",
    "contributor",
    "coordinator",
    "correspondent",
    "counsel",
    "cto",
    "designer",
    "developer",
    "director",
    "economist",
    "editor",
    "engineer",
    "fellow",
    "founder",
    "head",
    "historian",
    "host",
    "intern",
    "journalist",
    "lead",
    "lecturer",
    "manager",
    "member",
    "officer",
    "partner",
    "president",
    "producer",
    "professor",
    "reporter",
    "researcher",
    "scientist",
    "secretary",
    "specialist",
    "staff",
    "strategist",
    "student",
    "writer",
];

/// Does `text` (part of a byline) name a job: does any of its words make it one?
pub(crate) fn names_a_role(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

impl Metadata {
    /// The author's names without the role a byline gives after a comma ("Oleksandra
    /// Zadesenets, Research Assistant" → "Oleksandra Zadesenets"); names listed with commas
    /// ("Beth Barnes, Hjalmar Wijk and Lawrence Chan") are all kept.
    pub fn author_name(&self) -> Option<&str> {
        let author = self.author.as_deref()?.trim();
        let mut end = author.len();
        let mut at = 0;
        for part in author.split(',') {
            let is_role = names_a_role(part);
            if is_role && at > 0 {
                end = at - 1;
                break;
            }
            at += part.len() + 1;
        }
        Some(author[..end].trim_matches(|c: char| c == ',' || c.is_whitespace()))
            .filter(|a| !a.is_empty())
    }

    /// The title up to its first question mark or colon after its first word, for compact
    /// citations: "Deterrence or Deténte? …". Quotation marks that close right after the mark stay with
    /// it ("'What is the sea telling us?' …"), and a space before it goes.
    pub fn short_title(&self) -> String {
        let title = self.title.trim();
        // A mark after the first word cuts nothing a reader would know the title by: it ends
        // a label the site sets before the headline ("Column: The Gannett/GateHouse merger …").
        let Some(i) = title
            .match_indices(['?', ':'])
            .map(|(i, _)| i)
            .find(|&i| title[..i].split_whitespace().count() >= 2)
        else {
            return title.to_string();
        };
        let rest = &title[i + 1..];
        let closing = rest.len() - rest.trim_start_matches(['\'', '’', '"', '”']).len();
        if rest[closing..].trim_start_matches(':').trim().is_empty() {
            return title.to_string();
        }
        format!(
            "{}{}{} …",
            title[..i].trim_end(),
            &title[i..=i],
            &rest[..closing]
        )
    }
}

/// A field whose value could not be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl PartialMetadata {
    /// Fields set here replace those of `base`.
    pub fn apply(self, base: &mut Metadata) -> Result<(), FieldError> {
        fn set(target: &mut Option<String>, value: Option<String>) {
            if let Some(v) = value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
            {
                *target = Some(v);
            }
        }
        if let Some(title) = self
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
        {
            base.title = title;
        }
        set(&mut base.author, self.author);
        set(&mut base.publisher, self.publisher);
        set(&mut base.category, self.category);
        if let Some(url) = self
            .url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
        {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(FieldError {
                    field: "url",
                    message: format!("url must start with http:// or https://, got {url:?}"),
                });
            }
            base.url = Some(url);
        }
        if let Some(published) = self.published {
            base.published =
                Some(
                    published
                        .parse()
                        .map_err(|e: super::date::DateError| FieldError {
                            field: "published",
                            message: e.to_string(),
                        })?,
                );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_title_keeps_the_question() {
        let meta = Metadata {
            title: "Deterrence or Deténte? Explaining Trump’s Rapprochement".into(),
            ..Metadata::default()
        };
        assert_eq!(meta.short_title(), "Deterrence or Deténte? …");
        let plain = Metadata {
            title: "A Title".into(),
            ..Metadata::default()
        };
        assert_eq!(plain.short_title(), "A Title");
        let short = |title: &str| {
            Metadata {
                title: title.into(),
                ..Metadata::default()
            }
            .short_title()
        };
        assert_eq!(
            short("'What is the sea telling us?': Māori tribes fearful over whale strandings"),
            "'What is the sea telling us?' …"
        );
        assert_eq!(
            short("The Federalist Papers : No. 1"),
            "The Federalist Papers: …"
        );
        assert_eq!(
            short("Where do relations go after the victory?"),
            "Where do relations go after the victory?"
        );
        assert_eq!(short("Why?”"), "Why?”");
        assert_eq!(
            short("Column: The Gannett/GateHouse merger sends a dismal signal"),
            "Column: The Gannett/GateHouse merger sends a dismal signal"
        );
        assert_eq!(
            short("Opinion: Is the merger good? Not for readers"),
            "Opinion: Is the merger good? …"
        );
    }

    #[test]
    fn author_name_drops_the_role() {
        let meta = Metadata {
            author: Some("Oleksandra Zadesenets, Research Assistant".into()),
            ..Metadata::default()
        };
        assert_eq!(meta.author_name(), Some("Oleksandra Zadesenets"));
        let name = |author: &str| {
            Metadata {
                author: Some(author.into()),
                ..Metadata::default()
            }
            .author_name()
            .map(str::to_string)
        };
        assert_eq!(
            name("Andrew Hayden, Software Engineer on Google Play").as_deref(),
            Some("Andrew Hayden")
        );
        // Names listed with commas are all authors.
        assert_eq!(
            name("Beth Barnes, Hjalmar Wijk and Lawrence Chan").as_deref(),
            Some("Beth Barnes, Hjalmar Wijk and Lawrence Chan")
        );
        assert_eq!(
            name("Roe, Jane, Doe, John").as_deref(),
            Some("Roe, Jane, Doe, John")
        );
        // A role word in the first part is a name that happens to hold one ("Marie Head").
        assert_eq!(name("Marie Head").as_deref(), Some("Marie Head"));
        assert_eq!(name("  ,  ").as_deref(), None);
    }
}
