//! # PA904 nesting-too-deep
//!
//! ## What it does
//! Reports a cell whose brackets or operator chains nest deeper than pyarch walks
//! (200 levels), so that a hostile or generated cell cannot exhaust the stack.
//!
//! ## Why is this bad?
//! The cell is skipped by the analysis. Such code is also unreadable for people.
//!
//! ## Example
//! ```python
//! x = ((((((((((...))))))))))
//! ```
//!
//! ## Fix
//! Name the intermediate values.
//!
//! ## Pattern
//! None.
