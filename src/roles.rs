//! Role classification: one main role for every statement (REFERENCE §2).
//! (Interim: structure only; the API-table driven classifier lands with the rules.)

use crate::model::NotebookModel;
use crate::role::Role;
use crate::syntax::StmtKind;
use std::collections::BTreeSet;

/// The role of every statement, aligned with `model.cells[i].statements[j]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles {
    cells: Vec<(usize, Vec<Role>)>,
}

impl Roles {
    pub fn statement_roles(&self, cell: usize) -> &[Role] {
        self.cells
            .iter()
            .find(|(i, _)| *i == cell)
            .map_or(&[], |(_, r)| r.as_slice())
    }

    pub fn cell_roles(&self, cell: usize) -> BTreeSet<Role> {
        self.statement_roles(cell).iter().copied().collect()
    }
}

pub fn classify(model: &NotebookModel) -> Roles {
    Roles {
        cells: model
            .cells
            .iter()
            .map(|c| {
                let roles = c
                    .statements
                    .iter()
                    .map(|s| match s.facts.kind {
                        StmtKind::Import => Role::Import,
                        StmtKind::FunctionDef | StmtKind::ClassDef => Role::Define,
                        _ if s.magic.is_some() => Role::Setup,
                        _ => Role::Clean,
                    })
                    .collect();
                (c.index, roles)
            })
            .collect(),
    }
}
