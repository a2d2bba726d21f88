//! `pyarch plan` and `pyarch export`, for one notebook or a batch.

use super::{
    expand_paths, overrides, par_map_with_progress, ExportArgs, OverrideSpec, PlanArgs, PlanFormat,
};
use crate::analysis::Analysis;
use crate::load::load_notebook;
use crate::rules::Selection;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `plan` and `export` ask of the planner.
struct PlanRequest<'a> {
    level: u8,
    package: Option<&'a str>,
    overrides: &'a [OverrideSpec],
}

/// Loads, analyses and plans one notebook for `plan` and `export`; the error is one
/// line that names the file.
fn plan_notebook(
    path: &Path,
    request: &PlanRequest,
) -> Result<(Analysis, crate::plan::Plan), String> {
    let notebook = load_notebook(path).map_err(|e| e.to_string())?;
    let analysis = Analysis::run(notebook, &Selection::default());
    let overrides = request
        .overrides
        .iter()
        .map(|spec| overrides::resolve(spec, &analysis))
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let options = crate::plan::PlanOptions {
        level: request.level,
        package: request
            .package
            .map_or_else(|| crate::plan::package_for(path), crate::plan::package_name),
        overrides,
    };
    let plan = crate::plan::plan(&analysis, &options);
    Ok((analysis, plan))
}

pub(super) fn plan_command(args: &PlanArgs) -> ExitCode {
    let request = PlanRequest {
        level: args.level,
        package: args.package.as_deref(),
        overrides: &args.overrides,
    };
    let (_, plan) = match plan_notebook(&args.notebook, &request) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match args.format {
        PlanFormat::Text => print!("{}", plan.to_text()),
        PlanFormat::Json => match serde_json::to_string_pretty(&plan) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot serialise the plan: {e}");
                return ExitCode::from(2);
            }
        },
    }
    ExitCode::SUCCESS
}

pub(super) fn export_command(args: &ExportArgs) -> ExitCode {
    let single = matches!(args.notebooks.as_slice(), [one] if !one.is_dir());
    if single {
        return match export_one(&args.notebooks[0], &args.out, args) {
            Ok(message) => {
                println!("{message}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        };
    }
    if args.package.is_some() || !args.overrides.is_empty() {
        eprintln!("error: --package and --override apply to one notebook; they cannot be used with several");
        return ExitCode::from(2);
    }
    export_batch(args)
}

/// Exports every notebook into its own `OUT/<package>` folder, in parallel; prints the
/// results in input order and a summary on stderr.
fn export_batch(args: &ExportArgs) -> ExitCode {
    let files = expand_paths(&args.notebooks);
    let jobs: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .cloned()
        .zip(batch_targets(&files, &args.out))
        .collect();
    let results = par_map_with_progress(&jobs, true, |(notebook, out)| {
        export_one(notebook, out, args)
    });
    let mut failed = 0;
    for result in &results {
        match result {
            Ok(message) => println!("{message}"),
            Err(error) => {
                failed += 1;
                eprintln!("error: {error}");
            }
        }
    }
    eprintln!(
        "Summary: {} of {} notebooks exported into {}, {failed} failed",
        results.len() - failed,
        results.len(),
        args.out.display()
    );
    if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One folder per notebook, named after its package; a repeated name gets `_2`, `_3`…
pub fn batch_targets(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let mut taken = std::collections::BTreeSet::new();
    files
        .iter()
        .map(|file| {
            let base = crate::plan::package_for(file);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}_{n}");
            }
            out.join(name)
        })
        .collect()
}

/// Loads, plans, renders and writes one notebook; `Ok` is the line to print, `Err` the
/// one-line error.
fn export_one(notebook: &Path, out: &Path, args: &ExportArgs) -> Result<String, String> {
    let request = PlanRequest {
        level: args.level,
        package: args.package.as_deref(),
        overrides: &args.overrides,
    };
    let (analysis, plan) = plan_notebook(notebook, &request)?;
    let dir = notebook.parent().unwrap_or(Path::new("."));
    let samples = crate::export::data_samples(&plan, &analysis, dir, 100);
    let files = crate::plan::render_with_samples(&plan, &analysis, &samples);
    crate::export::check_target_keeps(out, notebook).map_err(|e| e.to_string())?;
    let summary =
        crate::export::write_export(&files, out, args.force).map_err(|e| e.to_string())?;
    Ok(format!(
        "Exported {} as package `{}` (level {}): {} files in {}{}",
        notebook.display(),
        plan.package,
        plan.level,
        summary.files,
        summary.out.display(),
        if plan.fallback {
            " (fallback: one function per cell, see README.md)"
        } else {
            ""
        }
    ))
}
