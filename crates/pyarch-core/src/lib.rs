//! pyarch's pure core: values in, values out, no file system, threads, clocks or UI.
//! The dependency graph enforces it: this crate depends on no GUI crate, and
//! `tests/it/purity.rs` checks that its sources name no file system, thread, clock or
//! process API.
//!
//! The data flows one way: `notebook` (cells as stored) → `ipython` (magics masked) →
//! `syntax` (the only module that knows the parser) → `model` (facts per statement,
//! def-use graph) → `classifier` (one role per statement, vocabulary in `role`, library
//! knowledge in `knowledge`) → `rules` (findings; `provenance` for the leakage rules)
//! → `analysis` (the pipeline) → `plan` (the layered layout and its files) and
//! `report` (text, JSON, SARIF). The edges (`load`, `export`, `cli`, `gui`) are in the
//! `pyarch` crate. See ARCHITECTURE.md.

pub mod analysis;
pub mod classifier;
pub mod finding;
pub mod i18n;
pub mod ipython;
pub mod knowledge;
pub mod model;
pub mod notebook;
pub mod plan;
pub mod provenance;
pub mod report;
pub mod role;
pub mod rules;
pub mod syntax;
pub mod text;
