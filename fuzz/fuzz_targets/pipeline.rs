//! Bytes → read (notebook JSON, else a script) → `Analysis::run` → `plan` → `render`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyarch::notebook::{read::parse_ipynb, script::parse_script};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::on_small_stack(|| {
        let nb = match parse_ipynb(data) {
            Ok(nb) => nb,
            Err(_) => parse_script(&String::from_utf8_lossy(data)),
        };
        common::pipeline(nb);
    });
});
