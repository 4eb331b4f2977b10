//! `quote`: a pricing request on standard input, its quote on standard output.
//!
//! Exit status 0 with the quote; 2 with a message naming the field on
//! standard error for a bad request; 1 when standard input cannot be read.

use std::io::{self, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut request = String::new();
    if let Err(err) = io::stdin().read_to_string(&mut request) {
        eprintln!("quote: cannot read standard input: {err}");
        return ExitCode::from(1);
    }
    match pricing::quote_json(&request) {
        Ok(quote) => {
            let mut out = io::stdout().lock();
            match writeln!(out, "{quote}").and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(1),
            }
        }
        Err(err) => {
            eprintln!("quote: {err}");
            ExitCode::from(2)
        }
    }
}
