# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## The desktop app

app-menu-file = File
app-open = Open…
app-open-recent = Open recent
app-reload = Reload
app-export = Export…
app-close-notebook = Close notebook
app-quit = Quit
app-menu-view = View
app-menu-language = Language
app-menu-go = Go
app-next-cell = Next cell
app-previous-cell = Previous cell
app-next-finding = Next finding
app-previous-finding = Previous finding
app-search-cells = Search cells
app-tab-cells = Cells
app-tab-layout = Layout
app-tab-dataflow = Dataflow
app-theme-system = Follow the system
app-theme-light = Light
app-theme-dark = Dark
app-dismiss = Dismiss
app-planning = Planning the layout… { $seconds } s
app-keys-hint = j/k cells · n/p findings · Ctrl+F search · Ctrl+E export
app-drop-to-open = Drop the notebook to open it
app-dialog-export-title = Export to folder
app-internal-error-analysing = { $file }: internal error while analysing: { $panic }
app-internal-error-planning = internal error while planning the layout: { $panic }
app-could-not-reload = Could not reload { $error }
app-could-not-open = Could not open { $error }
app-export-not-empty = { $folder } is not empty: export needs a new or empty folder. Suggested: a new folder inside it.
app-exported = Exported { $files } files to { $folder }
app-export-failed = Export failed: { $error }
app-changed-on-disk = { $file } changed on disk: dropped { $dropped }
app-loaded = { $reloaded ->
    [yes] Reloaded{" "}
   *[no] {""}
}{ $file }: { $cells } cells, { $findings } findings, analysed in { $ms } ms{ $kept ->
    [0] {""}
    [one] , 1 override kept
   *[other] , { $kept } overrides kept
}
app-changed-since-last-open = { $file } changed since it was last open: dropped { $dropped }
app-internal-error-exporting = internal error while exporting: { $panic }
app-open-folder-failed = { $error }; the files are in { $folder }
app-loading-reading = Reading { $file }{ $size }
app-loading-parsing = Parsing { $file }: { $done } of { $total } code cells
app-loading-rules = Checking { $file }: roles and rules
app-loading-views = Preparing { $file }: cell list and dataflow
app-still-planning = The layout is still being planned; try again in a moment.
app-dropped-overrides = { $count } { $count ->
    [one] override
   *[other] overrides
} whose cell or statement is gone: { $list }{ $more ->
    [0] {""}
   *[other] ; and { $more } more
}
app-start-tagline-1 = Review a Jupyter notebook's hidden state and mixed responsibilities,
app-start-tagline-2 = then export it as a layered (Cosmic Python) project.
app-start-open-heading = Open a notebook
app-start-browse = Browse…  (Ctrl+O)
app-start-drop-hint = You can also drop a .ipynb (or a # %% script) on the window.
app-start-samples = Samples
app-start-no-samples = No bundled samples found (looked for samples/*.ipynb).
app-start-recent = Recent files
app-start-no-recent = None yet.
app-notebook-path = Notebook path
app-open-button = Open
app-open-window-title = Open notebook
app-waiting-file-dialog = Waiting for the file dialog… (or type a path above)
app-no-file-chosen = No file chosen. Type or paste its path above (the file dialog needs a desktop portal or zenity).
app-browse = Browse…
app-export-choose-folder = choose a folder to export to
app-export-title = Export
app-export-intro = Writes the suggested project (the files of the Layout tab) into a new or empty folder.
app-export-folder = Export folder
app-export-choose = Choose…
app-waiting-folder-dialog = Waiting for the folder dialog… (or type a path above)
app-export-nothing-picked = "Export now" writes to the path above; edit it to choose another folder. (The folder dialog needs a desktop portal or zenity.)
app-export-now = Export now
app-waiting-plan = Waiting for the plan…
app-open-folder = Open folder
app-copy-path = Copy path
app-export-command = The same export from a terminal:
app-copy-command = Copy command
app-export-folder-not-empty = { $folder }: the folder is not empty; choose an empty or new folder
app-export-wrote = Wrote { $files } files to { $folder }
app-export-file-size = { $path }  ({ $size } bytes)
app-no-findings-in-cell = No findings in this cell.
app-whole-notebook = Whole notebook
app-show-in-source = Show in the source
app-suggestion = Suggestion:
app-why-fix-pattern = Why, fix and pattern
app-why = Why is this bad?
app-fix = Fix
app-pattern = Pattern
app-destinations = Destinations
app-only-code-cells = Only code cells have statements to place.
app-cell-does-not-parse = The cell does not parse, so it has no statements to place.
app-no-statements = This cell has no statements.
app-mixed = mixed
app-whole-cell = Whole cell
app-reset = Reset
app-use-suggested = Use the suggested destination
app-findings-count = Findings ({ $count })
app-line-column = line { $line }:{ $column }
app-overrides-in-notebook = { $count } override(s) in this notebook.
app-reset-all-hint = Use the suggested destinations again
app-no-cell-matches = No cell matches the filters.
app-search = Search
app-only-flagged = Only flagged
app-all-rules = All rules
app-all-rules-hint = Also show the rules outside the default set and hints (info), as `pyarch check --select ALL`
app-any = any
app-rule = Rule
app-role = Role
app-ran-out-of-order = Ran out of order: its execution count is lower than a cell above it.
app-out-of-order = out of order
app-no-cell-selected = No cell selected.
app-cell-heading = Cell { $cell }
app-kind-code = code
app-kind-markdown = markdown
app-kind-raw = raw
app-not-run = not run
app-count-out-of-order = { $count } (out of order)
app-count-out-of-order-hint = Its execution count is lower than that of a cell above it: it ran out of order.
app-next = Next ▶
app-next-hint = Next cell (j or ↓)
app-previous = ◀ Previous
app-previous-hint = Previous cell (k or ↑)
app-stage = Stage: { $stage }
app-stage-hint = The cell's main stage: what a reader would write as its heading. The roles of its statements follow.
app-n-p-hint = (n / p move between findings)
app-outputs = Outputs ({ $count })
app-output-stream = stream
app-output-result = result
app-output-display = display
app-output-error = error
app-not-shown = ({ $kinds } not shown)
app-planning-short = Planning…
app-files-count = { $count } files
app-nothing-to-export = Nothing to export yet.
app-lines-count = { $count } lines
app-from-cell-click = From cell { $cell }: click to show it
app-level-1 = 1 · services
app-level-1-hint = Domain model, repository and service layer (chapters 1–4)
app-level-2 = 2 · + unit of work
app-level-2-hint = Adds tests with fakes and a unit of work (chapters 5–7)
app-level-3 = 3 · + message bus
app-level-3-hint = Adds commands, events, a message bus and a bootstrap with dependency injection (chapters 8–13)
app-pattern-level = Pattern level
app-where-statements-go = Where statements go
app-destination-count = { $destination }: { $count } statements
app-placed-by-overrides = { $count } placed by your overrides
app-functions = Functions ({ $count }) and where they came from
app-scroll-functions = Scroll for all { $count } functions
app-from = from
app-source-lines = { $count ->
    [one] cell { $cell } line { $first }
   *[other] cell { $cell } lines { $first }–{ $last }
}
app-show-source-cell = Show the source cell
app-path-step = { $step }. cell { $cell }, line { $line }: { $what }
app-leak-paths = Leak paths:
app-code-cell = { $code } cell { $cell }
app-order = Order:
app-execution-order = Execution order
app-notebook-order = Notebook order
app-only-selected-cell = Only the selected cell
app-graph-counts = { $cells } code cells, { $edges } edges, { $hidden } hidden-state edges
app-no-code-cells = This notebook has no code cells.
app-legend-arcs = Arcs: from a definition to its use;
app-legend-hidden = hidden state (read of a later cell, mutation across cells, out-of-order run)
app-edge-in = { $verb ->
    [changes] changes
   *[reads] reads
} { $names } from cell { $cell }
app-edge-out = gives { $names } to cell { $cell }
app-no-edges = No def-use edges.
app-click-to-select = Click to select.
app-filter-notebooks = Notebooks
app-filter-all-files = All files
app-empty-cell = (empty)
app-more-characters = … ({ $count } more characters)
app-more-bytes = … ({ $count } more bytes)
app-dataflow-node = Dataflow node { $cell }
app-override-cell = cell { $cell } “{ $what }” → { $destination }
app-override-statement = cell { $cell }, statement “{ $what }” → { $destination }
app-override-saved = { $what } → { $destination }
app-override-cell-gone = { $described } (the cell is gone)
app-override-statement-changed = { $described } (the statement changed)
