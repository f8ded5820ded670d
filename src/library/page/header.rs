//! A page's header: everything above the article's first paragraph. The title, byline, date
//! and breadcrumb are read from it; the rest (buttons, labels, a standfirst, a lead image) is
//! left out.

use super::furniture::{is_furniture, is_label};
use super::{DropKind, Dropped, Header, Kind, RawBlock, ends_like_a_sentence, is_prose};
use crate::analysis::fold;
use crate::library::Date;

/// What the header told, and the heading (if any) the body's first section carries.
pub struct Read {
    pub fields: Header,
    pub first_section: Option<(String, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Author,
    Date,
    Other,
}

fn label_kind(text: &str) -> Label {
    match fold(text).as_str() {
        "author" | "authors" | "by" | "contributors" | "written by" => Label::Author,
        "date" | "published" | "updated" => Label::Date,
        _ => Label::Other,
    }
}

pub fn read(
    blocks: &[RawBlock],
    known_title: Option<&str>,
    title_level: u8,
    dropped: &mut Vec<Dropped>,
) -> Read {
    let mut fields = Header::default();
    let mut first_section = None;
    let mut awaiting: Option<Label> = None;
    for block in blocks {
        let text = block.text.as_str();
        let mut drop = |what| {
            dropped.push(Dropped {
                line: block.line,
                what,
            })
        };
        match block.kind {
            Kind::Image | Kind::Figure | Kind::Rule => continue,
            Kind::Caption => {
                drop(DropKind::Caption);
                continue;
            }
            Kind::Standfirst => {
                drop(DropKind::Standfirst);
                continue;
            }
            Kind::Skipped(_) => {
                drop(DropKind::Code);
                continue;
            }
            _ => {}
        }
        if is_title(text, known_title)
            || (matches!(block.kind, Kind::Heading(_)) && is_title_part(text, known_title))
        {
            fields.title.get_or_insert_with(|| text.to_string());
            first_section = None;
            awaiting = None;
            continue;
        }
        if is_label(text) {
            awaiting = Some(label_kind(text));
            continue;
        }
        match awaiting.take() {
            Some(Label::Author) if fields.author.is_none() && !is_furniture(block) => {
                fields.author = Some(text.to_string());
                continue;
            }
            Some(Label::Date) if fields.published.is_none() => {
                if let Some(date) = parse_date_line(text) {
                    fields.published = Some(date);
                    continue;
                }
            }
            _ => {}
        }
        // A heading followed by the date or byline is the title's subtitle, not the first
        // section: sections come after the header, never inside it.
        if fields.published.is_none()
            && let Some(date) = parse_date_line(text)
        {
            fields.published = Some(date);
            first_section = None;
            continue;
        }
        if fields.author.is_none()
            && let Some(by) = byline(text)
        {
            fields.author = by.author;
            if fields.published.is_none() {
                fields.published = by.date;
            }
            first_section = None;
            continue;
        }
        if fields.title.is_none() && fields.category.is_none() && is_breadcrumb(text) {
            let parts: Vec<&str> = text.split(" / ").map(str::trim).collect();
            if parts.len() >= 3 {
                fields.category = parts.get(parts.len() - 2).map(|s| s.to_string());
            }
            continue;
        }
        if is_furniture(block) {
            drop(DropKind::Furniture);
            continue;
        }
        match block.kind {
            Kind::Heading(level) if known_title.is_none() && fields.title.is_none() => {
                if level <= title_level {
                    fields.title = Some(text.to_string());
                } else {
                    first_section = Some((text.to_string(), block.line));
                }
            }
            Kind::Heading(_) => first_section = Some((text.to_string(), block.line)),
            _ if block.text.trim_end().ends_with(':') => drop(DropKind::Address),
            _ if is_prose(block) => drop(DropKind::Standfirst),
            _ => drop(DropKind::Furniture),
        }
    }
    Read {
        fields,
        first_section,
    }
}

/// How many blocks at the start are header lines, for a page without any prose paragraph: its
/// body starts at the first block that is none of title, date, byline, breadcrumb or furniture.
pub fn leading_header_len(
    blocks: &[RawBlock],
    known_title: Option<&str>,
    title_level: u8,
) -> usize {
    let mut title_seen = false;
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text.as_str();
        if matches!(
            b.kind,
            Kind::Image | Kind::Figure | Kind::Rule | Kind::Caption | Kind::Standfirst
        ) || is_furniture(b)
            || is_label(text)
            || parse_date_line(text).is_some()
            || byline(text).is_some()
            || (!title_seen && is_breadcrumb(text))
        {
            continue;
        }
        let untitled_heading = known_title.is_none()
            && !title_seen
            && matches!(b.kind, Kind::Heading(l) if l <= title_level);
        let title_part = matches!(b.kind, Kind::Heading(_)) && is_title_part(text, known_title);
        if is_title(text, known_title) || title_part || untitled_heading {
            title_seen = true;
            continue;
        }
        return i;
    }
    blocks.len()
}

/// The page shows the title we know, perhaps with the site's name after a separator
/// ("How Gödel’s Proof Works | Quanta Magazine") or a year after it.
fn is_title(text: &str, known: Option<&str>) -> bool {
    let Some(known) = known.map(fold).filter(|k| !k.is_empty()) else {
        return false;
    };
    let folded = fold(text);
    if folded == known {
        return true;
    }
    if folded
        .strip_prefix(known.as_str())
        .is_some_and(|rest| rest.starts_with(' ') && rest.split(' ').count() <= 4)
    {
        return true;
    }
    [" | ", " – ", " — ", " - ", " :: ", " · "]
        .iter()
        .filter_map(|sep| text.split_once(sep))
        .any(|(head, _)| fold(head) == known)
}

/// A heading that holds the start or the end of the title we know, two words or more: the
/// title set in two lines ("Open Journalism Project:" over "Better Student Journalism", as
/// Medium shows "The Open Journalism Project: Better Student Journalism"). A leading article
/// may be left out.
fn is_title_part(text: &str, known: Option<&str>) -> bool {
    let Some(known) = known.map(fold) else {
        return false;
    };
    let title: Vec<&str> = known.split(' ').filter(|w| !w.is_empty()).collect();
    let folded = fold(text);
    let part: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if part.len() < 2 || part.len() >= title.len() {
        return false;
    }
    let untitled = match title.first() {
        Some(&"the" | &"a" | &"an") => &title[1..],
        _ => &title[..],
    };
    untitled.starts_with(&part) || title.starts_with(&part) || title.ends_with(&part)
}

/// "Home / Asia and Pacific / Title": parts joined by " / ", none of them a sentence.
pub fn is_breadcrumb(line: &str) -> bool {
    let parts: Vec<&str> = line.split(" / ").collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !ends_like_a_sentence(p) && p.chars().count() <= 200)
}

/// Who wrote it, and when, as a byline line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Words that open a byline, lowercased.
const BY: &[&str] = &[
    "authors:",
    "author:",
    "by:",
    "by ",
    "posted by ",
    "reporting by ",
    "story by ",
    "words by ",
    "written by ",
];

/// Separators between a byline's parts ("Jane Roe | 3 March 2025").
const SEPARATORS: &[&str] = &[" | ", " · ", " • ", " — ", " – ", " / "];

/// A byline as sites write them: "By Jane Roe", "Jane Roe | 3 March 2025", "Author: Jane
/// Roe", "Written by Jane Roe", "Published 3 March 2025 by Jane Roe", in any order with the
/// date. `None` when the line names no author.
pub fn byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 200 || ends_like_a_sentence_strict(line) {
        return None;
    }
    let mut parts: Vec<&str> = vec![line];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let mut author = None;
    let mut date = None;
    let mut unnamed: Vec<&str> = Vec::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if date.is_none()
            && let Some(d) = parse_date_line(part)
        {
            date = Some(d);
        } else if let Some((name, when)) = after_by(part) {
            author.get_or_insert(name);
            if date.is_none() {
                date = when;
            }
        } else if let Some((when, name)) = part
            .rsplit_once(" by ")
            .and_then(|(d, n)| Some((parse_date_line(d)?, n)))
        {
            // "Published 3 March 2025 by Jane Roe"
            date.get_or_insert(when);
            author.get_or_insert(name.trim().to_string());
        } else {
            unnamed.push(part);
        }
    }
    // "Jane Roe | 3 March 2025": a name standing beside a date.
    if author.is_none() && date.is_some() && parts.len() > 1 {
        author = unnamed
            .iter()
            .find(|p| looks_like_a_name(p))
            .map(|p| p.to_string());
    }
    author.map(|author| Byline {
        author: Some(author),
        date,
    })
}

/// "By Jane Roe, 3 March 2025" → ("Jane Roe", Some("3 March 2025")).
fn after_by(part: &str) -> Option<(String, Option<String>)> {
    let lower = part.to_lowercase();
    let prefix = BY.iter().find(|b| lower.starts_with(*b))?;
    let rest = part.get(prefix.len()..)?.trim();
    if rest.is_empty() || !rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let rest = without_other_credits(rest);
    // A date after the name, after a comma or not: "Jane Roe, March 3, 2025", "Jeff Foust
    // Monday, November 18, 2019" (a line break between them, on The Space Review).
    for (i, _) in rest.match_indices(' ') {
        let name = rest[..i].trim_end().trim_end_matches(',');
        if let Some(date) = parse_date_line(rest[i..].trim_start()).filter(|_| !name.is_empty()) {
            return Some((without_other_roles(name.trim()), Some(date)));
        }
    }
    Some((without_other_roles(rest), None))
}

/// Credits for others' work that follow the author's in a byline.
const OTHER_CREDITS: &[&str] = &[
    "edited by ",
    "illustrated by ",
    "illustrations by ",
    "photographs by ",
    "photography by ",
    "photos by ",
    "translated by ",
    "additional reporting by ",
    "with additional reporting",
];

/// The author's part of a byline that goes on to credit an editor, an illustrator or a
/// translator: "Rob Ewaschuk Edited by Betsy Beyer" (two lines of a book's web edition) →
/// "Rob Ewaschuk". A citation names who wrote the piece.
fn without_other_credits(name: &str) -> &str {
    let lower = name.to_lowercase();
    // Lowercasing can change a text's length; only then are the credits left alone.
    if lower.len() != name.len() {
        return name;
    }
    let cut = OTHER_CREDITS
        .iter()
        .filter_map(|c| lower.find(c))
        .filter(|&i| i > 0)
        .min();
    match cut.and_then(|i| name.get(..i)) {
        Some(head) if head.chars().any(char::is_alphabetic) => {
            head.trim_end_matches([' ', ',', ';', '|', '·', '•', '-', '–', '—'])
        }
        _ => name,
    }
}

/// Roles a byline gives in brackets to people who did not write the piece.
const OTHER_ROLES: &[&str] = &[
    "data",
    "design",
    "editing",
    "editor",
    "graphics",
    "illustration",
    "illustrations",
    "photo",
    "photographs",
    "photography",
    "photos",
    "pictures",
    "video",
];

/// The writers a byline names, without those it credits for other work, either after them
/// ("… Edited by Betsy Beyer") or in brackets ("Eleanor Ainge Roy (reporting) and Adrian
/// Malloch (photography)" → "Eleanor Ainge Roy"). A name with a writing role keeps its name
/// alone; a byline that credits only other roles is left as it is.
pub fn writers_only(name: &str) -> String {
    without_other_roles(without_other_credits(without_glued_role(
        without_dashed_role(name),
    )))
}

/// The name without a role set after a dash ("Tim Childers - Live Science Contributor", as Live
/// Science's byline gives it): a part that names a job is no writer.
fn without_dashed_role(name: &str) -> &str {
    match name.split_once(" - ") {
        Some((writer, role))
            if !writer.trim().is_empty() && crate::library::meta::names_a_role(role) =>
        {
            writer.trim_end()
        }
        _ => name,
    }
}

/// A surname's letters before a capital inside it, at least: "Mc", "Mac", "De" and "La" open
/// names ("McDonald", "MacArthur", "DeVos", "LaToya"); a longer run is a whole name.
const GLUED_AFTER: usize = 4;

/// The name without a role the page sets in an element of its own right after it, which its
/// text runs into with no space between ("Michael HiltzikBusiness Columnist", the Los Angeles
/// Times's byline): the name ends where a whole word meets a capital, if a job follows.
fn without_glued_role(name: &str) -> &str {
    let mut run = 0;
    let mut previous = ' ';
    for (at, c) in name.char_indices() {
        if c.is_uppercase() && previous.is_lowercase() && run >= GLUED_AFTER {
            let role = &name[at..];
            if !role.contains(',') && crate::library::meta::names_a_role(role) {
                return name[..at].trim_end();
            }
        }
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        previous = c;
    }
    name
}

/// The names of a byline without those credited in brackets for other work than writing.
fn without_other_roles(name: &str) -> String {
    if !name.contains('(') {
        return name.to_string();
    }
    let mut writers: Vec<&str> = Vec::new();
    for part in name.split(" and ").flat_map(|p| p.split(", ")) {
        let part = part.trim();
        match part.strip_suffix(')').and_then(|p| p.rsplit_once(" (")) {
            Some((_, role)) if OTHER_ROLES.contains(&role.trim().to_lowercase().as_str()) => {}
            Some((who, _)) => writers.push(who.trim()),
            None => writers.push(part),
        }
    }
    if writers.iter().all(|w| w.is_empty()) {
        name.to_string()
    } else {
        join_names(&writers)
    }
}

fn join_names(names: &[&str]) -> String {
    match names {
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Two to six capitalised words, no digits: "Jane Roe", "Ursula von der Leyen".
fn looks_like_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(7).collect();
    (2..=6).contains(&words.len())
        && !text.chars().any(|c| c.is_ascii_digit())
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "van" | "von" | "der" | "den" | "da" | "di" | "bin" | "al" | "and" | "&"
                )
        })
}

/// A full stop, question or exclamation mark at the end: a sentence, not a byline. (Initials
/// like "Dwight D." are too short to count.)
fn ends_like_a_sentence_strict(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', ')']);
    let last_word = trimmed.split_whitespace().last().unwrap_or("");
    // An abbreviation with dots inside ("11:04 a.m.", "the U.S.") ends no sentence.
    matches!(trimmed.chars().last(), Some('.' | '!' | '?'))
        && last_word.chars().count() > 2
        && !last_word.trim_end_matches('.').contains('.')
}

/// Words that may come before a date on its line.
const DATE_PREFIXES: &[&str] = &[
    "last updated",
    "posted on",
    "posted",
    "published on",
    "published",
    "updated on",
    "updated",
    "date",
    "on",
];

/// The site a date line ends on: "November 20, 2019 / 1:07 AM / CBS News" → "CBS News". A
/// few capitalised words after the date and its time, as news sites sign their date lines; the
/// line must be one [`parse_date_line`] reads as a date line of parts.
pub fn site_after_date(line: &str) -> Option<String> {
    parse_date_line(line)?;
    let sep = SEPARATORS.iter().find(|s| line.contains(**s))?;
    let last = line.rsplit(sep).next()?.trim();
    let words: Vec<&str> = last.split_whitespace().collect();
    ((1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.chars().any(|c| c.is_ascii_digit())
        })
        && !matches!(
            words[..],
            ["AM" | "PM" | "ET" | "EST" | "EDT" | "GMT" | "UTC", ..]
        ))
    .then(|| last.to_string())
}

/// The date a line states, as text [`Date`] reads: "Published: March 3, 2025",
/// "Thursday, 22 November 1787", "2024-03-10T09:00:00Z", "Jun 13, 2024".
pub fn parse_date_line(line: &str) -> Option<String> {
    let mut text = line.trim().trim_matches(['*', '_']).trim();
    if text.is_empty() || text.chars().count() > 80 {
        return None;
    }
    let lower = text.to_lowercase();
    for prefix in DATE_PREFIXES {
        if let Some(rest) = lower.strip_prefix(prefix)
            && (rest.starts_with([' ', ':']) || rest.is_empty())
        {
            text = text[prefix.len()..].trim_start_matches([' ', ':']);
            break;
        }
    }
    let text = text.trim_end_matches(['.', ',']).trim();
    if text.parse::<Date>().is_ok() {
        return Some(text.to_string());
    }
    // The date, then its time and the site, as parts of one line: "November 20, 2019 / 1:07 AM
    // / CBS News" (not a breadcrumb, whose parts are sections).
    if let Some(sep) = SEPARATORS.iter().find(|s| text.contains(**s)) {
        let parts: Vec<&str> = text.split(sep).map(str::trim).collect();
        if parts.len() <= 4
            && parts[0].parse::<Date>().is_ok()
            && parts[1..]
                .iter()
                .all(|p| p.split_whitespace().count() <= 5 && !ends_like_a_sentence(p))
        {
            return Some(parts[0].to_string());
        }
    }
    // A dateline after the paper's name: "For the Independent Journal. Saturday, October 27,
    // 1787". Only the last sentence is tried, so a date inside a sentence is never taken.
    let (_, tail) = text.rsplit_once(". ")?;
    let tail = tail.trim();
    tail.parse::<Date>().ok().map(|_| tail.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(line: &str) -> (Option<String>, Option<String>) {
        byline(line).map_or((None, None), |b| (b.author, b.date))
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn bylines_as_sites_write_them() {
        assert_eq!(by("By Jane Roe"), (some("Jane Roe"), None));
        assert_eq!(
            by("by Ann Author, Editor"),
            (some("Ann Author, Editor"), None)
        );
        assert_eq!(by("BY JANE ROE"), (some("JANE ROE"), None));
        assert_eq!(by("Written by Jane Roe"), (some("Jane Roe"), None));
        assert_eq!(
            by("Written by Rob Ewaschuk Edited by Betsy Beyer"),
            (some("Rob Ewaschuk"), None)
        );
        assert_eq!(
            by("By Jane Roe; photographs by John Doe"),
            (some("Jane Roe"), None)
        );
        assert_eq!(by("By Edited Byrne"), (some("Edited Byrne"), None));
        assert_eq!(
            by("by Jeff Foust Monday, November 18, 2019"),
            (some("Jeff Foust"), some("Monday, November 18, 2019"))
        );
        assert_eq!(
            by("By Jane Roe, March 3, 2025"),
            (some("Jane Roe"), some("March 3, 2025"))
        );
        assert_eq!(by("By Jane May"), (some("Jane May"), None));
        assert_eq!(
            by("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m."),
            (
                some("Louis Jacobson"),
                some("Monday, November 18th, 2019 at 11:04 a.m")
            )
        );
        // A plain-text page credits a photographer as a web page does.
        assert_eq!(
            by("By Jane Roe (reporting) and John Doe (photography), 3 March 2025"),
            (some("Jane Roe"), some("3 March 2025"))
        );
        assert_eq!(
            writers_only("Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)"),
            "Eleanor Ainge Roy"
        );
        assert_eq!(
            writers_only("Jane Roe (text), John Doe (words) and Ann Poe (video)"),
            "Jane Roe and John Doe"
        );
        assert_eq!(
            writers_only("Ann Poe (photography)"),
            "Ann Poe (photography)"
        );
        assert_eq!(writers_only("Jane Roe (Reuters)"), "Jane Roe");
        assert_eq!(
            writers_only("Jane Roe and John Doe"),
            "Jane Roe and John Doe"
        );
        assert_eq!(by("Author: Jane Roe"), (some("Jane Roe"), None));
        assert_eq!(
            by("Jane Roe | 3 March 2025"),
            (some("Jane Roe"), some("3 March 2025"))
        );
        assert_eq!(
            by("3 March 2025 | Jane Roe"),
            (some("Jane Roe"), some("3 March 2025"))
        );
        assert_eq!(
            by("By Jane Roe, March 3, 2025"),
            (some("Jane Roe"), some("March 3, 2025"))
        );
        assert_eq!(
            by("By Jane Roe · Published: Mar 3, 2025"),
            (some("Jane Roe"), some("Mar 3, 2025"))
        );
        assert_eq!(
            by("Published 3 March 2025 by Jane Roe"),
            (some("Jane Roe"), some("3 March 2025"))
        );
    }

    #[test]
    fn sentences_are_not_bylines() {
        assert_eq!(by("By the end of the war, nothing was left."), (None, None));
        assert_eq!(by("3 March 2025"), (None, None));
        assert_eq!(by("Trump’s New Deal"), (None, None));
        assert_eq!(by("Europe | Asia"), (None, None));
    }

    #[test]
    fn date_lines() {
        for (line, date) in [
            ("Published: March 3, 2025", "March 3, 2025"),
            ("Updated 2024-03-10T09:00:00Z", "2024-03-10T09:00:00Z"),
            ("*July 14, 2020*", "July 14, 2020"),
            ("Thursday, November 22, 1787", "Thursday, November 22, 1787"),
            ("Jun 13, 2024", "Jun 13, 2024"),
            ("1 April, 2025", "1 April, 2025"),
            (
                "For the Independent Journal. Saturday, October 27, 1787",
                "Saturday, October 27, 1787",
            ),
        ] {
            assert_eq!(parse_date_line(line).as_deref(), Some(date), "{line}");
        }
        assert_eq!(parse_date_line("On the nature of dates"), None);
        assert_eq!(parse_date_line("It was signed on March 3, 2025."), None);
        assert_eq!(
            parse_date_line("November 20, 2019 / 1:07 AM / CBS News").as_deref(),
            Some("November 20, 2019")
        );
        assert_eq!(parse_date_line("Home / World / November 20, 2019"), None);
        assert_eq!(
            site_after_date("November 20, 2019 / 1:07 AM / CBS News").as_deref(),
            Some("CBS News")
        );
        assert_eq!(site_after_date("November 20, 2019 / 1:07 AM"), None);
        assert_eq!(site_after_date("November 20, 2019 / 1:07 AM / UTC"), None);
        assert_eq!(site_after_date("Home / World / Asia"), None);
    }

    #[test]
    fn titles_with_the_sites_name() {
        let known = Some("How Gödel’s Proof Works");
        assert!(is_title("How Gödel’s Proof Works | Quanta Magazine", known));
        assert!(is_title("HOW GÖDEL'S PROOF WORKS", known));
        assert!(is_title("How Gödel’s Proof Works (2020)", known));
        assert!(!is_title("How Proofs Work", known));
        assert!(!is_title("How Gödel’s Proof Works", None));
        let split = Some("The Open Journalism Project: Better Student Journalism");
        assert!(is_title_part("Open Journalism Project:", split));
        assert!(is_title_part("Better Student Journalism", split));
        assert!(!is_title_part("Journalism", split));
        assert!(!is_title_part("Student Journalism Today", split));
        assert!(!is_title_part("Project: Better Student", split));
    }

    proptest::proptest! {
        /// Any byline: something of it is always left, and nothing is made up (but the "and"
        /// that joins the names kept).
        #[test]
        fn writers_of_any_byline(name in "\\PC{0,60}", role in "(photography|video|reporting|\\PC{0,8})") {
            for input in [name.clone(), format!("{name} ({role}) and {name} (photos)"), format!("{name} Edited by {role}")] {
                let out = writers_only(&input);
                for word in out.split_whitespace().filter(|w| *w != "and") {
                    let word = word.trim_end_matches(',');
                    proptest::prop_assert!(input.contains(word), "{input:?} -> {out:?}");
                }
                if !input.trim().is_empty() {
                    proptest::prop_assert!(!out.trim().is_empty(), "{input:?} -> {out:?}");
                }
            }
        }
    }

    #[test]
    fn a_role_run_into_the_name_is_cut_off() {
        assert_eq!(
            writers_only("Michael HiltzikBusiness Columnist"),
            "Michael Hiltzik"
        );
        // Capitals inside a name are the name's.
        assert_eq!(writers_only("Jim McDonald"), "Jim McDonald");
        assert_eq!(
            writers_only("Douglas MacArthur Fellow"),
            "Douglas MacArthur Fellow"
        );
        assert_eq!(writers_only("Betsy DeVos"), "Betsy DeVos");
        assert_eq!(
            writers_only("Tim Childers - Live Science Contributor"),
            "Tim Childers"
        );
        assert_eq!(
            writers_only("Jean-Paul Sartre - Paris"),
            "Jean-Paul Sartre - Paris"
        );
        // A capital glued on with no job after it is left as the page wrote it.
        assert_eq!(writers_only("Jane RoeMarch"), "Jane RoeMarch");
    }
}
