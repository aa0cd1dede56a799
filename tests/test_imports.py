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


# (arguments, exit status the seed README gives, must load, must not load)
CASES = [
    (["--help"], 0, {"click"}, {"tabulate", "icalendar", "dateutil"}),
    (["show"], 0, {"wcwidth", "mistune"}, {"tabulate", "icalendar", "dateutil"}),
    (["show", "--format", "json"], 0, {"mistune", "json"}, {"tabulate", "icalendar"}),
    # The seed has duplicate candidate links: check finds errors (exit 1).
    (["check", "README.md"], 1, {"mistune"}, {"tabulate", "icalendar", "dateutil", "difflib"}),
    (["ics", "--repo", "owner/study"], 0, {"icalendar"}, {"tabulate"}),
    (["assign", "--dry-run", "7/26", "홍길동"], 0, {"mistune"}, {"tabulate", "icalendar"}),
]


@pytest.mark.parametrize(
    ("args", "status", "needed", "unwanted"), CASES, ids=[" ".join(c[0]) for c in CASES]
)
def test_command_loads_only_what_it_uses(
    tmp_path: Path, args: list[str], status: int, needed: set[str], unwanted: set[str]
) -> None:
    code, modules = loaded(tmp_path, *args)
    names = top_level(modules)
    assert code == status
    assert needed <= names, f"mdstudy {' '.join(args)} did not load {needed - names}"
    assert not unwanted & names, f"mdstudy {' '.join(args)} loaded {unwanted & names}"


def test_check_does_not_load_the_edit_or_calendar_modules(tmp_path: Path) -> None:
    _, modules = loaded(tmp_path, "check", "README.md")
    assert "mdstudy.check" in modules
    assert not {"mdstudy.ics", "mdstudy.show", "mdstudy.render", "mdstudy.edits"} & modules
    # The session and candidate records (three frozen dataclasses to build) are not read.
    assert "mdstudy.model" not in modules
    assert "mdstudy.cli.progress" not in modules  # the spinner: only for a terminal's stderr


# Issue 13: fixing, formatting and explaining load their modules only when asked for.
# (arguments, exit status on the seed, mdstudy modules it must load, and must not)
OWN_CASES = [
    (
        ["check", "README.md"],
        1,
        {"mdstudy.check", "mdstudy.rules"},
        # Issue 12: colour (piped here) and shell completion cost nothing when unused.
        {"mdstudy.fixes", "mdstudy.rule_docs", "mdstudy.fmt", "mdstudy.render"}
        | {"mdstudy.cli.colour", "mdstudy.cli.complete", "click.shell_completion", "zoneinfo"},
    ),
    # The command list comes from a table: listing imports no command module.
    (
        ["--help"],
        0,
        {"mdstudy.cli"},
        {"mdstudy.cli.show", "mdstudy.cli.edit", "mdstudy.cli.check", "mdstudy.cli.term"},
    ),
    (["check", "--fix", "--diff", "README.md"], 1, {"mdstudy.fixes"}, {"mdstudy.rule_docs"}),
    (["fmt", "--check", "README.md"], 1, {"mdstudy.fmt"}, {"mdstudy.fixes", "mdstudy.rule_docs"}),
    (["rules", "MS007"], 0, {"mdstudy.rule_docs"}, {"mdstudy.fixes", "mdstudy.fmt"}),
]


@pytest.mark.parametrize(
    ("args", "status", "needed", "unwanted"), OWN_CASES, ids=[" ".join(c[0]) for c in OWN_CASES]
)
def test_fix_fmt_and_rule_docs_load_only_when_asked(
    tmp_path: Path, args: list[str], status: int, needed: set[str], unwanted: set[str]
) -> None:
    code, modules = loaded(tmp_path, *args)
    assert code == status
    assert needed <= modules, f"mdstudy {' '.join(args)} did not load {needed - modules}"
    assert not unwanted & modules, f"mdstudy {' '.join(args)} loaded {unwanted & modules}"
    assert not {"tabulate", "icalendar", "dateutil"} & top_level(modules)
