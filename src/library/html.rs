//! Web pages saved as HTML. Which part of a page is the article is decided by `dom_smoothie`
//! (a port of Mozilla's Readability, the algorithm behind Firefox's reader view); this module
//! reads what it keeps into the same blocks the Markdown and plain-text readers produce, so the
//! page rules (title, byline, captions, furniture, footnotes) apply to HTML alike. The
//! citation's fields come from the page's metadata: `citation_*` tags (scholarly pages) first,
//! then what Readability gathers from JSON-LD, Open Graph and the byline; the canonical URL
//! from `<link rel=canonical>` or `og:url`.

use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability};

use super::meta::PartialMetadata;
use super::page::{Kind, RawBlock, Skipped};

/// A page read: its metadata and its article's blocks. `line` in a block is its ordinal, as an
/// HTML page has no lines a reader would count.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub meta: PartialMetadata,
    pub blocks: Vec<RawBlock>,
}

/// Elements never read: scripts, styles, form controls and embedded media.
const IGNORED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "button", "input", "textarea", "head", "title",
    // A form control's caption ("The best way to follow issues you care about." beside a
    // newsletter's e-mail field), wherever the page puts it.
    "label",
];

/// Elements that end a run of text and start a new one.
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "details", "dialog", "div", "dl", "dd", "dt", "fieldset",
    "footer", "form", "header", "hgroup", "main", "nav", "ol", "section", "summary", "ul",
];

/// Elements nested deeper than this make a page unreadable here. Real pages stay under a
/// hundred or so; a page nested hundreds of thousands deep (a few MiB of `<div>`) would take
/// the HTML parser minutes (each tag looks through every open element) and overflow the stack
/// of everything that walks the tree after it.
pub const MAX_NESTING: usize = 512;

/// Reads a page: `url`, where it came from, lets relative links resolve and is the citation's
/// link when the page names none of its own. Refused, with the reason, when it nests elements
/// deeper than [`MAX_NESTING`].
pub fn read(html: &str, url: Option<&str>) -> Result<Page, String> {
    if nesting(html) > MAX_NESTING {
        return Err(format!(
            "the page nests its elements more than {MAX_NESTING} deep, which no article needs; \
             save its text as a .md or .txt file instead"
        ));
    }
    // Parsed once: the head and the visible header are read from it before Readability, which
    // changes the tree as it goes, takes it.
    let dom = Dom::from(html);
    let (mut meta, head) = own_metadata(&dom);
    let mut seen = visible_header(&dom);
    seen.header_lines.extend(decks(&dom));
    let credited = byline_texts(&dom);
    let changed = date_elsewhere(&dom);
    fill(&mut meta.title, seen.title.as_deref());
    fill(&mut meta.author, seen.author.as_deref());
    // A timestamp in the head is often in UTC: "Nov. 19, 2019 5:53 PM" by the byline in Los
    // Angeles is 20 November in UTC. The day the page shows is the one a reader cites, when the
    // timestamp's own time of day puts it within twelve hours of that day.
    if let (Some(tagged), Some(shown)) = (&meta.published, &seen.published)
        && let Ok(day) = shown.parse::<super::Date>()
        && utc_day_may_be(tagged, day)
    {
        meta.published = Some(shown.clone());
    }
    fill_date(&mut meta.published, seen.published.as_deref());
    // Before Readability takes the tree: the short paragraphs it may leave out.
    let gaps = super::gaps::find(&dom, bold_heading);
    let config = Config {
        // Readability's default stops at 0 (no limit); a page is at most a few MiB here.
        ..Config::default()
    };
    let article = Readability::with_document(structure_kept(dom), url, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let content = match &article {
        Some(a) => {
            fill(&mut meta.title, Some(a.title.as_str()));
            let (name, date) = a
                .byline
                .as_deref()
                .filter(|b| !is_url(b))
                .map(split_byline)
                .unwrap_or_default();
            fill(&mut meta.author, name.as_deref());
            fill_date(&mut meta.published, a.published_time.as_deref());
            fill_date(&mut meta.published, date.as_deref());
            fill(&mut meta.publisher, a.site_name.as_deref());
            fill(&mut meta.url, a.url.as_deref().filter(|u| is_url(u)));
            a.content.to_string()
        }
        // Readability found no article (a short page): read the whole body.
        None => html.to_string(),
    };
    if meta.url.is_none() {
        meta.url = url.filter(|u| is_url(u)).map(str::to_string);
    }
    fill_date(&mut meta.published, changed.as_deref());
    // A page that shows its date without the year ("March 18 at 3:57 PM") is dated by its
    // address, where news sites write the whole date (".../2015/03/18/...").
    let dated = meta.url.as_deref().and_then(date_in_address);
    fill_date(&mut meta.published, dated.as_deref());
    // Whichever source named the author (a tag, the visible byline, Readability's), the
    // citation names the writers only, once, here.
    if let Some(author) = meta.author.take() {
        let author = super::page::writers_only(&author);
        meta.author = Some(properly_cased(author, head.author.as_deref()))
            .filter(|a| !NO_WRITERS.contains(&crate::analysis::fold(a).as_str()));
    }
    if meta.publisher.is_none()
        && let (Some(page_title), Some(title)) = (&head.title, &meta.title)
    {
        meta.publisher = site_in_title(page_title, title, meta.author.as_deref());
    }
    if let (Some(platform), Some(page_title), Some(title)) =
        (&meta.publisher, &head.title, &meta.title)
        && let Some(publication) =
            publication_on(platform, page_title, title, meta.author.as_deref())
    {
        meta.publisher = Some(publication);
    }
    // The name a date line signs with is the last resort: a page whose head names no site.
    fill(&mut meta.publisher, seen.site.as_deref());
    // "Tanza Loudenback, Business Insider": the site named after the writer is no writer.
    if let (Some(author), Some(publisher)) = (&meta.author, &meta.publisher) {
        meta.author = Some(without_site(author, publisher));
    }
    // One name as both author and site: "BBC News", the BBC's `og:article:author` with no byline
    // on the page, is the publication, and a page that credits no writer has no author; a name
    // the page shows as its byline is a writer publishing on their own site, which names no
    // publisher.
    if let (Some(author), Some(publisher)) = (&meta.author, &meta.publisher)
        && let folded = author.to_lowercase()
        && folded == publisher.to_lowercase()
    {
        if seen.author.is_some() || credited.iter().any(|t| t.to_lowercase().contains(&folded)) {
            meta.publisher = None;
        } else {
            meta.author = None;
        }
    }
    let dom = Dom::from(content.as_str());
    let mut walker = Walker {
        article_headers: true,
        ..Walker::default()
    };
    if let Some(body) = dom.select("body").nodes().first() {
        walker.children(body);
    } else {
        walker.children(&dom.root());
    }
    walker.finish();
    let mut blocks = walker.out;
    gaps.restore(&mut blocks);
    super::repeats::mark(&mut blocks);
    if let Some(description) = &head.description {
        mark_standfirst(&mut blocks, description);
    }
    mark_header_lines(&mut blocks, &seen.header_lines);
    Ok(Page { meta, blocks })
}

/// The page with the `class` and `id` of its headings and glossary terms removed.
/// Readability drops any element whose class or id looks like page furniture ("header",
/// "sidebar", "comment"), and a heading or term is no exception: a book's web edition that
/// marks its sub-headings and glossary terms `class="subheaders"` lost them all (a term
/// survived only when its id held "and", which Readability takes as a sign of content). What a
/// heading says decides whether it is furniture, and the page rules read that.
fn structure_kept(dom: Dom) -> Dom {
    // The heading's own text may sit in a span of its own: MediaWiki's `<span class=
    // "mw-headline" id="Community">` took "Community" away with it.
    let inside = "h1 *, h2 *, h3 *, h4 *, h5 *, h6 *, dt *";
    for node in dom
        .select(&format!("h1, h2, h3, h4, h5, h6, dt, {inside}"))
        .nodes()
    {
        node.remove_attr("class");
        node.remove_attr("id");
    }
    // A line a page styles as a subheading without a heading's element (PolitiFact's `<div
    // class="pf_subheadline">Who pays the cost of a tariff?</div>`) is one, as a reader sees
    // it; Readability would keep it as a paragraph.
    for node in dom
        .select(
            "div[class*=subhead], p[class*=subhead], div[class*=crosshead], \
             p[class*=crosshead]",
        )
        .nodes()
    {
        let words = short_text(node, FOOTER_LINE_LEN)
            .map_or(0, |t| collapse(&t).split_whitespace().count());
        if (1..=SUBHEADING_MAX_WORDS).contains(&words) {
            node.rename("h3");
            node.remove_attr("class");
        }
    }
    // A line a page classes as a caption (MSN's `<span class="caption truncate">© John Brecher
    // Needle poking skin …</span>` beside a picture) is one, wherever it stands. Readability
    // drops the class, and the paragraph under it was taken for the picture's caption, the line
    // itself (opening with its credit) for the page's copyright line.
    for node in dom
        .select("span[class*=caption], div[class*=caption], p[class*=caption]")
        .nodes()
    {
        let holds_blocks = node.descendants_it().any(|n| {
            n.node_name().is_some_and(|name| {
                matches!(
                    name.to_ascii_lowercase().as_str(),
                    "p" | "div" | "img" | "figure" | "table" | "ul" | "ol" | "blockquote"
                )
            })
        });
        let words = short_text(node, FOOTER_LINE_LEN)
            .map_or(0, |t| collapse(&t).split_whitespace().count());
        if !holds_blocks && (1..=CAPTION_MAX_WORDS).contains(&words) {
            node.rename("figcaption");
            node.remove_attr("class");
        }
    }
    // Readability drops classes, and with them what tells an embedded post from a quotation.
    let posts: Vec<String> = EMBEDDED_POSTS
        .iter()
        .map(|class| format!("blockquote.{class}"))
        .collect();
    dom.select(&posts.join(", ")).remove();
    dom
}

/// A caption a page classes as one is at most this long; a longer block so classed is text.
const CAPTION_MAX_WORDS: usize = 80;

/// A subheading set as a styled line is a few words; a longer block so classed is text.
const SUBHEADING_MAX_WORDS: usize = 20;

/// Elements an HTML parser closes by itself or that hold nothing: they never deepen its stack
/// of open elements, however many a page leaves unclosed.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "dd", "dt", "embed", "hr", "img", "input", "li", "link", "meta",
    "option", "p", "param", "source", "td", "th", "tr", "track", "wbr",
];

/// Elements whose content is text, not markup.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// How deep a page nests its elements, read from its text without parsing it, and at most
/// one past [`MAX_NESTING`]. A start tag opens an element; an end tag closes the innermost
/// open element of its name and everything inside it, and is ignored when none is open, as a
/// parser does. Elements that cannot nest ([`FLAT`]), comments, and the content of scripts and
/// styles do not count. Linear in the page.
fn nesting(html: &str) -> usize {
    let bytes = html.as_bytes();
    let name_at = |from: usize| -> String {
        bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|b| b.to_ascii_lowercase() as char)
            .collect()
    };
    // The end tag `</name`, in any case, at or after `from`.
    let closing_tag = |from: usize, name: &str| -> Option<usize> {
        html.get(from..)?
            .match_indices("</")
            .map(|(i, _)| from + i)
            .find(|&i| {
                bytes
                    .get(i + 2..i + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            })
    };
    let mut open: Vec<String> = Vec::new();
    let (mut at, mut deepest) = (0usize, 0usize);
    while let Some(offset) = html.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name = name_at(start + if closing { 2 } else { 1 });
        at = rest.find('>').map_or(html.len(), |end| start + end + 1);
        if name.is_empty() || FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if let Some(i) = open.iter().rposition(|n| *n == name) {
                open.truncate(i);
            }
            continue;
        }
        if html[start..at].ends_with("/>") {
            continue;
        }
        if RAW.contains(&name.as_str()) {
            at = closing_tag(at, &name).unwrap_or(html.len());
            continue;
        }
        open.push(name);
        deepest = deepest.max(open.len());
        if deepest > MAX_NESTING {
            break;
        }
    }
    deepest
}
/// [`fill`] with a date: a value that holds none ("12:06 PM", the placeholder
/// "0001-01-01T00:00:00Z") gives way to the next source.
fn fill_date(field: &mut Option<String>, value: Option<&str>) {
    fill(
        field,
        value.filter(|v| collapse(v).parse::<super::Date>().is_ok()),
    );
}

/// Sets `field` from `value` unless it is already set.
fn fill(field: &mut Option<String>, value: Option<&str>) {
    if field.is_none() {
        *field = value.map(collapse).filter(|v| !v.is_empty());
    }
}

/// What sites put where a writer's name goes when no one signs the piece (The Guardian's
/// author tag on its editorials says "Editorial"): the voice of the paper, or a placeholder,
/// and no writer to cite (compared folded).
const NO_WRITERS: &[&str] = &[
    "admin",
    "anonymous",
    "editorial",
    "opinion",
    "staff",
    "unknown",
];

/// The names of `author` without a part after a comma that names the site (`publisher`, or the
/// start of it: "Business Insider" for "Business Insider Deutschland").
fn without_site(author: &str, publisher: &str) -> String {
    let site = crate::analysis::fold(publisher);
    let parts: Vec<&str> = author.split(',').map(str::trim).collect();
    let names: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|&(i, part)| {
            let part = crate::analysis::fold(part);
            i == 0 || part.is_empty() || !(site == part || site.starts_with(&format!("{part} ")))
        })
        .map(|(_, part)| *part)
        .collect();
    names.join(", ")
}

/// Could `stamp`, a timestamp in UTC ("2019-11-20T01:53:14Z"; one without an offset is taken
/// for UTC), fall on `day`, the day before it or the day after it, somewhere within twelve hours
/// of Greenwich? One given with another offset is already local, and only its own day.
fn utc_day_may_be(stamp: &str, day: super::Date) -> bool {
    let Ok(date) = stamp.parse::<super::Date>() else {
        return false;
    };
    let Some(time) = stamp.get(10..).and_then(|t| t.strip_prefix('T')) else {
        return false;
    };
    let Some(hour) = time.get(..2).and_then(|h| h.parse::<i64>().ok()) else {
        return false;
    };
    let offset = time.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    if !matches!(offset, "" | "Z" | "z" | "+00:00" | "-00:00" | "+0000") {
        return false;
    }
    match day.days() - date.days() {
        -1 => hour < 12,
        1 => hour >= 12,
        _ => false,
    }
}

/// The headline, byline and date a reader sees at the top of the page, which may differ from
/// what its metadata says (a headline rewritten since, an editor's name in `author`).
#[derive(Debug, Default)]
struct Seen {
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    /// Lines of the header that are not the byline: a standfirst between the headline and the
    /// byline, the writer's role under the name ("Opinion Columnist").
    header_lines: Vec<String>,
    /// The site a date line names after the date ("November 20, 2019 / 1:07 AM / CBS News").
    site: Option<String>,
}

/// Blocks under a headline looked through for its byline or date, to tell it from a copy.
const HEADLINE_BYLINE_WITHIN: usize = 6;

/// A writer's role under the byline is a few words, not a sentence.
const ROLE_LINE_MAX_WORDS: usize = 4;

/// Blocks after the headline searched for its byline and date. Links do not count against
/// it: a row of tag links ("Filed to: money, shopping, …", a block each) may stand between
/// the byline and the date.
const HEADER_REACH: usize = 12;

/// How far past `at` the header reaches: [`HEADER_REACH`] blocks that are not all link.
fn header_end(blocks: &[RawBlock], at: usize) -> usize {
    let mut counted = 0;
    let mut end = at + 1;
    while end < blocks.len() && counted < HEADER_REACH {
        if !blocks[end].links_only {
            counted += 1;
        }
        end += 1;
    }
    end
}

/// Where a page names its author outside a byline line: a link it marks `rel="author"` (HTML's
/// own way to say who wrote a page; Salon sets its byline as one, with no "By"), or a line
/// under the article that says so ("Posted by Alon Zakai.", in the V8 blog's article footer).
fn author_elsewhere(dom: &Dom) -> Option<String> {
    let looks_like_a_name = |text: &str| {
        let words = text.split_whitespace().count();
        (1..=6).contains(&words)
            && text.chars().next().is_some_and(char::is_uppercase)
            && !text.chars().any(|c| c.is_ascii_digit())
    };
    let linked = dom
        .select("a[rel~=author]")
        .nodes()
        .iter()
        .map(|n| collapse(&n.text()))
        .find(|t| looks_like_a_name(t));
    linked.or_else(|| {
        dom.select("article footer p, article footer div")
            .nodes()
            .iter()
            .filter_map(|n| short_text(n, FOOTER_LINE_LEN))
            .map(|t| collapse(&t))
            .filter(|t| t.split_whitespace().count() <= 12)
            .find_map(|t| super::page::byline(t.trim_end_matches('.'))?.author)
    })
}

/// The texts of the elements a page classes as its standfirst: the "deck" or "dek" of news
/// sites (The Hollywood Reporter's `<h2 class="article__deck">`, a quotation from the story
/// under the headline), the "standfirst" of British ones. They are header lines where the
/// article Readability kept begins with them (see [`mark_header_lines`]).
fn decks(dom: &Dom) -> Vec<String> {
    short_texts(
        dom,
        "[class*=deck], [class*=standfirst], [class*=-dek], [class*=_dek]",
    )
}

/// The texts of the elements a page marks as its byline or author (by class, `rel` or
/// microdata), as Readability finds a byline: a name in one is shown to the reader.
fn byline_texts(dom: &Dom) -> Vec<String> {
    short_texts(
        dom,
        "[class*=byline], [class*=Byline], [class*=author], [class*=Author], [rel~=author], \
         [itemprop~=author]",
    )
}

/// The collapsed texts, none empty, of the elements `selector` picks that are short enough to
/// be a line of a page's header (see [`short_text`]).
fn short_texts(dom: &Dom, selector: &str) -> Vec<String> {
    dom.select(selector)
        .nodes()
        .iter()
        .filter_map(|n| short_text(n, FOOTER_LINE_LEN))
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty())
        .collect()
}

/// When a page was last changed, as its footer says ("This page was last modified on 28 October
/// 2016, at 06:56.", every MediaWiki page's): the date of the version read, for a page that
/// states no other. A wiki article names no author and no date of its own.
fn date_elsewhere(dom: &Dom) -> Option<String> {
    const SAID: &[&str] = &["last modified on ", "last edited on ", "last updated on "];
    dom.select("footer li, footer p, #footer li, #footer p, [role=contentinfo] li")
        .nodes()
        .iter()
        .filter_map(|n| short_text(n, FOOTER_LINE_LEN))
        .map(|t| collapse(&t))
        .filter(|t| t.split_whitespace().count() <= 16)
        .find_map(|t| {
            let lower = t.to_lowercase();
            // Lowercasing may change a text's length; such a line is left unread.
            if lower.len() != t.len() {
                return None;
            }
            let at = SAID
                .iter()
                .find_map(|s| lower.find(s).map(|i| i + s.len()))?;
            let rest = t.get(at..)?.trim_end_matches('.');
            let date = rest.split(", at ").next().unwrap_or(rest);
            super::page::parse_date_line(date)
        })
}

fn visible_header(dom: &Dom) -> Seen {
    let seen = visible_byline(dom);
    Seen {
        author: seen.author.or_else(|| author_elsewhere(dom)),
        ..seen
    }
}

fn visible_byline(dom: &Dom) -> Seen {
    let mut walker = Walker::default();
    if let Some(body) = dom.select("body").nodes().first() {
        walker.children(body);
    }
    walker.flush();
    let blocks = walker.out;
    // The headline: a level-1 heading of a few words; of several, the one the page's <title>
    // shares most words with.
    let raw_title = dom
        .select("title")
        .nodes()
        .first()
        .map(|t| t.text().to_string())
        .unwrap_or_default();
    let page_title = crate::analysis::fold(&raw_title);
    let shared = |text: &str| {
        crate::analysis::fold(text)
            .split(' ')
            .filter(|w| w.len() > 2 && page_title.split(' ').any(|t| t == *w))
            .count()
    };
    // A headline may link to its own page (blog themes set it as the post's permalink); a
    // linked one counts when it says what the <title> says.
    // A headline of one or two words ("Mozilla") is the headline only when the <title> is it
    // and then the site ("Mozilla - Wikipedia"): alone, so short a heading is as often the
    // site's name.
    let titles_it = |text: &str| site_in_title(&raw_title, text, None).is_some();
    // Of two copies of the headline (National Review sets it again in a sticky site header,
    // over the site's own date of today), the one with a byline under it, before the next
    // heading, heads the article.
    let signed = |i: usize| {
        blocks[i + 1..]
            .iter()
            .take(HEADLINE_BYLINE_WITHIN)
            .take_while(|b| !matches!(b.kind, Kind::Heading(_)))
            .any(|b| b.text.eq_ignore_ascii_case("by") || super::page::byline(&b.text).is_some())
    };
    let best = |fits: &dyn Fn(&RawBlock) -> bool| {
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| fits(b))
            .max_by_key(|(i, b)| (shared(&b.text), signed(*i), std::cmp::Reverse(*i)))
    };
    let headline = best(&|b| {
        b.kind == Kind::Heading(1)
            && (b.text.split_whitespace().count() >= 3 || titles_it(&b.text))
            && (!b.links_only || shared(&b.text) >= 3)
    })
    // A theme may set the headline at another level (Blogger's post title is an <h3>, under
    // the date): then it is the heading that says all the <title> says.
    .or_else(|| {
        best(&|b| {
            matches!(b.kind, Kind::Heading(_))
                && titles_it(&b.text)
                && b.text.split_whitespace().count() >= 3
        })
    });
    let Some((at, headline)) = headline else {
        return Seen::default();
    };
    let mut seen = Seen {
        title: Some(headline.text.clone()),
        ..Seen::default()
    };
    // A few blocks above the headline (a dateline over it) and more below.
    let near = &blocks[at.saturating_sub(3)..header_end(&blocks, at)];
    let headline_at = at - at.saturating_sub(3);
    // What stands between the headline and a byline at `byline`, and the role line after the
    // name at `name`, belongs to the header.
    let header_lines = |byline: usize, name: usize| -> Vec<String> {
        let mut lines: Vec<String> = near
            .get(headline_at + 1..byline)
            .unwrap_or_default()
            .iter()
            .filter(|b| b.kind == Kind::Paragraph && !b.text.is_empty())
            .map(|b| b.text.clone())
            .collect();
        if let Some(role) = near.get(name + 1).filter(|b| {
            b.kind == Kind::Paragraph
                && (1..=ROLE_LINE_MAX_WORDS).contains(&b.text.split_whitespace().count())
                && !super::page::ends_like_a_sentence(&b.text)
                && date_prefix(&b.text).is_none()
        }) {
            lines.push(role.text.clone());
        }
        lines
    };
    let mut dateline = None;
    for (i, block) in near.iter().enumerate() {
        if std::ptr::eq(block, headline) {
            continue;
        }
        // Decorations before a byline ("// By …", "— By …").
        let text = block
            .text
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        if seen.site.is_none() {
            seen.site = super::page::site_after_date(text);
        }
        // Prose ends the header; the standfirst right under the headline, however long, does
        // not ("President Yoon Suk Yeol had earlier apologized …, igniting public anger.", and
        // then the date and the byline).
        if text.split_whitespace().count() >= 25 {
            let standfirst = i > 0 && std::ptr::eq(&near[i - 1], headline);
            if standfirst {
                continue;
            }
            break;
        }
        if let Some(found) = super::page::byline(text) {
            let (name, date) = found
                .author
                .as_deref()
                .map(split_byline)
                .unwrap_or_default();
            if seen.author.is_none() && name.is_some() && i > headline_at {
                seen.header_lines = header_lines(i, i);
            }
            seen.author = seen.author.or(name);
            seen.published = seen.published.or(found.date).or(date);
        } else if text.eq_ignore_ascii_case("by")
            && let Some(next) = near.get(i + 1)
            && next.text.split_whitespace().count() <= 6
        {
            // "By" and the name in blocks of their own.
            if seen.author.is_none() && i > headline_at {
                seen.header_lines = header_lines(i, i + 1);
            }
            seen.author = seen.author.or_else(|| Some(next.text.clone()));
        } else if let Some(date) = date_prefix(text) {
            // A date over the headline is its dateline only when none stands under it: a site
            // header shows the day the page was read there ("Nov. 20, 2019").
            if i < headline_at {
                dateline.get_or_insert(date);
            } else {
                seen.published = seen.published.or(Some(date));
            }
        }
    }
    seen.published = seen.published.or(dateline);
    seen
}

/// "JEFFREY GETTLEMAN JAN. 13, 2017", "Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM"
/// → the name, and the date that follows it. Handles (`@name`) are not part of a name.
fn split_byline(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    let text = ["by ", "By ", "BY "]
        .iter()
        .find_map(|b| text.strip_prefix(b))
        .unwrap_or(text);
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .collect();
    for k in 1..words.len() {
        if let Some(date) = date_prefix(&words[k..].join(" ")) {
            return (Some(words[..k].join(" ")), Some(date));
        }
        // "Erin Cunningham March 18 at 3:57 PM Follow": a day without its year still ends
        // the name, though it dates nothing.
        if words
            .get(k + 1)
            .is_some_and(|next| is_day_of_year(words[k], next))
        {
            return (Some(words[..k].join(" ")), None);
        }
    }
    ((!words.is_empty()).then(|| words.join(" ")), None)
}

/// "March 18", "Jan. 13,", "18 March": a month and a day, as a date with its year left out.
fn is_day_of_year(first: &str, second: &str) -> bool {
    let second = second.trim_end_matches([',', '.']);
    let starts_with_digit = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    if !(starts_with_digit(first) || starts_with_digit(second)) || first.len() > 10 {
        return false;
    }
    [
        format!("{first} {second}, 2000"),
        format!("{first} {second} 2000"),
    ]
    .iter()
    .any(|d| d.parse::<super::Date>().is_ok())
}

/// The date a text starts with, a time or a place after it left off: "Apr 16, 2015 8:02 pm UTC"
/// → "Apr 16, 2015".
fn date_prefix(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    (1..=words.len())
        .rev()
        .find_map(|n| {
            let head = words[..n].join(" ");
            super::page::parse_date_line(head.trim_end_matches([':', ',', '.', '•', '·']))
        })
        .filter(|d| d.parse::<super::Date>().is_ok())
}

/// The date an address's path spells out as year, month and day segments
/// ("https://www.washingtonpost.com/world/…/2015/03/18/00202e76…_story.html" → "2015-03-18").
fn date_in_address(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(3).find_map(|w| {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(w[0], 4) && digits(w[1], 2) && digits(w[2], 2)) {
            return None;
        }
        let text = format!("{}-{}-{}", w[0], w[1], w[2]);
        let year: u16 = w[0].parse().ok()?;
        ((1900..=2100).contains(&year) && text.parse::<super::Date>().is_ok()).then_some(text)
    })
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// What else the `<head>` says, for checking the citation against: the `<title>` as the
/// browser shows it, and the `author` tag.
#[derive(Debug, Default)]
struct Head {
    title: Option<String>,
    author: Option<String>,
    /// What the page says it is about (`description`, `og:description`): often its standfirst.
    description: Option<String>,
}

/// Words a heading needs for the description's repeating it to mark it as the standfirst: a
/// description that is the article's one-word topic says nothing about a heading.
const STANDFIRST_MIN_WORDS: usize = 6;

/// A heading above the first paragraph that the page's description repeats is the standfirst,
/// however the page sets it: Medium sets its subtitle ("Welcome to DoctorX’s Barcelona lab, …
/// No questions asked.") as a heading under the headline, where it would otherwise be taken for
/// the first section's title. A heading written as sentences is not enough to tell: CNN sets
/// its first paragraph as a heading too, and its description says something else.
fn mark_standfirst(blocks: &mut [RawBlock], description: &str) {
    // A description may be cut short ("… No questions ask…"); one longer than the heading is
    // not its repeat (it may begin with the headline).
    let description = crate::analysis::fold(description.trim_end_matches(['…', '.']));
    if description.split(' ').count() < STANDFIRST_MIN_WORDS {
        return;
    }
    // A line too short to be prose (a time, "1:39 PM ET", or a byline) may stand between the
    // headline and the standfirst; the body begins with the first that is.
    let before_body = blocks
        .iter()
        .position(|b| {
            !matches!(
                b.kind,
                Kind::Heading(_) | Kind::Image | Kind::Figure | Kind::Caption | Kind::Rule
            ) && b.text.split_whitespace().count() >= STANDFIRST_MIN_WORDS
        })
        .unwrap_or(blocks.len());
    for block in &mut blocks[..before_body] {
        if !matches!(block.kind, Kind::Heading(_)) {
            continue;
        }
        let heading = crate::analysis::fold(&block.text);
        if heading.split(' ').count() >= STANDFIRST_MIN_WORDS && heading.starts_with(&description) {
            block.kind = Kind::Standfirst;
        }
    }
}

/// Classes the networks' embed codes give the block quote that stands for a post until
/// their script replaces it.
const EMBEDDED_POSTS: &[&str] = &[
    "twitter-tweet",
    "twitter-video",
    "instagram-media",
    "tiktok-embed",
    "reddit-card",
];

fn is_embedded_post(node: &NodeRef) -> bool {
    node.attr("class").is_some_and(|class| {
        class
            .split_whitespace()
            .any(|c| EMBEDDED_POSTS.contains(&c))
    })
}

/// The lines the page's header showed around its byline (a standfirst over it, the writer's
/// role under it: The New York Times' opinion pages) are header, not body, where the article
/// Readability kept begins with them.
fn mark_header_lines(blocks: &mut [RawBlock], lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let header = |b: &RawBlock| lines.contains(&b.text);
    let before_body = blocks
        .iter()
        .position(|b| {
            !header(b)
                && matches!(b.kind, Kind::Paragraph | Kind::Quote | Kind::Item { .. })
                && b.text.split_whitespace().count() >= STANDFIRST_MIN_WORDS
        })
        .unwrap_or(blocks.len());
    for block in &mut blocks[..before_body] {
        if header(block) {
            block.kind = Kind::Standfirst;
        }
    }
}

/// A byline set in capitals ("STEVEN DAVIDOFF SOLOMON") is the site's typography, not how the
/// name is written: the head's `author` tag usually has the name as written, and otherwise each
/// word is capitalised ("Steven Davidoff Solomon"). A name with any small letter stays as it
/// is, and so does one word in capitals, which is more likely an organisation ("IAB").
fn properly_cased(author: String, tagged: Option<&str>) -> String {
    if author.split_whitespace().count() < 2 || author.chars().any(char::is_lowercase) {
        return author;
    }
    if let Some(tagged) = tagged.map(collapse)
        && tagged.to_lowercase() == author.to_lowercase()
        && tagged.chars().any(char::is_lowercase)
    {
        return tagged;
    }
    author
        .split(' ')
        .map(|word| {
            if matches!(word, "II" | "III" | "IV") {
                return word.to_string();
            }
            // "O'NEIL" → "O'Neil", "JEAN-PAUL" → "Jean-Paul".
            let mut out = String::with_capacity(word.len());
            let mut start = true;
            for c in word.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Separators between a headline and the site's name in a page's `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" - ", " | ", " — ", " – ", " · "];

/// The site's name where the page's `<title>` is the headline and then the site ("… - The New
/// York Times"; "… | Eleanor Ainge Roy | Environment | The Guardian" gives the last part). Not a
/// date ("… - Feb. 1, 2016") and not the author ("… - Bradley M. Kuhn").
fn site_in_title(page_title: &str, title: &str, author: Option<&str>) -> Option<String> {
    site_after_headline(page_title, title, author)
        .or_else(|| {
            // A section's name may come first ("Opinion | Republicans Are Following Trump to
            // Nowhere - The New York Times").
            TITLE_SEPARATORS.iter().find_map(|sep| {
                let (section, rest) = page_title.split_once(sep)?;
                (section.split_whitespace().count() <= SECTION_MAX_WORDS)
                    .then(|| site_after_headline(rest, title, author))
                    .flatten()
            })
        })
        .or_else(|| site_before_headline(page_title, title, author))
}

/// The site's name where the `<title>` gives it first, before a colon: "The Space Review:
/// Seeking a bigger role for a big rocket". (After a dash or a bar the site comes last:
/// "Mozilla - Wikipedia" is the headline and the site.)
fn site_before_headline(page_title: &str, title: &str, author: Option<&str>) -> Option<String> {
    let fold = crate::analysis::fold;
    let (site, rest) = page_title.split_once(": ")?;
    let site = site.trim();
    let by_author = author.is_some_and(|a| fold(a) == fold(site));
    (fold(rest) == fold(title)
        && !site.is_empty()
        && site.split_whitespace().count() <= 6
        && date_prefix(site).is_none()
        && !by_author)
        .then(|| site.to_string())
}

/// A section named before the headline in a `<title>` is a word or two.
const SECTION_MAX_WORDS: usize = 2;

fn site_after_headline(page_title: &str, title: &str, author: Option<&str>) -> Option<String> {
    let headline = crate::analysis::fold(title);
    TITLE_SEPARATORS.iter().find_map(|sep| {
        let (start, _) = page_title
            .match_indices(sep)
            // Folding never grows a headline fourfold: a longer prefix cannot be it. Without
            // the bound a hostile `<title>` of many thousand separators is folded prefix by
            // prefix, quadratic in its length.
            .take_while(|(i, _)| *i <= 4 * title.len() + 16)
            .find(|(i, _)| crate::analysis::fold(&page_title[..*i]) == headline)?;
        let rest = &page_title[start + sep.len()..];
        let site = rest.rsplit(sep).next()?.trim();
        let named = |name: &str| {
            let name = crate::analysis::fold(name);
            !name.is_empty() && crate::analysis::fold(site).contains(&name)
        };
        (!site.is_empty()
            && site.split_whitespace().count() <= 6
            && date_prefix(site).is_none()
            && !author.is_some_and(|a| a.split(", ").any(named)))
        .then(|| site.to_string())
    })
}

/// Sites that host publications: the site's name alone ("Medium") is the publisher only of a
/// post that belongs to no publication.
const PLATFORMS: &[&str] = &["Medium"];

/// The publication a post on a hosting platform belongs to, as the `<title>` names it before the
/// platform ("Inside the Deep Web Drug Lab — Backchannel — Medium"): citation styles name the
/// publication, and the platform says only where it is hosted.
fn publication_on(
    platform: &str,
    page_title: &str,
    title: &str,
    author: Option<&str>,
) -> Option<String> {
    if !PLATFORMS.contains(&platform) {
        return None;
    }
    TITLE_SEPARATORS.iter().find_map(|sep| {
        let before = page_title
            .trim_end()
            .strip_suffix(platform)?
            .strip_suffix(sep)?;
        site_in_title(before, title, author)
    })
}

/// Title, authors, date, publisher and canonical URL as the page's `<head>` states them, where
/// Readability does not look: `citation_*` tags and `<link rel=canonical>`.
fn own_metadata(dom: &Dom) -> (PartialMetadata, Head) {
    let meta = |name: &str| -> Vec<String> {
        dom.select(&format!("meta[name=\"{name}\"], meta[property=\"{name}\"]"))
            .nodes()
            .iter()
            .filter_map(|n| n.attr("content"))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
            .collect()
    };
    let first = |names: &[&str]| names.iter().find_map(|n| meta(n).into_iter().next());
    let dated = |value: Option<String>| value.filter(|d| d.parse::<super::Date>().is_ok());
    let authors = meta("citation_author");
    let canonical = dom
        .select("link[rel=\"canonical\"]")
        .nodes()
        .iter()
        .filter_map(|n| n.attr("href"))
        .map(|h| h.trim().to_string())
        .find(|h| is_url(h))
        .or_else(|| first(&["og:url"]).filter(|u| is_url(u)));
    // Microdata (schema.org): a `content` or `datetime` attribute, an `<abbr>`'s `title` (the
    // microformats way: Blogger's `<abbr itemprop="datePublished" title="2016-12-06T12:06…">12:06
    // PM</abbr>`), or the element's text.
    let itemprop = |name: &str| -> Option<String> {
        dom.select(&format!("[itemprop=\"{name}\"]"))
            .nodes()
            .iter()
            .find_map(|n| {
                let abbr = n
                    .node_name()
                    .is_some_and(|t| t.eq_ignore_ascii_case("abbr"));
                n.attr("content")
                    .or_else(|| n.attr("datetime"))
                    .or_else(|| n.attr("title").filter(|_| abbr))
                    .map(|v| v.to_string())
                    .or_else(|| Some(n.text().to_string()))
            })
            .map(|v| collapse(&v))
            .filter(|v| !v.is_empty())
    };
    let head = Head {
        title: dom
            .select("head title")
            .nodes()
            .first()
            .map(|t| collapse(&t.text()))
            .filter(|t| !t.is_empty()),
        author: first(&["author"]),
        description: first(&["description", "og:description", "twitter:description"]),
    };
    let meta = PartialMetadata {
        title: first(&["citation_title"]),
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        // A source whose value is no date ("12:06 PM") gives way to the next.
        published: dated(first(&[
            "citation_publication_date",
            "citation_date",
            "citation_online_date",
            "article:published_time",
        ]))
        .or_else(|| dated(itemprop("datePublished")))
        .or_else(|| {
            dated(first(&[
                "date",
                "pubdate",
                "publishdate",
                "dc.date.issued",
                "dcterms.created",
            ]))
        })
        .or_else(|| {
            // The first machine-readable time on the page, when nothing names the date.
            dom.select("time[datetime]")
                .nodes()
                .iter()
                .filter_map(|n| n.attr("datetime"))
                .map(|d| d.trim().to_string())
                .find(|d| d.parse::<super::Date>().is_ok())
        }),
        publisher: first(&["citation_publisher", "citation_journal_title"]),
        url: canonical,
        category: None,
        added: None,
    };
    (meta, head)
}

/// Turns an article's elements into blocks, in order.
#[derive(Default)]
struct Walker {
    out: Vec<RawBlock>,
    /// Text gathered for the block being built.
    text: String,
    /// Characters of `text` shown, and of those inside a link.
    shown: usize,
    linked: usize,
    /// Inside a list item (its kind), or a block quote (one paragraph for the whole quote).
    item: Option<bool>,
    quote_depth: usize,
    link_depth: usize,
    /// Inside a `<figure>`: its text is a caption, and the figure stands as one image.
    figure_depth: usize,
    /// A glossary term (`<dt>`) waiting for its definition, which it opens.
    term: Option<String>,
    /// Blocks read as subheadings for being set in bold (see [`bold_heading`]).
    bold: Vec<usize>,
    /// Inside a `<header>` of the article (not of the site), whose text is its standfirst:
    /// Medical News Today's "Neuroscience tells us that … New research investigates." Only the
    /// article as Readability keeps it is read so; the whole page's header holds its menus.
    header_depth: usize,
    article_headers: bool,
}

impl Walker {
    /// Adds a block. A pending glossary term opens the paragraph or item that defines it
    /// ("Push: Any change to a service’s running software"), as a reader sees the pair: one
    /// entry, whose term alone would be a fragment and whose definition alone would not say
    /// what it defines. Before anything else, the term stands as a paragraph of its own.
    fn push(&mut self, kind: Kind, text: String, links_only: bool) {
        let text = match self.term.take() {
            Some(term) if matches!(kind, Kind::Paragraph | Kind::Item { .. }) => {
                if term.ends_with([':', '.', '—', '–']) {
                    format!("{term} {text}")
                } else {
                    format!("{term}: {text}")
                }
            }
            Some(term) => {
                self.push(Kind::Paragraph, term, false);
                text
            }
            None => text,
        };
        let line = self.out.len() + 1;
        self.out.push(RawBlock {
            kind,
            text,
            line,
            links_only,
        });
    }

    /// Ends the walk: a term nothing defined is kept as written, and a bold line that no
    /// paragraph of sentences follows is a line, not a subheading (a name over its owner's job
    /// title in an author card, a last bold line). A line that leads into what follows ("A CPU
    /// profiling should be read like this:", over a list or a table) is text enough.
    fn finish(&mut self) {
        self.flush();
        if let Some(term) = self.term.take() {
            self.push(Kind::Paragraph, term, false);
        }
        for &i in &self.bold {
            let text = |at: usize| {
                self.out
                    .get(at)
                    .filter(|b| matches!(b.kind, Kind::Paragraph | Kind::Item { .. } | Kind::Quote))
            };
            let sentences = text(i + 1).is_some_and(|next| {
                next.text.split_whitespace().count() >= BOLD_HEADING_TEXT_WORDS
                    && super::page::ends_like_a_sentence(&next.text)
            });
            let leads_in = text(i + 1).is_some_and(|next| {
                next.kind == Kind::Paragraph && next.text.trim_end().ends_with(':')
            });
            let followed = sentences || leads_in;
            if !followed && let Some(block) = self.out.get_mut(i) {
                block.kind = Kind::Paragraph;
            }
        }
    }

    /// A picture alone in its own box (everything the box gave since `before`), with no caption
    /// in it, is a figure without one: the paragraph after the box is the article going on,
    /// not its caption (The Washington Post's embedded maps).
    fn lone_picture(&mut self, before: usize) {
        if self.out.len() == before + 1
            && self.quote_depth == 0
            && self.figure_depth == 0
            && let Some(last) = self.out.last_mut()
            && last.kind == Kind::Image
        {
            last.kind = Kind::Figure;
        }
    }

    /// Ends the text being gathered: a paragraph (a list item inside a list), unless inside a
    /// block quote, which is one paragraph to its end (a pull quote with its attribution) but
    /// for the items of a list it quotes, which are paragraphs as a list's items always are.
    fn flush(&mut self) {
        if self.quote_depth > 0 && self.item.is_none() {
            self.text.push(' ');
            return;
        }
        self.emit();
    }

    /// The text gathered so far as a block of its own, whatever holds it.
    fn emit(&mut self) {
        let text = collapse(&self.text);
        let links_only = self.shown > 0 && self.linked == self.shown;
        self.text.clear();
        self.shown = 0;
        self.linked = 0;
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let kind = match self.item {
            _ if self.figure_depth > 0 => Kind::Caption,
            None if self.header_depth > 0 && self.quote_depth == 0 => Kind::Standfirst,
            Some(ordered) => Kind::Item { ordered },
            None if self.quote_depth > 0 => Kind::Quote,
            None => Kind::Paragraph,
        };
        self.push(kind, text, links_only);
    }

    fn children(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            self.node(&child);
        }
    }

    fn node(&mut self, node: &NodeRef) {
        if node.is_text() {
            let text = node.text();
            // Letters and digits: a link set in brackets ("[Bardo museum houses amazing Roman
            // treasures]", the brackets outside the link) is still nothing but a link.
            let visible = text.chars().filter(|c| c.is_alphanumeric()).count();
            self.shown += visible;
            if self.link_depth > 0 {
                self.linked += visible;
            }
            self.text.push_str(&text);
            return;
        }
        if !node.is_element() {
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if IGNORED.contains(&name) || node.has_attr("hidden") {
            return;
        }
        match note(node) {
            // "alerts,22 and pages": a note's mark is no word of the sentence.
            Some(Note::Mark) => return,
            Some(Note::Text) if self.quote_depth == 0 => {
                self.flush();
                self.push(Kind::Skipped(Skipped::Footnote), String::new(), false);
                return;
            }
            _ => {}
        }
        match name {
            // "[41]", "[citation needed]": a mark pointing to a note or asking for one, no word
            // of the sentence (Wikipedia's references).
            "sup" if short_text(node, MARK_LEN).is_some_and(|t| is_bracketed(&collapse(&t))) => {}
            "a" => {
                self.link_depth += 1;
                self.children(node);
                self.link_depth -= 1;
            }
            "br" => self.text.push(' '),
            "img" | "picture" => {
                // An image alone stands for itself (its caption may follow); inside text it is
                // nothing.
                if self.quote_depth == 0
                    && self.figure_depth == 0
                    && collapse(&self.text).is_empty()
                {
                    self.push(Kind::Image, String::new(), false);
                }
            }
            "hr" => {
                self.flush();
                if self.quote_depth == 0 {
                    self.push(Kind::Rule, String::new(), false);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.quote_depth == 0 => {
                self.flush();
                let level = name[1..].parse().unwrap_or(2);
                let mut inner = Walker::default();
                inner.children(node);
                let mut text = collapse(&inner.text);
                if text.is_empty() {
                    // A list set inside the heading (CBS News's `<h3><ol><li>"My fears have
                    // been realized"</li></ol></h3>`) is what it says, numbered as a browser
                    // shows it: `1. "My fears have been realized"`.
                    let mut number = 0;
                    let items: Vec<String> = inner
                        .out
                        .iter()
                        .filter_map(|b| match b.kind {
                            Kind::Item { ordered } => {
                                number += 1;
                                Some(if ordered {
                                    format!("{number}. {}", b.text)
                                } else {
                                    b.text.clone()
                                })
                            }
                            _ => None,
                        })
                        .collect();
                    text = items.join(" ");
                }
                let text = without_edit_link(&text);
                if text.chars().any(char::is_alphanumeric) {
                    let links_only = inner.shown > 0 && inner.linked == inner.shown;
                    self.push(Kind::Heading(level), text.to_string(), links_only);
                }
            }
            "pre" | "table" if self.quote_depth == 0 => {
                self.flush();
                let what = if name == "pre" {
                    Skipped::Code
                } else {
                    Skipped::Table
                };
                self.push(Kind::Skipped(what), String::new(), false);
            }
            // A post embedded from a social network is set as a block quote its script turns
            // into a card: media, as a picture is, not a quotation of the article's.
            "blockquote" if self.quote_depth == 0 && is_embedded_post(node) => {
                self.flush();
                self.push(Kind::Figure, String::new(), false);
            }
            "blockquote" => {
                self.flush();
                self.quote_depth += 1;
                self.children(node);
                self.quote_depth -= 1;
                if self.quote_depth == 0 {
                    let text = collapse(&self.text);
                    self.text.clear();
                    self.shown = 0;
                    self.linked = 0;
                    if text.chars().any(char::is_alphanumeric) {
                        self.push(Kind::Quote, text, false);
                    }
                }
            }
            "dt" if self.quote_depth == 0 && self.figure_depth == 0 => {
                self.flush();
                let mut inner = Walker::default();
                inner.children(node);
                let text = collapse(&inner.text);
                if text.chars().any(char::is_alphanumeric) {
                    if let Some(earlier) = self.term.take() {
                        self.push(Kind::Paragraph, earlier, false);
                    }
                    self.term = Some(text);
                }
            }
            "li" => {
                if self.quote_depth > 0 && self.item.is_none() {
                    // A quoted list: what the quote said before it is a paragraph of its own.
                    self.emit();
                }
                self.flush();
                let outer = self.item;
                let ordered = node
                    .parent()
                    .and_then(|p| p.node_name())
                    .is_some_and(|n| n.eq_ignore_ascii_case("ol"));
                self.item = Some(ordered);
                self.children(node);
                self.flush();
                self.item = outer;
            }
            "p" if self.quote_depth == 0 && self.item.is_none() && self.figure_depth == 0 => {
                self.flush();
                match bold_heading(node) {
                    Some(text) => {
                        self.push(Kind::Heading(BOLD_HEADING_LEVEL), text, false);
                        self.bold.push(self.out.len() - 1);
                    }
                    None => {
                        let before = self.out.len();
                        self.children(node);
                        self.flush();
                        if self.out.len() == before + 1 && is_teaser(node) {
                            self.out[before].kind = Kind::Skipped(Skipped::Teaser);
                        }
                        // A picture set as a paragraph of its own is captionless when the
                        // paragraph after it is the article's flow going on; a caption is set
                        // apart in a box of its own (a wiki's thumbnail captions).
                        let next_is_p = node
                            .next_element_sibling()
                            .and_then(|n| n.node_name())
                            .is_some_and(|n| n.eq_ignore_ascii_case("p"));
                        if next_is_p {
                            self.lone_picture(before);
                        }
                    }
                }
            }
            "p" => {
                self.flush();
                self.children(node);
                self.flush();
            }
            // A caption, wherever it stands; a figure is one image with a caption, whatever
            // it holds ("Image" placeholders, credits).
            "figcaption" | "caption" | "figure" if self.quote_depth == 0 => {
                self.flush();
                if name == "figure" && self.figure_depth == 0 {
                    self.push(Kind::Figure, String::new(), false);
                }
                self.figure_depth += 1;
                self.children(node);
                self.flush();
                self.figure_depth -= 1;
            }
            "header" if self.article_headers => {
                self.flush();
                self.header_depth += 1;
                self.children(node);
                self.flush();
                self.header_depth -= 1;
            }
            _ if BLOCKS.contains(&name) => {
                self.flush();
                let before = self.out.len();
                self.children(node);
                self.flush();
                self.lone_picture(before);
            }
            // Inline elements: their text joins the block being built.
            _ => self.children(node),
        }
    }
}

/// A teaser for another story set between paragraphs: a bold label ending in a colon, then a
/// headline ("<strong>Internal memo: </strong>Federal prison guards falsified records of cell
/// checks, inmate counts", as USA Today sets them), which ends in no full stop. A paragraph the
/// article opens with a bold label ("<b>Update:</b> The company replied on Tuesday.") ends in
/// one.
fn is_teaser(node: &NodeRef) -> bool {
    let Some(first) = node
        .children()
        .into_iter()
        .find(|c| !(c.is_text() && c.text().trim().is_empty()))
    else {
        return false;
    };
    let bold = first
        .node_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("strong") || n.eq_ignore_ascii_case("b"));
    let label = collapse(&first.text());
    let text = collapse(&node.text());
    let words = text.split_whitespace().count();
    bold && label.ends_with(':')
        && label.split_whitespace().count() <= TEASER_LABEL_WORDS
        && words > label.split_whitespace().count()
        && words <= TEASER_MAX_WORDS
        && !super::page::ends_like_a_sentence(&text)
}

/// A teaser's label is a few words ("Epstein's inner circle eyed:").
const TEASER_LABEL_WORDS: usize = 6;
/// A teaser is a label and a headline, not a paragraph.
const TEASER_MAX_WORDS: usize = 30;

/// A subheading set as a paragraph of bold type, as sites without heading tags set one: under
/// any heading the page marks as such.
pub(super) const BOLD_HEADING_LEVEL: u8 = 4;
/// Longer than this, a bold paragraph is a sentence stressed, not a subheading.
const BOLD_HEADING_WORDS: usize = 8;
/// A subheading leads into text: the paragraph after it is sentences, at least this many words.
const BOLD_HEADING_TEXT_WORDS: usize = 12;

/// The text of a paragraph set wholly in one bold run, short and not ending as a sentence or a
/// lead-in does ("<p><strong>Back on the schooner</strong></p>"): a subheading to its reader.
/// A linked one is a link, and one that ends in punctuation ("Editor's note: …", "Update:") is
/// text; but a question may head what answers it ("What does it mean?"), as a heading may.
fn bold_heading(node: &NodeRef) -> Option<String> {
    let mut bold = None;
    for child in node.children_it(false) {
        if child.is_text() {
            if child.text().trim().is_empty() {
                continue;
            }
            return None;
        }
        if !child.is_element() {
            continue;
        }
        let name = child.node_name()?.to_ascii_lowercase();
        if !matches!(name.as_str(), "strong" | "b") || bold.is_some() {
            return None;
        }
        bold = Some(child);
    }
    let bold = bold?;
    let plain = |n: &NodeRef| {
        n.node_name().is_some_and(|n| {
            ["em", "i", "span"]
                .iter()
                .any(|t| n.eq_ignore_ascii_case(t))
        })
    };
    if bold.descendants_it().any(|n| n.is_element() && !plain(&n)) {
        return None;
    }
    let text = collapse(&short_text(&bold, FOOTER_LINE_LEN)?);
    // Words, not signs: "(& developers!)" is one word.
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    ((1..=BOLD_HEADING_WORDS).contains(&words)
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with(['.', '!', ':', ',', ';', '…', '"', '”']))
    .then_some(text)
}

/// What a page marks as part of its notes, in the vocabularies publishers use: O'Reilly's
/// HTMLBook (`data-type="footnote"`, `"noteref"`) and the W3C's Digital Publishing roles
/// (`role="doc-footnote"`, `"doc-noteref"`). Marked, a note is known for what it is, where its
/// text alone ("22Sometimes known as…") would pass for a paragraph.
enum Note {
    /// The mark in the text that points to a note.
    Mark,
    /// A note, or the list of them.
    Text,
}

fn note(node: &NodeRef) -> Option<Note> {
    let marked = |attr: &str| node.attr(attr).map(|v| v.trim().to_ascii_lowercase());
    let kind = marked("data-type")
        .or_else(|| marked("role").and_then(|r| r.strip_prefix("doc-").map(str::to_string)))?;
    match kind.as_str() {
        "noteref" | "footnote-ref" | "endnote-ref" => Some(Note::Mark),
        "footnote" | "footnotes" | "endnote" | "endnotes" | "rearnote" | "rearnotes" => {
            Some(Note::Text)
        }
        _ => None,
    }
}

/// Longer than this, a footer's element is not a line that names an author or a date (those
/// are a dozen words or so): read no further, so nested elements do not copy the footer's
/// text once per level.
const FOOTER_LINE_LEN: usize = 1000;

/// Longer than this, a superscript is not a note's mark ("[citation needed]" is 17).
const MARK_LEN: usize = 40;

/// The text under `node`, unless it is longer than `limit` bytes: read without copying the
/// rest, so asking of every nested element of a hostile page costs no more than its size.
fn short_text(node: &NodeRef, limit: usize) -> Option<String> {
    let mut text = String::new();
    for inner in node.descendants_it().filter(|n| n.is_text()) {
        let part = inner.immediate_text();
        if text.len() + part.len() > limit {
            return None;
        }
        text.push_str(&part);
    }
    Some(text)
}

/// "[41]", "[a]", "[citation needed]": text in brackets and nothing else.
fn is_bracketed(text: &str) -> bool {
    text.len() > 2 && text.starts_with('[') && text.ends_with(']') && !text[1..].contains('[')
}

/// A heading without the "[edit]" link a wiki puts after it ("History[edit]").
fn without_edit_link(heading: &str) -> &str {
    let Some(head) = heading.strip_suffix(']') else {
        return heading;
    };
    match head.rsplit_once('[') {
        Some((title, link)) if link.trim().eq_ignore_ascii_case("edit") => title.trim_end(),
        _ => heading,
    }
}

/// Whitespace runs as one space, trimmed: as a browser shows text.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(page: &Page) -> Vec<(Kind, &str)> {
        page.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists_and_quotes() {
        let html = r#"<html><head><title>T</title>
            <link rel="canonical" href="https://example.org/a">
            <meta name="citation_author" content="Roe, Jane">
            <meta name="citation_author" content="Doe, John">
            <meta name="citation_publication_date" content="2024/03/01">
            </head><body><article>
            <h2>First part</h2>
            <p>One paragraph of the article, long enough to be prose and to be kept by the
               extractor as the body of this small page.</p>
            <ul><li>An item</li><li><a href="/x">A link</a></li></ul>
            <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
            <pre>code()</pre>
            <figure><img src="a.png"><figcaption>A caption</figcaption></figure>
            <p>Another paragraph that carries on with the argument of the article at length.</p>
            </article></body></html>"#;
        let page =
            read(html, Some("https://example.org/a?utm=1")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(page.meta.author.as_deref(), Some("Roe, Jane, Doe, John"));
        assert_eq!(page.meta.published.as_deref(), Some("2024/03/01"));
        assert_eq!(
            split_byline("By Erin Cunningham March 18 at 3:57 PM Follow"),
            (Some("Erin Cunningham".into()), None)
        );
        assert_eq!(split_byline("By Jane May"), (Some("Jane May".into()), None));
        assert_eq!(
            split_byline("by Jeff Foust Monday, November 18, 2019"),
            (
                Some("Jeff Foust".into()),
                Some("Monday, November 18, 2019".into())
            )
        );
        assert_eq!(
            split_byline("By JEFFREY GETTLEMAN JAN. 13, 2017"),
            (
                Some("JEFFREY GETTLEMAN".into()),
                Some("JAN. 13, 2017".into())
            )
        );
        let blocks = kinds(&page);
        assert!(blocks.contains(&(Kind::Heading(2), "First part")));
        assert!(blocks.contains(&(Kind::Item { ordered: false }, "An item")));
        assert!(blocks.contains(&(Kind::Quote, "Quoted one. Quoted two.")));
        assert!(blocks.contains(&(Kind::Skipped(Skipped::Code), "")));
        let image = blocks.iter().position(|b| b.0 == Kind::Figure);
        let caption = blocks
            .iter()
            .position(|b| b == &(Kind::Caption, "A caption"));
        assert!(image.is_some() && caption == image.map(|i| i + 1));
        assert!(
            page.blocks
                .iter()
                .any(|b| b.text == "A link" && b.links_only)
        );
    }

    #[test]
    fn a_teaser_for_another_story_is_no_paragraph() {
        let html = r#"<html><head><title>Guards charged</title></head><body><article>
            <p>Two federal prison officers were charged on Tuesday with falsifying records,
               stating they had checked on an inmate in the hours before he died.</p>
            <p><strong>Internal memo: </strong>Federal prison guards falsified records of cell
               checks, inmate counts</p>
            <p><strong>Update:</strong> The bureau said on Wednesday that it would review how
               every unit in the system records its rounds.</p>
            <p>Prosecutors alleged that no inmate checks were made for eight hours, and that
               the officers had slept at their desks during the night.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(
            blocks.iter().any(|b| b.0 == Kind::Skipped(Skipped::Teaser)
                && b.1.starts_with("Internal memo:")),
            "{blocks:?}"
        );
        assert!(
            blocks
                .iter()
                .any(|b| b.0 == Kind::Paragraph && b.1.starts_with("Update:")),
            "{blocks:?}"
        );
    }

    #[test]
    fn a_deck_under_the_headline_is_the_standfirst() {
        let html = r#"<html><head><title>Google bets on Stadia</title></head><body><article>
            <h1>Google Bets on the Future With Launch of Stadia</h1>
            <h2 class="article__deck">"You're going to see a number of things that Stadia can
               do that is not possible on other platforms," says Jack Buser.</h2>
            <p>Google's long-gestating foray into gaming has finally arrived as the tech
               giant's game streaming service, Stadia, launched Tuesday morning.</p>
            <p>"Stadia has been built from the ground up to be a cloud platform," Jack Buser,
               director for games at Google, says of the service and what it can do.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            page.blocks
                .iter()
                .any(|b| b.kind == Kind::Standfirst && b.text.ends_with("says Jack Buser.")),
            "{:?}",
            kinds(&page)
        );
        assert!(
            !page
                .blocks
                .iter()
                .any(|b| matches!(b.kind, Kind::Heading(_)) && b.text.contains("Jack Buser")),
            "{:?}",
            kinds(&page)
        );
    }

    #[test]
    fn a_line_classed_as_a_caption_is_one() {
        let html = r#"<html><head><title>Flu shots</title></head><body><article>
            <p>A group of physicians, alarmed that the administration is denying flu vaccines
               to immigrants in custody, is urging it to accept an offer of free shots.</p>
            <span><img src="a.jpg"><span class="caption truncate"><span class="attribution">©
               John Brecher</span> Needle poking skin during administration of a flu shot.</span>
               </span>
            <p>In a letter, the doctors pleaded with the administration to reconsider its
               decision not to vaccinate detained migrants for flu this season.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(
            blocks
                .iter()
                .any(|b| b.0 == Kind::Caption && b.1.contains("Needle poking skin")),
            "{blocks:?}"
        );
        assert!(
            blocks
                .iter()
                .any(|b| b.0 == Kind::Paragraph && b.1.starts_with("In a letter")),
            "{blocks:?}"
        );
    }

    #[test]
    fn an_article_header_is_the_standfirst_and_a_first_paragraph_before_a_picture_is_not() {
        let html = r#"<html><head><title>Brains</title></head><body><article>
            <header>Neuroscience tells us that most of the work done by our brains happens
               unconsciously, but when does that moment occur? New research investigates.</header>
            <div><img src="a.jpg"><em>A new study looks at the moment.</em></div>
            <p>Many of us have noticed that we seem to get our best ideas when we're in the
               shower, or when we least think about the question at all.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            page.blocks
                .iter()
                .any(|b| b.kind == Kind::Standfirst && b.text.starts_with("Neuroscience")),
            "{:?}",
            kinds(&page)
        );
        // A paragraph before a picture, in a format that marks its standfirst, is the article's.
        let blocks = vec![
            RawBlock::paragraph(
                "A group of physicians, alarmed that the administration is denying flu \
                 vaccines to immigrants in custody, is urging it to accept their offer.",
                1,
            ),
            RawBlock {
                kind: Kind::Image,
                ..RawBlock::paragraph("", 2)
            },
            RawBlock {
                kind: Kind::Caption,
                ..RawBlock::paragraph("© John Brecher Needle poking skin.", 2)
            },
            RawBlock::paragraph(
                "In a letter, the doctors pleaded with the administration to reconsider its \
                 decision not to vaccinate detained migrants for flu this season.",
                3,
            ),
        ];
        let article = super::super::page::clean_marked(&blocks, None, None, 1, true);
        assert_eq!(
            article
                .blocks
                .iter()
                .filter(|b| matches!(b, super::super::load::Block::Paragraph { .. }))
                .count(),
            2
        );
    }

    #[test]
    fn a_list_set_inside_a_heading_is_the_heading() {
        let html = r#"<html><head><title>Key moments</title></head><body><article>
            <p>Two witnesses testified side by side before the committee on Tuesday about the
               events at the center of the inquiry, and here is what they said.</p>
            <p>Here are some of the highlights:</p>
            <h3><ol><li>"My fears have been realized"</li></ol></h3>
            <p>Morrison told the committee that he had feared how the disclosure of the call
               would play in the political climate of the capital, and that it had.</p>
            <h3>2. Never urged Ukraine to investigate</h3>
            <p>Volker said in his opening statement that at no time was he aware of an effort
               to urge an investigation, and that it was never a topic of discussion.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(
            blocks.contains(&(Kind::Heading(3), "1. \"My fears have been realized\"")),
            "{blocks:?}"
        );
    }

    #[test]
    fn a_line_styled_as_a_subheading_is_one() {
        let html = r#"<html><head><title>T</title></head><body><article>
            <p>Breaking with decades of policy favouring free trade, the president has pursued an
               agenda of tariffs as weapons in a widening trade war, his critics said.</p>
            <div class="pf_subheadline">Who pays the cost of a tariff?</div>
            <p>When the United States slaps tariffs on goods, it is not foreign exporters that make
               the payment: the importers do, and they are usually American companies.</p>
            <div class="subheadline-box">This box holds a long note that a page styles the same
               way, and it runs on well past what any heading would ever say to a reader.</div>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b.0, Kind::Heading(_)) && b.1 == "Who pays the cost of a tariff?"),
            "{blocks:?}"
        );
        assert!(
            blocks
                .iter()
                .any(|b| b.0 == Kind::Paragraph && b.1.starts_with("This box holds")),
            "{blocks:?}"
        );
    }

    #[test]
    fn a_headline_at_another_level_and_a_date_in_an_abbr_s_title() {
        let body = "<p>Android users are downloading tens of billions of apps and games, and it \
                    takes a lot of data to download the updates that developers publish.</p>\
                    <p>Today we share a new approach that goes further, and makes updates smaller \
                    than they have ever been before.</p>";
        // Blogger: the date header over the post title, an <h3>.
        let blogger = format!(
            r#"<html><head><title>Saving Data: Smaller Updates | Android Developers Blog</title>
            </head><body><h2 class="date-header"><span>06 December 2016</span></h2>
            <div class="post"><h3 class="post-title">Saving Data: Smaller Updates</h3>
            <div class="post-body">{body}</div></div></body></html>"#
        );
        let page = read(&blogger, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.published.as_deref(), Some("06 December 2016"));
        // A microformat's <abbr>: its text is a time, its title the date.
        let abbr = format!(
            r#"<html><head><title>T</title></head><body><article>{body}
            <abbr itemprop="datePublished" title="2016-12-06T12:06:00-08:00">12:06 PM</abbr>
            </article></body></html>"#
        );
        let page = read(&abbr, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            page.meta.published.as_deref(),
            Some("2016-12-06T12:06:00-08:00")
        );
        // A source that holds no date gives way to the next.
        let no_date = format!(
            r#"<html><head><title>T</title></head><body><article>{body}
            <span itemprop="datePublished">12:06 PM</span>
            <time datetime="2016-12-06">Tuesday</time></article></body></html>"#
        );
        let page = read(&no_date, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.published.as_deref(), Some("2016-12-06"));
    }

    #[test]
    fn an_embedded_post_a_standfirst_over_the_byline_and_a_role_under_it_are_no_paragraphs() {
        let html = r#"<html><head><title>The Law - Vox</title></head><body>
            <header><h1>The law that is helping fuel the pollution</h1>
            <p>A policy to conserve water led to the rise of a major source of air pollution.</p>
            <p>By</p><p>Jamelle Bouie</p><p>Opinion Columnist</p></header>
            <article>
            <p>A policy to conserve water led to the rise of a major source of air pollution.</p>
            <p>Opinion Columnist</p>
            <p>Another cloud of choking smoke and dust is set to descend upon the residents of the
               city this week, with forecasters warning of severe levels on Wednesday.</p>
            <blockquote class="twitter-tweet"><p>The city has turned into a gas chamber due to
               smoke from crop burning in neighbouring states.</p>— A Minister (@minister)</blockquote>
            <p>The gray haze led to canceled flights, closed schools, and created a public health
               emergency across the whole of the region, officials said.</p>
            <blockquote><p>A quotation of the article's, kept as one.</p></blockquote>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        let text: Vec<(Kind, &str)> = kinds(&page)
            .into_iter()
            .filter(|(k, _)| matches!(k, Kind::Paragraph | Kind::Quote))
            .collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(text[0].1.starts_with("Another cloud"));
        assert!(text[1].1.starts_with("The gray haze"));
        assert_eq!(
            text[2],
            (Kind::Quote, "A quotation of the article's, kept as one.")
        );
        assert_eq!(page.meta.author.as_deref(), Some("Jamelle Bouie"));
    }

    #[test]
    fn a_site_named_as_author_is_the_publisher_and_a_byline_naming_the_site_is_its_writer() {
        let body = "<p>One paragraph of the article, long enough to be prose and to be kept by \
                    the extractor as the body of this small page, and then some more words.</p>\
                    <p>Another paragraph that carries on with the argument of the article at \
                    length, so that the page reads as an article.</p>";
        let bbc = format!(
            r#"<html><head><title>A story - BBC News</title>
            <meta property="og:site_name" content="BBC News">
            <meta property="og:article:author" content="BBC News">
            </head><body><article><h1>A story</h1>{body}</article></body></html>"#
        );
        let page = read(&bbc, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author, None);
        assert_eq!(page.meta.publisher.as_deref(), Some("BBC News"));
        let blog = format!(
            r#"<html><head><title>A post</title>
            <meta property="og:site_name" content="Jane Roe">
            </head><body><article><h1>A post</h1><p class="byline">Jane Roe</p>{body}</article>
            </body></html>"#
        );
        let page = read(&blog, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(page.meta.publisher, None);
    }

    #[test]
    fn a_picture_alone_between_paragraphs_and_a_link_in_brackets() {
        let html = r#"<html><head><title>T</title></head><body><article>
            <p>An opening paragraph, long enough to be prose and kept as the body of the page.</p>
            <p><i>[<a href="/x">Bardo museum houses amazing Roman treasures</a>]</i></p>
            <p>Another paragraph that carries the story on, before a map the page embeds.</p>
            <p><img src="map.jpg"></p>
            <p>Officials are worried about the militants who may have joined the jihadists.</p>
            <div><p><a href="/f"><img src="thumb.jpg"></a></p><div><div><a href="/f"></a></div>
            A caption in its box, as a wiki sets it</div></div>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            page.blocks
                .iter()
                .any(|b| b.links_only && b.text.contains("Bardo museum houses")),
            "{:?}",
            kinds(&page)
        );
        let kinds: Vec<Kind> = page.blocks.iter().map(|b| b.kind).collect();
        // The map's paragraph is followed by the article's: it has no caption. The thumbnail's
        // caption is set in a box of its own, and stays its caption.
        assert_eq!(
            kinds.iter().filter(|k| **k == Kind::Figure).count(),
            1,
            "{kinds:?}"
        );
        assert_eq!(
            kinds.iter().filter(|k| **k == Kind::Image).count(),
            1,
            "{kinds:?}"
        );
    }

    #[test]
    fn a_date_the_address_spells_out() {
        assert_eq!(
            date_in_address(
                "http://www.washingtonpost.com/world/gunmen-storm-museum/2015/03/18/00202e76-cd73_story.html"
            )
            .as_deref(),
            Some("2015-03-18")
        );
        for url in [
            "https://example.org/2015/13/18/x",
            "https://example.org/2015/03/x",
            "https://example.org/archive/1234/56/78",
            "https://example.org/a?d=/2015/03/18/",
        ] {
            assert_eq!(date_in_address(url), None, "{url}");
        }
    }

    #[test]
    fn a_bold_line_that_leads_into_text_is_a_subheading() {
        let html = r#"<html><head><title>T</title></head><body><article>
            <p>An opening paragraph, long enough to be prose and kept as the body of the page.</p>
            <p> <strong>Back on the schooner</strong> </p>
            <p>The day after Easter, the skipper and his crew loaded up the boat and set off.</p>
            <p><strong>Update:</strong> the story was corrected, and this line says how.</p>
            <p><b>Editor's note: an earlier version of this story misnamed the boat.</b></p>
            <p><strong><a href="/more">Read more</a></strong></p>
            <p>Another paragraph that carries on with the story of the boat at some length.</p>
            <p><strong>How can we identify an issue?</strong></p>
            <p>A profile should be read like this:</p>
            <ul><li>the x-axis shows the stack population</li></ul>
            <p><strong>Is it that simple?</strong></p>
            <p>No.</p>
            <p><strong>How effective is it?</strong></p>
            <p>Here are examples of updates:</p>
            <table><tr><td>Maps</td><td>32.7 MB</td></tr></table>
            <p><strong>Saving data and making our users (&amp; developers!) happy</strong></p>
            <p>These changes are designed to ensure our users spend as little data as they can.</p>
            <p><strong>Jane Roe</strong></p>
            <p>Senior Vice President of Things and General Manager of the Other Things Lab</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(blocks.contains(&(Kind::Heading(BOLD_HEADING_LEVEL), "Back on the schooner")));
        // A question heads what answers it, here a line leading into a list or a table; a sign
        // is not a word.
        for heading in [
            "How can we identify an issue?",
            "How effective is it?",
            "Saving data and making our users (& developers!) happy",
        ] {
            assert!(
                blocks.contains(&(Kind::Heading(BOLD_HEADING_LEVEL), heading)),
                "{heading}: {blocks:?}"
            );
        }
        // A lead-in, a note that is a sentence, a link and a name over a job title are text.
        for text in [
            "Update: the story was corrected, and this line says how.",
            "Editor's note: an earlier version of this story misnamed the boat.",
            "Read more",
            "Is it that simple?",
            "Jane Roe",
        ] {
            assert!(
                blocks
                    .iter()
                    .any(|b| b.1 == text && !matches!(b.0, Kind::Heading(_))),
                "{text}: {blocks:?}"
            );
        }
    }

    #[test]
    fn a_standfirst_under_a_time_line_and_a_form_label_are_no_section_or_text() {
        let standfirst = "The once-ubiquitous form of lighting was novel when it first emerged \
                          in the early 1900s, though it has since come to represent decline.";
        let html = format!(
            r#"<html><head><title>Neon</title><meta name="description" content="{standfirst}">
            </head><body><article><h1>Why Neon Is the Ultimate Symbol</h1>
            <p><time>1:39 PM ET</time></p><h2 itemprop="description">{standfirst}</h2>
            <p>In the summer of 1898, a Scottish chemist made a discovery that would give the
            Moulin Rouge and Times Square their nighttime glow.</p>
            <section><h2>Cities are changing fast. Keep up with the CityLab Daily newsletter.</h2>
            <label for="email">The best way to follow issues you care about.</label>
            <form><input id="email"></form></section>
            <p>Neon, around this time, began to be phased out, thanks to cheaper and less
            labor-intensive alternatives.</p></article></body></html>"#
        );
        let page = read(&html, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(
            blocks.contains(&(Kind::Standfirst, standfirst)),
            "{blocks:?}"
        );
        assert!(
            blocks
                .iter()
                .all(|b| b.1 != "The best way to follow issues you care about."),
            "{blocks:?}"
        );
    }

    /// A book chapter as O'Reilly's web editions mark it up: sub-headings and glossary terms
    /// classed `subheaders`, a definition of two paragraphs, notes marked `data-type`.
    const CHAPTER: &str = r##"<html><head><title>Book</title></head><body><article>
        <h1 class="heading">Monitoring Things</h1>
        <p>An opening paragraph that says what this chapter of the book is going to cover.</p>
        <dl>
          <dt class="subheaders" id="push">Push</dt>
          <dd><p>Any change to a service’s running software or its configuration.</p></dd>
          <dt class="subheaders" id="saturation">Saturation</dt>
          <dd><p>How full your service is, measured against what it can hold.</p>
              <p>Saturation also concerns predictions of how soon it will be full.</p></dd>
          <dt class="subheaders" id="lonely">A term nothing defines</dt>
        </dl>
        <h2 class="subheaders">A Tale of Over-Alerting</h2>
        <p>Alerts fired so often that people ignored them,<sup><a data-type="noteref"
           href="#n1">22</a></sup> and the real ones were missed in the noise.</p>
        <p data-type="footnote" id="n1"><sup><a href="#m1">22</a></sup>Sometimes known as
           alert spam, since nobody reads them or acts on them at all.</p>
        </article></body></html>"##;

    #[test]
    fn headings_and_terms_stay_whatever_their_class_says() {
        let page = read(CHAPTER, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b.0, Kind::Heading(_)) && b.1 == "A Tale of Over-Alerting"),
            "{blocks:?}"
        );
        // A term opens the paragraph that defines it; a further paragraph stands alone.
        assert!(blocks.contains(&(
            Kind::Paragraph,
            "Push: Any change to a service’s running software or its configuration."
        )));
        assert!(blocks.contains(&(
            Kind::Paragraph,
            "Saturation: How full your service is, measured against what it can hold."
        )));
        assert!(blocks.contains(&(
            Kind::Paragraph,
            "Saturation also concerns predictions of how soon it will be full."
        )));
        // A term nothing defines before the heading is kept as written, in its place.
        let lonely = blocks.iter().position(|b| b.1 == "A term nothing defines");
        let heading = blocks.iter().position(|b| b.1 == "A Tale of Over-Alerting");
        assert!(
            lonely.is_some() && lonely.map(|i| i + 1) == heading,
            "{blocks:?}"
        );
    }

    #[test]
    fn marked_notes_and_their_marks_are_not_text() {
        let page = read(CHAPTER, None).unwrap_or_else(|e| panic!("{e}"));
        let blocks = kinds(&page);
        assert!(blocks.contains(&(
            Kind::Paragraph,
            "Alerts fired so often that people ignored them, and the real ones were missed in \
             the noise."
        )));
        assert!(blocks.contains(&(Kind::Skipped(Skipped::Footnote), "")));
        assert!(
            !blocks.iter().any(|b| b.1.contains("alert spam")),
            "{blocks:?}"
        );
    }

    #[test]
    fn a_linked_headline_and_a_date_past_a_row_of_tags() {
        // A blog theme's headline links to the post; the date comes after the tag links.
        let tags: String = (0..14)
            .map(|i| format!("<li><a href=\"/tag/{i}\">tag {i}</a></li>"))
            .collect();
        let html = format!(
            r#"<html><head><title>How to Stop Buying Things You Do Not Need</title></head>
            <body><header><h1><a href="/post">How to Stop Buying Things You Do Not Need</a></h1>
            <div>Jane Roe</div><div>Filed to:</div><ul>{tags}</ul><span>3/09/15 8:00am</span>
            </header><article><p>We all buy things from time to time that we do not really
            need, and it is fine as long as we are in control of it.</p></article></body></html>"#
        );
        let page = read(&html, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.published.as_deref(), Some("3/09/15 8:00am"));
        assert!(
            page.meta
                .published
                .as_deref()
                .is_some_and(|d| d.parse::<super::super::Date>().is_ok())
        );
    }

    /// A wiki article as MediaWiki serves it: a one-word headline, "[edit]" links, reference
    /// marks, a heading whose text is a span with an id, a quoted list, and a footer that
    /// says when the page last changed.
    const WIKI: &str = r##"<html><head><title>Mozilla - Wikipedia</title></head><body>
        <h1 id="firstHeading" class="firstHeading">Mozilla</h1>
        <div id="content"><p>Mozilla is a free-software community, created in 1998 by members
        of Netscape.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>
        It is supported by the Mozilla Foundation and its subsidiary, the Mozilla
        Corporation.</p>
        <h2><span class="mw-headline" id="Community">Community</span><span
        class="mw-editsection"><span class="mw-editsection-bracket">[</span><a
        href="/edit">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
        <p>The community consists of over 40,000 active contributors<sup class="noprint
        Template-Fact">[<i><a href="/cn">citation needed</a></i>]</sup>, paid and unpaid,
        who work towards the goals of its manifesto.</p>
        <blockquote><p>The Foundation pledges to support the Manifesto. Specifically, we
        will:</p><ul><li>Build open-source technologies;</li><li>Promote the Manifesto's
        principles.</li></ul></blockquote></div>
        <div id="footer" role="contentinfo"><ul><li id="footer-info-lastmod"> This page was
        last modified on 28 October 2016, at 06:56.</li></ul></div></body></html>"##;

    #[test]
    fn a_wiki_article_reads_as_its_reader_sees_it() {
        let page = read(WIKI, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.title.as_deref(), Some("Mozilla"));
        assert_eq!(page.meta.publisher.as_deref(), Some("Wikipedia"));
        assert_eq!(page.meta.published.as_deref(), Some("28 October 2016"));
        let blocks = kinds(&page);
        assert!(
            blocks.contains(&(Kind::Heading(2), "Community")),
            "{blocks:?}"
        );
        assert!(
            !blocks.iter().any(|b| b.1.contains('[')),
            "no edit links or reference marks: {blocks:?}"
        );
        assert!(blocks.contains(&(
            Kind::Paragraph,
            "Mozilla is a free-software community, created in 1998 by members of Netscape. It \
             is supported by the Mozilla Foundation and its subsidiary, the Mozilla Corporation."
        )));
        // A quoted list: the quote's opening is a paragraph, each item another.
        assert!(blocks.contains(&(
            Kind::Quote,
            "The Foundation pledges to support the Manifesto. Specifically, we will:"
        )));
        assert!(blocks.contains(&(
            Kind::Item { ordered: false },
            "Build open-source technologies;"
        )));
    }

    #[test]
    fn a_short_heading_is_the_headline_only_when_the_title_is_it() {
        let page = |h1: &str| {
            let html = format!(
                "<html><head><title>Mozilla - Wikipedia</title></head><body><h1>{h1}</h1>\
                 <p>Mozilla is a free-software community, created in 1998 by members of \
                 Netscape, and supported by the Mozilla Foundation.</p></body></html>"
            );
            read(&html, None)
                .unwrap_or_else(|e| panic!("{e}"))
                .meta
                .title
        };
        assert_eq!(page("Mozilla").as_deref(), Some("Mozilla"));
        // A shorter heading that only starts the title is the site's or a section's.
        assert_ne!(page("Moz").as_deref(), Some("Moz"));
        assert_ne!(page("Wikipedia").as_deref(), Some("Wikipedia"));
    }

    #[test]
    fn a_long_standfirst_does_not_hide_the_byline_under_it() {
        let html = r#"<html><head><title>Impeachment fails after lawmakers walk out</title>
            </head><body><h1>Impeachment fails after lawmakers walk out</h1>
            <div>The president had earlier apologized for a short-lived declaration of martial
            law that plunged the East Asian democracy into chaos, igniting public anger across
            the country.</div>
            <div>Dec. 6, 2024, 10:00 PM UTC</div><div>By Stella Kim and Jennifer Jett</div>
            <article><p>SEOUL, South Korea — A plan to impeach the president over his
            short-lived declaration of martial law has failed after members of his party left
            parliament on Saturday.</p></article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            page.meta.author.as_deref(),
            Some("Stella Kim and Jennifer Jett")
        );
    }

    #[test]
    fn a_heading_the_description_repeats_is_the_standfirst() {
        let page = |description: &str, subtitle: &str| {
            let html = format!(
                r#"<html><head><title>Inside the Deep Web Drug Lab</title>
                <meta name="description" content="{description}"></head><body><article>
                <h2>Inside the Deep Web Drug Lab</h2><h4>{subtitle}</h4>
                <p>Standing at a table in a chemistry lab in Barcelona, she tears open a silver,
                smell-proof protective envelope and slides out a bag of crystals.</p>
                <p>She is holding the lab’s latest delivery of a drug bought from the deep web,
                the clandestine corner of the internet.</p></article></body></html>"#
            );
            read(&html, None).unwrap_or_else(|e| panic!("{e}"))
        };
        let subtitle = "Welcome to DoctorX’s Barcelona lab, where the drugs you bought online \
                        are tested for safety and purity. No questions asked.";
        // The description is cut short, as sites cut it.
        let cut = "Welcome to DoctorX’s Barcelona lab, where the drugs you bought online are \
                   tested for safety and purity. No questions ask…";
        let marked = page(cut, subtitle);
        assert!(
            marked
                .blocks
                .iter()
                .any(|b| b.kind == Kind::Standfirst && b.text == subtitle),
            "{:?}",
            kinds(&marked)
        );
        // A first paragraph set as a heading, which the description does not repeat, is left
        // as the page sets it (CNN).
        let lede = "The U.S. has long been heralded as a land of opportunity, a place where \
                    anyone can succeed.";
        let kept = page(
            "A report found the U.S. ranks lowest among welfare states.",
            lede,
        );
        assert!(
            kept.blocks
                .iter()
                .any(|b| matches!(b.kind, Kind::Heading(_)) && b.text == lede),
            "{:?}",
            kinds(&kept)
        );
        // Nor is a short description, or one that only begins with the heading, taken for it.
        for description in ["Drugs", &format!("{subtitle} And more besides, at length.")] {
            let page = page(description, subtitle);
            assert!(page.blocks.iter().all(|b| b.kind != Kind::Standfirst));
        }
    }

    #[test]
    fn a_long_superscript_is_text_and_nested_ones_are_read_once() {
        let page = |html: &str| {
            kinds(&read(html, None).unwrap_or_else(|e| panic!("{e}")))
                .into_iter()
                .map(|(_, t)| t.to_string())
                .collect::<Vec<_>>()
        };
        let aside = "[an aside in brackets far longer than any mark of a note]";
        let blocks = page(&format!(
            "<html><body><p>The text of the paragraph, with something raised<sup>{aside}</sup> \
             in it, and then more of the sentence.</p></body></html>"
        ));
        assert!(blocks.iter().any(|b| b.contains(aside)), "{blocks:?}");
        // Every level of a deep nest of superscripts is asked, each without copying the text.
        let deep = format!(
            "<html><body><p>{}{}{}</p></body></html>",
            "<sup>".repeat(400),
            "word ".repeat(20_000),
            "</sup>".repeat(400)
        );
        assert!(page(&deep).iter().any(|b| b.starts_with("word word")));
    }

    #[test]
    fn a_deep_footer_is_read_once_for_its_byline_and_date() {
        let html = format!(
            "<html><head><title>Outside the web</title></head><body><article>\
             <h1>Outside the web</h1><p>The body of the post, long enough to be taken as its \
             prose by the extractor that reads this page.</p><footer>{}{}{}\
             <p>Posted by Alon Zakai.</p></footer></article><div id=\"footer\"><ul>\
             <li>This page was last modified on 28 October 2016, at 06:56.</li></ul></div>\
             </body></html>",
            "<div>".repeat(300),
            "word ".repeat(20_000),
            "</div>".repeat(300)
        );
        let page = read(&html, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author.as_deref(), Some("Alon Zakai"));
        assert_eq!(page.meta.published.as_deref(), Some("28 October 2016"));
    }

    #[test]
    fn wiki_furniture_in_isolation() {
        assert_eq!(without_edit_link("History[edit]"), "History");
        assert_eq!(without_edit_link("History [ edit ]"), "History");
        assert_eq!(without_edit_link("Arrays [1]"), "Arrays [1]");
        assert!(is_bracketed("[41]") && is_bracketed("[citation needed]"));
        assert!(!is_bracketed("[1][2]") && !is_bracketed("[]") && !is_bracketed("2"));
    }

    #[test]
    fn an_author_named_by_a_rel_author_link_or_under_the_article() {
        let linked = r#"<html><head><title>A Long Headline About Things</title>
            <meta name="author" content="Someone Else"></head><body>
            <h1>A Long Headline About Things</h1>
            <span><a rel="author" href="/writer/rje">Richard (R.J.) Eskow</a></span>
            <article><p>The body of the article, long enough to be taken as its prose by the
            extractor that reads this page.</p></article></body></html>"#;
        let page = read(linked, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author.as_deref(), Some("Richard (R.J.) Eskow"));
        let footer = r#"<html><head><title>Outside the web</title></head><body><article>
            <h1>Outside the web</h1><p>The body of the post, long enough to be taken as its
            prose by the extractor that reads this page.</p>
            <footer><div><p>Posted by Alon Zakai.</p></div></footer></article></body></html>"#;
        let page = read(footer, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author.as_deref(), Some("Alon Zakai"));
    }

    #[test]
    fn nesting_counts_what_deepens_a_parser() {
        assert_eq!(
            nesting("<html><body><div><div></div></div></body></html>"),
            4
        );
        // Unclosed paragraphs and list items close themselves; void elements hold nothing.
        assert_eq!(nesting(&"<p>text <br><img src=x> <li>item".repeat(2000)), 0);
        // An end tag with nothing of its name open is ignored, as the parser ignores it.
        assert!(nesting(&"<div></span>".repeat(2000)) > MAX_NESTING);
        // Comments and script or style text are not markup.
        assert_eq!(
            nesting(&format!(
                "<!-- {} --><script>{}</SCRIPT>",
                "<div>".repeat(900),
                "<div>".repeat(900)
            )),
            0
        );
        assert_eq!(nesting("<div>< 3 <!DOCTYPE x></div>"), 1);
        assert_eq!(nesting("<div"), 1);
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_at_once_without_overflowing() {
        let n = 200_000;
        let html = format!(
            "<html><body>{}<p>Words.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        // The stack of a tokio worker: the add and the watcher run on one.
        let refused = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || read(&html, None).err())
            .unwrap_or_else(|e| panic!("{e}"))
            .join()
            .unwrap_or_else(|_| panic!("overflowed"));
        let message = refused.unwrap_or_else(|| panic!("read a page nested 200,000 deep"));
        assert!(message.contains("more than 512 deep"), "{message}");
        // Just within the limit still reads, on the same stack.
        let html = format!(
            "<html><body>{}<p>Words of the page.</p>{}</body></html>",
            "<div>".repeat(500),
            "</div>".repeat(500)
        );
        let blocks = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || read(&html, None).map(|p| p.blocks.len()))
            .unwrap_or_else(|e| panic!("{e}"))
            .join()
            .unwrap_or_else(|_| panic!("overflowed at 500"));
        assert_eq!(blocks, Ok(1));
    }

    #[test]
    fn a_byline_in_capitals_is_cased_as_the_name_is_written() {
        let tagged = Some("Steven Davidoff Solomon");
        assert_eq!(
            properly_cased("STEVEN DAVIDOFF SOLOMON".into(), tagged),
            "Steven Davidoff Solomon"
        );
        assert_eq!(
            properly_cased("JEAN-PAUL O'NEIL III".into(), None),
            "Jean-Paul O'Neil III"
        );
        // Another name in the tag is not taken for this one's spelling.
        assert_eq!(
            properly_cased("JEFFREY GETTLEMAN".into(), Some("Somebody Else")),
            "Jeffrey Gettleman"
        );
        assert_eq!(properly_cased("danah boyd".into(), None), "danah boyd");
        assert_eq!(properly_cased("IAB".into(), None), "IAB");
        assert_eq!(properly_cased("X".into(), None), "X");
    }

    #[test]
    fn a_post_on_a_platform_is_published_by_its_publication() {
        let drug_lab = "Inside the Deep Web Drug Lab";
        let on = |page: &str| publication_on("Medium", page, drug_lab, Some("Joseph Cox"));
        assert_eq!(
            on("Inside the Deep Web Drug Lab — Backchannel — Medium").as_deref(),
            Some("Backchannel")
        );
        // A post in no publication is Medium's; a site that is no platform keeps its name.
        assert_eq!(on("Inside the Deep Web Drug Lab — Medium"), None);
        assert_eq!(
            on("Inside the Deep Web Drug Lab — Joseph Cox — Medium"),
            None
        );
        assert_eq!(
            publication_on(
                "The Guardian",
                "Inside the Deep Web Drug Lab | Environment | The Guardian",
                drug_lab,
                None
            ),
            None
        );
    }

    #[test]
    fn the_site_is_what_the_title_tag_adds_to_the_headline() {
        let site =
            |page: &str, title: &str, author: Option<&str>| site_in_title(page, title, author);
        assert_eq!(
            site("Yahoo’s Sale - The New York Times", "Yahoo’s Sale", None).as_deref(),
            Some("The New York Times")
        );
        assert_eq!(
            site(
                "'What is the sea telling us?' | Eleanor Ainge Roy | Environment | The Guardian",
                "‘What is the sea telling us?’",
                None
            )
            .as_deref(),
            Some("The Guardian")
        );
        assert_eq!(
            site("A - B - Salon.com", "A - B", None).as_deref(),
            Some("Salon.com")
        );
        assert_eq!(site("Lottery - Feb. 1, 2016", "Lottery", None), None);
        // The site before the headline.
        assert_eq!(
            site(
                "The Space Review: Seeking a bigger role for a big rocket",
                "Seeking a bigger role for a big rocket",
                None
            )
            .as_deref(),
            Some("The Space Review")
        );
        // A section's name before the headline.
        assert_eq!(
            site(
                "Opinion | Republicans Are Following Trump - The New York Times",
                "Republicans Are Following Trump",
                None
            )
            .as_deref(),
            Some("The New York Times")
        );
        assert_eq!(
            site("Outside the web · V8", "Outside the web", None).as_deref(),
            Some("V8")
        );
        assert_eq!(
            site(
                "Events - Bradley M. Kuhn",
                "Events",
                Some("Bradley M. Kuhn")
            ),
            None
        );
        assert_eq!(site("Another headline - Site", "Headline", None), None);
        assert_eq!(site("Headline", "Headline", None), None);
        // A hostile title of many separators is looked at only as far as a headline could go.
        // (Folded prefix by prefix, this one would take hours.)
        assert_eq!(site(&"x - ".repeat(200_000), "Headline", None), None);
    }

    proptest::proptest! {
        #[test]
        fn citations_from_any_head_never_panic(
            author in "\\PC{0,40}",
            tagged in proptest::option::of("\\PC{0,40}"),
            title in "\\PC{0,30}",
            rest in "\\PC{0,30}",
        ) {
            let cased = properly_cased(author.clone(), tagged.as_deref());
            proptest::prop_assert_eq!(
                cased.split(' ').count(),
                author.split(' ').count(),
                "words kept"
            );
            for sep in TITLE_SEPARATORS {
                let page = format!("{title}{sep}{rest}");
                if let Some(site) = site_in_title(&page, &title, Some(&author)) {
                    proptest::prop_assert!(page.contains(&site) && !site.is_empty());
                }
            }
        }
    }

    #[test]
    fn a_utc_timestamp_gives_way_to_the_day_the_page_shows() {
        let day = |y, m, d| crate::library::Date::new(y, m, d).expect("a date");
        // Evening in Los Angeles is the next morning in UTC.
        assert!(utc_day_may_be("2019-11-20T01:53:14.418", day(2019, 11, 19)));
        assert!(utc_day_may_be("2018-06-12T23:00:00.000Z", day(2018, 6, 13)));
        // The site's own date of today, a day after a stamp of late morning: no time zone
        // makes it the day of publication.
        assert!(!utc_day_may_be(
            "2019-11-19T11:30:42+00:00",
            day(2019, 11, 20)
        ));
        assert!(!utc_day_may_be("2019-11-20T13:00:00Z", day(2019, 11, 19)));
        // A stamp with its own offset is local already; a date alone has no time to shift.
        assert!(!utc_day_may_be(
            "2019-11-19T06:30:42-05:00",
            day(2019, 11, 18)
        ));
        assert!(!utc_day_may_be("2019-11-20", day(2019, 11, 19)));
        assert!(!utc_day_may_be("2019-11-22T01:00:00Z", day(2019, 11, 19)));
    }

    #[test]
    fn the_site_after_the_writer_is_no_writer() {
        assert_eq!(
            without_site(
                "Tanza Loudenback, Business Insider",
                "Business Insider Deutschland"
            ),
            "Tanza Loudenback"
        );
        assert_eq!(
            without_site("Stefan Becket, Kathryn Watson, Grace Segers", "CBS News"),
            "Stefan Becket, Kathryn Watson, Grace Segers"
        );
        // A writer whose name the site's begins with is still the writer.
        assert_eq!(
            without_site("Business Insider", "Business Insider"),
            "Business Insider"
        );
        assert_eq!(
            without_site("Jane Roe, Business", "Business Insider"),
            "Jane Roe"
        );
    }

    #[test]
    fn an_editorial_names_no_writer() {
        let html = r#"<html><head><title>The Guardian view on Hong Kong | Editorial</title>
            <meta name="author" content="Editorial"></head><body><article>
            <h1>The Guardian view on Hong Kong: a city on the brink</h1>
            <p>Hong Kong is burning. The authorities continue to pour fuel on the fire, and the
               crisis grows with every day the government refuses to step back.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author, None);
    }

    #[test]
    fn a_copy_of_the_headline_in_the_site_header_is_not_the_headline() {
        let html = r#"<html><head><title>The Impeachment Clock | National Review</title></head>
            <body><header><h1>The Impeachment Clock</h1><span>Nov. 20, 2019</span>
            <nav><a href="/a">Politics</a> <a href="/b">Culture</a></nav></header>
            <article><h1>The Impeachment Clock</h1><p>By</p><p>Victor Davis Hanson</p>
            <time>November 19, 2019 6:30 AM</time>
            <p>Adam Schiff's impeachment inquiry is incoherent. Given the impossibility of a
               senatorial conviction, the only strategy is to weaken the president.</p>
            <p>Yet Schiff seems to have no sense that the worm has already turned, and the
               longer the farce goes on, the better it looks for the president.</p>
            </article></body></html>"#;
        let page = read(html, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.meta.author.as_deref(), Some("Victor Davis Hanson"));
        assert_eq!(
            page.meta.published.as_deref(),
            Some("November 19, 2019 6:30 AM")
        );
    }
}
