//! pyarch: analyse a Jupyter notebook and suggest a layered (Cosmic Python) layout.
//!
//! The pure core (`notebook`, `ipython`, `syntax`, `model`, `knowledge`, `roles`,
//! `rules`, `analysis`, `report`) does no I/O; `load`, `cli` and `gui` are the edges.
//! See ARCHITECTURE.md.

pub mod analysis;
pub mod cli;
pub mod export;
pub mod finding;
pub mod gui;
pub mod ipython;
pub mod knowledge;
pub mod load;
pub mod model;
pub mod notebook;
pub mod plan;
pub mod provenance;
pub mod report;
pub mod role;
pub mod roles;
pub mod rules;
pub mod syntax;
pub mod text;
