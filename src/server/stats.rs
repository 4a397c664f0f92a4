//! `GET /v1/stats`: live chat analytics, computed by the server from the requests created in
//! a window: counts, and the median and 90th percentile of the times to assign, to the first
//! agent message and to resolve; overall, per agent and per channel.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State as AxumState;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiQuery;
use crate::api::{ChannelFigures, ErrorBody, Figures, Spread, Stats};
use crate::domain::State;
use crate::store::StatsRow;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stats))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct StatsParams {
    /// How far back [default: 7d].
    #[param(schema_with = crate::api::grammar::duration_schema)]
    since: Option<String>,
    /// A bot id or name.
    #[param(min_length = 1)]
    bot: Option<String>,
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((sorted.len() as f64) * q).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

pub(super) fn spread(values: impl Iterator<Item = Option<i64>>) -> Spread {
    let mut values: Vec<i64> = values.flatten().collect();
    values.sort_unstable();
    Spread {
        count: values.len() as u64,
        median_seconds: percentile(&values, 0.5),
        p90_seconds: percentile(&values, 0.9),
    }
}

pub fn figures(rows: &[&StatsRow]) -> Figures {
    Figures {
        created: rows.len() as u64,
        resolved: rows.iter().filter(|r| r.to_resolve.is_some()).count() as u64,
        closed: rows.iter().filter(|r| r.state == State::Closed).count() as u64,
        time_to_assign: spread(rows.iter().map(|r| r.to_assign)),
        time_to_first_agent_message: spread(rows.iter().map(|r| r.to_first_agent_message)),
        time_to_resolve: spread(rows.iter().map(|r| r.to_resolve)),
    }
}

#[utoipa::path(get, path = "/v1/stats", tag = "requests", params(StatsParams), security(("bearer" = [])), responses((status = 200, body = Stats), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody)))]
async fn stats(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<StatsParams>,
) -> Result<Json<Stats>, ApiError> {
    let window = super::extract::duration_param(params.since.as_deref().unwrap_or("7d"))?;
    // Whole seconds, as the page's tag counts them.
    let until = super::pages::this_second();
    let since = until.checked_sub(window).map_err(|_| ApiError::invalid("`since` reaches too far back"))?;
    // One scope for the requests and the members: a bot admin sees their own bots.
    let scope = super::series::scope_for(&state, &caller, params.bot, None).await?;
    let rows = state.store.stats_rows(caller.org_id(), since, scope.bot_ids.clone()).await?;
    let all: Vec<&StatsRow> = rows.iter().collect();
    let mut by_channel: BTreeMap<_, Vec<&StatsRow>> = BTreeMap::new();
    for row in &rows {
        by_channel.entry(row.channel).or_default().push(row);
    }
    let channels =
        by_channel.into_iter().map(|(channel, rows)| ChannelFigures { channel, figures: figures(&rows) }).collect();
    // Members are counted as `stats members` counts them, from the window's timeline: a
    // request created before the window and resolved in it is a resolution in it.
    let timeline = state.store.window_timeline(caller.org_id(), scope, since, until).await?;
    let members = super::series::member_loads(&timeline, state.store.members(caller.org_id()).await?);
    Ok(Json(Stats { since, until, overall: figures(&all), channels, members }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Channel;

    fn row(to_assign: Option<i64>, to_resolve: Option<i64>, state: State) -> StatsRow {
        StatsRow {
            channel: Channel::Web,
            assignee: Some(1),
            state,
            to_assign,
            to_first_agent_message: None,
            to_resolve,
        }
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&values, 0.5), Some(5));
        assert_eq!(percentile(&values, 0.9), Some(9));
        assert_eq!(percentile(&[7], 0.9), Some(7));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn figures_count_what_each_request_reached() {
        let rows = [
            row(Some(60), Some(600), State::Closed),
            row(Some(120), Some(900), State::Resolved),
            row(Some(30), None, State::Assigned),
            row(None, None, State::New),
        ];
        let refs: Vec<&StatsRow> = rows.iter().collect();
        let f = figures(&refs);
        assert_eq!((f.created, f.resolved, f.closed), (4, 2, 1));
        assert_eq!(f.time_to_assign, Spread { count: 3, median_seconds: Some(60), p90_seconds: Some(120) });
        assert_eq!(f.time_to_resolve.median_seconds, Some(600));
        assert_eq!(f.time_to_first_agent_message, Spread { count: 0, median_seconds: None, p90_seconds: None });
    }
}
