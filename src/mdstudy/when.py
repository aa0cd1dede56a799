"""WHEN: which session a command means (`5/24`, `2023-05-24`, `5/24#2`, `L42`, `next`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from mdstudy.dates import parse_date
from mdstudy.errors import MdStudyError

_NTH = re.compile(r"^(?P<date>.+?)\s*#\s*(?P<n>\d+)$")
_LINE = re.compile(r"^[Ll](?P<line>\d+)$")

WHEN_FORMS = "write it as the table does (5/24), as 2023-05-24, 5월 24일, 5/24#2, L42 or 'next'"


class Slot(NamedTuple):
    """A body row of a schedule table: its date (None: not a session) and source line."""

    date: dt.date | None
    line: int


def find_slot(
    slots: Sequence[Slot],
    when: str,
    name: str,
    is_free: Callable[[int], bool],
    today: dt.date | None = None,
) -> int:
    """The index of the one session WHEN names, or MdStudyError saying why there is none.

    `slots` are every schedule row in document order; `is_free` tells whether a
    session has no presenter yet (only `next` asks).
    """
    text = when.strip()
    if text.casefold() == "next":
        day = today or dt.date.today()
        upcoming = sorted((s.date, i) for i, s in enumerate(slots) if s.date and s.date >= day)
        free = next((i for _, i in upcoming if is_free(i)), None)
        if free is None:
            raise MdStudyError(f"{name}: no session from {day.isoformat()} on is free")
        return free
    by_line = _LINE.match(text)
    if by_line:
        line = int(by_line["line"])
        found = [i for i, s in enumerate(slots) if s.line == line and s.date is not None]
        if not found:
            raise MdStudyError(f"{name}: line {line} is not a session of the schedule")
        return found[0]
    nth = _NTH.match(text)
    partial = parse_date(nth["date"] if nth else text)
    if partial is None:
        raise MdStudyError(f"{when!r} is not a date: {WHEN_FORMS}")
    found = [
        i
        for i, s in enumerate(slots)
        if s.date is not None
        and s.date.day == partial.day
        and s.date.month == partial.month
        and partial.year in (None, s.date.year)
    ]
    if not found:
        raise MdStudyError(f"{name}: no session on {nth['date'] if nth else when}")
    if nth:
        number = int(nth["n"])
        if not 1 <= number <= len(found):
            raise MdStudyError(
                f"{name}: {when}: there {'is' if len(found) == 1 else 'are'} {len(found)} "
                f"session{'s' if len(found) != 1 else ''} on {nth['date']}"
            )
        return found[number - 1]
    days = [(slots[i].date, slots[i].line) for i in found]
    if len(found) > 1:
        if len({day.year for day, _ in days if day}) > 1 and partial.year is None:
            where = _first_few([f"{day} (line {line})" for day, line in days])
            raise MdStudyError(
                f"{name}: {when} names sessions in several years ({where}); give the year"
            )
        choices = _first_few([f"{text}#{n} (line {slots[i].line})" for n, i in enumerate(found, 1)])
        raise MdStudyError(f"{name}: {when} names {len(found)} sessions: {choices}; say which")
    return found[0]


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


def _first_few(choices: list[str], shown: int = 3) -> str:
    """A list for a one-line message: a long README can hold hundreds of matches."""
    if len(choices) <= shown + 1:
        return ", ".join(choices)
    return ", ".join(choices[:shown]) + f", … and {len(choices) - shown} more"
