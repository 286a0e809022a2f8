//! Which keys of a raw rule hold regexes, and with which case sensitivity.

use crate::raw::{RawNode, RawRule};

/// Calls `found(regex, case_insensitive)` for every regex of `rule`, in
/// order, repeats included: the leaves of its `match` and `when` trees (case
/// as the rule says) and its `section` and `within_section` heading regexes
/// (always case-insensitive). Vocabulary references must already be expanded
/// (see [`crate::vocab::expand_pack`]).
pub fn each_regex(rule: &RawRule, mut found: impl FnMut(&str, bool)) {
    each_tree_regex(rule, &mut found);
    let sections = rule.section.iter().flat_map(|s| s.as_slice());
    for heading in sections.chain(&rule.within_section) {
        found(heading, true);
    }
}

/// Calls `found(regex, case_insensitive)` for every leaf of `rule`'s `match`
/// and `when` trees, in order, repeats included: the regexes a rule's match
/// nodes refer to.
pub fn each_tree_regex(rule: &RawRule, mut found: impl FnMut(&str, bool)) {
    for tree in [&rule.matcher, &rule.when].into_iter().flatten() {
        walk(tree, !rule.case_sensitive, &mut found);
    }
}

fn walk(node: &RawNode, case_insensitive: bool, found: &mut impl FnMut(&str, bool)) {
    match node {
        RawNode::Pattern(p) => found(p, case_insensitive),
        RawNode::Tree(tree) => {
            for child in tree.children() {
                walk(child, case_insensitive, found);
            }
        }
    }
}
