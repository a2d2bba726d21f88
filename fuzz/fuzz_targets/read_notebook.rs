//! Bytes → `parse_ipynb`, and the same bytes (lossy UTF-8) → `parse_script`. Never panics;
//! errors are one line.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyarch::notebook::{read::parse_ipynb, script::parse_script};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::on_small_stack(|| {
        match parse_ipynb(data) {
            Ok(nb) => common::check_notebook(&nb),
            Err(e) => {
                let message = e.to_string();
                assert!(!message.contains('\n'), "multi-line error {message:?}");
            }
        }
        let nb = parse_script(&String::from_utf8_lossy(data));
        common::check_notebook(&nb);
    });
});
