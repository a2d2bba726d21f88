//! # PA904 nesting-too-deep
//!
//! ## What it does
//! Reports a cell nested deeper than pyarch walks, so that a hostile or generated cell
//! cannot exhaust the stack: more than 200 nested brackets, 1,000 chained operators,
//! attribute accesses or calls, or 100 nested blocks.
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
