//! Publication dates as web pages write them ("1 April, 2025", "April 1, 2025", "2025-04-01").

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A calendar date; citations print it as "1 April 2025", JSON as "2025-04-01".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Days since 1 January 1970 (before it, negative), to tell how far apart two dates are.
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil: years begin in March, so February's length is
        // the last thing a year holds.
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let of_era = year - era * 400;
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = of_era * 365 + of_era / 4 - of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "1 April 2025".
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.long())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date: {0:?} (write it like \"1 April 2025\" or \"2025-04-01\")")]
pub struct DateError(String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        parse(text).ok_or_else(|| DateError(text.chars().take(80).collect()))
    }
}

fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.to_lowercase().starts_with(&word))
        .and_then(|i| u8::try_from(i + 1).ok())
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A time of day as pages print one after a date: "8:00am", "8:00 PM", "20:15", "20:15 UTC".
fn is_time(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(clock) = words.next() else {
        return false;
    };
    let lower = clock.to_ascii_lowercase();
    let digits = lower.trim_end_matches("am").trim_end_matches("pm");
    let clock_ok = digits.contains(':')
        && digits.chars().all(|c| c.is_ascii_digit() || c == ':')
        && digits.split(':').all(|p| (1..=2).contains(&p.len()));
    clock_ok
        && words.all(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "am" | "pm" | "a.m." | "p.m."
            ) || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
        })
}

/// Years before this are no publication's: "0001-01-01T00:00:00Z" is the empty value of a
/// date in Go, which sites publish in their JSON-LD when they have none.
const FIRST_YEAR: u16 = 1000;

fn parse(text: &str) -> Option<Date> {
    parse_any(text).filter(|d| d.year >= FIRST_YEAR)
}

fn parse_any(text: &str) -> Option<Date> {
    let text = text.trim();
    // A time before the date: "7:07 PM EST Nov 19, 2019" (USA Today's "Published" line). One
    // time is taken off, once.
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    let timed = (1..=3.min(words.len().saturating_sub(1)))
        .rev()
        .find(|&k| is_time(&words[..k].join(" ")));
    match timed {
        Some(k) => {
            let rest = text
                .split_whitespace()
                .skip(k)
                .collect::<Vec<_>>()
                .join(" ");
            parse_dated(&rest)
        }
        None => parse_dated(text),
    }
}

fn parse_dated(text: &str) -> Option<Date> {
    let text = text.trim();
    // ISO, also with a time after it: 2025-04-01, 2024-03-10T09:00:00Z.
    let head = text.get(..10).unwrap_or(text);
    let rest = text.get(10..).unwrap_or("");
    let iso: Vec<&str> = head.split('-').collect();
    if let [y, m, d] = iso[..]
        && y.len() == 4
        && (rest.is_empty()
            || rest.starts_with('T')
            || (rest.starts_with(' ')
                && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
                && rest.contains(':')))
    {
        return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    // Numeric with slashes or dots: 2025/04/01, 01.04.2025, 4/1/2025 (month first when both
    // could be either, as U.S. pages write them), also with a time after it ("3/09/15 8:00am").
    // A two-digit year is read as POSIX's `%y` reads it: 69 and under in this century.
    let (numeric, time) = text.split_once(' ').unwrap_or((text, ""));
    if let Some(sep) = ['/', '.'].into_iter().find(|&c| numeric.contains(c))
        && numeric.chars().all(|c| c.is_ascii_digit() || c == sep)
        && (time.is_empty() || is_time(time))
    {
        let n: Vec<&str> = numeric.split(sep).collect();
        let [a, b, c] = n[..] else {
            return None;
        };
        let c_digits = c.len();
        let (a, b, mut c): (u16, u16, u16) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
        // A year has four digits, or two; "1.2.3" is a version, not a date.
        if a < 1000 && c_digits != 2 && c_digits != 4 {
            return None;
        }
        if c_digits == 2 && a < 1000 {
            c += if c < 70 { 2000 } else { 1900 };
        }
        let small = |v: u16| u8::try_from(v).ok();
        return if a >= 1000 {
            Date::new(a, small(b)?, small(c)?)
        } else if sep == '.' || a > 12 {
            Date::new(c, small(b)?, small(a)?)
        } else {
            Date::new(c, small(a)?, small(b)?)
        };
    }
    let mut words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // "Thursday, 22 November 1787"
    if words.first().is_some_and(|w| {
        WEEKDAYS
            .iter()
            .any(|d| d.starts_with(&w.to_lowercase()) && w.len() >= 3)
    }) {
        words.remove(0);
    }
    // "3 March 2025 10:00 GMT", "March 3, 2025 at 9:30 am"
    while words.len() > 3
        && words.last().is_some_and(|w| {
            w.contains(':')
                || matches!(
                    w.to_lowercase().replace('.', "").as_str(),
                    "am" | "pm" | "at"
                )
                || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
        })
    {
        words.pop();
    }
    if words.last().is_some_and(|w| w.eq_ignore_ascii_case("at")) {
        words.pop();
    }
    let [a, b, c] = words[..] else {
        return None;
    };
    let year: u16 = c.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    let day_of = |w: &str| -> Option<u8> {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    // "1 April 2025" / "1st April, 2025" or "April 1, 2025"
    let (day, month) = match (day_of(a), month_number(b)) {
        (Some(d), Some(m)) => (d, m),
        _ => (day_of(b)?, month_number(a)?),
    };
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_page_dates() {
        let d = Date::new(2025, 4, 1);
        assert_eq!("1 April, 2025".parse().ok(), d);
        assert_eq!("1 April 2025".parse().ok(), d);
        assert_eq!("April 1, 2025".parse().ok(), d);
        assert_eq!("1st Apr 2025".parse().ok(), d);
        assert_eq!("2025-04-01".parse().ok(), d);
        assert_eq!("2025-04-01T09:30:00+02:00".parse().ok(), d);
        assert_eq!("Tuesday, April 1, 2025".parse().ok(), d);
        assert_eq!("Apr 01, 2025".parse().ok(), d);
        assert_eq!("1 April 2025 10:00 GMT".parse().ok(), d);
        assert_eq!("April 1, 2025 at 9:30 am".parse().ok(), d);
        assert_eq!("2025/04/01".parse().ok(), d);
        assert_eq!("01.04.2025".parse().ok(), d);
        assert_eq!("4/1/2025".parse().ok(), d);
        assert_eq!("13/4/2025".parse().ok(), Date::new(2025, 4, 13));
        // Kinja's "3/09/15 8:00am"; two-digit years as POSIX `%y` reads them.
        assert_eq!("3/09/15 8:00am".parse().ok(), Date::new(2015, 3, 9));
        assert_eq!("4/1/25".parse().ok(), d);
        assert_eq!(
            "12/31/99 11:59 PM EST".parse().ok(),
            Date::new(1999, 12, 31)
        );
        assert_eq!(d.map(|d| d.long()).as_deref(), Some("1 April 2025"));
    }

    #[test]
    fn non_dates() {
        for bad in [
            "",
            "by Someone",
            "31 February 2025",
            "Trump’s New Deal",
            "1 2 3",
            "2025-13-01",
            "2025-04-01 was a Tuesday",
            "1/2",
            "10.5 million",
            "Monday",
            "3/09/15 and more",
            "1.2.3",
            "10.5.300",
            "4/1/2025 8",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any text, and numeric dates with anything after them: a date or a refusal, and a
        /// date is always a real one.
        #[test]
        fn any_text_is_a_real_date_or_none(
            text in "\\PC{0,40}",
            a in 0u32..20000, b in 0u32..20000, c in 0u32..20000,
            tail in "\\PC{0,12}",
        ) {
            for input in [text.clone(), format!("{a}/{b}/{c} {tail}"), format!("{a}.{b}.{c}")] {
                if let Ok(date) = input.parse::<Date>() {
                    proptest::prop_assert!(Date::new(date.year, date.month, date.day).is_some());
                }
            }
        }
    }

    #[test]
    fn days_count_from_1970() {
        let days = |y, m, d| Date::new(y, m, d).map(|d| d.days());
        assert_eq!(days(1970, 1, 1), Some(0));
        assert_eq!(days(2000, 3, 1), Some(11_017));
        assert_eq!(days(1969, 12, 31), Some(-1));
        assert_eq!(
            days(2019, 11, 20)
                .zip(days(2019, 11, 19))
                .map(|(a, b)| a - b),
            Some(1)
        );
        assert_eq!(
            days(2024, 3, 1).zip(days(2024, 2, 28)).map(|(a, b)| a - b),
            Some(2)
        );
    }

    #[test]
    fn an_empty_date_placeholder_is_no_date() {
        assert!("0001-01-01T00:00:00Z".parse::<Date>().is_err());
        assert!("1787-10-27".parse::<Date>().is_ok());
    }

    #[test]
    fn a_time_may_come_before_the_date() {
        let date = "7:07 PM EST Nov 19, 2019".parse::<Date>();
        assert_eq!(date.ok(), Date::new(2019, 11, 19));
        assert_eq!(
            "5:45 AM 11/19/2019".parse::<Date>().ok(),
            Date::new(2019, 11, 19)
        );
        assert!("7:07 PM EST".parse::<Date>().is_err());
    }
}
