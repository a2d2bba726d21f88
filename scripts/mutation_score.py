#!/usr/bin/env python3
"""Mutation score of a pyarch export: how many small changes to its domain, service-layer
and adapter code its own pytest notices.

    python scripts/mutation_score.py --export DIR --package PKG --data-dir DIR [--python PY]

A mutant is one change, made with `ast` and written back with `ast.unparse`:
- a number: an integer n becomes n + 1, a float x becomes x + 1 (0.5 -> 1.5);
- a comparison: < <= > >= == != in `not in` is `is not` become their opposite;
- arithmetic: + - * / // % swap (+ with -, * with /, // with /, % with *);
- a boolean constant: True <-> False;
- a statement inside a function (not its docstring) is dropped (replaced by `pass`).
Expression statements whose value nobody sees (`df`, `round(acc, 2)`: a notebook's
display) make no mutants: changing them cannot change behaviour.

Each mutant is written into a copy of the export, the copy's pytest runs (with
PKG_DATA_DIR set to --data-dir, so the end-to-end tests run on the notebook's data) and
the mutant is killed when pytest fails or times out (--timeout or MUTATION_TIMEOUT
seconds per suite, default 300: well above an unmutated run, so that only a mutant that
loops or slows the run many times over times out; Stryker counts such mutants as
detected too). Saved-output lines that the
unmutated export already prints otherwise (other library versions) are deselected.
Only the standard library is used.
Prints one JSON object: mutants, killed, score and the survivors (file, line, change).

With --sample N (or MUTATION_SAMPLE=N) only N mutants, drawn at random with --seed (or
MUTATION_SEED, default 0) from all of them, are run: for exports whose tests take
minutes (statsmodels fits). The score is then an estimate; the JSON adds the number of
mutants sampled from and the Wilson 95% interval of the score.
"""
import argparse
import ast
import copy
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

LAYERS = ("domain", "service_layer", "adapters")
COMPARE_OPPOSITE = {
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
BINOP_SWAP = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.Mult,
}


def docstring_nodes(tree):
    """The Expr nodes that are docstrings (never mutated)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
                out.add(id(body[0]))
    return out


PURE_BUILTINS = {"abs", "len", "max", "min", "repr", "round", "sorted", "str", "sum", "type"}


def unseen_values(tree):
    """The nodes of expression statements whose value nobody sees: a bare name,
    attribute, subscript or constant, or a pure builtin's call (`df`, `round(acc, 2)`).
    A notebook displays such a value; in a function it is computed and dropped, so
    changing or dropping it cannot change behaviour (equivalent mutants: none made)."""
    out = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Expr):
            continue
        value = node.value
        bare = isinstance(value, (ast.Name, ast.Attribute, ast.Subscript, ast.Constant))
        pure = (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in PURE_BUILTINS
        )
        if bare or pure:
            out.update(id(n) for n in ast.walk(node))
    return out


def sites(tree):
    """Every mutation site of a module, in a stable order: (kind, path, description)."""
    docs = docstring_nodes(tree)
    unseen = unseen_values(tree)
    found = []
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            children = value if isinstance(value, list) else [value]
            for index, node in enumerate(children):
                if not isinstance(node, ast.AST) or id(node) in unseen:
                    continue
                where = getattr(node, "lineno", getattr(parent, "lineno", 0))
                if isinstance(node, ast.Constant):
                    v = node.value
                    if isinstance(v, bool):
                        found.append(("bool", node, where, f"{v} -> {not v}"))
                    elif isinstance(v, (int, float)) and not isinstance(v, bool):
                        found.append(("number", node, where, f"{v!r} -> {v + 1!r}"))
                elif isinstance(node, ast.Compare):
                    for i, op in enumerate(node.ops):
                        if type(op) in COMPARE_OPPOSITE:
                            found.append(("compare", (node, i), where, f"{type(op).__name__} -> {COMPARE_OPPOSITE[type(op)].__name__}"))
                elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAP:
                    found.append(("binop", node, where, f"{type(node.op).__name__} -> {BINOP_SWAP[type(node.op)].__name__}"))
                elif isinstance(node, ast.AugAssign) and type(node.op) in BINOP_SWAP:
                    found.append(("binop", node, where, f"{type(node.op).__name__}= -> {BINOP_SWAP[type(node.op)].__name__}="))
                if (
                    isinstance(node, ast.stmt)
                    and isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and field == "body"
                    and id(node) not in docs
                    and not isinstance(node, (ast.Pass, ast.FunctionDef, ast.ClassDef))
                ):
                    found.append(("drop", (parent, index), where, f"drop `{ast.unparse(node).splitlines()[0][:60]}`"))
    return found


def mutate(source, n):
    """The source with its n-th mutation site changed, and the change's description."""
    tree = ast.parse(source)
    kind, target, line, what = sites(tree)[n]
    if kind == "bool":
        target.value = not target.value
    elif kind == "number":
        target.value = target.value + 1
    elif kind == "compare":
        node, i = target
        node.ops[i] = COMPARE_OPPOSITE[type(node.ops[i])]()
    elif kind == "binop":
        target.op = BINOP_SWAP[type(target.op)]()
    elif kind == "drop":
        parent, index = target
        parent.body[index] = ast.copy_location(ast.Pass(), parent.body[index])
    ast.fix_missing_locations(tree)
    return ast.unparse(tree) + "\n", line, what


def run_pytest(python, project, env, timeout, select=()):
    """The export's pytest: the unit tests first (fast), the end-to-end ones only when
    they pass, as one suite would. `select` adds pytest options (deselected tests)."""
    rc, tail = 0, ""
    for tests in ("tests/unit", "tests/e2e"):
        if not os.path.isdir(os.path.join(project, tests)):
            continue
        try:
            proc = subprocess.run(
                [python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *select, tests],
                cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return -9, "timeout"
        rc, tail = proc.returncode, proc.stdout[-800:]
        if rc != 0:
            return rc, tail
    return rc, tail


def saved_output_failures(python, project, env, timeout):
    """The node ids of the saved-output tests that fail on the unmutated export."""
    try:
        proc = subprocess.run(
            [python, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "-m", "saved_output", "tests/e2e"],
            cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return []
    return [
        line[len("FAILED "):].split(" - ")[0].strip()
        for line in proc.stdout.splitlines()
        if line.startswith("FAILED ")
    ]


def wilson_interval(killed, n, z=1.96):
    """The Wilson score interval (95% by default) of the share killed/n."""
    if n == 0:
        return None
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3)]


def chosen_mutants(counts, sample, seed):
    """The (file, site) pairs to run: all of them, or `sample` of them drawn with `seed`."""
    everything = [(path, n) for path, count in counts for n in range(count)]
    if sample is None or sample >= len(everything):
        return everything
    return sorted(random.Random(seed).sample(everything, sample))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--export", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("MUTATION_TIMEOUT", "300")))
    sample = os.environ.get("MUTATION_SAMPLE")
    ap.add_argument("--sample", type=int, default=int(sample) if sample else None)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("MUTATION_SEED", "0")))
    args = ap.parse_args(argv)

    env = dict(os.environ)
    env["MPLBACKEND"] = "Agg"
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="pyarch-mutants-") as tmp:
        project = os.path.join(tmp, "export")
        shutil.copytree(args.export, project)
        data = os.path.join(tmp, "data")
        shutil.copytree(args.data_dir, data)
        env[f"{args.package.upper()}_DATA_DIR"] = data
        rc, tail = run_pytest(args.python, project, env, args.timeout)
        # The comparison with the notebook's saved output is one test per printed line;
        # other library versions than the notebook's print some lines otherwise (pandas
        # `info()`): those lines, and only those, are left out of the score's suite.
        select = ()
        if rc != 0:
            failing = saved_output_failures(args.python, project, env, args.timeout)
            select = tuple(f"--deselect={node}" for node in failing)
            rc, tail = run_pytest(args.python, project, env, args.timeout, select)
        if rc != 0:
            print(json.dumps({"error": "the export's tests fail before any mutation", "tail": tail}))
            return 1
        pkg_dir = os.path.join(project, "src", args.package)
        files = []
        for layer in LAYERS:
            for root, _, names in os.walk(os.path.join(pkg_dir, layer)):
                files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".py"))
        counts = []
        for path in sorted(files):
            with open(path, encoding="utf-8") as fh:
                counts.append((path, len(sites(ast.parse(fh.read())))))
        total = sum(count for _, count in counts)
        chosen = chosen_mutants(counts, args.sample, args.seed)
        mutants = killed = 0
        survivors = []
        per_file = {}
        for path, _ in counts:
            with open(path, encoding="utf-8") as fh:
                original = fh.read()
            rel = os.path.relpath(path, project)
            mine = [n for p, n in chosen if p == path]
            per_file[rel] = [0, len(mine)]
            for n in mine:
                mutated, line, what = mutate(original, n)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(mutated)
                # Fresh data for every mutant: the pipeline may write into the folder.
                shutil.rmtree(data)
                shutil.copytree(args.data_dir, data)
                rc, _ = run_pytest(args.python, project, env, args.timeout, select)
                mutants += 1
                if rc != 0:
                    killed += 1
                    per_file[rel][0] += 1
                else:
                    survivors.append(f"{rel}:{line}: {what}")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(original)
    sampled = len(chosen) < total
    print(json.dumps({
        "package": args.package,
        "mutants": mutants,
        "killed": killed,
        "score": round(killed / mutants, 3) if mutants else None,
        "sampled_from": total if sampled else None,
        "seed": args.seed if sampled else None,
        "ci95": wilson_interval(killed, mutants) if sampled else None,
        "saved_output_lines_left_out": len(select),
        "per_file": {k: f"{v[0]}/{v[1]}" for k, v in per_file.items()},
        "survivors": survivors,
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
