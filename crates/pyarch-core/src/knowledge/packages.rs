//! Python packages: which imports are the standard library, and which PyPI
//! distribution provides an import whose name differs from it (`sklearn` is
//! `scikit-learn`). The exported `pyproject.toml` is made from these.

/// Imports whose PyPI distribution has another name.
pub const DISTRIBUTIONS: &[(&str, &str)] = &[
    ("sklearn", "scikit-learn"),
    ("cv2", "opencv-python"),
    ("PIL", "Pillow"),
    ("yaml", "PyYAML"),
    ("bs4", "beautifulsoup4"),
    ("skimage", "scikit-image"),
    ("mpl_toolkits", "matplotlib"),
    ("IPython", "ipython"),
    ("dateutil", "python-dateutil"),
    ("Bio", "biopython"),
    ("google", "google"),
    ("tensorflow_hub", "tensorflow-hub"),
    ("attr", "attrs"),
    ("dotenv", "python-dotenv"),
    ("docx", "python-docx"),
    ("fitz", "PyMuPDF"),
];

/// The PyPI distribution for a top-level import, or `None` for the standard library.
pub fn pypi_name(module: &str) -> Option<String> {
    if STDLIB.contains(&module) || module.is_empty() || module.starts_with('_') {
        return None;
    }
    let mapped = DISTRIBUTIONS
        .iter()
        .find(|(import, _)| *import == module)
        .map_or(module, |(_, distribution)| distribution);
    Some(mapped.to_string())
}

/// Top-level standard library modules (enough for notebooks).
pub const STDLIB: &[&str] = &[
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "base64",
    "bisect",
    "builtins",
    "bz2",
    "calendar",
    "cmath",
    "codecs",
    "collections",
    "concurrent",
    "configparser",
    "contextlib",
    "copy",
    "csv",
    "ctypes",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "dis",
    "email",
    "enum",
    "errno",
    "fnmatch",
    "fractions",
    "functools",
    "gc",
    "getpass",
    "gettext",
    "glob",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "imaplib",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "math",
    "mimetypes",
    "multiprocessing",
    "numbers",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "pkgutil",
    "platform",
    "pprint",
    "profile",
    "pstats",
    "queue",
    "random",
    "re",
    "reprlib",
    "sched",
    "secrets",
    "select",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "socket",
    "sqlite3",
    "ssl",
    "stat",
    "statistics",
    "string",
    "struct",
    "subprocess",
    "sys",
    "sysconfig",
    "tarfile",
    "tempfile",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "traceback",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uuid",
    "warnings",
    "weakref",
    "webbrowser",
    "xml",
    "zipfile",
    "zlib",
    "zoneinfo",
    "__future__",
    "cPickle",
    "urllib2",
    "StringIO",
    "cStringIO",
    "Queue",
    "ConfigParser",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distributions_and_the_standard_library() {
        assert_eq!(pypi_name("sklearn").as_deref(), Some("scikit-learn"));
        assert_eq!(pypi_name("pandas").as_deref(), Some("pandas"));
        assert_eq!(pypi_name("os"), None);
        assert_eq!(pypi_name("_private"), None);
    }
}
