#!/usr/bin/env python3
"""Behavioural equivalence of a notebook and its pyarch export.

    python scripts/compare_export.py --notebook NB --workdir DIR --export DIR --package PKG

WORKDIR holds the notebook's data laid out as the notebook expects; NB is the notebook
(relative to WORKDIR's layout: ``--nb-rel`` gives its path inside WORKDIR, default its
file name). Two fresh copies of WORKDIR are made: the original notebook runs as a script
(scripts/run_notebook_as_script.py) in one, the exported entrypoint
(``python -m PKG.entrypoints.cli``, PYTHONPATH=EXPORT/src) in the other, both from the
notebook's folder with MPLBACKEND=Agg. Their stdout and the files they write are compared.
Then the export's own pytest runs (PKG_DATA_DIR set to a third copy): the tests that
compare with the notebook's saved output (marker `saved_output`) apart from the others.

Prints one JSON object: stdout_equal, files_equal, original_rc, export_rc, pytest_rc,
saved_output_rc and short diagnostics. Only the standard library is used.
"""
import argparse
import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def snapshot(root):
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in ("__pycache__", ".pytest_cache")]
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def written(before, after):
    return {k: v for k, v in after.items() if before.get(k) != v}


def run(cmd, cwd, env, timeout):
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        return -9, exc.stdout or "", f"timeout after {timeout}s"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--notebook", required=True)
    ap.add_argument("--nb-rel", default=None)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--export", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--no-pytest", action="store_true")
    args = ap.parse_args(argv)

    if os.sep in args.python:
        args.python = os.path.abspath(args.python)
    nb_rel = args.nb_rel or os.path.basename(args.notebook)
    env = dict(os.environ)
    env["MPLBACKEND"] = "Agg"
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONPATH", None)
    result = {"notebook": args.notebook}
    with tempfile.TemporaryDirectory(prefix="pyarch-compare-") as tmp:
        copies = {}
        for name in ("original", "export", "pytest"):
            dest = os.path.join(tmp, name)
            shutil.copytree(args.workdir, dest, symlinks=False)
            nb_dest = os.path.join(dest, nb_rel)
            os.makedirs(os.path.dirname(nb_dest), exist_ok=True)
            if not os.path.exists(nb_dest):
                shutil.copyfile(args.notebook, nb_dest)
            copies[name] = dest
        nb_dir_rel = os.path.dirname(nb_rel)

        # The original notebook as a script.
        orig_root = copies["original"]
        before = snapshot(orig_root)
        rc, out_o, err_o = run(
            [args.python, os.path.join(HERE, "run_notebook_as_script.py"), os.path.join(orig_root, nb_rel), "--python", args.python],
            orig_root, env, args.timeout,
        )
        files_o = written(before, snapshot(orig_root))
        result["original_rc"] = rc
        result["original_stderr"] = err_o[-1500:]

        # The export.
        exp_root = copies["export"]
        os.remove(os.path.join(exp_root, nb_rel))
        before = snapshot(exp_root)
        env_e = dict(env)
        env_e["PYTHONPATH"] = os.path.join(os.path.abspath(args.export), "src")
        rc, out_e, err_e = run(
            [args.python, "-m", f"{args.package}.entrypoints.cli"],
            os.path.join(exp_root, nb_dir_rel), env_e, args.timeout,
        )
        files_e = written(before, snapshot(exp_root))
        result["export_rc"] = rc
        result["export_stderr"] = err_e[-1500:]
        result["stdout_equal"] = out_o == out_e
        if out_o != out_e:
            diff = list(difflib.unified_diff(out_o.splitlines(), out_e.splitlines(), "original", "export", lineterm="", n=1))
            result["stdout_diff"] = "\n".join(diff[:40])
        files_o.pop(nb_rel, None)
        result["files_original"] = sorted(files_o)
        result["files_export"] = sorted(files_e)
        result["files_equal"] = files_o == files_e
        if files_o != files_e:
            result["files_diff"] = sorted(set(files_o.items()) ^ set(files_e.items()))[:20]

        # The export's own tests. Those marked `saved_output` compare with the output
        # the notebook saved, which another environment (library versions) may not
        # repeat: they run apart and are reported as `saved_output_rc`, so that
        # `pytest_rc` keeps meaning "the export's tests pass here".
        if not args.no_pytest:
            env_t = dict(env)
            env_t[f"{args.package.upper()}_DATA_DIR"] = os.path.join(copies["pytest"], nb_dir_rel)
            base = [args.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"]
            rc, out_t, err_t = run(base + ["-m", "not saved_output"], args.export, env_t, args.timeout)
            result["pytest_rc"] = rc
            result["pytest_tail"] = (out_t + err_t)[-1500:]
            rc, out_s, err_s = run(base + ["-m", "saved_output"], args.export, env_t, args.timeout)
            # 5: no test was collected (the notebook saved no printed output).
            result["saved_output_rc"] = 0 if rc == 5 else rc
            result["saved_output_tail"] = (out_s + err_s)[-1500:]
            for d, _, files in os.walk(args.export):
                if os.path.basename(d) == "__pycache__":
                    shutil.rmtree(d, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
