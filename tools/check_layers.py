#!/usr/bin/env python3
"""The folders are layers and every #include points one way (ARCHITECTURE.md, Layers):
within core/, a folder includes only the folders listed before it; the front ends (app/,
report/, ui/, server/) reach the core only through what front ends may use: the service, the
domain's values, the kernel's, and the database URL; app/ may use the other front ends, ui/ the
documents (report/). Prints each include that breaks that and exits 1.

usage: check_layers.py ROOT"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
CORE = ["es", "storage", "store", "orders", "audit", "service"]
# What a front end may include from the core: the application service and the values it
# hands out. Never the database, its dialects or the event store.
FRONT_END_MAY = {"es", "orders", "audit", "service"}
FRONT_END_FILES = {"storage/DatabaseUrl.h"}
FRONT_ENDS = {"app": {"ui", "server", "report"}, "ui": {"report"}, "server": set(), "report": set()}

include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
problems = []
for path in sorted(root.glob("*/**/*")):
    if path.suffix not in (".h", ".cpp"):
        continue
    parts = path.relative_to(root).parts
    top = parts[0]
    for name in include.findall(path.read_text(encoding="utf-8")):
        target = name.split("/")[0] if "/" in name else None
        if top == "core" and target in CORE:
            here = parts[1]
            if CORE.index(target) > CORE.index(here):
                problems.append(f"{path.relative_to(root)}: {here}/ includes {name}, a layer above it")
        elif top in FRONT_ENDS and target in CORE:
            if target not in FRONT_END_MAY and name not in FRONT_END_FILES:
                problems.append(f"{path.relative_to(root)}: a front end includes {name}")
        elif top in FRONT_ENDS and target in FRONT_ENDS and target != top:
            if target not in FRONT_ENDS[top]:
                problems.append(f"{path.relative_to(root)}: {top}/ includes {name}")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
