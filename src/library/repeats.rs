//! Pull quotes: a line of the article set again, large, beside the text ("“If you don’t have a
//! big booster, you’re not going to make it,” Stafford said of returning to the Moon."). A
//! reader counts the paragraph it comes from, not the repeat; and a repeat left in would be
//! quoted, cited and summarised twice. Found by what it says, since sites mark it every way
//! (a table cell, an aside, a styled paragraph) or not at all, and by where it stands: before
//! the paragraph it comes from, as a teaser. Words set again after their paragraph are more
//! often the writer quoting them again to discuss them ("Let’s start by parsing that tweet:"),
//! which a reader counts.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::page::{Kind, RawBlock, Skipped};

/// Words in a row a repeat shares with the paragraph it comes from, at least.
const RUN: usize = 8;
/// A block longer than this is a paragraph of its own, whatever it shares.
const MAX_WORDS: usize = 60;
/// Blocks a run may stand in and still tell a repeat from its paragraph: a pull quote's words
/// stand in it and the paragraph it comes from, perhaps once more. A run in more is a line the
/// site sets everywhere, and bounds the work on a page that repeats itself thousands of times.
const MAX_HOLDERS: usize = 8;
/// Share of a repeat's words that stand in one run of the paragraph it comes from, at least:
/// a pull quote may add who said it ("…,” Cooke said.").
const SHARE: f64 = 0.5;
/// A line under a pull quote naming who said it ("News industry analyst Ken Doctor") is a few
/// words, most of them the paragraph's that the quote comes from ("says veteran industry
/// analyst Ken Doctor").
const ATTRIBUTION_WORDS: usize = 10;

/// Marks as repeats the short blocks that set again words of a longer one after them.
pub fn mark(blocks: &mut [RawBlock]) {
    // Each block's length in words, and the runs of RUN words it holds, hashed once.
    let (lengths, block_runs): (Vec<usize>, Vec<Vec<u64>>) = blocks
        .iter()
        .map(|b| {
            if !matches!(b.kind, Kind::Paragraph | Kind::Quote) {
                return (0, Vec::new());
            }
            let folded = crate::analysis::fold(&b.text);
            let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            let runs = words
                .windows(RUN)
                .map(|run| {
                    let mut h = DefaultHasher::new();
                    run.hash(&mut h);
                    h.finish()
                })
                .collect();
            (words.len(), runs)
        })
        .unzip();
    // Every run, and the blocks it stands in.
    let mut runs: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, hashes) in block_runs.iter().enumerate() {
        for &run in hashes {
            let holders = runs.entry(run).or_default();
            if holders.last() != Some(&i) {
                holders.push(i);
            }
        }
    }
    for (i, hashes) in block_runs.iter().enumerate() {
        let len = lengths[i];
        if !(RUN..=MAX_WORDS).contains(&len) {
            continue;
        }
        // For each longer block, the longest stretch of this block's runs found in it: (the
        // last run found there, the stretch ending at it, the longest stretch).
        let mut longest: HashMap<usize, (usize, usize, usize)> = HashMap::new();
        for (at, run) in hashes.iter().enumerate() {
            let holders = runs.get(run).map(Vec::as_slice).unwrap_or_default();
            // A run that stands in many blocks is the site's boilerplate, not a pull quote's.
            if holders.len() > MAX_HOLDERS {
                continue;
            }
            for &j in holders.iter().filter(|&&j| j > i && lengths[j] > len) {
                let (last, current, best) = longest.entry(j).or_insert((at, 0, 0));
                *current = if *last + 1 == at { *current + 1 } else { 1 };
                *last = at;
                *best = (*best).max(*current);
            }
        }
        let Some((source, shared)) = longest
            .iter()
            .map(|(&j, &(_, _, best))| (j, best + RUN - 1))
            .max_by_key(|&(j, shared)| (shared, std::cmp::Reverse(j)))
        else {
            continue;
        };
        if shared as f64 >= SHARE * len as f64 {
            blocks[i].kind = Kind::Skipped(Skipped::Repeat);
            if i + 1 < source && attributes(&blocks[i + 1], &blocks[source]) {
                blocks[i + 1].kind = Kind::Skipped(Skipped::Repeat);
            }
        }
    }
}

/// Is `line`, right under a pull quote taken from `source`, the line naming who said it?
fn attributes(line: &RawBlock, source: &RawBlock) -> bool {
    let folded = crate::analysis::fold(&line.text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if line.kind != Kind::Paragraph
        || !(1..=ATTRIBUTION_WORDS).contains(&words.len())
        || super::page::ends_like_a_sentence(&line.text)
    {
        return false;
    }
    let said = crate::analysis::fold(&source.text);
    let said: Vec<&str> = said.split(' ').collect();
    2 * words.iter().filter(|w| said.contains(w)).count() > words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pull_quote_is_a_repeat_and_the_paragraph_it_repeats_is_not() {
        let source = "Stafford, earlier in the hearing, was adamant about the importance of a \
                      heavy-lift launch vehicle. “If you don’t have a big booster, you’re not \
                      going to make it,” he said. “You have to have a big shroud.”";
        let mut blocks = vec![
            RawBlock::paragraph(
                "“If you don’t have a big booster, you’re not going to make it,” Stafford said \
                 of returning to the Moon.",
                1,
            ),
            RawBlock::paragraph(source, 2),
            RawBlock::paragraph(
                "“If you don’t have a plan, you’re not going anywhere,” another senator said of \
                 the budget for the coming fiscal year and the one after it.",
                3,
            ),
        ];
        mark(&mut blocks);
        assert_eq!(blocks[0].kind, Kind::Skipped(Skipped::Repeat));
        assert_eq!(blocks[1].kind, Kind::Paragraph);
        // Sharing a few words is not repeating.
        assert_eq!(blocks[2].kind, Kind::Paragraph);
        // Set again after its paragraph, it is the writer quoting it again.
        let mut after = vec![
            RawBlock::paragraph(source, 1),
            RawBlock::paragraph("Let’s start by parsing what he said:", 2),
            RawBlock::paragraph(
                "“If you don’t have a big booster, you’re not going to make it …”",
                3,
            ),
        ];
        mark(&mut after);
        assert!(after.iter().all(|b| b.kind == Kind::Paragraph));
    }

    #[test]
    fn the_line_naming_who_said_a_pull_quote_goes_with_it() {
        let quote = "Since 2008, there hasn’t been a single year of revenue gain in the newspaper \
                     industry as a whole.";
        let source = "“Since 2008, there hasn’t been a single year of revenue gain in the \
                      newspaper industry as a whole,” says veteran industry analyst Ken Doctor. \
                      That’s produced a strategy of continuous cost-cutting.";
        let blocks = |attribution: &str| {
            let mut blocks = vec![
                RawBlock::paragraph(quote, 1),
                RawBlock::paragraph(attribution, 2),
                RawBlock::paragraph("But there may be just as much reason for doubt.", 3),
                RawBlock::paragraph(source, 4),
            ];
            mark(&mut blocks);
            blocks.into_iter().map(|b| b.kind).collect::<Vec<_>>()
        };
        let repeat = Kind::Skipped(Skipped::Repeat);
        assert_eq!(
            blocks("News industry analyst Ken Doctor"),
            [repeat, repeat, Kind::Paragraph, Kind::Paragraph]
        );
        // A line of other words, or a sentence, is the article's.
        assert_eq!(blocks("Local news in crisis")[1], Kind::Paragraph);
        assert_eq!(
            blocks("Ken Doctor has analysed the industry.")[1],
            Kind::Paragraph
        );
    }

    #[test]
    fn words_the_site_sets_everywhere_mark_no_repeat() {
        // A line every block of a page repeats (here in twenty) is boilerplate: no pull quote.
        let line = "Subscribe to our weekly newsletter for the latest news on the space program";
        let mut blocks = vec![RawBlock::paragraph(line, 1)];
        blocks.extend((2..=21).map(|n| {
            RawBlock::paragraph(
                &format!("{line}, and paragraph number {n} of the page goes on after it."),
                n,
            )
        }));
        mark(&mut blocks);
        assert!(blocks.iter().all(|b| b.kind == Kind::Paragraph));
        // The same line in two blocks is a repeat of the second.
        let mut two = blocks[..2].to_vec();
        mark(&mut two);
        assert_eq!(two[0].kind, Kind::Skipped(Skipped::Repeat));
    }

    #[test]
    fn two_equal_paragraphs_are_both_kept() {
        let text =
            "The same sentence set twice by the page, long enough to share every run of words.";
        let mut blocks = vec![RawBlock::paragraph(text, 1), RawBlock::paragraph(text, 2)];
        mark(&mut blocks);
        assert!(blocks.iter().all(|b| b.kind == Kind::Paragraph));
    }
}
