//! `livechat dashboard`: signs in to the server's analytics page in a browser with a code
//! that works once, for a minute; the member's token never leaves this machine.

use clap::Args;

use super::Context;
use super::error::Exit;
use super::output::JsonArgs;

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Print the link instead of opening a browser
    #[arg(long)]
    no_browser: bool,
    #[command(flatten)]
    output: JsonArgs,
}

/// Whether a browser could show a page here: a desktop session, or a system whose opener
/// needs none.
fn has_display() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    cfg!(any(target_os = "macos", windows)) || set("DISPLAY") || set("WAYLAND_DISPLAY")
}

pub async fn run(ctx: &Context, args: DashboardArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let url = ctx.resolve()?.url;
    let code = ctx.client()?.dashboard_code().await?;
    let link = format!("{}{}", url.trim_end_matches('/'), code.path);
    if let Some(json) = json {
        json.print(&serde_json::json!({"url": link, "expires_at": code.expires_at}))?;
        return Ok(Exit::Success);
    }
    if !args.no_browser && has_display() && open::that_detached(&link).is_ok() {
        ctx.ui.status("Opened the dashboard in your browser.");
        return Ok(Exit::Success);
    }
    ctx.ui.line(&link)?;
    // How long the link lasts is the server's to say.
    let left = code.expires_at.duration_since(ctx.ui.now()).as_secs().max(0);
    ctx.ui.status(&format!("Open this link within {left} seconds; it signs in once."));
    Ok(Exit::Success)
}
