#!/usr/bin/env bash
# Mutation score of the exports of the corpus notebooks that run offline (MANIFEST.tsv:
# runs_offline_guess = yes). Each notebook is copied next to its data (as it sat in its
# repository), exported at level 1 (so the export samples the data into tests/fixtures)
# and scored with scripts/mutation_score.py.
#
#   bash scripts/mutation_corpus.sh [PYARCH_BIN] [CORPUS_DIR]
#
# Defaults: target/debug/pyarch and ../shared/corpus. MUTATION_ONLY=REGEX scores only the
# notebooks whose file name matches; MUTATION_SAMPLE=N (and MUTATION_SEED) runs a seeded
# random sample of N mutants per notebook (see mutation_score.py). Prints one line per notebook;
# exits 1 when a notebook cannot be scored or a score is below MUTATION_MIN (default
# 0). Takes a long time (each mutant runs the export's own pytest); not part of the
# test suite.
set -uo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/debug/pyarch}"
corpus="${2:-../shared/corpus}"
python="$PWD/.venv/bin/python"
min="${MUTATION_MIN:-0}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Exports one notebook and prints its score; fails when it cannot, or when the score
# is below MUTATION_MIN.
score_one() {
  local notebook="$1" out="$2" json="$3" file="$4" package
  if ! "$bin" export "$notebook" --out "$out" >/dev/null; then
    echo "$file: export failed"
    return 1
  fi
  package="$(ls "$out/src")"
  if ! "$python" scripts/mutation_score.py --export "$out" --package "$package" \
    --data-dir "$(dirname "$notebook")" --python "$python" >"$json"; then
    echo "$file: mutation_score.py failed"
    return 1
  fi
  "$python" - "$json" "$file" "$min" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
score = r.get("score")
shown = "no mutants" if score is None else f"{r['killed']} of {r['mutants']} killed ({score:.0%})"
if r.get("sampled_from"):
    low, high = r["ci95"]
    shown += f" (a sample of {r['mutants']} of {r['sampled_from']} mutants, seed {r['seed']}; 95% interval {low:.0%}-{high:.0%})"
if r.get("saved_output_lines_left_out"):
    shown += f" ({r['saved_output_lines_left_out']} saved-output lines left out: printed otherwise with these library versions)"
print(f"{sys.argv[2]}: {shown}", flush=True)
for s in r.get("survivors", []):
    print(f"  survived: {s}", flush=True)
sys.exit(0 if score is None or score >= float(sys.argv[3]) else 1)
PY
}

status=0
i=0
while IFS=$'\t' read -r file repo path_in_repo offline; do
  [[ "$offline" == yes* ]] || continue
  [[ -z "${MUTATION_ONLY:-}" || "$file" =~ $MUTATION_ONLY ]] || continue
  i=$((i + 1))
  work="$tmp/work-$i"
  mkdir -p "$work"
  data="$corpus/data/${repo//\//__}"
  if [ -d "$data" ]; then cp -r "$data/." "$work/"; fi
  notebook="$work/$path_in_repo"
  mkdir -p "$(dirname "$notebook")"
  cp "$corpus/notebooks/$file" "$notebook"
  score_one "$notebook" "$tmp/export-$i" "$tmp/$i.json" "$file" || status=1
done < <("$python" - "$corpus/MANIFEST.tsv" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    print("\t".join([row["file"], row["repo"], row["path_in_repo"], row.get("runs_offline_guess", "")]))
PY
)
exit $status
