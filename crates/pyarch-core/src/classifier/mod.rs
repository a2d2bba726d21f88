//! Role classification: one main role for every statement (REFERENCE §2), plus the
//! dataflow facts the ML rules need (which names hold estimators, scalers, split
//! outputs, predictions, metrics).
//!
//! A statement's role comes from, in order:
//! 1. its kind: imports, `def`/`class`, IPython magics;
//! 2. its calls, looked up in the API table (`crate::knowledge::api`) through the
//!    notebook's import aliases. A method's role depends on its receiver, known by
//!    dataflow: `model.fit` trains when `model = RandomForestClassifier()`, tunes when
//!    `model = GridSearchCV(…)`, and transforms when `model = StandardScaler()`. Calls
//!    to functions the notebook defines take the role of their body. Reading or
//!    writing data wins; otherwise the outermost call decides
//!    (`accuracy_score(y, model.predict(X))` evaluates);
//! 3. dataflow: `model.predict(X_test)` on a held-out split, or whose result feeds a
//!    metric, evaluates; on other data it predicts. Printing a metric evaluates;
//!    building a frame from predictions predicts;
//! 4. the statement's shape: literal or UPPER_CASE constants and paths are config,
//!    display settings are setup, a bare expression shows something (explore), a
//!    column assignment makes a feature;
//! 5. a learned second look ([`layer`]) at the company each statement keeps, which
//!    overrides the rules only by a margin.

use crate::ipython::MagicKind;
use crate::knowledge::api::{self, ApiKind, ApiTag, MethodRole};
use crate::model::{CellModel, MutationKind, NotebookModel, Statement};
use crate::role::Role;
use crate::syntax::{lex, AssignedValue, CallFact, Literal, QualifiedName, StmtKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;

mod bindings;
pub mod layer;
mod passes;
mod rows;
mod values;

use rows::{
    is_row_slice, names_a_part, names_labels, names_side_indices, quoted, selects_rows, subscript,
    top_level_items, Subscript,
};

/// Which side of a train/test split a value is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Train,
    Test,
}

/// What a name holds after a statement binds it, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// An object from the API table: an estimator, scaler, resampler, search or splitter.
    Object(ApiKind),
    /// A train or test output of a split, or data derived from one side only.
    Split(Side),
    /// Predictions of a model on one side, or on other data (`None`).
    Prediction(Option<Side>),
    /// A metric or score.
    Metric,
    /// Data read from a file, a database or the network.
    Loaded,
    /// Any other value a statement binds.
    Data,
}

/// One binding of a name, in notebook order.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub name: String,
    pub cell: usize,
    pub stmt: usize,
    pub kind: ValueKind,
    /// The library constructor behind the value (`RandomForestClassifier`), if any.
    pub api: Option<String>,
}

/// A `train_test_split` call (or another splitter function) that binds names.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitEvent {
    pub cell: usize,
    pub stmt: usize,
    /// Index of the split call in the statement's calls.
    pub call: usize,
    /// Root names of the split's positional arguments.
    pub inputs: Vec<String>,
    pub train: Vec<String>,
    pub test: Vec<String>,
}

/// What the classifier found about one call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallInfo {
    pub role: Option<Role>,
    /// The API kind of the callee (a constructor or function) or, for a method,
    /// of its receiver (`scaler.fit` → `Transformer`).
    pub kind: Option<ApiKind>,
    /// The library name behind the call: `RandomForestClassifier` for both
    /// `RandomForestClassifier(…)` and `rf.fit(…)` when `rf` holds one.
    pub api: Option<String>,
    /// A method called on an object (`rf.fit`, `StandardScaler().fit`), not a
    /// constructor or a module function.
    pub method_call: bool,
    /// A call to a function the notebook defines.
    pub user_function: bool,
}

/// Everything the classifier found about one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct StmtInfo {
    pub role: Role,
    /// One per `facts.calls`.
    pub calls: Vec<CallInfo>,
    /// The role comes only from calls to functions the notebook defines: the
    /// statement orchestrates steps rather than doing one.
    pub orchestration: bool,
}

/// The role of every statement, aligned with `model.cells[i].statements[j]`,
/// and the dataflow facts behind them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles {
    cells: Vec<(usize, Vec<StmtInfo>)>,
    roles: Vec<(usize, Vec<Role>)>,
    pub bindings: Vec<Binding>,
    pub splits: Vec<SplitEvent>,
    /// Functions the notebook defines → the main role of their body.
    pub functions: std::collections::HashMap<String, Role>,
}

/// The entry of `cell` in a list kept in cell order (as `model.cells` is).
fn in_cell_order<T>(entries: &[(usize, Vec<T>)], cell: usize) -> &[T] {
    entries
        .binary_search_by_key(&cell, |(i, _)| *i)
        .map_or(&[], |at| entries[at].1.as_slice())
}

/// [`in_cell_order`], to change the entry.
fn in_cell_order_mut<T>(entries: &mut [(usize, Vec<T>)], cell: usize) -> &mut [T] {
    match entries.binary_search_by_key(&cell, |(i, _)| *i) {
        Ok(at) => entries[at].1.as_mut_slice(),
        Err(_) => &mut [],
    }
}

impl Roles {
    pub fn statement_roles(&self, cell: usize) -> &[Role] {
        in_cell_order(&self.roles, cell)
    }

    pub fn cell_roles(&self, cell: usize) -> BTreeSet<Role> {
        self.statement_roles(cell).iter().copied().collect()
    }

    /// The cell's main stage ([`Role::main_stage`]).
    pub fn cell_stage(&self, cell: usize) -> Option<Role> {
        Role::main_stage(self.statement_roles(cell).iter().copied())
    }

    /// Details of every statement of a cell.
    pub fn statement_infos(&self, cell: usize) -> &[StmtInfo] {
        in_cell_order(&self.cells, cell)
    }

    pub fn info(&self, cell: usize, stmt: usize) -> Option<&StmtInfo> {
        self.statement_infos(cell).get(stmt)
    }

    pub fn call_info(&self, cell: usize, stmt: usize, call: usize) -> Option<&CallInfo> {
        self.info(cell, stmt)?.calls.get(call)
    }

    /// The binding of `name` live just before statement `stmt` of `cell` runs,
    /// in notebook order.
    pub fn binding_before(&self, name: &str, cell: usize, stmt: usize) -> Option<&Binding> {
        self.bindings
            .iter()
            .rev()
            .find(|b| (b.cell, b.stmt) < (cell, stmt) && b.name == name)
    }

    /// The bindings a statement itself makes.
    pub fn bindings_at(&self, cell: usize, stmt: usize) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.cell == cell && b.stmt == stmt)
    }

    /// Which split side `name` holds before the statement: from the dataflow, else
    /// from the name (`X_train`, `y_val`).
    pub fn side_before(&self, name: &str, cell: usize, stmt: usize) -> Option<Side> {
        match self.binding_before(name, cell, stmt).map(|b| b.kind) {
            Some(ValueKind::Split(side)) => Some(side),
            Some(ValueKind::Prediction(side)) => side,
            Some(ValueKind::Data) | None => side_from_name(name),
            Some(_) => None,
        }
    }
}

/// `X_train`, `train_x`, `xtrain` → train; `X_test`, `y_val`, `valid_df` → test.
/// A bare `train`/`test` (a Kaggle competition's files) is neither: `test` has no labels.
pub fn side_from_name(name: &str) -> Option<Side> {
    let lower = name.to_ascii_lowercase();
    if lower == "train" || lower == "test" || lower == "df_train" || lower == "df_test" {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| c == '_' || c.is_ascii_digit())
        .collect();
    let has = |w: &str| {
        words.contains(&w)
            || lower.starts_with(w) && lower.len() <= w.len() + 2
            || lower.ends_with(w) && lower.len() <= w.len() + 2
    };
    if has("train") || has("tr") && words.len() > 1 {
        Some(Side::Train)
    } else if has("test")
        || has("val")
        || has("valid")
        || has("validation")
        || has("validate")
        || has("holdout")
        || (has("te") || has("va")) && words.len() > 1
    {
        Some(Side::Test)
    } else {
        None
    }
}

/// `train`, `test`, `df_train`, `df_test`: the names [`side_from_name`] leaves alone
/// (a Kaggle `test.csv` is not a held-out split), once a statement divides rows into
/// them.
fn side_from_part_name(name: &str) -> Option<Side> {
    match name.to_ascii_lowercase().as_str() {
        "train" | "df_train" => Some(Side::Train),
        "test" | "df_test" => Some(Side::Test),
        _ => None,
    }
}

/// Roles in order of precedence when several outermost calls of one statement
/// have roles: reading and writing data first, then the modelling steps.
const PRECEDENCE: [Role; 13] = [
    Role::Persist,
    Role::Load,
    Role::Tune,
    Role::Train,
    Role::Split,
    Role::Evaluate,
    Role::Predict,
    Role::Visualize,
    Role::Feature,
    Role::Clean,
    Role::Explore,
    Role::Config,
    Role::Setup,
];

fn rank(role: Role) -> usize {
    PRECEDENCE
        .iter()
        .position(|r| *r == role)
        .unwrap_or(PRECEDENCE.len())
}

/// What a name holds: its kind, the library constructor behind it, and the role of
/// the statement that bound it.
type EnvEntry = (ValueKind, Option<String>, Role);

struct Classifier<'a> {
    model: &'a NotebookModel,
    env: HashMap<String, EnvEntry>,
    /// Names bound to a model whose `fit` returns results (statsmodels, keras).
    results_models: HashSet<String>,
    functions: HashMap<String, Role>,
    /// The notebook's functions that build and return a model (`def build_model(): …
    /// return keras.Sequential(…)`): the model's constructor, and whether its `fit`
    /// returns results.
    model_builders: HashMap<String, (Option<String>, bool)>,
    /// Columns the notebook takes as its target (`y = df['SalePrice']`,
    /// `TARGET = 'Survived'`): dropping them shapes the model's inputs.
    target_columns: HashSet<String>,
    /// Columns a feature step read by name (`pd.get_dummies(df['job'])`): dropping
    /// them afterwards completes the encoding.
    encoded_columns: HashSet<String>,
    /// Label-named string constants (`TARGET = 'Survived'`), by name.
    constants: HashMap<String, String>,
    /// Names a model was fitted on (`X` of `model.fit(X, y)`): predictions on them are
    /// the fit's own, looked at to judge it.
    fit_inputs: HashSet<String>,
    /// The labels of those fits (`y` of `model.fit(X, y)`).
    fit_labels: HashSet<String>,
    /// The index (in `model.cells`) of the cell [`Self::cell_text`] found last.
    last_cell: std::cell::Cell<usize>,
    /// Every function the notebook defines, with a role or not.
    own_functions: HashSet<String>,
    /// Names holding simulated data or values made from it and constants only
    /// (`x = np.linspace(0, 20, n)`, `X = np.column_stack((x, x**2))`).
    simulated: HashSet<String>,
    /// Names holding a data file's path (`DATA_FILE = 'data/train.csv'`).
    file_paths: HashSet<String>,
    /// Random generators the notebook made (`rng = np.random.RandomState(1)`): what
    /// they draw (`rng.rand(200)`) is simulated data.
    generators: HashSet<String>,
    /// The notebook fits no model but decompositions (`PCA`, `TSNE`): they are the
    /// models it studies, not feature steps.
    decompositions_are_models: bool,
    /// Models fitted or run through a training loop so far: a forward pass of one
    /// that is not yet trained shows what it predicts, it scores nothing.
    trained: HashSet<String>,
    /// Rows selected for their missing values (`null_cols =
    /// train[train['Age'].isna()].index`): what writes into them fills them.
    missing_rows: HashSet<String>,
    /// Names bound by a drawing statement (`g = sns.FacetGrid(…)`, `fig, ax =
    /// plt.subplots()`).
    figures: HashSet<String>,
    /// Columns of a frame that were given predictions (`test['Survived'] = preds`),
    /// by frame.
    predicted_columns: HashMap<String, Vec<String>>,
    classes: HashSet<String>,
    /// Classes the notebook defines that are networks (`class Net(nn.Module)`):
    /// building one is training work.
    model_classes: HashSet<String>,
    /// Those of them whose `fit` returns results (statsmodels subclasses).
    results_classes: HashSet<String>,
    /// Names a training, tuning or evaluating loop filled in place (`losses.append(…)`
    /// in an epoch loop), with the loop's role: what a model's run produced.
    run_results: HashMap<String, Role>,
    /// Each name such a loop filled, where, and the loop's role.
    filled_at: Vec<(String, (usize, usize), Role)>,
    /// Assignments whose role only their shape gave (`x = a[0]`): what they are for
    /// shows in what reads them.
    shape_only: HashSet<(usize, usize)>,
    /// Names holding a batch taken from a held-out loader (`images, labels =
    /// next(iter(testloader))`) or a piece of one (`img = images[0]`).
    held_out_batches: HashSet<String>,
    /// The statements that bind them.
    batch_writers: HashSet<(usize, usize)>,
    /// Statistics of the data kept under a new name (`med = df['income'].median()`).
    statistics: HashSet<(usize, usize)>,
    /// Names holding values derived from a model, its predictions or scores.
    model_derived: HashSet<String>,
    /// Assignments whose role only their shape gave that read held-out labels
    /// (`y_true = np.argmax(y_test, axis=1)`).
    from_held_out_labels: HashSet<(usize, usize)>,
    /// [`Self::readers`], once the forward pass has run.
    readers_of: HashMap<(usize, usize), Vec<(usize, usize)>>,
    out: Roles,
}

/// Every statement's role: the rules' roles ([`classify_by_rules`]), then the learned
/// second look ([`layer`]).
pub fn classify(model: &NotebookModel) -> Roles {
    with_learned_layer(model, classify_by_rules(model))
}

/// The rules' roles after the learned second look: what [`classify`] returns, for a
/// caller that also keeps the rules' own.
pub fn with_learned_layer(model: &NotebookModel, mut roles: Roles) -> Roles {
    layer::apply(model, &mut roles, layer::RoleLayer::shipped());
    roles
}

/// Every statement's role from the rules alone: what [`layer`] reads and is trained on.
pub fn classify_by_rules(model: &NotebookModel) -> Roles {
    let mut c = Classifier {
        model,
        env: HashMap::default(),
        results_models: HashSet::default(),
        functions: HashMap::default(),
        classes: HashSet::default(),
        model_classes: HashSet::default(),
        model_builders: HashMap::default(),
        target_columns: HashSet::default(),
        encoded_columns: HashSet::default(),
        constants: HashMap::default(),
        simulated: HashSet::default(),
        file_paths: HashSet::default(),
        generators: HashSet::default(),
        decompositions_are_models: fits_only_decompositions(model),
        trained: HashSet::default(),
        missing_rows: HashSet::default(),
        figures: HashSet::default(),
        predicted_columns: HashMap::default(),
        own_functions: HashSet::default(),
        last_cell: std::cell::Cell::new(0),
        fit_inputs: HashSet::default(),
        fit_labels: HashSet::default(),
        results_classes: HashSet::default(),
        run_results: HashMap::default(),
        filled_at: Vec::new(),
        shape_only: HashSet::default(),
        statistics: HashSet::default(),
        held_out_batches: HashSet::default(),
        batch_writers: HashSet::default(),
        model_derived: HashSet::default(),
        from_held_out_labels: HashSet::default(),
        readers_of: HashMap::default(),
        out: Roles::default(),
    };
    for cell in &model.cells {
        let mut infos = Vec::with_capacity(cell.statements.len());
        for (si, stmt) in cell.statements.iter().enumerate() {
            let info = c.statement(cell, si, stmt);
            infos.push(info);
        }
        c.out.cells.push((cell.index, infos));
    }
    // Lookups by cell binary-search these lists (`in_cell_order`).
    debug_assert!(c.out.cells.windows(2).all(|w| w[0].0 < w[1].0));
    c.readers_of = c.readers();
    c.evaluate_predictions_that_feed_metrics();
    c.headings_take_what_they_announce();
    c.values_made_to_look_at();
    c.predictions_made_to_be_scored();
    c.labels_made_to_score_against();
    c.looks_at_predictions();
    c.values_made_to_be_saved();
    c.predicting_loops_scored();
    c.containers_take_what_fills_them();
    c.containers_filled_by_statements();
    c.out.roles = c
        .out
        .cells
        .iter()
        .map(|(i, infos)| (*i, infos.iter().map(|s| s.role).collect()))
        .collect();
    c.out.functions = c.functions.into_iter().collect();
    c.out
}

impl Classifier<'_> {
    fn statement(&mut self, cell: &CellModel, si: usize, stmt: &Statement) -> StmtInfo {
        let facts = &stmt.facts;
        // Function bodies: their role is what calling them does.
        if matches!(facts.kind, StmtKind::FunctionDef | StmtKind::ClassDef) {
            let calls = self.call_infos(stmt, true);
            if let Some(name) = &facts.def_name {
                if facts.kind == StmtKind::FunctionDef {
                    self.own_functions.insert(name.clone());
                }
                if facts.kind == StmtKind::ClassDef {
                    self.classes.insert(name.clone());
                    let header = self.statement_text(stmt).lines().next().unwrap_or("");
                    let based_on = |bases: &[&str]| bases.iter().any(|b| header.contains(b));
                    let (model, results) = (
                        based_on(api::MODEL_BASE_CLASSES),
                        based_on(api::RESULTS_BASE_CLASSES),
                    );
                    if model {
                        self.model_classes.insert(name.clone());
                    }
                    if results {
                        self.results_classes.insert(name.clone());
                    }
                } else if let Some(role) = library_function_role(name)
                    .or_else(|| role_from_function_name(name))
                    .or_else(|| body_role(&calls))
                {
                    self.functions.insert(name.clone(), role);
                    if role == Role::Train {
                        if let Some(model) = built_model(stmt, &calls) {
                            self.model_builders.insert(name.clone(), model);
                        }
                    }
                }
            }
            for d in &facts.defines {
                self.env.remove(d);
            }
            return StmtInfo {
                role: Role::Define,
                calls,
                orchestration: false,
            };
        }
        let calls = self.call_infos(stmt, false);
        if facts.kind == StmtKind::Import {
            for d in &facts.defines {
                self.env.remove(d);
            }
            return StmtInfo {
                role: Role::Import,
                calls,
                orchestration: false,
            };
        }
        if stmt.magic.is_some() && facts.calls.is_empty() {
            // `!wget …`, `!unzip data.zip`: fetching the data loads it.
            let magic = stmt.magic.and_then(|i| cell.masked.magics.get(i));
            let shell = magic.filter(|m| m.kind == MagicKind::Shell);
            // `!kaggle competitions submit …`, `!gsutil cp model.bst gs://…`: sending the
            // submission or the model away saves it.
            let sends = shell.is_some_and(|m| api::sends_away(&m.name, &m.args));
            // `!gcloud ai-platform predict …`: a served model's predictions.
            let asks = shell.is_some_and(|m| api::asks_served_model(&m.name, &m.args));
            // Making room for, moving to or cleaning up after a download in the same
            // cell (`!mkdir data`, `%cd data`, `!rm data.zip`) is part of fetching it.
            let cell_fetches = cell
                .masked
                .magics
                .iter()
                .any(|m| m.kind == MagicKind::Shell && api::fetches_data(&m.name));
            let handles_files =
                magic.is_some_and(|m| api::FILE_COMMANDS.contains(&m.name.as_str()));
            let fetches =
                shell.is_some_and(|m| api::fetches_data(&m.name)) || cell_fetches && handles_files;
            return StmtInfo {
                role: if sends {
                    Role::Persist
                } else if asks {
                    Role::Predict
                } else if fetches {
                    Role::Load
                } else {
                    Role::Setup
                },
                calls,
                orchestration: false,
            };
        }
        // `print("XGBoost version:", xgb.__version__)`: which library runs.
        if self.shows_versions(stmt) || self.checks_environment(cell, stmt) {
            return StmtInfo {
                role: Role::Setup,
                calls,
                orchestration: false,
            };
        }
        let (mut role, orchestration) = self.role_from_calls(stmt, &calls, cell.index, si);
        let from_shape = role.is_none();
        if from_shape {
            role = Some(self.role_from_shape(stmt));
        }
        let mut role = role.unwrap_or(Role::Explore);
        // A bare expression that returns a changed copy only shows it.
        if facts.kind == StmtKind::Expr
            && matches!(role, Role::Clean | Role::Feature)
            && stmt.mutations.is_empty()
            && !orchestration
        {
            role = Role::Explore;
        }
        // Keeping the rows that pass a test (`df = df[df['len'] > 0]`) removes bad
        // rows: cleaning.
        if role == Role::Feature
            && (self.filters_own_rows(stmt)
                || self.marks_missing(stmt)
                || self.trims_own_rows(stmt))
        {
            role = Role::Clean;
        }
        // Scaling by a constant (`x.astype('float32') / 255`) is feature work.
        if role == Role::Clean && facts.kind == StmtKind::Assign && self.scales_by_constant(stmt) {
            role = Role::Feature;
        }
        // Selecting the model's inputs and target (`X = df.drop(columns=['y'])`) is
        // feature work, not cleaning.
        // A type conversion of them (`x_train = torch.Tensor(x_train).float()`) stays one.
        let converts = facts.calls.iter().any(api::converts_types);
        // `x = np.array(x, dtype=np.float32)`: only converting types cleans.
        let only_converts = converts
            && calls
                .iter()
                .zip(&facts.calls)
                .all(|(info, call)| info.role.is_none() || api::converts_types(call));
        if role == Role::Feature
            && facts.kind == StmtKind::Assign
            && only_converts
            && !self.scales_by_constant(stmt)
        {
            role = Role::Clean;
        }
        // Filling or dropping missing values in them (`X_train =
        // X_train.fillna(train_mode)`) still cleans, though not taking them from the
        // data (`X = df['email'].fillna('')`).
        let fixes_values = facts
            .calls
            .iter()
            .any(|c| api::MISSING_VALUE_METHODS.contains(&c.method.as_str()))
            && facts.targets.iter().all(|t| stmt.reads(t));
        if role == Role::Clean
            && facts.kind == StmtKind::Assign
            && !facts.targets.is_empty()
            && facts.targets.iter().all(|t| is_model_input_name(t))
            && !converts
            && !fixes_values
        {
            role = Role::Feature;
        }
        // Dropping an ID or the target column keeps them from the model: feature work.
        if role == Role::Clean
            && (self.drops_model_columns(stmt, &calls)
                || self.drops_from_split_side(stmt)
                || self.deletes_model_columns(stmt))
        {
            role = Role::Feature;
        }
        // A fit whose results are only summarised (`summarize(model.fit())`,
        // `logit.fit().summary2()`) is shown to judge the model.
        if role == Role::Train && self.summarises_a_fit(stmt) {
            role = Role::Evaluate;
        }
        self.note_target_columns(stmt);
        if matches!(role, Role::Explore | Role::Feature | Role::Clean) {
            role = self.role_from_scores(stmt, role);
        }
        if matches!(role, Role::Explore | Role::Feature | Role::Clean) && self.divides_rows(stmt) {
            role = Role::Split;
        }
        if role == Role::Visualize {
            role = self.plotted_results(stmt).unwrap_or(role);
        }
        let draws = role == Role::Visualize || draws_figure(stmt, &calls);
        // A look at something (or a statement whose role only its shape gave) takes
        // the role of what it works on; a library's own feature or cleaning call keeps
        // its role.
        let looks = role == Role::Explore
            || matches!(role, Role::Feature | Role::Clean)
                && (from_shape || self.transforms_simulated_data(stmt));
        if looks {
            role = self.role_of_inputs(stmt).unwrap_or(role);
        }
        // A frame named as the submission (`submission = pd.merge(test[['Id']], …)`)
        // holds what the model predicts for new records.
        if matches!(role, Role::Feature | Role::Clean | Role::Explore)
            && matches!(facts.kind, StmtKind::Assign | StmtKind::AugAssign)
            && !facts.targets.is_empty()
            && facts.targets.iter().all(|t| api::names_a_submission(t))
        {
            role = Role::Predict;
        }
        // Shaping a frame of predictions (`sub.columns = ['id', 'y']`,
        // `sub.insert(0, 'id', ids)`) prepares the submission.
        if matches!(
            role,
            Role::Feature | Role::Clean | Role::Explore | Role::Setup
        ) {
            if let Some(predicting) = self.changes_predictions(stmt) {
                role = predicting;
            }
        }
        // A table of what a fitted model learned (`pd.DataFrame({'importance':
        // rf.feature_importances_})`) shows its results, as does a table or look at what
        // a training loop recorded (`pd.DataFrame(history)`, `max(history['val_f1'])`).
        if matches!(role, Role::Feature | Role::Clean | Role::Explore) {
            if let Some(results) = self
                .learned_attribute_role(stmt)
                .or_else(|| self.recorded_results_role(stmt))
            {
                role = results;
            }
        }
        // Sorting, summarising or looking at a search's results (`results.sort_values(
        // 'mean_test_score')`) still shows the search (docs/roles.md, train vs tune).
        if matches!(role, Role::Feature | Role::Clean | Role::Explore)
            && self.works_on_search_results(stmt)
        {
            role = Role::Tune;
        }
        // `vocab_size = len(vocab)`, `image_width = x[0].shape[0]`: a size read off
        // the data to shape the model is one more setting.
        if matches!(role, Role::Feature | Role::Explore | Role::Clean) && self.measures_size(stmt) {
            role = Role::Config;
        }
        // The class names and their maps (`id2label = {k: v for k, v in
        // enumerate(labels)}`) are settings of the task.
        if matches!(role, Role::Feature | Role::Explore | Role::Clean)
            && facts.kind == StmtKind::Assign
            && !facts.targets.is_empty()
            && facts.targets.iter().all(|t| api::names_class_labels(t))
        {
            role = Role::Config;
        }
        if matches!(role, Role::Feature | Role::Clean | Role::Explore)
            && facts.kind == StmtKind::Assign
            && self.reads_predicted_column(stmt)
        {
            role = Role::Predict;
        }
        if let Some(simulated) = self.simulation_role(stmt, &calls, role) {
            role = simulated;
        }
        self.track_simulated(stmt);
        self.track_file_paths(stmt);
        let filled = self.record_for_the_passes((cell.index, si), stmt, role, from_shape, draws);
        // The held-out truth set aside to score against (`y_true =
        // test_df['Sales'].values`), and what the notebook's own rule predicts on
        // held-out rows (`preds = simple_heuristic(X_valid)`), evaluate.
        if matches!(role, Role::Feature | Role::Clean | Role::Explore)
            && facts.kind == StmtKind::Assign
            && !facts.targets.is_empty()
        {
            let held_out = facts
                .reads
                .iter()
                .any(|r| self.split_side(&r.name) == Some(Side::Test));
            let truth = facts.targets.iter().all(|t| api::names_truth(t));
            let predicted = facts.targets.iter().all(|t| api::names_predictions(t));
            if truth && !facts.reads.is_empty() || predicted && held_out {
                role = Role::Evaluate;
            }
        }
        // Renumbering a split's part (`X.reset_index(inplace=True)` right after
        // `train_test_split`) finishes the split (docs/roles.md).
        if matches!(role, Role::Clean | Role::Feature)
            && !facts.calls.is_empty()
            && facts.calls.iter().all(|c| {
                c.method == "reset_index"
                    && c.root
                        .as_deref()
                        .is_some_and(|r| self.split_side(r).is_some())
            })
        {
            role = Role::Split;
        }
        // Copying loaded records into lists (`for item in datastore:
        // sentences.append(item['headline'])`) is still reading them in.
        if matches!(role, Role::Feature | Role::Clean | Role::Explore) && self.copies_records(stmt)
        {
            role = Role::Load;
        }
        // A data set's stored part taken by name (`train = archive['train']` of an
        // `np.load`ed `.npz`) is still loading it.
        if matches!(
            role,
            Role::Feature | Role::Clean | Role::Explore | Role::Split
        ) && self.takes_stored_part(stmt)
        {
            role = Role::Load;
        }
        // A few predictions shown bare (`model.predict(test)[:10]`) are a look, like a
        // bare value (docs/roles.md): the export keeps them out of the services.
        if role == Role::Predict
            && facts.kind == StmtKind::Expr
            && !facts.calls.iter().any(|c| c.callee == "print")
            && self.statement_text(stmt).trim_end().ends_with(']')
        {
            role = Role::Explore;
        }
        // Filling the rows selected for missing values (`for n in null_cols:
        // train.loc[n, 'LotFrontage'] = 0`) cleans, even with a model's predictions.
        if matches!(role, Role::Feature | Role::Predict)
            && facts
                .reads
                .iter()
                .any(|r| self.missing_rows.contains(&r.name))
        {
            role = Role::Clean;
        }
        // A new column derived from others (`df['hour'] = pd.to_datetime(df['time'])
        // .dt.hour`) is a feature, though the calls that derive it fix types.
        if role == Role::Clean && self.derives_new_column(stmt) {
            role = Role::Feature;
        }
        // Joining encoded columns onto a frame (`titanic.join(ports)` after `ports =
        // pd.get_dummies(…)`) builds the model's inputs.
        if role == Role::Clean && self.joins_features(stmt) {
            role = Role::Feature;
        }
        // After the rules above, so a column a derivation read (`train['day'] =
        // train['date'].str.split('/').str[0]`) is known when it is dropped.
        if role == Role::Feature {
            self.note_encoded_columns(stmt);
        }
        self.note_missing_rows(stmt);
        if role == Role::Predict {
            self.note_predicted_columns(stmt);
        }
        rebind(&mut self.figures, &facts.targets, role == Role::Visualize);
        if role == Role::Evaluate && self.runs_untrained_network(stmt) {
            role = Role::Predict;
        }
        self.note_fit_inputs(stmt, &calls);
        self.note_trained(stmt, &calls, role);
        self.note_held_out_batches((cell.index, si), stmt, from_shape);
        self.bind(cell.index, si, stmt, &calls, role);
        self.filled_by_run(filled, role);
        StmtInfo {
            role,
            calls,
            orchestration,
        }
    }

    /// Printing or deriving from a metric or from predictions on held-out data
    /// evaluates (so does a value named as a score, computed from predictions); using
    /// predictions on new data predicts.
    fn role_from_scores(&self, stmt: &Statement, role: Role) -> Role {
        let facts = &stmt.facts;
        let kinds: Vec<ValueKind> = facts
            .reads
            .iter()
            .filter_map(|r| self.env.get(&r.name).map(|e| e.0))
            .collect();
        let metric = kinds.contains(&ValueKind::Metric);
        // A bare value the notebook only displays from scored predictions (`preds[:3]`)
        // stays a look (docs/roles.md); compared with the truth it is a score computed
        // by hand (`np.mean((y_valid - preds) ** 2)`, `np.sum(preds == y_test)`).
        let bare_display = facts.kind == StmtKind::Expr
            && !facts
                .calls
                .iter()
                .any(|c| matches!(c.callee.as_str(), "print" | "display"));
        let scored_predictions = kinds
            .iter()
            .any(|k| matches!(k, ValueKind::Prediction(Some(_))));
        let with_truth = kinds.iter().any(|k| matches!(k, ValueKind::Split(_)));
        let evaluated = metric || scored_predictions && (!bare_display || with_truth);
        let predicted = kinds
            .iter()
            .any(|k| matches!(k, ValueKind::Prediction(None)));
        let assigns = matches!(facts.kind, StmtKind::Assign | StmtKind::AugAssign);
        // Put next to the held-out rows they predict (`pd.merge(test, preds)`), they
        // are compared with the actual values.
        let compared = predicted
            && kinds
                .iter()
                .any(|k| matches!(k, ValueKind::Split(Side::Test)));
        // `test_cost = model.get_cost(X_test, y_test)`: a score the model computes.
        let of_a_model = kinds
            .iter()
            .any(|k| matches!(k, ValueKind::Object(ApiKind::Estimator)));
        let named_as_score =
            !facts.targets.is_empty() && facts.targets.iter().all(|t| api::names_a_metric(t));
        let scored = assigns && named_as_score && (predicted || of_a_model) || assigns && compared;
        // So does a loop over held-out predictions (`for y in y_hat: flat.append(y[0])`).
        let loops = facts.kind == StmtKind::Block;
        if (evaluated || scored) && (role == Role::Explore || assigns || loops) {
            Role::Evaluate
        } else if predicted
            && (assigns
                || facts.kind == StmtKind::Block
                || role == Role::Explore && facts.kind != StmtKind::Expr)
        {
            Role::Predict
        } else {
            role
        }
    }

    /// What the passes after the forward one need: values derived from a model (not
    /// the figures that draw them), assignments whose role only their shape gave, and
    /// what training, tuning or evaluating loops filled in place.
    fn record_for_the_passes(
        &mut self,
        at: (usize, usize),
        stmt: &Statement,
        role: Role,
        from_shape: bool,
        draws: bool,
    ) -> Vec<String> {
        let facts = &stmt.facts;
        // A figure drawn from a model's results is not one of its results.
        let modelling = !draws && self.reads_modelling(stmt);
        for target in &facts.targets {
            if modelling {
                self.model_derived.insert(target.clone());
            } else {
                self.model_derived.remove(target);
            }
        }
        let summarises = self.summarises_into_new_name(stmt);
        if !modelling && summarises && role != Role::Clean {
            self.statistics.insert(at);
        }
        if !modelling
            && (from_shape || summarises)
            && matches!(role, Role::Feature | Role::Clean)
            && matches!(facts.kind, StmtKind::Assign | StmtKind::AugAssign)
        {
            self.shape_only.insert(at);
            // A new value from them, not the labels themselves reshaped in place.
            // Or the labels a model was fitted on, scored against its fitted values.
            let held_out_labels = facts.reads.iter().any(|r| {
                (self.split_side(&r.name) == Some(Side::Test) || self.fit_labels.contains(&r.name))
                    && names_labels(&r.name)
                    && !facts.targets.contains(&r.name)
            });
            if held_out_labels {
                self.from_held_out_labels.insert(at);
            }
        }
        if matches!(role, Role::Train | Role::Evaluate | Role::Tune)
            && facts.kind == StmtKind::Block
        {
            let filled: Vec<String> = stmt
                .mutations
                .iter()
                .filter(|m| fills_in_place(m))
                .map(|m| m.name.clone())
                .chain(self.accumulated(stmt).map(str::to_string))
                .collect();
            for name in &filled {
                self.run_results.insert(name.clone(), role);
                self.filled_at.push((name.clone(), at, role));
            }
            // `best_loss = …` inside the loop replaces the placeholder set before it.
            for name in facts.defines.iter().filter(|d| self.env.contains_key(*d)) {
                if !filled.contains(name) {
                    self.filled_at.push((name.clone(), at, role));
                }
            }
            return filled;
        }
        // What a loop reading files fills (`images.append(img)`) is loaded by it, what
        // a loop building inputs fills (`sentences.append(…)`) is feature work, and what
        // a predicting loop fills is its predictions: only the container (and, for
        // predictions, whether they are scored) needs to know.
        if matches!(
            role,
            Role::Load | Role::Predict | Role::Feature | Role::Clean | Role::Explore
        ) && facts.kind == StmtKind::Block
        {
            let mut predictions = Vec::new();
            for m in &stmt.mutations {
                if fills_in_place(m) {
                    self.filled_at.push((m.name.clone(), at, role));
                    if role == Role::Predict {
                        predictions.push(m.name.clone());
                    }
                }
            }
            return predictions;
        }
        Vec::new()
    }

    /// A bare expression whose outermost call summarises (`summarize(…)`,
    /// `….summary2()`) a fit made inside it. Printed, the labellers keep it `train`.
    fn summarises_a_fit(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        let outer = facts
            .calls
            .iter()
            .max_by_key(|c| c.range.end - c.range.start);
        facts.kind == StmtKind::Expr
            && outer.is_some_and(|c| c.method.to_ascii_lowercase().starts_with("summar"))
            && facts.calls.iter().any(|c| c.method == "fit")
    }

    /// `missing = df.isnull().sum() / len(df)`: a statistic of the data under a new
    /// name (what it is for shows in what reads it: a look, or a decision to drop).
    fn summarises_into_new_name(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        !facts.targets.is_empty()
            && facts
                .targets
                .iter()
                .all(|t| !facts.reads.iter().any(|r| r.name == *t))
            && facts.calls.iter().any(|c| {
                c.callee.dots() > 0
                    && (crate::knowledge::rows::AGGREGATION_METHODS.contains(&c.method.as_str())
                        || c.method == "sum")
            })
    }

    /// What a training, tuning or evaluating loop filled is its result from here on
    /// (`correct` after `correct += …`; an evaluating loop's counts are scores).
    fn filled_by_run(&mut self, filled: Vec<String>, role: Role) {
        for name in filled {
            let entry = self
                .env
                .entry(name)
                .or_insert((ValueKind::Data, None, role));
            // Only a container made to be filled, not a frame changed in place.
            let container = entry.2.is_bookkeeping();
            entry.2 = role;
            if role == Role::Evaluate && entry.0 == ValueKind::Data {
                entry.0 = ValueKind::Metric;
            }
            // What a predicting loop fills holds its predictions (`cat_result`).
            if role == Role::Predict && container {
                entry.0 = ValueKind::Prediction(None);
            }
        }
    }

    /// Names a block adds to (`correct += …` in a loop): bound before it, read and
    /// bound again in it.
    fn accumulated<'s>(&'s self, stmt: &'s Statement) -> impl Iterator<Item = &'s str> + 's {
        let facts = &stmt.facts;
        // Not the loop's own variable (`for batch in loader: batch = …`).
        let header = self.statement_text(stmt).lines().next().unwrap_or("");
        let loop_vars = loop_variables(header);
        facts
            .defines
            .iter()
            .filter(move |name| {
                facts.kind == StmtKind::Block
                    && self.env.contains_key(*name)
                    && facts.reads.iter().any(|r| r.name == **name)
                    && !loop_vars.contains(&name.as_str())
            })
            .map(String::as_str)
    }

    /// `df = df[start:]`: the frame keeps some of its own rows by position (a split
    /// makes another part instead).
    fn trims_own_rows(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        let value = self.assigned_value(stmt);
        // Not a split's side cut down (`X_train = X_train[:500]`): still the split.
        facts.kind == StmtKind::Assign
            && facts.targets.len() == 1
            && is_row_slice(value)
            && subscript(value).is_some_and(|s| s.base == facts.targets[0])
            && self.split_side(&facts.targets[0]).is_none()
    }

    /// The role of predictions a statement changes in place, if that is all it does.
    fn changes_predictions(&self, stmt: &Statement) -> Option<Role> {
        if stmt.mutations.is_empty() || !stmt.facts.targets.is_empty() {
            return None;
        }
        let kinds: Vec<ValueKind> = stmt
            .mutations
            .iter()
            .map(|m| self.env.get(&m.name).map(|e| e.0))
            .collect::<Option<_>>()?;
        if kinds.iter().all(|k| *k == ValueKind::Prediction(None)) {
            Some(Role::Predict)
        } else if kinds
            .iter()
            .all(|k| matches!(k, ValueKind::Prediction(Some(_))))
        {
            Some(Role::Evaluate)
        } else {
            None
        }
    }

    /// `keras.__version__`, `print("XGBoost version:", xgb.__version__)`.
    fn shows_versions(&self, stmt: &Statement) -> bool {
        stmt.facts.kind == StmtKind::Expr
            && stmt.facts.calls.iter().all(|c| c.callee == "print")
            && self.statement_text(stmt).contains("__version__")
    }

    /// `try: %tensorflow_version 2.x … except: …`: a block around a magic that only
    /// sets flags and prints checks which environment runs the notebook.
    fn checks_environment(&self, cell: &CellModel, stmt: &Statement) -> bool {
        let range = &stmt.facts.range;
        let holds_magic = cell
            .masked
            .magics
            .iter()
            .any(|m| range.start <= m.range.start && m.range.end <= range.end);
        stmt.facts.kind == StmtKind::Block
            && holds_magic
            && stmt.facts.calls.iter().all(|c| c.callee == "print")
    }

    /// `best_score = None`, `best_loss = float('inf')`: a value a loop replaces.
    fn is_placeholder(&self, stmt: &Statement) -> bool {
        if matches!(
            stmt.facts.value,
            Some(AssignedValue::Literal(Literal::None))
        ) {
            return true;
        }
        let value = self.assigned_value(stmt);
        api::PLACEHOLDER_VALUES.contains(&value.replace('"', "'").as_str())
    }

    /// `train_losses, test_losses = [], []`: several empty containers at once.
    fn makes_empty_containers(&self, stmt: &Statement) -> bool {
        let value = self.assigned_value(stmt);
        let items = top_level_items(value);
        items.len() > 1 && items.iter().all(|i| matches!(*i, "[]" | "{}" | "()" | "0"))
    }

    /// `x = []`, `x = {}`: nothing typed in yet.
    fn assigns_empty_literal(&self, stmt: &Statement) -> bool {
        let text = self.statement_text(stmt);
        let value = text.rsplit_once('=').map_or("", |(_, v)| v.trim());
        matches!(value, "[]" | "{}" | "()")
    }

    /// `scores = []`, `{}`, `np.zeros(n)`, `pd.DataFrame()`: a value made to be filled.
    fn makes_empty_container(&self, stmt: &Statement) -> bool {
        matches!(
            stmt.facts.value,
            Some(AssignedValue::Literal(Literal::Collection))
        ) || self.statement_text(stmt).ends_with("[]")
            || stmt
                .qualified_calls
                .iter()
                .any(|q| api::PREALLOCATIONS.contains(&q.as_str()))
            || stmt.facts.calls.len() == 1
                && stmt.facts.calls[0].args.is_empty()
                && stmt.facts.calls[0].keywords.is_empty()
                && stmt
                    .qualified_calls
                    .first()
                    .is_some_and(|q| api::EMPTY_CONTAINERS.contains(&q.as_str()))
    }

    /// A call of a module next to the notebook (`fc_model.train(model, …)`,
    /// `helper.Network(…)`): like the notebook's own functions, its name says what it
    /// does; a class named as a network builds a model.
    fn local_module_call(&self, call: &CallFact) -> Option<CallInfo> {
        let root = call.root.as_deref()?;
        let module = self.model.aliases.get(root)?;
        let top = module.split('.').next().unwrap_or(module);
        // `helper.Network(…)`, or a name imported from the module (`from
        // homemade.k_means import KMeans`).
        let imported_name = call.callee.dots() == 0 && !call.local_receiver && !self.shadowed(root);
        let module_function = call.callee.dots() == 1 && self.receiver_is_module(call);
        if !(imported_name || module_function) || api::knows_package(top) {
            return None;
        }
        let name = call.method.as_str();
        // A class named as a network, or as a model the tables know (a course's own
        // `KMeans`, `LinearRegression`), builds a model.
        let known_model = api::lookup_qualified(&QualifiedName::dotted(name))
            .is_some_and(|e| e.kind == Some(ApiKind::Estimator));
        if api::names_a_network(name) || known_model {
            return Some(CallInfo {
                role: Some(Role::Train),
                kind: Some(ApiKind::Estimator),
                api: Some(name.to_string()),
                ..CallInfo::default()
            });
        }
        role_from_function_name(name).map(|role| CallInfo {
            role: Some(role),
            user_function: true,
            ..CallInfo::default()
        })
    }

    fn receiver_is_module(&self, call: &CallFact) -> bool {
        call.root.as_ref().is_some_and(|r| {
            self.model.aliases.contains_key(r) && !call.local_receiver && !self.shadowed(r)
        })
    }

    /// An import alias rebound to a value (`xgb = xgb.XGBClassifier()`): its
    /// methods are the value's, not the module's functions.
    fn shadowed(&self, name: &str) -> bool {
        self.model.aliases.contains_key(name) && self.env.contains_key(name)
    }

    fn call_infos(&self, stmt: &Statement, in_def: bool) -> Vec<CallInfo> {
        let mut infos: Vec<CallInfo> = stmt
            .facts
            .calls
            .iter()
            .zip(&stmt.qualified_calls)
            .map(|(call, qualified)| {
                if call.deferred && !in_def {
                    // Calls inside a lambda or nested def of a module-level statement
                    // run later; they do not give the statement its role.
                    return CallInfo::default();
                }
                self.call_info(call, qualified)
            })
            .collect();
        let text = self.cell_text(stmt);
        pipelines_take_their_last_step(stmt, text, &mut infos);
        methods_on_objects_built_inside(stmt, text, &mut infos);
        self.applied_functions_do_their_work(stmt, &mut infos);
        infos
    }

    /// `df['text'].apply(clean_text)`: applying the notebook's own function (passed,
    /// not called) does what the function does.
    fn applied_functions_do_their_work(&self, stmt: &Statement, infos: &mut [CallInfo]) {
        // A bare `df['text'].head().apply(tokenize)` only shows what it would do.
        if stmt.facts.kind == StmtKind::Expr {
            return;
        }
        let calls = &stmt.facts.calls;
        let called = |f: &str| calls.iter().any(|c| c.callee == f);
        for (call, info) in calls.iter().zip(infos.iter_mut()) {
            if !api::APPLY_METHODS.contains(&call.method.as_str()) {
                continue;
            }
            let applied = call
                .args
                .first()
                .and_then(|a| a.root.as_deref())
                .filter(|f| !called(f));
            if let Some(&role) = applied.and_then(|f| self.functions.get(f)) {
                info.role = Some(role);
                info.user_function = true;
            } else if applied.is_some_and(|f| api::TYPE_CONVERSIONS.contains(&f)) {
                // `.apply(str)` converts types, as `.astype(str)` does.
                info.role = Some(Role::Clean);
            } else if let Some(role) = self.lambda_role(stmt, call) {
                // `.transform(lambda x: x.fillna(x.median()))` does what its body does.
                info.role = Some(role);
            }
        }
    }

    /// The role of a lambda given to `call` when its outermost call cleans or makes
    /// features (`lambda x: x.fillna(x.median())`, not `lambda x: skew(x.dropna())`).
    fn lambda_role(&self, stmt: &Statement, call: &CallFact) -> Option<Role> {
        let calls = &stmt.facts.calls;
        let inside = |outer: &CallFact, c: &CallFact| {
            outer.range.start < c.range.start && c.range.end <= outer.range.end
        };
        let body: Vec<usize> = (0..calls.len())
            .filter(|&i| calls[i].deferred && inside(call, &calls[i]))
            .collect();
        let outermost = body.iter().find(|&&i| {
            !body.iter().any(|&j| {
                j != i
                    && calls[j].range.start < calls[i].range.start
                    && inside(&calls[j], &calls[i])
            })
        })?;
        self.call_info(&calls[*outermost], &stmt.qualified_calls[*outermost])
            .role
            .filter(|r| matches!(r, Role::Clean | Role::Feature))
    }

    fn call_info(&self, call: &CallFact, qualified_name: &QualifiedName) -> CallInfo {
        let qualified = qualified_name.as_str();
        let root = call.root.as_deref().unwrap_or("");
        // A function or class the notebook defines.
        if call.callee == call.method && !call.local_receiver {
            if let Some(&role) = self.functions.get(root) {
                return CallInfo {
                    role: Some(role),
                    user_function: true,
                    ..CallInfo::default()
                };
            }
            if self.model_classes.contains(root) {
                return CallInfo {
                    role: Some(Role::Train),
                    kind: Some(ApiKind::Estimator),
                    api: Some(root.to_string()),
                    ..CallInfo::default()
                };
            }
            if self.classes.contains(root) {
                // A class named for its job (`GridSearch(X, y, model, grid)`) does it.
                return CallInfo {
                    role: role_from_function_name(root).filter(|r| *r == Role::Tune),
                    user_function: true,
                    ..CallInfo::default()
                };
            }
        }
        if let Some(info) = self.local_module_call(call) {
            return info;
        }
        // `model(x)`: a forward pass of a model being built predicts; calling a layer
        // (`x = embedding(inputs)`, the functional API) builds the network.
        if call.callee.is_plain_name() && !call.local_receiver {
            if let Some((ValueKind::Object(kind), api, Role::Train)) = self.env.get(root) {
                let layer = *kind == ApiKind::NetPart;
                return CallInfo {
                    role: Some(if layer { Role::Train } else { Role::Predict }),
                    kind: Some(*kind),
                    api: api.clone(),
                    method_call: true,
                    ..CallInfo::default()
                };
            }
        }
        let module = self.receiver_is_module(call);
        let chained = qualified_name.is_chained();
        // Constructors and module functions.
        if !chained && !self.shadowed(root) {
            if let Some(mut entry) = api::lookup_qualified(qualified_name) {
                if self.decompositions_are_models && api::is_decomposition(qualified_name) {
                    (entry.role, entry.kind) = (Role::Train, Some(ApiKind::Estimator));
                }
                let opens = api::OPEN_CALLS.contains(&qualified);
                let role = if entry.kind == Some(ApiKind::Loader) && opens {
                    open_role(call)
                } else {
                    entry.role
                };
                return CallInfo {
                    role: Some(role),
                    kind: entry.kind,
                    api: Some(api::short_name(qualified_name).to_string()),
                    method_call: false,
                    user_function: false,
                };
            }
        }
        // Methods: on a known object (`rf.fit`, `StandardScaler().fit`) or any value.
        let receiver = if chained {
            constructed_receiver(qualified_name).or_else(|| self.own_model_receiver(call))
        } else if !module && !call.local_receiver && call.callee.dots() == 1 {
            self.env.get(root).cloned()
        } else {
            None
        };
        let entry = api::lookup_call(qualified_name, &call.method, module && !chained);
        let mut info = CallInfo {
            role: entry.map(|e| e.role),
            kind: entry.and_then(|e| e.kind),
            api: None,
            method_call: qualified.contains('.'),
            user_function: false,
        };
        if let Some((ValueKind::Object(kind), api_name, ctor_role)) = receiver {
            info.kind = Some(kind);
            info.api = api_name;
            info.role = method_role(kind, ctor_role, &call.method).or(info.role);
        }
        if info.role.is_none() && call.method == "run" && call.callee.dots() == 1 {
            info.role = self.graph_node_role(call);
        }
        // Closing or flushing a file opened to read or write (`out_v.close()`) ends
        // that reading or writing.
        if info.role.is_none()
            && call.callee.dots() == 1
            && api::CLOSING_METHODS.contains(&call.method.as_str())
        {
            if let Some((_, _, role @ (Role::Load | Role::Persist))) = self.env.get(root) {
                info.role = Some(*role);
            }
        }
        // Splitting text on whitespace (`sample.split()`) tokenises it.
        if call.method == "split"
            && call.args.is_empty()
            && call.keywords.is_empty()
            && info.role == Some(Role::Clean)
        {
            info.role = Some(Role::Feature);
        }
        // A method of a figure or grid (`g = sns.FacetGrid(…)`, then `g.map(plt.hist,
        // 'Age')`) draws.
        if !module && !chained && !call.local_receiver && call.callee.dots() == 1 {
            let io = matches!(info.role, Some(Role::Persist | Role::Load));
            if self.figures.contains(root) && !io {
                info.role = Some(Role::Visualize);
            }
        }
        // Editing a list in place (`total_cols.remove('id')`) goes on with the work
        // that made it.
        if info.role.is_none()
            && call.callee.dots() == 1
            && api::LIST_EDITS.contains(&call.method.as_str())
        {
            if let Some((_, _, role @ (Role::Feature | Role::Clean))) = self.env.get(root) {
                info.role = Some(*role);
            }
        }
        // A call the API table does not know, named for reading or writing
        // (`graph.write_pdf(…)`, `tokenizer.save_vocabulary(…)`,
        // `input_data.read_data_sets(…)`), does that.
        // Not one that turns a value into text or back (`json.dumps`).
        if info.role.is_none() && !api::TEXT_CODECS.contains(&call.method.as_str()) {
            info.role = role_from_function_name(&call.method)
                .filter(|r| matches!(r, Role::Load | Role::Persist));
        }
        info
    }

    /// `sess.run(train_step, feed_dict=…)`: running a TensorFlow 1 graph node does
    /// what the node was built for (training, scoring).
    fn graph_node_role(&self, call: &CallFact) -> Option<Role> {
        let node = call.args.first()?.root.as_deref()?;
        self.env
            .get(node)
            .map(|e| e.2)
            .filter(|r| matches!(r, Role::Train | Role::Evaluate | Role::Tune | Role::Predict))
    }

    /// `MoonModel(…).to(device)`: a method on the notebook's own network, built in
    /// the same chain.
    fn own_model_receiver(&self, call: &CallFact) -> Option<EnvEntry> {
        let [head, _method] = call.callee.segments() else {
            return None;
        };
        let built_here = head.accesses.as_slice() == [crate::syntax::Access::Call];
        (built_here && self.model_classes.contains(&head.name)).then(|| {
            (
                ValueKind::Object(ApiKind::Estimator),
                Some(head.name.clone()),
                Role::Train,
            )
        })
    }

    /// The statement's role from its calls: I/O wins, then the outermost call.
    fn role_from_calls(
        &self,
        stmt: &Statement,
        calls: &[CallInfo],
        _cell: usize,
        _si: usize,
    ) -> (Option<Role>, bool) {
        let facts = &stmt.facts;
        let with_role: Vec<(usize, Role)> = calls
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.role.map(|r| (i, r)))
            .filter(|(i, _)| !facts.calls[*i].deferred)
            .collect();
        if with_role.is_empty() {
            return (None, false);
        }
        let orchestration = with_role.iter().all(|(i, _)| calls[*i].user_function);
        // A loop over epochs that trains and saves the best model trains: the save is
        // part of its training, so I/O does not win there.
        // So does a block that fits and then saves (`if not os.path.exists(f):
        // model.fit(…); model.save(f)`).
        let trains_in_loop = facts.kind == StmtKind::Block
            && self.source_starts_with(stmt, &["for ", "for(", "while ", "if ", "if("])
            && with_role.iter().any(|(_, r)| *r == Role::Train);
        // Downloading a data file and writing it to disk (`if not
        // os.path.exists(f): r = requests.get(url); …; open(f, 'w')…`) loads it.
        let downloads = facts.kind == StmtKind::Block
            && with_role
                .iter()
                .any(|(i, r)| *r == Role::Load && api::downloads(&stmt.qualified_calls[*i]));
        if let Some(io) = with_role
            .iter()
            .map(|(_, r)| *r)
            .filter(|r| matches!(r, Role::Load | Role::Persist))
            .min_by_key(|r| rank(*r))
            .filter(|_| !trains_in_loop)
        {
            let io = if downloads { Role::Load } else { io };
            return (Some(io), orchestration);
        }
        // Outermost: not inside another call that has a role, seeing through
        // print/display.
        let transparent = |i: usize| {
            calls[i].kind == Some(ApiKind::Display)
                && matches!(facts.calls[i].callee.as_str(), "print" | "display")
        };
        let outermost: Vec<Role> = with_role
            .iter()
            .filter(|(i, _)| !transparent(*i))
            .filter(|(i, _)| {
                let r = &facts.calls[*i].range;
                // Calls of one chain (`x.map(m).fillna(0)`) start together and are
                // siblings; a call that starts later inside another is an argument.
                !with_role.iter().any(|(j, _)| {
                    let o = &facts.calls[*j].range;
                    *j != *i && !transparent(*j) && o.start < r.start && r.end <= o.end
                })
            })
            .map(|(_, r)| *r)
            .collect();
        let roles: Vec<Role> = if outermost.is_empty() {
            with_role.iter().map(|(_, r)| *r).collect()
        } else {
            outermost
        };
        let mut role = roles
            .iter()
            .copied()
            .filter(|r| !trains_in_loop || !matches!(r, Role::Load | Role::Persist))
            .min_by_key(|r| rank(*r));
        // A path put together as an argument (`CustomDataset(train_df,
        // os.path.join(root, 'train'))`) does not make a statement that works on data
        // configuration: its shape and inputs decide.
        if role == Some(Role::Config) && self.reads_data(stmt) {
            let argument = |i: usize| {
                let r = &facts.calls[i].range;
                facts
                    .calls
                    .iter()
                    .any(|o| o.range.start < r.start && r.end <= o.range.end)
            };
            if with_role.iter().all(|(i, _)| argument(*i)) {
                return (None, false);
            }
        }
        // `model.fit(X, y).predict(X_test)`: fitted to predict at once.
        if role == Some(Role::Train) {
            if let Some(predicts) = with_role.iter().find(|(i, r)| {
                let call = &facts.calls[*i];
                matches!(r, Role::Predict | Role::Evaluate)
                    && (call.method.starts_with("predict") || call.method == "forecast")
                    && call.callee.as_str().contains(".fit().")
            }) {
                role = Some(predicts.1);
            }
        }
        // Reshaping a model's output (`np.argmax(model.predict(X), axis=1)`,
        // `np.expm1(model.predict(test))`) still makes predictions or scores.
        if matches!(role, Some(Role::Feature | Role::Clean | Role::Explore)) {
            if let Some(inner) = with_role
                .iter()
                .map(|(_, r)| *r)
                .filter(|r| matches!(r, Role::Predict | Role::Evaluate))
                .min_by_key(|r| rank(*r))
            {
                role = Some(inner);
            }
        }
        if let Some(loop_role) = self.modelling_loop_role(stmt, calls, &with_role) {
            role = Some(loop_role);
        }
        // A loop whose body only draws (`for fold, (tr, va) in enumerate(cv.split(X)):
        // ax.scatter(tr, …)`) draws, whatever its header walks over.
        if self.source_starts_with(stmt, &["for "]) {
            let text = self.statement_text(stmt);
            let header_end = facts.range.start + text.find('\n').unwrap_or(text.len());
            let body: Vec<Role> = with_role
                .iter()
                .filter(|(i, _)| facts.calls[*i].range.start > header_end)
                .map(|(_, r)| *r)
                .collect();
            if !body.is_empty() && body.iter().all(|r| *r == Role::Visualize) {
                role = Some(Role::Visualize);
            }
        }
        // A loop that predicts and counts into a score (`correct += (predicted ==
        // labels).sum()`, `correct_pred[label] += 1`) evaluates.
        if role == Some(Role::Predict) && facts.kind == StmtKind::Block {
            let scores = stmt.mutations.iter().any(|m| {
                matches!(
                    m.kind,
                    MutationKind::AugAssign | MutationKind::SubscriptStore
                ) && api::names_a_metric(&m.name)
            }) || self.accumulated(stmt).any(api::names_a_metric);
            if scores {
                role = Some(Role::Evaluate);
            }
        }
        // A predict on held-out data, or of the fitted values, is an evaluation.
        if role == Some(Role::Predict) {
            let on_held_out = with_role.iter().any(|(i, r)| {
                let call = &facts.calls[*i];
                *r == Role::Predict
                    && (in_sample_prediction(call)
                        || call
                            .args
                            .first()
                            .and_then(|a| a.root.as_deref())
                            .is_some_and(|n| self.scorable_side(n)))
            });
            if on_held_out {
                role = Some(Role::Evaluate);
            }
        }
        (role, orchestration)
    }

    /// The role of a loop that fits models (docs/roles.md, loops are labelled by their
    /// body): over epochs, or stepping an optimizer, it trains one network; over a
    /// splitter's folds, or a list of models each cross-validated, it scores one
    /// configuration at a time (evaluate); building a model per pass and scoring it,
    /// or keeping the best one, is a search (tune).
    fn modelling_loop_role(
        &self,
        stmt: &Statement,
        calls: &[CallInfo],
        with_role: &[(usize, Role)],
    ) -> Option<Role> {
        let facts = &stmt.facts;
        if facts.kind != StmtKind::Block
            || !self.source_starts_with(stmt, &["for ", "for(", "while "])
        {
            return None;
        }
        let all: HashSet<Role> = with_role.iter().map(|(_, r)| *r).collect();
        // `cross_val_score(model, …)` fits as it scores.
        let cross_validates = calls
            .iter()
            .any(|c| c.kind == Some(ApiKind::CrossValidation));
        let fits = all.contains(&Role::Train) || cross_validates;
        let scores = all.contains(&Role::Evaluate) || all.contains(&Role::Predict);
        let keeps_best = facts.defines.iter().any(|d| d.contains("best"));
        let header = self.statement_text(stmt).lines().next().unwrap_or("");
        // A model built from the loop's variable is one configuration per pass (`for k
        // in k_range: knn = KNeighborsClassifier(n_neighbors=k)`); one built from the
        // data alone (a walk-forward refit, a fold's model) is not.
        let loop_vars = loop_variables(header);
        let text = self.cell_text(stmt);
        let builds = |per_configuration: bool| {
            calls.iter().zip(&facts.calls).any(|(info, call)| {
                info.kind == Some(ApiKind::Estimator)
                    && !info.method_call
                    && info.role == Some(Role::Train)
                    && (!per_configuration || mentions(text, &call.range, &loop_vars))
            })
        };
        // The elbow method records a fit's score per value (`wcss.append(km.inertia_)`).
        let records = stmt
            .mutations
            .iter()
            .any(|m| matches!(m.kind, MutationKind::Method(_)));
        let per_configuration = builds(true)
            || self.reconfigures_per_pass(stmt, &loop_vars)
            || scores_per_value(header, facts, text, records || stores_by_pass(stmt));
        let searches = per_configuration || keeps_best && builds(false);
        if !fits || !(scores || searches && (keeps_best || records)) {
            return None;
        }
        let epochs = header.contains("epoch")
            || facts
                .calls
                .iter()
                .any(|c| api::GRADIENT_STEPS.contains(&c.method.as_str()))
            // `sess.run(train_step, …)`: a TensorFlow 1 training step.
            || calls
                .iter()
                .zip(&facts.calls)
                .any(|(info, c)| c.method == "run" && info.role == Some(Role::Train));
        Some(if epochs {
            Role::Train
        } else if searches || keeps_best {
            Role::Tune
        } else {
            Role::Evaluate
        })
    }

    /// A loop that sets a model's hyperparameter from its variable (`reg.n_estimators
    /// = s`, `model.set_params(max_depth=d)`): one configuration per pass.
    fn reconfigures_per_pass(&self, stmt: &Statement, loop_vars: &[&str]) -> bool {
        let is_model = |name: &str| {
            matches!(
                self.env.get(name),
                Some((ValueKind::Object(ApiKind::Estimator), _, _))
            )
        };
        let sets_attribute = self.statement_text(stmt).lines().skip(1).any(|line| {
            let Some((target, value)) = line.trim().split_once('=') else {
                return false;
            };
            let target = target.trim();
            let attribute = target
                .split_once('.')
                .is_some_and(|(root, attr)| is_model(root) && rows::is_identifier(attr));
            attribute && !value.starts_with('=') && mentions_in(value, loop_vars)
        });
        let sets_params = stmt.facts.calls.iter().any(|c| {
            c.method == "set_params"
                && c.root.as_deref().is_some_and(is_model)
                && mentions(self.cell_text(stmt), &c.range, loop_vars)
        });
        sets_attribute || sets_params
    }

    /// An assignment that takes some rows of a data set by position
    /// (`train = data[:n]`, `data.iloc[n:]`), draws a random share of them
    /// (`data.sample(frac=0.2)`) or keeps the rows a split left
    /// (`data.drop(val.index)`): dividing rows is a split (docs/roles.md).
    fn divides_rows(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        if facts.kind != StmtKind::Assign || facts.targets.is_empty() {
            return false;
        }
        let value = self.assigned_value(stmt);
        if value.is_empty() {
            return false;
        }
        // `np.array(df[:n])`: the rows, as an array.
        let value = unwrap_conversion(value);
        let reads_split = facts
            .reads
            .iter()
            .any(|r| self.split_side(&r.name).is_some());
        let parts = top_level_items(value);
        let slices = parts.len() >= 2 && parts.iter().all(|p| is_row_slice(p));
        let parted = facts.targets.iter().all(|t| names_a_part(t))
            && facts.targets.len() == 1
            && selects_rows(value).is_some_and(|base| base != facts.targets[0]);
        // A data set's own split method given a seed or the parts' sizes
        // (`train_data.split(random_state=…)`, `df.randomSplit([0.8, 0.2])`), not a
        // string's `split(',')`.
        let splits_itself = facts.calls.iter().any(|c| {
            c.method == "randomSplit"
                || c.method == "split"
                    && c.callee.dots() > 0
                    && c.keywords.iter().any(|k| {
                        k.name
                            .as_deref()
                            .is_some_and(|n| api::SPLIT_KEYWORDS.contains(&n))
                    })
        });
        // `train_indices = np.random.choice(n, round(n * 0.8), replace=False)`, and the
        // rows they pick (`texts_train = [x for ix, x in enumerate(texts) if ix in
        // train_indices]`).
        let picks_indices = facts.targets.iter().all(|t| names_side_indices(t));
        let picked = facts.targets.iter().all(|t| names_a_part(t))
            && facts.reads.iter().any(|r| names_side_indices(&r.name));
        picks_indices
            || picked
            || facts.targets.len() == 1 && cuts_at_share(value)
            || is_row_slice(value)
                && !self.trims_own_rows(stmt)
                && facts.targets.iter().all(|t| names_a_part(t))
            || splits_itself
            || slices
            || parted
            || value.contains(".sample(") && value.contains("frac") && !shuffles_only(value)
            || reads_split && value.contains(".drop(") && value.contains(".index")
    }

    /// The role of a plot of a model's results (docs/roles.md, explore vs visualize): a
    /// training history (`history.history['loss']`, losses an epoch loop appended to)
    /// or scores evaluate; the errors a search loop recorded per value tune.
    fn plotted_results(&self, stmt: &Statement) -> Option<Role> {
        let reads = &stmt.facts.reads;
        if let Some(role) = reads.iter().find_map(|r| self.run_results.get(&r.name)) {
            return Some(if *role == Role::Tune {
                Role::Tune
            } else {
                Role::Evaluate
            });
        }
        let role_of = |name: &str| self.env.get(name).map(|e| e.2);
        let scores = reads
            .iter()
            .any(|r| matches!(self.env.get(&r.name).map(|e| e.0), Some(ValueKind::Metric)));
        // Scores of a search (`validation_curve`) show the search.
        if scores && reads.iter().any(|r| role_of(&r.name) == Some(Role::Tune)) {
            return Some(Role::Tune);
        }
        if scores || self.statement_text(stmt).contains(".history[") {
            return Some(Role::Evaluate);
        }
        // A fitted model's outputs drawn (`ax.plot(res.trend)`, `res.plot()`), or a
        // search's results (`cv_results_` as a frame).
        let predictions = reads.iter().any(|r| {
            matches!(
                self.env.get(&r.name).map(|e| e.0),
                Some(ValueKind::Prediction(None))
            )
        });
        if predictions {
            return Some(Role::Predict);
        }
        if reads.iter().any(|r| role_of(&r.name) == Some(Role::Tune)) {
            return Some(Role::Tune);
        }
        // A model handed over to be drawn with the data (`plot_decision_boundary(model,
        // X, y)`) shows what it learned; one of its attributes drawn on a shared figure
        // does not.
        let text = self.cell_text(stmt);
        let draws_model = reads.iter().any(|r| {
            let whole = text
                .get(r.range.clone())
                .is_some_and(|t| t == r.name && !text[r.range.end..].starts_with('.'));
            whole
                && matches!(
                    self.env.get(&r.name),
                    Some((ValueKind::Object(ApiKind::Estimator), _, Role::Train))
                )
        }) || stmt
            .qualified_calls
            .iter()
            .any(|q| api::lookup_qualified(q).is_some_and(|e| e.kind == Some(ApiKind::Estimator)));
        (draws_model || reads.iter().any(|r| self.model_derived.contains(&r.name)))
            .then_some(Role::Evaluate)
    }

    /// The role a statement with no role of its own takes from what it works on:
    /// - showing, moving or freezing a model being built (`print(net)`,
    ///   `model = model.to(device)`, `for p in model.parameters(): …`) builds it: train;
    /// - looking at a search's results (`print(search.best_params_)`) tunes;
    /// - a value drawn from random generators and constants only is simulated data:
    ///   load (docs/roles.md).
    fn role_of_inputs(&self, stmt: &Statement) -> Option<Role> {
        let bound: Vec<(&String, &EnvEntry)> = stmt
            .facts
            .reads
            .iter()
            .filter_map(|r| self.env.get(&r.name).map(|e| (&r.name, e)))
            .collect();
        if let Some(role) = self.fits_own_transformer(stmt) {
            return Some(role);
        }
        if self.changes_only_models(stmt) {
            return Some(Role::Train);
        }
        // A value made from constants with no call (`ar = np.r_[1, -arparams]`,
        // `total = EPOCHS * STEPS`) is one more constant, and so is one put together
        // from them (`param_grid = dict(n_neighbors=neighbors)`) or a comprehension
        // over a series of given values (`pdq = [(a, 0, b) for a, b in
        // itertools.product(p, q)]`); not a comprehension over a container, which may
        // have been filled since.
        let in_list = |list: &[&str], q: &QualifiedName| list.contains(&q.as_str());
        let containers_only = stmt.qualified_calls.iter().all(|q| {
            in_list(api::CONTAINER_BUILDERS, q)
                || in_list(api::CONSTANT_SERIES, q)
                || in_list(api::SCALAR_CONVERSIONS, q)
        });
        let over_series = stmt
            .qualified_calls
            .iter()
            .any(|q| in_list(api::CONSTANT_SERIES, q));
        // Typed-in values count as constants too (`k_range = list(range(1, 30))`)
        // unless named as a variable of the data, which simulates it.
        let typed_in = bound.is_empty()
            && !stmt.facts.calls.is_empty()
            && !stmt.facts.targets.is_empty()
            && !stmt
                .facts
                .targets
                .iter()
                .any(|t| api::names_data_variable(t));
        let from_constants = stmt.facts.kind == StmtKind::Assign
            && containers_only
            && (over_series || !self.statement_text(stmt).contains(" for "))
            && (typed_in || !bound.is_empty())
            && bound.iter().all(|(_, (_, _, role))| *role == Role::Config);
        if from_constants {
            return Some(Role::Config);
        }
        if !self.reads_data(stmt) {
            let simulated = stmt.facts.kind == StmtKind::Assign
                && (self.draws_random(stmt)
                    || api::builds_typed_in_data(&stmt.qualified_calls, &stmt.facts.calls));
            return simulated.then_some(Role::Load);
        }
        let models = bound.iter().all(|(_, (kind, _, role))| {
            *role == Role::Train && matches!(kind, ValueKind::Object(_))
        });
        if models {
            // A fitted model's learned attributes (`rf.feature_importances_`, `coef_`)
            // are its results.
            // So are a trained network's parts read out (`classifier.fc1.weight`).
            let trained_weights = stmt.mutations.is_empty()
                && self.reads_attribute(stmt, api::TRAINED_PARTS)
                && bound.iter().all(|(name, _)| self.trained.contains(*name));
            let fitted = self.reads_fitted_attribute(stmt) || trained_weights;
            return Some(if fitted { Role::Evaluate } else { Role::Train });
        }
        // What a tuned model learned (`automl...model.feature_importances_`) explains
        // it, as for a trained one; what it chose (`ridgecv.alpha_`) stays tuning.
        let tuned = !bound.is_empty()
            && bound.iter().all(|(_, (kind, _, role))| {
                *role == Role::Tune && matches!(kind, ValueKind::Object(_))
            });
        if tuned && self.reads_attribute(stmt, api::EXPLAINING_ATTRIBUTES) {
            return Some(Role::Evaluate);
        }
        // What an encoder learned (`one_hot.classes_`, `encoder.categories_`) shows how
        // the model's inputs are made.
        let transformers = bound.iter().all(|(_, (kind, _, role))| {
            *role == Role::Feature && *kind == ValueKind::Object(ApiKind::Transformer)
        });
        if transformers && stmt.mutations.is_empty() && self.reads_fitted_attribute(stmt) {
            return Some(Role::Feature);
        }
        // Tensors computed from the network's only (`loss = tf.reduce_mean(logits)` in
        // a TensorFlow 1 graph) build it further.
        let network = bound.iter().any(|(_, (kind, _, _))| {
            matches!(
                kind,
                ValueKind::Object(ApiKind::NetPart | ApiKind::Estimator)
            )
        }) || bound
            .iter()
            .all(|(_, (kind, _, _))| *kind == ValueKind::Data);
        let computes = stmt.facts.kind == StmtKind::Assign && !stmt.facts.calls.is_empty();
        if network
            && computes
            && bound
                .iter()
                .all(|(_, (_, _, role))| matches!(role, Role::Train | Role::Config))
            && bound.iter().any(|(_, (_, _, role))| *role == Role::Train)
        {
            // The graph's scores and predictions (`accuracy = tf.reduce_mean(…)`,
            // `prediction = tf.round(…)`) judge it; its loss trains it.
            let scores = |t: &String| {
                let lower = t.to_ascii_lowercase();
                !lower.contains("loss")
                    && !lower.contains("cost")
                    && (api::names_a_metric(t)
                        || lower.contains("pred")
                        || lower.contains("correct"))
            };
            let targets = &stmt.facts.targets;
            let judges = !targets.is_empty() && targets.iter().all(scores);
            return Some(if judges { Role::Evaluate } else { Role::Train });
        }
        // Past `reads_data`, something it reads is bound.
        self.works_on_search_results(stmt).then_some(Role::Tune)
    }

    /// Draws random data and transforms it, reading no data
    /// (`days = np.log(np.random.randint(1, 30, size=60))`): simulated data, which
    /// [`Self::role_of_inputs`] loads.
    fn transforms_simulated_data(&self, stmt: &Statement) -> bool {
        !self.reads_data(stmt) && self.draws_random(stmt)
    }

    /// Reads a value bound by a statement that is not bookkeeping (not an import,
    /// config or setup): data, a model, its results.
    fn reads_data(&self, stmt: &Statement) -> bool {
        stmt.facts.reads.iter().any(|r| {
            self.env
                .get(&r.name)
                .is_some_and(|(_, _, role)| !role.is_bookkeeping())
        })
    }

    /// Changes only models being built (`model.embedding.weight.data.copy_(vectors)`,
    /// `model.fc[0].bias = b`): building them, whatever it reads.
    fn changes_only_models(&self, stmt: &Statement) -> bool {
        let is_model = |name: &str| {
            matches!(
                self.env.get(name),
                Some((ValueKind::Object(_), _, Role::Train))
            )
        };
        let changed: Vec<&str> = stmt
            .mutations
            .iter()
            .map(|m| m.name.as_str())
            .chain(stmt.facts.stores.iter().map(|s| s.name.as_str()))
            .collect();
        !changed.is_empty() && changed.into_iter().all(is_model)
    }

    /// A bare method call on a transformer the notebook built for its features
    /// (`TEXT.build_vocab(train_data)`, `tokenizer.fit_on_texts(texts)`): feature work.
    fn fits_own_transformer(&self, stmt: &Statement) -> Option<Role> {
        let facts = &stmt.facts;
        let call = facts.calls.first().filter(|c| {
            facts.kind == StmtKind::Expr
                && c.range.start == facts.range.start
                && c.callee.dots() == 1
        })?;
        let (kind, _, role) = self.env.get(call.root.as_deref()?)?;
        // A transformer the tables do not know shows by how it is fitted.
        let fitted = api::FIT_METHOD_PREFIXES
            .iter()
            .any(|m| call.method.starts_with(m));
        let transformer = matches!(kind, ValueKind::Object(_)) || fitted;
        (transformer && *role == Role::Feature).then_some(Role::Feature)
    }

    /// `df = df[df['len'] > 0]`, `df = df.loc[df.price.notna()]`: a frame replaced by
    /// the rows of it that pass a test on it.
    fn filters_own_rows(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        let [target] = facts.targets.as_slice() else {
            return false;
        };
        let Some((_, value)) = self.statement_text(stmt).split_once('=') else {
            return false;
        };
        let value = value.trim();
        let rows = [format!("{target}["), format!("{target}.loc[")];
        let Some(inner) = rows.iter().find_map(|p| value.strip_prefix(p.as_str())) else {
            return false;
        };
        let tests = ROW_TESTS.iter().chain(&[".notna(", ".notnull("]);
        facts.kind == StmtKind::Assign
            && inner.contains(target.as_str())
            && tests.into_iter().any(|t| inner.contains(t))
    }

    /// `num_X_train = X_train.drop(object_cols, axis=1)`: columns dropped from a
    /// split's side choose what the model sees, unless they are dropped for their
    /// missing values.
    fn drops_from_split_side(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        let Some(drop) = facts
            .calls
            .iter()
            .find(|c| c.method == "drop" && c.callee.dots() == 1)
        else {
            return false;
        };
        let Some(root) = drop.root.as_deref() else {
            return false;
        };
        let inputs = self.split_side(root).is_some();
        let for_missing = facts
            .reads
            .iter()
            .any(|r| self.missing_rows.contains(&r.name));
        // Not rows (`X_train.drop(val.index)`).
        let columns =
            self.statement_text(stmt).contains("axis=1") || drop.keyword("columns").is_some();
        inputs && columns && !for_missing
    }

    /// `for item in datastore: sentences.append(item['headline'])`: a loop over loaded
    /// records that only copies their fields into containers.
    fn copies_records(&self, stmt: &Statement) -> bool {
        let header = self.statement_text(stmt).lines().next().unwrap_or("");
        let Some((_, source)) = for_header(header) else {
            return false;
        };
        let loaded = self.holds_loaded_data(source);
        let only_appends = stmt
            .facts
            .calls
            .iter()
            .all(|c| matches!(c.method.as_str(), "append" | "extend"));
        loaded && only_appends && !stmt.facts.calls.is_empty()
    }

    /// `train_vgg16 = bottleneck_features['train']`: one side's part, by its name, of
    /// a data set read in one piece.
    fn takes_stored_part(&self, stmt: &Statement) -> bool {
        if stmt.facts.kind != StmtKind::Assign || stmt.facts.targets.len() != 1 {
            return false;
        }
        let value = self.assigned_value(stmt);
        // A downloaded response's body (`raw_text = r.text`) or a bundled data set's
        // frame (`df = iris.frame`).
        if let Some((base, attribute)) = value.split_once('.') {
            let body = matches!(attribute, "text" | "content" | "frame");
            if body && self.holds_loaded_data(base) {
                return true;
            }
        }
        let Some(Subscript {
            base,
            inner,
            by_label: false,
        }) = subscript(value)
        else {
            return false;
        };
        quoted(inner)
            .is_some_and(|key| matches!(key, "train" | "test" | "valid" | "val" | "validation"))
            && self.holds_loaded_data(base)
    }

    /// Whether `name` holds data a loading statement read in.
    fn holds_loaded_data(&self, name: &str) -> bool {
        matches!(self.env.get(name), Some((ValueKind::Loaded, _, Role::Load)))
    }

    /// Records the columns a predicting statement fills (`test['Survived'] = preds`).
    fn note_predicted_columns(&mut self, stmt: &Statement) {
        let text = self.statement_text(stmt);
        let Some((target, _)) = text.split_once('=') else {
            return;
        };
        let Some(Subscript { base, inner, .. }) = subscript(target.trim()) else {
            return;
        };
        if let Some(column) = quoted(inner) {
            let (base, column) = (base.to_string(), column.to_string());
            self.predicted_columns.entry(base).or_default().push(column);
        }
    }

    /// Reads a frame's predicted column by name (`sub = test[['Id', 'Survived']]`,
    /// `test['failure'] = test['failure'].astype('float64')`).
    fn reads_predicted_column(&self, stmt: &Statement) -> bool {
        stmt.facts.reads.iter().any(|r| {
            self.predicted_columns.get(&r.name).is_some_and(|columns| {
                stmt.facts
                    .strings
                    .iter()
                    .any(|s| columns.contains(&s.value))
            })
        })
    }

    /// Records names bound to rows or columns selected for their missing values.
    fn note_missing_rows(&mut self, stmt: &Statement) {
        let text = self.statement_text(stmt);
        // Or rows taken from such a selection (`nan_rows = list(train_age.index)`).
        let selects_missing = stmt.facts.kind == StmtKind::Assign
            && (api::MISSING_TESTS.iter().any(|t| text.contains(t))
                || stmt
                    .facts
                    .reads
                    .iter()
                    .any(|r| self.missing_rows.contains(&r.name)));
        rebind(&mut self.missing_rows, &stmt.facts.targets, selects_missing);
    }

    /// Joins, merges or concatenates a value a feature step made.
    fn joins_features(&self, stmt: &Statement) -> bool {
        let joins = stmt
            .facts
            .calls
            .iter()
            .any(|c| matches!(c.method.as_str(), "join" | "merge" | "concat"));
        joins
            && stmt.facts.calls.iter().any(|c| {
                c.args
                    .iter()
                    .filter_map(|a| a.root.as_ref())
                    .any(|n| matches!(self.env.get(n), Some((_, _, Role::Feature))))
            })
    }

    /// Calls a network the notebook has not trained yet (`print(model_0(X_train[:10]))`
    /// before its training loop).
    fn runs_untrained_network(&self, stmt: &Statement) -> bool {
        let scores = stmt.facts.kind == StmtKind::Block
            || stmt.facts.targets.iter().any(|t| api::names_a_metric(t));
        !scores
            && stmt.facts.calls.iter().any(|c| {
                c.callee.is_plain_name()
                    && !c.local_receiver
                    && c.root.as_ref().is_some_and(|r| {
                        !self.trained.contains(r)
                            && matches!(
                                self.env.get(r),
                                Some((ValueKind::Object(ApiKind::Estimator), _, Role::Train))
                            )
                    })
            })
    }

    /// Records the models a training statement fits or runs (`model.fit(…)`, an epoch
    /// loop stepping an optimizer, `train_model(net, …)`).
    fn note_trained(&mut self, stmt: &Statement, calls: &[CallInfo], role: Role) {
        let facts = &stmt.facts;
        // Weights loaded (`net.load_state_dict(…)`) or pretrained ones built in.
        for call in &facts.calls {
            if api::WEIGHT_LOADERS.contains(&call.method.as_str()) {
                self.trained.extend(call.root.iter().cloned());
            }
            if call.keyword("pretrained").is_some() || call.keyword("weights").is_some() {
                self.trained.extend(facts.targets.iter().cloned());
            }
        }
        if !matches!(role, Role::Train | Role::Tune) {
            return;
        }
        let trains = facts.calls.iter().zip(calls).any(|(call, info)| {
            api::FIT_METHOD_PREFIXES
                .iter()
                .any(|p| call.method.starts_with(p))
                || api::GRADIENT_STEPS.contains(&call.method.as_str())
                || info.user_function
        });
        if !trains {
            return;
        }
        let models: Vec<String> = facts
            .reads
            .iter()
            .filter(|r| matches!(self.env.get(&r.name), Some((ValueKind::Object(_), _, _))))
            .map(|r| r.name.clone())
            .chain(facts.targets.iter().cloned())
            .collect();
        self.trained.extend(models);
    }

    /// One size-named value measured from data with `len` or `.shape` only
    /// (`vocab_size = len(vocab_processor.vocabulary_)`, `n_input = X.shape[1]`).
    fn measures_size(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        let [target] = facts.targets.as_slice() else {
            return false;
        };
        let text = self.statement_text(stmt);
        let value = text.split_once('=').map_or("", |(_, v)| v);
        let measures =
            (value.contains("len(") || value.contains(".shape[")) && !cuts_at_share(value.trim());
        let only_measures = facts
            .calls
            .iter()
            .all(|c| matches!(c.method.as_str(), "len" | "max" | "int"));
        facts.kind == StmtKind::Assign && measures && only_measures && api::names_a_size(target)
    }

    /// Multiplies or divides by a number (`/ 255`, `* 0.5`).
    fn scales_by_constant(&self, stmt: &Statement) -> bool {
        let text = self.statement_text(stmt);
        lex::tokens(text).windows(2).any(|pair| {
            (pair[0].is_punct(text, '/') || pair[0].is_punct(text, '*'))
                && pair[1].kind == lex::TokenKind::Number
        })
    }

    /// The role of a learned attribute the statement reads (`rf.feature_importances_`,
    /// `logreg.coef_`: evaluate; `search.best_params_`: tune), on a model it knows.
    fn learned_attribute_role(&self, stmt: &Statement) -> Option<Role> {
        let reads_a_model = stmt.facts.reads.iter().any(|r| {
            matches!(
                self.env.get(&r.name),
                Some((
                    ValueKind::Object(ApiKind::Estimator | ApiKind::Search),
                    _,
                    _
                ))
            )
        });
        if !reads_a_model {
            return None;
        }
        let text = self.statement_text(stmt);
        let tokens = lex::tokens(text);
        tokens.windows(3).find_map(|t| {
            let attribute = &text[t[2].range.clone()];
            let receiver = self.env.get(&text[t[0].range.clone()]);
            // What a search records is all its result, whatever the library calls
            // it (`study.best_trial`, `trials.argmin`).
            let search = matches!(receiver, Some((ValueKind::Object(ApiKind::Search), _, _)));
            let learned = t[0].kind == lex::TokenKind::Word
                && t[1].is_punct(text, '.')
                && t[2].kind == lex::TokenKind::Word
                && (search
                    || attribute.ends_with('_') && !attribute.starts_with('_')
                    || api::FITTED_ATTRIBUTES.contains(&attribute));
            if !learned {
                return None;
            }
            match receiver {
                Some((ValueKind::Object(ApiKind::Estimator), _, Role::Train)) => {
                    Some(Role::Evaluate)
                }
                Some((ValueKind::Object(ApiKind::Search), _, _)) => Some(Role::Tune),
                _ => None,
            }
        })
    }

    /// Reads nothing but what a search made: its object and the tables of its results.
    fn works_on_search_results(&self, stmt: &Statement) -> bool {
        let mut bound = stmt
            .facts
            .reads
            .iter()
            .filter_map(|r| self.env.get(&r.name))
            .peekable();
        bound.peek().is_some() && bound.all(|(_, _, role)| *role == Role::Tune)
    }

    /// The role of what a training, evaluating or tuning loop recorded, when the
    /// statement reads it (a search's records tune, the others evaluate).
    fn recorded_results_role(&self, stmt: &Statement) -> Option<Role> {
        // A name the statement binds itself is its own value, not the recording.
        let role = stmt
            .facts
            .reads
            .iter()
            .filter(|r| !stmt.facts.defines.contains(&r.name))
            .find_map(|r| self.run_results.get(&r.name))?;
        Some(if *role == Role::Tune {
            Role::Tune
        } else {
            Role::Evaluate
        })
    }

    /// Whether the statement reads one of `attributes` after a dot (`net.fc1.weight`).
    fn reads_attribute(&self, stmt: &Statement, attributes: &[&str]) -> bool {
        self.reads_attribute_where(stmt, |word| attributes.contains(&word))
    }

    /// Reads an attribute that scikit-learn's convention names as learned in `fit`
    /// (`.coef_`, `.feature_importances_`: a trailing underscore).
    fn reads_fitted_attribute(&self, stmt: &Statement) -> bool {
        self.reads_attribute_where(stmt, |word| {
            word.ends_with('_') && !word.starts_with('_') || api::FITTED_ATTRIBUTES.contains(&word)
        })
    }

    /// Whether a word after a dot in the statement passes `test`.
    fn reads_attribute_where(&self, stmt: &Statement, test: impl Fn(&str) -> bool) -> bool {
        let text = self.statement_text(stmt);
        lex::tokens(text).windows(2).any(|pair| {
            pair[0].is_punct(text, '.')
                && pair[1].kind == lex::TokenKind::Word
                && test(&text[pair[1].range.clone()])
        })
    }

    /// Reads a value a modelling step bound (a model, its predictions or scores), or
    /// one derived from such a value.
    fn reads_modelling(&self, stmt: &Statement) -> bool {
        stmt.facts.reads.iter().any(|r| {
            self.model_derived.contains(&r.name)
                || self.env.get(&r.name).is_some_and(|(_, _, role)| {
                    matches!(
                        role,
                        Role::Train | Role::Tune | Role::Evaluate | Role::Predict
                    )
                })
        })
    }

    /// Every statement, in notebook order, as (cell index, statement index).
    fn statement_order(&self) -> Vec<(usize, usize)> {
        positioned(self.model).map(|(at, _)| at).collect()
    }

    /// `out.cells` is in notebook order, so sorted by cell index.
    fn info_mut(&mut self, (cell, stmt): (usize, usize)) -> Option<&mut StmtInfo> {
        in_cell_order_mut(&mut self.out.cells, cell).get_mut(stmt)
    }

    fn info_at(&self, (cell, stmt): (usize, usize)) -> Option<&StmtInfo> {
        in_cell_order(&self.out.cells, cell).get(stmt)
    }

    fn role_at(&self, at: (usize, usize)) -> Option<Role> {
        self.info_at(at).map(|info| info.role)
    }

    fn statement_at(&self, (cell, stmt): (usize, usize)) -> Option<&Statement> {
        self.model.cell(cell).and_then(|c| c.statements.get(stmt))
    }

    fn source_starts_with(&self, stmt: &Statement, prefixes: &[&str]) -> bool {
        let text = self.statement_text(stmt);
        prefixes.iter().any(|p| text.starts_with(p))
    }

    /// The masked text of the cell that holds `stmt` (call ranges index into it).
    fn cell_text<'s>(&'s self, stmt: &Statement) -> &'s str {
        // The cell whose statements hold `stmt`: one range check per cell, not a
        // comparison per statement (this runs for many statements of every cell).
        // Statements come in notebook order, so the last cell found is tried first.
        let at: *const Statement = stmt;
        let holds = |c: &CellModel| c.statements.as_ptr_range().contains(&at);
        let cells = &self.model.cells;
        if let Some(cell) = cells.get(self.last_cell.get()).filter(|c| holds(c)) {
            return cell.masked.text.as_str();
        }
        match cells.iter().position(holds) {
            Some(i) => {
                self.last_cell.set(i);
                cells[i].masked.text.as_str()
            }
            None => "",
        }
    }

    fn statement_text<'s>(&'s self, stmt: &Statement) -> &'s str {
        self.cell_text(stmt)
            .get(stmt.facts.range.clone())
            .unwrap_or("")
    }

    /// The text after an assignment's first `=`, trimmed; empty for other statements.
    pub(super) fn assigned_value<'s>(&'s self, stmt: &Statement) -> &'s str {
        self.statement_text(stmt)
            .split_once('=')
            .map_or("", |(_, v)| v.trim())
    }

    /// The split side of a name by dataflow only (a Kaggle `X_test` built from the
    /// competition's unlabelled `test.csv` is not a held-out split).
    fn split_side(&self, name: &str) -> Option<Side> {
        match self.env.get(name).map(|e| e.0) {
            Some(ValueKind::Split(side)) => Some(side),
            _ => None,
        }
    }

    /// `df.loc[df['age'] > 100, 'age'] = np.nan`: marking impossible values missing.
    fn marks_missing(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        let text = self.statement_text(stmt);
        let value = text.rsplit_once('=').map_or("", |(_, v)| v.trim());
        facts.kind == StmtKind::Assign
            && !facts.stores.is_empty()
            && facts.targets.is_empty()
            && api::MISSING_VALUES.contains(&value)
    }

    /// Statements with no call that has a role.
    fn role_from_shape(&self, stmt: &Statement) -> Role {
        let facts = &stmt.facts;
        let upper = |n: &String| is_constant_name(n);
        let module_store = facts.stores.iter().any(|s| {
            self.model.aliases.get(&s.name).is_some_and(|t| {
                [
                    "pandas",
                    "matplotlib",
                    "os",
                    "numpy",
                    "seaborn",
                    "plotly",
                    "warnings",
                    "sys",
                    "tensorflow",
                    "torch",
                ]
                .iter()
                .any(|m| t == m || t.starts_with(&format!("{m}.")))
            })
        });
        if module_store {
            // `torch.backends.cudnn.deterministic = True` makes runs repeatable, as a
            // seed does: configuration, not a display setting.
            let repeatable = self.statement_text(stmt).contains("deterministic");
            return if repeatable {
                Role::Config
            } else {
                Role::Setup
            };
        }
        match facts.kind {
            StmtKind::Assign | StmtKind::AugAssign => {
                if !facts.targets.is_empty() && facts.stores.is_empty() {
                    if self.reads_file_through_unknown_call(stmt) {
                        return Role::Load;
                    }
                    if facts.targets.iter().all(upper) {
                        return Role::Config;
                    }
                    // `X_train /= 255` changes the value by a constant; it binds none.
                    let literal = match &facts.value {
                        Some(AssignedValue::Literal(l)) if facts.kind == StmtKind::Assign => {
                            Some(l)
                        }
                        _ => None,
                    };
                    if let Some(literal) = literal {
                        // `x = [[0.1, 0.2], …]`, `reviews = ['great', …]`, `review1 =
                        // 'The film was boring.'`: data typed in.
                        let data = match literal {
                            Literal::Collection => {
                                !self.assigns_empty_literal(stmt)
                                    && facts.targets.iter().all(|t| api::names_data_variable(t))
                            }
                            Literal::Str(text) => {
                                text.trim().contains(' ')
                                    && facts.targets.iter().all(|t| api::names_a_record(t))
                            }
                            _ => false,
                        };
                        return if data { Role::Load } else { Role::Config };
                    }
                    // A library's constant (`np.pi`, `module.__file__`), not an index
                    // built with one (`np.r_[6, 16] - 1`).
                    let from_modules = !facts.reads.is_empty()
                        && facts
                            .reads
                            .iter()
                            .all(|r| self.model.aliases.contains_key(&r.name));
                    let indexes = self.statement_text(stmt).contains('[');
                    if facts.calls.is_empty() && from_modules && !indexes {
                        return Role::Config;
                    }
                    if !stmt.paths.is_empty()
                        && facts.reads.iter().all(|r| !self.env.contains_key(&r.name))
                    {
                        return Role::Config;
                    }
                    if let Some(AssignedValue::Name(n)) = &facts.value {
                        if let Some((kind, _, role)) = self.env.get(n) {
                            return match kind {
                                ValueKind::Object(_) => *role,
                                ValueKind::Metric => Role::Evaluate,
                                _ => Role::Feature,
                            };
                        }
                    }
                }
                if facts
                    .stores
                    .iter()
                    .any(|s| s.kind == crate::syntax::StoreKind::Attribute)
                    && facts
                        .stores
                        .iter()
                        .all(|s| s.kind == crate::syntax::StoreKind::Attribute)
                {
                    return self.attribute_store_role(stmt);
                }
                Role::Feature
            }
            StmtKind::Delete => Role::Clean,
            // Showing a library's own object (`sm.formula.ols`, like `x.__version__`)
            // looks at the tools, not the data.
            StmtKind::Expr
                if facts.calls.is_empty()
                    && !facts.reads.is_empty()
                    && facts
                        .reads
                        .iter()
                        .all(|r| self.model.aliases.contains_key(&r.name)) =>
            {
                Role::Setup
            }
            StmtKind::Expr => Role::Explore,
            StmtKind::Block => {
                if !facts.defines.is_empty() && facts.defines.iter().all(upper)
                    || !stmt.paths.is_empty()
                {
                    Role::Config
                } else if !facts.stores.is_empty() || !facts.defines.is_empty() {
                    Role::Feature
                } else {
                    Role::Explore
                }
            }
            _ => Role::Explore,
        }
    }

    /// `df = utils.csv_to_dataframe('train.csv')`: a data file handed to a function no
    /// table knows, whose result is not named as a path, is read by it; building the
    /// path (`os.path.join(DATA, 'train.csv')`) is not reading it.
    fn reads_file_through_unknown_call(&self, stmt: &Statement) -> bool {
        let names_a_path = |t: &String| {
            let lower = t.to_ascii_lowercase();
            [
                "path", "file", "dir", "url", "name", "folder", "root", "config", "args", "param",
            ]
            .iter()
            .any(|w| lower.contains(w))
        };
        let a_file = names_a_data_file(stmt)
            || stmt
                .facts
                .reads
                .iter()
                .any(|r| self.file_paths.contains(&r.name));
        let reader = stmt
            .qualified_calls
            .iter()
            .map(QualifiedName::as_str)
            .any(|q| {
                !api::PATH_BUILDERS.contains(&q)
                    && !api::CONTAINER_BUILDERS.contains(&q)
                    && !q.ends_with("Namespace")
                    && !q.ends_with("OrderedDict")
            });
        stmt.facts.kind == StmtKind::Assign
            && a_file
            && reader
            && !self.reads_data(stmt)
            && !stmt.facts.targets.iter().any(names_a_path)
    }

    /// Records which names now hold a data file's path.
    fn track_file_paths(&mut self, stmt: &Statement) {
        let facts = &stmt.facts;
        if !matches!(facts.kind, StmtKind::Assign | StmtKind::AugAssign) {
            return;
        }
        let path = stmt
            .qualified_calls
            .iter()
            .all(|q| api::PATH_BUILDERS.contains(&q.as_str()))
            && names_a_data_file(stmt);
        rebind(&mut self.file_paths, &facts.targets, path);
    }

    /// Setting attributes only: on data (`df.index = pd.to_datetime(…)`,
    /// `ts.index.freq = "MS"`, `df.columns = […]`) it fixes the data's structure:
    /// clean; on a model being built (`layer.trainable = False`) it builds it: train;
    /// otherwise it sets an option: setup.
    fn attribute_store_role(&self, stmt: &Statement) -> Role {
        let roles: Vec<Role> = stmt
            .facts
            .stores
            .iter()
            .filter_map(|s| self.env.get(&s.name))
            .map(|(kind, _, role)| match kind {
                ValueKind::Object(_) if *role == Role::Train => Role::Train,
                ValueKind::Loaded | ValueKind::Data | ValueKind::Split(_)
                    if !role.is_bookkeeping() =>
                {
                    Role::Clean
                }
                _ => Role::Setup,
            })
            .collect();
        match roles.first() {
            Some(&first) if roles.len() == stmt.facts.stores.len() => first,
            _ => Role::Setup,
        }
    }
}

/// A path literal in the statement names a data file (`'data/train.csv'`).
fn names_a_data_file(stmt: &Statement) -> bool {
    stmt.paths
        .iter()
        .any(|p| crate::knowledge::paths::names_a_file(&p.value))
}

/// A function the notebook writes under a library function's name (its own
/// `train_test_split`, `accuracy_score`) does what the library's does.
fn library_function_role(name: &str) -> Option<Role> {
    api::lookup_qualified(&QualifiedName::dotted(name)).map(|e| e.role)
}

/// The role a function's name announces (`load_data`, `plot_history`, `predict`).
fn role_from_function_name(name: &str) -> Option<Role> {
    // `GridSearch`, `RandomSearch`: CamelCase words too; an acronym (`MAPE`) is one.
    let bytes = name.as_bytes();
    let snake: String = name
        .char_indices()
        .flat_map(|(i, c)| {
            let boundary = i > 0 && c.is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase();
            boundary
                .then_some('_')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect();
    let lower = snake.to_ascii_lowercase();
    if api::DATA_MAKING_FUNCTIONS.contains(&lower.as_str()) {
        return Some(Role::Load);
    }
    let words: Vec<&str> = lower.split('_').collect();
    if api::EVALUATING_FIRST_WORDS.contains(&words[0]) {
        return Some(Role::Evaluate);
    }
    // A drawing of results (`plot_predictions`) evaluates (docs/roles.md).
    let has = |prefixes: &[&str]| {
        words
            .iter()
            .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
    };
    if (has(api::DRAWING_WORDS) || has(api::DISPLAY_WORDS)) && has(api::RESULT_WORDS) {
        return Some(Role::Evaluate);
    }
    api::FUNCTION_NAME_ROLES
        .iter()
        .find(|(prefixes, _)| {
            words
                .iter()
                .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
        })
        .map(|(_, role)| *role)
}

/// The role of a function body: its most significant call.
/// A body that scores what it built (`score_dataset`, an optuna objective that loads,
/// fits and returns a cross-validated score) is called to evaluate (docs/roles.md),
/// unless it also searches or saves.
fn body_role(calls: &[CallInfo]) -> Option<Role> {
    let roles: Vec<Role> = calls
        .iter()
        .filter_map(|c| c.role)
        .filter(|r| !matches!(r, Role::Explore | Role::Setup | Role::Config))
        .collect();
    let searches_or_saves = roles.contains(&Role::Tune) || roles.contains(&Role::Persist);
    if roles.contains(&Role::Evaluate) && !searches_or_saves {
        return Some(Role::Evaluate);
    }
    roles.into_iter().min_by_key(|r| rank(*r))
}

/// A loop over constant values (`for d in range(1, 6)`, `for i, degree in
/// enumerate([1, 2, 3])`) that hands the value to the calls that fit or score and
/// records each pass's score: one configuration per value (docs/roles.md: a loop over
/// values of `k` that keeps the scores is tune). Not a loop over folds or models.
fn scores_per_value(
    header: &str,
    facts: &crate::syntax::StmtFacts,
    cell_text: &str,
    records: bool,
) -> bool {
    let Some((_, iterated)) = for_header(header) else {
        return false;
    };
    let over_values = ["range(", "enumerate(range(", "[", "enumerate(["]
        .iter()
        .any(|p| iterated.starts_with(p));
    // The value, not `enumerate`'s counter.
    let Some(value) = loop_variables(header).last().copied() else {
        return false;
    };
    let handed_over = facts.calls.iter().any(|c| {
        !matches!(c.method.as_str(), "append" | "print" | "format")
            && !api::LIST_EDITS.contains(&c.method.as_str())
            && mentions(cell_text, &c.range, &[value])
    });
    over_values && records && handed_over
}

/// `mse[i] = …`: a loop that stores a value per pass.
fn stores_by_pass(stmt: &Statement) -> bool {
    stmt.mutations
        .iter()
        .any(|m| m.kind == MutationKind::SubscriptStore)
}

/// The names a `for` header binds (`i, (trn_idx, val_idx)` of `for i, (trn_idx,
/// val_idx) in enumerate(…):`); none for `while`.
fn loop_variables(header: &str) -> Vec<&str> {
    let Some((targets, _)) = for_header(header) else {
        return Vec::new();
    };
    targets
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && w != &"_")
        .collect()
}

/// A `for` header's targets and what it iterates (`i, row` and `df.iterrows()` of
/// `for i, row in df.iterrows():`); none for another statement.
fn for_header(header: &str) -> Option<(&str, &str)> {
    let rest = header.trim_start().strip_prefix("for")?;
    if !rest.starts_with([' ', '\t', '(']) {
        return None;
    }
    let (targets, iterated) = rest.split_once(" in ")?;
    Some((targets, iterated.trim().trim_end_matches(':').trim_end()))
}

/// Whether the code at `range` of `text` names one of `names`.
fn mentions(text: &str, range: &std::ops::Range<usize>, names: &[&str]) -> bool {
    text.get(range.clone())
        .is_some_and(|code| mentions_in(code, names))
}

/// Whether `code` uses one of `names` as a word (not inside a longer name or string).
fn mentions_in(code: &str, names: &[&str]) -> bool {
    lex::tokens(code)
        .iter()
        .any(|t| t.kind == lex::TokenKind::Word && names.contains(&&code[t.range.clone()]))
}

/// Tests that keep some rows of a frame (`df[df.x > 0]`, `df[~mask]`).
const ROW_TESTS: &[&str] = &["<", ">", "==", "!=", ".isin(", "~"];

/// What a loader reads: a data set's held-out part when asked for it
/// (`datasets.MNIST(root, train=False)`), its training part (`train=True`), else
/// loaded data.
fn loaded_part(call: &CallFact) -> ValueKind {
    match call.keyword("train").map(|k| &k.value) {
        Some(Literal::Bool(false)) => ValueKind::Split(Side::Test),
        Some(Literal::Bool(true)) => ValueKind::Split(Side::Train),
        _ => ValueKind::Loaded,
    }
}

/// A pipeline (`Pipeline([…])`, `make_pipeline(…)`) is what its last step is
/// (docs/roles.md): one that ends in a model trains, one that ends in an encoder is
/// feature work. The last step is the latest-starting model or transformer built in
/// its arguments, when nothing but closing brackets follows it (a step passed by
/// name, `('model', model)`, is not seen here and leaves the pipeline a model).
fn pipelines_take_their_last_step(stmt: &Statement, cell_text: &str, infos: &mut [CallInfo]) {
    let calls = &stmt.facts.calls;
    for (i, qualified) in stmt.qualified_calls.iter().enumerate() {
        if !api::PIPELINES.contains(&api::short_name(qualified)) {
            continue;
        }
        let range = &calls[i].range;
        let last = (0..calls.len())
            .filter(|&j| {
                j != i && range.start < calls[j].range.start && calls[j].range.end <= range.end
            })
            .filter(|&j| {
                matches!(
                    infos[j].kind,
                    Some(ApiKind::Estimator | ApiKind::Transformer | ApiKind::Resampler)
                ) && !infos[j].method_call
            })
            .max_by_key(|&j| calls[j].range.start);
        let ends_the_call = |j: usize| {
            cell_text
                .get(calls[j].range.end..range.end)
                .is_some_and(|rest| rest.chars().all(|c| ")]}, \t\r\n".contains(c)))
        };
        if let Some(j) = last.filter(|&j| ends_the_call(j)) {
            infos[i].role = infos[j].role;
            infos[i].kind = infos[j].kind;
        }
    }
}

/// Whether a call of the statement draws (`plt.plot`, `res.plot_diagnostics()`,
/// `infl.plot_influence()`), whatever role the drawing takes.
fn draws_figure(stmt: &Statement, calls: &[CallInfo]) -> bool {
    let plots = |kind: Option<ApiKind>| kind == Some(ApiKind::Plot);
    calls.iter().zip(&stmt.facts.calls).any(|(info, call)| {
        plots(info.kind)
            || plots(api::lookup_method(&call.method).and_then(|e| e.kind))
            || call.method.starts_with("plot_")
    })
}

/// Every statement with its (cell index, statement index), in notebook order.
fn positioned(model: &NotebookModel) -> impl Iterator<Item = ((usize, usize), &Statement)> {
    model.cells.iter().flat_map(|c| {
        c.statements
            .iter()
            .enumerate()
            .map(move |(s, stmt)| ((c.index, s), stmt))
    })
}

/// `res.predict()`, `res.get_prediction(start='2017-01-01', dynamic=False)`: a fitted
/// statistical model's values for the data it was fitted on (no new data, no end
/// beyond it to forecast to), which are looked at to judge the fit.
fn in_sample_prediction(call: &CallFact) -> bool {
    matches!(call.method.as_str(), "predict" | "get_prediction")
        && call.args.is_empty()
        && call
            .keywords
            .iter()
            .all(|k| matches!(k.name.as_deref(), Some("dynamic" | "typ" | "start")))
}

/// `open(path)` reads; `open(path, 'w')` writes.
fn open_role(call: &CallFact) -> Role {
    let mode = call
        .args
        .get(1)
        .map(|a| &a.value)
        .or_else(|| call.keyword("mode").map(|k| &k.value));
    match mode {
        Some(Literal::Str(m)) if m.contains(['w', 'a', 'x']) => Role::Persist,
        _ => Role::Load,
    }
}

/// The role of a method called on an object of a known kind.
fn method_role(kind: ApiKind, ctor_role: Role, method: &str) -> Option<Role> {
    match crate::knowledge::api::method_role_on(kind, method)? {
        // An estimator that picks its own settings as it fits (`RidgeCV`) tunes.
        MethodRole::Is(Role::Train) if ctor_role == Role::Tune => Some(Role::Tune),
        MethodRole::Is(role) => Some(role),
        // A transformer cleans when it was built to clean (an imputer).
        MethodRole::AsConstructed if ctor_role == Role::Clean => Some(Role::Clean),
        MethodRole::AsConstructed => Some(Role::Feature),
    }
}

/// The model a function body constructs, if any: its constructor's name and whether
/// its `fit` returns results (keras' `History`, statsmodels' results).
fn built_model(stmt: &Statement, calls: &[CallInfo]) -> Option<(Option<String>, bool)> {
    let i = (0..calls.len()).find(|&i| {
        calls[i].kind == Some(ApiKind::Estimator)
            && !calls[i].method_call
            && calls[i].role == Some(Role::Train)
            && is_object_ctor(&stmt.qualified_calls[i])
    })?;
    let results = api::has_tag(&stmt.qualified_calls[i], "", ApiTag::FitReturnsResults);
    Some((calls[i].api.clone(), results))
}

/// Methods on an object the same loop or function body builds (`for c in cols: lbl =
/// LabelEncoder(); lbl.fit(…)`): the forward pass only knows names bound by earlier
/// statements, so the body's own `name = Constructor(…)` gives the receiver's kind.
fn methods_on_objects_built_inside(stmt: &Statement, cell_text: &str, infos: &mut [CallInfo]) {
    let calls = &stmt.facts.calls;
    let built: Vec<(&str, usize)> = (0..calls.len())
        .filter(|&i| !infos[i].method_call && infos[i].kind.is_some_and(is_object_kind))
        .filter_map(|i| Some((assigned_name_before(cell_text, calls[i].range.start)?, i)))
        .collect();
    for j in 0..calls.len() {
        let call = &calls[j];
        if call.callee.dots() != 1 {
            continue;
        }
        let Some(root) = call.root.as_deref() else {
            continue;
        };
        let ctor = built
            .iter()
            .rev()
            .find(|(name, i)| *name == root && calls[*i].range.end <= call.range.start);
        if let Some(&(_, i)) = ctor {
            let (kind, role) = (infos[i].kind, infos[i].role);
            if let (Some(kind), Some(role)) = (kind, role) {
                infos[j].kind = Some(kind);
                infos[j].api = infos[i].api.clone();
                infos[j].role = method_role(kind, role, &call.method).or(infos[j].role);
            }
        }
    }
}

/// `lbl` in `    lbl = LabelEncoder()`: the plain name assigned by the text that ends
/// at `at`.
fn assigned_name_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.trim_end();
    let before = before.strip_suffix('=')?;
    if before.ends_with(['=', '!', '<', '>', '+', '-', '*', '/']) {
        return None;
    }
    let before = before.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |p| p + 1);
    let name = &before[start..];
    let line_start = before[..start].rfind('\n').map_or(0, |p| p + 1);
    let own_line = before[line_start..start].trim().is_empty();
    (own_line && !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()))
        .then_some(name)
}

/// Keeps `names` in `set` when `holds`, else drops them: what a statement rebinds no
/// longer holds what it held.
fn rebind(set: &mut HashSet<String>, names: &[String], holds: bool) {
    for name in names {
        if holds {
            set.insert(name.clone());
        } else {
            set.remove(name);
        }
    }
}

/// Whether the notebook builds decompositions and no other model: then PCA or t-SNE
/// is what it studies (docs/roles.md).
fn fits_only_decompositions(model: &NotebookModel) -> bool {
    let mut decomposes = false;
    for (_, stmt) in model.statements() {
        for q in &stmt.qualified_calls {
            if api::is_decomposition(q) {
                decomposes = true;
            } else if api::lookup_qualified(q).is_some_and(|e| {
                e.kind == Some(ApiKind::Estimator) || e.kind == Some(ApiKind::NetPart)
            }) {
                return false;
            }
        }
    }
    decomposes
}

/// `df.sample(frac=1)`: every row, shuffled; nothing is held out.
fn shuffles_only(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("frac=1)") || compact.contains("frac=1,") || compact.contains("frac=1.0")
}

/// The value inside an array or list conversion (`np.array(df[:n])` → `df[:n]`).
fn unwrap_conversion(value: &str) -> &str {
    ["np.array(", "np.asarray(", "numpy.array(", "list("]
        .iter()
        .find_map(|w| value.strip_prefix(w)?.strip_suffix(')'))
        .filter(|inner| inner.matches('(').count() == inner.matches(')').count())
        .map_or(value, str::trim)
}

/// `int(len(X) * 0.8)`, `round(0.7 * df.shape[0])`: where a share of the rows ends,
/// the point a split cuts at.
fn cuts_at_share(value: &str) -> bool {
    let rounded = ["int(", "round(", "math.floor(", "math.ceil(", "np.floor("]
        .iter()
        .any(|w| value.starts_with(w));
    rounded && (value.contains("len(") || value.contains(".shape[0]")) && value.contains('*')
}

fn is_object_kind(kind: ApiKind) -> bool {
    matches!(
        kind,
        ApiKind::Estimator
            | ApiKind::Transformer
            | ApiKind::Resampler
            | ApiKind::Search
            | ApiKind::Splitter
    )
}

/// `StandardScaler().fit_transform`: the object a one-call chain constructs.
fn constructed_receiver(qualified: &QualifiedName) -> Option<(ValueKind, Option<String>, Role)> {
    let head = qualified.single_call_head()?;
    let entry = api::lookup_qualified(&head)?;
    match entry.kind? {
        kind @ (ApiKind::Estimator
        | ApiKind::Transformer
        | ApiKind::Resampler
        | ApiKind::Search
        | ApiKind::Splitter) => Some((
            ValueKind::Object(kind),
            Some(api::short_name(&head).to_string()),
            entry.role,
        )),
        _ => None,
    }
}

fn is_object_ctor(qualified: &QualifiedName) -> bool {
    api::short_name(qualified)
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// `X`, `y`, `X_train`, `y_val`, `features`, `target`: the names of model inputs.
fn is_model_input_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let head = lower.split('_').next().unwrap_or("");
    matches!(
        head,
        "x" | "y"
            | "xtrain"
            | "ytrain"
            | "xtest"
            | "ytest"
            | "features"
            | "target"
            | "labels"
            | "label"
    )
}

/// A mutation that puts something into its value (`losses.append(…)`, `oof[idx] =
/// …`), not a model changed by `model.train()` or `fit`.
fn fills_in_place(m: &crate::model::Mutation) -> bool {
    match &m.kind {
        MutationKind::SubscriptStore => true,
        MutationKind::Method(method) => !crate::knowledge::is_model_mutating_method(method),
        _ => false,
    }
}

/// Whether `stmt` puts something into `name` (`name['a'] = …`, `name.append(…)`).
fn fills(stmt: &Statement, name: &str) -> bool {
    stmt.facts.kind != StmtKind::Block
        && stmt.mutations.iter().any(|m| {
            m.name == name
                && matches!(
                    &m.kind,
                    MutationKind::SubscriptStore | MutationKind::Method(_)
                )
        })
}

/// `Id`, `PassengerId`, `customer_id`: a column that names rows, not a feature.
fn names_an_id(column: &str) -> bool {
    column.eq_ignore_ascii_case("id")
        || column.ends_with("Id")
        || column.ends_with("ID")
        || column.to_ascii_lowercase().ends_with("_id")
}

/// `DATA_DIR`, `N_FOLDS`: at least two characters, upper case.
pub fn is_constant_name(name: &str) -> bool {
    name.len() >= 2
        && name.chars().any(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests;
