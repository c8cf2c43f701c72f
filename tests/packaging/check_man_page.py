#!/usr/bin/env python3
"""The man page says what `ordertrail-cli --help` says: every subcommand, every option and
every exit code of the help appears in the rendered page. The help (made from the option and
subcommand tables of app/) is the source of truth; this fails when the page falls behind it.

usage: check_man_page.py ORDERTRAIL_CLI MAN_PAGE"""
import os
import re
import subprocess
import sys

cli, page = sys.argv[1], sys.argv[2]
help_text = subprocess.run([cli, "--help"], check=True, capture_output=True, text=True).stdout
env = dict(os.environ, LC_ALL="C", MANWIDTH="200")
rendered = subprocess.run(["man", "--warnings", "--no-hyphenation", "--no-justification", "-l", page],
                          check=True, capture_output=True, text=True, env=env)
if rendered.stderr.strip():
    sys.exit(f"troff warnings in {page}:\n{rendered.stderr}")
man = re.sub(r".\x08", "", rendered.stdout)  # overstrike bold and underline, if any

problems = []
section = help_text.split("Subcommands:", 1)[1].split("\n\n", 1)[0]
# "  show ORDER_ID ...", "  admin add-user NAME ...": one or two lower-case words.
subcommands = re.findall(r"^  ([a-z][a-z-]*(?: [a-z][a-z-]*)?)(?= |$)", section, re.M)
if len(subcommands) < 10:
    problems.append(f"found only {subcommands} in --help: has its layout changed?")
for name in subcommands:
    if not re.search(rf"^\s+{re.escape(name)}(\s|$)", man, re.M):
        problems.append(f"subcommand '{name}' is not in the man page")
for option in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text))):
    if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", man):
        problems.append(f"option {option} is not in the man page")

codes = re.search(r"exit codes: (.*?)\.\n", help_text, re.S).group(1).split(",")
status = man.split("EXIT STATUS", 1)[1].split("\nENVIRONMENT", 1)[0]
entries = dict(re.findall(r"^ +(\d)\s+(.*?)(?=^ +\d\s|\Z)", status, re.M | re.S))
for code in codes:
    number, *words = code.split()
    entry = " ".join(entries.get(number, "").split())
    for word in words:
        if word not in ("or", "found") and word not in entry:
            problems.append(f"exit status {number}: '{word}' is not in the man page's entry")

print(f"{len(subcommands)} subcommands, {len(codes)} exit codes checked")
for problem in problems:
    print("FAIL:", problem)
sys.exit(1 if problems else 0)
