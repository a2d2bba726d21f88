#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from small corpus notebooks (copied, never edited), the
# reader fixtures, and (for mask_magics) the code cells of those notebooks.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${CORPUS:-$here/../../shared/corpus/notebooks}"
fixtures="$here/../tests/fixtures"
mkdir -p "$here/corpus/read_notebook" "$here/corpus/pipeline" "$here/corpus/mask_magics"
# Notebooks under 40 KB: big enough to be realistic, small enough to mutate quickly.
find "$corpus" -name '*.ipynb' -size -40k | sort | while read -r nb; do
    cp "$nb" "$here/corpus/read_notebook/"
    cp "$nb" "$here/corpus/pipeline/"
done
cp "$fixtures"/read/* "$here/corpus/read_notebook/"
cp "$fixtures"/rules/*.py "$here/corpus/pipeline/" 2>/dev/null || true
# Code cells, one file each, for the masking target.
python3 - "$here/corpus/mask_magics" "$corpus" <<'PY'
import json, pathlib, sys, hashlib
out, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for nb in sorted(corpus.glob("*.ipynb")):
    if nb.stat().st_size > 40_000:
        continue
    data = json.loads(nb.read_text(encoding="utf-8"))
    cells = data.get("cells") or [c for w in data.get("worksheets", []) for c in w.get("cells", [])]
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source") or cell.get("input") or ""
        src = "".join(src) if isinstance(src, list) else src
        if src.strip():
            name = hashlib.sha1(src.encode()).hexdigest()[:16]
            (out / name).write_text(src, encoding="utf-8")
PY
for s in '%matplotlib inline\nx = !ls\ny = x  # 한글\n' '%%time\nmodel.fit(X, y)\n' '%%bash\necho hi\n' \
         'df.head??\n?pd.merge\ncd ..\npip install -q x\n' '%time df = pd.read_csv(f)\r\n!echo {f} \\\n  more\n'; do
    printf '%b' "$s" > "$here/corpus/mask_magics/seed_$(printf '%b' "$s" | sha1sum | cut -c1-12)"
done
echo "seeded: $(ls "$here/corpus/read_notebook" | wc -l) read_notebook, $(ls "$here/corpus/pipeline" | wc -l) pipeline, $(ls "$here/corpus/mask_magics" | wc -l) mask_magics"
