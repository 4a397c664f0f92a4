//! `livechat stats`: live chat analytics the server computes for a window of time, as
//! totals, as a series over time, or per member.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::error::{CliError, Exit};
use super::output::{Field, JsonArgs, precise_duration};
use crate::api::{BucketSize, Figures, MemberLoad, MemberStats, Series, Spread};
use crate::domain::Channel;

/// Piped, `stats` prints one tab-separated row per group of the requests created in the
/// window: scope (`all` or `channel`), name (empty, or the channel), created, resolved, closed,
/// then the median and 90th percentile in seconds of the time to assign, to the first agent
/// message and to resolve (empty where no request has one). Then one row per member, as
/// `stats members` prints it after a first column `activity`: email, holding, assigned and
/// resolved in the window, then the median and 90th percentile in seconds of their first
/// replies and of their resolutions.
///
/// With `--by`, it draws the series on a terminal; piped, it prints one tab-separated row per
/// bucket: start, end, created, assigned, resolved, closed, backlog, then the median and 90th
/// percentile in seconds of the time to assign, to the first agent message and to resolve.
/// `--csv` prints the same columns as CSV with a header. Buckets are UTC.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatsArgs {
    #[command(subcommand)]
    command: Option<StatsCommand>,
    /// How far back to look, like `24h`, `7d` or `30d`; with --by, also a time or a date
    /// [default: 7d; with --by, 24h, 30d or 12 weeks by bucket]
    #[arg(long, value_parser = crate::cli::moment_text, value_name = "WHEN")]
    since: Option<String>,
    /// With --by: where the window ends, a time, a date or an age [default: now]
    #[arg(long, value_parser = crate::cli::moment_text, value_name = "WHEN", requires = "by")]
    until: Option<String>,
    /// Show the window as a series of UTC buckets: volume, backlog and time to resolve over time
    #[arg(long, value_enum, value_name = "BUCKET")]
    by: Option<BucketSize>,
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    bot: Option<String>,
    /// With --by: only requests from this channel
    #[arg(long, value_name = "CHANNEL", requires = "by")]
    channel: Option<Channel>,
    /// With --by: print the series as CSV, one row per bucket, for a spreadsheet
    #[arg(long, requires = "by", conflicts_with_all = ["json", "jq"])]
    csv: bool,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Subcommand)]
enum StatsCommand {
    /// Each member's load and speed over the window: requests held now, first assigned,
    /// resolved, and times to first reply and to resolve.
    ///
    /// Piped, one tab-separated row per member: email, holding, assigned, resolved, then the
    /// median and 90th percentile in seconds of the time to the first agent message and to
    /// resolve.
    Members(MembersArgs),
}

#[derive(Debug, Args)]
struct MembersArgs {
    /// Where the window starts: an age like `7d`, a time or a date [default: 7d]
    #[arg(long, value_parser = crate::cli::moment_text, value_name = "WHEN")]
    since: Option<String>,
    /// Where the window ends [default: now]
    #[arg(long, value_parser = crate::cli::moment_text, value_name = "WHEN")]
    until: Option<String>,
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    bot: Option<String>,
    /// Only requests from this channel
    #[arg(long, value_name = "CHANNEL")]
    channel: Option<Channel>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Serialize)]
struct StatsQuery<'a> {
    since: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    bot: Option<&'a str>,
}

/// The query of `/v1/stats/series` and `/v1/stats/members`.
#[derive(Serialize)]
pub struct WindowQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bucket: Option<BucketSize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bot: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<Channel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

fn spread(s: &Spread) -> [String; 2] {
    let show = |v: Option<i64>| v.map_or_else(|| "–".to_string(), precise_duration);
    [show(s.median_seconds), show(s.p90_seconds)]
}

/// One row of a breakdown table: the group, its counts, and median / p90 of each time.
fn row(name: String, f: &Figures) -> Vec<Field> {
    let mut cells = vec![Field::plain(name), Field::plain(f.created.to_string()), Field::plain(f.resolved.to_string())];
    for s in [&f.time_to_assign, &f.time_to_first_agent_message, &f.time_to_resolve] {
        let [median, p90] = spread(s);
        cells.push(Field::plain(format!("{median} / {p90}")));
    }
    cells
}

const HEADERS: &[&str] =
    &["", "created", "resolved", "to assign (median / p90)", "to first agent message", "to resolve"];

pub async fn run(ctx: &Context, args: StatsArgs) -> anyhow::Result<Exit> {
    if let Some(StatsCommand::Members(members)) = args.command {
        return run_members(ctx, members).await;
    }
    let json = args.output.json_out()?;
    if let Some(bucket) = args.by {
        let query = WindowQuery {
            since: args.since.as_deref(),
            until: args.until.as_deref(),
            bucket: Some(bucket),
            bot: args.bot.as_deref(),
            channel: args.channel,
            format: args.csv.then_some("csv"),
        };
        let client = ctx.client()?;
        if args.csv {
            // The server's CSV as it is: one definition of the columns.
            std::io::Write::write_all(&mut ctx.ui.raw_stdout(), &client.series_csv(&query).await?)?;
            return Ok(Exit::Success);
        }
        let series = client.series(&query).await?;
        super::output::emit(json, &series, |s| Ok(print_series(&ctx.ui, s)?))?;
        return Ok(Exit::Success);
    }
    let since = args.since.as_deref().unwrap_or("7d");
    if crate::api::parse_duration(since).is_err() {
        return Err(CliError::usage(format!("`--since {since}` must be a duration like 7d without --by"))
            .with_hint("ask for a series from a time or date with `livechat stats --by day --since 2026-11-01`")
            .into());
    }
    let query = StatsQuery { since, bot: args.bot.as_deref() };
    let stats = ctx.client()?.stats(&query).await?;
    if let Some(json) = json {
        json.print(&stats)?;
        return Ok(Exit::Success);
    }
    print(&ctx.ui, &stats, since)?;
    Ok(Exit::Success)
}

async fn run_members(ctx: &Context, args: MembersArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let query = WindowQuery {
        since: args.since.as_deref(),
        until: args.until.as_deref(),
        bucket: None,
        bot: args.bot.as_deref(),
        channel: args.channel,
        format: None,
    };
    let stats = ctx.client()?.member_stats(&query).await?;
    super::output::emit(json, &stats, |s| Ok(print_members(&ctx.ui, s)?))?;
    Ok(Exit::Success)
}

/// Members' load and speed: a table on a terminal, a row of seconds per member when piped.
pub(crate) fn print_members(ui: &super::output::Ui, stats: &MemberStats) -> std::io::Result<()> {
    if !ui.stdout_tty {
        for m in &stats.members {
            ui.line(&member_cells(m).join("\t"))?;
        }
        return Ok(());
    }
    members_table(ui, &stats.members)
}

/// A member's row of seconds: email, holding, assigned, resolved, then median and p90 of their
/// first replies and of their resolutions.
fn member_cells(m: &MemberLoad) -> Vec<String> {
    let mut cells = vec![m.member.email.clone()];
    cells.extend([m.holding, m.assigned, m.resolved].map(|n| n.to_string()));
    cells.extend(m.time_to_first_agent_message.seconds());
    cells.extend(m.time_to_resolve.seconds());
    cells
}

fn members_table(ui: &super::output::Ui, members: &[MemberLoad]) -> std::io::Result<()> {
    if members.is_empty() {
        return ui.line("No member held, was assigned or resolved a request in this window.");
    }
    let rows = members
        .iter()
        .map(|m| {
            let [reply, resolve] = [&m.time_to_first_agent_message, &m.time_to_resolve].map(|s| {
                let [median, p90] = spread(s);
                Field::plain(format!("{median} / {p90}"))
            });
            vec![
                Field::plain(m.member.name.clone()),
                Field::plain(m.holding.to_string()),
                Field::plain(m.assigned.to_string()),
                Field::plain(m.resolved.to_string()),
                reply,
                resolve,
            ]
        })
        .collect();
    ui.table(&["member", "holding", "assigned", "resolved", "first reply", "to resolve"], rows)?;
    ui.line("Times are the median / 90th percentile.")
}

/// The series for people: charts on a terminal, a row of numbers per bucket when piped.
pub(crate) fn print_series(ui: &super::output::Ui, series: &Series) -> std::io::Result<()> {
    if !ui.stdout_tty {
        for bucket in &series.buckets {
            ui.line(&bucket.fields().join("\t"))?;
        }
        return Ok(());
    }
    let total = |f: fn(&crate::api::SeriesBucket) -> u64| series.buckets.iter().map(f).sum::<u64>();
    let backlog = series.buckets.last().map_or(0, |b| b.backlog);
    let unit = series.bucket.as_str();
    ui.line(&format!(
        "Per {unit}, {} to {} (UTC)\n{} created · {} resolved · {} open at the end",
        chart::label(series.since, series.bucket),
        chart::label(series.until, series.bucket),
        total(|b| b.created),
        total(|b| b.resolved),
        backlog,
    ))?;
    // Buckets before anything happened say nothing: a 30-day window over a week of data
    // would squeeze the week into the chart's right edge.
    let first = series
        .buckets
        .iter()
        .position(|b| b.created + b.assigned + b.resolved + b.closed + b.backlog > 0)
        .unwrap_or(series.buckets.len());
    let buckets = &series.buckets[first..];
    if buckets.is_empty() {
        return ui.line("Nothing happened in this window.");
    }
    if first > 0 {
        ui.line(&format!("(nothing happened before {})", chart::label(buckets[0].start, series.bucket)))?;
    }
    ui.line("")?;
    if buckets.len() <= TABLE_BUCKETS {
        return bucket_table(ui, buckets, series.bucket);
    }
    let created: Vec<f64> = buckets.iter().map(|b| b.created as f64).collect();
    let open: Vec<f64> = buckets.iter().map(|b| b.backlog as f64).collect();
    let minutes: Vec<Option<f64>> =
        buckets.iter().map(|b| b.time_to_resolve.median_seconds.map(|s| s as f64 / 60.0)).collect();
    let starts: Vec<_> = buckets.iter().map(|b| b.start).collect();
    ui.line(&format!("Requests created per {unit}"))?;
    ui.line(&chart::bars(&created, &starts, series.bucket))?;
    ui.line(&format!("Open requests at the end of each {unit}"))?;
    ui.line(&chart::bars(&open, &starts, series.bucket))?;
    ui.line("Median time to resolve, in minutes")?;
    ui.line(&chart::line(&minutes, &starts, series.bucket))
}

/// Up to this many buckets are a table with a row each; more are drawn as charts.
const TABLE_BUCKETS: usize = 45;
/// The widest bar of the table, in characters.
const BAR: u64 = 30;

/// A row per bucket: its start, a bar and the count of requests created, resolutions, the
/// backlog at its end and the median time to resolve. Every count is written out, so 1, 2
/// and 3 never look alike.
fn bucket_table(ui: &super::output::Ui, buckets: &[crate::api::SeriesBucket], size: BucketSize) -> std::io::Result<()> {
    let most = buckets.iter().map(|b| b.created).max().unwrap_or(0).max(1);
    let rows = buckets
        .iter()
        .map(|b| {
            // A bucket with any request gets a mark, however small beside the largest.
            let width = if b.created == 0 { 0 } else { (b.created * BAR).div_ceil(most) } as usize;
            let [median, _] = spread(&b.time_to_resolve);
            vec![
                Field::plain(chart::label(b.start, size)),
                Field::plain(format!("{:<bar$} {}", "█".repeat(width), b.created, bar = BAR as usize)),
                Field::plain(b.resolved.to_string()),
                Field::plain(b.backlog.to_string()),
                Field::plain(median),
            ]
        })
        .collect();
    ui.table(&[size.as_str(), "created", "resolved", "open at the end", "median to resolve"], rows)
}

mod chart {
    //! Charts drawn with textplots in Braille dots: 120 dots are 60 columns, so a chart and
    //! its axis labels fit an 80-column terminal. No colour, so `NO_COLOR` holds as well.

    use jiff::Timestamp;
    use textplots::{Chart, LabelBuilder, LabelFormat, Plot, Shape};

    use crate::api::BucketSize;

    const WIDTH: u32 = 120;
    const HEIGHT: u32 = 24;

    /// A bucket's start as a label: the date, with the hour for hourly buckets.
    pub fn label(at: Timestamp, bucket: BucketSize) -> String {
        let text = at.to_string();
        match bucket {
            BucketSize::Hour => text.get(5..16).unwrap_or(&text).replace('T', " "),
            BucketSize::Day | BucketSize::Week => text.get(..10).unwrap_or(&text).to_string(),
        }
    }

    fn draw(shape: &Shape<'_>, starts: &[Timestamp], bucket: BucketSize, ymax: f32) -> String {
        let last = starts.len().saturating_sub(1) as f32;
        let (first, end) = (starts.first().copied(), starts.last().copied());
        let x_label = move |x: f32| match (first, end) {
            (Some(first), _) if x <= 0.0 => label(first, bucket),
            (_, Some(end)) => label(end, bucket),
            _ => String::new(),
        };
        let mut chart = Chart::new_with_y_range(WIDTH, HEIGHT, -0.5, last.max(1.0) + 0.5, 0.0, ymax.max(1.0));
        let chart = chart
            .lineplot(shape)
            .x_label_format(LabelFormat::Custom(Box::new(x_label)))
            .y_label_format(LabelFormat::Custom(Box::new(|y| format!("{y:.0}"))));
        chart.figures();
        chart.to_string().trim_end().to_string()
    }

    /// A bar per bucket.
    pub fn bars(values: &[f64], starts: &[Timestamp], bucket: BucketSize) -> String {
        let points: Vec<(f32, f32)> = values.iter().enumerate().map(|(i, v)| (i as f32, *v as f32)).collect();
        let ymax = values.iter().copied().fold(0.0, f64::max) as f32;
        draw(&Shape::Bars(&points), starts, bucket, ymax)
    }

    /// A line through the buckets that have a value; the others leave a gap in the x axis.
    pub fn line(values: &[Option<f64>], starts: &[Timestamp], bucket: BucketSize) -> String {
        let points: Vec<(f32, f32)> =
            values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f32, v as f32))).collect();
        if points.is_empty() {
            return "  (nothing was resolved in this window)".to_string();
        }
        let ymax = points.iter().map(|p| p.1).fold(0.0, f32::max);
        draw(&Shape::Lines(&points), starts, bucket, ymax)
    }
}

/// The figures for people: a line and a table on a terminal, a row per group when piped.
pub(crate) fn print(ui: &super::output::Ui, stats: &crate::api::Stats, since: &str) -> std::io::Result<()> {
    if !ui.stdout_tty {
        let mut groups = vec![("all", String::new(), &stats.overall)];
        groups.extend(stats.channels.iter().map(|c| ("channel", c.channel.to_string(), &c.figures)));
        for (scope, name, f) in groups {
            let mut cells =
                vec![scope.to_string(), name, f.created.to_string(), f.resolved.to_string(), f.closed.to_string()];
            for s in [&f.time_to_assign, &f.time_to_first_agent_message, &f.time_to_resolve] {
                cells.extend(s.seconds());
            }
            ui.line(&cells.join("\t"))?;
        }
        for m in &stats.members {
            let mut cells = vec!["activity".to_string()];
            cells.extend(member_cells(m));
            ui.line(&cells.join("\t"))?;
        }
        return Ok(());
    }
    let o = &stats.overall;
    ui.line(&format!(
        "Requests created in the last {} (since {}): {} created · {} resolved · {} closed",
        since,
        super::output::rfc3339(stats.since),
        o.created,
        o.resolved,
        o.closed
    ))?;
    let mut rows = vec![row("all".to_string(), o)];
    rows.extend(stats.channels.iter().map(|c| row(format!("channel {}", c.channel), &c.figures)));
    ui.table(HEADERS, rows)?;
    ui.line("")?;
    ui.line("What each member did in the same window:")?;
    members_table(ui, &stats.members)
}
