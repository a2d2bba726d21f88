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
# Per notebook, one process each (as a user runs it), and the same notebook through
# soorgeon; the sums over the notebooks soorgeon could refactor are compared too.
py_export=0; so_export=0; py_ok=0; so_ok_time=0; ok=0
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb" .ipynb)
  t0=$(now); "$pyarch" export "$nb" --out "$work/pyarch/$name" >/dev/null 2>&1; t1=$(now)
  py_t=$(elapsed "$t0" "$t1"); py_export=$(echo "$py_export + $py_t" | bc -l)
  d="$work/soorgeon/$name"; mkdir -p "$d"; cp "$nb" "$d/nb.ipynb"
  t0=$(now)
  (cd "$d" && timeout 120 "$OLDPWD/$venv/bin/soorgeon" refactor nb.ipynb >/dev/null 2>&1); status=$?
  t1=$(now); so_t=$(elapsed "$t0" "$t1"); so_export=$(echo "$so_export + $so_t" | bc -l)
  if [ "$status" -eq 0 ]; then
    ok=$((ok + 1)); py_ok=$(echo "$py_ok + $py_t" | bc -l); so_ok_time=$(echo "$so_ok_time + $so_t" | bc -l)
  fi
done
printf 'export, one process per notebook: pyarch %.3fs (%d notebooks)  soorgeon %.3fs (%d of %d refactored)  ratio soorgeon/pyarch %.1f\n' \
  "$py_export" "$n" "$so_export" "$ok" "$n" "$(echo "$so_export / $py_export" | bc -l)"
if [ "$ok" -gt 0 ]; then
  printf 'export, only the %d notebooks soorgeon refactored: pyarch %.3fs  soorgeon %.3fs  ratio %.1f\n' \
    "$ok" "$py_ok" "$so_ok_time" "$(echo "$so_ok_time / $py_ok" | bc -l)"
fi
t0=$(now); "$pyarch" export "${notebooks[@]}" --out "$work/batch" >/dev/null 2>&1; t1=$(now)
py_batch=$(elapsed "$t0" "$t1")
printf 'export, one batch process (pyarch export NB... --out DIR): pyarch %.3fs  ratio soorgeon/pyarch %.1f\n' \
  "$py_batch" "$(echo "$so_export / $py_batch" | bc -l)"
if [ -x "$venv/bin/pynblint" ]; then
  t0=$(now)
  for nb in "${notebooks[@]}"; do timeout 60 "$venv/bin/pynblint" "$nb" >/dev/null 2>&1; done
  t1=$(now)
  printf 'pynblint: %.3fs for %d notebooks\n' "$(elapsed "$t0" "$t1")" "$n"
fi
rm -rf "$work"
