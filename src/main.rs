//! The `jixiao` binary: parse the arguments, run, return the exit code — and,
//! when started by a drop on jixiao.exe, keep the window open until Enter.

use clap::Parser;
use jixiao::terminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A worker of a supervisor (one ledger, under its caps): no console of its own.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if jixiao::supervisor::worker::is_worker(&args) {
        return jixiao::supervisor::worker::serve();
    }
    let own_console = terminal::owns_console();
    let code = run();
    if own_console {
        terminal::wait_for_enter();
    }
    code
}

fn run() -> ExitCode {
    if std::env::args_os().len() == 1 {
        terminal::say_line(terminal::DROP_HINT);
        return ExitCode::from(2);
    }
    let cli = match jixiao::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            if error.use_stderr() {
                // Said in Chinese from the error's kind, never clap's English.
                terminal::say_line(&jixiao::cli::argument_error_text(&error));
            } else {
                // --help and --version: the Chinese help template.
                let _ = error.print();
            }
            // clap's own code: 0 for --help / --version, 2 for usage errors.
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    // Ctrl-C, SIGTERM or a closed window removes half-written results.
    jixiao::write::temp::install_cleanup();
    // A panic inside a reader is caught per file and reported as that file's
    // error; the default hook would print a second, English message for it.
    std::panic::set_hook(Box::new(|_| {}));
    // Dropped on jixiao.exe (files only, no flag): fixes are said as lines of jixiao.toml.
    let dropped = jixiao::cli::started_by_drop(std::env::args_os().skip(1));
    match catch_unwind(AssertUnwindSafe(|| jixiao::batch::run(&cli, dropped))) {
        Ok(code) => code,
        Err(_) => {
            terminal::say_line(
                "jixiao 遇到内部错误而中止，结果可能不完整。请把台账文件和这段提示发给维护人员",
            );
            ExitCode::from(101)
        }
    }
}
