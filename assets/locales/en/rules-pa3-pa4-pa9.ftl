# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## PA3xx, PA4xx and PA9xx rules

## PA301 hard-coded-path

pa301-kaggle-path = a Kaggle path: it only exists inside a Kaggle kernel
pa301-colab-path = a Colab path: it only exists in Google Colab
pa301-windows-path = a Windows path: it only exists on the author's machine
pa301-home-path = a home-directory path: it depends on the user's machine
pa301-absolute-path = an absolute path: it only exists on the author's machine
pa301-relative-path = a relative path written directly in a load/save call
pa301-url = a URL
pa301-kaggle-paths = Kaggle paths: they only exist inside a Kaggle kernel
pa301-colab-paths = Colab paths: they only exist in Google Colab
pa301-windows-paths = Windows paths: they only exist on the author's machine
pa301-home-paths = home-directory paths: they depend on the user's machine
pa301-absolute-paths = absolute paths: they only exist on the author's machine
pa301-relative-paths = relative paths written directly in load/save calls
pa301-urls = URLs
pa301-hard-coded-path = hard-coded path `{ $path }`{ $callee ->
    [none] {""}
   *[other] {" "}(passed to `{ $callee }`)
} is { $kind }
pa301-hard-coded-paths = hard-coded paths { $paths } are { $kind }
pa301-fix-folder = Move `{ $path }` to config.py as a setting that can be overridden (`DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))`) and let the repository in adapters/ build file paths from it.
pa301-fix-file = Name the file in config.py (`{ $name } = DATA_DIR / "{ $path }"`) and read or write it through a repository in adapters/.
pa301-fix-folder-paths = Move the folder to config.py as a setting that can be overridden (`DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))`) and let the repository in adapters/ build these file paths from it.
pa301-fix-files = Name the files in config.py (`TRAIN_CSV = DATA_DIR / "train.csv"`) and read or write them through a repository in adapters/.

## PA302 pip-install-in-notebook

pa302-packages = packages
pa302-names = { $names }
pa302-system-install = the notebook installs system { $what } with `{ $installer }`
pa302-system-install-fix = Document system packages in the README or a Dockerfile instead of installing them from a cell.
pa302-install = the notebook installs { $what } with `{ $installer } install`: the dependencies are hidden in a cell{ $pinned ->
    [no] , without pinned versions
   *[yes] {""}
}
pa302-fix = Declare the dependencies in pyproject.toml (`[project] dependencies = [...]`) and install them once before running; remove this line.
pa302-fix-packages = Declare them in pyproject.toml (`[project] dependencies = [{ $packages }]`, with versions) and install once before running; remove this line.

## PA303 inline-hyperparameters

pa303-positional = { $count } positional { $count ->
    [one] literal
   *[other] literals
}
pa303-inline = `{ $name }` has hyperparameters written inline: { $values }
pa303-fix-positional = Name the values in config.py and pass them by keyword: `{ $name }(**config.{ $constant })`.
pa303-fix = Move them to config.py (`{ $constant } = {"{"}{ $dict }{"}"}`) and call `{ $name }(**config.{ $constant })`, so experiments change configuration, not code.
