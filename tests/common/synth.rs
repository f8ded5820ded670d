//! A generated library for load and scale tests: Markdown documents whose paragraphs are
//! sentences of the bundled article reshuffled by a fixed seed, so the vocabulary and sentence
//! shapes are real and every run builds the same library.

#![allow(dead_code)]

use std::path::Path;

/// A tiny deterministic generator (SplitMix64): the same seed gives the same library everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every sentence of the bundled article.
pub fn article_sentences() -> Vec<String> {
    let text = include_str!("../../index/deterrence-or-detente.txt");
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| l.len() > 80) {
        for range in citebot::library::segment_sentences(line) {
            out.push(line[range].to_string());
        }
    }
    out
}

/// Writes `docs` Markdown documents of `paragraphs_each` paragraphs (sections of 10) into `dir`.
pub fn write_library(dir: &Path, docs: usize, paragraphs_each: usize, seed: u64) {
    let sentences = article_sentences();
    let mut rng = Rng::new(seed);
    for d in 0..docs {
        let mut text = format!(
            "---\ntitle: Generated Article {d}\nauthor: Test Author\npublished: 2025-01-{:02}\npublisher: Test Press\nurl: https://example.org/articles/{d}\n---\n\n",
            d % 28 + 1
        );
        for p in 0..paragraphs_each {
            if p % 10 == 0 {
                text.push_str(&format!("## Part {}\n\n", p / 10 + 1));
            }
            let n = 2 + rng.below(3);
            let paragraph: Vec<&str> = (0..n)
                .map(|_| sentences[rng.below(sentences.len())].as_str())
                .collect();
            text.push_str(&paragraph.join(" "));
            text.push_str("\n\n");
        }
        std::fs::write(dir.join(format!("generated-{d:04}.md")), text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The first server id of [`write_servers`]: ids are snowflake-sized, like Discord's.
pub const FIRST_SERVER: u64 = 880_000_000_000_000_000;

/// Writes the bundled article as the host's document and, for each of `servers` servers,
/// `docs` documents of `paragraphs_each` paragraphs under `servers/<id>/`: the layout
/// `/library add` leaves behind.
pub fn write_servers(dir: &Path, servers: usize, docs: usize, paragraphs_each: usize, seed: u64) {
    std::fs::write(
        dir.join("deterrence-or-detente.txt"),
        include_str!("../../index/deterrence-or-detente.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for s in 0..servers {
        let folder = dir
            .join("servers")
            .join((FIRST_SERVER + s as u64).to_string());
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
        write_library(&folder, docs, paragraphs_each, seed.wrapping_add(s as u64));
    }
}

/// A Markdown page of about `words` words (the size `/library add` is measured on).
pub fn page(words: usize, seed: u64) -> String {
    let sentences = article_sentences();
    let mut rng = Rng::new(seed);
    let mut text = String::from("---\ntitle: A Page Added Live\nauthor: Test Author\n---\n\n");
    let mut count = 0;
    let mut in_paragraph = 0;
    while count < words {
        let sentence = &sentences[rng.below(sentences.len())];
        count += sentence.split_whitespace().count();
        text.push_str(sentence);
        in_paragraph += 1;
        text.push_str(if in_paragraph % 3 == 0 { "\n\n" } else { " " });
    }
    text.push('\n');
    text
}
