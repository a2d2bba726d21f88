//! The service layer's use cases: the run-it-all sequence cut into a few runs of steps
//! named for what they do (`prepare_data`, `train`, `evaluate`, `predict`,
//! `make_submission`). Each takes the repository (or the unit of work), and its
//! parameters and return values come from [`liveness::signature`] over its steps.

use super::closures;
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
    /// Exploration kept in the pipeline because a later step reads what it makes
    /// (`fig, axes = plt.subplots()`, drawn into by an evaluation).
    pub look: bool,
    /// The cell it comes from and how many lines it takes in its use case.
    pub cell: usize,
    pub lines: usize,
}

/// A use case longer than this many lines is cut at a cell boundary.
const MAX_LINES: usize = 60;

/// Lines a use case adds around its steps: `def`, a four-line docstring, `with uow:`
/// and `uow.commit()` (levels 2 and 3, so that every level cuts alike), `return`.
const FRAME_LINES: usize = 8;

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
/// that only later exploration reads (what the notebook plots) are returned too, and
/// so are the scores the notebook shows (`shown`), by the use case that computes them.
pub(super) fn plan(
    steps: &[StepInfo],
    is_pipeline: impl Fn(&str) -> bool,
    keep: &HashSet<String>,
    shown: &HashSet<String>,
) -> Vec<Planned> {
    let phases = resolve_phases(steps);
    let mut runs = split_long(steps, runs_of(&phases));
    merge_for_closures(steps, &mut runs, keep);
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
        let needed = |n: &str| handed_on(n) || explored.contains(n) || shown.contains(n);
        let ios = run.iter().flat_map(|&s| steps[s].io.iter());
        let mut signature = liveness::signature(ios, &live, &is_pipeline, needed);
        if !signature.returns.iter().any(|n| handed_on(n)) {
            // No later use case reads its values: the last one it computes is its result.
            let defined = |n: &String| run.iter().any(|&s| steps[s].defines.contains(n));
            let result = signature
                .locals
                .iter()
                .rev()
                .find(|n| is_pipeline(n) && !defined(n) && !shown.contains(*n));
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
            StepPhase::Attach => made_for_next(steps, i).or(current),
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

/// The phase of the model step right after a look kept in the pipeline that makes what
/// that step reads (a figure it draws into): the look belongs to that use case, not to
/// the one before.
fn made_for_next(steps: &[StepInfo], i: usize) -> Option<Phase> {
    if !steps[i].look {
        return None;
    }
    let made: HashSet<&str> = steps[i]
        .io
        .iter()
        .flat_map(|io| io.binds.iter().map(String::as_str))
        .collect();
    let next = steps[i + 1..]
        .iter()
        .find(|s| !matches!(s.phase, StepPhase::Attach | StepPhase::Explore))?;
    let StepPhase::Model(phase) = next.phase else {
        return None;
    };
    let mut reads = next.io.iter().flat_map(|io| io.reads.iter());
    reads.any(|r| made.contains(r.as_str())).then_some(phase)
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

/// Runs longer than [`MAX_LINES`] cut where a cell starts, so that no use case is longer
/// than a screen unless one cell is. The renderer puts a blank line between the steps
/// of two cells.
fn split_long(steps: &[StepInfo], runs: Vec<(Phase, Vec<usize>)>) -> Vec<(Phase, Vec<usize>)> {
    let mut out = Vec::new();
    for (phase, run) in runs {
        let mut current: Vec<usize> = Vec::new();
        let mut lines = 0;
        for cell in run.chunk_by(|&a, &b| steps[a].cell == steps[b].cell) {
            let cell_lines: usize = cell.iter().map(|&s| steps[s].lines).sum();
            if !current.is_empty() && FRAME_LINES + lines + 1 + cell_lines > MAX_LINES {
                out.push((phase, std::mem::take(&mut current)));
                lines = 0;
            }
            lines += cell_lines + usize::from(!current.is_empty());
            current.extend_from_slice(cell);
        }
        if !current.is_empty() {
            out.push((phase, current));
        }
    }
    out
}

/// Runs that a nested function ties together ([`closures::ties`]) become one.
fn merge_for_closures(
    steps: &[StepInfo],
    runs: &mut Vec<(Phase, Vec<usize>)>,
    keep: &HashSet<String>,
) {
    let plain: Vec<Vec<usize>> = runs.iter().map(|(_, run)| run.clone()).collect();
    // The last run each one goes on to.
    let mut reach: Vec<usize> = (0..runs.len()).collect();
    for (first, last) in closures::ties(steps, &plain, keep) {
        reach[first] = reach[first].max(last);
    }
    let mut merged: Vec<(Phase, Vec<usize>)> = Vec::new();
    // The last run the use case being built reaches.
    let mut end = 0;
    for (i, (phase, run)) in std::mem::take(runs).into_iter().enumerate() {
        match merged.last_mut() {
            Some((_, into)) if i <= end => {
                into.extend(run);
                end = end.max(reach[i]);
            }
            _ => {
                merged.push((phase, run));
                end = reach[i];
            }
        }
    }
    *runs = merged;
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
                deferred: false,
            }],
            phase,
            closure_reads: Vec::new(),
            subject: None,
            saves_submission: false,
            defines: Vec::new(),
            look: false,
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
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
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
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
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
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        assert_eq!(planned[1].signature.returns, ["model", "score"]);
    }

    #[test]
    fn a_look_that_makes_what_the_next_model_step_reads_goes_with_it() {
        // `fig, axes = plt.subplots()` after training, drawn into by an evaluation.
        let figure = StepInfo {
            look: true,
            ..step(StepPhase::Attach, &[], &["axes"])
        };
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            step(StepPhase::Model(Phase::Train), &["df"], &["model"]),
            figure,
            step(StepPhase::Explore, &["df", "axes"], &[]),
            step(StepPhase::Attach, &["model"], &[]),
            step(StepPhase::Model(Phase::Evaluate), &["model", "axes"], &[]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        let shape: Vec<(Phase, Vec<usize>)> =
            planned.iter().map(|p| (p.phase, p.steps.clone())).collect();
        assert_eq!(
            shape,
            [
                (Phase::Prepare, vec![0]),
                (Phase::Train, vec![1]),
                (Phase::Evaluate, vec![2, 4, 5]),
            ]
        );
        assert_eq!(planned[1].signature.returns, ["model"]);
        // A look the next model step does not read stays with the use case before it,
        // and so does other glue (a setting, `param = {…}`), which closures and the
        // length limit already place.
        let mut unread = steps.clone();
        unread[5] = step(StepPhase::Model(Phase::Evaluate), &["model"], &[]);
        let planned = plan(&unread, |_| true, &HashSet::new(), &HashSet::new());
        assert_eq!(planned[1].steps, [1, 2, 4]);
        let mut setting = steps;
        setting[2].look = false;
        let planned = plan(&setting, |_| true, &HashSet::new(), &HashSet::new());
        assert_eq!(planned[1].steps, [1, 2, 4]);
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
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        assert_eq!(planned[2].phase, Phase::Predict);
        assert_eq!(planned[2].steps, [2, 3]);
        assert_eq!(planned[2].signature.params, ["scaler", "df", "model"]);
    }

    #[test]
    fn a_nested_function_reading_a_later_value_keeps_both_in_one_use_case() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            nested("report", &["score"]),
            step(StepPhase::Model(Phase::Train), &["df"], &["score"]),
            step(StepPhase::Attach, &["report"], &[]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].steps, [0, 1, 2, 3]);
    }

    /// A step defining the nested function `name`, which reads `reads` when called.
    fn nested(name: &str, reads: &[&str]) -> StepInfo {
        let mut define = step(StepPhase::Attach, reads, &[name]);
        define.io[0].deferred = true;
        define.closure_reads = reads.iter().map(|s| s.to_string()).collect();
        define.defines = vec![name.to_string()];
        define
    }

    #[test]
    fn a_nested_function_called_only_before_the_rebinding_keeps_use_cases_apart() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            nested("report", &["score"]),
            step(StepPhase::Attach, &["report"], &[]),
            step(StepPhase::Model(Phase::Train), &["df"], &["score"]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        let runs: Vec<Vec<usize>> = planned.iter().map(|p| p.steps.clone()).collect();
        assert_eq!(runs, [vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn a_nested_function_called_through_another_after_the_rebinding_keeps_both() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            nested("pivot", &["df"]),
            step(StepPhase::Model(Phase::Train), &["df"], &["df"]),
            nested("top", &["pivot"]),
            step(StepPhase::Model(Phase::Evaluate), &["top"], &["scores"]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        // `top`, passed on, calls `pivot` after `df` is rebound: `pivot` must see it.
        assert_eq!(planned[0].steps, [0, 1, 2, 3]);
        // Nothing calls them: no reason to keep the use cases together.
        let mut uncalled = steps.clone();
        uncalled[4] = step(StepPhase::Model(Phase::Evaluate), &["df"], &["scores"]);
        assert_eq!(
            plan(&uncalled, |_| true, &HashSet::new(), &HashSet::new()).len(),
            3
        );
    }

    #[test]
    fn an_instance_of_a_nested_class_used_after_the_rebinding_keeps_both() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            nested("Report", &["df"]),
            step(StepPhase::Attach, &["Report"], &["report"]),
            step(StepPhase::Model(Phase::Train), &["df"], &["df"]),
            step(StepPhase::Model(Phase::Evaluate), &["report"], &["scores"]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        // `report` is made before `df` is rebound; its methods read `df` after.
        assert_eq!(planned[0].steps, [0, 1, 2, 3]);
    }

    #[test]
    fn a_nested_class_defined_again_is_another_one() {
        let steps = [
            step(StepPhase::Load, &[], &["x"]),
            nested("Model", &["x"]),
            step(StepPhase::Attach, &["Model"], &["first"]),
            step(StepPhase::Model(Phase::Train), &["x"], &["x"]),
            nested("Model", &["x"]),
            step(StepPhase::Model(Phase::Evaluate), &["Model"], &["scores"]),
        ];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        // The last step uses the second `Model`, defined after `x` is rebound.
        let runs: Vec<Vec<usize>> = planned.iter().map(|p| p.steps.clone()).collect();
        assert_eq!(runs, [vec![0, 1, 2], vec![3, 4], vec![5]]);
    }

    #[test]
    fn a_long_run_is_cut_before_the_cell_that_takes_it_over_60_lines() {
        let in_cell = |cell: usize, lines: usize| {
            let mut s = step(StepPhase::Transform, &[], &[]);
            s.cell = cell;
            s.lines = lines;
            s
        };
        // Cell 1 is 30 lines, cell 2 is 10 + 15: with the frame, 64 lines in one.
        let steps = [in_cell(1, 30), in_cell(2, 10), in_cell(2, 15)];
        let planned = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        let runs: Vec<Vec<usize>> = planned.iter().map(|p| p.steps.clone()).collect();
        assert_eq!(runs, [vec![0], vec![1, 2]]);
        // 30 + a blank line + 21 and the frame: 60 lines, one use case.
        let steps = [in_cell(1, 30), in_cell(2, 10), in_cell(2, 11)];
        assert_eq!(
            plan(&steps, |_| true, &HashSet::new(), &HashSet::new()).len(),
            1
        );
    }

    #[test]
    fn a_shown_score_is_returned_besides_the_last_value() {
        let steps = [
            step(StepPhase::Load, &[], &["df"]),
            step(StepPhase::Model(Phase::Train), &["df"], &["model"]),
            step(
                StepPhase::Model(Phase::Evaluate),
                &["model", "df"],
                &["cv", "cv_mean"],
            ),
        ];
        let none = plan(&steps, |_| true, &HashSet::new(), &HashSet::new());
        assert_eq!(none[2].signature.returns, ["cv_mean"]);
        let shown: HashSet<String> = ["cv_mean".to_string()].into();
        let planned = plan(&steps, |_| true, &HashSet::new(), &shown);
        assert_eq!(planned[2].signature.returns, ["cv_mean", "cv"]);
    }
}
