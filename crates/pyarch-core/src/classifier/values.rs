//! What the forward pass learns about values besides their kind: simulated data,
//! the columns taken as the target, what models were fitted on, batches drawn from
//! held-out loaders, and which held-out data can be scored.

use super::*;

impl Classifier<'_> {
    /// Simulated data (docs/roles.md): an array of constants is a parameter (`beta =
    /// np.array([1, 0.1])`, config) or, under a variable's name, simulated data (`x1 =
    /// np.linspace(0, 20, n)`, load); a response computed from simulated data only
    /// (`y = np.dot(X, beta) + e`) is simulated too.
    pub(super) fn simulation_role(
        &self,
        stmt: &Statement,
        calls: &[CallInfo],
        role: Role,
    ) -> Option<Role> {
        let facts = &stmt.facts;
        if facts.kind != StmtKind::Assign
            || facts.targets.is_empty()
            || !matches!(
                role,
                Role::Feature | Role::Clean | Role::Explore | Role::Config
            )
        {
            return None;
        }
        let data_named = facts.targets.iter().all(|t| api::names_data_variable(t));
        if self.constant_array(stmt) {
            return Some(if data_named { Role::Load } else { Role::Config });
        }
        let from_simulation = facts.reads.iter().any(|r| self.simulated.contains(&r.name));
        let response = facts.targets.iter().all(|t| {
            names_labels(t) || api::names_simulated_variable(t) && t.starts_with(['y', 'Y'])
        });
        // Not the output of the notebook's own function (a network's forward pass).
        let own_function = calls.iter().zip(&facts.calls).any(|(info, call)| {
            info.user_function
                || call.callee.dots() == 0
                    && call
                        .root
                        .as_ref()
                        .is_some_and(|f| self.own_functions.contains(f))
        });
        (from_simulation && response && !own_function && self.only_simulated_inputs(stmt))
            .then_some(Role::Load)
    }

    /// `np.linspace(0, 20, n)`: only [`api::CONSTANT_ARRAYS`] calls, on no data.
    pub(super) fn constant_array(&self, stmt: &Statement) -> bool {
        !stmt.qualified_calls.is_empty()
            && stmt
                .qualified_calls
                .iter()
                .all(|q| api::CONSTANT_ARRAYS.contains(&q.as_str()))
            && !self.reads_data(stmt)
    }

    /// Every value the statement reads is simulated or bookkeeping (config, setup).
    pub(super) fn only_simulated_inputs(&self, stmt: &Statement) -> bool {
        stmt.facts.reads.iter().all(|r| {
            self.simulated.contains(&r.name)
                || self
                    .env
                    .get(&r.name)
                    .is_none_or(|(_, _, role)| role.is_bookkeeping())
        })
    }

    /// Draws random numbers: from a library's generator (`np.random.normal(size=n)`)
    /// or one the notebook made (`rng.rand(200)`), not seeding one.
    pub(super) fn draws_random(&self, stmt: &Statement) -> bool {
        stmt.qualified_calls.iter().any(api::simulates_data)
            || stmt.facts.calls.iter().any(|c| {
                c.callee.dots() == 1
                    && c.method != "seed"
                    && c.root.as_ref().is_some_and(|r| self.generators.contains(r))
            })
    }

    /// Records which names now hold simulated data.
    pub(super) fn track_simulated(&mut self, stmt: &Statement) {
        let facts = &stmt.facts;
        if !matches!(facts.kind, StmtKind::Assign | StmtKind::AugAssign) {
            return;
        }
        let makes_generator = stmt.qualified_calls.iter().any(api::makes_random_generator);
        rebind(&mut self.generators, &facts.targets, makes_generator);
        let simulated = self.only_simulated_inputs(stmt)
            && (self.draws_random(stmt)
                || self.constant_array(stmt)
                || facts.reads.iter().any(|r| self.simulated.contains(&r.name)));
        rebind(&mut self.simulated, &facts.targets, simulated);
    }

    /// Records the columns a statement takes as the target: a string given to a
    /// label-named value (`y = df['SalePrice']`, `TARGET = 'Survived'`) or the
    /// attribute read (`y_train = train.SalePrice.values`).
    pub(super) fn note_target_columns(&mut self, stmt: &Statement) {
        let facts = &stmt.facts;
        if facts.kind != StmtKind::Assign || !facts.targets.iter().any(|t| names_labels(t)) {
            return;
        }
        if let [target] = facts.targets.as_slice() {
            if let Some(AssignedValue::Literal(Literal::Str(column))) = &facts.value {
                self.constants.insert(target.clone(), column.clone());
            }
        }
        let value = self.assigned_value(stmt);
        let attribute = value
            .split('.')
            .nth(1)
            .filter(|a| a.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .filter(|a| a.starts_with(|c: char| c.is_ascii_uppercase()));
        let columns: Vec<String> = facts
            .strings
            .iter()
            .map(|s| s.value.clone())
            .chain(attribute.map(str::to_string))
            .collect();
        self.target_columns.extend(columns);
    }

    /// Records batches taken from a held-out loader (`dataiter = iter(testloader)`,
    /// `images, labels = dataiter.next()`) and the pieces cut from them by shape alone
    /// (`img = images[0].view(1, 784)`).
    pub(super) fn note_held_out_batches(
        &mut self,
        at: (usize, usize),
        stmt: &Statement,
        from_shape: bool,
    ) {
        let facts = &stmt.facts;
        let takes_batch = facts.calls.iter().any(|c| {
            matches!(c.callee.as_str(), "iter" | "next")
                || c.method == "next" && c.callee.dots() > 0
        });
        let from_loader = facts
            .reads
            .iter()
            .any(|r| self.split_side(&r.name) == Some(Side::Test));
        let from_batch = facts
            .reads
            .iter()
            .any(|r| self.held_out_batches.contains(&r.name));
        let batch = facts.kind == StmtKind::Assign
            && (takes_batch && (from_loader || from_batch) || from_shape && from_batch);
        for target in &facts.targets {
            if batch {
                self.held_out_batches.insert(target.clone());
            } else {
                self.held_out_batches.remove(target);
            }
        }
        if batch {
            self.batch_writers.insert(at);
        }
    }

    /// Records what `model.fit(X, y)` fits on; a later binding of the name forgets it.
    pub(super) fn note_fit_inputs(&mut self, stmt: &Statement, calls: &[CallInfo]) {
        for target in &stmt.facts.targets {
            self.fit_inputs.remove(target);
            self.fit_labels.remove(target);
        }
        for (call, info) in stmt.facts.calls.iter().zip(calls) {
            let fits = info.role == Some(Role::Train)
                && info.kind == Some(ApiKind::Estimator)
                && api::FIT_METHOD_PREFIXES
                    .iter()
                    .any(|p| call.method.starts_with(p));
            if !fits {
                continue;
            }
            if let Some(root) = call.args.first().and_then(|a| a.root.as_ref()) {
                self.fit_inputs.insert(root.clone());
            }
            if let Some(root) = call.args.get(1).and_then(|a| a.root.as_ref()) {
                self.fit_labels.insert(root.clone());
            }
        }
    }

    /// `.drop('Id', axis=1)`, `.drop(columns=[TARGET])`: every column dropped is an
    /// ID or the target.
    pub(super) fn drops_model_columns(&self, stmt: &Statement, calls: &[CallInfo]) -> bool {
        let facts = &stmt.facts;
        let Some(drop) = facts.calls.iter().find(|c| c.method == "drop") else {
            return false;
        };
        // Only the drop cleans (not `test.fillna(-1).drop(['id'], axis=1)`).
        let other_cleaning = calls
            .iter()
            .zip(&facts.calls)
            .any(|(info, call)| info.role == Some(Role::Clean) && call.method != "drop");
        if other_cleaning {
            return false;
        }
        let inside =
            |r: &std::ops::Range<usize>| drop.range.start <= r.start && r.end <= drop.range.end;
        let columns: Vec<&str> = facts
            .strings
            .iter()
            .filter(|s| inside(&s.range))
            .map(|s| s.value.as_str())
            .filter(|s| !matches!(*s, "columns" | "index"))
            .chain(
                facts
                    .reads
                    .iter()
                    .filter(|r| inside(&r.range) && is_constant_name(&r.name))
                    .filter_map(|r| self.constants.get(&r.name).map(String::as_str)),
            )
            .collect();
        // An ID or the target among them shapes the inputs (`drop(['Utilities', 'Id'])`).
        !columns.is_empty()
            && (columns.iter().all(|c| self.encoded_columns.contains(*c))
                || columns.iter().any(|c| self.kept_from_the_model(c)))
    }

    /// `del train['id']`: deletes only IDs, the target or columns a feature step read.
    pub(super) fn deletes_model_columns(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        facts.kind == StmtKind::Delete
            && !facts.strings.is_empty()
            && facts.strings.iter().all(|s| {
                let c = s.value.as_str();
                self.kept_from_the_model(c) || self.encoded_columns.contains(c)
            })
    }

    /// An ID or the target column: what the model must not see among its inputs.
    fn kept_from_the_model(&self, column: &str) -> bool {
        names_an_id(column) || self.target_columns.contains(column)
    }

    /// `df['hour'] = df['time'].str.split(':').str[0]`: stores one column under a new
    /// string key that the value does not read (not `df['Age'] = df['Age'].fillna(…)`).
    pub(super) fn derives_new_column(&self, stmt: &Statement) -> bool {
        let facts = &stmt.facts;
        if facts.kind != StmtKind::Assign || facts.stores.len() != 1 || !facts.targets.is_empty() {
            return false;
        }
        let Some((target, _)) = self.statement_text(stmt).split_once('=') else {
            return false;
        };
        let Some(key) = rows::subscript(target.trim()).and_then(|s| rows::quoted(s.inner)) else {
            return false;
        };
        // Only type conversions (`pd.to_datetime(df['Year'] + df['Month'])`) give a
        // column of the right type.
        let whole_value_converts = matches!(facts.value, Some(AssignedValue::Call(i))
            if facts.calls.get(i).is_some_and(api::converts_types));
        if whole_value_converts && facts.calls.iter().all(api::converts_types) {
            return false;
        }
        // The notebook's own cleaning function applied (`df['clean'] =
        // df['text'].apply(clean_text)`) does what its name says.
        let own_cleaning = facts
            .reads
            .iter()
            .map(|r| r.name.as_str())
            .chain(facts.calls.iter().filter_map(|c| c.root.as_deref()))
            .any(|name| self.functions.get(name) == Some(&Role::Clean));
        if own_cleaning {
            return false;
        }
        let value_start = facts.range.start + target.len() + 1;
        let value = self.assigned_value(stmt);
        let reads_key_as_attribute = value.match_indices(key).any(|(at, _)| {
            value[..at].ends_with('.')
                && !value[at + key.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        !reads_key_as_attribute
            && facts
                .strings
                .iter()
                .all(|s| s.range.start < value_start || s.value != key)
            && facts.reads.iter().any(|r| r.range.start >= value_start)
    }

    /// Records the columns a feature step reads by name (`df['job']` of
    /// `pd.get_dummies(df['job'], prefix='job')`).
    pub(super) fn note_encoded_columns(&mut self, stmt: &Statement) {
        let text = self.statement_text(stmt);
        let start = stmt.facts.range.start;
        let mut columns: Vec<String> = stmt
            .facts
            .strings
            .iter()
            .filter(|s| {
                let at = s.range.start.saturating_sub(start);
                text.get(..at)
                    .is_some_and(|before| before.trim_end().ends_with('['))
            })
            .map(|s| s.value.clone())
            .collect();
        // Or read as an attribute (`pd.get_dummies(titanic.Embarked)`).
        for read in &stmt.facts.reads {
            let Some(rest) = text
                .get(read.range.end.saturating_sub(start)..)
                .and_then(|after| after.strip_prefix('.'))
            else {
                continue;
            };
            let attribute: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let called = rest[attribute.len()..].starts_with('(');
            if !attribute.is_empty() && !called {
                columns.push(attribute);
            }
        }
        self.encoded_columns.extend(columns);
    }

    /// Whether predictions on `name` can be scored: it is training data, or held-out
    /// data whose labels the notebook has (`y_test`). A test part with no labels
    /// (`test = all_data[ntrain:]` of a competition) is predicted on for a submission.
    pub(super) fn scorable_side(&self, name: &str) -> bool {
        if self.fit_inputs.contains(name) {
            return true;
        }
        match self.split_side(name) {
            Some(Side::Train) => true,
            // `X_train, X_test, y_train, y_test = train_test_split(X, y)`.
            Some(Side::Test) => {
                self.out.splits.iter().any(|s| s.test.len() >= 2)
                    || self.env.iter().any(|(n, e)| {
                        e.0 == ValueKind::Split(Side::Test) && names_labels(n) && n != name
                    })
            }
            // Held-out data the notebook did not split itself (`val_dataloader`) is
            // scorable when named for validation.
            None => rows::names_validation(name),
        }
    }
}
