//! Citations: where a quotation comes from, precisely enough to find it again.
//!
//! `¶8 · Trump’s New Deal — Oleksandra Zadesenets, “Deterrence or Deténte? …”, Human Security
//! Centre, 1 April 2025`, linked to the source with a `#:~:text=` fragment that takes a browser
//! straight to the quoted words.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::library::{Date, Document, Paragraph};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The citation as one line of text.
    pub text: String,
    pub doc: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<Date>,
    pub section: String,
    pub section_number: usize,
    pub paragraph: usize,
    /// The source page.
    pub source: Option<String>,
    /// The source page, scrolled to the quoted words where browsers support text fragments.
    pub link: Option<String>,
}

/// Words at each end of a long quotation that a text fragment names (`start,end`).
const FRAGMENT_EDGE_WORDS: usize = 4;

/// Text fragment directives reserve `-`, `,` and `&`; encode everything but unreserved marks.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'_').remove(b'~');

impl Citation {
    /// The citation of `paragraph`, linking to `quoted` (a verbatim part of it).
    pub fn new(doc: &Document, paragraph: &Paragraph, quoted: &str) -> Citation {
        let section = doc.section_of(paragraph);
        let meta = &doc.meta;
        let mut source_parts: Vec<String> = Vec::new();
        if let Some(author) = meta.author_name() {
            source_parts.push(author.to_string());
        }
        source_parts.push(crate::text::quoted(&meta.short_title()));
        source_parts.extend(meta.publisher.clone());
        source_parts.extend(meta.published.map(|d| d.long()));
        let text = format!(
            "¶{} · {} — {}",
            paragraph.number,
            section.title,
            source_parts.join(", ")
        );
        let link = meta.url.as_deref().map(|url| link_to(url, quoted));
        Citation {
            text,
            doc: doc.id.clone(),
            title: meta.title.clone(),
            author: meta.author_name().map(str::to_string),
            publisher: meta.publisher.clone(),
            published: meta.published,
            section: section.title.clone(),
            section_number: section.number,
            paragraph: paragraph.number,
            source: meta.url.clone(),
            link,
        }
    }
}

/// `url#:~:text=first%20words,last%20words`; a URL's own fragment is replaced.
pub fn link_to(url: &str, quoted: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let words: Vec<&str> = quoted.split_whitespace().collect();
    if words.is_empty() {
        return base.to_string();
    }
    let encode = |ws: &[&str]| utf8_percent_encode(&ws.join(" "), FRAGMENT).to_string();
    let directive = if words.len() <= 2 * FRAGMENT_EDGE_WORDS {
        encode(&words)
    } else {
        format!(
            "{},{}",
            encode(&words[..FRAGMENT_EDGE_WORDS]),
            encode(&words[words.len() - FRAGMENT_EDGE_WORDS..])
        )
    };
    format!("{base}#:~:text={directive}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_the_ends_of_long_quotes() {
        let link = link_to(
            "http://example.org/a#top",
            "It would seem that nothing could have saved these relations.",
        );
        assert_eq!(
            link,
            "http://example.org/a#:~:text=It%20would%20seem%20that,have%20saved%20these%20relations."
        );
        assert_eq!(
            link_to("http://x.org/", "US-Russia, then"),
            "http://x.org/#:~:text=US%2DRussia%2C%20then"
        );
    }
}
