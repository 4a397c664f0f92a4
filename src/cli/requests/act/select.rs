//! Which requests a bulk command acts on: ids, ids or listed JSON on stdin, or filters.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal};

use clap::Args;
use serde::Serialize;

use super::super::list::RequestFilterArgs;
use super::super::show::parse_request_id;
use crate::api::{MAX_PAGE, Request};
use crate::cli::error::{CliError, Exit};
use crate::cli::output::{JsonArgs, Ui};
use crate::client::Client;

/// Which requests a bulk command changes, and how carefully.
#[derive(Debug, Args)]
pub struct Selection {
    /// Request ids (42 or #42), or `-` to read ids from stdin, one per line; leave out to
    /// select by the filters instead
    #[arg(value_name = "ID")]
    pub(super) ids: Vec<String>,
    #[command(flatten)]
    pub(super) filter: RequestFilterArgs,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub(super) dry_run: bool,
    /// Do not ask for confirmation on a terminal
    #[arg(long, short = 'y')]
    pub(super) yes: bool,
    #[command(flatten)]
    pub(super) output: JsonArgs,
}

/// One request the command will act on, with what was known of it when it was selected.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Planned {
    pub(super) id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) state: Option<crate::domain::State>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) to: Option<String>,
    #[serde(skip)]
    pub(super) if_version: Option<i64>,
}

impl Planned {
    pub(super) fn bare(id: i64) -> Planned {
        Planned { id, title: None, state: None, to: None, if_version: None }
    }

    fn seen(request: &Request) -> Planned {
        Planned {
            id: request.id,
            title: Some(request.title.clone()),
            state: Some(request.state),
            to: None,
            if_version: Some(request.version),
        }
    }
}

/// A request as `requests list --json` prints it, as far as a bulk command needs it.
#[derive(serde::Deserialize)]
struct Listed {
    id: i64,
    version: Option<i64>,
    pub(super) title: Option<String>,
    pub(super) state: Option<crate::domain::State>,
}

impl From<Listed> for Planned {
    fn from(l: Listed) -> Planned {
        Planned { id: l.id, title: l.title, state: l.state, to: None, if_version: l.version }
    }
}

/// Reads targets from stdin: ids one per line (blank lines and `#` comments skipped), or
/// the JSON of `requests list --json` (an array, or one object per line), whose versions
/// make each change conditional on what was listed. A bad line fails the whole read, so
/// nothing is changed on the strength of half a list.
fn targets_from_stdin(mut input: impl BufRead) -> Result<Vec<Planned>, CliError> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(|e| CliError::new(Exit::Error, format!("cannot read stdin: {e}")))?;
    if text.trim_start().starts_with('[') {
        let listed: Vec<Listed> = serde_json::from_str(&text).map_err(|e| {
            CliError::usage(format!(
                "stdin holds a JSON array that is not a list of requests: {e}; nothing was changed"
            ))
        })?;
        return Ok(listed.into_iter().map(Planned::from).collect());
    }
    let mut planned = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let text = line.trim();
        let bad = |e: String| CliError::usage(format!("stdin line {}: {e}; nothing was changed", n + 1));
        if text.is_empty() || (text.starts_with('#') && text[1..].trim().parse::<i64>().is_err()) {
            continue;
        }
        if text.starts_with('{') {
            let listed: Listed = serde_json::from_str(text).map_err(|e| bad(format!("not a request object: {e}")))?;
            planned.push(listed.into());
        } else {
            planned.push(Planned::bare(parse_request_id(text).map_err(bad)?));
        }
    }
    Ok(planned)
}

/// The requests named by ids, stdin, or the filters, each once, in the order given.
pub(super) async fn select(ui: &Ui, client: &Client, selection: &Selection) -> Result<Vec<Planned>, CliError> {
    let mut planned = Vec::new();
    if selection.ids.is_empty() {
        if !selection.filter.any_set() {
            return Err(CliError::usage(
                "say which requests: give ids, `-` to read ids from stdin, or filters such as `--state new --older-than 10m`",
            ));
        }
        let mut query = selection.filter.query();
        query.limit = Some(MAX_PAGE);
        // A selection of many pages takes seconds to read: say so while it does.
        let reading = ui.progress(None, "{spinner} reading the selection: {pos} requests so far");
        loop {
            let page = client.list_requests(&query).await?;
            reading.inc(page.items.len() as u64);
            planned.extend(page.items.iter().map(Planned::seen));
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => break,
            }
        }
        reading.finish_and_clear();
        return Ok(planned);
    }
    if selection.filter.any_set() {
        return Err(CliError::usage("give either request ids or filters, not both"));
    }
    for arg in &selection.ids {
        if arg == "-" {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(CliError::usage("`-` reads ids from stdin, but stdin is a terminal; pipe the ids in"));
            }
            planned.extend(targets_from_stdin(stdin.lock())?);
        } else {
            let id = parse_request_id(arg).map_err(|e| CliError::usage(format!("{e}; nothing was changed")))?;
            planned.push(Planned::bare(id));
        }
    }
    let mut seen = HashSet::new();
    planned.retain(|p| seen.insert(p.id));
    if planned.is_empty() {
        return Err(CliError::usage("no request ids were given; nothing was changed"));
    }
    Ok(planned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_ids_skip_blanks_and_comments_and_name_a_bad_line() {
        let planned = targets_from_stdin("12\n\n# taken from the backlog\n#13\n  14  \n".as_bytes()).unwrap();
        assert_eq!(planned.iter().map(|p| p.id).collect::<Vec<_>>(), [12, 13, 14]);
        assert!(planned.iter().all(|p| p.if_version.is_none()));
        let err = targets_from_stdin("12\nfourteen\n".as_bytes()).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.starts_with("stdin line 2: `fourteen` is not a request id"), "{}", err.message);
    }

    #[test]
    fn listed_json_on_stdin_carries_the_versions_it_was_listed_with() {
        let array =
            r#"[{"id": 5, "version": 3, "title": "Ana", "state": "new", "extra": true}, {"id": 6, "version": 1}]"#;
        let planned = targets_from_stdin(array.as_bytes()).unwrap();
        assert_eq!(planned.iter().map(|p| (p.id, p.if_version)).collect::<Vec<_>>(), [(5, Some(3)), (6, Some(1))]);
        let lines = "{\"id\": 7, \"version\": 2}\n8\n";
        let planned = targets_from_stdin(lines.as_bytes()).unwrap();
        assert_eq!(planned.iter().map(|p| (p.id, p.if_version)).collect::<Vec<_>>(), [(7, Some(2)), (8, None)]);
        let err = targets_from_stdin("[{\"title\": \"no id\"}]".as_bytes()).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        let err = targets_from_stdin("7\n{\"id\": }\n".as_bytes()).unwrap_err();
        assert!(err.message.starts_with("stdin line 2: not a request object"), "{}", err.message);
    }
}
