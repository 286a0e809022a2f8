//! The raw syntax of clauselint rule packs and of their regexes.
//!
//! What the linter and its build script must agree on lives here, once: the
//! serde form of a pack file ([`raw`]), the expansion of vocabularies and
//! actors into plain patterns ([`vocab`]), which keys of a rule hold regexes
//! and how case applies to them ([`patterns`]), and what the search makes of
//! each regex: its fast form ([`fast_form`]) and the literals every match
//! contains ([`literals`]). The build script prebuilds the built-in packs'
//! automata from these; the linter computes the same at run time for user
//! packs, so the two cannot drift apart.

pub mod fast_form;
pub mod literals;
pub mod patterns;
pub mod raw;
pub mod vocab;
