#!/usr/bin/env python3
"""Check that every sample notebook runs, both ways, and deterministically.

    .venv/bin/python scripts/verify_samples.py [--runs N] [NOTEBOOK.ipynb ...]

For each notebook (default: samples/*.ipynb) this runs it N times (default 2)
as a plain script (scripts/run_notebook_as_script.py) and N times with
nbclient (on an in-memory copy; the .ipynb file is not modified), from the
notebook's directory.  It records the printed text (stdout; for nbclient the
stdout streams of all cells) and the files the run wrote next to the notebook,
and fails when any run errors, when the runs of one mode differ from each
other, or when the printed text differs between the two modes.  Written files
are removed afterwards.  Prints "N passed, N failed" at the end.
"""
import argparse
import glob
import hashlib
import os
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.join(REPO_ROOT, "scripts", "run_notebook_as_script.py")


def snapshot(directory):
    out = {}
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            with open(path, "rb") as fh:
                out[name] = hashlib.sha256(fh.read()).hexdigest()
    return out


def new_files(before, after):
    return {k: v for k, v in after.items() if before.get(k) != v}


def cleanup(directory, files):
    for name in files:
        os.remove(os.path.join(directory, name))


def run_script(nb_path):
    proc = subprocess.run([sys.executable, RUNNER, nb_path], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"script run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc.stdout


def run_nbclient(nb_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(nb_path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": os.path.dirname(nb_path)}}).execute()
    text = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                text.append(output["text"])
    return "".join(text)


def check(nb_path, runs):
    directory = os.path.dirname(nb_path)
    results = {}
    for mode, fn in (("script", run_script), ("nbclient", run_nbclient)):
        for i in range(runs):
            before = snapshot(directory)
            try:
                printed = fn(nb_path)
            finally:
                written = new_files(before, snapshot(directory))
                cleanup(directory, written)
            results.setdefault(mode, []).append((printed, written))
    problems = []
    for mode, rs in results.items():
        for i, r in enumerate(rs[1:], start=2):
            if r[0] != rs[0][0]:
                problems.append(f"{mode}: printed output of run {i} differs from run 1")
            if r[1] != rs[0][1]:
                problems.append(f"{mode}: written files of run {i} differ from run 1: {r[1]} vs {rs[0][1]}")
    if results["script"][0][0] != results["nbclient"][0][0]:
        problems.append("printed output differs between script and nbclient runs")
    if results["script"][0][1] != results["nbclient"][0][1]:
        problems.append("written files differ between script and nbclient runs")
    return results["script"][0], problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args(argv)
    notebooks = args.notebooks or sorted(glob.glob(os.path.join(REPO_ROOT, "samples", "*.ipynb")))
    passed = failed = 0
    for nb in notebooks:
        nb_path = os.path.abspath(nb)
        name = os.path.relpath(nb_path, REPO_ROOT)
        try:
            (printed, written), problems = check(nb_path, args.runs)
        except Exception as exc:  # noqa: BLE001 - report and go on
            problems, printed, written = [f"{type(exc).__name__}: {exc}"], "", {}
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"    {p}")
        else:
            passed += 1
            print(f"ok   {name}  (wrote: {', '.join(f'{k} sha256={v[:12]}' for k, v in written.items()) or 'nothing'})")
            for line in printed.splitlines():
                print(f"    | {line}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
