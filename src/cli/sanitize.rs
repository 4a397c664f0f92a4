//! Text from the API is data, never a command to the terminal: control characters and
//! escape sequences in what visitors and members wrote are shown as visible text, as gh's
//! sanitizer does. Every human stream of the CLI passes through [`for_terminal`]; `--json`
//! keeps the exact text.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every character that could drive a terminal made visible: C0 controls but
/// newline and tab in caret notation (`ESC` is `^[`, `BEL` is `^G`, `CR` is `^M`), `DEL` as
/// `^?`, and C1 controls and the bidirectional overrides (which reorder what is shown) as
/// `<U+XXXX>`.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !needs_escape(c) => shown.push(c),
            '\u{7f}' => shown.push_str("^?"),
            c if (c as u32) < 0x20 => {
                shown.push('^');
                shown.push(char::from(b'@' + c as u8));
            }
            c => {
                let _ = write!(shown, "<U+{:04X}>", c as u32);
            }
        }
    }
    Cow::Owned(shown)
}

fn needs_escape(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional embeddings, overrides and isolates.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_sequences_are_shown_not_obeyed() {
        let cases = [
            ("plain text, ünïcode ✓", "plain text, ünïcode ✓"),
            ("two\nlines\tand a tab", "two\nlines\tand a tab"),
            ("\u{1b}]0;pwned\u{7}title", "^[]0;pwned^Gtitle"),
            ("\u{1b}[2Jcleared", "^[[2Jcleared"),
            (
                "\u{1b}]8;;http://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\",
                "^[]8;;http://evil.example^[\\click^[]8;;^[\\",
            ),
            ("\u{9b}31mred", "<U+009B>31mred"),
            ("over\rwrite", "over^Mwrite"),
            ("nul\u{0}del\u{7f}", "nul^@del^?"),
            ("abc\u{202e}fed", "abc<U+202E>fed"),
        ];
        for (text, shown) in cases {
            assert_eq!(for_terminal(text), shown, "{text:?}");
        }
        assert!(matches!(for_terminal("nothing to do"), Cow::Borrowed(_)));
    }
}
