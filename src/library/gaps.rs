//! Short paragraphs Readability leaves out, put back where the page has them.
//!
//! Beside the element it takes for the article, Readability keeps a sibling paragraph under 80
//! characters only if it reads as a sentence (it ends with a full stop or holds ". "). So a
//! question that leads into a quote ("What can we learn from this incident? Let’s start by
//! parsing that tweet:") and the quoted line under it, in italics, vanished between two
//! paragraphs it kept (Salon's op-ed on Uber): the reader counts them, and every ¶ after them
//! was two off. Only paragraphs shaped so, standing between two paragraphs the article kept and
//! that now stand side by side, are put back.

use std::collections::{HashMap, HashSet};

use dom_query::{Document as Dom, NodeRef};

use super::page::{Kind, RawBlock};

/// Readability's limit for a short paragraph, in characters.
const SHORT: usize = 80;

/// Paragraphs Readability may drop, with the paragraphs on either side of them.
#[derive(Debug, Default)]
pub struct Gaps(Vec<Gap>);

#[derive(Debug)]
struct Gap {
    before: String,
    /// The run of short paragraphs, each with whether it is a subheading.
    run: Vec<(String, bool)>,
    after: String,
}

/// Every run of short non-sentence paragraphs between two longer ones, in `dom` as the page
/// has it, before Readability changes the tree.
pub fn find(dom: &Dom, heading: impl Fn(&NodeRef) -> Option<String>) -> Gaps {
    let mut gaps = Vec::new();
    let paragraphs = dom.select("p");
    let mut seen_parents = HashSet::new();
    for p in paragraphs.nodes() {
        let Some(parent) = p.parent() else {
            continue;
        };
        if !seen_parents.insert(parent.id) {
            continue;
        }
        let children = parent.element_children();
        let mut i = 0;
        while i < children.len() {
            if !(is_p(&children[i]) && droppable(&children[i])) {
                i += 1;
                continue;
            }
            let start = i;
            while i < children.len() && is_p(&children[i]) && droppable(&children[i]) {
                i += 1;
            }
            let (Some(before), Some(after)) = (
                start.checked_sub(1).and_then(|b| children.get(b)),
                children.get(i),
            ) else {
                continue;
            };
            if !(is_p(before) && is_p(after)) {
                continue;
            }
            let run = children[start..i]
                .iter()
                .map(|c| {
                    let bold = heading(c);
                    (bold.clone().unwrap_or_else(|| text(c)), bold.is_some())
                })
                .collect();
            gaps.push(Gap {
                before: text(before),
                run,
                after: text(after),
            });
        }
    }
    Gaps(gaps)
}

impl Gaps {
    /// Puts each run back between its neighbours, where they are now adjacent paragraphs. One
    /// pass over the blocks, whatever the number of runs.
    pub fn restore(&self, blocks: &mut Vec<RawBlock>) {
        if self.0.is_empty() {
            return;
        }
        let mut by_ends: HashMap<(&str, &str), &Gap> = HashMap::new();
        for gap in &self.0 {
            by_ends.entry((&gap.before, &gap.after)).or_insert(gap);
        }
        let old = std::mem::take(blocks);
        let mut put_back = false;
        for (i, block) in old.iter().enumerate() {
            blocks.push(block.clone());
            let Some(next) = old.get(i + 1) else {
                continue;
            };
            if block.kind != Kind::Paragraph || next.kind != Kind::Paragraph {
                continue;
            }
            let Some(gap) = by_ends.remove(&(block.text.as_str(), next.text.as_str())) else {
                continue;
            };
            put_back = true;
            blocks.extend(gap.run.iter().map(|(text, heading)| RawBlock {
                kind: if *heading {
                    Kind::Heading(super::html::BOLD_HEADING_LEVEL)
                } else {
                    Kind::Paragraph
                },
                text: text.clone(),
                line: 0,
                links_only: false,
            }));
        }
        if put_back {
            for (i, block) in blocks.iter_mut().enumerate() {
                block.line = i + 1;
            }
        }
    }
}

fn is_p(node: &NodeRef) -> bool {
    node.node_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("p"))
}

fn text(node: &NodeRef) -> String {
    super::html::collapse(&node.text())
}

/// Short, no link, and no sentence by Readability's test: what it drops beside the article.
fn droppable(node: &NodeRef) -> bool {
    let text = text(node);
    let chars = text.chars().count();
    chars > 0
        && chars < SHORT
        && text.chars().any(char::is_alphanumeric)
        && !(text.ends_with('.') || text.contains(". "))
        && !node
            .descendants_it()
            .any(|n| n.node_name().is_some_and(|n| n.eq_ignore_ascii_case("a")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> RawBlock {
        RawBlock::paragraph(text, 0)
    }

    #[test]
    fn a_short_run_between_kept_paragraphs_is_put_back_in_place() {
        let dom = Dom::from(
            "<div><p>First long paragraph, kept.</p><p>What can we learn? Let us see:</p>\
             <p><em>“A quoted line …”</em></p><p>Second long paragraph, kept.</p>\
             <p>A short last line</p></div>",
        );
        let gaps = find(&dom, |_| None);
        let mut blocks = vec![
            block("First long paragraph, kept."),
            block("Second long paragraph, kept."),
        ];
        gaps.restore(&mut blocks);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First long paragraph, kept.",
                "What can we learn? Let us see:",
                "“A quoted line …”",
                "Second long paragraph, kept.",
            ]
        );
        assert_eq!(
            blocks.iter().map(|b| b.line).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
    }

    #[test]
    fn nothing_is_put_back_where_the_article_kept_it_or_left_out_its_neighbours() {
        let dom = Dom::from(
            "<div><p>One kept.</p><p>Short line</p><p>Two kept.</p>\
             <p>Three, not kept.</p><p>Another short line</p><p>Four kept.</p>\
             <p>Five kept.</p><p><a href='/x'>A link line</a></p><p>Six kept.</p></div>",
        );
        let gaps = find(&dom, |_| None);
        let mut blocks = vec![
            block("One kept."),
            block("Short line"),
            block("Two kept."),
            block("Four kept."),
            block("Five kept."),
            block("Six kept."),
        ];
        let before: Vec<String> = blocks.iter().map(|b| b.text.clone()).collect();
        gaps.restore(&mut blocks);
        let after: Vec<String> = blocks.iter().map(|b| b.text.clone()).collect();
        assert_eq!(before, after);
    }
}
