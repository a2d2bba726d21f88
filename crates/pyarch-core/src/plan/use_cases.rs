//! The service layer's use cases: the run-it-all sequence cut into a few runs of steps
//! named for what they do (`prepare_data`, `train`, `evaluate`, `predict`,
//! `make_submission`). Each takes the repository (or the unit of work), and its
//! parameters and return values come from [`liveness::signature`] over its steps.

use super::liveness::{self, Io, Signature};
use std::collections::{HashMap, HashSet};

/// What a use case does, in the order a notebook usually does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Loading, cleaning and building features.
    Prepare,
    /// Splitting and fitting.
    Train,
    Tune,
    Evaluate,
    Predict,
    /// Nothing but glue (prints, setup): a notebook with no data work.
    Steps,
}

/// What one step of the run-it-all sequence contributes to its use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StepPhase {
    /// Reads data through the repository: starts preparing data.
    Load,
    /// A domain transformation: prepares data, or the inputs of the model step after it.
    Transform,
    /// Model work of the service layer.
    Model(Phase),
    /// Glue that goes with the use case around it (setup, prints, saves, closures).
    Attach,
    /// Exploration: not part of any use case.
    Explore,
}

/// A step of the sequence as the use cases see it.
#[derive(Debug, Clone)]
pub(super) struct StepInfo {
    /// Its statements' (or its call's) reads and binds, in order.
    pub io: Vec<Io>,
    pub phase: StepPhase,
    /// Names the step's nested functions read when they are called.
    pub closure_reads: Vec<String>,
    /// What the step works on, for the use case's name (`train_and_test`, `rf`).
    pub subject: Option<String>,
    /// The step saves a submission (a predict use case that does is `make_submission`).
    pub saves_submission: bool,
    /// Functions and classes the step defines (never a use case's result).
    pub defines: Vec<String>,
    /// The cell it comes from and how many source lines it runs.
    pub cell: usize,
    pub lines: usize,
}

/// A use case longer than this many lines is cut at a cell boundary.
const MAX_LINES: usize = 60;

/// Lines a use case adds around its steps: `def`, docstring, `return`.
const FRAME_LINES: usize = 10;

/// A planned use case: its steps (indices into the sequence; no exploration), what it
/// does, its signature and candidate names (best first).
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub steps: Vec<usize>,
    pub phase: Phase,
    pub signature: Signature,
    pub candidates: Vec<String>,
}

/// Cuts the sequence into use cases. `is_pipeline` says which names are pipeline values;
/// `keep` names values the caller needs back from `run_pipeline` (the HTTP entrypoint's
/// predict function), which are returned although no later step reads them. Values
/// that only later exploration reads (what the notebook plots) are returned too.
pub(super) fn plan(
    steps: &[StepInfo],
    is_pipeline: impl Fn(&str) -> bool,
    keep: &HashSet<String>,
) -> Vec<Planned> {
    let phases = resolve_phases(steps);
    let mut runs = split_long(steps, runs_of(&phases));
    merge_for_closures(steps, &mut runs);
    // The last use case that reads each name (directly or through a nested function).
    let mut last_read: HashMap<&str, usize> = HashMap::new();
    for (i, (_, run)) in runs.iter().enumerate() {
        for &s in run {
            let reads = steps[s].io.iter().flat_map(|io| io.reads.iter());
            for r in reads.chain(steps[s].closure_reads.iter()) {
                last_read.insert(r.as_str(), i);
            }
        }
    }
    let mut live: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (i, (phase, run)) in runs.iter().enumerate() {
        let explored = explored_after(steps, run);
        let handed_on = |n: &str| keep.contains(n) || last_read.get(n).is_some_and(|&r| r > i);
        let needed = |n: &str| handed_on(n) || explored.contains(n);
        let ios = run.iter().flat_map(|&s| steps[s].io.iter());
        let mut signature = liveness::signature(ios, &live, &is_pipeline, needed);
        if !signature.returns.iter().any(|n| handed_on(n)) {
            // No later use case reads its values: the last one it computes is its result.
            let defined = |n: &String| run.iter().any(|&s| steps[s].defines.contains(n));
            let result = signature
                .locals
                .iter()
                .rev()
                .find(|n| is_pipeline(n) && !defined(n));
            if let Some(last) = result.filter(|n| !signature.returns.contains(n)) {
                signature.returns.push(last.clone());
            }
        }
        live.extend(signature.returns.iter().cloned());
        out.push(Planned {
            candidates: names(*phase, run, steps),
            steps: run.clone(),
            phase: *phase,
            signature,
        });
    }
    out
}

/// The names the run's steps bind or change that an exploration step after them reads:
/// what the notebook plots or looks at is a result of the use case that computes it
/// (so that its tests compare it), although the exploration is not in the package.
fn explored_after<'a>(steps: &'a [StepInfo], run: &[usize]) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for &s in run {
        let made = steps[s]
            .io
            .iter()
            .flat_map(|io| io.binds.iter().chain(io.mutates.iter()));
        for name in made {
            let explored = steps[s + 1..].iter().any(|later| {
                later.phase == StepPhase::Explore
                    && later.io.iter().any(|io| io.reads.contains(name))
            });
            if explored {
                out.insert(name.as_str());
            }
        }
    }
    out
}

/// A phase for every step (`None` for exploration): model steps say theirs; loads start
/// preparing; a transformation after the model work goes with the model step it feeds;
/// glue goes with the step before it (or, at the start, after it).
fn resolve_phases(steps: &[StepInfo]) -> Vec<Option<Phase>> {
    let mut phases: Vec<Option<Phase>> = vec![None; steps.len()];
    let mut current: Option<Phase> = None;
    for (i, step) in steps.iter().enumerate() {
        let phase = match step.phase {
            StepPhase::Explore => continue,
            StepPhase::Attach => current,
            // Loading right before predicting (a saved model) is part of predicting.
            StepPhase::Load => match current {
                Some(Phase::Prepare) | None => Some(Phase::Prepare),
                Some(_) => {
                    let next = steps[i + 1..]
                        .iter()
                        .find(|s| !matches!(s.phase, StepPhase::Attach | StepPhase::Explore));
                    match next.map(|s| s.phase) {
                        Some(StepPhase::Model(p @ (Phase::Predict | Phase::Evaluate))) => Some(p),
                        _ => Some(Phase::Prepare),
                    }
                }
            },
            StepPhase::Model(p) => Some(p),
            StepPhase::Transform => match current {
                None | Some(Phase::Prepare) => Some(Phase::Prepare),
                Some(now) => {
                    let next = steps[i + 1..].iter().find_map(|s| match s.phase {
                        StepPhase::Model(p) => Some(Some(p)),
                        StepPhase::Load => Some(None),
                        _ => None,
                    });
                    Some(next.flatten().unwrap_or(now))
                }
            },
        };
        phases[i] = phase;
        if phase.is_some() {
            current = phase;
        }
    }
    // Glue before the first phase goes with it; a sequence of glue only is one use case.
    let first = phases.iter().flatten().next().copied();
    for (i, step) in steps.iter().enumerate() {
        if step.phase != StepPhase::Explore && phases[i].is_none() {
            phases[i] = Some(first.unwrap_or(Phase::Steps));
        }
    }
    phases
}

/// Consecutive steps of one phase, as (phase, steps); exploration is left out.
fn runs_of(phases: &[Option<Phase>]) -> Vec<(Phase, Vec<usize>)> {
    let mut runs: Vec<(Phase, Vec<usize>)> = Vec::new();
    for (i, phase) in phases.iter().enumerate() {
        let Some(phase) = *phase else { continue };
        match runs.last_mut() {
            Some((p, run)) if *p == phase => run.push(i),
            _ => runs.push((phase, vec![i])),
        }
    }
    runs
}

/// Runs longer than [`MAX_LINES`] cut where a cell starts, so that no use case is much
/// longer than a screen unless one cell is.
fn split_long(steps: &[StepInfo], runs: Vec<(Phase, Vec<usize>)>) -> Vec<(Phase, Vec<usize>)> {
    let mut out = Vec::new();
    for (phase, run) in runs {
        let mut current: Vec<usize> = Vec::new();
        let mut lines = 0;
        for s in run {
            let new_cell = current
                .last()
                .is_some_and(|&p| steps[p].cell != steps[s].cell);
            if new_cell && lines + steps[s].lines + FRAME_LINES > MAX_LINES {
                out.push((phase, std::mem::take(&mut current)));
                lines = 0;
            }
            lines += steps[s].lines;
            current.push(s);
        }
        if !current.is_empty() {
            out.push((phase, current));
        }
    }
    out
}

/// A nested function sees the names of the scope it was defined in when it is called.
/// In the notebook that scope is the whole pipeline, so a function defined in one use
/// case that reads a name a later use case binds would see another value: such use
/// cases become one.
fn merge_for_closures(steps: &[StepInfo], runs: &mut Vec<(Phase, Vec<usize>)>) {
    let binds = |run: &[usize], name: &str| {
        run.iter().any(|&s| {
            steps[s]
                .io
                .iter()
                .any(|io| io.binds.iter().any(|b| b == name))
        })
    };
    let mut i = 0;
    while i < runs.len() {
        let reads: Vec<&String> = runs[i]
            .1
            .iter()
            .flat_map(|&s| steps[s].closure_reads.iter())
            .collect();
        let last = (i + 1..runs.len())
            .rev()
            .find(|&j| reads.iter().any(|n| binds(&runs[j].1, n)));
        match last {
            Some(j) => {
                let merged: Vec<usize> = runs
                    .drain(i + 1..=j)
                    .flat_map(|(_, r)| r.into_iter())
                    .collect();
                runs[i].1.extend(merged);
            }
            None => i += 1,
        }
    }
}

/// Candidate names for a use case, best first.
fn names(phase: Phase, run: &[usize], steps: &[StepInfo]) -> Vec<String> {
    let subject_of = |want: fn(StepPhase) -> bool| {
        run.iter()
            .filter(|&&s| want(steps[s].phase))
            .find_map(|&s| steps[s].subject.clone())
    };
    let subject = match phase {
        Phase::Prepare => subject_of(|p| p == StepPhase::Load)
            .or_else(|| subject_of(|p| p == StepPhase::Transform)),
        _ => subject_of(|p| matches!(p, StepPhase::Model(_))),
    };
    let with = |verb: &str| subject.as_ref().map(|s| format!("{verb}_{s}"));
    let mut out: Vec<String> = Vec::new();
    match phase {
        Phase::Prepare => {
            out.push("prepare_data".into());
            out.extend(with("prepare"));
        }
        Phase::Train => {
            out.push("train".into());
            out.extend(with("train"));
            out.push("train_model".into());
        }
        Phase::Tune => {
            out.push("tune".into());
            out.extend(with("tune"));
            out.push("tune_hyperparameters".into());
        }
        Phase::Evaluate => {
            out.push("evaluate".into());
            out.extend(with("evaluate"));
            out.push("evaluate_model".into());
        }
        Phase::Predict => {
            if run.iter().any(|&s| steps[s].saves_submission) {
                out.push("make_submission".into());
            }
            out.push("predict".into());
            out.push("make_predictions".into());
            out.extend(with("predict"));
        }
        Phase::Steps => out.push("run_steps".into()),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(phase: StepPhase, reads: &[&str], binds: &[&str]) -> StepInfo {
        StepInfo {
            io: vec![Io {
                reads: reads.iter().map(|s| s.to_string()).collect(),
                binds: binds.iter().map(|s| s.to_string()).collect(),
                mutates: Vec::new(),
                conditional: false,
            }],
            phase,
            closure_reads: Vec::new(),
            subject: None,
            saves_submission: false,
            defines: Vec::new(),
            cell: 0,
            lines: 1,
        }
    }

    #[test]
    fn a_notebook_becomes_prepare_train_predict() {
        let steps = [
            step(StepPhase::Attach, &[], &[]),
            step(StepPhase::Load, &[], &["df"]),
            step(StepPhase::Transform, &["df"], &["X", "y"]),
            step(StepPhase::Explore, &["X"], &[]),
            step(StepPhase::Model(Phase::Train), &["X", "y"], &["model"]),
            step(StepPhase::Load, &[], &["test"]),
            step(StepPhase::Transform, &["test"], &["X_test"]),
            step(
                StepPhase::Model(Phase::Predict),
                &["model", "X_test"],
                &["pred"],
            ),
            step(StepPhase::Attach, &["pred"], &[]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new());
        let shape: Vec<(Phase, Vec<usize>)> =
            planned.iter().map(|p| (p.phase, p.steps.clone())).collect();
        assert_eq!(
            shape,
            [
                (Phase::Prepare, vec![0, 1, 2]),
                (Phase::Train, vec![4]),
                (Phase::Prepare, vec![5, 6]),
                (Phase::Predict, vec![7, 8]),
            ]
        );
        assert_eq!(planned[1].signature.params, ["X", "y"]);
        assert_eq!(planned[1].signature.returns, ["model"]);
        assert_eq!(planned[3].signature.params, ["model", "X_test"]);
        // Nothing later reads `pred`: it is the use case's result.
        assert_eq!(planned[3].signature.returns, ["pred"]);
    }

    #[test]
    fn what_only_exploration_reads_later_is_a_result() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            step(StepPhase::Model(Phase::Train), &["df"], &["model", "curve"]),
            step(StepPhase::Explore, &["curve"], &[]),
            step(StepPhase::Attach, &["curve"], &["shown"]),
            step(
                StepPhase::Model(Phase::Predict),
                &["model", "df"],
                &["pred"],
            ),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new());
        // The exploration comes before the end of the use case, after the binding.
        assert_eq!(planned[1].steps, [1, 3]);
        assert_eq!(planned[1].signature.returns, ["model", "curve"]);
        // Exploration before a use case asks nothing of it; the last value it
        // computes stays its result.
        assert_eq!(planned[2].signature.returns, ["pred"]);
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            step(
                StepPhase::Model(Phase::Evaluate),
                &["df"],
                &["model", "score"],
            ),
            step(StepPhase::Explore, &["model"], &[]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new());
        assert_eq!(planned[1].signature.returns, ["model", "score"]);
    }

    #[test]
    fn a_transformation_after_training_feeds_the_next_model_step() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            step(
                StepPhase::Model(Phase::Train),
                &["df"],
                &["model", "scaler"],
            ),
            step(StepPhase::Transform, &["scaler", "df"], &["X_test"]),
            step(
                StepPhase::Model(Phase::Predict),
                &["model", "X_test"],
                &["pred"],
            ),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new());
        assert_eq!(planned[2].phase, Phase::Predict);
        assert_eq!(planned[2].steps, [2, 3]);
        assert_eq!(planned[2].signature.params, ["scaler", "df", "model"]);
    }

    #[test]
    fn a_nested_function_reading_a_later_value_keeps_both_in_one_use_case() {
        let mut define = step(StepPhase::Attach, &[], &["report"]);
        define.closure_reads = vec!["score".into()];
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            define,
            step(StepPhase::Model(Phase::Train), &["df"], &["score"]),
            step(StepPhase::Attach, &["report"], &[]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new());
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].steps, [0, 1, 2, 3]);
    }
}
