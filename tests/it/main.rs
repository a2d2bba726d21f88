//! pyarch's integration tests, as one binary: each file was once its own crate
//! linking egui, and building 20 of them dominated a clean CI build.
//!
//! Run one module with `cargo test --test it MODULE::` (for example
//! `cargo test --test it rule_fixtures::`). Snapshots live in `tests/it/snapshots/`
//! (insta) and `tests/snapshots/gui/` (egui_kittest images).

mod common;

mod big_notebook;
mod cli;
mod corpus;
mod docs;
mod e2e_samples;
mod export_corpus;
mod export_safety;
mod export_snapshots;
mod export_write;
mod gui_app;
mod gui_leak_path;
mod gui_snapshot;
mod i18n;
mod ipython_masking;
mod leakage_fixtures;
mod leakage_report;
mod plan_layout;
mod properties;
mod purity;
mod read_notebooks;
mod roles_eval;
mod roles_shadowing;
mod rule_fixtures;
mod samples_findings;
mod samples_hidden_state;
mod stress;
