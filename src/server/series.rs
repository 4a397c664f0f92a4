//! `GET /v1/stats/series` and `GET /v1/stats/members`: analytics over time, computed from the
//! timeline of the window asked for. Buckets are UTC.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiQuery;
use super::stats::spread;
use crate::api::{BucketSize, ErrorBody, MemberCount, MemberLoad, MemberStats, Series, SeriesBucket};
use crate::domain::{Channel, Role};
use crate::store::{Milestone, SeriesScope, TimelinePoint, WindowTimeline};

/// More buckets than this is a chart no one can read and a response no one wants.
pub const MAX_BUCKETS: i64 = 1_000;
/// How far back a window may start. The timeline's indexes on time are shared by every
/// organization, and the backlog walks back from today: this bounds what one call reads.
pub const MAX_DAYS_BACK: i64 = 400;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(series)).routes(routes!(members))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
enum Format {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct SeriesParams {
    /// Where the window starts: a time, a date (midnight UTC) or an age like `30d`, rounded
    /// down to a bucket edge, at most 400 days back [default: 24 hours, 30 days or 12 weeks
    /// back, by bucket].
    #[param(schema_with = crate::api::grammar::time_bound_schema)]
    since: Option<String>,
    /// Where the window ends, like `since`; a later time reads as now [default: now].
    #[param(schema_with = crate::api::grammar::time_bound_schema)]
    until: Option<String>,
    /// Bucket size, aligned in UTC [default: day].
    bucket: Option<BucketSize>,
    /// A bot id or name.
    #[param(min_length = 1)]
    bot: Option<String>,
    /// Only requests from this channel.
    channel: Option<Channel>,
    /// `csv` for a spreadsheet: one row per bucket, durations in seconds [default: json].
    #[param(inline)]
    format: Option<Format>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct MembersParams {
    /// Where the window starts: a time, a date or an age, at most 400 days back [default: 7d].
    #[param(schema_with = crate::api::grammar::time_bound_schema)]
    since: Option<String>,
    /// Where the window ends [default: now].
    #[param(schema_with = crate::api::grammar::time_bound_schema)]
    until: Option<String>,
    /// A bot id or name.
    #[param(min_length = 1)]
    bot: Option<String>,
    /// Only requests from this channel.
    channel: Option<Channel>,
}

/// The window a call asks for: `until` (default now, and never later), and `since` (default
/// `back` before `until`), within the last `MAX_DAYS_BACK` days and before `until`.
fn window(since: Option<&str>, until: Option<&str>, back: SignedDuration) -> Result<(Timestamp, Timestamp), ApiError> {
    // Whole seconds, as the page's tag counts them.
    let now = super::pages::this_second();
    let moment = |name: &str, text: &str| {
        crate::api::parse_moment(text, now).map_err(|e| ApiError::invalid(format!("`{name}` {e}")))
    };
    let until = match until {
        Some(text) => moment("until", text)?.min(now),
        None => now,
    };
    let earliest = now - SignedDuration::from_hours(24 * MAX_DAYS_BACK);
    let since = match since {
        Some(text) => moment("since", text)?,
        None => until.checked_sub(back).unwrap_or(earliest).max(earliest),
    };
    if since < earliest {
        return Err(ApiError::invalid(format!(
            "`since` ({since}) reaches back more than the {MAX_DAYS_BACK} days analytics cover; \
             ask for a window that starts after {earliest}"
        )));
    }
    if since >= until {
        return Err(ApiError::invalid(format!("`since` ({since}) must come before `until` ({until})")));
    }
    Ok((since, until))
}

/// The requests a caller may count: bot admins see their own bots only.
pub(super) async fn scope_for(
    state: &AppState,
    caller: &Caller,
    bot: Option<String>,
    channel: Option<Channel>,
) -> Result<SeriesScope, ApiError> {
    let list = super::requests::ListParams::filters(None, None, bot, None);
    let asked = super::requests::filter_from(state, caller, &list).await?.bot_id;
    let me = &caller.0.member;
    let bot_ids = match (me.role, asked) {
        (Role::BotAdmin, Some(bot)) if !me.bot_ids.contains(&bot) => {
            return Err(ApiError::forbidden(format!(
                "bot admins see analytics of their own bots only, and bot {bot} is not one of yours"
            )));
        }
        (_, Some(bot)) => Some(vec![bot]),
        (Role::BotAdmin, None) => Some(me.bot_ids.clone()),
        (_, None) => None,
    };
    Ok(SeriesScope { bot_ids, channel })
}

#[utoipa::path(get, path = "/v1/stats/series", tag = "requests", params(SeriesParams), security(("bearer" = [])), responses((status = 200, description = "The series; with `format=csv`, CSV with a header row and one row per bucket", content((Series = "application/json"), (String = "text/csv"))), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody)))]
async fn series(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<SeriesParams>,
) -> Result<Response, ApiError> {
    let bucket = params.bucket.unwrap_or(BucketSize::Day);
    let back = match bucket {
        BucketSize::Hour => SignedDuration::from_hours(24),
        BucketSize::Day => SignedDuration::from_hours(30 * 24),
        BucketSize::Week => SignedDuration::from_hours(12 * 7 * 24),
    };
    let (since, until) = window(params.since.as_deref(), params.until.as_deref(), back)?;
    let since = bucket.floor(since);
    let size = bucket.seconds() * 1000;
    let count = (until.as_millisecond() - since.as_millisecond() + size - 1) / size;
    if count > MAX_BUCKETS {
        return Err(ApiError::invalid(format!(
            "that window holds {count} {}s, more than the {MAX_BUCKETS} a series may have; \
             ask for a shorter window or a larger bucket",
            bucket.as_str()
        )));
    }
    let scope = scope_for(&state, &caller, params.bot, params.channel).await?;
    let timeline = state.store.window_timeline(caller.org_id(), scope, since, until).await?;
    let series = Series { since, until, bucket, buckets: buckets(&timeline, since, until, bucket) };
    Ok(match params.format.unwrap_or_default() {
        Format::Json => Json(series).into_response(),
        Format::Csv => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv(&series)).into_response(),
    })
}

fn seconds(point: &TimelinePoint) -> i64 {
    point.at.duration_since(point.created_at).as_secs().max(0)
}

/// Splits a window's timeline into buckets. The backlog walks back from the count at the
/// window's end, undoing each bucket's changes.
pub fn buckets(timeline: &WindowTimeline, since: Timestamp, until: Timestamp, size: BucketSize) -> Vec<SeriesBucket> {
    let mut out = Vec::new();
    let mut start = since;
    while start < until {
        let end = (start + SignedDuration::from_secs(size.seconds())).min(until);
        out.push(SeriesBucket { start, end, ..SeriesBucket::default() });
        start = end;
    }
    let mut times: Vec<[Vec<i64>; 3]> = vec![Default::default(); out.len()];
    let mut resolvers: Vec<BTreeMap<i64, u64>> = vec![BTreeMap::new(); out.len()];
    let mut deltas = vec![0i64; out.len()];
    for point in &timeline.points {
        let index = (point.at.as_second() - since.as_second()).div_euclid(size.seconds());
        let Some(i) = usize::try_from(index).ok().filter(|&i| i < out.len()) else { continue };
        let bucket = &mut out[i];
        deltas[i] += point.milestone.open_delta();
        match point.milestone {
            Milestone::Created => bucket.created += 1,
            Milestone::FirstAssigned => {
                bucket.assigned += 1;
                times[i][0].push(seconds(point));
            }
            Milestone::FirstAgentMessage => times[i][1].push(seconds(point)),
            Milestone::Resolved => {
                bucket.resolved += 1;
                times[i][2].push(seconds(point));
                if let Some(member) = point.member {
                    *resolvers[i].entry(member).or_default() += 1;
                }
            }
            Milestone::Closed => bucket.closed += 1,
            Milestone::Reopened => {}
        }
    }
    let mut open = timeline.open_at_end;
    for (i, bucket) in out.iter_mut().enumerate().rev() {
        bucket.backlog = u64::try_from(open).unwrap_or(0);
        open -= deltas[i];
        let [assign, message, resolve] = std::mem::take(&mut times[i]);
        bucket.time_to_assign = spread(assign.into_iter().map(Some));
        bucket.time_to_first_agent_message = spread(message.into_iter().map(Some));
        bucket.time_to_resolve = spread(resolve.into_iter().map(Some));
        bucket.resolved_by = std::mem::take(&mut resolvers[i])
            .into_iter()
            .map(|(member_id, count)| MemberCount { member_id, count })
            .collect();
    }
    out
}

fn csv(series: &Series) -> String {
    // Every field is a number or an RFC 3339 time: nothing to quote.
    let mut out = SeriesBucket::CSV_HEADER.join(",");
    out.push_str("\r\n");
    for bucket in &series.buckets {
        out.push_str(&bucket.fields().join(","));
        out.push_str("\r\n");
    }
    out
}

#[utoipa::path(get, path = "/v1/stats/members", tag = "requests", params(MembersParams), security(("bearer" = [])), responses((status = 200, body = MemberStats), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody)))]
async fn members(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<MembersParams>,
) -> Result<Json<MemberStats>, ApiError> {
    let (since, until) = window(params.since.as_deref(), params.until.as_deref(), SignedDuration::from_hours(7 * 24))?;
    let scope = scope_for(&state, &caller, params.bot, params.channel).await?;
    let timeline = state.store.window_timeline(caller.org_id(), scope, since, until).await?;
    let team = state.store.members(caller.org_id()).await?;
    Ok(Json(MemberStats { since, until, members: member_loads(&timeline, team) }))
}

/// Each member's figures, for members who did something in the window or hold requests.
pub fn member_loads(timeline: &WindowTimeline, team: Vec<crate::api::Member>) -> Vec<MemberLoad> {
    let mut by_member: BTreeMap<i64, (u64, [Vec<i64>; 2], u64)> = BTreeMap::new();
    for point in &timeline.points {
        let Some(member) = point.member else { continue };
        match point.milestone {
            Milestone::FirstAssigned => by_member.entry(member).or_default().0 += 1,
            Milestone::FirstAgentMessage => by_member.entry(member).or_default().1[0].push(seconds(point)),
            Milestone::Resolved => by_member.entry(member).or_default().1[1].push(seconds(point)),
            _ => {}
        }
    }
    for &(member, holding) in &timeline.holding {
        by_member.entry(member).or_default().2 = holding;
    }
    team.into_iter()
        .filter_map(|member| {
            let (assigned, [messages, resolutions], holding) = by_member.remove(&member.id)?;
            Some(MemberLoad {
                member,
                holding,
                assigned,
                resolved: resolutions.len() as u64,
                time_to_first_agent_message: spread(messages.into_iter().map(Some)),
                time_to_resolve: spread(resolutions.into_iter().map(Some)),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn buckets_start_on_utc_edges_and_weeks_on_mondays() {
        let t = at("2026-03-04T10:17:42.5Z"); // a Wednesday
        assert_eq!(BucketSize::Hour.floor(t), at("2026-03-04T10:00:00Z"));
        assert_eq!(BucketSize::Day.floor(t), at("2026-03-04T00:00:00Z"));
        assert_eq!(BucketSize::Week.floor(t), at("2026-03-02T00:00:00Z"));
        assert_eq!(BucketSize::Week.floor(at("2026-03-01T23:59:59Z")), at("2026-02-23T00:00:00Z"), "a Sunday");
        assert_eq!(BucketSize::Week.floor(at("2026-03-02T00:00:00Z")), at("2026-03-02T00:00:00Z"), "an edge");
        assert_eq!(BucketSize::Day.floor(at("1969-12-31T12:00:00Z")), at("1969-12-31T00:00:00Z"), "before 1970");
        // A time given in another zone is the same instant, bucketed in UTC.
        assert_eq!(BucketSize::Day.floor(at("2026-03-04T01:00:00+05:00")), at("2026-03-03T00:00:00Z"));
    }

    #[test]
    fn the_last_bucket_ends_at_until_and_points_outside_are_ignored() {
        let point =
            |when: &str, milestone| TimelinePoint { at: at(when), milestone, created_at: at(when), member: None };
        let timeline = WindowTimeline {
            points: vec![
                point("2026-03-02T09:00:00Z", Milestone::Created),
                point("2026-03-02T10:30:00Z", Milestone::Created),
                point("2026-03-02T11:00:00Z", Milestone::Created),
            ],
            open_at_end: 5,
            holding: vec![],
        };
        let hours = buckets(&timeline, at("2026-03-02T10:00:00Z"), at("2026-03-02T11:00:00Z"), BucketSize::Hour);
        assert_eq!(hours.len(), 1);
        assert_eq!((hours[0].created, hours[0].backlog), (1, 5));
        let partial = buckets(&timeline, at("2026-03-02T10:00:00Z"), at("2026-03-02T11:30:00Z"), BucketSize::Hour);
        assert_eq!(partial[1].end, at("2026-03-02T11:30:00Z"));
        assert_eq!([partial[0].backlog, partial[1].backlog], [4, 5], "the backlog walks back over a creation");
    }
}
