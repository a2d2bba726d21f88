# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## PA2xx rules: responsibilities and structure

## PA201 mixed-responsibilities

pa201-group-io = I/O
pa201-group-transform = transformation
pa201-group-model = modelling
pa201-group-evaluate = evaluation
pa201-group-visualize = visualisation
pa201-lines = lines { $lines }
pa201-part = { $group } ({ $lines })
pa201-destination = { $lines } → { $destination }
pa201-to-saving-repository = adapters/ (a repository that saves the model or results)
pa201-to-repository = adapters/repository.py (a repository behind an abstract interface)
pa201-to-domain = domain/ (pure functions: frame in, frame out)
pa201-to-predict = service_layer/services.py (a `predict` use case)
pa201-to-train = service_layer/services.py (a `train_model` use case)
pa201-to-evaluate = service_layer/services.py (an `evaluate_model` use case)
pa201-to-exploration = exploration (notebooks/exploration.py, outside the package)
pa201-mixes = cell mixes { $count } responsibilities: { $parts }
pa201-fix = Split the cell where the responsibility changes: { $destinations }. Each part becomes its own cell now and its own function when exported.

## PA202 long-cell

pa202-step = { $role } (lines { $first }–{ $last })
pa202-fix-steps = Split it into one cell per step, and move each step into a named function: { $steps }.
pa202-fix = Split it into cells of one step each, and move the steps into named functions that the cell calls.
pa202-long-cell = cell has { $count } lines of top-level code (more than { $limit })

## PA203 scattered-imports

pa203-statement = { $code }
pa203-statements = the { $count } import statements of cell { $cell }
pa203-imported-late = { $names } imported in cell { $cell }, after the import cell (cell { $first })
pa203-fix = Move { $statements } to cell { $first } with the other imports, so the notebook's dependencies are declared in one place.

## PA204 duplicated-code

pa204-same-names = with the same names (literals may differ)
pa204-other-names = with other names ({ $renames })
pa204-fix-copy = Keep one copy: run cell { $other }'s code once, or extract it into a function called from both places.
pa204-fix-extract = Extract the repeated code into one function whose parameters are the names that differ ({ $params }), put it in domain/ (or service_layer/ for modelling steps), and call it from cell { $other } and here.
pa204-repeats = { $count ->
    [one] this statement
   *[other] these { $count } statements
} ({ $lines }) { $count ->
    [one] repeats
   *[other] repeat
} cell { $other } ({ $other_lines }) { $how }

## PA205 exploration-leftover

pa205-only-displays = { $count ->
    [one] { $code } only displays
   *[other] { $count } statements from { $code } on only display
} a view{ $of ->
    [none] {""}
   *[other] {" "}of { $of }
}; later cells (up to cell { $last }) still build the pipeline
pa205-fix = Delete it, or move it to an exploration notebook (notebooks/exploration.py) that is not part of the exported package.

## PA206 scattered-io

pa206-cell-calls = cell { $cell } ({ $calls })
pa206-scattered = data is read or written in { $count } cells: { $cells }
pa206-fix = Put every read and write behind one repository in adapters/repository.py (for example `load_train()`, `save_submission()`), configured with paths from config.py, and call it from the service layer.

## PA207 not-modularisable

pa207-star-import = `from { $module } import *` hides which names this notebook uses
pa207-star-import-fix = Import the names you use (`from x import a, b`); pyarch then extracts functions instead of exporting one function per cell.
pa207-dynamic = `exec`/`eval`/`globals()` can read or bind any name
pa207-dynamic-fix = Replace the dynamic code with explicit assignments or a dict; pyarch then extracts functions instead of exporting one function per cell.
pa207-global-writes = this function changes the notebook globals `{ $names }`
pa207-global-writes-fix = Return the new values instead and assign them where the function is called; pyarch then extracts functions instead of exporting one function per cell.
