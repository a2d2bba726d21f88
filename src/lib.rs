//! pyarch: analyse a Jupyter notebook and suggest a layered (Cosmic Python) layout.
//!
//! The pure core (`notebook`, `ipython`, `syntax`, `model`, `knowledge`, `role`,
//! `classifier`, `provenance`, `i18n`, `rules`, `analysis`, `finding`, `plan`, `report`, `text`)
//! lives in the `pyarch-core` crate (`crates/pyarch-core`), which does no I/O and
//! depends on no GUI crate; it is re-exported here, so `pyarch::rules` and
//! `crate::rules` name the same module. This crate holds the edges: `load` (reading
//! files), `export` (writing files), `cli` and `gui`. See ARCHITECTURE.md.

pub use pyarch_core::msg;
pub use pyarch_core::{
    analysis, classifier, finding, i18n, ipython, knowledge, model, notebook, plan, provenance,
    report, role, rules, syntax, text,
};

pub mod cli;
pub mod export;
pub mod gui;
pub mod load;
