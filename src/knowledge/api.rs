//! The API table: which library calls load, clean, train, plot or save.
//! (Filled in by the rules work.)
