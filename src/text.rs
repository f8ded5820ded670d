//! Small helpers for the sentences citebot writes to people.

/// "1 passage", "2 passages": a count with the word that agrees with it.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree() {
        assert_eq!(plural(1, "passage", "passages"), "1 passage");
        assert_eq!(plural(0, "passage", "passages"), "0 passages");
        assert_eq!(plural(2, "section", "sections"), "2 sections");
    }
}
