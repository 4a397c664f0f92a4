//! `livechat labels`: the organization's labels.

use clap::{Args, Subcommand};

use super::Context;
use super::error::Exit;
use super::output::{Field, JsonArgs};

#[derive(Debug, Args)]
pub struct LabelsArgs {
    #[command(subcommand)]
    command: LabelsCommand,
}

#[derive(Debug, Subcommand)]
enum LabelsCommand {
    /// List the labels on the organization's requests, most used first, with their counts
    List(LabelsListArgs),
}

#[derive(Debug, Args)]
struct LabelsListArgs {
    #[command(flatten)]
    output: JsonArgs,
}

pub async fn run(ctx: &Context, args: LabelsArgs) -> anyhow::Result<Exit> {
    let LabelsCommand::List(list) = args.command;
    let json = list.output.json_out()?;
    let labels = ctx.client()?.labels().await?.items;
    if let Some(json) = json {
        json.print(&labels)?;
    } else if labels.is_empty() {
        ctx.ui.status("No labels yet; put one on with `livechat requests label add ID LABEL`.");
    } else {
        let rows = labels.iter().map(|l| vec![Field::plain(&l.name), Field::plain(l.requests.to_string())]).collect();
        ctx.ui.table(&["label", "requests"], rows)?;
    }
    Ok(Exit::Success)
}
