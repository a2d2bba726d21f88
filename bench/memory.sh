#!/usr/bin/env bash
# Peak memory of `pyarch check`, against the target: file size + 50 MB.
#   bash bench/memory.sh [CORPUS_DIR]
# Measures (with /usr/bin/time -v, "Maximum resident set size") the largest corpus
# notebook and a generated 100 MB notebook made mostly of image outputs, then prints
# one line per file and exits 1 when a file is over its target.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/notebooks}"
if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi
cargo build --release --quiet --bin pyarch
pyarch=target/release/pyarch

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The largest notebook of the corpus.
largest=$(find "$corpus" -name '*.ipynb' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)

# 100 cells, each with a ~1 MB base64 PNG output (streamed to disk, never held whole).
images="$work/images_100mb.ipynb"
python3 - "$images" <<'PY'
import sys
line = '"' + "iVBORw0KGgoAAAANSUhEUgAAA" * 3 + '\\n"'
with open(sys.argv[1], "w") as f:
    f.write('{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "python"}}, "cells": [')
    for i in range(100):
        if i:
            f.write(",\n")
        f.write('{"cell_type": "code", "execution_count": %d, "id": "c%d", "metadata": {}, '
                '"source": ["import matplotlib.pyplot as plt\\n", "plt.plot([%d, 2])\\n"], '
                '"outputs": [{"output_type": "display_data", "metadata": {}, '
                '"data": {"text/plain": ["<Figure>"], "image/png": [' % (i + 1, i, i))
        f.write(",".join([line] * (1_000_000 // 76)))
        f.write("]}}]}")
    f.write("]}\n")
PY

status=0
printf '%-60s %12s %12s %12s %9s  %s\n' "notebook" "size (MB)" "peak (MB)" "target (MB)" "time (s)" "result"
for nb in "$largest" "$images"; do
  size=$(stat -c %s "$nb")
  log="$work/time.log"
  /usr/bin/time -v "$pyarch" check --no-progress --fail-on never "$nb" >/dev/null 2>"$log" || true
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  peak_mb=$(echo "scale=1; $rss_kb / 1024" | bc)
  size_mb=$(echo "scale=1; $size / 1048576" | bc)
  target_mb=$(echo "scale=1; $size_mb + 50" | bc)
  if [ "$(echo "$peak_mb <= $target_mb" | bc)" = 1 ]; then result=ok; else result=OVER; status=1; fi
  printf '%-60s %12s %12s %12s %9s  %s\n' "$(basename "$nb")" "$size_mb" "$peak_mb" "$target_mb" "$secs" "$result"
done
exit $status
