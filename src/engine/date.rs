//! Civil (proleptic Gregorian) dates without a date crate, and the dates a
//! policy states about itself ("Last updated: September 23, 2015").
//!
//! Day arithmetic uses Howard Hinnant's `days_from_civil` algorithm; nothing
//! here needs time zones or times of day.

use regex::Regex;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::document::Document;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if `month` and `day` are valid for `year`.
    #[must_use]
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    #[must_use]
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, from 1.
    #[must_use]
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            // Saturating: only absurd inputs reach the bounds.
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Today's date in UTC, from the system clock.
    #[must_use]
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The same day `months` months earlier, clamped to the end of a shorter month.
    #[must_use]
    pub fn months_before(self, months: u32) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).unwrap_or(i32::MIN);
        let month = u32::try_from(total.rem_euclid(12)).unwrap_or(0) + 1;
        let day = self.day().min(days_in_month(year, month));
        Date::new(year, month, day).unwrap_or(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a `YYYY-MM-DD` string is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a valid date: expected YYYY-MM-DD, like 2026-11-30")]
pub struct DateParseError(String);

impl FromStr for Date {
    type Err = DateParseError;

    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let err = || DateParseError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: Range<usize>| -> Result<u32, DateParseError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let year = i32::try_from(num(0..4)?).map_err(|_| err())?;
        Date::new(year, num(5..7)?, num(8..10)?).ok_or_else(err)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// What a stated date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// "Last updated", "last modified", "revised".
    Updated,
    /// "Effective", "effective date", "effective as of".
    Effective,
}

impl DateKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DateKind::Updated => "last-updated",
            DateKind::Effective => "effective",
        }
    }
}

/// A date the policy states about itself.
#[derive(Clone, Debug)]
pub(crate) struct DateStatement {
    pub kind: DateKind,
    pub date: Date,
    /// Whether the day was stated ("June 2020" states only the month).
    pub day_known: bool,
    /// Folded range of the label and the date ("Last updated: May 1, 2020").
    pub range: Range<usize>,
}

const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

fn statement_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let label = r"(?P<label>(?:date\s+of\s+)?last\s+(?:updated|modified|revised|changed|amended|reviewed|update|revision|modification)|effective(?:\s+date)?|updated|revised|modified|version\s+date|date\s+of\s+(?:last\s+)?(?:revision|update))";
        let doc = r"(?:\s+(?:this|our|the)\s+(?:privacy\s+)?(?:policy|notice|statement))?";
        let sep = r"(?:\s*(?:on|as\s+of|from|starting|date|is|was|:|-|,)\s*|\s+)*?";
        let date = format!(
            r"(?:(?P<mon1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH})\.?,?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})|(?P<a4>\d{{1,2}})(?P<s4>[/.-])(?P<b4>\d{{1,2}})[/.-](?P<y4>\d{{4}})|(?P<mon5>{MONTH})\.?,?\s+(?P<y5>\d{{4}}))\b"
        );
        // ASCII classes and word boundaries (`-u`): dates and their labels are
        // ASCII, folded text holds no other spaces, and a Unicode `\b`, `\s`
        // and `\d` would make this the costliest regex to compile in a
        // one-file run.
        Regex::new(&format!(r"(?i-u)\b{label}{doc}{sep}{date}")).expect("date regex is valid")
    })
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == n)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn date_of(c: &regex::Captures<'_>) -> Option<Date> {
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |k: &str| num(k).and_then(|y| i32::try_from(y).ok());
    if let Some(m) = c.name("mon1") {
        return Date::new(year("y1")?, month_number(m.as_str())?, num("d1")?);
    }
    if let Some(m) = c.name("mon2") {
        return Date::new(year("y2")?, month_number(m.as_str())?, num("d2")?);
    }
    if c.name("y3").is_some() {
        return Date::new(year("y3")?, num("m3")?, num("d3")?);
    }
    if c.name("y4").is_some() {
        let (a, b) = (num("a4")?, num("b4")?);
        let dotted = c.name("s4").is_some_and(|s| s.as_str() == ".");
        // 04.03.2021 is day-first; 04/03/2021 is US month-first unless that is impossible.
        let (month, day) = if dotted || a > 12 { (b, a) } else { (a, b) };
        return Date::new(year("y4")?, month, day);
    }
    if let Some(m) = c.name("mon5") {
        return Date::new(year("y5")?, month_number(m.as_str())?, 1);
    }
    None
}

impl DateStatement {
    /// Whether two statements can mean the same day ("June 2020" and "June 30, 2020" can).
    pub(crate) fn agrees_with(&self, other: &DateStatement) -> bool {
        self.date == other.date
            || ((!self.day_known || !other.day_known)
                && self.date.year() == other.date.year()
                && self.date.month() == other.date.month())
    }
}

/// Every last-updated or effective date the document states, in order,
/// except those in link text (links to previous versions).
pub(crate) fn statements(doc: &Document) -> Vec<DateStatement> {
    let re = statement_regex();
    let mut out = Vec::new();
    for block in doc.blocks() {
        let text = doc.text(block.range.clone());
        for c in re.captures_iter(text) {
            let (Some(all), Some(label)) = (c.get(0), c.name("label")) else {
                continue;
            };
            let Some(date) = date_of(&c) else { continue };
            // Years far from the web era are not policy dates ("updated 1 time").
            if !(1990..=2100).contains(&date.year()) {
                continue;
            }
            let kind = if label.as_str().to_ascii_lowercase().starts_with("effective") {
                DateKind::Effective
            } else {
                DateKind::Updated
            };
            let range = block.range.start + all.start()..block.range.start + all.end();
            if doc.in_link(range.clone()) {
                continue;
            }
            out.push(DateStatement {
                kind,
                date,
                day_known: c.name("mon5").is_none(),
                range,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::SourceFile;

    fn found(text: &str) -> Vec<(DateKind, String)> {
        let doc = Document::parse(SourceFile::new("t.md", text), Format::Markdown);
        statements(&doc)
            .into_iter()
            .map(|s| (s.kind, s.date.to_string()))
            .collect()
    }

    #[test]
    fn epoch_arithmetic_round_trips() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_016, 20_000, 2_932_896] {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn parses_strict_iso_dates() {
        assert_eq!(
            "2026-11-30".parse::<Date>().unwrap().to_string(),
            "2026-11-30"
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-11-30",
            "2026-1-30",
            "tomorrow",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2100-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn months_before_clamps() {
        let d: Date = "2026-03-31".parse().unwrap();
        assert_eq!(d.months_before(1).to_string(), "2026-02-28");
        assert_eq!(d.months_before(12).to_string(), "2025-03-31");
        assert_eq!(d.months_before(15).to_string(), "2024-12-31");
    }

    #[test]
    fn finds_stated_dates_in_many_forms() {
        use DateKind::{Effective, Updated};
        let s = |k, d: &str| (k, d.to_owned());
        assert_eq!(
            found("Effective: February 1, 2007, Last Updated: September 23, 2015"),
            [s(Effective, "2007-02-01"), s(Updated, "2015-09-23")]
        );
        assert_eq!(
            found("Last modified 2021-03-04"),
            [s(Updated, "2021-03-04")]
        );
        assert_eq!(
            found("Updated on 4 March 2021."),
            [s(Updated, "2021-03-04")]
        );
        assert_eq!(
            found("**Effective Date:** 25th of May, 2018"),
            [s(Effective, "2018-05-25")]
        );
        assert_eq!(
            found("We last updated this policy on Sept. 3, 2019."),
            [s(Updated, "2019-09-03")]
        );
        assert_eq!(
            found("Last revised: 04.03.2021"),
            [s(Updated, "2021-03-04")]
        );
        assert_eq!(
            found("Last revised: 04/03/2021"),
            [s(Updated, "2021-04-03")]
        );
        assert_eq!(
            found("Effective as of January 2020"),
            [s(Effective, "2020-01-01")]
        );
        assert!(found("We updated our systems on a regular basis since 2019.").is_empty());
        assert!(found("Last updated: February 30, 2020").is_empty());
        assert!(
            found("See the [policy effective March 15, 2018](https://x.example/old).").is_empty()
        );
    }
}
