//! The reading edge: a path on disk to a [`Notebook`], with one-line errors naming the file.
// TODO(helper): implement.
