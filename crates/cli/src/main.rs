//! `caremap`: map, share and analyse the care wealth of a community.
//!
//! One binary with a subcommand per job. Exit codes: 0 done, 1 bad input (with a message that
//! says where and why), 2 usage.

mod cli;
mod commands;
mod input;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // clap prints help and version to stdout with success, and usage errors to stderr.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
