"""Line endings and encodings: CRLF, LF, CR-only, mixed, a BOM, no final newline and a
file that ends inside a table all round-trip, read the same, and edit the same, with
every untouched line keeping its own ending and every written line taking the ending
of the lines around it.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import tempfile
from pathlib import Path

import pytest
from shared_files import SEED, Ran, mdstudy_in_process, run_mdstudy

import mdstudy

SEED_TEXT = SEED.read_text(encoding="utf-8")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split(text: str) -> list[tuple[str, str]]:
    """(body, ending) of each line; Markdown's line endings are LF, CRLF and CR only."""
    return [
        (line.rstrip("\r\n"), line[len(line.rstrip("\r\n")) :])
        for line in _LINE.findall(text.removeprefix("\ufeff"))
    ]


def with_endings(text: str, endings: list[str], final: bool = True) -> str:
    """The LF text with line i ended by endings[i % len(endings)]; no last ending if not final."""
    bodies = text.split("\n")
    if bodies[-1] == "":
        bodies.pop()
    out = "".join(body + endings[i % len(endings)] for i, body in enumerate(bodies))
    return out if final else out.rstrip("\r\n")


SCHEDULE_ONLY = "".join(SEED_TEXT.splitlines(keepends=True)[:37])  # ends with the 7/26 row
assert SCHEDULE_ONLY.endswith("7/26 | TBD | - | - | - | -\n")

VARIANTS = {
    "LF": SEED_TEXT,
    "CRLF": with_endings(SEED_TEXT, ["\r\n"]),
    "CR": with_endings(SEED_TEXT, ["\r"]),
    # (never CR then LF on an empty line: that would be one CRLF, a different file)
    "mixed": with_endings(SEED_TEXT, ["\n", "\r\n", "\r", "\r\n"]),
    "BOM": "\ufeff" + SEED_TEXT,
    "BOM-CRLF": "\ufeff" + with_endings(SEED_TEXT, ["\r\n"]),
    "no-final-newline": SEED_TEXT.rstrip("\n"),
    "CRLF-no-final-newline": with_endings(SEED_TEXT, ["\r\n"], final=False),
    "ends-in-table": SCHEDULE_ONLY.rstrip("\n"),
    "ends-in-table-CRLF": with_endings(SCHEDULE_ONLY, ["\r\n"], final=False),
    "ends-in-table-mixed": with_endings(SCHEDULE_ONLY, ["\r\n", "\n"], final=False),
}
# The LF text each variant is a re-ending of: what it must read and edit like.
BASE = {name: SCHEDULE_ONLY if name.startswith("ends-in-table") else SEED_TEXT
        for name in VARIANTS}  # fmt: skip

EDITS = {
    "assign": ["assign", "5/24", "Alice", "--title", "A Talk"],
    "unassign": ["unassign", "5/10"],
    "swap": ["swap", "5/10", "5/17"],
    "move-to-the-end": ["move", "5/10", "8/2"],
    "add-session-at-the-end": ["add-session", "8/2"],
    "assign-the-last-row": ["assign", "7/26", "Alice"],
    "remove-the-last-row": ["remove-session", "7/26", "--force"],
    "candidates-add": ["candidates", "add", "A New Paper", "--keyword", "Pruning"],
    "candidates-remove": ["candidates", "remove", "GPTQ"],
}
NEEDS_CANDIDATES = {"candidates-add", "candidates-remove"}


def run(folder: Path, *arguments: str) -> Ran:
    return mdstudy_in_process(*arguments, cwd=folder)


def edited(folder: Path, text: str, edit: list[str], *, real_process: bool = False) -> str:
    readme = folder / "README.md"
    readme.write_bytes(text.encode("utf-8"))
    result = run_mdstudy(*edit, cwd=folder, timeout=60) if real_process else run(folder, *edit)
    assert result.returncode == 0, result.stderr
    return readme.read_bytes().decode("utf-8")


# What the LF texts read and edit to: the baseline of every variant of that text, so
# each is worked out once per process, not once per variant.


@functools.cache
def lf_shown(base: str) -> Ran:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "README.md").write_bytes(base.encode("utf-8"))
        return run(Path(folder), "show", "--format", "json")


@functools.cache
def lf_edited(base: str, edit: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return edited(Path(folder), base, EDITS[edit])


@pytest.mark.parametrize("variant", VARIANTS)
def test_round_trip_and_same_reading(tmp_path: Path, variant: str) -> None:
    text = VARIANTS[variant]
    assert mdstudy.loads(text).dumps() == text
    (tmp_path / "README.md").write_bytes(text.encode("utf-8"))
    shown = run(tmp_path, "show", "--format", "json")
    baseline = lf_shown(BASE[variant])
    assert shown.returncode == baseline.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(baseline.stdout)
    sessions = json.loads(shown.stdout)["sessions"]
    assert len(sessions) == 13
    assert (sessions[-1]["date"], sessions[-1]["line"]) == ("2023-07-26", 37)


def test_the_lf_edits_are_right(tmp_path: Path) -> None:
    """The baseline itself, written out by hand for two edits (by the real command line,
    the smoke test of this file: the matrix below runs in process)."""
    assigned = edited(tmp_path, SEED_TEXT, EDITS["assign"], real_process=True)
    assert assigned == SEED_TEXT.replace(
        "\n5/24 | TBD | - | - | - | -\n", "\n5/24 | Alice | A Talk | - | - | -\n"
    )
    crlf = edited(tmp_path, VARIANTS["CRLF"], EDITS["assign"], real_process=True)
    assert crlf == VARIANTS["CRLF"].replace(
        "\r\n5/24 | TBD | - | - | - | -\r\n", "\r\n5/24 | Alice | A Talk | - | - | -\r\n"
    )
    last = edited(tmp_path, SCHEDULE_ONLY.rstrip("\n"), EDITS["assign-the-last-row"])
    assert last == SCHEDULE_ONLY.rstrip("\n").replace("7/26 | TBD |", "7/26 | Alice |")


CELLS = [
    (variant, edit)
    for variant in VARIANTS
    for edit in EDITS
    if not (variant.startswith("ends-in-table") and edit in NEEDS_CANDIDATES)
]


@pytest.mark.parametrize(("variant", "edit"), CELLS, ids=[f"{v}-{e}" for v, e in CELLS])
def test_edit_keeps_line_endings(tmp_path: Path, variant: str, edit: str) -> None:
    before = VARIANTS[variant]
    after = edited(tmp_path, before, EDITS[edit])
    baseline = lf_edited(BASE[variant], edit)

    # The same edit as on the LF text, line for line.
    old, new = split(before), split(after)
    assert [body for body, _ in new] == [body for body, _ in split(baseline)]
    assert after.startswith("\ufeff") == before.startswith("\ufeff")
    assert after.count("\ufeff") == before.count("\ufeff")

    # Untouched lines keep their ending; written lines take a neighbour's.
    matcher = difflib.SequenceMatcher(
        a=[body for body, _ in old], b=[body for body, _ in new], autojunk=False
    )
    no_final_newline = old[-1][1] == ""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        near = {old[i][1] for i in range(i1 - 2, i2 + 2) if 0 <= i < len(old)} - {""}
        for j in range(j1, j2):
            if no_final_newline and j == len(new) - 1:
                assert new[j][1] == "", "a file without a final newline gained one"
            elif tag == "equal" and not (no_final_newline and i1 + j - j1 == len(old) - 1):
                assert new[j][1] == old[i1 + j - j1][1], (variant, new[j])
            else:  # written, or the old last line that now has a line after it
                assert new[j][1] in near, (variant, tag, new[j], near)

    # Nothing but the endings the file already used.
    assert {ending for _, ending in new} <= {ending for _, ending in old} | {""}
    assert (new[-1][1] == "") == (old[-1][1] == "")
    assert mdstudy.loads(after).dumps() == after
