"""Dates as study READMEs write them, and the period sentence that gives the year."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from mdstudy.patterns import compiled as _compiled

# English month and weekday names, full and three-letter: dates are read (here) and
# written (render.py) with the same words.
MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may", "may"), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
WEEKDAY_NAMES = (
    ("monday", "mon"), ("tuesday", "tue"), ("wednesday", "wed"), ("thursday", "thu"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"),
)  # fmt: skip
MONTHS = {name: number for number, names in enumerate(MONTH_NAMES, 1) for name in names}
MONTHS["sept"] = 9
_MONTH = r"(?P<mname>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ENGLISH_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
# A Korean weekday is written in parentheses or with 요일: a bare 일 is the "day" in "3일".
_WEEKDAY = (
    r"(?:\(\s*(?:[월화수목금토일](?:요일)?|" + _ENGLISH_WEEKDAY + r")\.?\s*\)"
    r"|[월화수목금토일]요일|\b" + _ENGLISH_WEEKDAY + r"\b\.?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"

# Each pattern matches the whole cell (after weekday and markup are removed).
# Compiled on first use (start-up time matters): most READMEs never reach the last ones.
_NUMERIC = (
    (r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})\.?", 0),
    (r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일", 0),
    (r"(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일", 0),
    (r"(?P<m>\d{1,2})\s*[/.]\s*(?P<d>\d{1,2})\.?", 0),
    (r"(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})\s*/\s*(?P<y>\d{4})", 0),
    (_MONTH + r"\s+(?P<d>\d{1,2})" + _ORDINAL + r"(?:\s*,?\s*(?P<y>\d{4}))?", re.I),
    (r"(?P<d>\d{1,2})" + _ORDINAL + r"\s+" + _MONTH + r"(?:\s*,?\s*(?P<y>\d{4}))?", re.I),
)
_WEEKDAY_AROUND = r"^\s*" + _WEEKDAY + r"[\s,]+|[\s,]*" + _WEEKDAY + r"\s*$"


_MARKUP = re.compile(r"[*_`~]+")


class PartialDate(NamedTuple):  # not a dataclass: cheaper to create at start-up
    """A date as written: the year may be missing and comes from the README."""

    month: int
    day: int
    year: int | None = None

    def resolve(self, year: int) -> dt.date:
        return dt.date(self.year or year, self.month, self.day)


def parse_date(text: str, *, day_first: bool = False) -> PartialDate | None:
    """The date a schedule cell names, or None if it names none.

    `day_first` reads `08/03/2018` as 8 March (see `is_day_first`).
    """
    cleaned = _MARKUP.sub("", text).strip()
    if not cleaned.isascii() or cleaned.lower() != cleaned.upper():
        # only a text with letters can name a weekday (`2023-05-24` has none)
        cleaned = _compiled(_WEEKDAY_AROUND, re.I).sub("", cleaned).strip()
    for pattern, flags in _NUMERIC:
        m = _compiled(pattern, flags).fullmatch(cleaned)
        if m:
            return _from_match(m, day_first)
    return None


_SLASHED_WITH_YEAR = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*\d{4}")


def is_day_first(cells: list[str]) -> bool:
    """Whether a column writes `DD/MM/YYYY`: some date in it has a first part over 12."""
    for cell in cells:
        m = _SLASHED_WITH_YEAR.search(cell)
        if m and int(m[1]) > 12:
            return True
    return False


def _from_match(m: re.Match[str], day_first: bool) -> PartialDate | None:
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        # 5/24/2023 is month first; 24/05/2023 can only be day first.
        month, day = (second, first) if first > 12 or day_first else (first, second)
    else:
        month = MONTHS[groups["mname"].lower()] if groups.get("mname") else int(groups["m"])
        day = int(groups["d"])
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 2/29 stays possible
    except ValueError:
        return None
    return PartialDate(month, day, year)


_KOREAN_PERIOD = re.compile(
    r"(?P<y1>\d{4})\s*년\s*(?P<m1>\d{1,2})\s*월\s*(?P<d1>\d{1,2})\s*일\s*부터\s*"
    r"(?:(?P<y2>\d{4})\s*년\s*)?(?P<m2>\d{1,2})\s*월\s*(?P<d2>\d{1,2})\s*일\s*까지"
)
_ENGLISH_DATE = _MONTH + r"\s+(?P<d>\d{1,2})" + _ORDINAL + r",?\s*(?P<y>\d{4})?"
_ENGLISH_PERIOD = (
    r"from\s+(?P<first>" + _ENGLISH_DATE.replace("?P<", "?P<a") + r")\s+(?:to|until|through)\s+"
    r"(?P<second>" + _ENGLISH_DATE.replace("?P<", "?P<b") + r")"
)
_ISO_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:~|–|—|to|-|부터)\s*(\d{4}-\d{2}-\d{2})")


def find_period(text: str) -> tuple[dt.date, dt.date] | None:
    """The study period the README states in a sentence, if any."""
    m = _KOREAN_PERIOD.search(text)
    if m:
        y1 = int(m["y1"])
        return _dates(
            y1, int(m["m1"]), int(m["d1"]), int(m["y2"] or y1), int(m["m2"]), int(m["d2"])
        )
    m = _compiled(_ENGLISH_PERIOD, re.I).search(text)
    if m and (m["ay"] or m["by"]):
        y2 = int(m["by"] or m["ay"])
        y1 = int(m["ay"]) if m["ay"] else y2
        return _dates(
            y1,
            MONTHS[m["amname"].lower()],
            int(m["ad"]),
            y2,
            MONTHS[m["bmname"].lower()],
            int(m["bd"]),
        )
    m = _ISO_PERIOD.search(text)
    if m:
        try:
            return dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
        except ValueError:
            return None
    return None


def _dates(y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> tuple[dt.date, dt.date] | None:
    try:
        return dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    except ValueError:
        return None


_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")


def year_in(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m[1]) if m else None


def resolve_dates(dates: list[PartialDate | None], year: int) -> list[dt.date | None]:
    """Give year-less dates a year, rolling over when the schedule runs into January."""
    resolved: list[dt.date | None] = []
    previous: dt.date | None = None
    for partial in dates:
        if partial is None:
            resolved.append(None)
            continue
        current: dt.date | None
        if partial.year is not None:
            year = partial.year
            current = _safe_resolve(partial, year)
        else:
            current = _safe_resolve(partial, year)
            if previous is not None and current is not None and current.month < previous.month - 6:
                year += 1
                current = _safe_resolve(partial, year)
        resolved.append(current)
        previous = current or previous
    return resolved


def _safe_resolve(partial: PartialDate, year: int) -> dt.date | None:
    try:
        return partial.resolve(year)
    except ValueError:  # 2/29 in a year that has none
        return None
