# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## Lists and places in findings

list-and = { $init } and { $last }
list-or = { $init } or { $last }
list-and-more = { $init } and { $count } more
line = line { $line }
line-range = lines { $first }–{ $last }
cells = { $count ->
    [one] cell
   *[other] cells
} { $list }

## Words for the core's enums (ids built from the machine name: role-load)

role-import = import
role-config = config
role-setup = setup
role-load = load
role-clean = clean
role-explore = explore
role-feature = feature
role-split = split
role-train = train
role-tune = tune
role-evaluate = evaluate
role-predict = predict
role-visualize = visualize
role-persist = persist
role-define = define
severity-info = info
severity-warning = warning
severity-error = error
destination-domain = domain
destination-repository = repository
destination-service = service layer
destination-entrypoint = entrypoint
destination-config = config
destination-exploration = exploration
destination-drop = drop
family-hidden-state = Hidden state and execution order (PA1xx)
family-structure = Responsibilities and structure (PA2xx)
family-reproducibility = Reproducibility and portability (PA3xx)
family-ml-pitfalls = ML pitfalls (PA4xx)
family-unreadable = Could not read or parse (PA9xx)

## Findings merged on one statement

merged-finding = { $message }; also, { $also } ({ $code })

## Reports (SARIF, GitLab)

report-with-fix = { $message } Fix: { $fix }
report-related = cell { $cell }: { $message }
report-gitlab-description = { $code } { $message } (cell { $cell }, line { $line })
