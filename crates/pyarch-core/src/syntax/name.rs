//! Qualified names: a call's callee as segments (`pd`, `read_csv()`, `dropna`), so that
//! no one parses `()` and `[]` markers back out of text.

use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// What follows a segment's name in a chain: a call or a subscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    Call,
    Subscript,
}

/// One name of a chain and the calls and subscripts applied to it (`read_csv()`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    pub name: String,
    pub accesses: Vec<Access>,
}

impl Segment {
    pub fn new(name: impl Into<String>) -> Self {
        Segment {
            name: name.into(),
            accesses: Vec::new(),
        }
    }
}

/// A name chain such as `pd.read_csv().dropna`, made of segments. It also keeps its
/// dotted text (calls shown as `()`, subscripts as `[]`), the key of the API tables.
/// Empty when a callee is not a name chain (`(a or b)()`). Shared, so that a copy
/// (every call's qualified name is one) costs no allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct QualifiedName(Arc<Parts>);

#[derive(Debug, Default, PartialEq, Eq, Hash)]
struct Parts {
    segments: Vec<Segment>,
    text: String,
}

impl QualifiedName {
    pub fn new(segments: Vec<Segment>) -> Self {
        let text = render(&segments, ["()", "[]"]);
        QualifiedName(Arc::new(Parts { segments, text }))
    }

    /// A dotted name without calls or subscripts (`pandas.read_csv`); empty for `""`.
    pub fn dotted(text: &str) -> Self {
        if text.is_empty() {
            return Self::default();
        }
        Self::new(text.split('.').map(Segment::new).collect())
    }

    /// The dotted text: `pd.read_csv().dropna`.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0.segments
    }

    pub fn is_empty(&self) -> bool {
        self.0.segments.is_empty()
    }

    /// The first name (`pd`).
    pub fn root(&self) -> Option<&str> {
        self.0.segments.first().map(|s| s.name.as_str())
    }

    /// The last segment's name (`dropna`).
    pub fn last_name(&self) -> Option<&str> {
        self.0.segments.last().map(|s| s.name.as_str())
    }

    /// One name, neither called nor subscripted (`print`, `train_model`).
    pub fn is_plain_name(&self) -> bool {
        matches!(self.0.segments.as_slice(), [s] if s.accesses.is_empty())
    }

    /// True when a call or subscript sits inside the chain (`pd.read_csv().dropna`).
    pub fn is_chained(&self) -> bool {
        self.0.segments.iter().any(|s| !s.accesses.is_empty())
    }

    /// True when a call sits inside the chain (`df.copy().fillna`).
    pub fn has_call(&self) -> bool {
        self.0
            .segments
            .iter()
            .any(|s| s.accesses.contains(&Access::Call))
    }

    /// The number of attribute dots (`df.x.mean` has two).
    pub fn dots(&self) -> usize {
        self.0.segments.len().saturating_sub(1)
    }

    /// The chain without its last segment (`df.x` of `df.x.mean`); empty for one name.
    pub fn receiver(&self) -> QualifiedName {
        let n = self.0.segments.len().saturating_sub(1);
        Self::new(self.0.segments[..n].to_vec())
    }

    /// The chain as shown to a reader, arguments elided: `pd.read_csv(…).dropna`.
    pub fn shown(&self) -> String {
        render(&self.0.segments, ["(…)", "[…]"])
    }

    /// When the chain's one call or subscript is a call (`StandardScaler().fit_transform`),
    /// the name called (`StandardScaler`).
    pub fn single_call_head(&self) -> Option<QualifiedName> {
        let mut accesses = self
            .0
            .segments
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.accesses.iter().map(move |a| (i, *a)));
        let (at, Access::Call) = accesses.next()? else {
            return None;
        };
        if accesses.next().is_some() {
            return None;
        }
        let head = self.0.segments[..=at]
            .iter()
            .map(|s| Segment::new(s.name.as_str()));
        Some(Self::new(head.collect()))
    }

    /// The chain before its first call that more follows (`smf.ols` of
    /// `smf.ols().fit`).
    pub fn call_head(&self) -> Option<QualifiedName> {
        let last = self.0.segments.len().checked_sub(1)?;
        let at = self.0.segments[..last]
            .iter()
            .position(|s| s.accesses.last() == Some(&Access::Call))?;
        let mut head = self.0.segments[..=at].to_vec();
        head[at].accesses.pop();
        Some(Self::new(head))
    }

    /// True when the chain goes on from a call of `callee`: `SGDClassifier().get_params`
    /// from `SGDClassifier`.
    pub fn continues_call_of(&self, callee: &QualifiedName) -> bool {
        let Some((last, before)) = callee.0.segments.split_last() else {
            return false;
        };
        let n = callee.0.segments.len();
        if self.0.segments.len() <= n || self.0.segments[..n - 1] != *before {
            return false;
        }
        let called = &self.0.segments[n - 1];
        called.name == last.name
            && called.accesses.split_last() == Some((&Access::Call, &last.accesses[..]))
    }

    /// Resolved through import aliases: `pd.read_csv` → `pandas.read_csv` when `pd` is
    /// `pandas`; `tts()` → `sklearn.model_selection.train_test_split()`.
    pub fn qualify(&self, aliases: &HashMap<String, String>) -> QualifiedName {
        let Some((first, rest)) = self.0.segments.split_first() else {
            return self.clone();
        };
        let Some(target) = aliases.get(&first.name) else {
            return self.clone();
        };
        let mut segments: Vec<Segment> = target.split('.').map(Segment::new).collect();
        if let Some(last) = segments.last_mut() {
            last.accesses.clone_from(&first.accesses);
        }
        segments.extend(rest.iter().cloned());
        Self::new(segments)
    }
}

/// The dotted text, with `markers` for a call and a subscript.
fn render(segments: &[Segment], markers: [&str; 2]) -> String {
    let mut text = String::new();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            text.push('.');
        }
        text.push_str(&segment.name);
        for access in &segment.accesses {
            text.push_str(match access {
                Access::Call => markers[0],
                Access::Subscript => markers[1],
            });
        }
    }
    text
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

impl PartialEq<str> for QualifiedName {
    fn eq(&self, other: &str) -> bool {
        self.0.text == other
    }
}

impl PartialEq<&str> for QualifiedName {
    fn eq(&self, other: &&str) -> bool {
        self.0.text == *other
    }
}

impl PartialEq<String> for QualifiedName {
    fn eq(&self, other: &String) -> bool {
        &self.0.text == other
    }
}

/// Serialized as its dotted text, as the JSON has always shown callees.
impl Serialize for QualifiedName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> QualifiedName {
        let mut read = Segment::new("read_csv");
        read.accesses.push(Access::Call);
        QualifiedName::new(vec![Segment::new("pd"), read, Segment::new("dropna")])
    }

    #[test]
    fn segments_and_their_text() {
        let name = chain();
        assert_eq!(name.as_str(), "pd.read_csv().dropna");
        assert_eq!(name.root(), Some("pd"));
        assert_eq!(name.last_name(), Some("dropna"));
        assert!(name.is_chained() && !name.is_plain_name());
        assert_eq!(name.dots(), 2);
        assert_eq!(name.receiver(), "pd.read_csv()");
        assert!(QualifiedName::dotted("print").is_plain_name());
        assert!(QualifiedName::default().is_empty());
        assert_eq!(name.shown(), "pd.read_csv(…).dropna");
        assert_eq!(name.single_call_head().unwrap(), "pd.read_csv");
        assert!(name.has_call() && QualifiedName::dotted("df.x").single_call_head().is_none());
        assert_eq!(name.call_head().unwrap(), "pd.read_csv");
        assert!(QualifiedName::dotted("smf.ols").call_head().is_none());
        assert!(name.continues_call_of(&QualifiedName::dotted("pd.read_csv")));
        assert!(!name.continues_call_of(&QualifiedName::dotted("pd")));
        assert!(!name.continues_call_of(&name));
    }

    #[test]
    fn qualifying_replaces_the_root_and_keeps_its_accesses() {
        let aliases: HashMap<String, String> = [
            ("pd".to_string(), "pandas".to_string()),
            (
                "tts".to_string(),
                "sklearn.model_selection.train_test_split".to_string(),
            ),
        ]
        .into_iter()
        .collect();
        assert_eq!(chain().qualify(&aliases), "pandas.read_csv().dropna");
        let mut tts = Segment::new("tts");
        tts.accesses.push(Access::Call);
        let called = QualifiedName::new(vec![tts]).qualify(&aliases);
        assert_eq!(called, "sklearn.model_selection.train_test_split()");
        assert_eq!(called.dots(), 2);
        assert_eq!(
            QualifiedName::dotted("df.fillna").qualify(&aliases),
            "df.fillna"
        );
    }
}
