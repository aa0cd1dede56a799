"""`check` gives the same findings as the golden file on the seed and every corpus README.

tests/golden/check.json was written by the rules as they were before they moved
into the `mdstudy.rules` package (one module per rule group); moving code must not
change one finding, message, column, severity or exit status. Each file is checked
in process, as `mdstudy check --format json NAME` and as plain text (the summary
counts errors and warnings by severity), from the file's own folder so the golden
paths are bare names.

A deliberate change of a rule rewrites the golden file:
`python tests/test_check_golden.py`, and the diff is reviewed with the change.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shared_files import SEED, corpus_files, require_corpus

from mdstudy.cli import cli

GOLDEN = Path(__file__).with_name("golden") / "check.json"
FILES = [SEED, *corpus_files()]


def run_check(path: Path) -> dict[str, Any]:
    """Exit status, JSON findings and text output of `mdstudy check` on one file."""
    runner = CliRunner()
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        as_json = runner.invoke(cli, ["check", "--format", "json", path.name])
        as_text = runner.invoke(cli, ["check", path.name])
    finally:
        os.chdir(here)
    assert as_json.exception is None or isinstance(as_json.exception, SystemExit)
    assert as_json.exit_code == as_text.exit_code
    return {
        "exit": as_json.exit_code,
        "findings": json.loads(as_json.output),
        "text": as_text.output,
    }


@cache
def golden() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return loaded


def key(path: Path) -> str:
    return "seed" if path == SEED else path.name


def test_golden_file_covers_the_seed_and_the_whole_corpus() -> None:
    require_corpus()
    assert sorted(golden()) == sorted(key(path) for path in FILES)
    assert len(golden()) == 50
    # Both severities are in it (the text summary counts them).
    findings = [f for entry in golden().values() for f in entry["findings"]]
    assert {f["severity"] for f in findings} == {"error", "warning"}


@pytest.mark.parametrize("path", FILES, ids=key)
def test_check_matches_the_golden_file(path: Path) -> None:
    assert run_check(path) == golden()[key(path)]


def write_golden() -> None:
    found = {key(path): run_check(path) for path in FILES}
    GOLDEN.parent.mkdir(exist_ok=True)
    text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    GOLDEN.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_golden()
