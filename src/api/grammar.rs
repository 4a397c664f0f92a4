//! The shapes of the API's text inputs. Each rule is stated once, as a pattern for the
//! OpenAPI document and a parser the server applies, side by side so they cannot drift; the
//! fuzz script (`tests/fuzz/run`) checks that they agree.
//!
//! Patterns are ECMA-262, as JSON Schema reads them. In them `\s` is Unicode white space and
//! the four separator controls U+001C–U+001F, as the common regex engines define it, and
//! [`is_blank`] is the same set.

use jiff::SignedDuration;
use utoipa::openapi::schema::{Object, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{KnownFormat, OneOfBuilder, RefOr};

use crate::domain::{Channel, State, Word};

/// The most characters a note, a message or a resolution note holds.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Some character that is not white space, and no NUL (which PostgreSQL cannot store).
pub const TEXT: &str = r"^[^\x00]*[^\s\x00][^\x00]*$";

/// White space, as `\s` means it in the patterns.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    Nul,
    TooLong(usize),
}

/// A note's or message's text, trimmed.
pub fn text(body: &str) -> Result<&str, TextProblem> {
    let chars = body.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(TextProblem::TooLong(chars));
    }
    if body.contains('\0') {
        return Err(TextProblem::Nul);
    }
    let trimmed = body.trim_matches(is_blank);
    if trimmed.is_empty() { Err(TextProblem::Empty) } else { Ok(trimmed) }
}

/// The most characters a name (of a member, bot, token or form field label) holds.
pub const MAX_NAME_CHARS: usize = 200;

/// A name: text as [`text`] reads it, of at most [`MAX_NAME_CHARS`] characters, on one line.
pub fn name(body: &str) -> Result<&str, String> {
    if body.chars().count() > MAX_NAME_CHARS {
        return Err(format!("is longer than {MAX_NAME_CHARS} characters"));
    }
    if body.chars().any(|c| c.is_control()) {
        return Err("holds a control character such as a line break; names are one line".into());
    }
    text(body).map_err(|_| "is empty; write a name".to_string())
}

/// A name's pattern: something besides white space and no control characters.
pub const NAME: &str = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$";

/// An email address as members and invitations need one: one `@` between two non-empty parts,
/// no white space and no control characters.
pub const EMAIL: &str = r"^[^\s\x00-\x1f\x7f-\x9f@]+@[^\s\x00-\x1f\x7f-\x9f@]+$";
pub const MAX_EMAIL_CHARS: usize = 320;

pub fn email(text: &str) -> Option<&str> {
    let (local, domain) = text.split_once('@')?;
    let fine = |part: &str| !part.is_empty() && !part.chars().any(|c| c == '@' || is_blank(c) || c.is_control());
    (text.chars().count() <= MAX_EMAIL_CHARS && fine(local) && fine(domain)).then_some(text)
}

/// A visitor's channel user id as an erasure names one: `CHANNEL:ID`, with the ID as an
/// integration sends it (no spaces or control characters). At most [`MAX_USER_ID_CHARS`].
pub fn user_id_pattern() -> String {
    let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
    format!(r"^({}):[^\x00-\x20\x7f-\x9f]+$", channels.join("|"))
}

/// The longest `CHANNEL:ID`: the longest channel, its colon, and an integration's 200.
pub const MAX_USER_ID_CHARS: usize = 210;

pub fn user_id(text: &str) -> Option<(Channel, &str)> {
    let (channel, id) = text.split_once(':')?;
    let channel = Channel::ALL.iter().copied().find(|c| c.as_str() == channel)?;
    let fine = !id.is_empty() && id.chars().all(|c| !c.is_control() && c != ' ');
    (fine && text.chars().count() <= MAX_USER_ID_CHARS).then_some((channel, id))
}

pub fn user_id_schema() -> Object {
    string(&user_id_pattern(), "A visitor's user id on a channel: `CHANNEL:ID`, such as `discord:80351110224678912`")
        .max_length(Some(MAX_USER_ID_CHARS))
        .build()
}

/// A form field's key: what the answers are keyed by, in notes and exports.
pub const FIELD_KEY: &str = "^[a-z][a-z0-9_]{0,63}$";

pub fn field_key(text: &str) -> bool {
    let mut chars = text.chars();
    text.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The longest member reference: an email address's limit.
pub const MAX_MEMBER_CHARS: usize = 320;
/// `me`, a member id, or an email address (anything with an `@`; unknown ones are 404).
pub const MEMBER: &str = r"^(me|[0-9]{1,18}|[^\x00@]*@[^\x00]*)$";
/// As [`MEMBER`], or `any` or `none`.
pub const ASSIGNEE: &str = r"^(any|none|me|[0-9]{1,18}|[^\x00@]*@[^\x00]*)$";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberRef<'a> {
    Me,
    Id(i64),
    Email(&'a str),
}

pub fn member(text: &str) -> Option<MemberRef<'_>> {
    if text.chars().count() > MAX_MEMBER_CHARS || text.contains('\0') {
        return None;
    }
    if text == "me" {
        Some(MemberRef::Me)
    } else if (1..=18).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok().map(MemberRef::Id)
    } else if text.contains('@') {
        Some(MemberRef::Email(text))
    } else {
        None
    }
}

const STATE_WORDS: &str = "new|assigned|chatting|resolved|closed|open|all";

/// A comma list of states; `open` is new, assigned and chatting, `all` every state.
pub fn states_pattern() -> String {
    format!("^({STATE_WORDS})(,({STATE_WORDS}))*$")
}

/// The states of a comma list, sorted, each once.
pub fn states(text: &str) -> Option<Vec<State>> {
    let mut states = Vec::new();
    for word in text.split(',') {
        let more = match word {
            "open" => State::OPEN,
            "all" => State::ALL,
            _ => std::slice::from_ref(State::ALL.iter().find(|s| s.word() == word)?),
        };
        states.extend(more.iter().copied().filter(|s| !states.contains(s)).collect::<Vec<_>>());
    }
    states.sort();
    Some(states)
}

/// Days, hours, minutes and seconds, each at most once and in that order: `90s`, `1h30m`, `7d`.
pub const DURATION: &str = "^([0-9]{1,5}d)?([0-9]{1,6}h)?([0-9]{1,7}m)?([0-9]{1,9}s)?$";

pub fn duration(text: &str) -> Option<SignedDuration> {
    if text.is_empty() {
        return None;
    }
    let mut rest = text;
    let mut seconds: i64 = 0;
    for (unit, size, most_digits) in [('d', 86_400, 5), ('h', 3_600, 6), ('m', 60, 7), ('s', 1, 9)] {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(unit) {
            if digits > most_digits {
                return None;
            }
            seconds += rest[..digits].parse::<i64>().ok()? * size;
            rest = &rest[digits + 1..];
        }
    }
    rest.is_empty().then(|| SignedDuration::from_secs(seconds))
}

/// A position in the queue's order, as `GET /v1/requests` gives it in `next_cursor`.
pub const QUEUE_CURSOR: &str = r"^[0-4]\.-?[0-9]{1,15}\.[0-9]{1,18}$";
/// A live stream's event id: `events.messages` seen so far.
pub const FEED_POSITION: &str = r"^[0-9]{1,18}\.[0-9]{1,18}$";
/// An event id of the queue stream.
pub const EVENT_ID: &str = "^[0-9]{1,18}$";

/// 1 to 18 digits with no sign, as the patterns above write a count or an id.
pub fn natural(text: &str) -> Option<i64> {
    if text.starts_with('-') { None } else { number(text) }
}

/// 1 to 18 digits, perhaps after a `-`, as the patterns above write a number.
pub fn number(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !(1..=18).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A label: ASCII letters, digits and `-_.:/`, with a letter, so it never reads as a request
/// number; case does not matter.
pub const LABEL: &str = "^[A-Za-z0-9_.:/-]*[A-Za-z][A-Za-z0-9_.:/-]*$";

pub fn label_schema() -> Object {
    string(LABEL, "A label: letters, digits and `-_.:/`, with a letter; case does not matter")
        .max_length(Some(crate::domain::Label::LONGEST))
        .build()
}

/// The labels one call adds or takes away: at most 20.
pub fn labels_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new().items(label_schema()).max_items(Some(20)).build()
}

/// A search holds a letter or a digit somewhere (`\W` read Unicode-aware, as Python's and
/// Rust's engines read it): `_` and punctuation alone are no word.
pub const SEARCH: &str = r"[^\W_]";
pub const MAX_SEARCH_CHARS: usize = 1000;

pub fn search_schema() -> Object {
    string(SEARCH, "Words to find, all of them; case and punctuation do not matter")
        .min_length(Some(1))
        .max_length(Some(MAX_SEARCH_CHARS))
        .build()
}

fn string(pattern: &str, description: &str) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern)).description(Some(description))
}

pub fn text_schema() -> Object {
    string(TEXT, "Text with something besides white space, and no NUL characters")
        .max_length(Some(MAX_TEXT_CHARS))
        .build()
}

pub fn optional_text_schema() -> Object {
    let mut schema = text_schema();
    schema.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    schema
}

pub fn name_schema() -> Object {
    string(NAME, "A name: one line, with something besides white space").max_length(Some(MAX_NAME_CHARS)).build()
}

pub fn optional_name_schema() -> Object {
    let mut schema = name_schema();
    schema.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    schema
}

pub fn email_schema() -> Object {
    string(EMAIL, "An email address").max_length(Some(MAX_EMAIL_CHARS)).build()
}

pub fn field_key_schema() -> Object {
    string(FIELD_KEY, "A form field's key: lower-case letters, digits and `_`, starting with a letter").build()
}

pub fn member_schema() -> Object {
    string(MEMBER, "A member: `me`, a member id, or an email").max_length(Some(MAX_MEMBER_CHARS)).build()
}

pub fn assignee_schema() -> Object {
    string(ASSIGNEE, "`me`, `none`, `any`, a member id, or an email").max_length(Some(MAX_MEMBER_CHARS)).build()
}

pub fn states_schema() -> Object {
    string(&states_pattern(), "States, comma-separated: `open` is new,assigned,chatting and `all` is every state")
        .build()
}

pub fn duration_schema() -> Object {
    string(DURATION, "A duration like `90s`, `15m`, `2h`, `1d` or `1h30m`").min_length(Some(2)).build()
}

pub fn optional_duration_schema() -> Object {
    let mut schema = duration_schema();
    schema.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    schema
}

pub fn queue_cursor_schema() -> Object {
    string(QUEUE_CURSOR, "A `next_cursor` from an earlier page").build()
}

/// An audit action (`bot.update`) or a family of them (`bot`).
pub const AUDIT_ACTION: &str = r"^[a-z_]{1,24}(\.[a-z_]{1,24}){0,3}$";
/// An audit target: `kind:id`, or a kind alone.
pub const AUDIT_TARGET: &str = r"^[a-z_]{1,24}(:[0-9]{1,18})?$";
/// An audit page's cursor: the id of the page's last record.
pub const AUDIT_CURSOR: &str = r"^[0-9]{1,18}$";

/// Whether `text` is a word of `[a-z_]`, 1 to 24 long.
fn audit_word(text: &str) -> bool {
    (1..=24).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// An action or family, as [`AUDIT_ACTION`] says.
pub fn audit_action(text: &str) -> bool {
    let words: Vec<&str> = text.split('.').collect();
    words.len() <= 4 && words.iter().all(|w| audit_word(w))
}

/// A target, as [`AUDIT_TARGET`] says.
pub fn audit_target(text: &str) -> bool {
    match text.split_once(':') {
        Some((kind, id)) => audit_word(kind) && (1..=18).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()),
        None => audit_word(text),
    }
}

pub fn audit_action_schema() -> Object {
    string(AUDIT_ACTION, "An action such as `member.role`, or a family such as `member`").max_length(Some(100)).build()
}

pub fn audit_target_schema() -> Object {
    string(AUDIT_TARGET, "A target such as `member:4` or `retention`").max_length(Some(43)).build()
}

/// A change feed's cursor: `SEQ.REQUEST`.
pub const CHANGE_CURSOR: &str = r"^[0-9]{1,18}\.[0-9]{1,18}$";

pub fn change_cursor_schema() -> Object {
    string(CHANGE_CURSOR, "A `cursor` or `next_cursor` from the feed; `0.0` starts at the beginning").build()
}

pub fn audit_cursor_schema() -> Object {
    string(AUDIT_CURSOR, "A `next_cursor` from an earlier page").build()
}

pub fn feed_position_schema() -> Object {
    string(FEED_POSITION, "An event id this stream sent").build()
}

pub fn event_id_schema() -> Object {
    string(EVENT_ID, "An event id this stream sent").build()
}

/// A `Last-Event-ID` header of the ids `pattern` matches; empty is the same as absent.
fn last_event_id(pattern: &str) -> Object {
    let pattern = format!("^({})?$", pattern.trim_start_matches('^').trim_end_matches('$'));
    string(&pattern, "The id of the last event received; empty is the same as absent").build()
}

/// `Last-Event-ID` for a request's or visitor's stream.
pub fn feed_header_schema() -> Object {
    last_event_id(FEED_POSITION)
}

/// `Last-Event-ID` for the queue stream.
pub fn event_id_header_schema() -> Object {
    last_event_id(EVENT_ID)
}

/// An RFC 3339 time, or a date standing for its midnight UTC.
pub fn time_bound_schema() -> RefOr<Schema> {
    let format =
        |f: KnownFormat| ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(f)));
    let one_of = OneOfBuilder::new()
        .item(format(KnownFormat::DateTime))
        .item(format(KnownFormat::Date))
        .item(string(DURATION, "An age, counted back from now").min_length(Some(2)).build())
        .description(Some("An RFC 3339 time, a date meaning its midnight UTC, or an age like `7d`"))
        .build();
    RefOr::T(Schema::OneOf(one_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_need_something_besides_white_space_and_no_nul() {
        assert_eq!(text("  hello \n"), Ok("hello"));
        assert_eq!(text(" \u{1f}\u{3000}"), Err(TextProblem::Empty));
        assert_eq!(text("a\0b"), Err(TextProblem::Nul));
        assert_eq!(text(&"x".repeat(MAX_TEXT_CHARS + 1)), Err(TextProblem::TooLong(MAX_TEXT_CHARS + 1)));
        assert_eq!(text("\u{feff}"), Ok("\u{feff}"), "U+FEFF is not white space to \\s");
    }

    #[test]
    fn names_emails_and_keys_have_one_shape() {
        assert_eq!(name(" Help desk "), Ok("Help desk"));
        assert!(name("two\nlines").is_err() && name("  ").is_err() && name(&"x".repeat(201)).is_err());
        assert_eq!(email("a@b.test"), Some("a@b.test"));
        for refused in ["a", "@b", "a@", "a@b@c", "a b@c", ""] {
            assert_eq!(email(refused), None, "{refused:?}");
        }
        assert!(field_key("order_number") && field_key("a1"));
        for refused in ["", "Order", "1a", "a-b", "_a", &"a".repeat(65)] {
            assert!(!field_key(refused), "{refused:?}");
        }
    }

    #[test]
    fn audit_filters_are_words_and_ids_only() {
        for action in ["member", "member.role", "bot.key.create", "a_b"] {
            assert!(audit_action(action), "{action}");
        }
        for refused in ["", "Member", "bot.", ".bot", "bot%", "a.b.c.d.e", "bot key"] {
            assert!(!audit_action(refused), "{refused:?}");
        }
        for target in ["member:4", "retention", "bot_key:12"] {
            assert!(audit_target(target), "{target}");
        }
        for refused in ["", "member:", ":4", "member:-4", "member:4:5", "member:1234567890123456789"] {
            assert!(!audit_target(refused), "{refused:?}");
        }
    }

    #[test]
    fn user_ids_name_their_channel() {
        assert_eq!(user_id("discord:80351"), Some((Channel::Discord, "80351")));
        assert_eq!(user_id("web:visitor-3fa2"), Some((Channel::Web, "visitor-3fa2")));
        assert_eq!(user_id("web:a:b"), Some((Channel::Web, "a:b")), "an id may hold a colon");
        let longest = format!("messenger:{}", "9".repeat(200));
        assert!(user_id(&longest).is_some() && user_id(&format!("{longest}9")).is_none());
        for refused in ["", "80351", "discord:", "Discord:1", "sms:1", "web:a b", "web:a\u{85}", " web:1"] {
            assert_eq!(user_id(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn members_are_me_an_id_or_an_email_exactly() {
        assert_eq!(member("me"), Some(MemberRef::Me));
        assert_eq!(member("42"), Some(MemberRef::Id(42)));
        assert_eq!(member("a@b"), Some(MemberRef::Email("a@b")));
        for refused in ["", "ME", " me", "#4", "-4", "1234567890123456789", "alice", "a\0@b"] {
            assert_eq!(member(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn state_lists_are_exact_words() {
        assert_eq!(states("open").unwrap(), State::OPEN);
        assert_eq!(states("closed,new,new").unwrap(), vec![State::New, State::Closed]);
        for refused in ["", "new,", "New", "new, assigned", "opened"] {
            assert_eq!(states(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn durations_are_units_in_order() {
        assert_eq!(duration("90s").unwrap().as_secs(), 90);
        assert_eq!(duration("1d2h3m4s").unwrap().as_secs(), 93_784);
        assert_eq!(duration("0m").unwrap().as_secs(), 0);
        for refused in ["", "1", "m", "1m1h", "1h1h", "-5m", "1 h", "123456d", "1.5h"] {
            assert_eq!(duration(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn numbers_are_plain_digits() {
        assert_eq!(number("17"), Some(17));
        assert_eq!(number("-3"), Some(-3));
        for refused in ["", "+3", " 3", "3.0", "1234567890123456789"] {
            assert_eq!(number(refused), None, "{refused:?}");
        }
        assert_eq!((natural("0"), natural("-0")), (Some(0), None));
    }
}
