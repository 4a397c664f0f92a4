//! `GET /v1/search`: every conversation of the organization, closed ones included, searched
//! by words, best first, each request with a snippet of what matched.

use axum::Json;
use axum::extract::State as AxumState;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiQuery;
use super::requests::{ListParams, filter_from};
use crate::api::{ErrorBody, Page, SearchResult, SnippetPart, grammar};
use crate::domain::Channel;

/// Results per page when the caller names no limit, and at most.
const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 100;
/// How deep paging goes: past this many requests, a narrower search serves better.
const DEEPEST: usize = 1_000;
/// Characters of context before a snippet's first match, and a snippet's length.
const BEFORE: usize = 40;
const WIDTH: usize = 160;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    /// The words to find, all of them, in a transcript, a note (form answers included), or
    /// the visitor's name or email. Case and punctuation do not matter.
    #[param(min_length = 1, max_length = 1000, pattern = r"[^\W_]")]
    q: String,
    /// [default: all]
    #[param(schema_with = grammar::states_schema)]
    state: Option<String>,
    #[param(schema_with = grammar::assignee_schema)]
    assignee: Option<String>,
    /// A bot id or name.
    #[param(min_length = 1)]
    bot: Option<String>,
    #[param(value_type = Option<Channel>)]
    channel: Option<String>,
    /// Only requests created longer ago than this.
    #[param(schema_with = grammar::duration_schema)]
    older_than: Option<String>,
    /// Only requests created more recently than this.
    #[param(schema_with = grammar::duration_schema)]
    newer_than: Option<String>,
    /// Only requests with this label.
    #[param(schema_with = grammar::label_schema)]
    label: Option<String>,
    /// Results per page [default: 20].
    #[param(minimum = 1, maximum = 100)]
    limit: Option<usize>,
    /// A `next_cursor` from an earlier page.
    #[param(pattern = "^[0-9]{1,4}$")]
    cursor: Option<String>,
}

/// Searches the organization's requests, closed ones included unless `state` says
/// otherwise. Every member may search what they may list.
#[utoipa::path(get, path = "/v1/search", tag = "requests", params(SearchParams), security(("bearer" = [])), responses((status = 200, description = "The requests that hold every word, best first", body = Page<SearchResult>), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 404, description = "No such bot or member", body = ErrorBody)))]
async fn search(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<Page<SearchResult>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::invalid(format!("limit must be between 1 and {MAX_PAGE}; follow next_cursor for more")));
    }
    let offset = match params.cursor.as_deref() {
        None => 0,
        // Past the deepest page there is nothing more to give: an empty page, not an error.
        Some(text) => grammar::natural(text)
            .and_then(|n| usize::try_from(n).ok())
            .map(|n| n.min(DEEPEST))
            .ok_or_else(|| ApiError::invalid("the cursor is not one this server gave out; start again without it"))?,
    };
    let list = ListParams {
        state: Some(params.state.unwrap_or_else(|| "all".into())),
        assignee: params.assignee,
        bot: params.bot,
        channel: params.channel,
        older_than: params.older_than,
        newer_than: params.newer_than,
        search: Some(params.q),
        label: params.label,
        ..ListParams::default()
    };
    let filter = filter_from(&state, &caller, &list).await?;
    let words = filter.search.as_ref().map(|t| t.words().to_vec()).unwrap_or_default();
    let hits = state.store.search(caller.org_id(), &filter, offset + limit + 1).await?;
    let more = hits.len() > offset + limit && offset + limit < DEEPEST;
    let items = hits
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|hit| SearchResult { snippet: snippet(&hit.text, &words), request: hit.request, found_in: hit.found_in })
        .collect();
    Ok(Json(Page { items, next_cursor: more.then(|| (offset + limit).to_string()) }))
}

/// A piece of `text` around the first of `words` it holds, on one line, with every word of
/// them a piece of its own. Words are compared as the indexes compare them: runs of letters
/// and digits, lowercased.
pub fn snippet(text: &str, words: &[String]) -> Vec<SnippetPart> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let runs = word_runs(&flat);
    let matched: Vec<(usize, usize)> =
        runs.into_iter().filter(|&(start, end)| words.contains(&flat[start..end].to_lowercase())).collect();
    let chars: Vec<usize> = flat.char_indices().map(|(at, _)| at).chain([flat.len()]).collect();
    let total = chars.len() - 1;
    let first = matched.first().map_or(0, |&(start, _)| chars.partition_point(|&at| at < start));
    let mut from = first.saturating_sub(BEFORE);
    let mut to = (from + WIDTH).min(total);
    // Whole words at both ends, where a space is near.
    if from > 0
        && let Some(space) = flat[chars[from]..chars[first]].find(' ')
    {
        from = chars.partition_point(|&at| at <= chars[from] + space);
    }
    if to < total
        && let Some(space) = flat[chars[from]..chars[to]].rfind(' ').filter(|&s| chars[from] + s > chars[first])
    {
        to = chars.partition_point(|&at| at < chars[from] + space);
    }
    let (start, end) = (chars[from], chars[to]);
    let mut parts = Vec::new();
    let mut plain = String::new();
    if from > 0 {
        plain.push('…');
    }
    let mut at = start;
    for &(word_start, word_end) in matched.iter().filter(|&&(s, e)| s >= start && e <= end) {
        plain.push_str(&flat[at..word_start]);
        if !plain.is_empty() {
            parts.push(SnippetPart { text: std::mem::take(&mut plain), matched: false });
        }
        parts.push(SnippetPart { text: flat[word_start..word_end].to_string(), matched: true });
        at = word_end;
    }
    plain.push_str(&flat[at..end]);
    if to < total {
        plain.push('…');
    }
    if !plain.is_empty() {
        parts.push(SnippetPart { text: plain, matched: false });
    }
    parts
}

/// The byte ranges of `text`'s runs of letters and digits.
fn word_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                runs.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, text.len()));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[SnippetPart]) -> String {
        parts.iter().map(|p| if p.matched { format!("[{}]", p.text) } else { p.text.clone() }).collect()
    }

    fn words(text: &str) -> Vec<String> {
        crate::store::SearchTerms::parse(text).unwrap().words().to_vec()
    }

    #[test]
    fn a_snippet_marks_every_word_and_keeps_to_one_line() {
        let text = "Hello!\nMy order A-1001 has not arrived.\n\nOrder a-1001, I said.";
        assert_eq!(
            shown(&snippet(text, &words("order A-1001"))),
            "Hello! My [order] [A]-[1001] has not arrived. [Order] [a]-[1001], I said."
        );
        assert_eq!(shown(&snippet("Ünïcode ÉCOLE école", &words("école"))), "Ünïcode [ÉCOLE] [école]");
        assert_eq!(shown(&snippet("nothing here", &words("absent"))), "nothing here");
    }

    #[test]
    fn a_long_text_is_cut_around_its_first_match_at_word_ends() {
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let text = format!("{filler}the refund for order 77 went through {filler}");
        let cut = shown(&snippet(&text, &words("refund")));
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("the [refund] for order 77"), "{cut}");
        assert!(cut.chars().count() <= WIDTH + 4, "{cut}");
        let inner = cut.trim_matches('…');
        assert!(!inner.starts_with(' ') && inner.split(' ').all(|w| !w.is_empty()), "whole words: {cut}");
    }
}
