# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## PA101 out-of-order-execution

pa101-same-count = cell { $cell } has the same execution count [{ $count }] as cell { $previous } above it: their outputs come from different kernel sessions, and both use { $names }
pa101-same-count-fix = Restart the kernel and run all cells top to bottom so every output comes from one session; in the package, `entrypoints/cli.py` calls the service-layer steps in one fixed order.
pa101-out-of-order = cell { $cell } ran before cell { $previous } above it (execution count [{ $count }] < [{ $previous_count }]) and they share { $names }: the notebook was run out of order
pa101-out-of-order-fix = Restart the kernel and run all cells top to bottom, moving cell { $cell } above cell { $previous } if it must run first; in the package, `entrypoints/cli.py` calls the service-layer steps in one fixed order.

## PA102 use-before-definition

pa102-later-in-this-cell = further down in this cell
pa102-later-in-cell = in cell { $cell }, further down
pa102-called-function-reads = calling `{ $function }` reads the global `{ $name }`, which is first defined { $place }: run top to bottom, this call raises NameError
pa102-called-function-reads-fix = Pass `{ $name }` to `{ $function }` as a parameter and define it before the first call; if it is a constant, put it in config.py.
pa102-read-before-definition = `{ $name }` is read before it is defined: it is first defined { $place }, so the notebook only ran because that code ran first (NameError on Restart & Run All)
pa102-read-before-definition-fix = Move the definition of `{ $name }` above this cell (constants go to config.py, steps to functions the service layer calls in order).
pa102-also-read-by = { $message }; { $cells } also { $count ->
    [one] reads
   *[other] read
} it before its definition

## PA103 undefined-name

pa103-this-cell-reads = this cell reads
pa103-function-reads = function `{ $function }` reads the global
pa103-class-reads = class `{ $class }` reads the global
pa103-python2-builtin = { $reader } `{ $name }`, a Python 2 builtin that Python 3 removed: this raises NameError
pa103-python2-builtin-fix = Port the code to Python 3: use `{ $replacement }` instead of `{ $name }`.
pa103-undefined = { $reader } `{ $name }`, but no cell of the notebook defines it: it came from a deleted cell or an earlier session
pa103-undefined-cell-deleted = { $reader } `{ $name }`, but no cell of the notebook defines it: its cell was probably deleted ({ $count } { $count ->
    [one] execution is
   *[other] executions are
} missing from the saved notebook) or it came from an earlier session
pa103-undefined-maybe-from = { $reader } `{ $name }`, but no cell of the notebook defines it; it probably comes from { $sources }
pa103-undefined-fix = Recreate the code that defines `{ $name }` in a cell above (constants go to config.py), or remove the code that reads it; check with Restart & Run All.
pa103-undefined-maybe-from-fix = Import `{ $name }` explicitly (`from { $module } import { $name }`) instead of relying on { $sources }.

## PA104 unexecuted-cell

pa104-names-and-more = { $names } and { $count } more
pa104-unexecuted-cell = cell { $cell } has code but was never run, while cell { $before } above ([{ $before_count }]) and cell { $after } below ([{ $after_count }]) were: it sets { $names } that later cells read, so the saved outputs do not reflect it
pa104-unexecuted-cells = { $cells } have code but were never run, while cell { $before } above ([{ $before_count }]) and cell { $after } below ([{ $after_count }]) were: they set { $names } that later cells read, so the saved outputs do not reflect them
pa104-unexecuted-fix = Run the notebook with Restart & Run All so every cell runs, or delete the cells that are not needed; in the package each step belongs to a service-layer use case or goes away.

## PA105 outputs-without-execution-count

pa105-counts-cleared = { $count } cells have stored outputs but no cell has an execution count ({ $cells }): the counts were cleared, so nobody can tell which run produced these outputs
pa105-outputs-without-count = cell { $cell } has { $count } stored { $count ->
    [one] output
   *[other] outputs
} but no execution count: they may come from another run or another version of the code
pa105-fix = Clear all outputs and run the notebook with Restart & Run All before saving, so every output belongs to one run of the current code.

## PA106 execution-count-gap

pa106-gap = { $runs } missing { $place }: { $missing } { $missing ->
    [one] run
   *[other] runs
} of cells that were deleted or re-run
pa106-run-missing = execution { $first } is
pa106-runs-missing = executions { $first } to { $last } are
pa106-between = between cell { $previous } ([{ $previous_count }]) and cell { $cell } ([{ $count }])
pa106-before-first = before cell { $cell } ([{ $count }]), the first cell that ran
pa106-small-gaps = { $count } small gaps in the execution counts ({ $runs } missing runs in all, fewer than { $limit } each), before { $cells }: cells were re-run or deleted
pa106-fix = Restart the kernel and run all cells, and check the results still match; recreate any deleted step (in the package, as a service-layer step) that later cells relied on.

## PA107 cross-cell-mutation

pa107-item-assignment = item assignment
pa107-attribute-assignment = attribute assignment
pa107-del-item = `del` of an item
pa107-method = `.{ $method }()`
pa107-inplace = `.{ $method }(inplace=True)`
pa107-changes-in-place = cell { $cell } changes `{ $name }` in place ({ $kinds }), but `{ $name }` was defined in cell { $from }: re-running cells changes the result
pa107-fix = Return a new value instead (`{ $name } = step({ $name })`, with `step` a pure function in domain/ that copies), or make the change in cell { $from } where `{ $name }` is created; the service layer then applies the steps once, in order.

## PA108 non-idempotent-cell

pa108-rebinds-own-value = cell { $cell } { $how ->
    [update] updates
   *[rebind] rebinds
} { $names } from { $cells } using { $count ->
    [one] its
   *[other] their
} own value: running the cell twice applies the step twice
pa108-fix = Bind the result to a new name (`{ $first }_clean = …`), or move the step into a pure function in domain/ that the service layer calls once (`{ $first } = step({ $first })` inside the use case).

## PA109 hidden-global-input

pa109-global-set-in = `{ $name }` (set in { $cells }{ $below ->
    [yes] , below this one
   *[no] {""}
})
pa109-reads-globals = { $kind ->
    [class] class
   *[function] function
} `{ $name }` reads the { $count ->
    [one] global
   *[other] globals
} { $globals } instead of taking { $count ->
    [one] it as a parameter
   *[other] them as parameters
}: its result depends on which cells ran before the call
pa109-fix = Make { $names } { $count ->
    [one] a parameter
   *[other] parameters
} of `{ $name }` and pass { $count ->
    [one] it
   *[other] them
} in from the caller (the service layer); if a value is a constant, move it to config.py.

## PA110 redefined-name

pa110-a-number = a number
pa110-a-string = a string
pa110-a-constant = a constant
pa110-a-collection = a literal collection
pa110-an-expression = an expression
pa110-code = { $code }
pa110-bound-differently = `{ $name }` is bound to different things in { $cells }: { $kinds }; what later cells see depends on which ran last
pa110-fix = Give each meaning of `{ $name }` its own name, or compute each inside its own service-layer function where it is a local variable.
