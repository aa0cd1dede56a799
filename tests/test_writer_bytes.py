"""The writer's bytes, pinned: every command that writes a README, on the seed and every
corpus file, in four line-ending variants, gives what `writer_bytes.json` recorded.

The golden file was made by the writer before it was split into modules (issue 15), so
this test shows the split changed no byte. Each case runs the real command in process
(`mdstudy.cli.main`) on a copy of the file and records the exit status, a hash of the
file afterwards and of what was printed, and a refusal's message as it is. The sessions
a command names are found once per file, on its LF text (line numbers are the same in
every variant), so a case means the same edit in each variant.

A deliberate change of the written bytes regenerates the file:
`MDSTUDY_UPDATE_GOLDEN=1 pytest tests/test_writer_bytes.py` (then review the diff).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_files import SEED, corpus_files

from mdstudy.cli import main
from mdstudy.document import loads
from mdstudy.errors import MdStudyError

GOLDEN = Path(__file__).with_name("writer_bytes.json")
FILES = [SEED, *corpus_files()]
UPDATE = os.environ.get("MDSTUDY_UPDATE_GOLDEN") == "1"


def variants(text: str) -> dict[str, str]:
    """The file with LF endings, CRLF endings, no final newline, a BOM, and all three."""
    lf = text.replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")
    return {
        "lf": lf,
        "crlf": crlf,
        "no-final-newline": lf.rstrip("\n"),
        "bom": "\ufeff" + lf,
        "crlf-bom-no-final-newline": "\ufeff" + crlf.rstrip("\r\n"),
    }


def chosen(path: Path) -> list[str]:
    """The variants a file is edited in: the seed in all, a corpus file in LF and one more.

    The other variants take turns over the corpus, so each is tried on a dozen real
    files while the test stays at two variants a file (it runs every edit command).
    """
    names = list(variants(""))
    if path == SEED:
        return names
    return ["lf", names[1 + FILES.index(path) % (len(names) - 1)]]


def commands(text: str) -> dict[str, list[str]]:
    """The edits to run on one file: named after what they do, with its own sessions.

    A README that never tells the year of its dates is edited with `--year 2023`.
    """
    year: list[str] = []
    doc = loads(text)  # read once: its tables serve the sessions and the candidates
    try:
        sessions = doc.sessions
    except MdStudyError:  # no schedule, or no year
        year = ["--year", "2023"]
        try:
            sessions = loads(text, year=2023).sessions
        except MdStudyError:
            sessions = []
    if sessions:
        first, mid, last = sessions[0], sessions[len(sessions) // 2], sessions[-1]
        lines = [f"L{s.line}" for s in (first, mid, last)]
        days = [s.date for s in (first, mid, last)]
    else:  # refused: recorded as the message
        lines, days = ["L1"] * 3, [dt.date(2024, 3, 6)] * 3
    latest = max(days)
    titles = [c.title for c in doc.candidates] if doc.candidate_table is not None else []
    query = titles[0] if titles else "no such candidate"

    def iso(day: dt.date, shift: int) -> str:
        return (day + dt.timedelta(days=shift)).isoformat()

    links = ["--link", "https://example.com/a", "--link", "https://example.org/b?x=1"]
    force = ["--force"]
    paper = ["Scaling | laws", "--link", "https://arxiv.org/abs/2001.08361", "--keyword", "LLM"]
    cases = {
        "assign-first-title-links": ["assign", lines[0], "Kim", "--title", "A | B", *links, *force],
        "assign-first-issue": ["assign", lines[0], "Kim Minsu", "--issue", "12", "--force"],
        "assign-first-note": ["assign", lines[0], "Lee", "--note", "bring *laptops*", "--force"],
        "assign-mid": ["assign", lines[1], "홍길동", "--force"],
        "assign-last-dry-run": ["assign", lines[2], "Ada", "--title", "T", "--force", "--dry-run"],
        "unassign-first": ["unassign", lines[0]],
        "unassign-mid": ["unassign", lines[1]],
        "swap-first-last": ["swap", lines[0], lines[2]],
        "swap-mid-last": ["swap", lines[1], lines[2]],
        "move-mid-3-days": ["move", lines[1], iso(days[1], 3)],
        "move-first-after-last": ["move", lines[0], iso(latest, 7)],
        "move-last-year-before": ["move", lines[2], iso(days[0], -365)],
        "add-session-after": ["add-session", iso(latest, 7)],
        "add-session-between": ["add-session", iso(days[1], 1)],
        "add-session-next-year": ["add-session", iso(latest, 400)],
        "remove-session-mid": ["remove-session", lines[1], "--force"],
        "remove-session-last": ["remove-session", lines[2], "--force"],
        "remove-session-first": ["remove-session", lines[0], "--force"],
        "candidates-add": ["candidates", "add", *paper],
        "candidates-remove": ["candidates", "remove", query],
        "plan-3-weeks": ["plan", iso(latest, 7), "--count", "3"],
        "plan-new-term": ["plan", iso(latest, 14), "--count", "2", "--new-term", "Next term"],
        "plan-dry-run": ["plan", iso(latest, 7), "--count", "2", "--dry-run"],
        "fmt": ["fmt", "README.md"],
        "fmt-all-tables-diff": ["fmt", "--all-tables", "--diff", "README.md"],
        "check-fix": ["check", "--fix", "README.md"],
        "check-fix-diff": ["check", "--fix", "--diff", "README.md"],
    }
    options = ["-f", "README.md", *year]
    for args in cases.values():
        if args[0] not in ("fmt", "check"):
            at = 2 if args[0] == "candidates" else 1
            args[at:at] = options
    return cases


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def run(readme: Path, args: list[str]) -> str:
    """One command on `readme` (in its folder): status, bytes after, output, refusal."""
    out, err = io.StringIO(), io.StringIO()
    collecting = gc.isenabled()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(args)
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        if collecting:
            gc.enable()  # main() turns the collector off for its short-lived process
    message = err.getvalue().strip()
    return f"{code} {digest(readme.read_bytes())} {digest(out.getvalue().encode())} {message}"


def results(path: Path, tmp: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    edits = commands(text.replace("\r\n", "\n"))
    readme = tmp / "README.md"
    every = variants(text)
    for variant in chosen(path):
        data = every[variant].encode()
        found[f"{variant} input"] = digest(data)
        for name, args in edits.items():
            readme.write_bytes(data)
            found[f"{variant} {name}"] = run(readme, args)
    return found


@functools.cache
def recorded_file() -> dict[str, dict[str, str]]:
    """The golden file as read once per process (it is about 3,000 lines of JSON)."""
    loaded: dict[str, dict[str, str]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return loaded


def golden() -> dict[str, dict[str, str]]:
    if UPDATE:  # being rewritten by this run: read what the last test wrote
        recorded_file.cache_clear()
    return recorded_file()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder to edit in: in memory where there is one (every save calls fsync)."""
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else tmp_path) as name:
        monkeypatch.chdir(name)
        yield Path(name)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_edit_writes_the_recorded_bytes(path: Path, folder: Path) -> None:
    found = results(path, folder)
    if UPDATE:
        recorded = golden() if GOLDEN.exists() else {}
        recorded[path.name] = found
        GOLDEN.write_text(
            json.dumps(dict(sorted(recorded.items())), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    expected = golden()[path.name]
    assert found == expected


def test_the_cases_write_something_and_refuse_something() -> None:
    """The golden file is not a record of refusals: in every variant most edits write."""
    recorded = golden()
    assert set(recorded) == {p.name for p in FILES}
    written: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    refused = 0
    for cases in recorded.values():
        for key, value in cases.items():
            variant, name = key.split(" ")
            if name == "input" or "dry-run" in name or "diff" in name:
                continue
            code, after = value.split(" ")[:2]
            tried[variant] += 1
            written[variant] += code == "0" and after != cases[f"{variant} input"]
            refused += code == "2"
    assert set(tried) == set(variants(""))
    for variant, count in tried.items():
        assert written[variant] > count // 2, variant
    assert refused > 0
