#!/usr/bin/env bash
# Times pyarch against its peers on the same corpus, in one run, and prints ratios.
#   bash bench/compare.sh [CORPUS_DIR]
# Peers are installed into bench/.venv when missing: ruff (lint speed), soorgeon
# (notebook refactoring, compared with `pyarch export`), pynblint (where it installs).
set -uo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/notebooks}"
venv=bench/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q ruff soorgeon >/dev/null 2>&1 || echo "note: could not install ruff/soorgeon"
"$venv/bin/pip" install -q pynblint 'click<8.2' 'typer<0.10' lxml_html_clean >/dev/null 2>&1 || echo "note: pynblint did not install"
cargo build --release --quiet
pyarch=target/release/pyarch
notebooks=("$corpus"/*.ipynb)
n=${#notebooks[@]}

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

echo "corpus: $n notebooks in $corpus"
t0=$(now); "$pyarch" check --no-progress --fail-on never "${notebooks[@]}" >/dev/null 2>&1; t1=$(now)
py_check=$(elapsed "$t0" "$t1")
t0=$(now); "$venv/bin/ruff" check --no-cache --isolated --select ALL --exit-zero "${notebooks[@]}" >/dev/null 2>&1; t1=$(now)
ruff_check=$(elapsed "$t0" "$t1")
printf 'check: pyarch %.3fs  ruff %.3fs  ratio ruff/pyarch %.2f\n' "$py_check" "$ruff_check" "$(echo "$ruff_check / $py_check" | bc -l)"

work=$(mktemp -d)
t0=$(now)
for nb in "${notebooks[@]}"; do
  "$pyarch" export "$nb" --out "$work/pyarch/$(basename "$nb" .ipynb)" >/dev/null 2>&1
done
t1=$(now); py_export=$(elapsed "$t0" "$t1")
ok=0; t0=$(now)
for nb in "${notebooks[@]}"; do
  d="$work/soorgeon/$(basename "$nb" .ipynb)"; mkdir -p "$d"; cp "$nb" "$d/nb.ipynb"
  (cd "$d" && timeout 120 "$OLDPWD/$venv/bin/soorgeon" refactor nb.ipynb >/dev/null 2>&1) && ok=$((ok + 1))
done
t1=$(now); so_export=$(elapsed "$t0" "$t1")
printf 'export: pyarch %.3fs (%d notebooks)  soorgeon %.3fs (%d of %d refactored)  ratio soorgeon/pyarch %.1f\n' \
  "$py_export" "$n" "$so_export" "$ok" "$n" "$(echo "$so_export / $py_export" | bc -l)"
if [ -x "$venv/bin/pynblint" ]; then
  t0=$(now)
  for nb in "${notebooks[@]}"; do timeout 60 "$venv/bin/pynblint" "$nb" >/dev/null 2>&1; done
  t1=$(now)
  printf 'pynblint: %.3fs for %d notebooks\n' "$(elapsed "$t0" "$t1")" "$n"
fi
rm -rf "$work"
