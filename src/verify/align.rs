//! Where a quotation's words stand in a paragraph: exactly (a contiguous run of the same
//! words), or approximately — a local alignment (Smith–Waterman over words) that finds the
//! stretch of the paragraph the quote was taken from and the words changed, added or left out.

use std::ops::Range;

/// One step of an alignment of a quote (`q`) against a source (`s`), by word index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal {
        q: usize,
        s: usize,
    },
    /// In the source, not in the quote.
    Removed {
        s: usize,
    },
    /// In the quote, not in the source.
    Added {
        q: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub ops: Vec<Op>,
    /// Quote words matched in the stretch the local alignment found.
    pub matched: usize,
    /// The source words the quote was taken from, its edges placed.
    pub window: Range<usize>,
    /// 2 × matched / (quote words + the found stretch's words): 1 for an exact quote.
    pub similarity: f64,
}

/// The first index at or after `from` where `needle` occurs in `hay` word for word.
pub fn find(needle: &[&str], hay: &[&str], from: usize) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// The most words from the start of `needle` that occur together in `hay`.
pub fn longest_start(needle: &[&str], hay: &[&str]) -> usize {
    (0..hay.len())
        .map(|at| {
            hay[at..]
                .iter()
                .zip(needle)
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// The most words from the end of `needle` that occur together in `hay`.
pub fn longest_end(needle: &[&str], hay: &[&str]) -> usize {
    (1..=hay.len())
        .map(|end| {
            hay[..end]
                .iter()
                .rev()
                .zip(needle.iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Alignments are not tried past this many cells (quote words × source words): a 4,000-character
/// message against a paragraph of a thousand words is 2.6 MB of table, well inside it.
pub const MAX_CELLS: usize = 4_000_000;

const MATCH: i32 = 2;
const MISMATCH: i32 = -1;
const GAP: i32 = -1;

/// The best local alignment of the whole quote against the source. Quote words outside the
/// aligned stretch count as added.
pub fn local(q: &[&str], s: &[&str]) -> Option<Alignment> {
    let (n, m) = (q.len(), s.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > MAX_CELLS {
        return None;
    }
    let width = m + 1;
    let mut h = vec![0i32; (n + 1) * width];
    let (mut best, mut at) = (0, (0, 0));
    for i in 1..=n {
        for j in 1..=m {
            let diagonal = h[(i - 1) * width + j - 1]
                + if q[i - 1] == s[j - 1] {
                    MATCH
                } else {
                    MISMATCH
                };
            let up = h[(i - 1) * width + j] + GAP;
            let left = h[i * width + j - 1] + GAP;
            let v = diagonal.max(up).max(left).max(0);
            h[i * width + j] = v;
            if v > best {
                best = v;
                at = (i, j);
            }
        }
    }
    if best == 0 {
        return None;
    }
    // Trace back from the best cell to where the score began.
    let (mut i, mut j) = at;
    let mut middle: Vec<Op> = Vec::new();
    while i > 0 && j > 0 && h[i * width + j] > 0 {
        let v = h[i * width + j];
        let same = q[i - 1] == s[j - 1];
        if v == h[(i - 1) * width + j - 1] + if same { MATCH } else { MISMATCH } {
            if same {
                middle.push(Op::Equal { q: i - 1, s: j - 1 });
            } else {
                middle.push(Op::Added { q: i - 1 });
                middle.push(Op::Removed { s: j - 1 });
            }
            i -= 1;
            j -= 1;
        } else if v == h[(i - 1) * width + j] + GAP {
            middle.push(Op::Added { q: i - 1 });
            i -= 1;
        } else {
            middle.push(Op::Removed { s: j - 1 });
            j -= 1;
        }
    }
    middle.reverse();
    let (mut q_start, mut s_start) = (i, j);
    let (mut q_end, mut s_end) = at;
    // How alike the quote and the stretch are is judged on the stretch the alignment found;
    // the edges placed below only show where the quote's other words came from.
    let matched = middle
        .iter()
        .filter(|o| matches!(o, Op::Equal { .. }))
        .count();
    let similarity = 2.0 * matched as f64 / (n + (s_end - s_start)) as f64;

    // A local alignment stops where a change outweighs the matches before it ("Trump does not
    // recognise" against "Trump recognises"), leaving the quote's first or last words unplaced.
    // They are placed against the source words just outside, when some of them match.
    let (mut before, mut after) = (Vec::new(), Vec::new());
    if q_start > 0 && s_start > 0 {
        let reach = s_start.saturating_sub(q_start + EDGE_SLACK);
        let q_rev: Vec<&str> = q[..q_start].iter().rev().copied().collect();
        let s_rev: Vec<&str> = s[reach..s_start].iter().rev().copied().collect();
        if let Some((steps, used)) = anchored(&q_rev, &s_rev) {
            before = steps
                .into_iter()
                .rev()
                .map(|op| match op {
                    Op::Equal { q, s } => Op::Equal {
                        q: q_start - 1 - q,
                        s: s_start - 1 - s,
                    },
                    Op::Added { q } => Op::Added { q: q_start - 1 - q },
                    Op::Removed { s } => Op::Removed { s: s_start - 1 - s },
                })
                .collect();
            q_start = 0;
            s_start -= used;
        }
    }
    if q_end < n && s_end < m {
        let reach = (s_end + (n - q_end) + EDGE_SLACK).min(m);
        if let Some((steps, used)) = anchored(&q[q_end..], &s[s_end..reach]) {
            after = steps
                .into_iter()
                .map(|op| match op {
                    Op::Equal { q, s } => Op::Equal {
                        q: q_end + q,
                        s: s_end + s,
                    },
                    Op::Added { q } => Op::Added { q: q_end + q },
                    Op::Removed { s } => Op::Removed { s: s_end + s },
                })
                .collect();
            q_end = n;
            s_end += used;
        }
    }
    let mut ops: Vec<Op> = (0..q_start).map(|q| Op::Added { q }).collect();
    ops.extend(before);
    ops.extend(middle);
    ops.extend(after);
    ops.extend((q_end..n).map(|q| Op::Added { q }));
    Some(Alignment {
        ops,
        matched,
        window: s_start..s_end,
        similarity,
    })
}

/// Source words beyond the quote's own count that an edge may reach over.
const EDGE_SLACK: usize = 2;

/// All of `q` aligned against the start of `s` (which may stop anywhere), when that places
/// some word and beats leaving all of `q` unplaced: the steps, and how many source words
/// they use.
fn anchored(q: &[&str], s: &[&str]) -> Option<(Vec<Op>, usize)> {
    let (n, m) = (q.len(), s.len());
    if n == 0 || m == 0 {
        return None;
    }
    let width = m + 1;
    let mut d = vec![0i32; (n + 1) * width];
    for j in 1..=m {
        d[j] = d[j - 1] + GAP;
    }
    for i in 1..=n {
        d[i * width] = d[(i - 1) * width] + GAP;
        for j in 1..=m {
            let diagonal = d[(i - 1) * width + j - 1]
                + if q[i - 1] == s[j - 1] {
                    MATCH
                } else {
                    MISMATCH
                };
            let up = d[(i - 1) * width + j] + GAP;
            let left = d[i * width + j - 1] + GAP;
            d[i * width + j] = diagonal.max(up).max(left);
        }
    }
    let (best_j, best) = (1..=m)
        .map(|j| (j, d[n * width + j]))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    // Leaving every quote word unplaced scores n × GAP.
    if best <= n as i32 * GAP {
        return None;
    }
    let (mut i, mut j) = (n, best_j);
    let mut steps = Vec::new();
    while i > 0 || j > 0 {
        let v = d[i * width + j];
        if i > 0 && j > 0 {
            let same = q[i - 1] == s[j - 1];
            if v == d[(i - 1) * width + j - 1] + if same { MATCH } else { MISMATCH } {
                if same {
                    steps.push(Op::Equal { q: i - 1, s: j - 1 });
                } else {
                    steps.push(Op::Added { q: i - 1 });
                    steps.push(Op::Removed { s: j - 1 });
                }
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && v == d[(i - 1) * width + j] + GAP {
            steps.push(Op::Added { q: i - 1 });
            i -= 1;
        } else {
            steps.push(Op::Removed { s: j - 1 });
            j -= 1;
        }
    }
    steps.reverse();
    steps
        .iter()
        .any(|o| matches!(o, Op::Equal { .. }))
        .then_some((steps, best_j))
}

impl Alignment {
    /// The quote words from the first matched to the last.
    pub fn quote_range(&self) -> Option<Range<usize>> {
        let mut equal = self.ops.iter().filter_map(|o| match o {
            Op::Equal { q, .. } => Some(*q),
            _ => None,
        });
        let first = equal.next()?;
        let last = equal.next_back().unwrap_or(first);
        Some(first..last + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    #[test]
    fn exact_runs() {
        let hay = w("a b c d e f");
        assert_eq!(find(&w("c d e"), &hay, 0), Some(2));
        assert_eq!(find(&w("c e"), &hay, 0), None);
        assert_eq!(find(&w("a"), &hay, 1), None);
    }

    #[test]
    fn longest_start_and_end() {
        let hay = w("x a b c y d e");
        assert_eq!(longest_start(&w("a b c d"), &hay), 3);
        assert_eq!(longest_end(&w("z c y d e"), &hay), 4);
        assert_eq!(longest_start(&w("q"), &hay), 0);
    }

    #[test]
    fn an_inserted_not_and_a_changed_number() {
        let s = w("the year 2021 became a turning point for the mission");
        let q = w("the year 2019 became not a turning point");
        let a = local(&q, &s).unwrap_or_else(|| panic!("no alignment"));
        assert_eq!(a.window, 0..7);
        assert_eq!(a.matched, 6);
        assert!(a.ops.contains(&Op::Added { q: 2 }) && a.ops.contains(&Op::Removed { s: 2 }));
        assert!(a.ops.contains(&Op::Added { q: 4 }));
        assert!(a.similarity > 0.7 && a.similarity < 1.0);
    }

    #[test]
    fn a_changed_opening_is_placed_not_left_over() {
        let s =
            w("to liberalise russia trump recognises russian historical exceptionalism and more");
        let q = w("trump does not recognise russian historical exceptionalism");
        let a = local(&q, &s).unwrap_or_else(|| panic!("no alignment"));
        assert_eq!(a.window, 3..8, "from “trump” on");
        assert_eq!(a.ops[0], Op::Equal { q: 0, s: 3 });
        assert_eq!(
            a.matched, 3,
            "judged on the stretch found: russian historical exceptionalism"
        );
    }

    #[test]
    fn a_dropped_clause() {
        let s = w(
            "russia perceived the inclination as a threat sponsored by the us whilst the us objected",
        );
        let q = w("russia perceived the inclination as a threat whilst the us objected");
        let a = local(&q, &s).unwrap_or_else(|| panic!("no alignment"));
        assert_eq!(a.matched, q.len());
        assert_eq!(
            a.ops
                .iter()
                .filter(|o| matches!(o, Op::Removed { .. }))
                .count(),
            4
        );
    }
}
