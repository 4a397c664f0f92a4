//! Extractors whose rejections use our error shape, so a malformed body, query or path gets
//! the same kind of answer as every other mistake.

use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::api::{ErrorCode, grammar};
use crate::domain::Word;

/// A JSON body, sent as `application/json` (or a `+json` type). An empty body stands for
/// `{}`, whatever its type, so actions without arguments need no body at all.
pub struct ApiJson<T>(pub T);

fn is_json(content_type: Option<&HeaderValue>) -> bool {
    let Some(essence) = content_type.and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()) else {
        return false;
    };
    let essence = essence.trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let json = is_json(req.headers().get(CONTENT_TYPE));
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    ErrorCode::BodyTooLarge,
                    "the request body is larger than this endpoint accepts; send less at a time",
                )
            } else {
                ApiError::invalid(format!("the request body could not be read: {rejection}"))
            }
        })?;
        let blank = bytes.iter().all(u8::is_ascii_whitespace);
        if !blank && !json {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "the request body must be JSON, sent with `Content-Type: application/json` (curl: --json)",
            ));
        }
        // Every body is an object; serde would take an array for a struct, field by field.
        if !blank && bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(ApiError::invalid("the request body must be a JSON object, like {\"key\": \"value\"}"));
        }
        let text: &[u8] = if blank { b"{}" } else { &bytes };
        serde_json::from_slice(text).map(ApiJson).map_err(|err| {
            if err.is_data() {
                ApiError::invalid(format!("the request body has a wrong or missing field: {err}"))
            } else {
                ApiError::new(ErrorCode::MalformedJson, format!("the request body is not valid JSON: {err}"))
            }
        })
    }
}

pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|e: QueryRejection| ApiError::invalid(format!("the query string is invalid: {}", e.body_text())))
    }
}

pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|e: PathRejection| ApiError::invalid(format!("the path is invalid: {}", e.body_text())))
    }
}

/// A duration parameter, in the API's exact form.
pub(super) fn duration_param(text: &str) -> Result<jiff::SignedDuration, ApiError> {
    crate::api::parse_duration(text).map_err(ApiError::invalid)
}

/// A name the caller gave, as the name grammar reads it; `what` says whose, for the error.
pub(super) fn name_param(what: &str, text: &str) -> Result<String, ApiError> {
    grammar::name(text).map(str::to_string).map_err(|why| ApiError::invalid(format!("{what} {why}")))
}

/// A list as the caller gave it, each item once, in the order first given.
pub(super) fn distinct<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// One word of a vocabulary, spelled exactly as the API documents it.
pub(super) fn exact_word<T: Word>(text: &str) -> Result<T, ApiError> {
    T::all().iter().copied().find(|w| w.word() == text).ok_or_else(|| {
        let words = T::all().iter().map(|w| w.word()).collect::<Vec<_>>().join(", ");
        ApiError::invalid(format!("`{text}` is not one of {words}"))
    })
}
