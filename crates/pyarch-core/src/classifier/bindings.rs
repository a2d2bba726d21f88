//! What each statement binds: the kind of value every name holds after it (a model,
//! a split's side, predictions, a metric, loaded data), which later statements' roles
//! are read from.

use super::*;

impl Classifier<'_> {
    /// Records what the statement binds.
    pub(super) fn bind(
        &mut self,
        cell: usize,
        si: usize,
        stmt: &Statement,
        calls: &[CallInfo],
        role: Role,
    ) {
        let facts = &stmt.facts;
        // The outermost call of an assignment.
        let mut new = match facts.value {
            Some(AssignedValue::Call(i)) => self.call_bindings(cell, si, stmt, i, &calls[i]),
            _ => Vec::new(),
        };
        // A figure is not the metric or data it draws.
        if new.is_empty()
            && matches!(facts.kind, StmtKind::Assign | StmtKind::AugAssign)
            && !facts.targets.is_empty()
            && !draws_figure(stmt, calls)
        {
            new = self.derived_bindings(stmt, role);
        }
        // What a reading block binds (`with open(f) as fh: data = json.load(fh)`) is
        // loaded data.
        if new.is_empty()
            && facts.kind == StmtKind::Block
            && role == Role::Load
            && self.source_starts_with(stmt, &["with "])
        {
            new = facts
                .defines
                .iter()
                .map(|d| (d.clone(), ValueKind::Loaded, None))
                .collect();
        }
        if role == Role::Split && !new.iter().any(|b| matches!(b.1, ValueKind::Split(_))) {
            let sides = self.row_split_bindings(stmt);
            if !sides.is_empty() {
                new = sides;
            }
        }
        for d in facts.defines.iter().chain(&facts.deleted) {
            self.env.remove(d);
            self.results_models.remove(d);
        }
        if let Some(AssignedValue::Call(i)) = facts.value {
            let ctor = &stmt.qualified_calls[i];
            let own = facts.calls[i]
                .root
                .as_ref()
                .is_some_and(|r| facts.calls[i].callee == *r && self.results_classes.contains(r));
            let built = facts.calls[i].callee.dots() == 0
                && facts.calls[i]
                    .root
                    .as_ref()
                    .and_then(|f| self.model_builders.get(f))
                    .is_some_and(|(_, results)| *results);
            if own
                || built
                || !calls[i].method_call && api::has_tag(ctor, "", ApiTag::FitReturnsResults)
            {
                self.results_models.extend(facts.targets.iter().cloned());
            }
        }
        for (name, kind, api) in new {
            self.out.bindings.push(Binding {
                name: name.clone(),
                cell,
                stmt: si,
                kind,
                api: api.clone(),
            });
            self.env.insert(name, (kind, api, role));
        }
    }

    /// Whether this `fit` call returns a results object: on a name bound to such a
    /// model, or on one built in the same chain (`smf.ols(…).fit()`).
    pub(super) fn fit_returns_results(&self, call: &CallFact, qualified: &QualifiedName) -> bool {
        match qualified.call_head() {
            Some(ctor) => api::has_tag(&ctor, "", ApiTag::FitReturnsResults),
            None => call
                .root
                .as_ref()
                .is_some_and(|r| self.results_models.contains(r)),
        }
    }

    /// The sides a row split binds: by the name (`val`), else by the slice
    /// (`[:n]` keeps the first rows to train on, `[n:]` the rest to test).
    pub(super) fn row_split_bindings(
        &self,
        stmt: &Statement,
    ) -> Vec<(String, ValueKind, Option<String>)> {
        let text = self.statement_text(stmt);
        let value = text.split_once('=').map_or("", |(_, v)| v);
        let by_slice = if value.contains("[:") {
            Some(Side::Train)
        } else if value.contains(":]") {
            Some(Side::Test)
        } else {
            None
        };
        stmt.facts
            .targets
            .iter()
            .filter_map(|t| {
                // A row split names its parts: here a bare `test` is the held-out part.
                let side = side_from_name(t)
                    .or_else(|| side_from_part_name(t))
                    .or(by_slice)?;
                Some((t.clone(), ValueKind::Split(side), None))
            })
            .collect()
    }

    /// What an assignment from a call binds: the sides of a split (recorded as a
    /// split event), a model or other object, a metric, loaded data, predictions.
    pub(super) fn call_bindings(
        &mut self,
        cell: usize,
        si: usize,
        stmt: &Statement,
        i: usize,
        info: &CallInfo,
    ) -> Vec<(String, ValueKind, Option<String>)> {
        let facts = &stmt.facts;
        let mut new: Vec<(String, ValueKind, Option<String>)> = Vec::new();
        let call = &facts.calls[i];
        let targets = &facts.targets;
        let splits_data = info.kind == Some(ApiKind::Splitter)
            && !info.method_call
            && info.role == Some(Role::Split);
        if splits_data
            && targets.len() >= 2
            && api::short_name(&stmt.qualified_calls[i]) != "check_cv"
            && !is_object_ctor(&stmt.qualified_calls[i])
        {
            let mut train = Vec::new();
            let mut test = Vec::new();
            for (t, name) in targets.iter().enumerate() {
                let side = if t % 2 == 0 { Side::Train } else { Side::Test };
                new.push((name.clone(), ValueKind::Split(side), None));
                if side == Side::Train {
                    train.push(name.clone());
                } else {
                    test.push(name.clone());
                }
            }
            self.out.splits.push(SplitEvent {
                cell,
                stmt: si,
                call: i,
                inputs: call.args.iter().filter_map(|a| a.root.clone()).collect(),
                train,
                test,
            });
        } else if let (Some(kind), false) = (info.kind, info.method_call) {
            let value = match kind {
                ApiKind::Estimator
                | ApiKind::Transformer
                | ApiKind::Resampler
                | ApiKind::Search
                | ApiKind::Splitter
                | ApiKind::NetPart => Some(ValueKind::Object(kind)),
                ApiKind::Metric | ApiKind::CrossValidation => Some(ValueKind::Metric),
                ApiKind::Loader => Some(loaded_part(call)),
                _ => None,
            };
            // `(x_train, y_train), (x_test, y_test) = mnist.load_data()`: a data set that
            // comes in parts names their sides.
            let parts = kind == ApiKind::Loader && targets.len() >= 2;
            if let Some(v) = value {
                for t in targets {
                    let side = side_from_name(t).filter(|_| parts).map(ValueKind::Split);
                    new.push((t.clone(), side.unwrap_or(v), info.api.clone()));
                }
            }
        } else if info.user_function {
            let value = match info.role {
                Some(Role::Predict) => Some(ValueKind::Prediction(None)),
                Some(Role::Evaluate) => Some(ValueKind::Metric),
                _ => None,
            };
            if let Some(v) = value {
                for t in targets {
                    new.push((t.clone(), v, None));
                }
            } else if let Some(model) = self.trained_model_returned(call, info, targets) {
                new.push(model);
            } else if let Some(side) = call
                .args
                .iter()
                .filter_map(|a| a.root.as_deref())
                .find_map(|n| self.split_side(n))
                .filter(|_| matches!(info.role, Some(Role::Feature | Role::Clean) | None))
            {
                // The notebook's own step applied to one side (`x_test, y_test =
                // create_dataset(dataset_test)`) keeps it on that side.
                for t in targets {
                    new.push((t.clone(), ValueKind::Split(side), None));
                }
            } else if let Some((api, _)) = call
                .root
                .as_ref()
                .and_then(|f| self.model_builders.get(f))
                .filter(|_| call.callee.dots() == 0)
            {
                for t in targets {
                    new.push((
                        t.clone(),
                        ValueKind::Object(ApiKind::Estimator),
                        api.clone(),
                    ));
                }
            }
        } else if info.method_call {
            let method = call.method.as_str();
            let first = call.args.first().and_then(|a| a.root.as_deref());
            // The fit's own data (`model.fit(x, y)`, then `model.predict(x)`) is its
            // training side.
            let data_side = if in_sample_prediction(call)
                || first.is_some_and(|n| self.fit_inputs.contains(n))
            {
                Some(Side::Train)
            } else {
                first.and_then(|n| self.split_side(n))
            };
            let value = match (info.kind, method) {
                // statsmodels' results and keras' History: reading them evaluates.
                (Some(ApiKind::Estimator), m)
                    if api::RESULT_METHODS.contains(&m)
                        && self.fit_returns_results(call, &stmt.qualified_calls[i]) =>
                {
                    Some(ValueKind::Metric)
                }
                (Some(ApiKind::Estimator | ApiKind::Search), "fit") => {
                    info.kind.map(ValueKind::Object)
                }
                // Moving a network to a device returns it (`net = Net().to(device)`).
                (Some(ApiKind::Estimator), "to" | "cuda" | "cpu" | "double" | "float") => {
                    info.kind.map(ValueKind::Object)
                }
                (
                    _,
                    "predict" | "predict_proba" | "decision_function" | "predict_classes"
                    | "predict_log_proba" | "forecast" | "get_forecast" | "get_prediction",
                ) => Some(ValueKind::Prediction(data_side)),
                (_, "score" | "evaluate") => Some(ValueKind::Metric),
                (
                    Some(ApiKind::Transformer | ApiKind::Resampler),
                    "transform" | "fit_transform" | "fit_resample",
                ) => data_side.map(ValueKind::Split),
                _ => None,
            };
            if let Some(v) = value {
                for t in targets {
                    new.push((t.clone(), v, info.api.clone()));
                }
            }
        }
        new
    }

    /// `model = train_model(model, …)`: the notebook's own training function hands
    /// back the model it was given, still a model (so `model(images)` later predicts).
    pub(super) fn trained_model_returned(
        &self,
        call: &CallFact,
        info: &CallInfo,
        targets: &[String],
    ) -> Option<(String, ValueKind, Option<String>)> {
        let [target] = targets else {
            return None;
        };
        if info.role != Some(Role::Train) {
            return None;
        }
        call.args
            .iter()
            .filter_map(|a| a.root.as_deref())
            .filter(|root| *root == target.as_str())
            .find_map(|root| match self.env.get(root) {
                Some((kind @ ValueKind::Object(ApiKind::Estimator), api, _)) => {
                    Some((target.clone(), *kind, api.clone()))
                }
                _ => None,
            })
    }

    /// What an assignment binds when no call says: a metric or loaded data by the
    /// statement's role, a copy of a known value, something derived from a metric or
    /// predictions, or data on one side of a split.
    pub(super) fn derived_bindings(
        &self,
        stmt: &Statement,
        role: Role,
    ) -> Vec<(String, ValueKind, Option<String>)> {
        let facts = &stmt.facts;
        let mut new: Vec<(String, ValueKind, Option<String>)> = Vec::new();
        if role == Role::Evaluate {
            for t in &facts.targets {
                new.push((t.clone(), ValueKind::Metric, None));
            }
        } else if role == Role::Load {
            for t in &facts.targets {
                new.push((t.clone(), ValueKind::Loaded, None));
            }
        } else if role == Role::Predict {
            // `ps = torch.exp(model(images))`: what a forward pass gives is predictions.
            for t in &facts.targets {
                new.push((t.clone(), ValueKind::Prediction(None), None));
            }
        } else if let Some(AssignedValue::Name(n)) = &facts.value {
            if let Some((kind, api, _)) = self.env.get(n) {
                for t in &facts.targets {
                    new.push((t.clone(), *kind, api.clone()));
                }
            }
        } else if let Some(kind) =
            facts
                .reads
                .iter()
                .find_map(|r| match self.env.get(&r.name).map(|e| e.0) {
                    Some(k @ (ValueKind::Metric | ValueKind::Prediction(_))) => Some(k),
                    _ => None,
                })
        {
            // Derived from a metric or from predictions: still one.
            for t in &facts.targets {
                new.push((t.clone(), kind, None));
            }
        } else {
            // Data derived from one side of a split stays on that side; other
            // values are plain data.
            let sides: HashSet<Side> = facts
                .reads
                .iter()
                .filter_map(|r| match self.env.get(&r.name).map(|e| e.0) {
                    Some(ValueKind::Split(s)) => Some(s),
                    _ => None,
                })
                .collect();
            let kind = match sides.len() {
                1 => ValueKind::Split(*sides.iter().next().expect("one side")),
                _ => ValueKind::Data,
            };
            for t in &facts.targets {
                new.push((t.clone(), kind, None));
            }
        }
        new
    }
}
