//! Small helpers for the sentences citebot writes to people.

/// "1 passage", "2 passages": a count with the word that agrees with it.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "a", "a or b", "a, b or c": alternatives as a sentence names them.
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A title in quotation marks, its own quotation marks turned to single ones as quotes within
/// quotes are: “On Behalf of ‘Literally’”, not “On Behalf of “Literally””.
pub fn quoted(title: &str) -> String {
    let inner: String = title
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            '"' => '\'',
            c => c,
        })
        .collect();
    format!("“{inner}”")
}

/// The day of a Unix time, as `2026-11-28` (UTC).
pub fn iso_date(unix_secs: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = (unix_secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A count with thousands separated: 20000 → "20,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_s_own_quotes_become_single_ones() {
        assert_eq!(
            quoted("On Behalf of “Literally”"),
            "“On Behalf of ‘Literally’”"
        );
        assert_eq!(quoted("Say \"no\""), "“Say 'no'”");
        assert_eq!(quoted("Plain"), "“Plain”");
    }

    #[test]
    fn alternatives() {
        let list = |v: &[&str]| or_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a or b");
        assert_eq!(list(&["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn dates_and_thousands() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(1_764_288_000), "2025-11-28");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn counts_agree() {
        assert_eq!(plural(1, "passage", "passages"), "1 passage");
        assert_eq!(plural(0, "passage", "passages"), "0 passages");
        assert_eq!(plural(2, "section", "sections"), "2 sections");
    }
}
