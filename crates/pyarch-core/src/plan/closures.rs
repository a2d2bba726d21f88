//! Which use cases a nested function ties together. A `def` or `class` kept in a use
//! case sees that use case's names when it is called; in the notebook it saw the
//! module's names at the time of the call. When a later use case rebinds a name the
//! function reads, and the function (or a value made from it) is used after that, the
//! two use cases must be one. Definitions are followed as the notebook binds them, so a
//! function or class defined again later is another one.

use super::liveness::Io;
use super::use_cases::{StepInfo, StepPhase};
use std::collections::{HashMap, HashSet};

/// A use after every step: the values the caller of `run_pipeline` keeps.
const AT_THE_END: usize = usize::MAX;

/// The statements of the sequence in order (a position is an index into it), with the
/// positions at which each name is bound and read.
struct Sequence<'a> {
    /// The step of each statement, and what it reads and binds.
    sites: Vec<(usize, &'a Io)>,
    binds: HashMap<&'a str, Vec<usize>>,
    reads: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Sequence<'a> {
    fn new(steps: &'a [StepInfo]) -> Sequence<'a> {
        // Exploration is not in the package: what it reads ties no use cases together.
        let sites: Vec<(usize, &Io)> = steps
            .iter()
            .enumerate()
            .filter(|(_, step)| step.phase != StepPhase::Explore)
            .flat_map(|(s, step)| step.io.iter().map(move |io| (s, io)))
            .collect();
        let mut binds: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut reads: HashMap<&str, Vec<usize>> = HashMap::new();
        for (at, (_, io)) in sites.iter().enumerate() {
            for b in &io.binds {
                binds.entry(b.as_str()).or_default().push(at);
            }
            for r in &io.reads {
                let positions = reads.entry(r.as_str()).or_default();
                if positions.last() != Some(&at) {
                    positions.push(at);
                }
            }
        }
        Sequence {
            sites,
            binds,
            reads,
        }
    }

    /// Where the value of `name` that a read at `at` sees was bound: the last binding
    /// before it (a statement reads before it binds).
    fn reaching(&self, name: &str, at: usize) -> Option<usize> {
        let positions = self.binds.get(name)?;
        let before = positions.partition_point(|&p| p < at);
        before.checked_sub(1).map(|i| positions[i])
    }

    /// Where the value `name` bound (or changed) at `from` is used: read directly, or
    /// through a value a statement makes from it (an instance of a class, a list
    /// holding a function, a call's result) or a nested function that reads it.
    fn uses(&self, name: &'a str, from: usize, keep: &HashSet<String>) -> Vec<usize> {
        let mut uses = Vec::new();
        let mut seen: HashSet<(usize, &str)> = HashSet::new();
        let mut queue = vec![(from, name)];
        while let Some((def, name)) = queue.pop() {
            if !seen.insert((def, name)) {
                continue;
            }
            let bound_at = self.reaching(name, def + 1);
            if keep.contains(name) && self.reaching(name, AT_THE_END) == bound_at {
                uses.push(AT_THE_END);
            }
            let readers = self.reads.get(name).map_or(&[][..], Vec::as_slice);
            let after = readers.partition_point(|&at| at <= def);
            for &at in &readers[after..] {
                if self.reaching(name, at) != bound_at {
                    continue;
                }
                let io = self.sites[at].1;
                // A nested function reads it when it is called: where it is used.
                if !io.deferred {
                    uses.push(at);
                }
                for b in &io.binds {
                    queue.push((at, b.as_str()));
                }
                for m in &io.mutates {
                    queue.push((at, m.as_str()));
                }
            }
        }
        uses
    }
}

/// The runs (indices into `runs`) that must become one, as (first, last) pairs: a
/// nested function defined in the first is used, directly or through values made from
/// it, after the last rebinds a name it reads. `keep` names values used after the
/// last step.
pub(super) fn ties(
    steps: &[StepInfo],
    runs: &[Vec<usize>],
    keep: &HashSet<String>,
) -> Vec<(usize, usize)> {
    let sequence = Sequence::new(steps);
    let run_of: HashMap<usize, usize> = runs
        .iter()
        .enumerate()
        .flat_map(|(r, run)| run.iter().map(move |&s| (s, r)))
        .collect();
    let mut ties = Vec::new();
    for (def, (step, io)) in sequence.sites.iter().enumerate() {
        let Some(&first) = run_of.get(step).filter(|_| io.deferred) else {
            continue;
        };
        for f in &io.binds {
            for used in sequence.uses(f, def, keep) {
                for n in &io.reads {
                    let rebound = sequence
                        .reaching(n, used)
                        .filter(|&at| at > def)
                        .and_then(|at| run_of.get(&sequence.sites[at].0));
                    if let Some(&last) = rebound.filter(|&&last| last > first) {
                        ties.push((first, last));
                    }
                }
            }
        }
    }
    ties
}
