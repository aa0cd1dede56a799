"""Score mdstudy's reading of the real-README corpus against what a person reads there.

`../shared/corpus/truth.json` gives, file by file, the sessions a person reads
(its conventions are at its top). This module compares `doc.sessions` with it,
session by session, matched by line. Run it as a script to see the table:

    python tests/corpus_truth.py
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_files import CORPUS

import mdstudy

TRUTH = CORPUS / "truth.json"


def normal(value: str | None) -> str | None:
    """As truth.json compares: NFKC, spaces collapsed, case and a trailing period ignored."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", value).split()).casefold()
    return re.sub(r"\.$", "", text)


@dataclass
class FileScore:
    name: str
    read: bool = False  # mdstudy found at least one session
    error: str | None = None
    sure: int = 0
    dates: int = 0
    presenters: int = 0
    titles: int = 0
    links: int = 0
    extra: int = 0  # sessions mdstudy reads on a line the truth has none
    cancelled: int = 0  # sure cancelled rows in the truth
    flagged: int = 0  # of those, read as cancelled
    misses: list[str] = field(default_factory=list)


def load_truth() -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(TRUTH.read_text(encoding="utf-8"))
    return {name: entry for name, entry in truth.items() if not name.startswith("_")}


def score_file(name: str, entry: dict[str, Any]) -> FileScore:
    result = FileScore(name)
    try:
        doc = mdstudy.load(CORPUS / name, year=entry["year_needed"])
        sessions = doc.sessions
    except mdstudy.MdStudyError as err:
        result.error = str(err)
        sessions = []
    result.read = bool(sessions)
    by_line: dict[int, list[Any]] = {}
    for session in sessions:
        by_line.setdefault(session.line, []).append(session)
    truth_lines = {s["line"] for s in entry["sessions"]}
    result.extra = sum(len(found) for line, found in by_line.items() if line not in truth_lines)
    for want in entry["sessions"]:
        if not want["sure"]:
            continue
        result.sure += 1
        found = by_line.get(want["line"], [])
        got = found[0] if len(found) == 1 else None
        checks = {
            "dates": got is not None and got.date.isoformat() == want["date"],
            "presenters": got is not None and normal(got.presenter) == normal(want["presenter"]),
            "titles": got is not None and normal(got.title) == normal(want["title"]),
            "links": got is not None and list(got.links) == want["links"],
        }
        for key, ok in checks.items():
            setattr(result, key, getattr(result, key) + ok)
            if not ok:
                value = None if got is None else getattr(got, key[:-1] if key != "links" else key)
                wanted = want[key[:-1] if key != "links" else key]
                result.misses.append(f"L{want['line']} {key[:-1]}: {value!r} != {wanted!r}")
        if want["cancelled"]:
            result.cancelled += 1
            result.flagged += got is not None and getattr(got, "cancelled", False)
    return result


def score_all() -> list[FileScore]:
    return [score_file(name, entry) for name, entry in load_truth().items()]


def totals(scores: list[FileScore]) -> dict[str, float]:
    sure = sum(s.sure for s in scores) or 1
    read_sessions = sure + sum(s.extra for s in scores)
    cancelled = sum(s.cancelled for s in scores) or 1
    return {
        "dates": sum(s.dates for s in scores) / sure,
        "presenters": sum(s.presenters for s in scores) / sure,
        "titles": sum(s.titles for s in scores) / sure,
        "links": sum(s.links for s in scores) / sure,
        "extra": sum(s.extra for s in scores) / read_sessions,
        "cancelled": sum(s.flagged for s in scores) / cancelled,
    }


def table(scores: list[FileScore]) -> str:
    lines = [f"{'file':<52} {'sure':>4} {'date':>4} {'pres':>4} {'titl':>4} {'link':>4} "
             f"{'xtra':>4} {'canc':>5}"]  # fmt: skip
    for s in scores:
        lines.append(
            f"{s.name[:52]:<52} {s.sure:>4} {s.dates:>4} {s.presenters:>4} {s.titles:>4} "
            f"{s.links:>4} {s.extra:>4} {s.flagged:>2}/{s.cancelled:<2}"
            + (f"  error: {s.error[:60]}" if s.error else "")
        )
    figures = totals(scores)
    lines.append("  ".join(f"{key} {value:.1%}" for key, value in figures.items()))
    return "\n".join(lines)


if __name__ == "__main__":
    results = score_all()
    print(table(results))
    if "-v" in sys.argv:
        for s in results:
            for miss in s.misses:
                print(f"{s.name[:2]} {miss}")
