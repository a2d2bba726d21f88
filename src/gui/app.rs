//! The app: its state, the frame (menu, tabs, panels, windows), keyboard shortcuts,
//! background jobs (load and analyse, plan, dialogs, export) and file watching.
//!
//! Panels never change the app directly: they push [`Action`]s, applied at the end of
//! the frame. Every error lands in exactly one place the user sees: the banner, or
//! the export window while it is open.

use super::cell_list::{self, ListState};
use super::cell_view::{self, ViewState};
use super::dataflow::{self, DataflowState};
use super::document::{self, Document, LoadStage, Loaded};
use super::export::{self, ExportState, ExportSummary};
use super::fonts;
use super::highlight::Highlighter;
use super::inspector::{self, InspectorState};
use super::jobs::{Gate, Jobs, Progress};
use super::layout_view::{self, LayoutState};
use super::overrides::SavedOverrides;
use super::start::{self, OpenWindow};
use super::theme::ThemeChoice;
use super::{say, t};
use crate::i18n::{tr, Lang};
use crate::msg;
use crate::plan::{self, Level, Override, Plan, PlanOptions, RenderedFile};
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Select(usize),
    StepCell(isize),
    FocusFinding(usize),
    /// Select a cell and show it in the Cells tab, scrolled to a line.
    ShowCell {
        cell: usize,
        line: u32,
    },
    Override(Override),
    /// The pattern level of the layout (1 to 3).
    SetLevel(Level),
    /// Show every rule's findings (true) or the default set without hints.
    ShowAllFindings(bool),
    /// The language of the app (and of the exported package's prose).
    SetLanguage(Lang),
    ClearOverride {
        cell: usize,
        statement: Option<usize>,
    },
    Open(PathBuf),
    BrowseOpen,
    Export(PathBuf),
    BrowseExport,
    OpenFolder(PathBuf),
}

/// Results of background jobs.
enum Msg {
    Loaded {
        generation: u64,
        reload: bool,
        result: Result<Box<Loaded>, String>,
    },
    Planned {
        doc_generation: u64,
        plan_generation: u64,
        result: Result<Box<(Plan, Vec<RenderedFile>)>, String>,
    },
    PickedFile(Option<PathBuf>),
    PickedFolder(Option<PathBuf>),
    Exported(Result<ExportSummary, String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Cells,
    Layout,
    Dataflow,
}

/// What persists across runs (eframe storage).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    /// The overrides of recently open notebooks, newest first.
    pub overrides: Vec<SavedOverrides>,
    /// Cosmic Python pattern level of the suggested layout (1 to 3; 0 reads as 1).
    pub level: u8,
    /// Show the findings of every rule, hints included; by default only the
    /// default set (as `pyarch check` without `--select`).
    pub all_findings: bool,
    /// The language chosen in the app's menu; `None` follows the environment.
    pub lang: Option<Lang>,
}

impl Settings {
    pub fn level(&self) -> Level {
        Level::nearest(self.level)
    }
}

pub const SETTINGS_KEY: &str = "pyarch-settings";
const MAX_RECENT: usize = 10;
const MAX_ERRORS: usize = 5;

#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Run jobs inline (tests, benchmarks): a job's result shows on the next frame.
    pub synchronous: bool,
    /// Offer the native file and folder dialogs (rfd). Without them only the
    /// typed-path fields are shown.
    pub native_dialogs: bool,
    /// Reload the notebook when its file changes on disk (polled every second).
    pub watch_file: bool,
    /// Where the start screen's samples come from; `None` searches the usual places.
    pub samples: Option<Vec<PathBuf>>,
    /// `--lang`: wins over the language chosen in the menu for this run.
    pub lang: Option<Lang>,
    /// The language the environment asks for (`PYARCH_LANG`, the locale); used when
    /// neither `--lang` nor the menu chose one.
    pub environment_lang: Lang,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            synchronous: false,
            native_dialogs: true,
            watch_file: true,
            samples: None,
            lang: None,
            environment_lang: Lang::En,
        }
    }
}

struct Loading {
    path: PathBuf,
    started: Instant,
    bytes: Option<u64>,
    progress: Progress<LoadStage>,
}

pub struct PyarchApp {
    /// The language of the app's words (`--lang`, the menu or the environment).
    lang: Lang,
    options: AppOptions,
    settings: Settings,
    samples: Vec<PathBuf>,
    jobs: Jobs<Msg>,
    highlighter: Highlighter,
    doc: Option<Document>,
    loading: Option<Loading>,
    load_generation: u64,
    doc_generation: u64,
    tab: Tab,
    list: ListState,
    view: ViewState,
    inspector: InspectorState,
    layout: LayoutState,
    dataflow: DataflowState,
    open_window: OpenWindow,
    typed_path: String,
    export: ExportState,
    errors: Vec<String>,
    status: String,
    last_watch: Option<Instant>,
    initialised: bool,
    pending: Vec<Action>,
    /// Test hook: holds loads at matching stages.
    load_gate: Option<Gate<LoadStage>>,
}

impl PyarchApp {
    pub fn new(options: AppOptions) -> Self {
        Self::with_settings(options, Settings::default())
    }

    pub fn with_settings(options: AppOptions, settings: Settings) -> Self {
        let samples = options.samples.clone().unwrap_or_else(start::find_samples);
        let lang = options
            .lang
            .or(settings.lang)
            .unwrap_or(options.environment_lang);
        PyarchApp {
            lang,
            jobs: Jobs::new(options.synchronous),
            highlighter: Highlighter::new(options.synchronous),
            options,
            settings,
            samples,
            doc: None,
            loading: None,
            load_generation: 0,
            doc_generation: 0,
            tab: Tab::Cells,
            list: ListState::default(),
            view: ViewState::default(),
            inspector: InspectorState::default(),
            layout: LayoutState::default(),
            dataflow: DataflowState::default(),
            open_window: OpenWindow::default(),
            typed_path: String::new(),
            export: ExportState::default(),
            errors: Vec::new(),
            status: String::new(),
            last_watch: None,
            initialised: false,
            pending: Vec::new(),
            load_gate: None,
        }
    }

    /// Opens a notebook on the next frame.
    pub fn open_path(&mut self, path: PathBuf) {
        self.pending.push(Action::Open(path));
    }

    /// Test hook: every later load waits at each stage `gate` matches until the
    /// test releases it, so the window can be looked at while a load is in flight.
    /// Only useful with asynchronous jobs.
    #[doc(hidden)]
    pub fn hold_loading(&mut self, gate: Gate<LoadStage>) {
        self.load_gate = Some(gate);
    }

    /// The cells the list shows with its current filters (the search box included).
    pub fn visible_cells(&mut self) -> Vec<usize> {
        match &self.doc {
            Some(doc) => self.list.visible(doc).to_vec(),
            None => Vec::new(),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The selected cell of the open notebook.
    pub fn selected_cell(&self) -> Option<usize> {
        self.doc.as_ref().map(|d| d.selected)
    }

    /// The user's overrides, as the planner gets them (cell and statement indices
    /// in the open notebook).
    pub fn overrides(&self) -> Vec<Override> {
        self.doc
            .as_ref()
            .map_or_else(Vec::new, Document::plan_overrides)
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// A load, plan or other job is still running.
    pub fn is_busy(&self) -> bool {
        self.loading.is_some()
            || self.jobs.running() > 0
            || self.doc.as_ref().is_some_and(|d| d.plan_pending)
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The files export would write, as last planned.
    pub fn generated_files(&self) -> &[RenderedFile] {
        self.doc.as_ref().map_or(&[], |d| d.files.as_slice())
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        super::set_lang(&ctx, self.lang);
        if !self.initialised {
            fonts::install(&ctx);
            ctx.set_theme(self.settings.theme.preference());
            self.initialised = true;
        }
        let mut actions = std::mem::take(&mut self.pending);
        self.receive(&ctx, &mut actions);
        self.highlighter.poll();
        self.watch(&ctx);
        self.dropped_files(&ctx, &mut actions);
        self.shortcuts(&ctx, &mut actions);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut actions));
        if !self.errors.is_empty() {
            egui::Panel::top("errors").show(ui, |ui| self.error_banner(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.body(ui, &mut actions);

        start::open_window(
            &mut self.open_window,
            &ctx,
            &mut self.typed_path,
            self.options.native_dialogs,
            &mut actions,
        );
        let ready = self.doc.as_ref().is_some_and(|d| d.plan.is_some());
        let command = self
            .doc
            .as_ref()
            .map(|d| d.export_command(self.settings.level(), self.export.path.trim()));
        export::window(
            &mut self.export,
            &ctx,
            export::Context {
                native_dialogs: self.options.native_dialogs,
                ready,
                command,
            },
            &mut actions,
        );
        self.drop_overlay(&ctx);

        if let Some(doc) = &mut self.doc {
            doc.scroll_list = false;
            doc.scroll_to_line = None;
        }
        if !actions.is_empty() {
            for action in actions {
                self.apply(&ctx, action);
            }
            ctx.request_repaint();
        }
    }

    fn body(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(doc) = &self.doc else {
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(loading) = &self.loading {
                    let stage = loading.progress.get();
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(loading_text(loading, stage, self.lang));
                    });
                    if let LoadStage::Parsing { done, total } = stage {
                        ui.add(
                            egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                                .desired_width(320.0),
                        );
                    }
                    ui.separator();
                }
                start::ui(
                    ui,
                    &self.samples,
                    &self.settings.recent,
                    &mut self.typed_path,
                    self.options.native_dialogs,
                    actions,
                );
            });
            return;
        };
        match self.tab {
            Tab::Cells | Tab::Dataflow => {
                egui::Panel::left("cells")
                    .resizable(true)
                    .default_size(340.0)
                    .min_size(200.0)
                    .show(ui, |ui| cell_list::ui(&mut self.list, doc, ui, actions));
                egui::Panel::right("inspector")
                    .resizable(true)
                    .default_size(400.0)
                    .min_size(220.0)
                    .show(ui, |ui| {
                        inspector::ui(&mut self.inspector, doc, ui, actions)
                    });
                egui::CentralPanel::default().show(ui, |ui| {
                    if self.tab == Tab::Cells {
                        cell_view::ui(&mut self.view, doc, &mut self.highlighter, ui, actions);
                    } else {
                        dataflow::ui(&mut self.dataflow, doc, ui, actions);
                    }
                });
            }
            Tab::Layout => {
                egui::CentralPanel::default().show(ui, |ui| {
                    layout_view::ui(
                        &mut self.layout,
                        doc,
                        self.settings.level(),
                        &mut self.highlighter,
                        ui,
                        actions,
                    );
                });
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t(ui, "app-menu-file"), |ui| {
                if ui
                    .add(egui::Button::new(t(ui, "app-open")).shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.start_open(ui.ctx(), actions);
                }
                ui.add_enabled_ui(!self.settings.recent.is_empty(), |ui| {
                    ui.menu_button(t(ui, "app-open-recent"), |ui| {
                        for path in &self.settings.recent {
                            if ui.button(path.display().to_string()).clicked() {
                                actions.push(Action::Open(path.clone()));
                            }
                        }
                    });
                });
                let has_doc = self.doc.is_some();
                if ui
                    .add_enabled(
                        has_doc,
                        egui::Button::new(t(ui, "app-reload")).shortcut_text("Ctrl+R"),
                    )
                    .clicked()
                {
                    self.reload(ui.ctx());
                }
                if ui
                    .add_enabled(
                        has_doc,
                        egui::Button::new(t(ui, "app-export")).shortcut_text("Ctrl+E"),
                    )
                    .clicked()
                {
                    self.start_export(ui.ctx());
                }
                if ui
                    .add_enabled(has_doc, egui::Button::new(t(ui, "app-close-notebook")))
                    .clicked()
                {
                    self.doc = None;
                    self.load_generation += 1;
                    self.loading = None;
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(t(ui, "app-quit")).shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(t(ui, "app-menu-view"), |ui| {
                for choice in ThemeChoice::ALL {
                    if ui
                        .radio(self.settings.theme == choice, t(ui, choice.label()))
                        .clicked()
                    {
                        self.settings.theme = choice;
                        ui.ctx().set_theme(choice.preference());
                    }
                }
            });
            ui.menu_button(t(ui, "app-menu-language"), |ui| {
                for lang in Lang::ALL {
                    if ui.radio(self.lang == lang, lang.native_name()).clicked() {
                        actions.push(Action::SetLanguage(lang));
                    }
                }
            });
            ui.menu_button(t(ui, "app-menu-go"), |ui| {
                let has_doc = self.doc.is_some();
                ui.add_enabled_ui(has_doc, |ui| {
                    if ui
                        .add(egui::Button::new(t(ui, "app-next-cell")).shortcut_text("j / ↓"))
                        .clicked()
                    {
                        actions.push(Action::StepCell(1));
                    }
                    if ui
                        .add(egui::Button::new(t(ui, "app-previous-cell")).shortcut_text("k / ↑"))
                        .clicked()
                    {
                        actions.push(Action::StepCell(-1));
                    }
                    if ui
                        .add(egui::Button::new(t(ui, "app-next-finding")).shortcut_text("n"))
                        .clicked()
                    {
                        if let Some(doc) = &mut self.doc {
                            doc.step_finding(true);
                        }
                    }
                    if ui
                        .add(egui::Button::new(t(ui, "app-previous-finding")).shortcut_text("p"))
                        .clicked()
                    {
                        if let Some(doc) = &mut self.doc {
                            doc.step_finding(false);
                        }
                    }
                    if ui
                        .add(egui::Button::new(t(ui, "app-search-cells")).shortcut_text("Ctrl+F"))
                        .clicked()
                    {
                        self.focus_search();
                    }
                });
            });
            ui.separator();
            if let Some(doc) = &self.doc {
                for (tab, label) in [
                    (Tab::Cells, "app-tab-cells"),
                    (Tab::Layout, "app-tab-layout"),
                    (Tab::Dataflow, "app-tab-dataflow"),
                ] {
                    ui.selectable_value(&mut self.tab, tab, t(ui, label));
                }
                ui.separator();
                ui.label(RichText::new(doc.file_name()).strong())
                    .on_hover_text(doc.path.display().to_string());
            }
        });
    }

    fn error_banner(&mut self, ui: &mut egui::Ui) {
        let mut dismiss = None;
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(4)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                for (i, error) in self.errors.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui.small_button(t(ui, "app-dismiss")).clicked() {
                            dismiss = Some(i);
                        }
                        ui.colored_label(ui.visuals().error_fg_color, error);
                    });
                }
            });
        if let Some(i) = dismiss {
            self.errors.remove(i);
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(loading) = &self.loading {
                ui.spinner();
                ui.label(loading_text(loading, loading.progress.get(), self.lang));
            } else if let Some(doc) = &self.doc {
                if doc.plan_pending {
                    ui.spinner();
                    let seconds = format!("{:.1}", doc.plan_started.elapsed().as_secs_f32());
                    ui.label(say(ui, &msg!("app-planning", seconds = seconds)));
                } else {
                    ui.label(&self.status);
                }
            } else {
                ui.label(&self.status);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(t(ui, "app-keys-hint"));
            });
        });
    }

    fn drop_overlay(&self, ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("pyarch-drop"),
        ));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            tr(self.lang, "app-drop-to-open"),
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }

    fn dropped_files(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .find_map(|f| Some(f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()))
        });
        if let Some(path) = dropped {
            actions.push(Action::Open(path));
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let (open, export, find, reload, quit) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&command(Key::O)),
                i.consume_shortcut(&command(Key::E)),
                i.consume_shortcut(&command(Key::F)),
                i.consume_shortcut(&command(Key::R)),
                i.consume_shortcut(&command(Key::Q)),
            )
        });
        if open {
            self.start_open(ctx, actions);
        }
        if export && self.doc.is_some() {
            self.start_export(ctx);
        }
        if find && self.doc.is_some() {
            self.focus_search();
        }
        if reload {
            self.reload(ctx);
        }
        if quit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if (self.open_window.open || self.export.open)
            && !ctx.any_popup_open()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.open_window.open = false;
            self.export.open = false;
        }
        if ctx.egui_wants_keyboard_input() || self.doc.is_none() {
            return;
        }
        let (down, up, home, end, next, prev) = ctx.input_mut(|i| {
            let down = i.consume_key(Modifiers::NONE, Key::ArrowDown)
                | i.consume_key(Modifiers::NONE, Key::J);
            let up = i.consume_key(Modifiers::NONE, Key::ArrowUp)
                | i.consume_key(Modifiers::NONE, Key::K);
            let home = i.consume_key(Modifiers::NONE, Key::Home);
            let end = i.consume_key(Modifiers::NONE, Key::End);
            let next = i.consume_key(Modifiers::NONE, Key::N);
            let prev = i.consume_key(Modifiers::NONE, Key::P);
            (down, up, home, end, next, prev)
        });
        let Some(doc) = &mut self.doc else { return };
        if down || up || home || end {
            let visible = self.list.visible(doc).to_vec();
            let delta = match (down, up, home) {
                (true, _, _) => 1,
                (_, true, _) => -1,
                (_, _, true) => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            doc.step_cell(&visible, delta);
        }
        if next || prev {
            doc.step_finding(next);
        }
    }

    fn focus_search(&mut self) {
        if self.tab == Tab::Layout {
            self.tab = Tab::Cells;
        }
        self.list.focus_search = true;
    }

    fn start_open(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        self.open_window.open = true;
        if self.options.native_dialogs {
            actions.push(Action::BrowseOpen);
        }
        let _ = ctx;
    }

    fn start_export(&mut self, ctx: &egui::Context) {
        let Some(doc) = &self.doc else { return };
        self.export.open = true;
        self.export.error = None;
        self.export.summary = None;
        if self.export.path.is_empty() {
            let stem = doc.path.file_stem().map_or_else(
                || "notebook".to_string(),
                |s| s.to_string_lossy().into_owned(),
            );
            let absolute = std::path::absolute(&doc.path).unwrap_or_else(|_| doc.path.clone());
            let base = absolute
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            self.export.path = base.join(format!("{stem}_project")).display().to_string();
        }
        if self.options.native_dialogs && !self.export.waiting_for_dialog {
            self.browse_folder(ctx);
        }
    }

    fn browse_folder(&mut self, ctx: &egui::Context) {
        self.export.waiting_for_dialog = true;
        let start = PathBuf::from(self.export.path.trim());
        let start = start.parent().map(Path::to_path_buf);
        let title = tr(self.lang, "app-dialog-export-title");
        self.jobs.spawn(
            ctx,
            move || {
                let mut dialog = rfd::FileDialog::new().set_title(title);
                if let Some(dir) = start.filter(|d| d.is_dir()) {
                    dialog = dialog.set_directory(dir);
                }
                Msg::PickedFolder(dialog.pick_folder())
            },
            |_| Msg::PickedFolder(None),
        );
    }

    fn reload(&mut self, ctx: &egui::Context) {
        if let Some(doc) = &mut self.doc {
            doc.mtime = document::modified(&doc.path);
            let path = doc.path.clone();
            self.load(ctx, path, true);
        }
    }

    fn load(&mut self, ctx: &egui::Context, path: PathBuf, reload: bool) {
        self.open_window.nothing_picked = false;
        self.load_generation += 1;
        let generation = self.load_generation;
        let progress = Progress::new(ctx, LoadStage::Reading, self.load_gate.clone());
        self.loading = Some(Loading {
            bytes: std::fs::metadata(&path).ok().map(|m| m.len()),
            path: path.clone(),
            started: Instant::now(),
            progress: progress.clone(),
        });
        let shown = path.display().to_string();
        let all_findings = self.settings.all_findings;
        let lang = self.lang;
        self.jobs.spawn(
            ctx,
            move || Msg::Loaded {
                generation,
                reload,
                result: document::load(&path, all_findings, &mut |stage| progress.set(stage))
                    .map(Box::new),
            },
            move |panic| Msg::Loaded {
                generation,
                reload,
                result: Err(msg!(
                    "app-internal-error-analysing",
                    file = shown.as_str(),
                    panic = panic
                )
                .render(lang)),
            },
        );
    }

    fn request_plan(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.doc else { return };
        doc.plan_generation += 1;
        doc.plan_pending = true;
        doc.plan_started = Instant::now();
        let analysis = Arc::clone(&doc.analysis);
        // The package is named after the notebook, as `pyarch export` names it.
        let options = PlanOptions {
            level: self.settings.level(),
            package: plan::package_for(&doc.path),
            overrides: doc.plan_overrides(),
            lang: self.lang,
        };
        let (doc_generation, plan_generation) = (doc.generation, doc.plan_generation);
        let lang = self.lang;
        // Samples of the data beside the notebook for the export's tests, as `pyarch
        // export` takes them (read on the job's thread).
        let dir = doc
            .path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        self.jobs.spawn(
            ctx,
            move || {
                let plan = plan::plan(&analysis, &options);
                let samples =
                    crate::export::data_samples(&plan, &analysis, &dir, crate::export::SAMPLE_ROWS);
                let files = plan::render_with_samples(&plan, &analysis, &samples);
                Msg::Planned {
                    doc_generation,
                    plan_generation,
                    result: Ok(Box::new((plan, files))),
                }
            },
            move |panic| Msg::Planned {
                doc_generation,
                plan_generation,
                result: Err(msg!("app-internal-error-planning", panic = panic).render(lang)),
            },
        );
    }

    fn receive(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        for msg in self.jobs.poll() {
            match msg {
                Msg::Loaded {
                    generation,
                    reload,
                    result,
                } => {
                    if generation != self.load_generation {
                        continue;
                    }
                    self.loading = None;
                    match result {
                        Ok(loaded) => self.loaded(ctx, *loaded, reload),
                        Err(e) if reload => {
                            self.report(msg!("app-could-not-reload", error = e).render(self.lang))
                        }
                        Err(e) => {
                            self.report(msg!("app-could-not-open", error = e).render(self.lang))
                        }
                    }
                }
                Msg::Planned {
                    doc_generation,
                    plan_generation,
                    result,
                } => {
                    let Some(doc) = &mut self.doc else { continue };
                    if doc.generation != doc_generation || doc.plan_generation != plan_generation {
                        continue;
                    }
                    doc.plan_pending = false;
                    match result {
                        Ok(planned) => {
                            let (plan, files) = *planned;
                            doc.set_plan(plan, files);
                        }
                        Err(e) => self.report(e),
                    }
                }
                Msg::PickedFile(path) => {
                    self.open_window.waiting_for_dialog = false;
                    self.open_window.nothing_picked = path.is_none();
                    if let Some(path) = path {
                        actions.push(Action::Open(path));
                    }
                }
                Msg::PickedFolder(path) => {
                    self.export.waiting_for_dialog = false;
                    self.export.nothing_picked = path.is_none();
                    if let Some(folder) = path {
                        self.export.path = folder.display().to_string();
                        let empty =
                            std::fs::read_dir(&folder).map_or(true, |mut d| d.next().is_none());
                        if empty {
                            actions.push(Action::Export(folder));
                        } else {
                            let stem = self
                                .doc
                                .as_ref()
                                .and_then(|d| {
                                    d.path.file_stem().map(|s| s.to_string_lossy().into_owned())
                                })
                                .unwrap_or_else(|| "notebook".into());
                            let suggestion = folder.join(format!("{stem}_project"));
                            let not_empty = msg!(
                                "app-export-not-empty",
                                folder = folder.display().to_string()
                            );
                            self.export.error = Some(not_empty.render(self.lang));
                            self.export.path = suggestion.display().to_string();
                        }
                    }
                }
                Msg::Exported(result) => {
                    self.export.running = false;
                    match result {
                        Ok(summary) => {
                            let exported = msg!(
                                "app-exported",
                                files = summary.files.len(),
                                folder = summary.folder.display().to_string()
                            );
                            self.status = exported.render(self.lang);
                            self.export.error = None;
                            self.export.summary = Some(summary);
                        }
                        Err(e) if self.export.open => {
                            self.export.error =
                                Some(msg!("app-export-failed", error = e).render(self.lang))
                        }
                        Err(e) => {
                            self.report(msg!("app-export-failed", error = e).render(self.lang))
                        }
                    }
                }
            }
        }
    }

    fn loaded(&mut self, ctx: &egui::Context, loaded: Loaded, reload: bool) {
        self.remember_overrides();
        self.doc_generation += 1;
        let elapsed = loaded.elapsed;
        let mut doc = Document::new(loaded, self.doc_generation);
        let same_file = self.doc.as_ref().is_some_and(|old| old.path == doc.path);
        let kept = if let Some(old) = self.doc.take().filter(|_| reload || same_file) {
            // Keep the user's place and corrections across a reload, on the cells
            // they were made for; say which could not be kept.
            let dropped = doc.carry_over_from(old);
            if !dropped.is_empty() {
                let changed = msg!(
                    "app-changed-on-disk",
                    file = doc.file_name(),
                    dropped = describe_dropped(&dropped)
                );
                self.report(changed.render(self.lang));
            }
            doc.overrides.len()
        } else {
            self.tab = Tab::Cells;
            self.layout = LayoutState::default();
            self.push_recent(&doc.path);
            self.restore_overrides(&mut doc)
        };
        self.list.reset_for(&doc);
        self.highlighter.clear();
        let findings = doc.findings.len();
        let status = msg!(
            "app-loaded",
            reloaded = reload,
            file = doc.file_name(),
            cells = doc.cells.len(),
            findings = findings,
            ms = elapsed.as_millis() as u64,
            kept = kept
        );
        self.status = status.render(self.lang);
        self.open_window.open = false;
        self.doc = Some(doc);
        self.request_plan(ctx);
    }

    /// Saves the open notebook's overrides into the settings (kept between runs).
    fn remember_overrides(&mut self) {
        let Some(doc) = &self.doc else { return };
        let notebook = canonical(&doc.path);
        self.settings.overrides.retain(|s| s.notebook != notebook);
        if let Some(saved) = doc.saved_overrides(notebook) {
            self.settings.overrides.insert(0, saved);
            self.settings.overrides.truncate(MAX_RECENT);
        }
    }

    /// Puts back the overrides saved for `doc`'s file in an earlier run; reports
    /// those whose cell or statement is gone. Returns how many were kept.
    fn restore_overrides(&mut self, doc: &mut Document) -> usize {
        let notebook = canonical(&doc.path);
        let saved = self
            .settings
            .overrides
            .iter()
            .find(|s| s.notebook == notebook);
        let Some(dropped) = saved.map(|saved| doc.restore_overrides(saved)) else {
            return 0;
        };
        if !dropped.is_empty() {
            let changed = msg!(
                "app-changed-since-last-open",
                file = doc.file_name(),
                dropped = describe_dropped(&dropped)
            );
            self.report(changed.render(self.lang));
        }
        doc.overrides.len()
    }

    fn push_recent(&mut self, path: &Path) {
        let path = canonical(path);
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(MAX_RECENT);
    }

    fn report(&mut self, error: String) {
        self.errors.push(error);
        if self.errors.len() > MAX_ERRORS {
            self.errors.remove(0);
        }
    }

    fn watch(&mut self, ctx: &egui::Context) {
        if !self.options.watch_file || self.loading.is_some() {
            return;
        }
        let Some(doc) = &mut self.doc else { return };
        ctx.request_repaint_after(Duration::from_secs(1));
        let now = Instant::now();
        if self
            .last_watch
            .is_some_and(|t| now.duration_since(t) < Duration::from_millis(900))
        {
            return;
        }
        self.last_watch = Some(now);
        let mtime = document::modified(&doc.path);
        if mtime.is_some() && mtime != doc.mtime {
            doc.mtime = mtime;
            let path = doc.path.clone();
            self.load(ctx, path, true);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Select(cell) => {
                if let Some(doc) = &mut self.doc {
                    doc.select(cell);
                }
            }
            Action::StepCell(delta) => {
                if let Some(doc) = &mut self.doc {
                    let visible = self.list.visible(doc).to_vec();
                    doc.step_cell(&visible, delta);
                }
            }
            Action::FocusFinding(index) => {
                if let Some(doc) = &mut self.doc {
                    doc.focus_finding(index);
                }
            }
            Action::ShowCell { cell, line } => {
                if let Some(doc) = &mut self.doc {
                    doc.select(cell);
                    doc.scroll_to_line = Some(line.max(1));
                    self.tab = Tab::Cells;
                }
            }
            Action::Override(o) => {
                if let Some(doc) = &mut self.doc {
                    doc.set_override(o);
                    self.request_plan(ctx);
                }
            }
            Action::SetLevel(level) => {
                self.settings.level = level.number();
                self.request_plan(ctx);
            }
            Action::SetLanguage(lang) => {
                self.settings.lang = Some(lang);
                if self.lang != lang {
                    self.lang = lang;
                    super::set_lang(ctx, lang);
                    // The export's README and docstrings are in the app's language.
                    self.request_plan(ctx);
                }
            }
            Action::ShowAllFindings(all) => {
                if self.settings.all_findings != all {
                    self.settings.all_findings = all;
                    self.reload(ctx);
                }
            }
            Action::ClearOverride { cell, statement } => {
                if let Some(doc) = &mut self.doc {
                    doc.clear_override(cell, statement);
                    self.request_plan(ctx);
                }
            }
            Action::Open(path) => self.load(ctx, path, false),
            Action::BrowseOpen => {
                self.open_window.open = true;
                if self.open_window.waiting_for_dialog {
                    return;
                }
                self.open_window.waiting_for_dialog = true;
                let start = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path.parent().map(Path::to_path_buf))
                    .or_else(|| {
                        self.samples
                            .first()
                            .and_then(|p| p.parent().map(Path::to_path_buf))
                    });
                let (title, notebooks, all) = (
                    tr(self.lang, "app-open-window-title"),
                    tr(self.lang, "app-filter-notebooks"),
                    tr(self.lang, "app-filter-all-files"),
                );
                self.jobs.spawn(
                    ctx,
                    move || {
                        let mut dialog = rfd::FileDialog::new()
                            .set_title(title)
                            .add_filter(notebooks, &["ipynb", "py"])
                            .add_filter(all, &["*"]);
                        if let Some(dir) = start.filter(|d| d.is_dir()) {
                            dialog = dialog.set_directory(dir);
                        }
                        Msg::PickedFile(dialog.pick_file())
                    },
                    |_| Msg::PickedFile(None),
                );
            }
            Action::Export(folder) => {
                let Some(doc) = &self.doc else { return };
                if doc.plan.is_none() {
                    self.export.error = Some(tr(self.lang, "app-still-planning"));
                    return;
                }
                self.export.open = true;
                self.export.nothing_picked = false;
                self.export.running = true;
                self.export.error = None;
                self.export.summary = None;
                let files = Arc::clone(&doc.files);
                let lang = self.lang;
                self.jobs.spawn(
                    ctx,
                    move || Msg::Exported(export::write_files(&folder, &files, lang)),
                    move |panic| {
                        Msg::Exported(Err(
                            msg!("app-internal-error-exporting", panic = panic).render(lang)
                        ))
                    },
                );
            }
            Action::BrowseExport => self.browse_folder(ctx),
            Action::OpenFolder(folder) => {
                if let Err(e) = export::open_folder(&folder) {
                    let where_ = msg!(
                        "app-open-folder-failed",
                        error = e.to_string(),
                        folder = folder.display().to_string()
                    );
                    self.export.error = Some(where_.render(self.lang));
                }
            }
        }
    }
}

/// "Parsing nb.ipynb: 120 of 800 code cells… 0.4 s".
fn loading_text(loading: &Loading, stage: LoadStage, lang: Lang) -> String {
    let name = loading.path.file_name().map_or_else(
        || loading.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let what = match stage {
        LoadStage::Reading => {
            let size = loading.bytes.map_or_else(String::new, |b| {
                format!(" ({:.1} MB)", b as f64 / 1_048_576.0)
            });
            msg!("app-loading-reading", file = name, size = size)
        }
        LoadStage::Parsing { done, total } => {
            msg!(
                "app-loading-parsing",
                file = name,
                done = done,
                total = total
            )
        }
        LoadStage::Rules => msg!("app-loading-rules", file = name),
        LoadStage::Views => msg!("app-loading-views", file = name),
    };
    format!(
        "{}… {:.1} s",
        what.render(lang),
        loading.started.elapsed().as_secs_f32()
    )
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// “2 overrides whose cell or statement is gone: a; b; and 1 more”.
fn describe_dropped(dropped: &[crate::i18n::Message]) -> crate::i18n::Message {
    let shown: Vec<crate::i18n::Message> = dropped.iter().take(3).cloned().collect();
    msg!(
        "app-dropped-overrides",
        count = dropped.len(),
        more = dropped.len() - shown.len(),
        list = crate::i18n::Arg::joined(shown, crate::i18n::Join::Semicolons)
    )
}

impl eframe::App for PyarchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        PyarchApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_overrides();
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
