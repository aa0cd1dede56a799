"""Import discipline: each command loads only the libraries it uses.

`mdstudy check` runs on every commit and `mdstudy ics` on every push, so their
start-up time is what users feel; tabulate and icalendar (with its time-zone
and dateutil dependencies) are the expensive imports. Each case runs the real
command in a fresh interpreter, then lists the modules that interpreter loaded.
Each case also names a module the command must load (the library doing its
work), so a command that failed early cannot pass by importing nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shared_files import SEED

# Run the CLI as the `mdstudy` script does, then write the loaded modules to argv[1].
_PROBE = """
import json, sys
from mdstudy.cli import main
out, sys.argv = sys.argv[1], ["mdstudy", *sys.argv[2:]]
try:
    main()
except SystemExit as done:
    code = done.code
with open(out, "w") as handle:
    json.dump({"exit": code, "modules": sorted(sys.modules)}, handle)
"""


def loaded(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    readme = tmp_path / "README.md"
    if not readme.exists():
        shutil.copyfile(SEED, readme)
    out = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", _PROBE, str(out), *args],
        cwd=tmp_path, capture_output=True, check=False, timeout=60,
    )  # fmt: skip
    result = json.loads(out.read_text())
    return result["exit"], set(result["modules"])


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


# The expensive libraries no command but `ics` (icalendar) and `show` as a table may load.
HEAVY = {"tabulate", "icalendar", "dateutil"}

# One probe per command line, each checked against everything said about it (names are
# top-level packages or full module names): (arguments, exit status the seed README
# gives, must load, must not load).
CASES = [
    # The command list comes from a table: listing imports no command module.
    (
        ["--help"],
        0,
        {"click", "mdstudy.cli"},
        HEAVY | {"mdstudy.cli.show", "mdstudy.cli.edit", "mdstudy.cli.check", "mdstudy.cli.term"},
    ),
    (["show"], 0, {"wcwidth", "mistune"}, HEAVY | {"zoneinfo", "vobject"}),
    (["show", "--format", "json"], 0, {"mistune", "json"}, {"tabulate", "icalendar"}),
    # The seed has duplicate candidate links: check finds errors (exit 1).
    (
        ["check", "README.md"],
        1,
        {"mistune", "mdstudy.check", "mdstudy.rules"},
        HEAVY
        | {"difflib", "mdstudy.ics", "mdstudy.show", "mdstudy.render", "mdstudy.edits"}
        # The session and candidate records (three frozen dataclasses to build) are not read.
        | {"mdstudy.model"}
        # Issue 13: fixing, formatting and explaining load only when asked for.
        | {"mdstudy.fixes", "mdstudy.rule_docs", "mdstudy.fmt"}
        # Issue 12: colour (piped here), completion and the spinner (a terminal's
        # stderr only) cost nothing when unused.
        | {"mdstudy.cli.colour", "mdstudy.cli.complete", "click.shell_completion"}
        | {"mdstudy.cli.progress", "zoneinfo"}
        # No .mdstudy.toml: neither the config module nor a TOML parser.
        | {"mdstudy.config", "tomllib", "tomli"}
        # Paths are strings on check's way (pathlib costs more than the rules' imports).
        | {"pathlib"},
    ),
    (["ics", "--repo", "owner/study"], 0, {"icalendar"}, {"tabulate"}),
    (["assign", "--dry-run", "7/26", "홍길동"], 0, {"mistune"}, {"tabulate", "icalendar"}),
    (
        ["check", "--fix", "--diff", "README.md"],
        1,
        {"mdstudy.fixes"},
        HEAVY | {"mdstudy.rule_docs"},
    ),
    (
        ["fmt", "--check", "README.md"],
        1,
        {"mdstudy.fmt"},
        HEAVY | {"mdstudy.fixes", "mdstudy.rule_docs"},
    ),
    (["rules", "MS007"], 0, {"mdstudy.rule_docs"}, HEAVY | {"mdstudy.fixes", "mdstudy.fmt"}),
]


@pytest.mark.parametrize(
    ("args", "status", "needed", "unwanted"), CASES, ids=[" ".join(c[0]) for c in CASES]
)
def test_command_loads_only_what_it_uses(
    tmp_path: Path, args: list[str], status: int, needed: set[str], unwanted: set[str]
) -> None:
    code, modules = loaded(tmp_path, *args)
    names = top_level(modules) | modules
    assert code == status
    assert needed <= names, f"mdstudy {' '.join(args)} did not load {needed - names}"
    assert not unwanted & names, f"mdstudy {' '.join(args)} loaded {unwanted & names}"
