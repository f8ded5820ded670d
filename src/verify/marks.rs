//! The marks a careful quoter leaves: "…", "...", ". . ." or "[…]" where words were left out,
//! and "[square brackets]" around words put in by the quoter. A quote is split at them into the
//! runs that must each match the source as written.

/// A run of the quote's own text, or a mark between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Words left out.
    Omission,
    /// Words put in by the quoter, in brackets; they stand for some words of the source.
    Insertion(String),
}

/// Splits a quote at its marks.
pub fn pieces(quote: &str) -> Vec<Piece> {
    let chars: Vec<char> = quote.chars().collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Piece>| {
        if text.chars().any(char::is_alphanumeric) {
            out.push(Piece::Text(std::mem::take(text)));
        }
        text.clear();
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '…' {
            flush(&mut text, &mut out);
            out.push(Piece::Omission);
            i += 1;
            continue;
        }
        if c == '.' {
            // "..." or ". . ." (three or more dots, spaces allowed between)
            let mut j = i;
            let mut dots = 0;
            while j < chars.len() {
                if chars[j] == '.' {
                    dots += 1;
                } else if !(chars[j] == ' ' && dots > 0 && chars.get(j + 1) == Some(&'.')) {
                    break;
                }
                j += 1;
            }
            if dots >= 3 {
                flush(&mut text, &mut out);
                out.push(Piece::Omission);
                i = j;
                continue;
            }
        }
        if matches!(c, '[' | '(')
            && let Some(len) = chars[i + 1..]
                .iter()
                .position(|&d| d == if c == '[' { ']' } else { ')' })
        {
            let inner: String = chars[i + 1..i + 1 + len].iter().collect();
            let stripped = inner.trim();
            let ellipsis =
                !stripped.is_empty() && stripped.chars().all(|d| matches!(d, '.' | '…' | ' '));
            if ellipsis {
                flush(&mut text, &mut out);
                out.push(Piece::Omission);
                i += len + 2;
                continue;
            }
            if c == '[' {
                flush(&mut text, &mut out);
                out.push(Piece::Insertion(inner));
                i += len + 2;
                continue;
            }
        }
        text.push(c);
        i += 1;
    }
    flush(&mut text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Piece {
        Piece::Text(s.to_string())
    }

    #[test]
    fn omissions_and_insertions() {
        assert_eq!(
            pieces("Trump recognises … Russian exceptionalism"),
            vec![
                t("Trump recognises "),
                Piece::Omission,
                t(" Russian exceptionalism")
            ]
        );
        assert_eq!(
            pieces("one two... three [...] four . . . five"),
            vec![
                t("one two"),
                Piece::Omission,
                t(" three "),
                Piece::Omission,
                t(" four "),
                Piece::Omission,
                t(" five")
            ]
        );
        assert_eq!(
            pieces("[He] recognises Russian exceptionalism."),
            vec![
                Piece::Insertion("He".into()),
                t(" recognises Russian exceptionalism.")
            ]
        );
        assert_eq!(pieces("the U.S. envoy"), vec![t("the U.S. envoy")]);
        assert_eq!(
            pieces("unclosed [bracket here"),
            vec![t("unclosed [bracket here")]
        );
    }
}
