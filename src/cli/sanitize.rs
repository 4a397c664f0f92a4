//! Text from the API is data, never a command to the terminal: control characters and
//! escape sequences in what visitors and members wrote are shown as visible text, as gh's
//! sanitizer does. Every human stream of the CLI passes through [`for_terminal`]; `--json`
//! keeps the exact value, with what could drive a terminal escaped ([`json_text`]).

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

/// JSON `text` with every character that could drive a terminal written as a `\uXXXX`
/// escape: the same JSON value, safe to show. serde_json escapes C0 controls but leaves DEL,
/// the C1 controls (`U+009B` starts a sequence as `ESC [` does) and the bidirectional
/// overrides raw. Newlines and tabs between values are layout, and stay.
pub fn json_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(escaped, "\\u{:04x}", c as u32);
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// `text` with the password of every URL in it (`scheme://user:password@host`) shown as
/// `***`, so an error that names a server or a database never prints a secret.
pub fn without_passwords(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        shown.push_str(before);
        // To the end of the word: a password typed unencoded may hold a `/` or `?`.
        let end = after.find([' ', '\n', ')', '"', '\'', '`', '>']).unwrap_or(after.len());
        let word = &after[..end];
        match word.rsplit_once('@') {
            Some((userinfo, host)) if is_credential(userinfo) => {
                let user = userinfo.split(':').next().unwrap_or_default();
                shown.push_str(&format!("{user}:***@{host}"));
            }
            _ => shown.push_str(word),
        }
        rest = &after[end..];
    }
    shown.push_str(rest);
    Cow::Owned(shown)
}

/// Whether what comes before a URL's last `@` is `user:password`: it has a `:`, and is not
/// a host, a numeric port and a path that happens to hold an `@` (`host:8080/a@b`).
fn is_credential(userinfo: &str) -> bool {
    let Some((_, after_colon)) = userinfo.split_once(':') else { return false };
    match after_colon.split_once('/') {
        Some((port, _)) => !port.bytes().all(|b| b.is_ascii_digit()),
        None => !userinfo.contains('/'),
    }
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

    #[test]
    fn json_keeps_its_value_and_loses_its_sequences() {
        let value = serde_json::json!({"body": "\u{9b}2J\u{202e}abc\u{7f}\u{1b}[0m", "n": 1});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let shown = json_text(&text);
        assert!(!shown.chars().any(|c| needs_escape(c)), "{shown}");
        assert!(shown.contains(r"\u009b2J\u202eabc\u007f\u001b[0m"), "{shown}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&shown).unwrap(), value, "the same value");
        assert!(matches!(json_text("{\"plain\": \"ünïcode\"}"), Cow::Borrowed(_)));
    }

    #[test]
    fn passwords_in_urls_are_never_shown() {
        let cases = [
            (
                "could not reach http://ops:s3cret@10.0.0.1:7420/v1: refused",
                "could not reach http://ops:***@10.0.0.1:7420/v1: refused",
            ),
            (
                "postgres://root:pa:ss@db/livechat and https://u:p@x",
                "postgres://root:***@db/livechat and https://u:***@x",
            ),
            ("http://token@host/ keeps a user alone", "http://token@host/ keeps a user alone"),
            ("(url (http://a:b@h))", "(url (http://a:***@h))"),
            ("no urls here: a@b", "no urls here: a@b"),
            // Typed unencoded, a `/` or `?` in a password ends no authority.
            ("cannot reach http://u:pa/ss@host:7420", "cannot reach http://u:***@host:7420"),
            ("http://u:p?w#d@h/x", "http://u:***@h/x"),
            ("http://host:8080/a@b and http://h/p?x=1:2", "http://host:8080/a@b and http://h/p?x=1:2"),
        ];
        for (text, shown) in cases {
            assert_eq!(without_passwords(text), shown, "{text:?}");
        }
    }
}
