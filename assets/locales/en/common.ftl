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

## Findings merged on one statement

merged-finding = { $message }; also, { $also } ({ $code })

## Transitional: a sentence a rule still formats itself

untranslated = { $text }
