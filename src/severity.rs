//! Severity: how much a finding matters, by the harm it signals.
//!
//! In health copy the harm is overstatement: an absolute claim with no
//! citation and a vague appeal to evidence are warnings; an absolute claim
//! that is cited is a note; hedged and cited units are information, shown
//! but never counted as problems.

use serde::{Deserialize, Serialize};

use crate::pipeline::lexicon::Label;

/// Severity levels, lowest first (so `>=` compares against a threshold).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, never a problem: hedged and cited units.
    Info,
    /// Worth a look: an absolute claim that cites a source.
    Note,
    /// A problem: an unsourced absolute claim or a vague attribution.
    Warning,
    /// A problem a team has chosen to treat as blocking.
    Error,
}

impl Severity {
    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Whether a finding at this severity counts as a problem (fails a
    /// check by default).
    pub fn is_problem(self) -> bool {
        self >= Severity::Warning
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The built-in severity of a finding with label `label` in a unit labelled
/// `unit_labels`.
pub fn default_for(label: Label, unit_labels: &[Label]) -> Severity {
    match label {
        Label::Absolute if unit_labels.contains(&Label::Cited) => Severity::Note,
        Label::Absolute | Label::Vague => Severity::Warning,
        Label::Hedged | Label::Cited => Severity::Info,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overstatement_is_the_problem() {
        assert_eq!(
            default_for(Label::Absolute, &[Label::Absolute]),
            Severity::Warning
        );
        assert_eq!(
            default_for(Label::Absolute, &[Label::Absolute, Label::Cited]),
            Severity::Note
        );
        assert_eq!(
            default_for(Label::Vague, &[Label::Vague, Label::Hedged]),
            Severity::Warning
        );
        assert_eq!(default_for(Label::Hedged, &[Label::Hedged]), Severity::Info);
        assert_eq!(default_for(Label::Cited, &[Label::Cited]), Severity::Info);
        assert!(!Severity::Note.is_problem() && Severity::Warning.is_problem());
    }
}
