"""What a README says of the study as a whole: its title, its year and its period."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mdstudy.dates import find_period, year_in
from mdstudy.patterns import compiled


@dataclass(frozen=True)
class Study:
    title: str | None
    year: int | None
    start: dt.date | None
    end: dt.date | None


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


def read_study(lines: list[str], text: str, year_option: int | None) -> Study:
    title = next((m[1] for m in map(_H1.match, lines) if m and m[1]), None)
    period = find_period(text)
    year = (
        period[0].year
        if period
        else (year_in(title) if title else None) or front_matter_year(lines) or year_option
    )
    start, end = period if period else (None, None)
    return Study(title, year, start, end)
