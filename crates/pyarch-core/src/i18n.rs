//! Words for people, in English or Korean. Pure: the message files
//! (`assets/locales/<lang>/pyarch.ftl`, Project Fluent) are embedded at compile time,
//! and which language to use is decided at the edges (`cli`, `gui`) from flags,
//! settings and the environment, through [`Lang::from_env`].
//!
//! The core never formats a sentence: a rule returns a [`Message`] (an id in the
//! message files and named arguments), and presentation renders it in a language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::sync::OnceLock;

/// A language pyarch speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English: also the language of machine formats unless `--lang` is given.
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// `en` or `ko`, as `--lang` and `PYARCH_LANG` take it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// `ko`, `en`, or a POSIX locale (`ko_KR.UTF-8`, `en_US`, `C`): the language it
    /// names, `None` for a language pyarch does not speak.
    pub fn parse(value: &str) -> Option<Lang> {
        let value = value.trim();
        if value == "C" || value == "POSIX" || value.starts_with("C.") {
            return Some(Lang::En);
        }
        let language = value
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The language from the environment's values: `PYARCH_LANG` first, then the
    /// POSIX order `LC_ALL`, `LC_MESSAGES`, `LANG` (the first one set and not empty
    /// decides); English when that names no language pyarch speaks.
    pub fn from_env(
        pyarch_lang: Option<&str>,
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        if let Some(chosen) = pyarch_lang.and_then(Lang::parse) {
            return chosen;
        }
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty())
            .and_then(Lang::parse)
            .unwrap_or_default()
    }

    /// The message files' texts: one file per area (in the order of [`AREAS`]), so
    /// that areas can grow apart and a command parses only the areas it speaks.
    pub fn sources(self) -> &'static [(&'static str, &'static str)] {
        macro_rules! files {
            ($lang:literal: $($file:literal),*) => {
                &[$(($file, include_str!(concat!("../../../assets/locales/", $lang, "/", $file)))),*]
            };
        }
        match self {
            Lang::En => {
                files!("en": "common.ftl", "rules-pa1.ftl", "rules-pa2.ftl", "rules-pa3-pa4-pa9.ftl", "app.ftl", "cli.ftl", "export.ftl")
            }
            Lang::Ko => {
                files!("ko": "common.ftl", "rules-pa1.ftl", "rules-pa2.ftl", "rules-pa3-pa4-pa9.ftl", "app.ftl", "cli.ftl", "export.ftl")
            }
        }
    }

    /// The bundle of the area that holds `id`, parsed on first use.
    fn bundle(self, id: &str) -> &'static FluentBundle<FluentResource> {
        type Bundles = [OnceLock<FluentBundle<FluentResource>>; AREAS.len()];
        static EN: Bundles = [const { OnceLock::new() }; AREAS.len()];
        static KO: Bundles = [const { OnceLock::new() }; AREAS.len()];
        let area = area_of(id);
        let cells = match self {
            Lang::En => &EN,
            Lang::Ko => &KO,
        };
        cells[area].get_or_init(|| load_bundle(self, area))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Syntax errors in `lang`'s message files and ids defined twice, one line each
/// (tests check there are none; at run time a bad file would drop messages).
pub fn file_problems(lang: Lang) -> Vec<String> {
    let mut problems = Vec::new();
    let mut bundle = FluentBundle::new_concurrent(Vec::new());
    for (file, text) in lang.sources() {
        match FluentResource::try_new(text.to_string()) {
            Ok(resource) => {
                if let Err(errors) = bundle.add_resource(resource) {
                    problems.extend(errors.iter().map(|e| format!("{lang}/{file}: {e:?}")));
                }
            }
            Err((_, errors)) => {
                problems.extend(errors.iter().map(|e| format!("{lang}/{file}: {e:?}")));
            }
        }
    }
    problems
}

/// The message files' areas, in the order of [`Lang::sources`].
pub const AREAS: [&str; 7] = [
    "common.ftl",
    "rules-pa1.ftl",
    "rules-pa2.ftl",
    "rules-pa3-pa4-pa9.ftl",
    "app.ftl",
    "cli.ftl",
    "export.ftl",
];

/// The area (index in [`AREAS`]) whose file holds `id`, from its prefix: `app-…`,
/// `cli-…` (and PA901's words, which the command line makes), `export-…` and
/// `plan-…`, a rule's `paNNN-…` by family; everything else is common.
pub fn area_of(id: &str) -> usize {
    let prefixed = |p: &str| id.starts_with(p);
    if prefixed("app-") {
        4
    } else if prefixed("cli-") || prefixed("pa901-") {
        5
    } else if prefixed("export-") || prefixed("plan-") {
        6
    } else if prefixed("pa1") {
        1
    } else if prefixed("pa2") {
        2
    } else if prefixed("pa3") || prefixed("pa4") || prefixed("pa9") {
        3
    } else {
        0
    }
}

fn load_bundle(lang: Lang, area: usize) -> FluentBundle<FluentResource> {
    let id =
        unic_langid::LanguageIdentifier::from_bytes(lang.code().as_bytes()).unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Bidi isolation marks would change the bytes of every message.
    bundle.set_use_isolating(false);
    // The files are part of the build and tests parse them: an error is a bug.
    let (file, text) = lang.sources()[area];
    let resource =
        FluentResource::try_new(text.to_string()).unwrap_or_else(|(resource, errors)| {
            debug_assert!(errors.is_empty(), "{lang}/{file}: {errors:?}");
            resource
        });
    if let Err(errors) = bundle.add_resource(resource) {
        debug_assert!(errors.is_empty(), "{lang}/{file}: {errors:?}");
    }
    bundle
}

/// A sentence to be rendered in a language: an id in the message files and its
/// named arguments. Built with [`msg!`](crate::msg) or [`Message::new`] and the
/// argument methods.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// One named argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    /// Shown as it is, in every language: a name, code, path or the parser's words.
    Text(String),
    /// A cell, line or count; it also chooses plural forms.
    Number(i64),
    /// A sentence of its own, rendered in the same language.
    Message(Message),
    /// Items listed the way a sentence lists them.
    List(List),
}

/// Items of a list argument and how they are joined.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List {
    pub items: Vec<Arg>,
    pub join: Join,
    /// Items left out, shown as `… and 4 more`.
    pub more: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Join {
    /// `a, b and c` (`a, b, c` in Korean).
    And,
    /// `a, b or c` (`a, b 또는 c`).
    Or,
    /// `a, b, c` in every language.
    Commas,
    /// `a; b; c` in every language.
    Semicolons,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds a named argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The argument named `name`.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The sentence in `lang`; English for an id the language lacks, and the id
    /// itself for an id no file has (tests check that neither happens).
    pub fn render(&self, lang: Lang) -> String {
        render_or_id(lang, self.id, &self.args)
    }
}

/// The English text: what JSON, SARIF and tests read unless a language is asked for.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Compares the English text, as tests and machine formats read it.
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.render(Lang::En) == *other
    }
}

/// A message without arguments in `lang`: a label, a heading, a tooltip.
pub fn tr(lang: Lang, id: &'static str) -> String {
    tr_key(lang, id)
}

/// A message whose id is built at run time (`role-load`): the enums' words.
pub fn tr_key(lang: Lang, id: &str) -> String {
    render_or_id(lang, id, &[])
}

/// The message in `lang`; English for an id the language lacks, and the id itself for
/// an id no file has (tests check that neither happens).
fn render_or_id(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    render(lang, id, args)
        .or_else(|| render(Lang::En, id, args))
        .unwrap_or_else(|| id.to_string())
}

fn render(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> Option<String> {
    let bundle = lang.bundle(id);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, arg) in args {
        fluent_args.set(*name, arg.value(lang));
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "{lang} {id}: {errors:?}");
    Some(text.into_owned())
}

impl Arg {
    fn value(&self, lang: Lang) -> FluentValue<'_> {
        match self {
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Message(message) => FluentValue::from(message.render(lang)),
            Arg::List(list) => FluentValue::from(list.render(lang)),
        }
    }

    /// The argument as text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Number(n) => n.to_string(),
            Arg::Message(message) => message.render(lang),
            Arg::List(list) => list.render(lang),
        }
    }

    /// Backquoted names: `` `a`, `b` and `c` ``.
    pub fn names<S: AsRef<str>>(names: &[S]) -> Arg {
        Arg::list(names.iter().map(|n| format!("`{}`", n.as_ref())))
    }

    /// Items joined with `and`.
    pub fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
        Arg::joined(items, Join::And)
    }

    /// Items joined as `join` says.
    pub fn joined<T: Into<Arg>>(items: impl IntoIterator<Item = T>, join: Join) -> Arg {
        Arg::List(List {
            items: items.into_iter().map(Into::into).collect(),
            join,
            more: 0,
        })
    }

    /// At most `limit` items joined with `and`; past that the first `keep` and how
    /// many more.
    pub fn capped_list<T: Into<Arg>>(
        items: impl IntoIterator<Item = T>,
        keep: usize,
        limit: usize,
    ) -> Arg {
        let mut items: Vec<Arg> = items.into_iter().map(Into::into).collect();
        let mut more = 0;
        if items.len() > limit {
            more = items.len() - keep;
            items.truncate(keep);
        }
        Arg::List(List {
            items,
            join: Join::And,
            more,
        })
    }
}

impl List {
    /// `a`, `a and b`, `a, b and c`, `a, b and 4 more` in English; `a, b, c` and
    /// `a, b 외 4개` in Korean.
    fn render(&self, lang: Lang) -> String {
        let words: Vec<String> = self.items.iter().map(|a| a.render(lang)).collect();
        if self.more > 0 {
            return Message::new("list-and-more")
                .arg("init", words.join(", "))
                .arg("count", self.more)
                .render(lang);
        }
        let id = match self.join {
            Join::Commas => return words.join(", "),
            Join::Semicolons => return words.join("; "),
            Join::And => "list-and",
            Join::Or => "list-or",
        };
        match words.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => Message::new(id)
                .arg("init", init.join(", "))
                .arg("last", last.clone())
                .render(lang),
        }
    }
}

impl serde::Serialize for Message {
    /// English, as machine formats carry it unless a language is asked for.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.render(Lang::En))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(message)
    }
}

/// A yes-or-no argument as the `yes`/`no` a message's selector chooses by.
impl From<bool> for Arg {
    fn from(yes: bool) -> Arg {
        Arg::Text(if yes { "yes" } else { "no" }.to_string())
    }
}

/// A missing argument as `none`, which a message's `[none]` variant matches (the
/// sentence without that part).
impl<T: Into<Arg>> From<Option<T>> for Arg {
    fn from(value: Option<T>) -> Arg {
        value.map_or_else(|| Arg::Text("none".to_string()), Into::into)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as i64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64);

/// A [`Message`] with named arguments, as `format!` names them:
/// `msg!("pa101-same-count", cell = 3, names = Arg::names(&shared))`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_flags_and_locales() {
        assert_eq!(Lang::parse("ko"), Some(Lang::Ko));
        assert_eq!(Lang::parse("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::parse("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("POSIX"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR.UTF-8"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn the_environment_decides_in_posix_order() {
        let ko = Some("ko_KR.UTF-8");
        assert_eq!(Lang::from_env(None, None, None, ko), Lang::Ko);
        assert_eq!(Lang::from_env(None, Some("C"), None, ko), Lang::En);
        assert_eq!(Lang::from_env(None, Some(""), ko, Some("C")), Lang::Ko);
        assert_eq!(Lang::from_env(Some("en"), ko, ko, ko), Lang::En);
        assert_eq!(Lang::from_env(Some("xx"), None, None, ko), Lang::Ko);
        assert_eq!(Lang::from_env(None, None, None, Some("de_DE")), Lang::En);
        assert_eq!(Lang::from_env(None, None, None, None), Lang::En);
    }

    #[test]
    fn lists_in_words() {
        let names = Arg::names(&["a", "b", "c"]);
        assert_eq!(names.render(Lang::En), "`a`, `b` and `c`");
        assert_eq!(names.render(Lang::Ko), "`a`, `b`, `c`");
        let capped = Arg::capped_list(1..=10usize, 6, 8);
        assert_eq!(capped.render(Lang::En), "1, 2, 3, 4, 5, 6 and 4 more");
        assert_eq!(capped.render(Lang::Ko), "1, 2, 3, 4, 5, 6 외 4개");
        assert_eq!(Arg::list(["x"]).render(Lang::Ko), "x");
        assert_eq!(Arg::list(Vec::<String>::new()).render(Lang::En), "");
    }

    #[test]
    fn numbers_render_as_digits_and_choose_plurals() {
        let outputs = |n: usize| msg!("pa105-outputs-without-count", cell = 4, count = n);
        assert!(outputs(1)
            .render(Lang::En)
            .starts_with("cell 4 has 1 stored output but"));
        assert!(outputs(12345)
            .render(Lang::En)
            .starts_with("cell 4 has 12345 stored outputs but"));
        assert!(outputs(2)
            .render(Lang::Ko)
            .starts_with("셀 4에 저장된 출력이 2개"));
    }

    #[test]
    fn every_id_lives_in_the_file_its_prefix_names() {
        for lang in Lang::ALL {
            for (area, (file, text)) in lang.sources().iter().enumerate() {
                assert_eq!(AREAS[area], *file);
                for line in text.lines() {
                    let Some((id, _)) = line.split_once(" =") else {
                        continue;
                    };
                    if id.is_empty() || id.starts_with(['#', ' ']) {
                        continue;
                    }
                    assert_eq!(AREAS[area_of(id)], *file, "{lang}: `{id}`");
                }
            }
        }
    }

    #[test]
    fn an_unknown_id_renders_as_itself() {
        assert_eq!(
            Message::new("no-such-message").render(Lang::Ko),
            "no-such-message"
        );
    }
}
