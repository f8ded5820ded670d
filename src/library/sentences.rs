//! Sentence boundaries, found once at load with sentencex (it keeps "U.S.", "Dr." and
//! quotations whole, where a plain Unicode splitter breaks after every full stop).

use std::ops::Range;

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace, never empty.
pub fn segment(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for boundary in sentencex::get_sentence_boundaries("en", text) {
        let (start, end) = (boundary.start_byte, boundary.end_byte.min(text.len()));
        let Some(raw) = text.get(start..end) else {
            continue;
        };
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            ranges.push(start + lead..start + lead + trimmed.len());
        }
    }
    if ranges.is_empty() && !text.trim().is_empty() {
        // The segmenter found nothing: the whole paragraph is one sentence.
        let lead = text.len() - text.trim_start().len();
        ranges.push(lead..lead + text.trim().len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_and_quotes_stay_whole() {
        assert_eq!(
            sentences("The U.S. envoy met Dr. Smith. They talked."),
            vec!["The U.S. envoy met Dr. Smith.", "They talked."]
        );
        assert_eq!(
            sentences("He spoke of “the right side of history”. Then he left."),
            vec!["He spoke of “the right side of history”.", "Then he left."]
        );
    }

    #[test]
    fn questions_end_sentences() {
        assert_eq!(
            sentences("Nothing could save them. Yet, what changed in 2025? The answer is clear."),
            vec![
                "Nothing could save them.",
                "Yet, what changed in 2025?",
                "The answer is clear."
            ]
        );
    }
}
