//! `livechat api`: a raw authenticated call, as `gh api` does, for what no command covers.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Map, Value};

use super::Context;
use super::error::{CliError, Exit, exit_for_status};
use super::output::JsonArgs;

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The HTTP method
    #[arg(value_parser = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], ignore_case = true)]
    method: String,
    /// The path, like `/v1/me` or `v1/requests?state=new`
    path: String,
    /// A string field: `key=value`; the JSON body, or the query string for GET
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    raw_fields: Vec<String>,
    /// A typed field: `key=value`, where the value is read as JSON when it parses (numbers,
    /// true, false, null, arrays, objects) and as a string otherwise
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    fields: Vec<String>,
    /// Send this file (`-` for stdin) as the request body, as it is
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "fields"])]
    input: Option<PathBuf>,
    #[command(flatten)]
    output: JsonArgs,
}

fn split(pair: &str) -> Result<(&str, &str), CliError> {
    pair.split_once('=')
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| CliError::usage(format!("`{pair}` is not a field: write KEY=VALUE")))
}

pub async fn run(ctx: &Context, args: ApiArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let method = reqwest::Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| CliError::usage(format!("`{}` is not an HTTP method", args.method)))?;
    let mut fields = Map::new();
    for pair in &args.raw_fields {
        let (key, value) = split(pair)?;
        fields.insert(key.to_string(), Value::String(value.to_string()));
    }
    for pair in &args.fields {
        let (key, value) = split(pair)?;
        fields
            .insert(key.to_string(), serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string())));
    }
    let path = if args.path.starts_with('/') { args.path.clone() } else { format!("/{}", args.path) };
    let (query, body): (Vec<(String, String)>, Option<Vec<u8>>) = match &args.input {
        Some(file) if file.as_os_str() == "-" => {
            let mut body = Vec::new();
            std::io::stdin().read_to_end(&mut body).map_err(|e| CliError::usage(format!("cannot read stdin: {e}")))?;
            (Vec::new(), Some(body))
        }
        Some(file) => (
            Vec::new(),
            Some(std::fs::read(file).map_err(|e| CliError::usage(format!("cannot read {}: {e}", file.display())))?),
        ),
        None if method == reqwest::Method::GET => {
            let query =
                fields.into_iter().map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), String::from))).collect();
            (query, None)
        }
        None if fields.is_empty() => (Vec::new(), None),
        None => (Vec::new(), Some(serde_json::to_vec(&Value::Object(fields))?)),
    };
    let (status, bytes) = ctx.client()?.raw(method, &path, &query, body).await?;
    if !status.is_success() {
        let message = serde_json::from_slice::<crate::api::ErrorBody>(&bytes)
            .map(|e| format!("{} ({})", e.error.message, e.error.code))
            .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).trim().to_string());
        return Err(CliError::new(exit_for_status(status), format!("the server answered {status}: {message}")).into());
    }
    match (serde_json::from_slice::<Value>(&bytes), json) {
        (Ok(value), Some(json)) => json.print(&value)?,
        (Ok(value), None) => ctx.ui.line(&super::sanitize::json_text(&serde_json::to_string_pretty(&value)?))?,
        (Err(_), _) => ctx.ui.line(String::from_utf8_lossy(&bytes).trim_end())?,
    }
    Ok(Exit::Success)
}
