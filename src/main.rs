//! The `livechat` binary: parse, run, and map the outcome to an exit code. This is the only
//! place that exits.

use std::io::Write;
use std::process::ExitCode;

use livechat::cli::error::{Exit, exit_and_hint};
use livechat::cli::run;
use livechat::cli::sanitize::{for_terminal, without_passwords};

fn main() -> ExitCode {
    let cli = livechat::cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => return ExitCode::from(report(&err.into()) as u8),
    };
    let exit = match runtime.block_on(run(cli)) {
        Ok(exit) => exit,
        Err(err) => report(&err),
    };
    // A read of stdin may still be waiting for a line nobody will type (the chat after
    // Ctrl-C); the command is done, so the process does not wait for it.
    runtime.shutdown_background();
    ExitCode::from(exit as u8)
}

fn report(err: &anyhow::Error) -> Exit {
    // A closed pipe (`livechat requests list | head`) is the reader's choice, not a failure.
    if err
        .chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
    {
        return Exit::Success;
    }
    let mut stderr = std::io::stderr().lock();
    // An error may quote the server, which may quote a caller: shown, never obeyed.
    let _ = writeln!(stderr, "error: {}", for_terminal(&without_passwords(&format!("{err:#}"))));
    let (exit, hint) = exit_and_hint(err);
    if let Some(hint) = hint {
        let _ = writeln!(stderr, "\nhint: {}", for_terminal(&hint));
    }
    exit
}
