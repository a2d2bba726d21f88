//! # PA903 parser-limitation
//!
//! ## What it does
//! Reports a cell that is probably valid Python but uses syntax pyarch's parser does
//! not support yet: PEP 701 f-strings (`f"{d["a"]}"`), Python 3.13+ syntax, or
//! indentation that mixes spaces and tabs.
//!
//! ## Why is this bad?
//! The cell is skipped by the analysis, so names it defines may look undefined.
//!
//! ## Example
//! ```python
//! print(f"{row["name"]}: {row["score"]}")
//! ```
//!
//! ## Fix
//! ```python
//! print(f"{row['name']}: {row['score']}")
//! ```
//!
//! ## Pattern
//! None.
