//! The yardstick for load time: read the whole file and validate it as JSON with serde_json,
//! keeping nothing (`IgnoredAny`). `cargo run --release --example baseline -- FILE`.

use serde::de::IgnoredAny;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: baseline FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("baseline: {path}: {e}");
            std::process::exit(2);
        }
    };
    match serde_json::from_slice::<IgnoredAny>(&bytes) {
        Ok(_) => println!("{path}: valid JSON, {} bytes", bytes.len()),
        Err(e) => {
            eprintln!("baseline: {path}: {e}");
            std::process::exit(2);
        }
    }
}
