use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    pyarch::cli::run(pyarch::cli::Cli::parse())
}
