"""What a README says of the study as a whole: its title, its year and its period.

Read into `StudyFacts`, a plain class: `check` needs these facts, and building the
public record `Study` (a frozen dataclass, in model.py with the other records) would
cost it start-up time. `Document.study` makes the record from the facts.
"""

from __future__ import annotations

import datetime as dt
import re

from mdstudy.dates import find_period, year_in
from mdstudy.patterns import compiled


class StudyFacts:
    """The study's title, year and period (start and end), each None when not told."""

    __slots__ = ("end", "start", "title", "year")

    def __init__(
        self, title: str | None, year: int | None, start: dt.date | None, end: dt.date | None
    ) -> None:
        self.title = title
        self.year = year
        self.start = start
        self.end = end


_H1 = re.compile(r"^ {0,3}#(?:[ \t]+(.*?))?[ \t#]*$")
_FRONT_MATTER_KEY = r"^(?:title|date|term|semester)\s*:\s*(.*)$"


def front_matter_year(lines: list[str]) -> int | None:
    """A year in the YAML front matter's `title:` or `date:` (Jekyll, MkDocs pages)."""
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:60]:
        if line.strip() in ("---", "..."):
            return None
        m = compiled(_FRONT_MATTER_KEY, re.I).match(line)
        if m and year_in(m[1]):
            return year_in(m[1])
    return None


def read_study(lines: list[str], text: str, year_option: int | None) -> StudyFacts:
    title = next((m[1] for m in map(_H1.match, lines) if m and m[1]), None)
    period = find_period(text)
    year = (
        period[0].year
        if period
        else (year_in(title) if title else None) or front_matter_year(lines) or year_option
    )
    start, end = period if period else (None, None)
    return StudyFacts(title, year, start, end)
