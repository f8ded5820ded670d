//! What a copied web page looks like, whatever format it arrives in: a header (title, byline,
//! date, share buttons, a lead image) before the article's first paragraph, page furniture
//! between and after, captions under images, footnotes and back matter after the body.
//!
//! The format readers (Markdown, plain text) turn a file into [`RawBlock`]s; [`clean`] keeps
//! the article a reader would count — its headings and paragraphs — and reports what it left
//! out. The rules are the ones `tests/data/quality/README.md` states for counting paragraphs.

mod furniture;
mod header;

use super::load::Block;
use crate::analysis::fold;

pub use header::{byline, is_breadcrumb, parse_date_line, site_after_date, writers_only};

/// A block of a document as its format reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: Kind,
    /// Visible text: markup removed, whitespace runs collapsed to one space, trimmed.
    pub text: String,
    /// 1-based line where the block starts.
    pub line: usize,
    /// Every visible character is inside a link (navigation, related articles).
    pub links_only: bool,
}

#[cfg(test)]
impl RawBlock {
    /// A paragraph of `text` at `line`: what most tests of the page rules start from.
    pub(crate) fn paragraph(text: &str, line: usize) -> Self {
        RawBlock {
            kind: Kind::Paragraph,
            text: text.to_string(),
            line,
            links_only: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A heading, level 1–6 (plain text headings are level 2).
    Heading(u8),
    Paragraph,
    /// A list item; each is a paragraph of its own.
    Item {
        ordered: bool,
    },
    /// A block quote; the whole quote is one paragraph.
    Quote,
    /// An image with no text beside it.
    Image,
    /// An HTML `<figure>`: a picture whose caption, if any, the page marks itself.
    Figure,
    /// Text the page marks as a caption (`<figcaption>`, or any text inside a `<figure>`).
    Caption,
    /// A horizontal rule.
    Rule,
    /// A subtitle the page itself marks as one, whatever element it is set in: a heading under
    /// the headline that the page's description repeats (Medium's).
    Standfirst,
    /// Something that is not prose and is never quoted.
    Skipped(Skipped),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    Table,
    Code,
    Html,
    /// A note the page marks as one (HTML only).
    Footnote,
    /// A pull quote: words of the article set again beside it (HTML only).
    Repeat,
    /// A teaser for another story between paragraphs: a bold label and a headline (HTML only).
    Teaser,
}

/// Something the importer left out on purpose, so a moderator can see what was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub line: usize,
    pub what: DropKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DropKind {
    /// Navigation, share buttons, counters, subscribe prompts, labels.
    Furniture,
    Caption,
    Table,
    Code,
    Html,
    Footnote,
    /// Acknowledgements, references, related articles, comments: the rest of the page.
    BackMatter,
    /// A standfirst or subtitle under the title.
    Standfirst,
    /// A salutation before the body ("To the People of the State of New York:") or a
    /// signature after it ("PUBLIUS.").
    Address,
    /// Words of the article set again beside it.
    PullQuote,
}

impl DropKind {
    pub fn describe(self) -> &'static str {
        match self {
            DropKind::Furniture => "page furniture (navigation, buttons, labels)",
            DropKind::Caption => "image caption",
            DropKind::Table => "table",
            DropKind::Code => "code block",
            DropKind::Html => "raw HTML",
            DropKind::Footnote => "footnote",
            DropKind::BackMatter => "back matter (acknowledgements, references, related links)",
            DropKind::Standfirst => "standfirst under the title",
            DropKind::Address => "salutation or signature",
            DropKind::PullQuote => "pull quote repeating the article",
        }
    }
}

/// What the page's own header says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub category: Option<String>,
}

/// The article: header fields, headings and paragraphs in order, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub header: Header,
    pub blocks: Vec<Block>,
    pub dropped: Vec<Dropped>,
}

/// Keeps the article of a page. `known_title` (from front matter or a sidecar) lets the title
/// be recognised wherever the page repeats it; without one, the first heading of level
/// `title_level` or above in the header is the title (1 for Markdown's `#`; plain text has only
/// one level of heading, 2).
pub fn clean(
    blocks: &[RawBlock],
    known_title: Option<&str>,
    known_author: Option<&str>,
    title_level: u8,
) -> Article {
    clean_marked(blocks, known_title, known_author, title_level, false)
}

/// [`clean`] for a format that marks its standfirst itself (HTML: an article's `<header>`, a
/// deck's class, the description it repeats). There the first paragraph before a picture is
/// the article's, as on MSN, where a picture follows every few paragraphs; only text that
/// cannot mark one is read for "the one paragraph between the title and a lead image".
pub fn clean_marked(
    blocks: &[RawBlock],
    known_title: Option<&str>,
    known_author: Option<&str>,
    title_level: u8,
    marks_standfirst: bool,
) -> Article {
    let mut article = Article::default();
    let start = body_start(blocks, known_title, title_level, marks_standfirst);
    let header = header::read(
        &blocks[..start],
        known_title,
        title_level,
        &mut article.dropped,
    );
    article.header = header.fields;
    if let Some((title, line)) = header.first_section {
        article.blocks.push(Block::Heading { title, line });
    }
    let author = known_author
        .map(str::to_string)
        .or_else(|| article.header.author.clone());
    body(blocks, start, author.as_deref(), &mut article);
    article
}

/// Verbs that open an author's note about themselves at the end of a page ("Nelson D.
/// Schwartz has covered economics since 2012.").
const BIO_VERBS: &[&str] = &[
    "covers", "has", "is", "was", "writes", "wrote", "reports", "reported", "edits", "teaches",
    "lives",
];

/// How an author's thanks open, at the foot of a post ("The author would like to thank Andrea
/// Marchesini, …"): acknowledgements, back matter like a heading "Acknowledgements" would be.
/// Not "Thanks to …" alone, which as often gives a cause ("Thanks to the new law, …").
const THANKS: &[&str] = &[
    "i thank",
    "i would like to thank",
    "many thanks to",
    "special thanks to",
    "the author thanks",
    "the author would like to thank",
    "the authors thank",
    "the authors would like to thank",
    "we thank",
    "we would like to thank",
];

/// A paragraph about one of the article's authors (it opens with their name and a verb from
/// [`BIO_VERBS`]: "Stella Kim reported from Seoul, …", "Stella Kim is an NBC News freelance
/// producer"), an author card's name alone, the author's thanks ([`THANKS`]), or the credit of
/// those who helped ("Abigail Williams and Beomsu Jo contributed."). Only looked for among the
/// article's last blocks of prose.
fn is_author_note(block: &RawBlock, author: Option<&str>) -> bool {
    if block.kind != Kind::Paragraph {
        return false;
    }
    let head: String = block.text.chars().take(40).collect();
    let head = fold(&head);
    if THANKS.iter().any(|t| head.starts_with(&format!("{t} "))) || is_contributors_line(block) {
        return true;
    }
    let Some(author) = author else {
        return false;
    };
    if is_closing_byline(&block.text, author) {
        return true;
    }
    writers(author).any(|name| {
        let head = fold(&opening_unbracketed(&block.text, name.len() + 24));
        head == name
            || head
                .strip_prefix(name.as_str())
                .and_then(|rest| rest.split(' ').find(|w| !w.is_empty()))
                .is_some_and(|verb| BIO_VERBS.contains(&verb))
    })
}

/// The first `chars` characters of `text` outside brackets: "Jeff Foust (jeff@thespacereview.com)
/// is the editor …" opens "Jeff Foust  is the editor", an address after the name not its verb.
fn opening_unbracketed(text: &str, chars: usize) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .take(chars)
        .collect()
}

/// "Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.": a blog post's closing
/// byline, naming one of its writers. What follows it is the blog's own (comments, a licence, a
/// site-wide disclaimer).
fn is_closing_byline(text: &str, author: &str) -> bool {
    const OPENINGS: &[&str] = &["posted ", "published "];
    const MAX_WORDS: usize = 20;
    if text.split_whitespace().nth(MAX_WORDS).is_some() {
        return false;
    }
    let folded = fold(text);
    OPENINGS.iter().any(|o| folded.starts_with(o))
        && writers(author).any(|name| folded.contains(&format!("by {name}")))
}

/// Each writer of a byline of several ("Stella Kim, Jennifer Jett"; "… and …"), folded; a
/// single word is too little of a name to recognise a note by.
fn writers(author: &str) -> impl Iterator<Item = String> + '_ {
    author
        .split(", ")
        .flat_map(|a| a.split(" and "))
        .map(fold)
        .filter(|a| a.split(' ').count() >= 2)
}

/// "Abigail Williams and Beomsu Jo contributed.", "… contributed reporting.", "… contributed to
/// this report.": a short line crediting those who helped with the story.
fn is_contributors_line(block: &RawBlock) -> bool {
    // Who contributed are names: every word capitalised but the "and"s between them.
    let names = |words: &[&str]| {
        !words.is_empty()
            && words.iter().all(|w| {
                matches!(*w, "and" | "&") || w.chars().next().is_some_and(char::is_uppercase)
            })
    };
    // "Contributing: Kristine Phillips", as USA Today closes a story.
    if let Some((label, listed)) = block.text.split_once(':')
        && matches!(
            label.trim().to_lowercase().as_str(),
            "contributing" | "contributors" | "contributing writers"
        )
    {
        let listed: Vec<&str> = listed.split_whitespace().collect();
        return listed.len() <= 16 && names(&listed);
    }
    let words: Vec<&str> = block.text.split_whitespace().collect();
    let Some(at) = words
        .iter()
        .position(|w| w.trim_end_matches('.') == "contributed")
    else {
        return false;
    };
    let rest = fold(&words[at + 1..].join(" "));
    words.len() <= 16
        && names(&words[..at])
        && matches!(rest.as_str(), "" | "reporting" | "to this report")
}

/// A closing "About the author" box that holds only the author's name and role ("Scott
/// Cunningham" / "Senior Vice President of Technology…"), with no sentence: the site's byline
/// card, not a section of the article. An "About" section written as prose (the bundled
/// article's "Oleksandra Zadesenets is an undergraduate student…") is the author's and stays.
fn is_byline_box(blocks: &[RawBlock], heading: usize) -> bool {
    // Every heading is asked: the rest of the page is looked at only under an "About" one.
    if !starts_with_about(&blocks[heading].text) {
        return false;
    }
    let rest = &blocks[heading + 1..];
    let text: Vec<&RawBlock> = rest
        .iter()
        .filter(|b| matches!(b.kind, Kind::Paragraph | Kind::Quote | Kind::Item { .. }))
        .collect();
    !rest.iter().any(|b| matches!(b.kind, Kind::Heading(_)))
        && !text.is_empty()
        && text.len() <= 3
        && text.iter().all(|b| !ends_like_a_sentence(&b.text))
}

/// The rest of the page, from an author's note or byline card on, is back matter.
fn drop_rest(rest: &[RawBlock], dropped: &mut Vec<Dropped>) {
    dropped.extend(rest.iter().map(|b| Dropped {
        line: b.line,
        what: DropKind::BackMatter,
    }));
}

fn starts_with_about(heading: &str) -> bool {
    let folded = fold(heading);
    folded == "about" || folded.starts_with("about ")
}

/// A paragraph a reader would call the article's prose, as opposed to a header line.
fn is_prose(block: &RawBlock) -> bool {
    if !matches!(block.kind, Kind::Paragraph | Kind::Quote) || block.links_only {
        return false;
    }
    let words = block.text.split_whitespace().take(20).count();
    words >= 20 || (words >= 8 && ends_like_a_sentence(&block.text))
}

/// Does the paragraph at `i` go on with the sentence `kept`, the paragraph kept right before it,
/// left unfinished? A page may set one paragraph as two blocks mid-sentence ("… tortured before
/// an English crowd" / "that's hissing and calling for more blood"); a reader reads, and counts,
/// one.
fn continues(blocks: &[RawBlock], i: usize, kept: &str) -> bool {
    let block = &blocks[i];
    block.kind == Kind::Paragraph
        && block.text.chars().next().is_some_and(char::is_lowercase)
        && previous_content(blocks, i).is_some_and(|p| {
            blocks[p].kind == Kind::Paragraph && blocks[p].text == kept && !blocks[p].links_only
        })
        && kept.chars().last().is_some_and(char::is_alphanumeric)
}

pub(crate) fn ends_like_a_sentence(text: &str) -> bool {
    let last = text
        .trim()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_'])
        .chars()
        .last();
    matches!(last, Some('.' | '!' | '?' | '…' | ':' | ';'))
}

/// Index of the first block of the body: the first prose paragraph that is not a caption or a
/// standfirst. A page with no such paragraph (a short note, a list) starts after its leading
/// header lines instead.
fn body_start(
    blocks: &[RawBlock],
    known_title: Option<&str>,
    title_level: u8,
    marks_standfirst: bool,
) -> usize {
    let mut from = 0;
    let mut standfirst_seen = false;
    loop {
        let Some(i) = (from..blocks.len()).find(|&i| {
            is_prose(&blocks[i])
                && !is_caption(blocks, i)
                && !furniture::is_furniture(&blocks[i])
                && !is_salutation(blocks, i)
        }) else {
            return header::leading_header_len(blocks, known_title, title_level);
        };
        // A standfirst: the one prose paragraph between the title and a lead image.
        if !marks_standfirst && !standfirst_seen && next_is_image(blocks, i) {
            standfirst_seen = true;
            from = i + 1;
            continue;
        }
        return i;
    }
}

/// A letter's or speech's address to its readers before the first paragraph ("My fellow
/// Americans:", "To the People of the State of New York:"): one short line ending in a colon,
/// with prose (not a list it would introduce) right after it.
fn is_salutation(blocks: &[RawBlock], i: usize) -> bool {
    let block = &blocks[i];
    block.kind == Kind::Paragraph
        && block.text.trim_end().ends_with(':')
        && block.text.split_whitespace().count() < 20
        && next_content(blocks, i).is_some_and(|j| is_prose(&blocks[j]))
}

/// A signature closing the body ("PUBLIUS.", "— J. R."): a last paragraph of at most three
/// words, signed with a dash or in capitals. A short closing sentence ("So it goes.") stays.
fn is_signature(blocks: &[RawBlock], i: usize) -> bool {
    let block = &blocks[i];
    let text = block.text.trim();
    // Cheapest first: this is asked of every paragraph, and few are three words long.
    if block.kind != Kind::Paragraph || i == 0 || text.split_whitespace().nth(3).is_some() {
        return false;
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let signed = text.starts_with(['—', '–', '-', '~'])
        || (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()));
    signed && next_content(blocks, i).is_none()
}

/// For each block: a list item that is only a link, kept because the list it stands in says
/// something of its own. Such an item is otherwise navigation ("Related: …"); here it is a list
/// of API names, each linked to its reference, beside items with words of their own
/// ("ArrayBuffer", "ArrayBufferView (Uint8Array and friends)", …). Each run of items is looked
/// at once, so a page of a hundred thousand linked items costs no more than reading them.
fn linked_items_kept(blocks: &[RawBlock]) -> Vec<bool> {
    let mut kept = vec![false; blocks.len()];
    let mut start = 0;
    while start < blocks.len() {
        let run = blocks[start..]
            .iter()
            .take_while(|b| matches!(b.kind, Kind::Item { .. }))
            .count();
        if run == 0 {
            start += 1;
            continue;
        }
        let items = start..start + run;
        let says = blocks[items.clone()]
            .iter()
            .any(|b| !b.links_only && !furniture::is_furniture(b));
        if says {
            for i in items {
                kept[i] = blocks[i].links_only;
            }
        }
        start += run;
    }
    kept
}

/// The next block that is not furniture, after `i`.
fn next_content(blocks: &[RawBlock], i: usize) -> Option<usize> {
    (i + 1..blocks.len()).find(|&j| !furniture::is_furniture(&blocks[j]))
}

fn previous_content(blocks: &[RawBlock], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !furniture::is_furniture(&blocks[j]))
}

fn next_is_image(blocks: &[RawBlock], i: usize) -> bool {
    next_content(blocks, i).is_some_and(|j| matches!(blocks[j].kind, Kind::Image | Kind::Figure))
}

/// The text right under an image, or a paragraph that names itself a figure ("Figure 2: …").
fn is_caption(blocks: &[RawBlock], i: usize) -> bool {
    let block = &blocks[i];
    let is_item = |j: usize| {
        blocks
            .get(j)
            .is_some_and(|b| matches!(b.kind, Kind::Item { .. }))
    };
    // Some sites set a caption as a list of one item under the picture (The Guardian).
    let lone_item = is_item(i) && !is_item(i + 1) && (i == 0 || !is_item(i - 1));
    if block.kind != Kind::Paragraph && !lone_item {
        return false;
    }
    // Counted only as far as the rules below look.
    let words = block.text.split_whitespace().take(101).count();
    // Only a figure's own label makes a long paragraph a caption; the rest asks for a short one.
    if words > 100 {
        return names_a_figure(&block.text);
    }
    // Under a picture a short paragraph is its caption. An HTML figure marks its own caption
    // (`<figcaption>`), so the paragraph after one is the article going on, unless it is set
    // apart as a list of one.
    let above = previous_content(blocks, i).map(|j| blocks[j].kind);
    let under_image = above == Some(Kind::Image);
    let under_figure = above == Some(Kind::Figure);
    // A caption says what the picture shows in a sentence or two; three or more under a
    // picture are the article starting ("We all buy things … It's okay to … If you struggle
    // …", under a Lifehacker post's lead image).
    let short = |text: &str| words <= 60 && super::sentences::segment(text).len() <= 2;
    (under_image && short(&block.text))
        || (lone_item && (under_image || under_figure) && words <= 100)
        || names_a_figure(&block.text)
        || (block.kind == Kind::Paragraph && words <= 60 && ends_with_a_credit(&block.text))
}

/// Agencies that credit news pictures and video, as captions name them.
const AGENCIES: &[&str] = &[
    "ap",
    "afp",
    "bloomberg",
    "epa",
    "getty",
    "getty images",
    "reuters",
    "shutterstock",
];

/// A caption as news sites end one, with its credit in brackets: "… general election. (Thomas
/// Coex/AFP/Getty Images)", "… a shift to the right. (Reuters)". Found where a video player
/// or gallery left its caption as a plain paragraph.
fn ends_with_a_credit(text: &str) -> bool {
    let Some(inner) = text.trim_end().strip_suffix(')') else {
        return false;
    };
    let Some((before, credit)) = inner.rsplit_once('(') else {
        return false;
    };
    let folded = fold(credit);
    // The caption's own sentence ends before the credit starts.
    ends_like_a_sentence(before)
        && credit.split_whitespace().count() <= 6
        && (credit.contains('/')
            || AGENCIES.contains(&folded.as_str())
            || folded.split(' ').any(|w| w == "photo" || w == "photograph"))
}

fn names_a_figure(text: &str) -> bool {
    // Every label below starts with one of these letters; most paragraphs need no folding. (A
    // letter outside ASCII may fold to one of them, so it is folded.)
    match text.chars().find(|c| c.is_alphanumeric()) {
        None => return false,
        Some(c) if c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'f' | 'c' | 'i' | 'p') => {
            return false;
        }
        Some(_) => {}
    }
    // Only its first words matter; folding a whole paragraph would cost as much as indexing it.
    let head: String = text.chars().take(32).collect();
    let folded = fold(&head);
    let mut words = folded.split(' ');
    matches!(
        words.next(),
        Some("figure" | "fig" | "chart" | "image" | "photo")
    ) && words
        .next()
        .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        && text
            .chars()
            .take(16)
            .any(|c| matches!(c, ':' | '.' | '—' | '–'))
}

/// A footnote as pages render them: a list item ending in a return arrow, or a paragraph that
/// opens with a note mark.
fn is_footnote(block: &RawBlock) -> bool {
    // The arrow may carry a variation selector (↩︎ is U+21A9 U+FE0E).
    let text = block.text.trim_end();
    if text
        .trim_end_matches(['\u{fe0e}', '\u{fe0f}'])
        .ends_with('↩')
    {
        return true;
    }
    block.kind == Kind::Paragraph && text.starts_with(['*', '†', '‡'])
}

fn body(blocks: &[RawBlock], start: usize, author: Option<&str>, article: &mut Article) {
    let dropped = &mut article.dropped;
    // Authors' notes close a page: from the first one among the last blocks of prose, the rest
    // is back matter. The notes themselves do not use up the look back, so a run of them (a
    // reporters' note, two author cards, a contributors line) is found whole.
    let mut other = 0;
    // A note giving the author's e-mail address ("Jeff Foust (jeff@…) is the editor …") reads
    // as furniture too, and still closes the page.
    let note_from = (start..blocks.len())
        .rev()
        .filter(|&i| {
            matches!(blocks[i].kind, Kind::Paragraph)
                && (!furniture::is_furniture(&blocks[i]) || is_author_note(&blocks[i], author))
        })
        .map(|i| (i, is_author_note(&blocks[i], author)))
        .take_while(|&(_, note)| {
            if !note {
                other += 1;
            }
            other <= 3
        })
        .filter(|&(i, note)| note && i > start)
        .map(|(i, _)| i)
        .min()
        .filter(|&i| {
            // A heading after it opens more of the article; a link in a heading's place (a
            // site's "Home") does not.
            !blocks[i..]
                .iter()
                .any(|b| matches!(b.kind, Kind::Heading(_)) && !b.links_only)
                // Under an "About …" heading, the author's note is a section the article gives
                // them, and stays (see `is_byline_box`).
                && !blocks[start..i]
                    .iter()
                    .rev()
                    .find(|b| matches!(b.kind, Kind::Heading(_)))
                    .is_some_and(|h| starts_with_about(&h.text))
        });
    let linked_kept = linked_items_kept(blocks);
    let mut next_note = 1usize;
    let mut i = start;
    while i < blocks.len() {
        let block = &blocks[i];
        if note_from == Some(i) {
            drop_rest(&blocks[i..], dropped);
            return;
        }
        let drop = |dropped: &mut Vec<Dropped>, what| {
            dropped.push(Dropped {
                line: block.line,
                what,
            })
        };
        match block.kind {
            Kind::Heading(_) if furniture::is_back_matter(&block.text) => {
                drop(dropped, DropKind::BackMatter);
                return;
            }
            // "More Great WIRED Stories" over a list of them: a box of other stories, wherever
            // it stands; the article may go on after it.
            Kind::Heading(_) | Kind::Paragraph if furniture::is_related_label(&block.text) => {
                drop(dropped, DropKind::BackMatter);
                while let Some(item) = blocks
                    .get(i + 1)
                    .filter(|b| matches!(b.kind, Kind::Item { .. }))
                {
                    dropped.push(Dropped {
                        line: item.line,
                        what: DropKind::BackMatter,
                    });
                    i += 1;
                }
            }
            Kind::Heading(_) if is_byline_box(blocks, i) => {
                drop_rest(&blocks[i..], dropped);
                return;
            }
            Kind::Heading(_) if furniture::is_furniture(block) => {
                drop(dropped, DropKind::Furniture)
            }
            Kind::Heading(_) => article.blocks.push(Block::Heading {
                title: block.text.clone(),
                line: block.line,
            }),
            Kind::Rule => {
                // Notes under a rule run to the next heading.
                let first = (i + 1..blocks.len())
                    .find(|&j| !matches!(blocks[j].kind, Kind::Skipped(_)))
                    .filter(|&j| is_footnote(&blocks[j]));
                if first.is_some() {
                    let end = (i + 1..blocks.len())
                        .find(|&j| matches!(blocks[j].kind, Kind::Heading(_)))
                        .unwrap_or(blocks.len());
                    for b in &blocks[i + 1..end] {
                        dropped.push(Dropped {
                            line: b.line,
                            what: DropKind::Footnote,
                        });
                    }
                    i = end;
                    continue;
                }
            }
            Kind::Image | Kind::Figure => {}
            Kind::Caption => drop(dropped, DropKind::Caption),
            Kind::Standfirst => drop(dropped, DropKind::Standfirst),
            Kind::Skipped(Skipped::Table) => drop(dropped, DropKind::Table),
            Kind::Skipped(Skipped::Code) => drop(dropped, DropKind::Code),
            Kind::Skipped(Skipped::Html) => drop(dropped, DropKind::Html),
            Kind::Skipped(Skipped::Footnote) => drop(dropped, DropKind::Footnote),
            Kind::Skipped(Skipped::Repeat) => drop(dropped, DropKind::PullQuote),
            Kind::Skipped(Skipped::Teaser) => drop(dropped, DropKind::BackMatter),
            Kind::Paragraph | Kind::Item { .. } | Kind::Quote => {
                if block.kind == Kind::Paragraph
                    && block.text == next_note.to_string()
                    && blocks.get(i + 1).is_some_and(|n| {
                        n.kind == Kind::Paragraph && !n.text.chars().all(|c| c.is_ascii_digit())
                    })
                {
                    // "1" on a line of its own, then the note: Substack's footnotes.
                    drop(dropped, DropKind::Footnote);
                    dropped.push(Dropped {
                        line: blocks[i + 1].line,
                        what: DropKind::Footnote,
                    });
                    next_note += 1;
                    i += 2;
                    continue;
                }
                if furniture::is_furniture(block) && !linked_kept[i] {
                    drop(dropped, DropKind::Furniture);
                } else if is_signature(blocks, i) {
                    drop(dropped, DropKind::Address);
                } else if is_caption(blocks, i) {
                    drop(dropped, DropKind::Caption);
                    // A photo credit may follow the caption.
                    if let Some(j) = next_content(blocks, i).filter(|&j| j == i + 1)
                        && blocks[j].kind == Kind::Paragraph
                        && blocks[j].text.split_whitespace().count() <= 8
                        && !ends_like_a_sentence(&blocks[j].text)
                    {
                        dropped.push(Dropped {
                            line: blocks[j].line,
                            what: DropKind::Caption,
                        });
                        i = j;
                    }
                } else if is_footnote(block) {
                    drop(dropped, DropKind::Footnote);
                } else if let Some(Block::Paragraph { text, .. }) = article.blocks.last_mut()
                    && continues(blocks, i, text)
                {
                    text.push(' ');
                    text.push_str(&block.text);
                } else {
                    article.blocks.push(Block::Paragraph {
                        text: block.text.clone(),
                        line: block.line,
                    });
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str, line: usize) -> RawBlock {
        RawBlock::paragraph(text, line)
    }

    fn h(text: &str, line: usize) -> RawBlock {
        RawBlock {
            kind: Kind::Heading(2),
            ..p(text, line)
        }
    }

    const PROSE: &str = "This is the first paragraph of the article, and it reads like prose.";

    fn paragraphs(article: &Article) -> Vec<&str> {
        article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.as_str()),
                Block::Heading { .. } => None,
            })
            .collect()
    }

    #[test]
    fn the_header_is_read_and_left_out() {
        let blocks = vec![
            h("A Title", 1),
            p("By Jane Roe | 3 March 2025", 3),
            p("Share", 5),
            p(PROSE, 7),
        ];
        let article = clean(&blocks, None, None, 2);
        assert_eq!(article.header.title.as_deref(), Some("A Title"));
        assert_eq!(article.header.author.as_deref(), Some("Jane Roe"));
        assert_eq!(article.header.published.as_deref(), Some("3 March 2025"));
        assert_eq!(paragraphs(&article), vec![PROSE]);
    }

    #[test]
    fn a_standfirst_before_the_lead_image_and_its_caption_are_not_paragraphs() {
        let image = RawBlock {
            kind: Kind::Image,
            ..p("", 5)
        };
        let blocks = vec![
            h("A Title", 1),
            p(
                "A standfirst that sums the article up in one long sentence for readers.",
                3,
            ),
            image,
            p("What the picture shows.", 6),
            p("Photographer/Agency", 7),
            h("Introduction", 8),
            p(PROSE, 9),
        ];
        let article = clean(&blocks, Some("A Title"), None, 1);
        assert_eq!(paragraphs(&article), vec![PROSE]);
        assert!(
            matches!(&article.blocks[0], Block::Heading { title, .. } if title == "Introduction")
        );
    }

    #[test]
    fn a_standfirst_the_page_marks_is_neither_a_section_nor_a_paragraph() {
        let standfirst = "Welcome to DoctorX’s Barcelona lab, where the drugs you bought online \
                          are tested for safety and purity. No questions asked.";
        let blocks = vec![
            h("Inside the Deep Web Drug Lab", 1),
            RawBlock {
                kind: Kind::Standfirst,
                ..p(standfirst, 2)
            },
            p(PROSE, 3),
            h("Opting out?", 4),
            p(PROSE, 5),
        ];
        let article = clean(&blocks, Some("Inside the Deep Web Drug Lab"), None, 2);
        let headings: Vec<&str> = article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { title, .. } => Some(title.as_str()),
                Block::Paragraph { .. } => None,
            })
            .collect();
        assert_eq!(headings, vec!["Opting out?"]);
        assert_eq!(paragraphs(&article), vec![PROSE, PROSE]);
        assert!(
            article
                .dropped
                .iter()
                .any(|d| d.line == 2 && d.what == DropKind::Standfirst)
        );
    }

    #[test]
    fn three_sentences_under_a_picture_are_the_article_and_a_photo_credit_is_not() {
        let image = |line| RawBlock {
            kind: Kind::Image,
            ..p("", line)
        };
        let opening = "We all buy things we do not need. It is fine now and then. If you \
                       struggle with it, here is how to change your mind.";
        let blocks = vec![
            image(1),
            p(opening, 2),
            h("First Step", 3),
            image(4),
            p("What the picture shows, in a sentence.", 5),
            p(PROSE, 6),
            p("Photos by cmgirl (Shutterstock), J E Theriot, davidd.", 7),
        ];
        let article = clean(&blocks, None, None, 1);
        assert_eq!(paragraphs(&article), vec![opening, PROSE]);
    }

    #[test]
    fn footnotes_and_back_matter_are_left_out() {
        let blocks = vec![
            p(PROSE, 1),
            p("Second paragraph of the body, ending the article.", 3),
            p("1", 5),
            p("The first note.", 7),
            p("2", 9),
            p("The second note.", 11),
            h("References", 13),
            p("A list of references that is not the article.", 15),
        ];
        let article = clean(&blocks, None, None, 1);
        assert_eq!(paragraphs(&article).len(), 2);
        assert!(
            article
                .dropped
                .iter()
                .any(|d| d.what == DropKind::BackMatter)
        );
        assert_eq!(
            article
                .dropped
                .iter()
                .filter(|d| d.what == DropKind::Footnote)
                .count(),
            4
        );
    }

    #[test]
    fn a_letters_subtitle_dateline_salutation_and_signature_are_not_paragraphs() {
        let blocks = vec![
            h("The Federalist Papers : No. 1", 1),
            h("General Introduction", 3),
            h("For the Independent Journal. Saturday, October 27, 1787", 5),
            p("Author: Alexander Hamilton", 7),
            p("To the People of the State of New York:", 9),
            p(PROSE, 11),
            p(
                "I propose to discuss the following interesting particulars:",
                13,
            ),
            p(PROSE, 15),
            p("PUBLIUS.", 17),
        ];
        let article = clean(&blocks, None, None, 2);
        assert_eq!(
            article.header.title.as_deref(),
            Some("The Federalist Papers : No. 1")
        );
        assert_eq!(
            article.header.published.as_deref(),
            Some("Saturday, October 27, 1787")
        );
        assert_eq!(article.header.author.as_deref(), Some("Alexander Hamilton"));
        // No section: the subtitle belongs to the header.
        assert!(
            article
                .blocks
                .iter()
                .all(|b| matches!(b, Block::Paragraph { .. }))
        );
        // A colon inside the body still introduces what follows.
        assert_eq!(paragraphs(&article).len(), 3);
        assert_eq!(
            article
                .dropped
                .iter()
                .filter(|d| d.what == DropKind::Address)
                .map(|d| d.line)
                .collect::<Vec<_>>(),
            vec![9, 17]
        );
    }

    #[test]
    fn a_paragraph_set_as_two_blocks_mid_sentence_is_one() {
        let blocks = vec![
            p(PROSE, 1),
            p(
                "In the final scene, the hero is tortured before an English crowd",
                3,
            ),
            p(
                "that’s hissing and calling for more blood — up until a point.",
                5,
            ),
            p(
                "a lowercase opening after a finished sentence stays apart.",
                7,
            ),
        ];
        let article = clean(&blocks, None, None, 1);
        assert_eq!(
            paragraphs(&article)[1..],
            [
                "In the final scene, the hero is tortured before an English crowd that’s hissing \
                 and calling for more blood — up until a point.",
                "a lowercase opening after a finished sentence stays apart."
            ]
        );
    }

    #[test]
    fn a_contributing_line_is_no_paragraph() {
        assert!(is_contributors_line(&p(
            "Contributing: Kristine Phillips",
            1
        )));
        assert!(is_contributors_line(&p(
            "Contributors: Jane Roe and John Doe",
            1
        )));
        assert!(!is_contributors_line(&p(
            "Contributing: the rise in costs was the main cause.",
            1
        )));
    }

    #[test]
    fn a_short_closing_sentence_is_not_a_signature() {
        let blocks = vec![p(PROSE, 1), h("Coda", 3), p("So it goes.", 5)];
        assert_eq!(paragraphs(&clean(&blocks, None, None, 1)).len(), 2);
    }

    #[test]
    fn a_list_of_one_item_under_a_picture_is_its_caption_a_longer_list_is_not() {
        let image = |line| RawBlock {
            kind: Kind::Image,
            ..p("", line)
        };
        let item = |text: &str, line| RawBlock {
            kind: Kind::Item { ordered: false },
            ..p(text, line)
        };
        let blocks = vec![
            p(PROSE, 0),
            p(PROSE, 1),
            image(2),
            item("The farm where he was born and grew up", 3),
            p(PROSE, 4),
            image(5),
            item("First point of a list the article makes.", 6),
            item("Second point of the same list.", 7),
        ];
        let article = clean(&blocks, None, None, 1);
        assert_eq!(paragraphs(&article).len(), 5);
        assert!(
            article
                .dropped
                .iter()
                .any(|d| d.line == 3 && d.what == DropKind::Caption)
        );
    }

    #[test]
    fn a_blogs_closing_byline_ends_the_post() {
        let disclaimer = "Both previously and presently, I have been employed by various \
                          organizations; these are my views, not theirs.";
        let blocks = vec![
            p(PROSE, 1),
            p(
                "Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.",
                2,
            ),
            p(disclaimer, 3),
            p("ebb ℠ is a service mark of Bradley M. Kuhn.", 4),
        ];
        let article = clean(&blocks, None, Some("Bradley M. Kuhn"), 1);
        assert_eq!(paragraphs(&article), vec![PROSE]);
        // A sentence that tells of a post by someone else is the article's.
        let told = vec![
            p(PROSE, 1),
            p(
                "Posted by Jane Roe in 2019, the essay drew a thousand replies.",
                2,
            ),
            p(disclaimer, 3),
        ];
        assert_eq!(
            paragraphs(&clean(&told, None, Some("Bradley M. Kuhn"), 1)).len(),
            3
        );
    }

    #[test]
    fn an_authors_note_at_the_end_is_back_matter() {
        let blocks = vec![
            p(PROSE, 1),
            p(
                "Jane Roe has covered economics since 2012. She joined in 2007.",
                2,
            ),
            p("A version of this article appears in print on Page A1.", 3),
        ];
        let article = clean(&blocks, None, Some("Jane Roe"), 1);
        assert_eq!(paragraphs(&article), vec![PROSE]);
        // Without the author's name nothing marks it.
        assert_eq!(paragraphs(&clean(&blocks, None, None, 1)).len(), 2);
        // A note with the author's address closes the page too, and what follows it goes.
        let addressed = vec![
            p(PROSE, 1),
            p(
                "Jane Roe (jane@example.org) is the editor of The Review. Views expressed are her own.",
                2,
            ),
            p(
                "Note: we are moderating all comments to deal with a surge in spam.",
                3,
            ),
        ];
        assert_eq!(
            paragraphs(&clean(&addressed, None, Some("Jane Roe"), 1)),
            vec![PROSE]
        );
        // Quoting the author in the body is not a note about them.
        let quoted = vec![
            p("Jane Roe is right, and the data agree with her.", 1),
            p(PROSE, 2),
        ];
        assert_eq!(
            paragraphs(&clean(&quoted, None, Some("Jane Roe"), 1)).len(),
            2
        );
    }

    #[test]
    fn the_notes_of_a_byline_of_several_close_the_page() {
        let blocks = vec![
            p(PROSE, 1),
            p("Yoon’s office has not commented on the allegations.", 2),
            p(
                "Stella Kim reported from Seoul, and Jennifer Jett from Hong Kong.",
                3,
            ),
            p("Stella Kim", 4),
            p(
                "Stella Kim is an NBC News freelance producer based in Seoul.",
                5,
            ),
            p("Jennifer Jett", 6),
            p("Jennifer Jett is the Asia Digital Editor for NBC News.", 7),
            p("Abigail Williams and Beomsu Jo contributed.", 8),
        ];
        let article = clean(&blocks, None, Some("Stella Kim, Jennifer Jett"), 1);
        assert_eq!(
            paragraphs(&article),
            vec![PROSE, "Yoon’s office has not commented on the allegations."]
        );
        // A sentence that mentions what someone contributed is the article's.
        let said = vec![
            p(PROSE, 1),
            p("Everyone in the village contributed.", 2),
            p(
                "The money each of them gave was counted twice, and the total was announced \
               at the meeting that evening, which most of the village attended.",
                3,
            ),
        ];
        assert_eq!(paragraphs(&clean(&said, None, None, 1)).len(), 3);
    }

    proptest::proptest! {
        /// Whatever the byline names and whatever the closing lines say, the article's first
        /// paragraph stays and nothing panics.
        #[test]
        fn closing_notes_of_any_byline(author in "\\PC{0,40}", text in "\\PC{0,60}") {
            let blocks = vec![
                p(PROSE, 1),
                p(&format!("{author} reported from {text}"), 2),
                p(&author, 3),
                p(&format!("{text} contributed."), 4),
                p(&format!("{author} is {text}"), 5),
            ];
            for byline in [Some(author.as_str()), Some("Jane Roe, Jane Roe"), None] {
                let article = clean(&blocks, None, byline, 1);
                proptest::prop_assert_eq!(paragraphs(&article).first().copied(), Some(PROSE));
            }
        }
    }

    #[test]
    fn closing_thanks_are_back_matter_but_a_cause_is_not() {
        let thanks = vec![
            p(PROSE, 1),
            p("For a better web!", 2),
            p(
                "The author would like to thank Andrea Marchesini and Ben Kelly for their help.",
                3,
            ),
        ];
        assert_eq!(
            paragraphs(&clean(&thanks, None, None, 1)),
            vec![PROSE, "For a better web!"]
        );
        let cause = vec![
            p(PROSE, 1),
            p(
                "Thanks to the new law, the city can now repair its pipes.",
                2,
            ),
        ];
        assert_eq!(paragraphs(&clean(&cause, None, None, 1)).len(), 2);
    }

    #[test]
    fn a_linked_item_in_a_list_that_says_something_stays() {
        let item = |text: &str, line, links_only| RawBlock {
            kind: Kind::Item { ordered: false },
            links_only,
            ..p(text, line)
        };
        // API names, each linked to its reference, beside an item with words of its own.
        let types = vec![
            p(PROSE, 1),
            item("ArrayBuffer", 2, true),
            item("ArrayBufferView (Uint8Array and friends)", 3, false),
            item("URLSearchParams", 4, true),
            p(PROSE, 5),
        ];
        assert_eq!(paragraphs(&clean(&types, None, None, 1)).len(), 5);
        // A list of nothing but links is navigation.
        let related = vec![
            p(PROSE, 1),
            item("Another story", 2, true),
            item("A third story", 3, true),
            p(PROSE, 4),
        ];
        assert_eq!(paragraphs(&clean(&related, None, None, 1)).len(), 2);
    }

    #[test]
    fn an_about_box_of_name_and_role_is_back_matter_but_a_written_one_stays() {
        let card = vec![
            p(PROSE, 1),
            h("About the author", 2),
            p("Scott Cunningham", 3),
            p(
                "Senior Vice President of Technology and Ad Operations at IAB",
                4,
            ),
        ];
        let article = clean(&card, None, None, 1);
        assert_eq!(paragraphs(&article), vec![PROSE]);
        assert!(
            !article
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Heading { title, .. } if title == "About the author"))
        );
        let written = vec![
            p(PROSE, 1),
            h("About Jane Roe", 2),
            p(
                "Jane Roe is an undergraduate student who writes about security.",
                3,
            ),
        ];
        assert_eq!(paragraphs(&clean(&written, None, None, 1)).len(), 2);
        // Not at the end: a section about something, with more to come.
        let section = vec![
            p(PROSE, 1),
            h("About the data", 2),
            p("Survey results", 3),
            h("Findings", 4),
            p(PROSE, 5),
        ];
        assert_eq!(paragraphs(&clean(&section, None, None, 1)).len(), 3);
    }

    #[test]
    fn captions_end_with_their_credit() {
        assert!(ends_with_a_credit(
            "Netanyahu visits the Western Wall after his victory. (Thomas Coex/AFP/Getty Images)"
        ));
        assert!(ends_with_a_credit(
            "A coalition built on a shift to the right. (Reuters)"
        ));
        assert!(ends_with_a_credit("Flooded streets in Queens. (AP Photo)"));
        assert!(!ends_with_a_credit(
            "The plan was approved by the board (by a narrow margin)"
        ));
        assert!(!ends_with_a_credit(
            "Spending rose, as the ministry reported (figures for 2019/20)"
        ));
        assert!(!ends_with_a_credit("(Reuters)"));
    }

    #[test]
    fn figures_name_themselves() {
        assert!(names_a_figure("Figure 1: Illustration of the relationship"));
        assert!(names_a_figure("Fig. 2. A chart"));
        assert!(!names_a_figure("Figure skating is a sport."));
    }
}
