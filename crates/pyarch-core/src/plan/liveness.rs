//! Liveness: which pipeline values a run of statements (or of steps) takes as parameters,
//! which it returns, and which it changes in place. The same rule makes the signature
//! of an extracted function (a run of statements) and of a use case (a run of steps).

use std::collections::HashSet;

/// What one statement (or one step) does with the pipeline's names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Io {
    /// Names read, in order.
    pub reads: Vec<String>,
    /// Names bound.
    pub binds: Vec<String>,
    /// Names changed in place (`df.dropna(inplace=True)`).
    pub mutates: Vec<String>,
    /// True when the binds happen inside a block (`if`, `for`, `try`, `with`): the name
    /// may keep its earlier value.
    pub conditional: bool,
    /// A `def` or `class` kept as a nested function: it reads its names when it is
    /// called (or instantiated), not where it is defined.
    pub deferred: bool,
}

/// The parameters and return values of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Signature {
    /// Pipeline values the run reads before binding them, in order of first read.
    pub params: Vec<String>,
    /// Values the run binds or changes that later code reads.
    pub returns: Vec<String>,
    /// Parameters the run changes in place.
    pub mutates: Vec<String>,
    /// Every name the run binds, in order.
    pub locals: Vec<String>,
}

/// The signature of a run of statements or steps, in order.
///
/// - a parameter is a pipeline value (`is_pipeline`) that is available before the run
///   (`live`) and that the run reads before binding it;
/// - a return value is a pipeline value the run binds or changes and that code after
///   the run reads (`needed_later`);
/// - a name bound only inside a block is also a parameter when it was available before,
///   since the block may leave its earlier value in place.
pub(super) fn signature<'a>(
    run: impl IntoIterator<Item = &'a Io>,
    live: &HashSet<String>,
    is_pipeline: impl Fn(&str) -> bool,
    needed_later: impl Fn(&str) -> bool,
) -> Signature {
    let mut locals: Vec<String> = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut mutated: Vec<String> = Vec::new();
    let mut conditional: Vec<String> = Vec::new();
    for io in run {
        for r in &io.reads {
            if !locals.contains(r) && !params.contains(r) && is_pipeline(r) && live.contains(r) {
                params.push(r.clone());
            }
        }
        for m in &io.mutates {
            if is_pipeline(m) && !mutated.contains(m) {
                mutated.push(m.clone());
            }
        }
        for b in &io.binds {
            if !locals.contains(b) {
                locals.push(b.clone());
            }
            if io.conditional && !conditional.contains(b) {
                conditional.push(b.clone());
            }
        }
    }
    let mut returns: Vec<String> = Vec::new();
    for n in locals.iter().chain(mutated.iter()) {
        if is_pipeline(n) && needed_later(n) && !returns.contains(n) {
            returns.push(n.clone());
        }
    }
    for n in &conditional {
        if returns.contains(n) && live.contains(n) && !params.contains(n) {
            params.push(n.clone());
        }
    }
    let mutates = mutated
        .iter()
        .filter(|m| params.contains(m))
        .cloned()
        .collect();
    Signature {
        params,
        returns,
        mutates,
        locals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(reads: &[&str], binds: &[&str], conditional: bool) -> Io {
        Io {
            reads: reads.iter().map(|s| s.to_string()).collect(),
            binds: binds.iter().map(|s| s.to_string()).collect(),
            mutates: Vec::new(),
            conditional,
            deferred: false,
        }
    }

    #[test]
    fn params_are_live_reads_and_returns_are_binds_read_later() {
        let live: HashSet<String> = ["df".to_string(), "n".to_string()].into();
        let run = [io(&["df"], &["X"], false), io(&["X", "k"], &["y"], false)];
        let s = signature(&run, &live, |_| true, |n| n == "y");
        assert_eq!(s.params, ["df"]);
        assert_eq!(s.returns, ["y"]);
        assert_eq!(s.locals, ["X", "y"]);
    }

    #[test]
    fn a_name_bound_in_a_block_is_passed_in_too() {
        let live: HashSet<String> = ["df".to_string()].into();
        let run = [io(&["flag"], &["df"], true)];
        let s = signature(&run, &live, |_| true, |n| n == "df");
        assert_eq!(s.params, ["df"]);
        assert_eq!(s.returns, ["df"]);
    }
}
