#!/usr/bin/env python3
"""Undefined names (pyflakes) of notebooks-as-scripts and their exports, in one run.

    python scripts/undefined_names.py JOBS.json

JOBS.json is a list of {"name": ..., "script": FILE, "export": DIR}. For each job prints
one JSON line: {"name", "script_undefined": [...], "export_undefined": [...],
"script_syntax_error": bool, "export_syntax_errors": [...]} (names sorted, unique).
"""
import json
import os
import sys

from pyflakes import api, messages, reporter


class Collect(reporter.Reporter):
    def __init__(self):
        self.names = set()
        self.syntax = []

    def unexpectedError(self, filename, msg):
        self.syntax.append(f"{filename}: {msg}")

    def syntaxError(self, filename, msg, lineno, offset, text):
        self.syntax.append(f"{filename}:{lineno}: {msg}")

    def flake(self, message):
        if isinstance(message, messages.UndefinedName):
            self.names.add(message.message_args[0])


def check_file(path, rep):
    with open(path, encoding="utf-8") as fh:
        api.check(fh.read(), path, rep)


def main():
    with open(sys.argv[1], encoding="utf-8") as fh:
        jobs = json.load(fh)
    for job in jobs:
        s = Collect()
        check_file(job["script"], s)
        e = Collect()
        for dirpath, _, files in os.walk(job["export"]):
            for f in sorted(files):
                if f.endswith(".py"):
                    check_file(os.path.join(dirpath, f), e)
        print(json.dumps({
            "name": job["name"],
            "script_undefined": sorted(s.names),
            "export_undefined": sorted(e.names),
            "script_syntax_error": bool(s.syntax),
            "export_syntax_errors": e.syntax,
        }), flush=True)


if __name__ == "__main__":
    main()
