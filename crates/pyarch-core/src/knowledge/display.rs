//! Functions that show a value instead of computing one: what a display statement
//! calls (PA205, the classifier's `explore`), and what prints on stdout when the
//! notebook runs as a script (the planner keeps such statements in the pipeline).

/// Where a showing function's output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    /// Stdout, in a script as in the notebook.
    Stdout,
    /// The notebook's rich display; nothing in a plain script.
    Notebook,
    /// Both: `print` shows in the notebook and on stdout.
    Both,
}

/// Builtins and IPython functions that show their arguments, called by bare name.
pub static SHOWING_FUNCTIONS: &[(&str, Shows)] = &[
    ("print", Shows::Both),
    ("display", Shows::Notebook),
    ("pprint", Shows::Stdout),
];

/// Qualified displays that print on stdout when the notebook runs as a script
/// (`display` imported from IPython prints its argument's repr outside IPython).
pub static PRINTING_QUALIFIED: &[&str] =
    &["IPython.display.display", "IPython.core.display.display"];

/// Methods that print a summary of their receiver (`df.info()`).
pub static PRINTING_METHODS: &[&str] = &["info"];

/// Builtins a display statement wraps around the value it shows (`print(len(df))`):
/// reading them is not reading data.
pub static SHOWN_THROUGH: &[&str] = &["len"];

fn shows(name: &str) -> Option<Shows> {
    SHOWING_FUNCTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, s)| s)
}

/// `print`, `pprint`: a call by this name writes to stdout.
pub fn prints_to_stdout(name: &str) -> bool {
    matches!(shows(name), Some(Shows::Stdout | Shows::Both))
}

/// `print`, `display`: a call by this name shows a value in the notebook.
pub fn shows_in_notebook(name: &str) -> bool {
    matches!(shows(name), Some(Shows::Notebook | Shows::Both))
}

/// A name a display statement reads without reading data: the showing function
/// itself or a builtin wrapped around the value (`print(len(df))`).
pub fn is_display_wrapper(name: &str) -> bool {
    shows_in_notebook(name) || SHOWN_THROUGH.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn showing_functions_by_where_they_show() {
        assert!(prints_to_stdout("print") && prints_to_stdout("pprint"));
        assert!(!prints_to_stdout("display") && !prints_to_stdout("len"));
        assert!(shows_in_notebook("print") && shows_in_notebook("display"));
        assert!(!shows_in_notebook("pprint"));
        assert!(is_display_wrapper("len") && is_display_wrapper("display"));
        assert!(!is_display_wrapper("df") && !is_display_wrapper("pprint"));
    }
}
