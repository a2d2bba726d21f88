//! The passes after the forward one: roles that only a value's readers, or what
//! fills a container, can tell (docs/roles.md). Each relabels statements the forward
//! pass already classified; none binds names.

use super::*;

impl Classifier<'_> {
    /// A loop that predicts into a container later scored (walk-forward validation:
    /// `predictions.append(yhat)`, then `mean_squared_error(test, predictions)`) makes
    /// predictions to be scored: evaluate (docs/roles.md, evaluate vs predict).
    pub(super) fn predicting_loops_scored(&mut self) {
        let statements: Vec<((usize, usize), &Statement)> = positioned(self.model).collect();
        let mut scored: Vec<(usize, usize)> = Vec::new();
        let mut drawings: Vec<(usize, usize)> = Vec::new();
        for (name, at, role) in &self.filled_at {
            if *role != Role::Predict || scored.contains(at) {
                continue;
            }
            let readers: Vec<&((usize, usize), &Statement)> = statements
                .iter()
                .filter(|(o, s)| o > at && s.facts.reads.iter().any(|r| r.name == *name))
                .collect();
            if readers
                .iter()
                .any(|(o, _)| self.role_at(*o) == Some(Role::Evaluate))
            {
                scored.push(*at);
                // What draws them draws the evaluation.
                drawings.extend(readers.iter().filter_map(|(o, s)| {
                    let info = self.info_at(*o)?;
                    let drawn = matches!(info.role, Role::Visualize | Role::Predict)
                        && s.facts.kind == StmtKind::Expr
                        && draws_figure(s, &info.calls);
                    drawn.then_some(*o)
                }));
            }
        }
        for at in drawings {
            if let Some(info) = self.info_mut(at) {
                info.role = Role::Evaluate;
            }
        }
        for at in scored {
            if let Some(info) = self.info_mut(at) {
                info.role = Role::Evaluate;
            }
            for entry in self.filled_at.iter_mut().filter(|e| e.1 == at) {
                entry.2 = Role::Evaluate;
            }
        }
    }

    /// A container made to be filled (`scores = []`, `oof = np.zeros(len(train))`)
    /// takes the role of the training, tuning or evaluating loop that fills it next
    /// (docs/roles.md: the elbow loop is tune "with the list it fills").
    pub(super) fn containers_take_what_fills_them(&mut self) {
        let mut made: Vec<((usize, usize), Role)> = Vec::new();
        for (at, stmt) in positioned(self.model) {
            let facts = &stmt.facts;
            let zero = matches!(facts.value, Some(AssignedValue::Literal(Literal::Int(0))));
            let one = facts.targets.len() == 1
                && (zero || self.makes_empty_container(stmt) || self.is_placeholder(stmt));
            // `train_losses, test_losses = [], []`.
            let several = facts.targets.len() > 1 && self.makes_empty_containers(stmt);
            if facts.kind != StmtKind::Assign || !(one || several) {
                continue;
            }
            let filler = self
                .filled_at
                .iter()
                .filter(|(name, loop_at, _)| facts.targets.contains(name) && *loop_at > at)
                .map(|(name, loop_at, role)| (*loop_at, *role, name))
                .min();
            let rebound = |until: (usize, usize), name: &String| {
                positioned(self.model)
                    .any(|(o, s)| o > at && o < until && s.facts.targets.contains(name))
            };
            // A counter (`steps = 0`) of a training loop is its bookkeeping.
            let counts = |role: Role| !zero || matches!(role, Role::Evaluate | Role::Tune);
            if let Some((_, role, _)) =
                filler.filter(|(loop_at, role, name)| !rebound(*loop_at, name) && counts(*role))
            {
                made.push((at, role));
            }
        }
        for (at, role) in made {
            if let Some(info) = self.info_mut(at) {
                if matches!(info.role, Role::Config | Role::Feature | Role::Explore) {
                    info.role = role;
                }
            }
        }
    }

    /// A container made empty and filled by the statements after it takes the role
    /// of what fills it: `sub = pd.DataFrame()`, then `sub['Survived'] = preds`
    /// predicts, and so do the submission's other columns (`sub['Id'] = test_ID`);
    /// `models = []`, then `models.append(('LR', LogisticRegression()))`, trains.
    pub(super) fn containers_filled_by_statements(&mut self) {
        let statements: Vec<((usize, usize), &Statement)> = positioned(self.model).collect();
        let mut changes: Vec<((usize, usize), Role)> = Vec::new();
        for (i, (at, stmt)) in statements.iter().enumerate() {
            let facts = &stmt.facts;
            if facts.kind != StmtKind::Assign
                || facts.targets.len() != 1
                || !self.makes_empty_container(stmt)
            {
                continue;
            }
            let name = &facts.targets[0];
            let fillers: Vec<(usize, usize)> = statements[i + 1..]
                .iter()
                .take_while(|(_, s)| !s.facts.targets.contains(name))
                .filter(|(_, s)| fills(s, name))
                .map(|(o, _)| *o)
                .collect();
            let roles: Vec<Role> = fillers.iter().filter_map(|o| self.role_at(*o)).collect();
            let role = if roles.contains(&Role::Predict) {
                Role::Predict
            } else if !roles.is_empty() && roles.iter().all(|r| *r == Role::Train) {
                Role::Train
            } else {
                continue;
            };
            changes.push((*at, role));
            if role == Role::Predict {
                changes.extend(fillers.iter().map(|o| (*o, role)));
            }
        }
        for (at, role) in changes {
            if let Some(info) = self.info_mut(at) {
                if matches!(
                    info.role,
                    Role::Config | Role::Feature | Role::Clean | Role::Explore
                ) {
                    info.role = role;
                }
            }
        }
    }

    /// A value made only to be looked at (docs/roles.md: a statement that only looks at
    /// data is explore however it transforms it): an assignment of data (not of a
    /// model's outputs) whose role only its shape gave, all of whose readers look
    /// (explore, visualize), is explore.
    pub(super) fn values_made_to_look_at(&mut self) {
        let writers = std::mem::take(&mut self.shape_only);
        self.relabel_by_readers(&writers, |roles| {
            let looks = |r: &Role| matches!(r, Role::Explore | Role::Visualize);
            (!roles.is_empty() && roles.iter().all(looks)).then_some(Role::Explore)
        });
        // A value prepared only to be drawn (`c_arr = np.array(['k'] * len(y))`, then
        // `plt.scatter(…, c=c_arr)`; data scaled only for a 2-D plot) is part of the
        // look, however it transforms the data (docs/roles.md).
        let prepared: HashSet<(usize, usize)> = positioned(self.model)
            .filter(|(at, stmt)| {
                stmt.facts.kind == StmtKind::Assign
                    && matches!(self.role_at(*at), Some(Role::Feature | Role::Clean))
            })
            .map(|(at, _)| at)
            .collect();
        self.relabel_by_readers(&prepared, |roles| {
            (!roles.is_empty() && roles.iter().all(|r| *r == Role::Visualize))
                .then_some(Role::Explore)
        });
        // A statistic computed for cleaning (`med = df['income'].median()`, then
        // `df['income'].fillna(med)`) is part of the cleaning.
        let statistics = std::mem::take(&mut self.statistics);
        self.relabel_by_readers(&statistics, |roles| {
            (!roles.is_empty() && roles.iter().all(|r| *r == Role::Clean)).then_some(Role::Clean)
        });
    }

    /// Held-out labels put in the shape predictions have (`y_true = np.argmax(y_test,
    /// axis=1)`) only to be scored against evaluate, like the predictions they meet.
    pub(super) fn labels_made_to_score_against(&mut self) {
        let mut writers = std::mem::take(&mut self.from_held_out_labels);
        // Batches taken from a held-out loader to be predicted on and scored.
        writers.extend(std::mem::take(&mut self.batch_writers));
        self.relabel_by_readers(&writers, scored_by_readers);
    }

    /// Predictions whose values end in a score (`ps = torch.exp(model(images))`, then
    /// `top_class = ps.topk(1)`, then `accuracy = (top_class == labels).mean()`):
    /// predictions made to be scored evaluate (docs/roles.md, evaluate vs predict). A
    /// prediction all of whose readers evaluate or only look, one at least evaluating,
    /// evaluates.
    pub(super) fn predictions_made_to_be_scored(&mut self) {
        let writers: HashSet<(usize, usize)> = self
            .statement_order()
            .into_iter()
            .filter(|&at| self.role_at(at) == Some(Role::Predict))
            .collect();
        self.relabel_by_readers(&writers, scored_by_readers);
    }

    /// A record put together only to be written (`checkpoint = {'state_dict':
    /// net.state_dict(), …}`, then `torch.save(checkpoint, f)`) is part of saving:
    /// persist. Only records written out by hand (not a call's result, such as a
    /// submission frame, which predicts).
    pub(super) fn values_made_to_be_saved(&mut self) {
        let writers: HashSet<(usize, usize)> = positioned(self.model)
            .filter(|(_, stmt)| {
                // Not columns taken from a frame (`sub = test[['Id', 'SalePrice']]`).
                stmt.facts.kind == StmtKind::Assign
                    && matches!(stmt.facts.value, Some(AssignedValue::Other))
                    && subscript(self.assigned_value(stmt)).is_none()
            })
            .map(|(at, _)| at)
            .collect();
        self.relabel_by_readers(&writers, |roles| {
            (!roles.is_empty() && roles.iter().all(|r| *r == Role::Persist))
                .then_some(Role::Persist)
        });
    }

    /// A printed look at predictions (`print(preds)`) takes the role the predictions
    /// ended with: predict, or evaluate when they were made to be scored (docs/roles.md:
    /// a look takes the role of what it looks at).
    pub(super) fn looks_at_predictions(&mut self) {
        let writers: HashSet<(usize, usize)> = self
            .out
            .bindings
            .iter()
            .filter(|b| matches!(b.kind, ValueKind::Prediction(_)))
            .map(|b| (b.cell, b.stmt))
            .collect();
        // A printed look; a bare value the notebook only displays (`np.sum(preds ==
        // y)`) stays a look, so the export keeps it out of the service layer, where
        // its value would be dropped.
        let printed_look = |at: (usize, usize)| {
            self.statement_at(at).is_some_and(|s| {
                s.facts.kind == StmtKind::Expr
                    && s.facts
                        .calls
                        .iter()
                        .any(|c| matches!(c.callee.as_str(), "print" | "display"))
            })
        };
        let mut looks = Vec::new();
        for (writer, users) in self.readers_of.iter().filter(|(w, _)| writers.contains(w)) {
            let Some(role @ (Role::Predict | Role::Evaluate)) = self.role_at(*writer) else {
                continue;
            };
            looks.extend(
                users
                    .iter()
                    .filter(|&&u| printed_look(u) && self.role_at(u) == Some(Role::Explore))
                    .map(|&u| (u, role)),
            );
            // A drawing of predictions that turned out to be scored (`plt.plot(test.index,
            // forecast)` of a forecast an RMSE reads) shows the evaluation.
            if role == Role::Evaluate {
                looks.extend(
                    users
                        .iter()
                        .filter(|&&u| {
                            self.role_at(u) == Some(Role::Predict)
                                && self.statement_at(u).zip(self.info_at(u)).is_some_and(
                                    |(s, info)| {
                                        s.facts.kind == StmtKind::Expr
                                            && draws_figure(s, &info.calls)
                                    },
                                )
                        })
                        .map(|&u| (u, role)),
                );
            }
        }
        for (user, role) in looks {
            if let Some(info) = self.info_mut(user) {
                info.role = role;
            }
        }
    }

    /// Gives each statement of `writers` the role `decide` draws from the roles of the
    /// statements that read what it bound, or leaves it. Readers are resolved first
    /// (notebook order backwards), so a chain of values follows its end.
    pub(super) fn relabel_by_readers(
        &mut self,
        writers: &HashSet<(usize, usize)>,
        decide: impl Fn(&[Role]) -> Option<Role>,
    ) {
        let order = self.statement_order();
        for &at in order.iter().rev().filter(|at| writers.contains(at)) {
            let Some(users) = self.readers_of.get(&at) else {
                continue;
            };
            let roles: Vec<Role> = users.iter().filter_map(|&u| self.role_at(u)).collect();
            if let Some(role) = decide(&roles) {
                if let Some(info) = self.info_mut(at) {
                    info.role = role;
                }
            }
        }
    }

    /// For each statement, the statements that read what it bound before the name is
    /// bound again. Roles do not change it, so the passes share one.
    pub(super) fn readers(&self) -> HashMap<(usize, usize), Vec<(usize, usize)>> {
        let mut pending: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
        let mut readers: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::default();
        for (at, stmt) in positioned(self.model) {
            for read in &stmt.facts.reads {
                for &writer in pending.get(read.name.as_str()).into_iter().flatten() {
                    let users = readers.entry(writer).or_default();
                    if users.last() != Some(&at) && writer != at {
                        users.push(at);
                    }
                }
            }
            for name in &stmt.facts.defines {
                pending.remove(name.as_str());
            }
            for name in &stmt.facts.targets {
                pending.entry(name.as_str()).or_default().push(at);
            }
        }
        readers
    }

    /// A printed heading (`print("MAE of approach 1:")`, only literals) takes the role
    /// of the statement after it in its cell, whose output it announces; so does a
    /// bare string (`"""Univariate local linear trend model"""`), which documents it.
    pub(super) fn headings_take_what_they_announce(&mut self) {
        let model = self.model;
        // `out.cells` follows `model.cells`, one entry per cell.
        for (cell, (_, infos)) in model.cells.iter().zip(self.out.cells.iter_mut()) {
            let heading = |s: &Statement| {
                let printed = s.facts.reads.iter().all(|r| r.name == "print")
                    && s.facts.calls.len() == 1
                    && s.facts.calls[0].callee == "print";
                let text = cell.masked.text.get(s.facts.range.clone()).unwrap_or("");
                let bare_string = s.facts.calls.is_empty()
                    && s.facts.reads.is_empty()
                    && text
                        .trim_start_matches(['r', 'R', 'u', 'U'])
                        .starts_with(['"', '\'']);
                s.facts.kind == StmtKind::Expr && (printed || bare_string)
            };
            let mut announced = None;
            let mut trailing = Vec::new();
            for (i, (stmt, info)) in cell
                .statements
                .iter()
                .zip(infos.iter_mut())
                .enumerate()
                .rev()
            {
                if heading(stmt) && info.role == Role::Explore {
                    match announced {
                        Some(role) => info.role = role,
                        None => trailing.push(i),
                    }
                } else {
                    announced = Some(info.role);
                }
            }
            // A message after the cell's last step reports it (`print('Finished
            // Training')`, a submission's "saved!").
            let last_step = infos
                .iter()
                .zip(&cell.statements)
                .rev()
                .find(|(_, s)| !heading(s))
                .map(|(info, _)| info.role);
            if let Some(role) = last_step.filter(|r| !r.is_bookkeeping()) {
                for i in trailing {
                    infos[i].role = role;
                }
            }
        }
    }

    /// `y_pred = model.predict(X)` whose result a later metric reads evaluates.
    pub(super) fn evaluate_predictions_that_feed_metrics(&mut self) {
        let predictions: Vec<(usize, usize, String)> = self
            .out
            .bindings
            .iter()
            .filter(|b| matches!(b.kind, ValueKind::Prediction(_)))
            .map(|b| (b.cell, b.stmt, b.name.clone()))
            .collect();
        for (cell, si, name) in predictions {
            let used_by_metric = self.model.cells.iter().any(|c| {
                c.statements.iter().enumerate().any(|(sj, s)| {
                    (c.index, sj) > (cell, si)
                        && s.facts.calls.iter().enumerate().any(|(ci, call)| {
                            call.args
                                .iter()
                                .any(|a| a.root.as_deref() == Some(name.as_str()))
                                && self
                                    .out
                                    .cells
                                    .iter()
                                    .find(|(i, _)| *i == c.index)
                                    .and_then(|(_, infos)| infos.get(sj))
                                    .and_then(|info| info.calls.get(ci))
                                    .is_some_and(|ci| ci.kind == Some(ApiKind::Metric))
                        })
                })
            });
            if used_by_metric {
                if let Some(info) = self
                    .out
                    .cells
                    .iter_mut()
                    .find(|(i, _)| *i == cell)
                    .and_then(|(_, infos)| infos.get_mut(si))
                {
                    if info.role == Role::Predict {
                        info.role = Role::Evaluate;
                    }
                }
            }
        }
    }
}

/// Values whose readers score them, though some readers only look at them or pass them
/// on (predict), evaluate: at least one reader evaluates and none does anything else.
fn scored_by_readers(roles: &[Role]) -> Option<Role> {
    let scored_or_shown = |r: &Role| {
        matches!(
            r,
            Role::Evaluate | Role::Explore | Role::Visualize | Role::Predict
        )
    };
    (roles.contains(&Role::Evaluate) && roles.iter().all(scored_or_shown)).then_some(Role::Evaluate)
}
