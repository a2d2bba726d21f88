//! # PA901 unreadable-notebook
//!
//! ## What it does
//! Reports a file that could not be read as a notebook: missing, a directory, no
//! permission, empty, binary, truncated or invalid JSON, JSON that is not a notebook,
//! fields of the wrong type, too large, or a kernel that is not Python.
//!
//! ## Why is this bad?
//! Nothing in the file can be analysed. With several files, the others still are.
//!
//! ## Example
//! ```text
//! broken.ipynb: invalid JSON at line 12 column 5: EOF while parsing a string
//! ```
//!
//! ## Fix
//! Open the notebook in Jupyter and save it again, or restore it from version control.
//!
//! ## Pattern
//! None: this is a precondition for every pattern.
