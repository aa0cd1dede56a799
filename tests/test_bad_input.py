"""Contract 4, bad input: every command x every bad input gives one clear line and exit 2.

One test per (command, bad input) cell. Each cell asserts: exit status 2, exactly one
non-empty line on stderr that names the file (or the bad option) and the problem, no
traceback anywhere, and the README byte-identical afterwards (bytes and mtime), with
no stray file left beside it. The one exception is `check` on a readable file that
has no schedule or candidate table: pre-commit runs it on every README.md, so it
reports nothing and exits 0.

A new command is one line in COMMANDS. The matrices run in process through
`mdstudy.cli.main` (the funnel the script uses); SMOKE re-runs a few cells, one per
kind of failure, as a user does, in a real process.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared_files import SEED, Ran, mdstudy_in_process, run_mdstudy

SEED_BYTES = SEED.read_bytes()
NAME = "club-README.md"  # a name no message would contain by accident

# --- the commands ---------------------------------------------------------------------

# name -> (arguments after the command, with {f} for the file; which table it needs)
COMMANDS: dict[str, tuple[list[str], str]] = {
    "show": (["show", "-f", "{f}"], "schedule"),
    "assign": (["assign", "-f", "{f}", "5/24", "Alice"], "schedule"),
    "unassign": (["unassign", "-f", "{f}", "5/10"], "schedule"),
    "swap": (["swap", "-f", "{f}", "5/10", "5/17"], "schedule"),
    "move": (["move", "-f", "{f}", "5/10", "8/2"], "schedule"),
    "add-session": (["add-session", "-f", "{f}", "8/2"], "schedule"),
    "remove-session": (["remove-session", "-f", "{f}", "7/26"], "schedule"),
    "candidates-list": (["candidates", "list", "-f", "{f}"], "candidate"),
    "candidates-add": (["candidates", "add", "-f", "{f}", "A New Paper"], "candidate"),
    "candidates-remove": (["candidates", "remove", "-f", "{f}", "GPTQ"], "candidate"),
    "ics": (["ics", "-f", "{f}"], "schedule"),
    "check": (["check", "{f}"], "check"),
}
# Commands that pick one session by WHEN, and where WHEN sits in their arguments.
WHEN_COMMANDS = {
    "assign": ["assign", "-f", "{f}", "{when}", "Alice"],
    "unassign": ["unassign", "-f", "{f}", "{when}"],
    "swap": ["swap", "-f", "{f}", "{when}", "5/17"],
    "move": ["move", "-f", "{f}", "{when}", "8/2"],
    "remove-session": ["remove-session", "-f", "{f}", "{when}", "--force"],
}

# --- the bad inputs -----------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad README: how to make it, and what the one line must say about it."""

    make: Callable[[Path], None]
    problem: str  # a regex the message must match ({table} -> the table the command needs)
    readable: bool  # a readable text file: `check` reports nothing on it and exits 0


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _table_in_middle_not_utf8(path: Path) -> None:
    # A Latin-1 é in the Who cell of the 5/24 row (line 28 of the seed).
    path.write_bytes(SEED_BYTES.replace(b"5/24 | TBD", b"5/24 | Jos\xe9"))


FIFTY_MEGABYTES: list[Path] = []  # written once per session, by the fixture below


@pytest.fixture(scope="session", autouse=True)
def _fifty_megabytes_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    # The seed README followed by 50 MB of prose: far beyond any real README.
    path = tmp_path_factory.mktemp("big") / "50-megabytes.md"
    path.write_bytes(SEED_BYTES + b"A line of padding prose, far too much of it.\n" * 1_200_000)
    FIFTY_MEGABYTES.append(path)


def _fifty_megabytes(path: Path) -> None:
    os.link(FIFTY_MEGABYTES[0], path)  # a second name for the one file: no copy


NO_TABLE = r"no {table} table"
BAD_INPUTS: dict[str, Bad] = {
    "missing": Bad(lambda path: None, r"no such file", readable=False),
    "directory": Bad(lambda path: path.mkdir(), r"directory", readable=False),
    "empty": Bad(_bytes(b""), NO_TABLE, readable=True),
    "whitespace": Bad(_bytes(b"  \n\t\n\r\n   "), NO_TABLE, readable=True),
    "png": Bad(
        _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"), r"binary", readable=False
    ),
    "nul-bytes": Bad(_bytes(SEED_BYTES[:500] + b"\x00" + SEED_BYTES[500:]), r"binary", False),
    "latin-1": Bad(
        _bytes("# Étude 2023\n\nWhen | Who\n--- | ---\n5/24 | José\n".encode("latin-1")),
        r"UTF-8.*line 1\b",
        readable=False,
    ),
    "utf-16": Bad(_bytes(SEED.read_text(encoding="utf-8").encode("utf-16")), r"binary|UTF-16",
                  readable=False),
    "bad-utf8-in-table": Bad(_table_in_middle_not_utf8, r"UTF-8.*line 28\b", readable=False),
    "50-megabytes": Bad(_fifty_megabytes, r"too (large|big)|\bMB\b|size", readable=False),
    "100k-char-line": Bad(_bytes(b"word " * 20_000), NO_TABLE, readable=True),
    "no-tables": Bad(_bytes(b"# 2023 Study\n\nWe meet on Wednesdays.\n"), NO_TABLE, True),
    "no-date-column": Bad(
        _bytes("# 2023 Study\n\nWho | What | Issue #\n--- | --- | ---\n김태수 | Intro | #1\n"
               .encode()),
        NO_TABLE,
        readable=True,
    ),
}  # fmt: skip

# A legitimate refusal is instant; this bounds a failing real-process cell (a 50 MB parse).
TIMEOUT = 15


# --- running and checking ---------------------------------------------------------------


def run(arguments: list[str], cwd: Path) -> Ran:
    return mdstudy_in_process(*arguments, cwd=cwd)


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every entry of the folder: its bytes (None for a folder) and mtime in ns."""
    return {
        entry.name: (entry.read_bytes() if entry.is_file() else None, entry.stat().st_mtime_ns)
        for entry in sorted(folder.iterdir())
    }


def assert_one_clear_line(result: Ran, *must_match: str) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for pattern in must_match:
        assert re.search(pattern, lines[0]), (pattern, lines[0])


def fill(arguments: list[str], **values: str) -> list[str]:
    return [argument.format(**values) for argument in arguments]


CELLS = [(command, bad) for command in COMMANDS for bad in BAD_INPUTS]


# One real process per kind of failure: unreadable, undecodable, binary, too large, no table.
SMOKE = [
    ("show", "missing"),
    ("assign", "latin-1"),
    ("ics", "png"),
    ("remove-session", "50-megabytes"),
    ("candidates-add", "no-tables"),
    ("check", "directory"),
    ("check", "empty"),
]


@pytest.mark.parametrize(("command", "bad"), CELLS, ids=[f"{c}-{b}" for c, b in CELLS])
def test_bad_readme(tmp_path: Path, command: str, bad: str) -> None:
    check_bad_readme(tmp_path, command, bad, run)


@pytest.mark.parametrize(("command", "bad"), SMOKE, ids=[f"{c}-{b}" for c, b in SMOKE])
def test_bad_readme_in_a_real_process(tmp_path: Path, command: str, bad: str) -> None:
    check_bad_readme(
        tmp_path,
        command,
        bad,
        lambda arguments, cwd: run_mdstudy(*arguments, cwd=cwd, timeout=TIMEOUT),
    )


def check_bad_readme(
    tmp_path: Path, command: str, bad: str, run: Callable[[list[str], Path], Ran]
) -> None:
    arguments, table = COMMANDS[command]
    case = BAD_INPUTS[bad]
    case.make(tmp_path / NAME)
    before = snapshot(tmp_path)
    result = run(fill(arguments, f=NAME), tmp_path)
    if table == "check" and case.readable:
        # pre-commit runs `check` on every README.md: nothing to check is not an error.
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    else:
        problem = case.problem.format(table="schedule" if table == "check" else table)
        assert_one_clear_line(result, re.escape(NAME), problem)
    assert snapshot(tmp_path) == before


# --- bad option values and WHEN -------------------------------------------------------

OPTION_CELLS = {
    "time-25:00": (["ics", "-f", "{f}", "--time", "25:00"], r"--time.*25:00"),
    "tz-mars": (["ics", "-f", "{f}", "--time", "18:00", "--tz", "Mars/Olympus"],
                r"--tz.*Mars/Olympus"),
    "duration-negative": (["ics", "-f", "{f}", "--duration=-5m"], r"--duration.*-5m"),
}  # fmt: skip


@pytest.mark.parametrize("cell", OPTION_CELLS)
def test_bad_option_value(tmp_path: Path, cell: str) -> None:
    arguments, problem = OPTION_CELLS[cell]
    (tmp_path / NAME).write_bytes(SEED_BYTES)
    before = snapshot(tmp_path)
    assert_one_clear_line(run(fill(arguments, f=NAME), tmp_path), problem)
    assert snapshot(tmp_path) == before


# Values click itself rejects get click's usage message (usage, hint, error): still
# exit 2, no traceback, the option named on the last line and the file untouched.
USAGE_CELLS = {
    "year-out-of-range": (["show", "-f", "{f}", "--year", "12"], r"--year"),
    "format-unknown": (["show", "-f", "{f}", "--format", "xml"], r"--format"),
    "check-unknown-rule": (["check", "--select", "NOPE999", "{f}"], r"NOPE999"),
    "issue-zero": (["assign", "-f", "{f}", "5/24", "Alice", "--issue", "0"], r"--issue"),
}


@pytest.mark.parametrize("cell", USAGE_CELLS)
def test_usage_error(tmp_path: Path, cell: str) -> None:
    arguments, problem = USAGE_CELLS[cell]
    (tmp_path / NAME).write_bytes(SEED_BYTES)
    before = snapshot(tmp_path)
    result = run(fill(arguments, f=NAME), tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2
    assert re.search(problem, result.stderr.strip().splitlines()[-1]), result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", WHEN_COMMANDS)
def test_when_matching_nothing(tmp_path: Path, command: str) -> None:
    (tmp_path / NAME).write_bytes(SEED_BYTES)
    before = snapshot(tmp_path)
    result = run(fill(WHEN_COMMANDS[command], f=NAME, when="9/9"), tmp_path)
    assert_one_clear_line(result, re.escape(NAME), r"9/9")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", WHEN_COMMANDS)
def test_when_matching_two_sessions(tmp_path: Path, command: str) -> None:
    # 5/24 twice: the schedule rows on lines 28 and 29.
    twice = SEED_BYTES.replace(b"5/24 | TBD | - | - | - | -\n", b"5/24 | TBD | - | - | - | -\n" * 2)
    (tmp_path / NAME).write_bytes(twice)
    before = snapshot(tmp_path)
    result = run(fill(WHEN_COMMANDS[command], f=NAME, when="5/24"), tmp_path)
    assert_one_clear_line(result, re.escape(NAME), r"5/24", r"\b28\b", r"\b29\b")
    assert snapshot(tmp_path) == before


# Edits the seed cannot take, each named in its one line.
REFUSED_EDITS = {
    "link-not-http": (["assign", "-f", "{f}", "5/24", "A", "--link", "ftp://x.org/a"],
                      r"not an absolute http\(s\) URL"),
    "candidate-matches-many": (["assign", "-f", "{f}", "5/24", "A", "--candidate", "pruning"],
                               r"matches 11 candidates"),
    "move-onto-a-session": (["move", "-f", "{f}", "7/26", "7/19"], r"already has a session"),
    "add-an-existing-date": (["add-session", "-f", "{f}", "5/3"],
                             r"there is already a session on 5/3"),
    "swap-with-itself": (["swap", "-f", "{f}", "5/3", "5/3"],
                         r"cannot swap a session with itself"),
    "candidate-link-not-a-url": (["candidates", "add", "-f", "{f}", "x", "--link", "notaurl"],
                                 r"not an absolute http\(s\) URL"),
}  # fmt: skip


@pytest.mark.parametrize("cell", REFUSED_EDITS)
def test_refused_edit(tmp_path: Path, cell: str) -> None:
    arguments, problem = REFUSED_EDITS[cell]
    (tmp_path / NAME).write_bytes(SEED_BYTES)
    before = snapshot(tmp_path)
    result = run(fill(arguments, f=NAME), tmp_path)
    assert_one_clear_line(result, rf"^mdstudy: {re.escape(NAME)}\b", problem)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("query", "problem"), [("zzz-no-such-paper", r"zzz-no-such-paper"), ("Pruning", r"Pruning")]
)
def test_candidate_query_matching_none_or_many(tmp_path: Path, query: str, problem: str) -> None:
    (tmp_path / NAME).write_bytes(SEED_BYTES)
    before = snapshot(tmp_path)
    result = run(["candidates", "remove", "-f", NAME, query], tmp_path)
    assert_one_clear_line(result, re.escape(NAME), problem)
    assert snapshot(tmp_path) == before


def test_a_long_line_in_a_table_is_fine(tmp_path: Path) -> None:
    """A 100,000-character cell is odd but valid: edited quickly, the rest untouched."""
    long_title = "x" * 100_000
    text = SEED_BYTES.replace(b"5/17 | \xea\xb9\x80\xed\x98\x95\xec\xa4\x80 | How to Improve",
                              b"5/17 | \xea\xb9\x80\xed\x98\x95\xec\xa4\x80 | "
                              + long_title.encode() + b" How to Improve")  # fmt: skip
    assert text != SEED_BYTES
    (tmp_path / NAME).write_bytes(text)
    result = run(["assign", "-f", NAME, "5/24", "Alice"], tmp_path)
    assert result.returncode == 0, result.stderr
    after = (tmp_path / NAME).read_bytes()
    assert after == text.replace(b"5/24 | TBD |", b"5/24 | Alice |")
