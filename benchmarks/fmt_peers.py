"""`mdstudy fmt` beside prettier and mdformat (with mdformat-tables), and fmt's start-up.

    .venv/bin/python benchmarks/fmt_peers.py [--mdformat PATH] [--prettier PATH] [--runs N]

On the seed README and corpus files 19, 21 and 23, each tool formats a copy;
reported per tool and file: lines changed outside the tables (original lines that do
not come back unchanged, by difflib), and table rows whose pipes do not line up in
display width afterwards (wcwidth; rows of the header's shape, in every table of the
output). Then `mdstudy fmt --check` against `mdstudy check` on the seed, each in a
fresh process, alternated, medians of N runs.

Peers: `mdformat` with the `mdformat-tables` plugin (give the executable with
--mdformat, default: beside this Python) and `prettier` (--prettier, default: on
PATH). A peer that is missing is skipped with a note.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wcwidth import wcswidth

from mdstudy.source import Source, line_body
from mdstudy.tables import find_tables, is_escaped

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "README.md"
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent


def files() -> list[Path]:
    chosen = [SEED]
    for number in ("19", "21", "23"):
        chosen += sorted(CORPUS.glob(f"{number}-*.md"))
    return chosen


def table_lines(text: str) -> set[int]:
    return {
        i
        for t in find_tables(Source.from_text(text))
        for i in range(t.start, t.start + 2 + len(t.body_rows))
    }


def changed_outside_tables(before: str, after: str) -> int:
    old, new = Source.from_text(before).lines, Source.from_text(after).lines
    tables = table_lines(before)
    kept: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for block in matcher.get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    return sum(1 for i in range(len(old)) if i not in kept and i not in tables)


def pipes(line: str) -> list[int]:
    return [
        int(wcswidth(line[:i])) for i, c in enumerate(line) if c == "|" and not is_escaped(line, i)
    ]


def misaligned_rows(text: str) -> tuple[int, int]:
    """(rows whose pipes are not where the header's are, rows looked at)."""
    bad = total = 0
    for table in find_tables(Source.from_text(text)):
        header = table.header_row
        wanted = pipes(line_body(header.text()))
        for row in [table.delimiter_row, *table.body_rows]:
            total += 1
            if pipes(line_body(row.text())) != wanted:
                bad += 1
    return bad, total


def run_tool(command: list[str], path: Path) -> str | None:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "README.md"
        copy.write_bytes(path.read_bytes())
        done = subprocess.run([*command, str(copy)], capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            print(f"  note: {command[0]} failed on {path.name}: {done.stderr.strip()[:200]}")
            return None
        return copy.read_text(encoding="utf-8")


def tools(mdformat: Path, prettier: str | None) -> dict[str, list[str]]:
    found = {
        "mdstudy fmt": [str(BIN / "mdstudy"), "fmt"],
        "mdstudy fmt --all-tables": [str(BIN / "mdstudy"), "fmt", "--all-tables"],
    }
    if mdformat.exists():
        found["mdformat + mdformat-tables"] = [str(mdformat)]
    else:
        print(f"note: {mdformat} missing: mdformat skipped")
    if prettier:
        found["prettier"] = [prettier, "--write", "--prose-wrap", "preserve"]
    else:
        print("note: prettier missing: skipped")
    return found


def timing(runs: int) -> tuple[float, float]:
    commands = {
        "check": [str(BIN / "mdstudy"), "check", "README.md"],
        "fmt": [str(BIN / "mdstudy"), "fmt", "--check", "README.md"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as folder:
        shutil.copyfile(SEED, Path(folder) / "README.md")
        for round_ in range(runs + 2):
            order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
            for name in order:
                start = time.perf_counter()
                subprocess.run(commands[name], cwd=folder, capture_output=True, check=False)
                if round_ >= 2:  # two warm-up rounds
                    times[name].append(time.perf_counter() - start)
    return statistics.median(times["check"]) * 1000, statistics.median(times["fmt"]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mdformat", type=Path, default=BIN / "mdformat")
    parser.add_argument("--prettier", default=shutil.which("prettier"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    found = tools(args.mdformat, args.prettier)
    print("| file | tool | lines changed outside tables | rows not lined up (of rows) |")
    print("|---|---|---:|---:|")
    for path in files():
        before = path.read_text(encoding="utf-8")
        bad, total = misaligned_rows(before)
        print(f"| {path.name} | (before) | 0 | {bad} ({total}) |")
        for name, command in found.items():
            after = run_tool(command, path)
            if after is None:
                continue
            bad, total = misaligned_rows(after)
            outside = changed_outside_tables(before, after)
            print(f"| {path.name} | {name} | {outside} | {bad} ({total}) |")
    check_ms, fmt_ms = timing(args.runs)
    print(
        f"\nseed, median of {args.runs}: check {check_ms:.0f} ms, fmt --check {fmt_ms:.0f} ms, "
        f"fmt/check {fmt_ms / check_ms:.2f}x"
    )


if __name__ == "__main__":
    main()
