use std::process::ExitCode;

fn main() -> ExitCode {
    pyarch::cli::main()
}
