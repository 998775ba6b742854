//! The `newsterm` binary: everything lives in the library; see `newsterm::cli`.

fn main() -> std::process::ExitCode {
    newsterm::cli::main_with(std::env::args_os())
}
