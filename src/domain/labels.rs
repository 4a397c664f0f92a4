//! Labels that a team puts on requests to find them again: named case-insensitively, so
//! `Refund` and `refund` are one label.

use std::fmt;

/// A label's name, lowercased: 1 to 40 ASCII letters, digits and `-_.:/`, at least one of
/// them a letter, so a label never reads as a request number (`api::grammar::LABEL`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(String);

impl Label {
    pub const LONGEST: usize = 40;

    pub fn parse(text: &str) -> Result<Label, String> {
        let fits = (1..=Self::LONGEST).contains(&text.len());
        let allowed = text.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:/".contains(c));
        if fits && allowed && text.chars().any(|c| c.is_ascii_alphabetic()) {
            Ok(Label(text.to_ascii_lowercase()))
        } else {
            Err(format!(
                "`{text}` is not a label: use 1 to {} letters (a to z), digits and - _ . : /, with at least one letter",
                Self::LONGEST
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_one_name_whatever_the_case_and_never_a_number() {
        assert_eq!(Label::parse("Refund").unwrap(), Label::parse("REFUND").unwrap());
        assert_eq!(Label::parse("vip:tier-2").unwrap().as_str(), "vip:tier-2");
        for bad in ["", " ", " refund", "42", "#42", "a,b", "two words", "ünïcode", "x\u{1b}[2J", &"a".repeat(41)] {
            assert!(Label::parse(bad).is_err(), "{bad:?}");
        }
    }
}
