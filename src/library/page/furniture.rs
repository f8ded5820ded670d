//! Page furniture: the parts of a web page that belong to the site, not the article — buttons,
//! counters, navigation, subscribe prompts — and the headings after which the article is over.

use super::{Kind, RawBlock};
use crate::analysis::fold;

/// Whole blocks that are a site's buttons and labels, compared with letters only, lowercased
/// ("Copy link" → "copylink").
const BUTTONS: &[&str] = &[
    "advertisement",
    "bibtexcitation",
    "cite",
    "comment",
    "comments",
    "contents",
    "copied",
    "copy",
    "copylink",
    "copylinkcitation",
    "email",
    "facebook",
    "home",
    "language",
    "linkedin",
    "login",
    "menu",
    "next",
    "ourwork",
    "pocket",
    "previous",
    "previousnext",
    "print",
    "readlater",
    "readmore",
    "reddit",
    "relatedarticles",
    "save",
    "savearticle",
    "search",
    "share",
    "sharethis",
    "sharethisarticle",
    "showcomments",
    "signin",
    "signup",
    "skiptocontent",
    "skiptomaincontent",
    "subscribe",
    "tableofcontents",
    "tweet",
    "twitter",
    "whatsapp",
];

/// A short block that starts like this is a site's, not the author's (compared folded).
const OPENINGS: &[&str] = &[
    "a version of this article appears",
    "a version of this story appears",
    "all rights reserved",
    "click here",
    "follow us",
    "originally published",
    "read more",
    "read the full",
    "share on",
    "share this",
    "sign up for",
    "subscribe to",
    "thanks for reading",
    "this article first appeared",
    "this article originally appeared",
    "this article was originally",
    "this article was reprinted",
    "this post first appeared",
    "this post originally appeared",
    "this story first appeared",
    "this story originally appeared",
];

/// A credit line for the pictures, at the foot of a post ("Photos by cmgirl (Shutterstock), …"),
/// opens like this (compared folded), perhaps after one of [`PICTURE_PLACES`].
const CREDITS: &[&str] = &[
    "illustration by",
    "illustrations by",
    "image credit",
    "image by",
    "images by",
    "photo by",
    "photo credit",
    "photos by",
    "photograph by",
    "photographs by",
];

/// Which picture a credit is for: "Top photo by …", "Lead image by …".
const PICTURE_PLACES: &[&str] = &["top", "lead", "main", "header", "cover", "featured", "hero"];

/// Sites a "Follow …" line points to.
const SOCIAL_SITES: &[&str] = &[
    "bluesky",
    "facebook",
    "instagram",
    "linkedin",
    "mastodon",
    "threads",
    "tiktok",
    "twitter",
    "youtube",
];

/// "Follow Backchannel: Twitter | Facebook": a short line asking to follow the site somewhere,
/// ending on the site's name. (The caller also asks that it not end like a sentence, "Follow
/// the advice of friends on Twitter.", unless it names two sites or more: "Follow NBC Latino on
/// Facebook, Twitter and Instagram.")
fn is_follow_line(folded: &str) -> bool {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    words.len() <= 8
        && words.first() == Some(&"follow")
        && words.last().is_some_and(|w| SOCIAL_SITES.contains(w))
}

/// A follow line naming two social sites or more, which no sentence of an article does.
fn names_sites(folded: &str) -> bool {
    folded
        .split(' ')
        .filter(|w| SOCIAL_SITES.contains(w))
        .count()
        >= 2
}

/// Label lines that list the page's tags and categories (compared lowercased, as written).
const LISTINGS: &[&str] = &[
    "categories:",
    "category:",
    "filed under",
    "tagged:",
    "tagged with",
    "tags:",
    "topics:",
];

/// Phrases that mark a short block as a prompt, wherever they stand in it.
const PROMPTS: &[&str] = &[
    "all rights reserved",
    // Affiliate disclosures ("Microsoft may earn an Affiliate Commission if you purchase
    // something through recommended links in this article.").
    "affiliate commission",
    "may earn a commission",
    // Lines between paragraphs that point past an advertisement: Readability drops them, and
    // short paragraphs it drops are put back (see `library::gaps`), so they are named here.
    "continue reading below",
    "continues below advertisement",
    "scroll to continue with content",
    "story continues below",
    "delivered to your inbox",
    "delivered to your email inbox",
    "in your inbox",
    "is hiring",
    "sign up for our",
    "subscribe for free",
    "subscribe to our",
    "view open roles",
    "we are hiring",
];

/// An appeal to readers who liked the article, to pay, join or follow ("If you enjoyed this
/// article, we have a proposition for you: Join NRPLUS."), opens like this (any case), then a
/// comma or a space.
/// It may run longer than a prompt, up to [`APPEAL_MAX_WORDS`].
const APPEALS: &[&str] = &[
    "if you enjoyed this article",
    "if you enjoyed this post",
    "if you enjoyed this piece",
    "if you enjoyed this story",
    "if you liked this article",
    "if you liked this post",
    "if you liked this piece",
    "if you liked this story",
    "if you found this article",
    "if you found this post",
];

/// An appeal is a paragraph at most; a longer block opening so is the article's.
const APPEAL_MAX_WORDS: usize = 80;

/// Prompts are short; a long paragraph that happens to contain the words is the article's.
const PROMPT_MAX_WORDS: usize = 40;

/// Headings after which a page holds no more of the article (compared folded, whole heading
/// or its start).
const BACK_MATTER: &[&str] = &[
    "about the authors",
    "acknowledgements",
    "acknowledgments",
    "also in",
    "author contributions",
    "bibliography",
    "citation",
    "comment on this article",
    "comments",
    "featured articles",
    "featured research",
    "footnotes",
    "further information",
    "join the conversation",
    "leave a comment",
    "leave a reply",
    "more from",
    "most popular",
    "next article",
    "read next",
    "recommended",
    "references",
    "related articles",
    "related content",
    "related posts",
    "related reading",
    "related stories",
    "responses",
    "reuse",
    "updates and corrections",
    "you may also like",
];

/// Header labels that introduce the line under them (a byline, a date) or nothing at all.
const LABELS: &[&str] = &[
    "affiliation",
    "affiliations",
    "author",
    "authors",
    "by",
    "category",
    "contributors",
    "date",
    "doi",
    "published",
    "share",
    "tags",
    "topics",
    "updated",
    "written by",
];

/// Is this block the site's rather than the article's?
pub fn is_furniture(block: &RawBlock) -> bool {
    if matches!(
        block.kind,
        Kind::Image
            | Kind::Figure
            | Kind::Rule
            | Kind::Caption
            | Kind::Standfirst
            | Kind::Skipped(_)
    ) {
        return false;
    }
    let text = block.text.trim();
    if !text.chars().any(char::is_alphabetic) {
        // Counters ("24"), separators ("__", "×"), empty list items.
        return true;
    }
    let lower: String = text.chars().take(16).flat_map(char::to_lowercase).collect();
    if LISTINGS.iter().any(|l| lower.starts_with(l)) || text.starts_with('©') {
        return true;
    }
    if text
        .get(..7)
        .is_some_and(|t| t.eq_ignore_ascii_case("if you "))
        && text.split_whitespace().take(APPEAL_MAX_WORDS + 1).count() <= APPEAL_MAX_WORDS
        && APPEALS.iter().any(|a| {
            text.get(..a.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(a))
                && text[a.len()..].starts_with([',', ' ', '.', ';'])
        })
    {
        return true;
    }
    // Everything below is about short blocks; prose is by far most of a library, so it is
    // let through without folding its text.
    let words = text.split_whitespace().take(PROMPT_MAX_WORDS + 1).count();
    if words > PROMPT_MAX_WORDS {
        return false;
    }
    // A line that is all link is a way to other pages; one that ends in an arrow says so,
    // however long ("Need help crunching the numbers? SmartAsset's free tool can help find a
    // licensed professional near you »").
    if block.links_only && (words <= 15 || text.ends_with(['»', '→', '›'])) {
        return true;
    }
    let letters: String = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if BUTTONS.contains(&letters.as_str()) {
        return true;
    }
    // "…please email adblocking@iab.com for more information": a short block giving an e-mail
    // address is a call to write in, not the article.
    if text.split_whitespace().any(is_email_address) {
        return true;
    }
    let folded = fold(text);
    // "Top photo by Joan Bardeletti": a credit may first say which picture it is for.
    let credited = PICTURE_PLACES
        .iter()
        .find_map(|place| {
            folded
                .strip_prefix(place)
                .and_then(|rest| rest.strip_prefix(' '))
        })
        .unwrap_or(&folded);
    if OPENINGS.iter().any(|o| starts_with_words(&folded, o))
        || CREDITS.iter().any(|o| starts_with_words(credited, o))
        || (is_follow_line(&folded) && (!super::ends_like_a_sentence(text) || names_sites(&folded)))
        || PROMPTS.iter().any(|p| folded.contains(p))
        || text.split_whitespace().any(|w| w.starts_with('©'))
        || is_copyright_line(&folded)
    {
        return true;
    }
    // "Map: Flow of foreign fighters to Syria": the label of a map, chart or video the page
    // embeds, standing where it was.
    if words <= 12
        && !super::ends_like_a_sentence(text)
        && MEDIA_LABELS.iter().any(|m| starts_with_words(&folded, m))
        && text.contains(':')
    {
        return true;
    }
    // "More about the federal debt": the label of a box of links, not a sentence.
    // A heading so worded ("Related work") is a section of the article.
    if block.kind == Kind::Paragraph
        && words <= 8
        && !super::ends_like_a_sentence(text)
        && LINK_BOXES.iter().any(|o| starts_with_words(&folded, o))
    {
        return true;
    }
    // "The Quanta Newsletter": a newsletter's name standing alone; "Cities are changing fast.
    // Keep up with the CityLab Daily newsletter.": a call to take one.
    let newsletter = folded
        .split(' ')
        .any(|w| w == "newsletter" || w == "newsletters");
    if !newsletter || words <= 5 {
        return newsletter;
    }
    let padded = format!(" {folded} ");
    NEWSLETTER_CALLS
        .iter()
        .any(|c| padded.contains(&format!(" {c} ")))
}

/// What a call to take a newsletter asks (whole words, folded, with "newsletter" in the block).
const NEWSLETTER_CALLS: &[&str] = &["keep up with", "sign up", "subscribe", "get our", "get the"];

/// What an embedded item's label opens with, before its colon ("Map: …", "Video: …").
const MEDIA_LABELS: &[&str] = &[
    "audio",
    "chart",
    "gallery",
    "graphic",
    "interactive",
    "map",
    "photos",
    "podcast",
    "video",
];

/// Short labels over a box of links to other articles (compared folded).
/// ("Read more …" is among [`OPENINGS`], which covers any short block.)
const LINK_BOXES: &[&str] = &["more about", "more on", "see also", "related"];

/// "name@example.org" (trailing punctuation aside): letters on both sides of one "@", and a dot
/// in the part after it.
fn is_email_address(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let Some((user, host)) = word.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !host.contains('@')
        && host.split('.').count() >= 2
        && host
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// "Copyright 2025 …", "Copyright (c) The Review".
fn is_copyright_line(folded: &str) -> bool {
    let mut words = folded.split(' ');
    words.next() == Some("copyright")
        && words
            .next()
            .is_some_and(|w| w == "c" || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())))
}

/// Words a label of other stories ends with ("More Great WIRED Stories", "More Top Stories").
const RELATED_THINGS: &[&str] = &["stories", "articles", "posts", "reads", "videos"];

/// Is `text` the label of a box of other stories: a few words, from "More" to what they are?
pub fn is_related_label(text: &str) -> bool {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    (2..=6).contains(&words.len())
        && words.first() == Some(&"more")
        && words.last().is_some_and(|w| RELATED_THINGS.contains(w))
        && !super::ends_like_a_sentence(text)
}

/// Does a heading end the article?
pub fn is_back_matter(heading: &str) -> bool {
    let folded = fold(heading);
    BACK_MATTER.iter().any(|b| starts_with_words(&folded, b))
}

/// A header label ("Published", "CONTRIBUTORS", "DOI").
pub fn is_label(text: &str) -> bool {
    let folded = fold(text);
    LABELS.contains(&folded.as_str())
}

/// `text` starts with the words of `prefix`, ending at a word boundary.
fn starts_with_words(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> RawBlock {
        RawBlock::paragraph(text, 1)
    }

    #[test]
    fn buttons_counters_and_prompts() {
        for f in [
            "Share",
            "24",
            "Copy link",
            "Save Article",
            "PreviousNext",
            "Tags: politics, Europe",
            "© 2025 The Review. All rights reserved.",
            "Text and pictures ©2019 The Review",
            "Thanks for reading Jural Networks! Subscribe for free to receive new posts and support my work.",
            "Want to contribute to this work? METR is hiring: View open roles",
            "The Quanta Newsletter",
            "Subscribe",
            "Related articles",
            "More about the federal debt and the economy",
            "[What you need to know to start the day: Get New York Today in your inbox.]",
            "A version of this article appears in print on , on Page A1 of the New York edition.",
            "Read more about ad blocking here.",
            "IAB Tech Lab Members can join the Ad Blocking Working Group, please email adblocking@iab.com for more information.",
            "Top photo by Joan Bardeletti",
            "Lead image by Jane Roe/Agency",
            "Illustrations by Ann Smith",
            "Follow Backchannel: Twitter | Facebook",
            "Follow us on Mastodon",
            "Cities are changing fast. Keep up with the CityLab Daily newsletter.",
            "This article originally appeared on The Atlantic.",
            "Read the full 2024 Global DevSecOps Report for more insights on AI, security, developer experience, and more.",
            "Story continues below advertisement",
            "Advertisement - scroll to continue with content",
            "Article continues below advertisement",
            "Map: Flow of foreign fighters to Syria",
            "Video: The scene outside the museum",
            "Follow NBC Latino on Facebook, Twitter and Instagram.",
            "Microsoft may earn an Affiliate Commission if you purchase something through \
             recommended links in this article.",
            "If you enjoyed this article, we have a proposition for you: Join NRPLUS. Members get \
             all of our content (including the magazine), no paywalls or content meters, an \
             advertising-minimal experience, and unique access to our writers and editors \
             (conference calls, social-media groups, etc.). And importantly, NRPLUS members help \
             keep NR going. Consider it?",
        ] {
            assert!(is_furniture(&block(f)), "{f}");
        }
        let mut sponsored = block(
            "Need help crunching the numbers? SmartAsset's free tool can help find a licensed \
             professional near you »",
        );
        assert!(!is_furniture(&sponsored));
        sponsored.links_only = true;
        assert!(is_furniture(&sponsored));
        // The article's own sentence may open with the words an appeal opens with.
        assert!(!is_furniture(&block(
            "If you found this article's claim surprising, consider what the survey measured."
        )));
    }

    #[test]
    fn the_article_is_not_furniture() {
        for a in [
            "Share prices fell sharply after the announcement, and investors fled.",
            "Readers who subscribe to this theory tend to ignore the evidence against it.",
            "Next, letters representing variables map onto prime numbers.",
            "Claim 1 is incorrect.",
            "More on that below.",
            "Readers more often skim than read, the study found.",
            "She wrote to @nytimes on Twitter and got no reply, which surprised her.",
            "Related work on this question is scarce, and what exists is old.",
            "Top photographers by then worked for the agencies, not the papers.",
            "Follow the money, said the Facebook engineer, and you find the advertisers.",
            "Follow the advice of friends on Twitter.",
            "Map: the plan drew a line through the city, and the residents refused to move.",
            "Video games: the industry's own report counted a billion players.",
            "The newsletter kept subscribers up to date for a decade before it folded.",
            "Copyright law protects the expression of ideas, not the ideas themselves, and that matters here because the model reproduces text.",
            // A © inside a word is a joke on one, not the page's copyright line (Medium).
            "This isn’t supposed to be a manifesto™© we just think it’s pretty cool to share what we’ve learned so far.",
        ] {
            assert!(!is_furniture(&block(a)), "{a}");
        }
    }

    #[test]
    fn labels_of_other_stories() {
        assert!(is_related_label("More Great WIRED Stories"));
        assert!(is_related_label("More stories"));
        assert!(!is_related_label(
            "More stories were written about it than about anything."
        ));
        assert!(!is_related_label("More mentorship"));
        assert!(!is_related_label("Stories"));
    }

    #[test]
    fn back_matter_headings() {
        assert!(is_back_matter("Acknowledgments"));
        assert!(is_back_matter("Also in Abstractions blog"));
        assert!(is_back_matter("Featured research"));
        assert!(!is_back_matter("Related work"));
        assert!(!is_back_matter("Further Reading"));
        assert!(!is_back_matter("Referenced sources of conflict"));
    }
}
