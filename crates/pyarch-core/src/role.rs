//! The role vocabulary (REFERENCE §2): one word for each statement's job.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Import,
    Config,
    Setup,
    Load,
    Clean,
    Explore,
    Feature,
    Split,
    Train,
    Tune,
    Evaluate,
    Predict,
    Visualize,
    Persist,
    Define,
}

impl Role {
    pub const ALL: [Role; 15] = [
        Role::Import,
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
        Role::Define,
    ];

    /// Bookkeeping around the pipeline (docs/roles.md): imports, configuration, setup
    /// and definitions; values they bind are not data.
    pub fn is_bookkeeping(self) -> bool {
        matches!(
            self,
            Role::Import | Role::Config | Role::Setup | Role::Define
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Import => "import",
            Role::Config => "config",
            Role::Setup => "setup",
            Role::Load => "load",
            Role::Clean => "clean",
            Role::Explore => "explore",
            Role::Feature => "feature",
            Role::Split => "split",
            Role::Train => "train",
            Role::Tune => "tune",
            Role::Evaluate => "evaluate",
            Role::Predict => "predict",
            Role::Visualize => "visualize",
            Role::Persist => "persist",
            Role::Define => "define",
        }
    }

    /// The role's name for people: `load` in English, `불러오기` in Korean.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        self.word().render(lang)
    }

    /// The role's name as a message argument.
    pub fn word(self) -> crate::i18n::Message {
        crate::i18n::Message::new(match self {
            Role::Import => "role-import",
            Role::Config => "role-config",
            Role::Setup => "role-setup",
            Role::Load => "role-load",
            Role::Clean => "role-clean",
            Role::Explore => "role-explore",
            Role::Feature => "role-feature",
            Role::Split => "role-split",
            Role::Train => "role-train",
            Role::Tune => "role-tune",
            Role::Evaluate => "role-evaluate",
            Role::Predict => "role-predict",
            Role::Visualize => "role-visualize",
            Role::Persist => "role-persist",
            Role::Define => "role-define",
        })
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// A cell's main stage: what a reader would write as its heading. The pipeline
    /// step it takes (the latest of tune, train, predict, evaluate, split, feature,
    /// clean, load, persist in that order of weight); else what it shows (plots, then
    /// looks at data); else its bookkeeping (definitions, config, setup, imports).
    /// `None` for a cell without statements.
    pub fn main_stage(roles: impl IntoIterator<Item = Role>) -> Option<Role> {
        const WEIGHT: [Role; 15] = [
            Role::Tune,
            Role::Train,
            Role::Predict,
            Role::Evaluate,
            Role::Split,
            Role::Feature,
            Role::Clean,
            Role::Load,
            Role::Persist,
            Role::Visualize,
            Role::Explore,
            Role::Define,
            Role::Config,
            Role::Setup,
            Role::Import,
        ];
        let present: Vec<Role> = roles.into_iter().collect();
        WEIGHT.into_iter().find(|r| present.contains(r))
    }

    /// The responsibility group a role belongs to, for "mixed responsibilities".
    pub fn group(self) -> Option<Group> {
        match self {
            Role::Load | Role::Persist => Some(Group::Io),
            Role::Clean | Role::Feature => Some(Group::Transform),
            Role::Split | Role::Train | Role::Tune | Role::Predict => Some(Group::Model),
            Role::Evaluate => Some(Group::Evaluate),
            Role::Visualize => Some(Group::Visualize),
            Role::Import | Role::Config | Role::Setup | Role::Explore | Role::Define => None,
        }
    }
}

/// Responsibility groups a single cell should not mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Io,
    Transform,
    Model,
    Evaluate,
    Visualize,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Io => "I/O",
            Group::Transform => "transformation",
            Group::Model => "modelling",
            Group::Evaluate => "evaluation",
            Group::Visualize => "visualisation",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_headed_by_its_weightiest_pipeline_step() {
        use Role::*;
        assert_eq!(
            Role::main_stage([Import, Feature, Split, Train, Evaluate]),
            Some(Train)
        );
        assert_eq!(Role::main_stage([Config, Load, Explore]), Some(Load));
        assert_eq!(Role::main_stage([Explore, Visualize]), Some(Visualize));
        assert_eq!(Role::main_stage([Import, Config, Setup]), Some(Config));
        assert_eq!(
            Role::main_stage([Explore, Feature, Predict, Persist]),
            Some(Predict)
        );
        assert_eq!(Role::main_stage([]), None);
    }
}
