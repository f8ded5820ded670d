//! Importing the bundled article: the raw web-page text on its own, and with its metadata file.

use std::path::Path;

use citebot::library::{Date, Format, Library, load_dir, parse_document};

const ARTICLE: &str = "index/deterrence-or-detente.txt";

fn bundled() -> Library {
    load_dir(Path::new("index"))
        .unwrap_or_else(|e| panic!("bundled library: {e}"))
        .library
}

#[test]
fn the_raw_text_file_imports_as_it_is() {
    let bytes = std::fs::read(ARTICLE).unwrap_or_else(|e| panic!("{e}"));
    let doc = parse_document(Path::new(ARTICLE), Format::Text, &bytes, None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.id, "deterrence-or-detente");
    assert_eq!(
        doc.meta.title,
        "Deterrence or Deténte? Explaining Trump’s Rapprochement with Russia and Signals to China"
    );
    assert_eq!(
        doc.meta.author.as_deref(),
        Some("Oleksandra Zadesenets, Research Assistant")
    );
    assert_eq!(doc.meta.published, Date::new(2025, 4, 1));
    assert_eq!(doc.meta.category.as_deref(), Some("Asia and Pacific"));
    // The page itself does not say who published it or where: that is the sidecar's job.
    assert_eq!(doc.meta.publisher, None);
    assert_eq!(doc.paragraphs.len(), 29);
    assert_eq!(doc.sections.len(), 5);
}

#[test]
fn sections_and_paragraphs_match_source_md() {
    let library = bundled();
    assert_eq!(library.documents().len(), 1);
    let doc = &library.documents()[0];
    let toc: Vec<(&str, usize, usize)> = doc
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.first, s.last))
        .collect();
    assert_eq!(
        toc,
        vec![
            ("Introduction", 1, 4),
            ("Trump’s New Deal", 5, 14),
            (
                "Hawkish Threats by Dovish Means: Russia as a Tool of Trump’s Geopolitical Strategy",
                15,
                22
            ),
            ("Europe’s Call for Action", 23, 28),
            ("About Oleksandra Zadesenets", 29, 29),
        ]
    );
    assert!(doc.sections[4].is_about);
    assert!(doc.sections[..4].iter().all(|s| !s.is_about));
    for (i, p) in doc.paragraphs.iter().enumerate() {
        assert_eq!(p.number, i + 1);
        assert!(!p.text.is_empty());
        assert_eq!(p.text, p.text.trim());
        // Every paragraph is a line of the file, byte for byte.
        assert!(
            std::fs::read_to_string(ARTICLE)
                .unwrap_or_default()
                .lines()
                .any(|l| l == p.text),
            "¶{} is not verbatim",
            p.number
        );
    }
    assert!(doc.paragraphs[0].text.starts_with("In February 2025"));
    assert!(
        doc.paragraphs[28]
            .text
            .starts_with("Oleksandra Zadesenets is")
    );
}

#[test]
fn metadata_comes_from_the_sidecar() {
    let library = bundled();
    let doc = library
        .get("deterrence-or-detente")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(doc.meta.publisher.as_deref(), Some("Human Security Centre"));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some(
            "http://www.hscentre.org/uncategorized/deterrence-detente-explaining-trumps-rapprochement-russia-signals-china/"
        )
    );
    assert_eq!(
        doc.meta.published.map(|d| d.long()).as_deref(),
        Some("1 April 2025")
    );
    assert_eq!(doc.meta.author_name(), Some("Oleksandra Zadesenets"));
}

#[test]
fn sentences_cover_each_paragraph_in_order() {
    let library = bundled();
    let doc = &library.documents()[0];
    for p in &doc.paragraphs {
        assert!(!p.sentences.is_empty());
        let mut last_end = 0;
        for r in &p.sentences {
            assert!(r.start >= last_end && r.end > r.start);
            let s = &p.text[r.clone()];
            assert_eq!(s, s.trim());
            // Between sentences there is only whitespace.
            assert!(p.text[last_end..r.start].trim().is_empty());
            last_end = r.end;
        }
        assert_eq!(last_end, p.text.len());
    }
    // ¶4: "It would seem … relations. Yet, what … 2025? The answer … before."
    assert_eq!(doc.paragraphs[3].sentences.len(), 3);
}

#[test]
fn sections_are_found_forgivingly() {
    let library = bundled();
    let doc = &library.documents()[0];
    let find = |typed: &str| doc.find_section(typed).map(|s| s.number);
    assert_eq!(find("2"), Some(2));
    assert_eq!(find("§3"), Some(3));
    assert_eq!(find("trump's new deal"), Some(2));
    assert_eq!(find("TRUMP’S"), Some(2));
    assert_eq!(find("dovish"), Some(3));
    assert_eq!(find("europes call"), Some(4));
    assert_eq!(find("europe's call"), Some(4));
    assert_eq!(find("Europe’s"), Some(4));
    assert_eq!(find("intro"), Some(1));
    assert_eq!(find("about"), Some(5));
    assert_eq!(find("nothing like this"), None);
    assert_eq!(find("9"), None);
}

#[test]
fn an_id_prefix_beats_a_word_in_a_title() {
    let other = parse_document(
        Path::new("trumps-new-deal.md"),
        Format::Markdown,
        b"# The New Deal with Russia\n\nA paragraph about something else entirely.\n",
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut docs = bundled().documents().to_vec();
    docs.push(std::sync::Arc::new(other));
    let library = Library::shared(docs);
    let ids =
        |typed: &str| -> Vec<String> { library.find(typed).iter().map(|d| d.id.clone()).collect() };
    // "Trump’s" is a word of the bundled article's title; "trumps-" starts the other's id.
    assert_eq!(ids("trumps"), vec!["trumps-new-deal"]);
    assert_eq!(ids("TRUMPS-NEW"), vec!["trumps-new-deal"]);
    assert_eq!(ids("rapprochement"), vec!["deterrence-or-detente"]);
    assert_eq!(ids("the new deal with russia"), vec!["trumps-new-deal"]);
    // A real tie still asks which: "Russia" is a word of both titles and starts neither id.
    assert_eq!(ids("russia").len(), 2);
}
