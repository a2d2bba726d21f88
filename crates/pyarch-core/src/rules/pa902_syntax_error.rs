//! # PA902 syntax-error
//!
//! ## What it does
//! Reports a code cell that does not parse, with the parser's message and position.
//! Python 2 syntax (`print x`, `except E, e:`) is named as such. What CPython refuses
//! when it compiles a cell counts too: NUL bytes, `return` or `yield` outside a
//! function, and targets that cannot be assigned (`f() = 1`, `del f()`). IPython syntax
//! (magics, `!shell`, a cell indented from its first line) is not an error.
//!
//! ## Why is this bad?
//! A cell that does not parse cannot be analysed or exported, and it will not run on
//! Python 3. Every other cell is still analysed, but names it defines look undefined.
//!
//! ## Example
//! ```python
//! print "accuracy", acc
//! ```
//!
//! ## Fix
//! ```python
//! print("accuracy", acc)
//! ```
//!
//! ## Pattern
//! None: code must parse before any pattern applies.
