//! `pyarch plan` and `pyarch export`, for one notebook or a batch.

use super::config::Finder;
use super::output::{self, Stop};
use super::{overrides, run_ordered, walk, ExportArgs, Langs, OverrideSpec, PlanArgs, PlanFormat};
use crate::analysis::Analysis;
use crate::i18n::{tr, Lang};
use crate::load::load_notebook;
use crate::msg;
use crate::plan::Level;
use crate::rules::Selection;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `plan` and `export` ask of the planner.
struct PlanRequest<'a> {
    level: Level,
    package: Option<String>,
    overrides: &'a [OverrideSpec],
}

impl<'a> PlanRequest<'a> {
    /// Flags first, then `[tool.pyarch]` above the notebook; `package` from the
    /// configuration only when `single` (a batch names each package after its notebook).
    fn resolve(
        notebook: &Path,
        level: Option<Level>,
        package: Option<&str>,
        overrides: &'a [OverrideSpec],
        single: bool,
    ) -> Result<Self, String> {
        let config = Finder::default().for_path(notebook)?;
        let configured = config.as_deref();
        Ok(PlanRequest {
            level: level
                .or(configured.and_then(|c| c.level))
                .unwrap_or_default(),
            package: package.map(str::to_string).or_else(|| {
                single
                    .then(|| configured.and_then(|c| c.package.clone()))
                    .flatten()
            }),
            overrides,
        })
    }
}

/// Loads, analyses and plans one notebook for `plan` and `export`; the error is one
/// line that names the file.
fn plan_notebook(
    path: &Path,
    request: &PlanRequest,
    lang: Lang,
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
            .as_deref()
            .map_or_else(|| crate::plan::package_for(path), crate::plan::package_name),
        overrides,
        lang,
    };
    let plan = crate::plan::plan(&analysis, &options);
    Ok((analysis, plan))
}

pub(super) fn plan_command(args: &PlanArgs, langs: Langs) -> Result<ExitCode, Stop> {
    let planned = PlanRequest::resolve(
        &args.notebook,
        args.level,
        args.package.as_deref(),
        &args.overrides,
        true,
    )
    .and_then(|request| plan_notebook(&args.notebook, &request, langs.text));
    let (_, plan) = planned.map_err(Stop::Failed)?;
    let text = match args.format {
        PlanFormat::Text => plan.to_text(),
        PlanFormat::Json => serde_json::to_string_pretty(&plan)
            .map(|json| json + "\n")
            .map_err(|e| Stop::Failed(format!("cannot serialise the plan: {e}")))?,
    };
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn export_command(args: &ExportArgs, langs: Langs) -> Result<ExitCode, Stop> {
    let single = matches!(args.notebooks.as_slice(), [one] if !one.is_dir());
    if single {
        let message = export_one(&args.notebooks[0], &args.out, args, true, langs.text)
            .map_err(Stop::Failed)?;
        output::print(&format!("{message}\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.package.is_some() || !args.overrides.is_empty() {
        return Err(Stop::Failed(tr(langs.text, "cli-export-one-notebook-only")));
    }
    export_batch(args, langs.text)
}

/// Exports every notebook into its own `OUT/<package>` folder, in parallel; prints the
/// results in input order as they finish and a summary on stderr.
fn export_batch(args: &ExportArgs, lang: Lang) -> Result<ExitCode, Stop> {
    let walk = walk::notebooks(&args.notebooks);
    for warning in &walk.warnings {
        eprintln!("{warning}");
    }
    let jobs: Vec<(PathBuf, PathBuf)> = walk
        .files
        .iter()
        .cloned()
        .zip(batch_targets(&walk.files, &args.out))
        .collect();
    let (mut done, mut failed) = (0, 0);
    run_ordered(
        &jobs,
        true,
        |(notebook, out)| export_one(notebook, out, args, false, lang),
        |result| {
            done += 1;
            match result {
                Ok(message) => output::print(&format!("{message}\n")),
                Err(error) => {
                    failed += 1;
                    eprintln!("{}", msg!("cli-error", message = error).render(lang));
                    Ok(())
                }
            }
        },
    )?;
    let summary = msg!(
        "cli-export-summary",
        exported = done - failed,
        notebooks = done,
        out = args.out.display().to_string(),
        failed = failed
    );
    eprintln!("{}", summary.render(lang));
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
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
fn export_one(
    notebook: &Path,
    out: &Path,
    args: &ExportArgs,
    single: bool,
    lang: Lang,
) -> Result<String, String> {
    let request = PlanRequest::resolve(
        notebook,
        args.level,
        args.package.as_deref(),
        &args.overrides,
        single,
    )?;
    let (analysis, plan) = plan_notebook(notebook, &request, lang)?;
    let dir = notebook.parent().unwrap_or(Path::new("."));
    let samples = crate::export::data_samples(&plan, &analysis, dir, crate::export::SAMPLE_ROWS);
    let files = crate::plan::render_with_samples(&plan, &analysis, &samples);
    crate::export::check_target_keeps(out, notebook).map_err(|e| e.to_string())?;
    let summary =
        crate::export::write_export(&files, out, args.force).map_err(|e| e.to_string())?;
    let exported = msg!(
        "cli-exported",
        notebook = notebook.display().to_string(),
        package = plan.package.as_str(),
        level = plan.level,
        files = summary.files,
        out = summary.out.display().to_string(),
        fallback = plan.fallback
    );
    Ok(exported.render(lang))
}
