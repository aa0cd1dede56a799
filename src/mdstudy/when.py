"""WHEN: which session a command means (`5/24`, `2023-05-24`, `5월 24일`, `next`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mdstudy.dates import parse_date
from mdstudy.errors import MdStudyError
from mdstudy.model import Session


def find_session(
    sessions: Sequence[Session], when: str, name: str, today: dt.date | None = None
) -> Session:
    """The one session WHEN names, or MdStudyError saying why there is none."""
    if when.strip().casefold() == "next":
        day = today or dt.date.today()
        free = [s for s in sessions if s.date >= day and s.presenter is None]
        if not free:
            raise MdStudyError(f"{name}: no session from {day.isoformat()} on is free")
        return min(free, key=lambda s: s.date)
    partial = parse_date(when)
    if partial is None:
        raise MdStudyError(
            f"{when!r} is not a date: write it as the table does (5/24), "
            "as 2023-05-24, as 5월 24일, or 'next'"
        )
    found = [
        s
        for s in sessions
        if (s.date.month, s.date.day) == (partial.month, partial.day)
        and partial.year in (None, s.date.year)
    ]
    if not found:
        raise MdStudyError(f"{name}: no session on {when}")
    if len(found) > 1:
        where = ", ".join(f"line {s.line} ({s.date.isoformat()})" for s in found)
        raise MdStudyError(f"{name}: {when} names several sessions ({where}); give the year")
    return found[0]


def new_date(sessions: Sequence[Session], text: str, study_year: int | None) -> dt.date:
    """The date a new or moved session goes to.

    A year-less date gets a year the README's own dates use (the study's year,
    or a later one the schedule runs into), the one nearest the schedule's span.
    """
    partial = parse_date(text)
    if partial is None:
        raise MdStudyError(f"{text!r} is not a date (write it as 5/24, 2023-05-24 or 5월 24일)")
    if partial.year is not None:
        return partial.resolve(partial.year)
    if not sessions:
        if study_year is None:
            raise MdStudyError(f"{text}: cannot tell the year; write it as 2023-05-24")
        return _resolve(partial.month, partial.day, study_year)
    first = min(s.date for s in sessions)
    last = max(s.date for s in sessions)
    options = []
    for year in range(min(study_year or first.year, first.year), last.year + 1):
        try:
            options.append(dt.date(year, partial.month, partial.day))
        except ValueError:  # 2/29 in a year without one
            continue
    if not options:
        raise MdStudyError(f"{text}: no such day in the schedule's years")
    # The nearest to the schedule's span; on a tie, the earlier one.
    return min(options, key=lambda d: (max((first - d).days, (d - last).days, 0), d))


def _resolve(month: int, day: int, year: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise MdStudyError(f"{month}/{day}: no such day in {year}") from None
