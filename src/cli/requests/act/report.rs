//! What a bulk command reports: a line per failure as it happens, the one request changed,
//! the counts, and the exit code.

use crate::api::{BatchAction, BatchResult, Outcome};
use crate::cli::error::Exit;
use crate::cli::output::Ui;

pub(super) fn verb(action: BatchAction) -> (&'static str, &'static str) {
    match action {
        BatchAction::Assign => ("assign", "assigned"),
        BatchAction::Unassign => ("unassign", "unassigned"),
        BatchAction::Resolve => ("resolve", "resolved"),
    }
}

/// The exit code of a finished bulk command: 0 when every item succeeded; when every failure
/// was of one kind, the code a single call failing that way gives (4 for a refused permission,
/// 1 for a request that does not exist, as `requests show` exits); 5 otherwise.
pub fn bulk_exit(results: &[BatchResult]) -> Exit {
    let failures: Vec<Outcome> = results.iter().map(|r| r.outcome).filter(|o| !o.is_success()).collect();
    if failures.is_empty() {
        Exit::Success
    } else if failures.iter().all(|o| *o == Outcome::Forbidden) {
        Exit::Denied
    } else if failures.iter().all(|o| *o == Outcome::NotFound) {
        Exit::Error
    } else {
        Exit::Partial
    }
}

/// What a finished bulk command tells people on stderr: the one request it changed, if it
/// changed one, then the counts.
pub(crate) fn summary(ui: &Ui, action: BatchAction, results: &[BatchResult]) {
    if let [only] = results {
        describe_one(ui, action, only);
    }
    summarize(ui, verb(action).1, results);
}

fn describe_one(ui: &Ui, action: BatchAction, r: &BatchResult) {
    let (_, past) = verb(action);
    match (r.outcome, &r.request) {
        (Outcome::Ok, Some(req)) => {
            let whom =
                req.assignee.as_ref().filter(|_| action == BatchAction::Assign).map(|m| format!(" to {}", m.name));
            ui.status(&format!("✓ {} #{}{}", capitalized(past), r.id, whom.unwrap_or_default()));
        }
        (Outcome::Unchanged, Some(req)) => {
            ui.status(&format!("- #{} was already {past} (it is {})", r.id, req.state));
        }
        _ => {}
    }
}

pub(super) fn summarize(ui: &Ui, past: &str, results: &[BatchResult]) {
    let count = |f: &dyn Fn(Outcome) -> bool| results.iter().filter(|r| f(r.outcome)).count();
    ui.status(&format!(
        "{past} {} · unchanged {} · conflicts {} · failed {}",
        count(&|o| o == Outcome::Ok),
        count(&|o| o == Outcome::Unchanged),
        count(&|o| o == Outcome::Conflict),
        count(&|o| !o.is_success() && o != Outcome::Conflict),
    ));
}

pub(super) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(outcome: Outcome) -> BatchResult {
        BatchResult { id: 1, outcome, request: None, error: None }
    }

    #[test]
    fn the_exit_code_says_whether_every_item_went_through() {
        assert_eq!(bulk_exit(&[result(Outcome::Ok), result(Outcome::Unchanged)]), Exit::Success);
        assert_eq!(bulk_exit(&[result(Outcome::Ok), result(Outcome::Forbidden)]), Exit::Denied);
        assert_eq!(bulk_exit(&[result(Outcome::Forbidden), result(Outcome::Conflict)]), Exit::Partial);
        assert_eq!(bulk_exit(&[result(Outcome::NotFound)]), Exit::Error);
        assert_eq!(bulk_exit(&[result(Outcome::NotFound), result(Outcome::Conflict)]), Exit::Partial);
    }
}
