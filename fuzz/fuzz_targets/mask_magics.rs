//! A cell source → `ipython::mask`: the masked text keeps every position (the invariant of
//! the module), and the parse of the masked text gives ranges inside the source.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|src: &str| {
    common::on_small_stack(|| {
        let masked = pyarch::ipython::mask(src);
        common::check_mask(src, &masked);
        let cell = pyarch::model::parse_cell(0, src);
        common::check_ranges(src, &cell);
    });
});
