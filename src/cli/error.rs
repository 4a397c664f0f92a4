//! The CLI's errors and the exit codes of PRODUCT.md §2. `main` is the only place that exits.

use std::fmt;

use reqwest::StatusCode;

use crate::client::ClientError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Error = 1,
    Usage = 2,
    Threshold = 3,
    Denied = 4,
    Partial = 5,
    /// Ctrl-C: 128 + SIGINT, as shells report it.
    Interrupted = 130,
}

/// An error with the exit code it means and, where one helps, what to do about it.
#[derive(Debug)]
pub struct CliError {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

impl CliError {
    pub fn new(exit: Exit, message: impl Into<String>) -> CliError {
        CliError { exit, message: message.into(), hint: None }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::new(Exit::Usage, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// Maps an API status to the exit code a script should see.
pub fn exit_for_status(status: StatusCode) -> Exit {
    match status.as_u16() {
        401 | 403 => Exit::Denied,
        400 | 413 | 422 => Exit::Usage,
        _ => Exit::Error,
    }
}

impl From<ClientError> for CliError {
    fn from(err: ClientError) -> CliError {
        let (exit, hint) = classify(&err);
        CliError { exit, message: err.to_string(), hint }
    }
}

fn classify(err: &ClientError) -> (Exit, Option<String>) {
    match err {
        ClientError::Api { status, .. } if *status == StatusCode::UNAUTHORIZED => {
            (Exit::Denied, Some("log in with `livechat auth login --with-token < token.txt`, or pass --token".into()))
        }
        ClientError::Api { status, .. } => (exit_for_status(*status), None),
        ClientError::Unreachable { .. } => (
            Exit::Error,
            Some("is the server running? Start a demo with `livechat server start-dev`, or pass --url".into()),
        ),
        ClientError::Protocol { .. } => (Exit::Error, None),
    }
}

/// The exit code and hint of any error a command returns, wherever in its chain the
/// meaningful part sits.
pub fn exit_and_hint(err: &anyhow::Error) -> (Exit, Option<String>) {
    for cause in err.chain() {
        if let Some(cli) = cause.downcast_ref::<CliError>() {
            return (cli.exit, cli.hint.clone());
        }
        if let Some(client) = cause.downcast_ref::<ClientError>() {
            return classify(client);
        }
    }
    (Exit::Error, None)
}
