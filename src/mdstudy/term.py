"""A study's term: the dates of its sessions (`--every`, `--skip`), a new README (`init`) and a
new term's table (`plan --new-term`).

The dates are decided here; the rows of an existing table are written by render.py
from an edits.py Plan, as every other edit is. Only `init` writes a table from
nothing, with tabulate's pipe format lined up in display width.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mdstudy.errors import MdStudyError
from mdstudy.source import Source, line_body

if TYPE_CHECKING:
    from mdstudy.document import Document

_EVERY = re.compile(r"(?P<n>\d+)\s*(?P<unit>d|w|day|days|week|weeks)", re.IGNORECASE)
# A term of more than ten years is a typo, not a study.
MAX_SESSIONS = 520

Span = tuple[dt.date, dt.date]


def parse_every(text: str) -> dt.timedelta:
    """`1w`, `2w`, `1d`, `3 days`: the time between two sessions."""
    m = _EVERY.fullmatch(text.strip())
    if m is None or int(m["n"]) < 1:
        raise MdStudyError(f"--every: {text!r} is not a period; write it as 1w, 2w or 1d")
    days = int(m["n"]) * (7 if m["unit"][0].lower() == "w" else 1)
    if days > 366:
        raise MdStudyError(f"--every: {text!r} is longer than a year")
    return dt.timedelta(days=days)


def parse_day(text: str, what: str) -> dt.date:
    """An ISO date (2024-03-06), or MdStudyError naming the option."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise MdStudyError(f"{what}: {text!r} is not a date; write it as 2024-03-06") from None


def parse_skip(texts: Sequence[str]) -> list[Span]:
    """`2024-04-10,2024-05-01..2024-05-08` (repeatable): days and inclusive ranges."""
    spans: list[Span] = []
    for text in texts:
        for part in text.split(","):
            if not part.strip():
                continue
            first, dots, last = part.partition("..")
            start = parse_day(first, "--skip")
            end = parse_day(last, "--skip") if dots else start
            if end < start:
                raise MdStudyError(f"--skip: {part.strip()!r} ends before it starts")
            spans.append((start, end))
    return spans


def term_dates(
    start: dt.date,
    every: dt.timedelta,
    *,
    count: int | None = None,
    until: dt.date | None = None,
    skip: Sequence[Span] = (),
) -> tuple[list[dt.date], list[dt.date]]:
    """The term's dates and the skipped ones: `count` steps of `every` from `start`, or every
    step up to `until` (inclusive); a step inside a `skip` span gets no session (the term
    does not grow to make up for it)."""
    if (count is None) == (until is None):
        raise MdStudyError("give the length of the term: --count N or --until DATE")
    if count is not None and not 1 <= count <= MAX_SESSIONS:
        raise MdStudyError(f"--count: expected 1 to {MAX_SESSIONS} sessions, got {count}")
    if until is not None and until < start:
        raise MdStudyError(f"--until: {until.isoformat()} is before the start, {start.isoformat()}")
    steps: list[dt.date] = []
    day = start
    while (count is not None and len(steps) < count) or (until is not None and day <= until):
        steps.append(day)
        if len(steps) > MAX_SESSIONS:
            raise MdStudyError(f"--until: more than {MAX_SESSIONS} sessions; check the dates")
        day += every
    kept = [d for d in steps if not any(a <= d <= b for a, b in skip)]
    if not kept:
        raise MdStudyError("--skip leaves no session in the term")
    return kept, [d for d in steps if d not in kept]


# --- init: a new README -----------------------------------------------------------------

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class Language(NamedTuple):
    schedule_heading: str
    schedule: tuple[str, ...]
    presenter_placeholder: str
    candidates_heading: str
    candidates: tuple[str, ...]


LANGUAGES = {
    "en": Language(
        "Schedule", ("When", "Who", "What", "Links", "Issue #", "Etc."), "TBD",
        "Candidates", ("Title", "Link", "Keyword"),
    ),
    "ko": Language(
        "일정", ("날짜", "발표자", "주제", "자료", "이슈", "비고"), "미정",
        "논문 후보", ("제목", "링크", "키워드"),
    ),
}  # fmt: skip


def _english(day: dt.date) -> str:
    return f"{_MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def period_sentence(first: dt.date, last: dt.date, lang: str) -> str:
    """The sentence the reader takes the study's period (and year) from."""
    if lang == "ko":
        return (
            f"{first.year}년 {first.month}월 {first.day}일부터 "
            f"{last.year}년 {last.month}월 {last.day}일까지 진행합니다."
        )
    return f"The study runs from {_english(first)} to {_english(last)}."


def pipe_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub pipe table in tabulate's pipe format, lined up in display width."""
    import tabulate

    tabulate.WIDE_CHARS_MODE = True
    text: str = tabulate.tabulate(
        [list(r) for r in rows], headers=list(headers), tablefmt="pipe",
        disable_numparse=True, stralign="left",
    )  # fmt: skip
    return [line.rstrip() for line in text.split("\n")]


def readme_text(title: str, dates: Sequence[dt.date], lang: str = "en") -> str:
    """A new README: the title, the period sentence, a schedule with one empty row per date
    (dates as `M/D`; the year comes from the period sentence) and an empty candidate table."""
    if lang not in LANGUAGES:
        raise MdStudyError(f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    words = LANGUAGES[lang]
    heading = title.strip()
    if not heading or "\n" in heading or "\r" in heading:
        raise MdStudyError(f"TITLE: {title!r} must be one line of text")
    rows = [[f"{d.month}/{d.day}", words.presenter_placeholder, "-", "-", "-", "-"] for d in dates]
    lines = [
        f"# {heading}",
        "",
        f"## {words.schedule_heading}",
        "",
        period_sentence(dates[0], dates[-1], lang),
        "",
        *pipe_table(words.schedule, rows),
        "",
        f"## {words.candidates_heading}",
        "",
        *pipe_table(words.candidates, []),
    ]
    return "\n".join(lines) + "\n"


# --- plan --new-term: a new table in the current one's layout ----------------------------

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")


def _heading_level(line: str) -> int | None:
    m = _HEADING.match(line)
    return len(m[1]) if m else None


def new_term_source(
    source: Source,
    table_start: int,
    table_stop: int,
    heading: str,
    descending: bool,
    templates: Sequence[int],
) -> tuple[Source, int]:
    """`source` with a new section: `## HEADING`, then the current table's header, delimiter
    and the `templates` body rows as written (the rows new ones are spelled like; the plan
    deletes them). Placed after the current table's section, or before it when the schedule
    is newest first. Returns the new source and the 0-based line of the new table's header.
    """
    text = heading.strip()
    if not text or "\n" in text or "\r" in text:
        raise MdStudyError(f"--new-term: {heading!r} must be one line of text")
    lines = source.lines
    ending = next((line[len(line_body(line)) :] for line in lines if line_body(line) != line), "\n")
    above = next(
        (i for i in range(table_start - 1, -1, -1) if _heading_level(lines[i]) is not None), None
    )
    level = _heading_level(lines[above]) if above is not None else 2
    assert level is not None
    picked = (table_start, table_start + 1, *(table_start + 2 + i for i in templates))
    rows = [line_body(lines[i]) + ending for i in picked]
    section = [f"{'#' * level} {text}{ending}", ending, *rows, ending]
    if descending:
        at = above if above is not None else table_start
        new = source.replace_lines(at, at, section)
        return new, at + 2
    at = next(
        (
            i
            for i in range(table_stop, len(lines))
            if (found := _heading_level(lines[i])) is not None and found <= level
        ),
        len(lines),
    )
    if at == len(lines):
        # At the end of the file: a blank line before the heading, and a final newline.
        tail = list(lines)
        if tail and line_body(tail[-1]) == tail[-1]:
            tail[-1] += ending
        prefix = [] if tail and not line_body(tail[-1]).strip() else [ending]
        new = Source((*tail, *prefix, *section[:-1]), source.bom)
        return new, len(tail) + len(prefix) + 2
    new = source.replace_lines(at, at, section)
    return new, at + 2


# --- plan: a term's sessions into a README ----------------------------------------------------


class Planned(NamedTuple):
    """What `plan` did: the new text, the dates it added and the dates already there."""

    source: Source
    added: list[dt.date]
    present: list[dt.date]


def plan_term(doc: Document, dates: Sequence[dt.date], new_term: str | None = None) -> Planned:
    """The document with empty sessions on `dates`: into the schedule table they belong to,
    or (`new_term`) into a new table under that heading, in the current table's layout."""
    from mdstudy import edits, render
    from mdstudy.reader import DESCENDING

    schedules = doc.require_schedule()
    known = {d for s in schedules for d in s.days if d is not None}
    present = sorted(d for d in set(dates) if d in known)
    # One plan per calendar year: a row after New Year is spelled after the rows of
    # December written before it (`1/3` after `12/27`, not `2024-01-03`).
    years = sorted({d.year for d in dates if d not in known})
    chunks = [sorted(d for d in set(dates) if d.year == y and d not in known) for y in years]
    source = doc.source
    if not chunks:
        return Planned(source, [], present)
    if new_term is None:
        for chunk in chunks:
            step = doc if source is doc.source else _reread(doc, source)
            plan, _ = edits.add_sessions(step, chunk)
            source = render.apply(source, plan)
    else:
        current = max(
            schedules, key=lambda s: max((d for d in s.days if d is not None), default=dt.date.min)
        )
        descending = current.order == DESCENDING
        dated = [i for i, d in enumerate(current.days) if d is not None]
        templates = dated[:5] if descending else dated[-5:]
        table = current.table
        source, header = new_term_source(
            doc.source, table.start, table.end_line, new_term, descending, templates
        )
        rows = range(len(templates))
        written = 0
        for number, chunk in enumerate(chunks, 1):
            step = _reread(doc, source)
            target = next((s for s in step.schedules if s.table.start == header), None)
            if target is None:
                raise MdStudyError(f"{doc.name}: the new term's table would not read as a schedule")
            plan, _ = edits.add_sessions(
                step,
                chunk,
                table=target,
                # Below the templates (newest first: above the rows written before).
                at=len(templates) + (0 if descending else written),
                examples=rows,
                drop=rows if number == len(chunks) else (),
            )
            source = render.apply(source, plan)
            written += len(chunk)
    added = sorted(set(dates) - set(present))
    _verify(doc, source, added)
    return Planned(source, added, present)


def _reread(doc: Document, source: Source) -> Document:
    return doc.with_source(source)


def _verify(doc: Document, source: Source, added: Sequence[dt.date]) -> None:
    """Re-read the written text: every session before is still there, and every added date."""
    from collections import Counter

    after = Counter(s.date for s in _reread(doc, source).sessions)
    expected = Counter(s.date for s in doc.sessions) + Counter(added)
    if after == expected:
        return
    missing, extra = sorted((expected - after).elements()), sorted((after - expected).elements())
    if missing:
        problem = "would not read back: " + ", ".join(d.isoformat() for d in missing[:3])
    else:
        # e.g. a table that repeated another under translated headers no longer does.
        problem = f"would make {len(extra)} other rows read as sessions ({extra[0].isoformat()})"
    raise MdStudyError(f"{doc.name}: the new rows {problem}; nothing written")
