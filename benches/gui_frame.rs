//! Frame time of the desktop app: the CPU work of one frame (egui layout of the whole
//! window plus tessellation), on the largest corpus notebooks and on a synthetic
//! 2,000-cell notebook. No window and no GPU: the glow upload and swap come on top.
//!
//! Run (release profile):
//!
//! ```text
//! cargo bench --bench gui_frame
//! ```
//!
//! Notebooks: `PYARCH_BENCH_NOTEBOOKS` (paths separated by `:`) or, by default, the
//! largest file and the notebook with most cells in `../shared/corpus/notebooks`.
//! Scenarios, each measured over many frames at 1400×900:
//! - idle: nothing changes (the cost of drawing the Cells tab);
//! - scroll: the cell list scrolled by the mouse wheel every frame;
//! - next cell: `j` every frame (cells already highlighted once; the first visit,
//!   highlighted inline here, is reported separately: the app does it off-thread);
//! - dataflow: the Dataflow tab, scrolled every frame;
//! - layout: the Layout tab, idle.

use egui::{vec2, Event, Key, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect};
use pyarch::gui::{AppOptions, PyarchApp};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SIZE: egui::Vec2 = vec2(1400.0, 900.0);

struct Bench {
    ctx: egui::Context,
    app: PyarchApp,
    time: f64,
}

impl Bench {
    fn new(path: &Path) -> Bench {
        let ctx = egui::Context::default();
        pyarch::gui::fonts::install(&ctx);
        let mut app = PyarchApp::new(AppOptions {
            synchronous: true,
            native_dialogs: false,
            watch_file: false,
            samples: Some(Vec::new()),
            ..AppOptions::default()
        });
        app.open_path(path.to_path_buf());
        let mut bench = Bench {
            ctx,
            app,
            time: 0.0,
        };
        for _ in 0..10 {
            bench.frame(Vec::new());
        }
        assert!(!bench.app.is_busy(), "the notebook should be loaded");
        assert!(bench.app.errors().is_empty(), "{:?}", bench.app.errors());
        bench
    }

    /// One frame: layout and tessellation. Returns its duration.
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let started = Instant::now();
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = started.elapsed();
        std::hint::black_box(primitives);
        elapsed
    }

    fn key(&mut self, key: Key) -> Duration {
        let event = |pressed| Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        };
        self.frame(vec![event(true), event(false)])
    }

    fn wheel(&mut self, at: Pos2, dy: f32) -> Duration {
        self.frame(vec![
            Event::PointerMoved(at),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            },
        ])
    }

    fn click(&mut self, at: Pos2) {
        let button = |pressed| Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        };
        self.frame(vec![Event::PointerMoved(at), button(true)]);
        self.frame(vec![button(false)]);
        for _ in 0..3 {
            self.frame(Vec::new());
        }
    }
}

struct Stats {
    mean: f64,
    p50: f64,
    p95: f64,
    max: f64,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let n = samples.len().max(1);
    Stats {
        mean: samples.iter().map(|d| ms(*d)).sum::<f64>() / n as f64,
        p50: samples.get(n / 2).map_or(0.0, |d| ms(*d)),
        p95: samples.get(n * 95 / 100).map_or(0.0, |d| ms(*d)),
        max: samples.last().map_or(0.0, |d| ms(*d)),
    }
}

fn report(notebook: &str, scenario: &str, samples: Vec<Duration>) {
    let frames = samples.len();
    let s = stats(samples);
    println!(
        "{notebook:<44} {scenario:<28} {frames:>5} frames  mean {:>6.2} ms  p50 {:>6.2}  p95 {:>6.2}  max {:>6.2}",
        s.mean, s.p50, s.p95, s.max
    );
}

fn run(path: &Path) {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let name: String = name.chars().take(44).collect();
    let mut b = Bench::new(path);
    let list = Pos2::new(150.0, 500.0);
    let dataflow = Pos2::new(700.0, 500.0);

    // Idle.
    let idle: Vec<Duration> = (0..200).map(|_| b.frame(Vec::new())).collect();
    report(&name, "idle (Cells tab)", idle);

    // Scrolling the list: down then back up.
    let scroll: Vec<Duration> = (0..300)
        .map(|i| b.wheel(list, if (i / 150) % 2 == 0 { -60.0 } else { 60.0 }))
        .collect();
    report(&name, "scroll the cell list", scroll);

    // First visit of each cell (inline highlighting), then again with the cache warm.
    b.key(Key::Home);
    let first: Vec<Duration> = (0..300).map(|_| b.key(Key::J)).collect();
    for _ in 0..300 {
        b.key(Key::K);
    }
    let again: Vec<Duration> = (0..300).map(|_| b.key(Key::J)).collect();
    report(&name, "next cell, first visit*", first);
    report(&name, "next cell (j)", again);

    // The Dataflow tab, scrolled.
    b.click(Pos2::new(240.0, 12.0));
    let flow: Vec<Duration> = (0..300)
        .map(|i| b.wheel(dataflow, if (i / 150) % 2 == 0 { -60.0 } else { 60.0 }))
        .collect();
    report(&name, "dataflow tab, scroll", flow);

    // The Layout tab.
    b.click(Pos2::new(183.0, 12.0));
    let layout: Vec<Duration> = (0..200).map(|_| b.frame(Vec::new())).collect();
    report(&name, "layout tab, idle", layout);
}

fn corpus_notebooks() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/notebooks");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
        .collect();
    let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let cells = |p: &PathBuf| {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .and_then(|v| v["cells"].as_array().map(Vec::len))
            .unwrap_or(0)
    };
    let mut out = Vec::new();
    if let Some(largest) = files.iter().max_by_key(|p| size(p)) {
        out.push(largest.clone());
    }
    if let Some(most) = files.iter().max_by_key(|p| cells(p)) {
        if !out.contains(most) {
            out.push(most.clone());
        }
    }
    out
}

/// `n` cells: markdown headings, code with def-use chains, in-place mutations,
/// outputs, Korean comments and a few out-of-order counts.
fn synthetic_notebook(n: usize) -> String {
    let cells: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            if i % 10 == 0 {
                serde_json::json!({"cell_type": "markdown", "metadata": {},
                                   "source": [format!("## Section {i}\n"), "텍스트 설명\n"]})
            } else {
                let count = if i % 37 == 0 { i / 2 } else { i };
                serde_json::json!({"cell_type": "code", "execution_count": count, "metadata": {},
                    "outputs": [{"output_type": "stream", "name": "stdout", "text": [format!("{i}\n")]}],
                    "source": [
                        format!("value_{i} = value_{} + 1\n", i - 1),
                        format!("df.fillna({i}, inplace=True)\n"),
                        "for j in range(3):\n".to_string(),
                        format!("    total_{i} = sum(x * j for x in df['col_{}'])\n", i % 7),
                        format!("print(value_{i}, total_{i})  # 셀 {i}\n"),
                    ]})
            }
        })
        .collect();
    serde_json::json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
        .to_string()
}

fn main() {
    // `cargo bench` passes `--bench`; filters are not supported.
    let mut notebooks: Vec<PathBuf> = match std::env::var("PYARCH_BENCH_NOTEBOOKS") {
        Ok(list) => list
            .split(':')
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect(),
        Err(_) => corpus_notebooks(),
    };
    let dir = std::env::temp_dir().join(format!("pyarch-bench-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_ok() {
        let synthetic = dir.join("synthetic_2000_cells.ipynb");
        if std::fs::write(&synthetic, synthetic_notebook(2_000)).is_ok() {
            notebooks.push(synthetic);
        }
    }
    println!(
        "Frame time (layout + tessellation, 1400x900), {} profile",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    for path in &notebooks {
        run(path);
    }
    println!(
        "* the first visit highlights the cell inline here; the app highlights off the UI thread."
    );
    let _ = std::fs::remove_dir_all(&dir);
}
