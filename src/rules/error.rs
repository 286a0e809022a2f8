//! Errors found while loading rule packs.

use std::fmt;

use crate::source::{SourceFile, Span};

/// One problem in a rule-pack file, located in its YAML source.
#[derive(Clone, Debug)]
pub struct RuleError {
    /// The pack file.
    pub file: SourceFile,
    /// Where in it, if known.
    pub span: Option<Span>,
    /// What is wrong.
    pub message: String,
    /// Label shown under the span.
    pub label: String,
    /// How to fix it, when known.
    pub help: Option<String>,
    /// Another place involved (the first definition of a duplicate id).
    pub related: Option<(SourceFile, Span, String)>,
}

impl RuleError {
    pub(crate) fn new(file: &SourceFile, span: Option<Span>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            file: file.clone(),
            span,
            label: String::new(),
            message,
            help: None,
            related: None,
        }
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            Some(span) => {
                let lc = self.file.line_col(span.start);
                write!(
                    f,
                    "{}:{}:{}: {}",
                    self.file.path(),
                    lc.line,
                    lc.column,
                    self.message
                )
            }
            None => write!(f, "{}: {}", self.file.path(), self.message),
        }
    }
}

impl std::error::Error for RuleError {}
