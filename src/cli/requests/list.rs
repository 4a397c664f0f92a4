//! `livechat requests list`.

use clap::Args;

use crate::api::MAX_PAGE;
use crate::cli::Context;
use crate::cli::error::Exit;
use crate::cli::output::JsonArgs;
use crate::client::ListQuery;

use super::{REQUEST_HEADERS, request_row};

/// The filters of `requests list`, shared with the commands that select requests by them.
#[derive(Debug, Clone, Default, Args)]
pub struct RequestFilterArgs {
    /// States to include, comma-separated; `open` is new,assigned,chatting and `all` is
    /// every state [default: open]
    #[arg(long, value_name = "STATES", value_parser = crate::cli::states_text)]
    pub state: Option<String>,
    /// Only requests assigned to this member: `me`, `none`, an email, or a member id
    #[arg(long, value_name = "MEMBER", value_parser = crate::cli::member_text)]
    pub assignee: Option<String>,
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    pub bot: Option<String>,
    /// Only requests from this channel
    #[arg(long, value_name = "CHANNEL", value_parser = crate::cli::word::<crate::domain::Channel>())]
    pub channel: Option<crate::domain::Channel>,
    /// Only requests created longer ago than this, like `10m` or `2h`
    #[arg(long, value_name = "DURATION", value_parser = crate::cli::duration_text)]
    pub older_than: Option<String>,
    /// Only requests created more recently than this
    #[arg(long, value_name = "DURATION", value_parser = crate::cli::duration_text)]
    pub newer_than: Option<String>,
    /// Only requests whose transcript, notes, or visitor name or email hold every word of
    /// TEXT, like `--search "order A-1001"`
    #[arg(long, value_name = "TEXT", value_parser = crate::cli::search_text)]
    pub search: Option<String>,
    /// Only requests with this label
    #[arg(long, value_name = "LABEL", value_parser = crate::cli::label_text)]
    pub label: Option<String>,
}

impl RequestFilterArgs {
    /// Whether any filter was given; bulk commands refuse to act on the whole queue by default.
    pub fn any_set(&self) -> bool {
        let RequestFilterArgs { state, assignee, bot, channel, older_than, newer_than, search, label } = self;
        search.is_some()
            || label.is_some()
            || state.is_some()
            || assignee.is_some()
            || bot.is_some()
            || channel.is_some()
            || older_than.is_some()
            || newer_than.is_some()
    }

    pub fn query(&self) -> ListQuery {
        ListQuery {
            state: Some(self.state.clone().unwrap_or_else(|| "open".to_string())),
            assignee: self.assignee.clone(),
            bot: self.bot.clone(),
            channel: self.channel.map(|c| c.to_string()),
            older_than: self.older_than.clone(),
            newer_than: self.newer_than.clone(),
            search: self.search.clone(),
            label: self.label.clone(),
            limit: None,
            cursor: None,
        }
    }
}

#[derive(Debug, Args)]
pub struct RequestsListArgs {
    #[command(flatten)]
    filter: RequestFilterArgs,
    /// Show at most this many requests
    #[arg(long, short = 'L', default_value_t = 50, value_name = "N", conflicts_with = "all")]
    limit: usize,
    /// Show every matching request, page by page
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    output: JsonArgs,
}

pub async fn run(ctx: &Context, args: RequestsListArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let client = ctx.client()?;
    let wanted = if args.all { usize::MAX } else { args.limit };
    let mut query = args.filter.query();
    let mut requests = Vec::new();
    let mut more = false;
    loop {
        query.limit = Some((wanted - requests.len()).min(MAX_PAGE));
        let page = client.list_requests(&query).await?;
        requests.extend(page.items);
        match page.next_cursor {
            Some(cursor) if requests.len() < wanted => query.cursor = Some(cursor),
            Some(_) => {
                more = true;
                break;
            }
            None => break,
        }
    }
    if let Some(json) = json {
        json.print(&requests)?;
        return Ok(Exit::Success);
    }
    print(&ctx.ui, &requests, more)?;
    Ok(Exit::Success)
}

/// The list for people: a table on a terminal, rows when piped.
pub(crate) fn print(ui: &crate::cli::output::Ui, requests: &[crate::api::Request], more: bool) -> std::io::Result<()> {
    if requests.is_empty() {
        ui.status("No requests match.");
        return Ok(());
    }
    let rows = requests.iter().map(|r| request_row(ui, r)).collect();
    ui.table(REQUEST_HEADERS, rows)?;
    if more && ui.stdout_tty {
        ui.status(&format!("Showing the first {}; pass --limit N or --all for more.", requests.len()));
    }
    Ok(())
}
