"""WHEN: which session a command means (`5/24`, `2023-05-24`, `5월 24일`, `next`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from mdstudy.dates import parse_date
from mdstudy.errors import MdStudyError


def find_row(
    days: Sequence[dt.date | None],
    when: str,
    name: str,
    first_line: int,
    presenter: Callable[[int], str | None],
    today: dt.date | None = None,
) -> int:
    """The body row of the one session WHEN names, or MdStudyError saying why there is none.

    `days` is the date of every body row (None: no session there), `first_line` the
    source line of row 0, and `presenter` reads one row's presenter (only `next` asks).
    """
    if when.strip().casefold() == "next":
        day = today or dt.date.today()
        upcoming = sorted((d, i) for i, d in enumerate(days) if d is not None and d >= day)
        free = next((i for _, i in upcoming if presenter(i) is None), None)
        if free is None:
            raise MdStudyError(f"{name}: no session from {day.isoformat()} on is free")
        return free
    partial = parse_date(when)
    if partial is None:
        raise MdStudyError(
            f"{when!r} is not a date: write it as the table does (5/24), "
            "as 2023-05-24, as 5월 24일, or 'next'"
        )
    found = [
        (i, d)
        for i, d in enumerate(days)
        if d is not None
        and d.day == partial.day
        and d.month == partial.month
        and partial.year in (None, d.year)
    ]
    if not found:
        raise MdStudyError(f"{name}: no session on {when}")
    if len(found) > 1:
        where = ", ".join(f"line {first_line + i} ({d.isoformat()})" for i, d in found)
        raise MdStudyError(f"{name}: {when} names several sessions ({where}); give the year")
    return found[0][0]


def new_date(days: Sequence[dt.date | None], text: str, study_year: int | None) -> dt.date:
    """The date a new or moved session goes to (`days`: the schedule's dates, None for none).

    A year-less date gets a year the README's own dates use (the study's year,
    or a later one the schedule runs into), the one nearest the schedule's span.
    """
    partial = parse_date(text)
    if partial is None:
        raise MdStudyError(f"{text!r} is not a date (write it as 5/24, 2023-05-24 or 5월 24일)")
    if partial.year is not None:
        return partial.resolve(partial.year)
    known = [d for d in days if d is not None]
    if not known:
        if study_year is None:
            raise MdStudyError(f"{text}: cannot tell the year; write it as 2023-05-24")
        return _resolve(partial.month, partial.day, study_year)
    first, last = min(known), max(known)
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
