//! Which string literals look like file paths, and what kind.

use serde::Serialize;

/// Keyword arguments that name the file a load or save call reads or writes.
pub const PATH_KEYWORDS: &[&str] = &[
    "path",
    "path_or_buf",
    "path_or_buffer",
    "filepath",
    "filepath_or_buffer",
    "filename",
    "fname",
    "file",
    "io",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathKind {
    Relative,
    /// `/home/…`, `/Users/…`, `/data/…`
    Absolute,
    /// `/kaggle/input/…`, `../input/…`
    Kaggle,
    /// `/content/…`, `/content/drive/…`
    Colab,
    /// `C:\…`, `D:/…`, `\\server\share`
    Windows,
    /// `~/…`
    Home,
    Url,
}

impl PathKind {
    /// Paths that only work on the author's machine.
    pub fn is_machine_specific(self) -> bool {
        !matches!(self, PathKind::Relative | PathKind::Url)
    }
}

/// Calls that test whether a path exists (`os.path.exists`, `Path(p).is_dir()`):
/// a statement that probes a machine-specific path already chooses between
/// machines (`if os.path.exists('../input/x'): … else: …`), so PA301 does not
/// report its paths.
pub const PATH_PROBES: &[&str] = &["exists", "isdir", "isfile", "is_dir", "is_file", "lexists"];

/// Calls that only list what is in a folder (`os.walk('/kaggle/input')` in
/// Kaggle's starter cell, `check_output(['ls', '../input'])`): a look around, not a
/// dependency on the files (PA301).
pub const PATH_LISTINGS: &[&str] = &["walk", "listdir", "scandir", "check_output", "system"];

const DATA_EXTENSIONS: &[&str] = &[
    "csv", "tsv", "txt", "json", "jsonl", "parquet", "feather", "pkl", "pickle", "joblib", "h5",
    "hdf5", "hdf", "xlsx", "xls", "zip", "gz", "bz2", "npy", "npz", "db", "sqlite", "sqlite3",
    "png", "jpg", "jpeg", "svg", "pdf", "model", "bin", "pt", "pth", "onnx", "sav", "xml", "yaml",
    "yml", "tar", "arff", "dat", "data", "sas7bdat", "dta", "orc", "avro", "keras",
];

/// Whether a path names a file with a data extension (`data/train.csv`), not a
/// folder.
pub fn names_a_file(path: &str) -> bool {
    has_data_extension(path.trim().rsplit(['/', '\\']).next().unwrap_or(""))
}

/// `train.csv`, `model.PKL`: a name before one of [`DATA_EXTENSIONS`].
fn has_data_extension(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && !stem.ends_with('.')
            && DATA_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// Classifies a string literal as a path, or `None` when it does not look like one.
pub fn classify(s: &str) -> Option<PathKind> {
    let s = s.trim();
    if s.is_empty() || s.len() > 400 || s.contains('\n') || s.contains('{') {
        return None;
    }
    if s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("s3://")
        || s.starts_with("gs://")
    {
        return Some(PathKind::Url);
    }
    let bytes = s.as_bytes();
    if bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/')
    {
        return Some(PathKind::Windows);
    }
    if s.starts_with("\\\\") {
        return Some(PathKind::Windows);
    }
    if s.starts_with("/kaggle/")
        || s.starts_with("../input")
        || s.starts_with("/kaggle") && s.len() == 7
    {
        return Some(PathKind::Kaggle);
    }
    if s.starts_with("/content/") || s == "/content" || s.starts_with("/gdrive/") {
        return Some(PathKind::Colab);
    }
    if s.starts_with("~/") {
        return Some(PathKind::Home);
    }
    let has_space_words = s.split_whitespace().count() > 1 && !s.contains('/') && !s.contains('\\');
    if has_space_words {
        return None;
    }
    if s.starts_with('/')
        && s.len() > 1
        && s[1..].contains(|c: char| c.is_alphanumeric())
        && s.matches('/').count() >= 2
    {
        return Some(PathKind::Absolute);
    }
    let has_data_extension = has_data_extension(s);
    let has_separator = (s.contains('/') || s.contains('\\')) && !s.contains(' ');
    if s.starts_with("./") || s.starts_with("../") {
        return Some(PathKind::Relative);
    }
    if has_data_extension && (!s.contains(' ') || has_separator) {
        return Some(PathKind::Relative);
    }
    if has_separator
        && s.split(['/', '\\'])
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || "._-".contains(c)))
        && s.contains('.')
    {
        return Some(PathKind::Relative);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_common_paths() {
        assert_eq!(
            classify("/kaggle/input/titanic/train.csv"),
            Some(PathKind::Kaggle)
        );
        assert_eq!(classify("../input/train.csv"), Some(PathKind::Kaggle));
        assert_eq!(
            classify("/content/drive/MyDrive/x.csv"),
            Some(PathKind::Colab)
        );
        assert_eq!(classify("D:\\Study\\data.csv"), Some(PathKind::Windows));
        assert_eq!(
            classify("/home/me/data/train.csv"),
            Some(PathKind::Absolute)
        );
        assert_eq!(classify("data/train.csv"), Some(PathKind::Relative));
        assert_eq!(classify("submission.csv"), Some(PathKind::Relative));
        assert_eq!(classify("https://x.org/a.csv"), Some(PathKind::Url));
        assert_eq!(classify("Survived"), None);
        assert_eq!(classify("a / b"), None);
        assert_eq!(classify("Hello world."), None);
        assert_eq!(classify("%.2f"), None);
        assert_eq!(classify("/"), None);
    }
}
