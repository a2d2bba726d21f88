//! The desktop app (an edge). Interim entry point until the app lands.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_notebook: Option<PathBuf>) -> ExitCode {
    eprintln!("error: the desktop app is not built yet");
    ExitCode::from(2)
}
