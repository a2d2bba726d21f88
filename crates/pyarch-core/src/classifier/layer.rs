//! A learned second look at the rules' roles.
//!
//! The rules ([`super::classify_by_rules`]) decide each statement from its own calls
//! and dataflow. Labellers also read the company a statement keeps: the roles of its
//! neighbours in the cell, the cell's main stage, what its inputs came from and what
//! its outputs go to, and the words it is written in. This layer is a multinomial
//! logistic regression over exactly those signals. Its weights are data
//! (`role_layer.tsv`), trained on the tune notebooks only by
//! `cargo run --release --example train_role_layer`; the test split and the fresh
//! sets never enter training.
//!
//! The layer only ever chooses among the pipeline's stages: imports and definitions
//! are decided by a statement's kind and stay as the rules have them.

use super::{in_cell_order_mut, positioned, Roles};
use crate::model::NotebookModel;
use crate::role::Role;
use crate::syntax::StmtKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The roles the layer chooses among, in the order of a weight row.
pub const STAGES: [Role; 13] = [
    Role::Config,
    Role::Setup,
    Role::Load,
    Role::Clean,
    Role::Explore,
    Role::Feature,
    Role::Split,
    Role::Train,
    Role::Tune,
    Role::Evaluate,
    Role::Predict,
    Role::Visualize,
    Role::Persist,
];

/// One weight per stage.
pub type Row = [f32; STAGES.len()];

/// How much more (in log-odds) another stage must score before the layer overrides
/// the rules. Chosen by leave-one-tune-set-out cross-validation: 2.0 until the eleventh
/// tune set, when a margin of 4 to 6 scored best (cell precision +0.006 over 2.0); 5.0
/// since session 30's rules, the smallest margin at which the layer lowers none of the
/// three scores below the rules' own (at 4.0 it cost 0.002 of cell precision).
pub const MARGIN: f32 = 5.0;

/// The name of the row every statement has.
pub const BIAS: &str = "bias";

/// The shipped weights, trained on the tune notebooks.
const SHIPPED: &str = include_str!("role_layer.tsv");

/// What the layer sees of one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementFeatures {
    pub cell: usize,
    pub stmt: usize,
    /// The role the rules gave.
    pub rules: Role,
    /// Sorted, without duplicates; empty for statements the layer leaves alone.
    pub features: Vec<String>,
}

/// The layer's weights: one [`Row`] per feature name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleLayer {
    pub rows: HashMap<String, Row>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("role layer table, line {line}: {problem}")]
pub struct TableError {
    pub line: usize,
    pub problem: String,
}

impl RoleLayer {
    /// The weights compiled into pyarch. A unit test parses them, so this cannot fail
    /// at run time.
    pub fn shipped() -> &'static RoleLayer {
        static LAYER: OnceLock<RoleLayer> = OnceLock::new();
        LAYER.get_or_init(|| RoleLayer::parse(SHIPPED).expect("the shipped role layer parses"))
    }

    /// Reads the table `to_table` writes: `feature<TAB>role:weight role:weight …`,
    /// `#` comments. Stages a line leaves out weigh 0.
    pub fn parse(text: &str) -> Result<RoleLayer, TableError> {
        let mut rows = HashMap::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fail = |problem: String| TableError {
                line: i + 1,
                problem,
            };
            let (name, weights) = line
                .split_once('\t')
                .ok_or_else(|| fail("no tab after the feature name".into()))?;
            let mut row = [0.0; STAGES.len()];
            for pair in weights.split_whitespace() {
                let (role, weight) = pair
                    .split_once(':')
                    .ok_or_else(|| fail(format!("`{pair}` is not role:weight")))?;
                let at = Role::parse(role)
                    .and_then(stage_index)
                    .ok_or_else(|| fail(format!("`{role}` is not a stage")))?;
                row[at] = weight
                    .parse()
                    .map_err(|_| fail(format!("`{weight}` is not a number")))?;
            }
            if rows.insert(name.to_string(), row).is_some() {
                return Err(fail(format!("`{name}` appears twice")));
            }
        }
        Ok(RoleLayer { rows })
    }

    /// The table, sorted by feature name, weights rounded to 3 decimals and zeros left
    /// out, so that retraining shows as a readable diff.
    pub fn to_table(&self, header: &str) -> String {
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        let mut names: Vec<&String> = self.rows.keys().collect();
        names.sort();
        for name in names {
            let row = &self.rows[name];
            let weights: Vec<String> = STAGES
                .iter()
                .zip(row)
                .filter(|(_, w)| (**w * 1000.0).round() != 0.0)
                .map(|(role, w)| format!("{}:{:.3}", role.as_str(), w))
                .collect();
            if !weights.is_empty() {
                out.push_str(&format!("{name}\t{}\n", weights.join(" ")));
            }
        }
        out
    }

    /// Each stage's score for a statement: the bias plus the rows of its features.
    pub fn scores(&self, features: &[String]) -> Row {
        let mut total = self.rows.get(BIAS).copied().unwrap_or_default();
        for row in features.iter().filter_map(|f| self.rows.get(f)) {
            for (t, w) in total.iter_mut().zip(row) {
                *t += w;
            }
        }
        total
    }

    /// The stage the layer picks; the rules' role unless another stage outscores it
    /// by more than [`MARGIN`].
    pub fn choose(&self, statement: &StatementFeatures) -> Role {
        self.choose_with_margin(statement, MARGIN)
    }

    pub fn choose_with_margin(&self, statement: &StatementFeatures, margin: f32) -> Role {
        if statement.features.is_empty() {
            return statement.rules;
        }
        choose_by_scores(&self.scores(&statement.features), statement.rules, margin)
    }
}

/// The best-scoring stage; the rules' role unless another stage beats it by more than
/// `margin`.
fn choose_by_scores(scores: &Row, rules: Role, margin: f32) -> Role {
    let best = (0..STAGES.len())
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    match stage_index(rules) {
        Some(at) if scores[at] + margin >= scores[best] => rules,
        _ => STAGES[best],
    }
}

/// Where a role sits in a [`Row`]; `None` for imports and definitions.
pub fn stage_index(role: Role) -> Option<usize> {
    STAGES.iter().position(|&r| r == role)
}

/// Re-decides every statement the layer may touch. Scores features as they are made,
/// without collecting them, because this runs on every notebook pyarch reads.
pub fn apply(model: &NotebookModel, roles: &mut Roles, layer: &RoleLayer) {
    let mut scorer = Scorer {
        layer,
        buffer: String::new(),
        seen: HashSet::default(),
        total: [0.0; STAGES.len()],
        changes: Vec::new(),
        current: None,
    };
    visit_features(model, roles, &mut scorer);
    for (cell, stmt, chosen) in scorer.changes {
        if let Some(role) = in_cell_order_mut(&mut roles.roles, cell).get_mut(stmt) {
            *role = chosen;
        }
        if let Some(info) = in_cell_order_mut(&mut roles.cells, cell).get_mut(stmt) {
            info.role = chosen;
        }
    }
}

/// The features of every statement, in notebook order, from the rules' roles.
pub fn statement_features(model: &NotebookModel, roles: &Roles) -> Vec<StatementFeatures> {
    let mut collector = Collector::default();
    visit_features(model, roles, &mut collector);
    collector.out
}

/// What the feature walk hands each statement's features to. A feature is the
/// concatenation of its parts, lowercased.
trait FeatureSink {
    /// A new statement; `rules` is its role from the rules.
    fn statement(&mut self, cell: usize, stmt: usize, rules: Role);
    fn feature(&mut self, parts: &[&str]);
    /// The statement's features are all given.
    fn done(&mut self);
}

#[derive(Default)]
struct Collector {
    out: Vec<StatementFeatures>,
    features: BTreeSet<String>,
}

impl FeatureSink for Collector {
    fn statement(&mut self, cell: usize, stmt: usize, rules: Role) {
        self.out.push(StatementFeatures {
            cell,
            stmt,
            rules,
            features: Vec::new(),
        });
    }

    fn feature(&mut self, parts: &[&str]) {
        self.features.insert(parts.concat().to_ascii_lowercase());
    }

    fn done(&mut self) {
        if let Some(last) = self.out.last_mut() {
            last.features = std::mem::take(&mut self.features).into_iter().collect();
        }
    }
}

/// Adds up the rows of a statement's features, each feature once.
struct Scorer<'l> {
    layer: &'l RoleLayer,
    buffer: String,
    seen: HashSet<&'l str>,
    total: Row,
    /// Statements whose role the layer changes: (cell, statement, new role).
    changes: Vec<(usize, usize, Role)>,
    /// The statement being scored, with its rules' role and whether it has features.
    current: Option<(usize, usize, Role, bool)>,
}

impl FeatureSink for Scorer<'_> {
    fn statement(&mut self, cell: usize, stmt: usize, rules: Role) {
        self.seen.clear();
        self.total = self.layer.rows.get(BIAS).copied().unwrap_or_default();
        self.current = Some((cell, stmt, rules, false));
    }

    fn feature(&mut self, parts: &[&str]) {
        self.buffer.clear();
        parts.iter().for_each(|p| self.buffer.push_str(p));
        self.buffer.make_ascii_lowercase();
        if let Some(current) = &mut self.current {
            current.3 = true;
        }
        let Some((name, row)) = self.layer.rows.get_key_value(self.buffer.as_str()) else {
            return;
        };
        if self.seen.insert(name.as_str()) {
            for (t, w) in self.total.iter_mut().zip(row) {
                *t += w;
            }
        }
    }

    fn done(&mut self) {
        let Some((cell, stmt, rules, true)) = self.current.take() else {
            return;
        };
        let chosen = choose_by_scores(&self.total, rules, MARGIN);
        if chosen != rules {
            self.changes.push((cell, stmt, chosen));
        }
    }
}

/// Walks every statement in notebook order and gives `sink` its features, from the
/// rules' roles. Imports and definitions get none.
fn visit_features(model: &NotebookModel, roles: &Roles, sink: &mut impl FeatureSink) {
    let flow = Dataflow::of(model);
    let roles_of = |cell: usize| roles.statement_roles(cell);
    let role_at = |(cell, stmt): (usize, usize)| roles_of(cell).get(stmt).copied();
    let stages: Vec<Option<Role>> = model
        .cells
        .iter()
        .map(|c| Role::main_stage(roles_of(c.index).iter().copied()))
        .collect();
    let stage_name = |i: Option<usize>| {
        i.and_then(|i| stages.get(i).copied().flatten())
            .map_or("none", Role::as_str)
    };
    const PLACES: [&str; 5] = ["0", "1", "2", "3", "4"];
    for (ci, cell) in model.cells.iter().enumerate() {
        let cell_roles = roles_of(cell.index);
        let stage = stages[ci].map_or("none", Role::as_str);
        let place = PLACES[(ci * 5 / model.cells.len().max(1)).min(4)];
        for (si, stmt) in cell.statements.iter().enumerate() {
            let Some(&rules) = cell_roles.get(si) else {
                continue;
            };
            sink.statement(cell.index, si, rules);
            if stage_index(rules).is_some() && !is_definition(stmt.facts.kind) {
                let name = |r: Option<&Role>| r.map_or("none", |r| r.as_str());
                let (prev, next) = (
                    name(cell_roles.get(si.wrapping_sub(1))),
                    name(cell_roles.get(si + 1)),
                );
                let rules = rules.as_str();
                sink.feature(&["role=", rules]);
                sink.feature(&["prev=", prev]);
                sink.feature(&["next=", next]);
                sink.feature(&["role+prev=", rules, "+", prev]);
                sink.feature(&["stage=", stage]);
                sink.feature(&["kind=", &format!("{:?}", stmt.facts.kind)]);
                sink.feature(&["place=", place]);
                sink.feature(&["prevcell=", stage_name(ci.checked_sub(1))]);
                sink.feature(&["nextcell=", stage_name(Some(ci + 1))]);
                for other in cell_roles {
                    sink.feature(&["has=", other.as_str()]);
                }
                if si + 1 == cell.statements.len() {
                    sink.feature(&["last"]);
                }
                let at = (cell.index, si);
                for from in flow.producers(at).filter_map(role_at) {
                    sink.feature(&["from=", from.as_str()]);
                }
                for to in flow.consumers(at).filter_map(role_at) {
                    sink.feature(&["to=", to.as_str()]);
                }
                let infos = roles
                    .info(cell.index, si)
                    .map_or(&[][..], |i| i.calls.as_slice());
                for (call, info) in stmt.facts.calls.iter().zip(infos) {
                    sink.feature(&["call=", &call.method]);
                    if let Some(kind) = info.kind {
                        sink.feature(&["api=", &format!("{kind:?}")]);
                    }
                    if let Some(role) = info.role {
                        sink.feature(&["callrole=", role.as_str()]);
                    }
                }
                let text = cell.masked.text.get(stmt.facts.range.clone()).unwrap_or("");
                words(text.lines().next().unwrap_or(""), sink);
            }
            sink.done();
        }
    }
}

fn is_definition(kind: StmtKind) -> bool {
    matches!(
        kind,
        StmtKind::Import | StmtKind::FunctionDef | StmtKind::ClassDef
    )
}

/// `w=` every identifier of the line, lowercased, and `p=` each part of a snake_case
/// one.
fn words(line: &str, sink: &mut impl FeatureSink) {
    let identifiers = line
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'));
    for word in identifiers {
        if word.contains('_') {
            for part in word.split('_').filter(|p| !p.is_empty()) {
                sink.feature(&["p=", part]);
            }
        }
        sink.feature(&["w=", word]);
    }
}

/// Which statements wrote the names a statement reads, and which read what it writes
/// (notebook order; a name's latest writers, in-place changes included).
struct Dataflow {
    producers: HashMap<(usize, usize), Vec<(usize, usize)>>,
    consumers: HashMap<(usize, usize), Vec<(usize, usize)>>,
}

impl Dataflow {
    fn of(model: &NotebookModel) -> Dataflow {
        let mut writers: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
        let mut flow = Dataflow {
            producers: HashMap::default(),
            consumers: HashMap::default(),
        };
        for (at, stmt) in positioned(model) {
            for read in &stmt.facts.reads {
                for &writer in writers.get(read.name.as_str()).into_iter().flatten() {
                    if writer != at {
                        flow.producers.entry(at).or_default().push(writer);
                        flow.consumers.entry(writer).or_default().push(at);
                    }
                }
            }
            for name in &stmt.facts.defines {
                writers.insert(name.as_str(), vec![at]);
            }
            for mutation in &stmt.mutations {
                let latest = writers.entry(mutation.name.as_str()).or_default();
                if !latest.contains(&at) {
                    latest.push(at);
                }
            }
        }
        flow
    }

    fn producers(&self, at: (usize, usize)) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.producers.get(&at).into_iter().flatten().copied()
    }

    fn consumers(&self, at: (usize, usize)) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.consumers.get(&at).into_iter().flatten().copied()
    }
}

/// A training example: a statement's features and its labelled stage.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<String>,
    pub label: Role,
}

/// How [`train`] fits the weights.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty on the weights a step touches.
    pub l2: f32,
    /// Features seen in fewer training statements are dropped.
    pub min_count: usize,
    /// Weights nearer zero than this (after centring) are dropped from the table.
    pub prune_below: f32,
    pub seed: u64,
}

impl Default for Training {
    fn default() -> Self {
        Training {
            epochs: 20,
            learning_rate: 0.1,
            l2: 1e-4,
            min_count: 20,
            prune_below: 0.3,
            seed: 0x5eed,
        }
    }
}

/// Fits a multinomial logistic regression by AdaGrad steps, one statement at a time,
/// in a seeded order: the same examples always give the same weights. Examples
/// labelled with a role outside [`STAGES`] are skipped.
pub fn train(examples: &[Example], options: Training) -> RoleLayer {
    let usable: Vec<(&Example, usize)> = examples
        .iter()
        .filter(|e| !e.features.is_empty())
        .filter_map(|e| Some((e, stage_index(e.label)?)))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for (e, _) in &usable {
        for f in &e.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .iter()
        .filter(|(_, &n)| n >= options.min_count)
        .map(|(&f, _)| f)
        .collect();
    names.push(BIAS);
    names.sort_unstable();
    names.dedup();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, &f)| (f, i)).collect();
    let rows: Vec<(Vec<usize>, usize)> = usable
        .iter()
        .map(|(e, label)| {
            let known = e.features.iter().filter_map(|f| index.get(f.as_str()));
            let ids = known.copied().chain([index[BIAS]]).collect();
            (ids, *label)
        })
        .collect();
    let mut weights = vec![[0f32; STAGES.len()]; names.len()];
    let mut squares = vec![[1e-8f32; STAGES.len()]; names.len()];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut random = options.seed.max(1);
    for _ in 0..options.epochs {
        shuffle(&mut order, &mut random);
        for &i in &order {
            let (ids, label) = &rows[i];
            let probabilities = softmax(ids, &weights);
            for &f in ids {
                for k in 0..STAGES.len() {
                    let target = if k == *label { 1.0 } else { 0.0 };
                    let gradient = probabilities[k] - target + options.l2 * weights[f][k];
                    squares[f][k] += gradient * gradient;
                    weights[f][k] -= options.learning_rate * gradient / squares[f][k].sqrt();
                }
            }
        }
    }
    let rows = names
        .into_iter()
        .zip(weights)
        .map(|(name, row)| (name.to_string(), sparse(row, options.prune_below)))
        .filter(|(_, row)| row.iter().any(|w| *w != 0.0))
        .collect();
    RoleLayer { rows }
}

/// A row centred on zero, which changes no choice (every stage moves by the same
/// amount), with the weights that barely count dropped, to keep the table small.
fn sparse(row: Row, prune_below: f32) -> Row {
    let mean = row.iter().sum::<f32>() / row.len() as f32;
    row.map(|w| w - mean)
        .map(|w| if w.abs() < prune_below { 0.0 } else { w })
}

fn softmax(ids: &[usize], weights: &[Row]) -> Row {
    let mut scores = [0f32; STAGES.len()];
    for &f in ids {
        for (s, w) in scores.iter_mut().zip(&weights[f]) {
            *s += w;
        }
    }
    let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for s in &mut scores {
        *s = (*s - top).exp();
        sum += *s;
    }
    scores.map(|s| s / sum)
}

/// Fisher–Yates with xorshift64: reproducible without a dependency.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        order.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::{Cell, CellKind, Notebook, SourceFormat};

    fn model_of(cells: &[&str]) -> NotebookModel {
        let cell = |(index, source): (usize, &&str)| Cell {
            index,
            id: None,
            kind: CellKind::Code,
            source: source.to_string(),
            execution_count: None,
            outputs: vec![],
        };
        NotebookModel::build(&Notebook {
            format: SourceFormat::Ipynb,
            nbformat: 4,
            nbformat_minor: 5,
            language: None,
            cells: cells.iter().enumerate().map(cell).collect(),
        })
    }

    fn features_of(cells: &[&str], cell: usize, stmt: usize) -> StatementFeatures {
        let model = model_of(cells);
        let roles = super::super::classify_by_rules(&model);
        let all = statement_features(&model, &roles);
        all.into_iter()
            .find(|s| (s.cell, s.stmt) == (cell, stmt))
            .expect("the statement has features")
    }

    fn has(statement: &StatementFeatures, feature: &str) -> bool {
        statement.features.iter().any(|f| f == feature)
    }

    #[test]
    fn the_shipped_table_parses() {
        let layer = RoleLayer::parse(SHIPPED).expect("parses");
        assert!(layer.rows.len() > 100, "{} rows", layer.rows.len());
        assert!(layer.rows.contains_key("role=clean"));
        assert!(layer.rows.values().all(|row| row.iter().any(|w| *w != 0.0)));
        assert_eq!(RoleLayer::shipped(), &layer);
    }

    #[test]
    fn classify_is_the_rules_then_the_shipped_layer() {
        let model = model_of(&[
            "import pandas as pd",
            "df = pd.read_csv('train.csv')\ndf = df.fillna(0)\nprint('saved!')",
        ]);
        let mut expected = super::super::classify_by_rules(&model);
        apply(&model, &mut expected, RoleLayer::shipped());
        assert_eq!(super::super::classify(&model), expected);
    }

    #[test]
    fn a_table_survives_writing_and_reading() {
        let layer = RoleLayer::parse("bias\tclean:0.5 train:-1.25\nw=fit\ttrain:2\n").unwrap();
        let again = RoleLayer::parse(&layer.to_table("header\nsecond line")).unwrap();
        assert_eq!(layer, again);
        assert_eq!(again.rows["w=fit"][stage_index(Role::Train).unwrap()], 2.0);
        assert!(layer.to_table("h").starts_with("# h\n"));
    }

    #[test]
    fn a_bad_table_names_the_line_and_the_problem() {
        let error = |text: &str| RoleLayer::parse(text).unwrap_err().to_string();
        assert_eq!(
            error("# c\nbias clean:1\n"),
            "role layer table, line 2: no tab after the feature name"
        );
        assert!(error("bias\tclean=1").contains("`clean=1` is not role:weight"));
        assert!(error("bias\timport:1").contains("`import` is not a stage"));
        assert!(error("bias\tclean:x").contains("`x` is not a number"));
        assert!(error("a\tclean:1\na\tclean:2").contains("line 2: `a` appears twice"));
    }

    #[test]
    fn features_read_neighbours_dataflow_and_words() {
        let cells = [
            "import pandas as pd",
            "df = pd.read_csv('train.csv')\ndf = df.fillna(0)\ndf.head()",
            "df['age_band'] = df['age'] // 10",
        ];
        let cleaning = features_of(&cells, 1, 1);
        assert_eq!(cleaning.rules, Role::Clean);
        for feature in [
            "role=clean",
            "prev=load",
            "next=explore",
            "from=load",
            "to=explore",
            "to=feature",
            "w=fillna",
            "call=fillna",
            "stage=clean",
            "kind=assign",
        ] {
            assert!(
                has(&cleaning, feature),
                "{feature} in {:?}",
                cleaning.features
            );
        }
        let derived = features_of(&cells, 2, 0);
        assert!(has(&derived, "p=band") && has(&derived, "w=age_band") && has(&derived, "last"));
        assert!(has(&derived, "prevcell=clean") && has(&derived, "nextcell=none"));
    }

    #[test]
    fn imports_and_definitions_are_left_to_the_rules() {
        let cells = ["import pandas as pd\ndef load():\n    return pd.read_csv('a.csv')"];
        for stmt in 0..2 {
            let statement = features_of(&cells, 0, stmt);
            assert!(statement.features.is_empty(), "{statement:?}");
            let everything = RoleLayer::parse("bias\tclean:100\n").unwrap();
            assert_eq!(everything.choose(&statement), statement.rules);
        }
    }

    #[test]
    fn the_rules_stand_unless_another_stage_wins_by_the_margin() {
        let statement = StatementFeatures {
            cell: 0,
            stmt: 0,
            rules: Role::Clean,
            features: vec!["w=x".into()],
        };
        let winning_by = |lead: f32| {
            RoleLayer::parse(&format!("w=x\tclean:1 feature:{}\n", 1.0 + lead)).unwrap()
        };
        assert_eq!(winning_by(MARGIN).choose(&statement), Role::Clean);
        assert_eq!(winning_by(MARGIN + 0.5).choose(&statement), Role::Feature);
    }

    #[test]
    fn training_learns_what_the_words_say_and_is_reproducible() {
        let example = |words: &[&str], label| Example {
            features: words.iter().map(|w| w.to_string()).collect(),
            label,
        };
        let mut examples = Vec::new();
        for _ in 0..40 {
            examples.push(example(&["role=clean", "w=fillna"], Role::Clean));
            examples.push(example(&["role=clean", "w=get_dummies"], Role::Feature));
            examples.push(example(&["role=train", "w=fit"], Role::Train));
            examples.push(example(&["w=import"], Role::Import));
        }
        let options = Training {
            min_count: 5,
            ..Training::default()
        };
        let layer = train(&examples, options);
        assert_eq!(layer, train(&examples, options));
        let best = |features: &[&str]| {
            let scores = layer.scores(&features.iter().map(|f| f.to_string()).collect::<Vec<_>>());
            STAGES[(0..STAGES.len())
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
                .unwrap()]
        };
        assert_eq!(best(&["role=clean", "w=fillna"]), Role::Clean);
        assert_eq!(best(&["role=clean", "w=get_dummies"]), Role::Feature);
        assert_eq!(best(&["role=train", "w=fit"]), Role::Train);
        assert!(
            !layer.rows.contains_key("w=import"),
            "import examples are skipped"
        );
    }
}
