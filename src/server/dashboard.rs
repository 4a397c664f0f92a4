//! The analytics dashboard: one page, its script and a vendored charting library, all in the
//! binary. A member signs in with a single-use code made through the API (`livechat
//! dashboard`); the page trades it for a session cookie, so no long-lived token ever appears
//! in a URL or in the page's storage.

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{Caller, SESSION_COOKIE, SESSION_PREFIX, hash_token, new_token};
use super::error::ApiError;
use super::extract::ApiJson;
use super::limits::ClientAddr;
use crate::api::{ErrorBody, SignInCode};
use crate::store::NewToken;

/// How long a sign-in code may wait to be used.
pub const CODE_LIFETIME: SignedDuration = SignedDuration::from_secs(60);
/// How long a dashboard session lasts: a working day on a screen, then sign in again.
pub const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(8);

const PAGE: &str = include_str!("web/dashboard.html");
const SCRIPT: &str = include_str!("web/dashboard.js");
const UPLOT_JS: &[u8] = include_bytes!("web/vendor/uplot/uPlot.iife.min.js");
const UPLOT_CSS: &[u8] = include_bytes!("web/vendor/uplot/uPlot.min.css");

/// Scripts and styles from this server only; the page talks to no one else.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(new_code))
        .routes(routes!(sign_in))
        .routes(routes!(page))
        .routes(routes!(script))
        .routes(routes!(uplot_js))
        .routes(routes!(uplot_css))
}

#[utoipa::path(post, path = "/v1/dashboard/codes", tag = "members", security(("bearer" = [])), responses((status = 201, body = SignInCode), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn new_code(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
) -> Result<(StatusCode, Json<SignInCode>), ApiError> {
    let (code, hash) = new_token("lcd_");
    let expires_at = Timestamp::now() + CODE_LIFETIME;
    state.store.add_sign_in_code(caller.member(), hash, expires_at).await?;
    // In the fragment, the code never reaches a server's logs or another page's Referer.
    let path = format!("/dashboard#code={code}");
    Ok((StatusCode::CREATED, Json(SignInCode { code, expires_at, path })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInBody {
    #[schema(min_length = 1, max_length = 100)]
    code: String,
}

#[utoipa::path(post, path = "/v1/dashboard/session", tag = "members", request_body = SignInBody, responses((status = 204, description = "Signed in: the session cookie is set"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "The code is unknown, spent or expired", body = ErrorBody), (status = 429, description = "Too many attempts from this address", body = ErrorBody)))]
async fn sign_in(
    AxumState(state): AxumState<AppState>,
    from: ClientAddr,
    ApiJson(body): ApiJson<SignInBody>,
) -> Result<Response, ApiError> {
    let now = Timestamp::now();
    let (token, hash) = new_token(SESSION_PREFIX);
    let session = NewToken { hash, name: "dashboard session".into(), expires_at: Some(now + SESSION_LIFETIME) };
    let redeemed = state.store.redeem_sign_in_code(hash_token(body.code.trim()), session, now, from.audit()).await?;
    if redeemed.is_none() {
        return Err(ApiError::unauthorized(
            "this sign-in link was already used or has expired (links last a minute); run `livechat dashboard` for a new one",
        ));
    }
    // Secure whatever the request says of itself: browsers keep such a cookie over HTTPS, and
    // over plain HTTP only on the machine itself (localhost), where nothing is in between.
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; Secure; SameSite=Strict",
        SESSION_LIFETIME.as_secs()
    );
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_SECURITY_POLICY, POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    (headers, body).into_response()
}

#[utoipa::path(get, path = "/dashboard", tag = "members", responses((status = 200, description = "The analytics dashboard; it signs in with the code in its fragment", content_type = "text/html", body = String)))]
async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE.as_bytes())
}

#[utoipa::path(get, path = "/dashboard/app.js", tag = "members", responses((status = 200, description = "The dashboard's script", content_type = "text/javascript", body = String)))]
async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT.as_bytes())
}

#[utoipa::path(get, path = "/dashboard/uplot.js", tag = "members", responses((status = 200, description = "uPlot, the charting library, vendored from npm", content_type = "text/javascript", body = String)))]
async fn uplot_js() -> Response {
    asset("text/javascript; charset=utf-8", UPLOT_JS)
}

#[utoipa::path(get, path = "/dashboard/uplot.css", tag = "members", responses((status = 200, description = "uPlot's styles", content_type = "text/css", body = String)))]
async fn uplot_css() -> Response {
    asset("text/css; charset=utf-8", UPLOT_CSS)
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    /// The vendored library is exactly the committed, checksummed copy from npm.
    #[test]
    fn the_vendored_library_matches_its_checksums() {
        let sums = include_str!("web/vendor/uplot/SHA256SUMS");
        for (name, bytes) in [("uPlot.iife.min.js", super::UPLOT_JS), ("uPlot.min.css", super::UPLOT_CSS)] {
            let line = sums.lines().find(|l| l.ends_with(&format!("  {name}"))).expect("a checksum for each file");
            assert_eq!(&line[..64], hex::encode(Sha256::digest(bytes)), "{name} differs from its checksum");
        }
    }
}
