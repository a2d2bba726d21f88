# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## The exported package
