//! The error codes of the API: the server answers with them and the client branches on them,
//! so both read this one list. Each code has one HTTP status.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // 400
    InvalidInput,
    MalformedJson,
    TextTooLong,
    // 401 and 403
    Unauthorized,
    Forbidden,
    // 404 and 405
    NotFound,
    MethodNotAllowed,
    // 409: the request's state or the organization's refuses the change.
    InvalidTransition,
    AlreadyAssigned,
    VersionConflict,
    Busy,
    Duplicate,
    AlreadyOpen,
    NotDeployed,
    MemberRemoved,
    HoldsOpenRequests,
    LastOrgAdmin,
    RemovingYourself,
    CurrentToken,
    NotPending,
    InvitationSpent,
    AlreadyMember,
    TooManyBots,
    TooManyKeys,
    TooManyWebhooks,
    WebhookDisabled,
    /// An export's receipt names requests the archive does not hold as it says.
    ExportMismatch,
    // 413 and 415
    BodyTooLarge,
    UnsupportedMediaType,
    // 429
    RateLimited,
    TooManyOpenRequests,
    TooManyStreams,
    // 5xx
    Internal,
    Unavailable,
    Timeout,
    /// Never sent: what a client reads for a code it does not know, from a newer server or
    /// from something that is not a livechat server.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            InvalidInput | MalformedJson | TextTooLong => 400,
            Unauthorized => 401,
            Forbidden => 403,
            NotFound => 404,
            MethodNotAllowed => 405,
            InvalidTransition | AlreadyAssigned | VersionConflict | Busy | Duplicate | AlreadyOpen | NotDeployed
            | MemberRemoved | HoldsOpenRequests | LastOrgAdmin | RemovingYourself | CurrentToken | NotPending
            | InvitationSpent | AlreadyMember | TooManyBots | TooManyKeys | TooManyWebhooks | WebhookDisabled
            | ExportMismatch => 409,
            BodyTooLarge => 413,
            UnsupportedMediaType => 415,
            RateLimited | TooManyOpenRequests | TooManyStreams => 429,
            Internal | Unknown => 500,
            Unavailable | Timeout => 503,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The wire spelling, from the one place that states it.
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(code)) => f.write_str(&code),
            _ => Err(std::fmt::Error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_read_back_as_written_and_unknown_codes_read_as_unknown() {
        assert_eq!(ErrorCode::HoldsOpenRequests.to_string(), "holds_open_requests");
        for code in
            [ErrorCode::InvalidInput, ErrorCode::HoldsOpenRequests, ErrorCode::TooManyStreams, ErrorCode::Timeout]
        {
            assert_eq!(serde_json::from_value::<ErrorCode>(code.to_string().into()).unwrap(), code);
        }
        assert_eq!(serde_json::from_value::<ErrorCode>("from_the_future".into()).unwrap(), ErrorCode::Unknown);
    }
}
