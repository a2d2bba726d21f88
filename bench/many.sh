#!/usr/bin/env bash
# Peak memory and time of `pyarch check` on folders of many notebooks: the memory
# curve (notebooks → peak RSS) and the speed against `ruff check --select ALL`.
#
#   bash bench/many.sh [CORPUS_DIR] [COUNTS...]
#   bash bench/many.sh ../shared/corpus/notebooks 200 820 1640 5000 20000
#
# The folders are made of hard links to the corpus notebooks and the samples (round
# robin, 1,000 a subfolder), so 20,000 notebooks take no extra disk. Target: peak RSS
# at most 100 MB for 1,640 notebooks and flat beyond; check time at most 0.4× ruff's.
# Needs /usr/bin/time (apt-get install time); ruff is installed into bench/.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/notebooks}"
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(200 820 1640 5000 20000)
if [ ! -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi
cargo build --release --quiet --bin pyarch
pyarch="$PWD/target/release/pyarch"

venv=bench/.venv
if [ ! -x "$venv/bin/ruff" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q ruff >/dev/null 2>&1 ||
    echo "note: ruff did not install; its column stays empty" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pyarch-many.XXXXXX")
trap 'rm -rf "$work"' EXIT
mapfile -t sources < <(find "$corpus" samples -maxdepth 1 -name '*.ipynb' | sort)

# make_folder DIR N: N hard links to the sources, 1,000 a subfolder.
make_folder() {
  local dir=$1 n=$2 i
  for ((i = 0; i < n; i++)); do
    local sub="$dir/$((i / 1000))"
    [ -d "$sub" ] || mkdir -p "$sub"
    ln "${sources[$((i % ${#sources[@]}))]}" "$sub/nb$i.ipynb" 2>/dev/null ||
      cp "${sources[$((i % ${#sources[@]}))]}" "$sub/nb$i.ipynb"
  done
}

# measure CMD...: prints "peak_mb seconds" of one run.
measure() {
  local log="$work/time.log"
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  awk -F': ' '
    /Maximum resident set size/ { rss = $2 }
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    END { printf "%.1f %.2f\n", rss / 1024, s }' "$log"
}

printf '%-10s %-7s %10s %9s %10s %9s %8s\n' notebooks format "peak (MB)" "time (s)" "ruff (MB)" "ruff (s)" ratio
for n in "${counts[@]}"; do
  dir="$work/n$n"
  make_folder "$dir" "$n"
  for format in text json sarif; do
    read -r peak secs < <(measure "$pyarch" check --no-progress --fail-on never --format "$format" "$dir")
    ruff_peak="" ruff_secs="" ratio=""
    if [ "$format" = text ] && [ -x "$venv/bin/ruff" ] && [ "$n" -le 1640 ]; then
      read -r ruff_peak ruff_secs < <(measure "$venv/bin/ruff" check --no-cache --isolated --select ALL --exit-zero "$dir")
      ratio=$(echo "scale=2; $secs / $ruff_secs" | bc)
    fi
    printf '%-10s %-7s %10s %9s %10s %9s %8s\n' "$n" "$format" "$peak" "$secs" "$ruff_peak" "$ruff_secs" "$ratio"
  done
  rm -rf "$dir"
done
