//! `stale-policy`: the newest last-updated or effective date the policy
//! states is older than `max_age_months` before the check date.
//!
//! A policy that states no date is not reported here (that is the
//! `effective-date` clause's business). Dates after the check date count as
//! recent.

use super::date::statements;
use super::Context;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;

pub(super) fn find(
    doc: &Document,
    rule: &Rule,
    ctx: &Context,
    max_age_months: u32,
) -> Vec<Finding> {
    let found = statements(doc);
    // The newest date; of equal dates, the first stated.
    let Some(newest) = found.iter().rev().max_by_key(|s| s.date) else {
        return Vec::new();
    };
    let limit = ctx.today.months_before(max_age_months);
    if newest.date >= limit {
        return Vec::new();
    }
    let days = ctx.today.days_since_epoch() - newest.date.days_since_epoch();
    vec![Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message: format!(
            "{}: its newest date is {} ({}), {} before {}",
            rule.message,
            newest.date,
            newest.kind.as_str(),
            age(days),
            ctx.today
        ),
        span: doc.span(newest.range.clone()),
        label: format!("the newest date stated, more than {max_age_months} months old"),
        related: Vec::new(),
    }]
}

/// "11 years", "1 year and 3 months", "14 months".
fn age(days: i64) -> String {
    let months = days * 12 / 365;
    let (years, rest) = (months / 12, months % 12);
    let plural = |n: i64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (years, rest) {
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} and {}", plural(y, "year"), plural(m, "month")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ages_read_naturally() {
        assert_eq!(super::age(400), "1 year and 1 month");
        assert_eq!(super::age(4086), "11 years and 2 months");
        assert_eq!(super::age(731), "2 years");
        assert_eq!(super::age(430), "1 year and 2 months");
    }
}
