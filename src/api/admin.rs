//! The wire types of running a team: tokens, invitations, removing members, bots with their
//! automatic texts and Live Chat Request Form, and bot integration keys.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::grammar;
use super::{BatchResult, Me, Member};
use crate::domain::{Channel, Role};

/// An API token, as lists show it: never the token itself.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    /// The member the token acts as.
    pub member_id: i64,
    pub member_email: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    /// `null` for a token that never expires.
    pub expires_at: Option<Timestamp>,
    /// True for the token this call was made with.
    #[serde(default)]
    pub current: bool,
}

impl TokenInfo {
    pub fn expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }
}

/// Body of `POST /v1/tokens`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"name": "ci backlog check", "expires_in": "90d"}))]
pub struct NewTokenBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_name_schema)]
    pub name: Option<String>,
    /// How long the token lasts, like `90d`; absent for a token that never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_duration_schema)]
    pub expires_in: Option<String>,
}

/// Answer of `POST /v1/tokens` and of accepting an invitation.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreatedToken {
    /// The token itself: shown this once and stored only as a digest.
    pub token: String,
    #[serde(flatten)]
    pub info: TokenInfo,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Expired => "expired",
            InvitationStatus::Revoked => "revoked",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    pub bot_ids: Vec<i64>,
    pub status: InvitationStatus,
    pub created_by: i64,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// The member who joined with it; absent until someone has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<i64>,
}

/// Body of `POST /v1/invitations`; its schema is written out in `invitation_body_schema`,
/// since `bot_ids` depends on the role.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvitationBody {
    pub email: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// With `bot-admin`: the bots the member will administer.
    #[serde(default, deserialize_with = "super::integral::list", skip_serializing_if = "Option::is_none")]
    pub bot_ids: Option<Vec<i64>>,
    /// How long the code stays valid; 7 days unless given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<String>,
}

super::written_out_schema!(InvitationBody, "InvitationBody");

/// The schema of `InvitationBody`, as the document serves it.
pub fn invitation_body_schema() -> serde_json::Value {
    let to_value = |o: utoipa::openapi::schema::Object| serde_json::to_value(o).unwrap_or_default();
    let common = serde_json::json!({
        "email": to_value(grammar::email_schema()),
        "name": to_value(grammar::optional_name_schema()),
        "expires_in": to_value(grammar::optional_duration_schema()),
    });
    serde_json::json!({
        "description": "Whom to invite, as what. A bot admin needs `bot_ids`, the bots they will administer.",
        "oneOf": super::role_variants(common, &["email"]),
        "example": {"email": "sam@acme.test", "role": "agent", "name": "Sam Lee", "expires_in": "7d"}
    })
}

/// Answer of `POST /v1/invitations`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreatedInvitation {
    /// The single-use code to give the new member: shown this once.
    pub code: String,
    #[serde(flatten)]
    pub invitation: Invitation,
}

/// Body of `POST /v1/invitations/accept`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"code": "lci_…", "token_name": "laptop"}))]
pub struct AcceptBody {
    #[schema(max_length = 200)]
    pub code: String,
    /// The name of the token the member gets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_name_schema)]
    pub token_name: Option<String>,
}

/// Answer of `POST /v1/invitations/accept`: the new member's own token.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Joined {
    pub token: String,
    pub me: Me,
}

/// Answer of `DELETE /v1/members/{member}`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MemberRemoved {
    pub member: Member,
    /// One result per open request that was moved, as `POST /v1/requests/batch` reports.
    pub reassigned: Vec<BatchResult>,
}

/// A bot's automatic texts. `{agent}` stands for the agent's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotTexts {
    /// The bot's answer while a request waits in the queue.
    pub queue_reply: String,
    /// The line the transcript shows when an agent starts chatting.
    pub agent_joined: String,
    /// The line the transcript shows when the agent stops chatting.
    pub agent_left: String,
    /// The bot's answer while no member of the organization is online.
    pub offline_reply: String,
}

impl Default for BotTexts {
    fn default() -> Self {
        BotTexts {
            queue_reply: "Thanks for your message. You are in the queue, and a member of our team will join soon."
                .into(),
            agent_joined: "{agent} joined the chat. The bot is paused.".into(),
            agent_left: "{agent} left the chat. The bot is back.".into(),
            offline_reply: "Thanks for your message. Nobody from our team is online right now; \
                we will answer here as soon as someone is."
                .into(),
        }
    }
}

/// Changes to a bot's automatic texts; absent ones stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotTextsPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_text_schema)]
    pub queue_reply: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_text_schema)]
    pub agent_joined: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_text_schema)]
    pub agent_left: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_text_schema)]
    pub offline_reply: Option<String>,
}

/// What a form field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Email,
    Phone,
    Number,
    Textarea,
    Select,
}

/// One field of a Live Chat Request Form; its schema is written out in `field_spec_schema`,
/// since `options` depends on the kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// The choices of a `select` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
}

super::written_out_schema!(FieldSpec, "FieldSpec");

/// The schema of `FieldSpec`, as the document serves it. (That keys are unique within a form
/// is checked too, but no schema can say it.)
pub fn field_spec_schema() -> serde_json::Value {
    let name = serde_json::json!({"type": "string", "pattern": grammar::NAME, "maxLength": grammar::MAX_NAME_CHARS});
    let kinds = ["text", "email", "phone", "number", "textarea", "select"];
    serde_json::json!({
        "type": "object",
        "description": "A form field: `select` fields need `options`, and only they take them.",
        "required": ["key", "label", "kind"],
        "properties": {
            "key": {"type": "string", "pattern": grammar::FIELD_KEY},
            "label": name,
            "kind": {"type": "string", "enum": kinds},
            "required": {"type": "boolean"},
            "options": {"type": ["array", "null"], "minItems": 1, "maxItems": MAX_OPTIONS, "items": name}
        },
        "if": {"properties": {"kind": {"const": "select"}}},
        "then": {"required": ["options"], "properties": {"options": {"type": "array"}}},
        "else": {"properties": {"options": {"type": "null"}}}
    })
}

/// A bot's Live Chat Request Form: what the visitor page asks and the server checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"fields": [{"key": "order_number", "label": "Order number", "kind": "text", "required": true}, {"key": "topic", "label": "Topic", "kind": "select", "options": ["billing", "shipping"], "required": false}]}))]
pub struct RequestForm {
    /// Each with its own key; the same field twice is refused.
    #[schema(max_items = 30)]
    #[serde(deserialize_with = "objects")]
    pub fields: Vec<FieldSpec>,
}

/// The most fields a form has, and the longest answer a field takes.
pub const MAX_FORM_FIELDS: usize = 30;
pub const MAX_ANSWER_CHARS: usize = 2_000;
const MAX_OPTIONS: usize = 50;

impl Default for RequestForm {
    /// Name, email and message: what a new bot's form asks.
    fn default() -> Self {
        let field = |key: &str, label: &str, kind, required| FieldSpec {
            key: key.into(),
            label: label.into(),
            kind,
            required,
            options: None,
        };
        RequestForm {
            fields: vec![
                field("name", "Name", FieldKind::Text, false),
                field("email", "Email", FieldKind::Email, false),
                field("message", "How can we help?", FieldKind::Textarea, true),
            ],
        }
    }
}

impl RequestForm {
    /// Checks the definition itself; the error names the field at fault.
    pub fn check(&self) -> Result<(), String> {
        if self.fields.is_empty() || self.fields.len() > MAX_FORM_FIELDS {
            return Err(format!("a form has 1 to {MAX_FORM_FIELDS} fields, not {}", self.fields.len()));
        }
        for (i, field) in self.fields.iter().enumerate() {
            let at = || format!("field {} (`{}`)", i + 1, field.key);
            if !grammar::field_key(&field.key) {
                return Err(format!(
                    "{} has a bad key: use lower-case letters, digits and `_`, starting with a letter",
                    at()
                ));
            }
            if self.fields[..i].iter().any(|f| f.key == field.key) {
                return Err(format!("{} repeats a key; each field needs its own", at()));
            }
            grammar::name(&field.label).map_err(|why| format!("{}: the label {why}", at()))?;
            match (field.kind, &field.options) {
                (FieldKind::Select, None) => return Err(format!("{} is a select and needs `options`", at())),
                (FieldKind::Select, Some(options)) => {
                    if options.is_empty() || options.len() > MAX_OPTIONS {
                        return Err(format!("{} needs 1 to {MAX_OPTIONS} options", at()));
                    }
                    for option in options {
                        grammar::name(option).map_err(|why| format!("{}: option `{option}` {why}", at()))?;
                    }
                }
                (kind, Some(_)) => {
                    return Err(format!("{} is a {} field; only select fields take `options`", at(), kind.as_str()));
                }
                (_, None) => {}
            }
        }
        Ok(())
    }

    /// Checks a visitor's answer to `field`, trimmed; `Err` says what is wrong with it.
    pub fn check_answer(field: &FieldSpec, answer: &str) -> Result<String, String> {
        let answer = answer.trim_matches(grammar::is_blank);
        if answer.chars().count() > MAX_ANSWER_CHARS {
            return Err(format!("is longer than {MAX_ANSWER_CHARS} characters"));
        }
        if answer.contains('\0') {
            return Err("contains a NUL character".into());
        }
        let one_line = || !answer.chars().any(|c| c.is_control());
        let fine = match field.kind {
            FieldKind::Textarea => true,
            FieldKind::Text => one_line(),
            FieldKind::Email => grammar::email(answer).is_some(),
            FieldKind::Phone => {
                answer.chars().filter(|c| c.is_ascii_digit()).count() >= 5
                    && answer.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
            }
            FieldKind::Number => answer.parse::<f64>().is_ok_and(f64::is_finite),
            FieldKind::Select => field.options.iter().flatten().any(|o| o == answer),
        };
        if !fine {
            return Err(match field.kind {
                FieldKind::Select => {
                    format!("must be one of: {}", field.options.clone().unwrap_or_default().join(", "))
                }
                kind => format!("is not {}", kind.a_valid()),
            });
        }
        Ok(answer.to_string())
    }
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Number => "number",
            FieldKind::Textarea => "textarea",
            FieldKind::Select => "select",
        }
    }

    fn a_valid(self) -> &'static str {
        match self {
            FieldKind::Email => "an email address",
            FieldKind::Phone => "a phone number",
            FieldKind::Number => "a number",
            _ => "one line of text",
        }
    }
}

/// Body of `POST /v1/bots`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"name": "Acme Help", "channels": ["web", "messenger"]}))]
pub struct NewBotBody {
    #[schema(schema_with = grammar::name_schema)]
    pub name: String,
    #[schema(min_items = 1)]
    pub channels: Vec<Channel>,
    #[serde(default, deserialize_with = "object", skip_serializing_if = "Option::is_none")]
    pub texts: Option<BotTextsPatch>,
    #[serde(default, deserialize_with = "object", skip_serializing_if = "Option::is_none")]
    pub form: Option<RequestForm>,
}

/// An optional nested object, refusing what serde would otherwise take for one: an array
/// of its fields in order.
fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::de::Error;
    match Option::<serde_json::Map<String, serde_json::Value>>::deserialize(deserializer)? {
        None => Ok(None),
        Some(map) => serde_json::from_value(serde_json::Value::Object(map)).map(Some).map_err(D::Error::custom),
    }
}

/// A list of objects, refusing arrays in their place.
fn objects<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::de::Error;
    Vec::<serde_json::Map<String, serde_json::Value>>::deserialize(deserializer)?
        .into_iter()
        .map(|map| serde_json::from_value(serde_json::Value::Object(map)).map_err(D::Error::custom))
        .collect()
}

/// Body of `PATCH /v1/bots/{bot}`: absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"texts": {"offline_reply": "We are away until 9:00 CET."}}))]
pub struct BotPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_name_schema)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_items = 1, nullable)]
    pub channels: Option<Vec<Channel>>,
    #[serde(default, deserialize_with = "object", skip_serializing_if = "Option::is_none")]
    pub texts: Option<BotTextsPatch>,
    #[serde(default, deserialize_with = "object", skip_serializing_if = "Option::is_none")]
    pub form: Option<RequestForm>,
    /// Replaces the sites that may frame the chat page; `[]` lets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 20, nullable)]
    pub embed_origins: Option<Vec<String>>,
}

/// A bot integration key, as lists show it: never the key itself.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotKey {
    pub id: i64,
    pub bot_id: i64,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// Body of `POST /v1/bots/{bot}/keys`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"name": "discord gateway"}))]
pub struct NewKeyBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_name_schema)]
    pub name: Option<String>,
}

/// Answer of `POST /v1/bots/{bot}/keys`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreatedKey {
    /// The key itself: shown this once and stored only as a digest.
    pub key: String,
    #[serde(flatten)]
    pub info: BotKey,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind, options: Option<&[&str]>) -> FieldSpec {
        FieldSpec {
            key: "f".into(),
            label: "F".into(),
            kind,
            required: true,
            options: options.map(|o| o.iter().map(|s| s.to_string()).collect()),
        }
    }

    #[test]
    fn a_new_bots_form_asks_name_email_and_message() {
        let form = RequestForm::default();
        assert!(form.check().is_ok());
        let keys: Vec<&str> = form.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["name", "email", "message"]);
    }

    #[test]
    fn form_definitions_are_checked_field_by_field() {
        let mut form = RequestForm { fields: vec![field(FieldKind::Select, None)] };
        assert!(form.check().unwrap_err().contains("needs `options`"));
        form.fields[0].options = Some(vec!["billing".into()]);
        assert!(form.check().is_ok());
        form.fields.push(form.fields[0].clone());
        assert!(form.check().unwrap_err().contains("repeats a key"));
        form.fields[1] = FieldSpec { key: "Bad Key".into(), ..field(FieldKind::Text, None) };
        assert!(form.check().unwrap_err().contains("bad key"));
        form.fields[1] = FieldSpec { key: "other".into(), ..field(FieldKind::Text, Some(&["x"])) };
        assert!(form.check().unwrap_err().contains("only select fields"));
        assert!(RequestForm { fields: vec![] }.check().is_err());
    }

    #[test]
    fn answers_are_checked_by_kind() {
        let ok =
            |kind, options: Option<&[&str]>, answer: &str| RequestForm::check_answer(&field(kind, options), answer);
        assert_eq!(ok(FieldKind::Text, None, "  A-1001 "), Ok("A-1001".into()));
        assert!(ok(FieldKind::Text, None, "two\nlines").is_err());
        assert!(ok(FieldKind::Textarea, None, "two\nlines").is_ok());
        assert!(ok(FieldKind::Email, None, "maya@example.com").is_ok());
        assert!(ok(FieldKind::Email, None, "maya").unwrap_err().contains("email address"));
        assert!(ok(FieldKind::Phone, None, "+44 (20) 7946-0958").is_ok());
        assert!(ok(FieldKind::Phone, None, "call me").is_err());
        assert!(ok(FieldKind::Number, None, "12.5").is_ok());
        assert!(ok(FieldKind::Number, None, "NaN").is_err());
        assert!(ok(FieldKind::Select, Some(&["billing", "shipping"]), "shipping").is_ok());
        assert!(ok(FieldKind::Select, Some(&["billing"]), "other").unwrap_err().contains("one of: billing"));
    }
}

/// `POST /v1/dashboard/codes`: a code that signs its member in to the dashboard, once,
/// within a minute.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignInCode {
    pub code: String,
    pub expires_at: Timestamp,
    /// The dashboard's path with the code in its fragment, to open on this server.
    pub path: String,
}
