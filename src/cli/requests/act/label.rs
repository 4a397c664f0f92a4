//! `requests label add|remove`: labels on the requests that ids, stdin or the filters
//! select, as the bulk verbs select them, with the same report.

use clap::{Args, Subcommand};

use super::report::{bulk_exit, summarize};
use super::select::{Selection, select};
use crate::api::{BatchResult, LabelsBody, MAX_BATCH};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::JsonArgs;
use crate::cli::requests::list::RequestFilterArgs;
use crate::cli::requests::parse_request_id;
use crate::domain::Label;

#[derive(Debug, Args)]
pub struct RequestsLabelArgs {
    #[command(subcommand)]
    command: LabelCommand,
}

#[derive(Debug, Subcommand)]
enum LabelCommand {
    /// Put labels on requests: `requests label add 41 42 refund vip`
    Add(LabelChange),
    /// Take labels off requests: `requests label remove --label triage triage`
    Remove(LabelChange),
}

#[derive(Debug, Args)]
struct LabelChange {
    /// Request ids (42 or #42), or `-` to read ids from stdin, then the labels; with
    /// filters instead of ids, only the labels
    #[arg(value_name = "ID|LABEL", required = true)]
    args: Vec<String>,
    #[command(flatten)]
    filter: RequestFilterArgs,
    #[command(flatten)]
    output: JsonArgs,
}

pub async fn run(ctx: &Context, args: RequestsLabelArgs) -> anyhow::Result<Exit> {
    let (change, adding) = match args.command {
        LabelCommand::Add(change) => (change, true),
        LabelCommand::Remove(change) => (change, false),
    };
    let json = change.output.json_out()?;
    let (mut ids, mut labels) = (Vec::new(), Vec::new());
    for arg in change.args {
        if arg == "-" || parse_request_id(&arg).is_ok() {
            ids.push(arg);
        } else {
            let label = Label::parse(&arg).map_err(|e| CliError::usage(format!("{e}; nothing was changed")))?;
            labels.push(label.to_string());
        }
    }
    if labels.is_empty() {
        return Err(CliError::usage("name a label after the request ids, like `requests label add 42 refund`").into());
    }
    let selection = Selection { ids, filter: change.filter, dry_run: false, yes: true, output: JsonArgs::default() };
    let client = ctx.client()?;
    let planned = select(&ctx.ui, &client, &selection).await?;
    let mut results: Vec<BatchResult> = Vec::with_capacity(planned.len());
    for chunk in planned.chunks(MAX_BATCH) {
        let ids = chunk.iter().map(|p| p.id).collect();
        let (add, remove) = if adding { (labels.clone(), Vec::new()) } else { (Vec::new(), labels.clone()) };
        let answer = client.relabel(&LabelsBody { ids, add, remove }).await?;
        for r in answer.results.iter().filter(|r| !r.outcome.is_success()) {
            let message = r.error.as_ref().map(|e| e.message.as_str()).unwrap_or_default();
            ctx.ui.status(&format!("✗ #{}: {}: {message}", r.id, r.outcome.as_str()));
        }
        results.extend(answer.results);
    }
    match json {
        Some(json) => json.print(&results)?,
        None => summarize(&ctx.ui, if adding { "labelled" } else { "unlabelled" }, &results),
    }
    Ok(bulk_exit(&results))
}
