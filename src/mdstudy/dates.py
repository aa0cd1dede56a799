"""Dates as study READMEs write them, read and written, and the period sentence that gives
the year.

Reading (`read_date_cell`, `parse_date`) and writing (`spell_date`) are one format:
a date is spelled like the column's own examples and kept only if it reads back.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string
# annotation of its fields into a ForwardRef (see rules/context.py); real types cost nothing.
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from mdstudy.inline import plain
from mdstudy.patterns import compiled as _compiled

# English month and weekday names, full and three-letter: dates are read and written
# (spell_date, below) with the same words.
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

# Each pattern matches the whole cell, once markup, weekday, time and range are removed.
# Compiled on first use (start-up time matters): most READMEs never reach the last ones.
# Groups: y (year, 2 or 4 digits), m, d, mname; a/b are month and day in the column's order.
_NUMERIC = (
    (r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})\.?", 0),
    (r"(?P<a>\d{1,2})\s*[/.]\s*(?P<b>\d{1,2})\.?", 0),
    (r"(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})\s*/\s*(?P<y>\d{4}|\d{2})", 0),
    (r"(?P<s1>\d{2})\s*[.-]\s*(?P<s2>\d{1,2})\s*[.-]\s*(?P<s3>\d{1,2})\.?", 0),
    (r"(?P<a>\d{1,2})\s*[./]\s*(?P<b>\d{1,2})\.?\s+(?P<y>\d{4})", 0),
    (r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})", 0),
    (r"(?P<a>\d{2})-(?P<b>\d{2})", 0),
    (r"(?P<y>\d{4})\s*[년年]\s*(?P<m>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]?", 0),
    (r"(?P<m>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]?", 0),
    (_MONTH + r"\s*(?P<d>\d{1,2})" + _ORDINAL + r"(?:\s*[,.]?\s*(?P<y>\d{4}))?", re.I),
    (r"(?P<d>\d{1,2})" + _ORDINAL + r"\s+" + _MONTH + r"(?:\s*,?\s*(?P<y>\d{4}))?", re.I),
    (r"(?P<y6>\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])", 0),
)
_WEEKDAY_AROUND = r"^\s*" + _WEEKDAY + r"[\s,]+|[\s,]*" + _WEEKDAY + r"\s*$"
# A time of day after the date: 23:00, 6pm, 6:30 PM, 23:00-23:30, 19시.
_TIME = (
    r"[\s,@]*(?:(?P<h>\d{1,2}):(?P<min>\d{2})\s*(?P<ap>[ap]\.?m\.?)?|(?P<h2>\d{1,2})\s*(?P<ap2>[ap]\.?m\.?)"
    r"|(?P<h3>\d{1,2})\s*시)(?:\s*[-–~]\s*\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?\s*(?:\(?[A-Z]{2,5}\)?)?\s*$"
)
# A range's end after the date (`2022.07.04 - 11`, `7/4 ~ 7/8`, an open `2023-07-09 -`).
_RANGE_END = r"\s*(?:[-–—~～]|\bto\b)\s*(?P<end>[^-–—~～]*)$"


class PartialDate(NamedTuple):  # not a dataclass: cheaper to create at start-up
    """A date as written: the year may be missing and comes from the README."""

    month: int
    day: int
    year: int | None = None

    def resolve(self, year: int) -> dt.date:
        return dt.date(self.year or year, self.month, self.day)


class DateCell:
    """What a date cell says: the date, a time of day, and the last day of a range.
    (Plain classes here and below: a NamedTuple costs `check` ten times as much to define.)"""

    __slots__ = ("date", "end", "time")

    def __init__(
        self, date: PartialDate, time: dt.time | None = None, end: PartialDate | None = None
    ) -> None:
        self.date = date
        self.time = time
        self.end = end


class DateStyle:
    """How a column writes its dates, decided once from all its cells."""

    __slots__ = ("day_first", "year_first")

    def __init__(self, day_first: bool = False, year_first: bool = True) -> None:
        self.day_first = day_first  # 08/03/2018 is 8 March
        self.year_first = year_first  # 22.10.04 is 2022-10-04 (else 04.10.22 is 4 October 2022)


def parse_date(text: str, *, day_first: bool = False) -> PartialDate | None:
    """The date a schedule cell names, or None if it names none.

    `day_first` reads `08/03/2018` as 8 March (see `date_style`).
    """
    found = read_date_cell(text, DateStyle(day_first))
    return found.date if found else None


_DEFAULT_STYLE = DateStyle()
_PLAIN_NUMERIC = r"[ \t]*\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\.?[ \t]*"


def read_date_cell(
    text: str, style: DateStyle = _DEFAULT_STYLE, hint: list[int] | None = None
) -> DateCell | None:
    """Date, time and range end of a cell; `hint` holds the index of the pattern that last fit."""
    if len(text) == 10 and text[4] == "-" == text[7] and text.isascii():  # 2023-05-24
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdigit() and month.isdigit() and day.isdigit():  # no pattern needed
            iso = PartialDate(int(month), int(day), int(year))
            return DateCell(iso) if _exists(iso) else None
    if _compiled(_PLAIN_NUMERIC).fullmatch(text):  # `5/3`, `2023-05-03`: nothing to clean
        found = _match(text.strip(), style, hint)
        return DateCell(found) if found is not None else None
    cleaned = _clean(text)
    if not cleaned:
        return None
    time = None
    if ":" in cleaned or "m" in cleaned.lower() or "시" in cleaned:
        m = _compiled(_TIME, re.I).search(cleaned)
        if m and m.start() > 0:
            time = _time(m)
            cleaned = cleaned[: m.start()].strip(" ,")
            cleaned = _strip_weekday(cleaned)
    found = _match(cleaned, style, hint)
    if found is not None:
        return DateCell(found, time)
    m = _compiled(_RANGE_END, re.I).search(cleaned)
    if m and m.start() > 0:
        first = _match(cleaned[: m.start()].strip(), style, hint)
        if first is not None:
            return DateCell(first, time, _range_end(m["end"].strip(), first, style))
    return None


_DATE_WORDS = frozenset(MONTHS) | {name for names in WEEKDAY_NAMES for name in names}


def could_be_date(cell: str) -> bool:
    """A quick look: short, with a digit, starting with a number, a month or a weekday.

    Cells that cannot be dates (`FP8 Quantization: …`) are turned away unread.
    """
    if len(cell) > 80 or not any(c.isdigit() for c in cell):
        return False
    start = cell.lstrip(" \t[*~_(")
    if start[:1].isdigit() or start[:1] == "<":
        return True
    word = "".join(c for c in start[:10].split(" ", 1)[0] if c.isalpha()).lower()
    return word in _DATE_WORDS or word[:3] in _DATE_WORDS


def _clean(text: str) -> str:
    """The cell as GitHub shows it (a date may sit in a link, bold or struck through)."""
    return _strip_weekday(plain(text).replace(";", " ").strip())


def _strip_weekday(cleaned: str) -> str:
    if not cleaned.isascii() or cleaned.lower() != cleaned.upper():
        # only a text with letters can name a weekday (`2023-05-24` has none)
        cleaned = _compiled(_WEEKDAY_AROUND, re.I).sub("", cleaned).strip()
    return cleaned


def _match(cleaned: str, style: DateStyle, hint: list[int] | None) -> PartialDate | None:
    """The date a cleaned cell names; `hint` holds the pattern that fit the column's last
    cell, tried first (a column writes its dates one way)."""
    if hint:
        m = _compiled(*_NUMERIC[hint[0]]).fullmatch(cleaned)
        if m:
            return _from_match(m, style)
    for index, (pattern, flags) in enumerate(_NUMERIC):
        m = _compiled(pattern, flags).fullmatch(cleaned)
        if m:
            found = _from_match(m, style)
            if found is not None and hint is not None:
                hint[:] = [index]
            return found
    return None


def read_time(text: str) -> dt.time | None:
    """A time column's cell: `6:00 PM`, `20:00`, `19시` (None for anything else)."""
    m = _compiled(_TIME, re.I).match(" " + text.strip())
    return _time(m) if m else None


def _time(m: re.Match[str]) -> dt.time | None:
    hour = int(m["h"] or m["h2"] or m["h3"])
    minute = int(m["min"] or 0)
    meridiem = (m["ap"] or m["ap2"] or "").lower()[:1]
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _range_end(text: str, first: PartialDate, style: DateStyle) -> PartialDate | None:
    if text.isdigit() and len(text) <= 2:
        end = PartialDate(first.month, int(text), first.year)
    else:
        end = _match(_strip_weekday(text), style, None)  # type: ignore[assignment]
        if end is None:
            return None
        if end.year is None and first.year is not None:
            end = end._replace(year=first.year)
    try:
        end.resolve(2000)
    except ValueError:
        return None
    return end


_YEAR_FIRST = r"\D{0,3}\d{4}"
_SLASHED = r"(?<![\d.])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?(?![\d])"


def date_style(cells: list[str]) -> DateStyle:
    """How a column writes numeric dates, from its cells: day or month first, year first or last.

    Day first when some date has a first part over 12 (`29/03`, `24/02/2025`), unless more
    have a second part over 12. Two-digit years (`22.10.04`, `04.10.22`) are the part that
    changes least down the column.
    """
    first_big = second_big = 0
    firsts: set[str] = set()
    lasts: set[str] = set()
    slashed, year_first_cell = _compiled(_SLASHED).search, _compiled(_YEAR_FIRST).match
    # Each distinct text looked at once (a year-less column repeats its dates every year).
    for cell, times in Counter(cells).items():
        if year_first_cell(cell):
            continue
        m = slashed(cell)
        if not m:
            continue
        if m[3] and len(m[1]) == 2 and len(m[3]) == 2 and "/" not in m[0]:
            firsts.add(m[1])
            lasts.add(m[3])
            continue
        a, b = int(m[1]), int(m[2])
        first_big += times * (a > 12 and b <= 12)
        second_big += times * (b > 12 and a <= 12)
    year_first = len(firsts) <= len(lasts) or len(lasts) > 2
    return DateStyle(first_big > second_big, year_first)


def _from_match(m: re.Match[str], style: DateStyle) -> PartialDate | None:
    # Group look-ups by the pattern's own names (no groupdict: this runs once per row).
    names = m.re.groupindex
    year = _year(m["y"]) if "y" in names else None
    if "a" in names:
        first, second = int(m["a"]), int(m["b"])
        # 5/24/2023 is month first; 24/05/2023 can only be day first.
        month, day = (second, first) if first > 12 or style.day_first else (first, second)
        if second > 12 and first <= 12 and style.day_first:
            month, day = first, second
    elif "s1" in names:  # three two-digit parts: 22.10.04 or 04.10.22
        s1, s2, s3 = int(m["s1"]), int(m["s2"]), int(m["s3"])
        if style.year_first:
            year, month, day = 2000 + s1, s2, s3
        else:
            year, first, second = 2000 + s3, s1, s2
            month, day = (second, first) if style.day_first or first > 12 else (first, second)
    else:
        month = MONTHS[m["mname"].lower()] if "mname" in names else int(m["m"])
        day = int(m["d"])
        if "y6" in names:
            year = 2000 + int(m["y6"])
    found = PartialDate(month, day, year)
    return found if _exists(found) else None


def _exists(date: PartialDate) -> bool:
    if 0 < date.month <= 12 and 0 < date.day <= 28:  # every month has these days
        return True
    try:
        dt.date(date.year or 2000, date.month, date.day)  # 2000 is a leap year: 2/29 stays
    except ValueError:
        return False
    return True


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if len(text) == 2 else year


# --- writing: a date spelled like its neighbours --------------------------------------

# The middle forms some READMEs use (Tues, Thur); other days' middle form is the short one.
_MIDDLE_WEEKDAY = {1: "tues", 3: "thur"}
_WEEKDAYS = [
    (full, short, _MIDDLE_WEEKDAY.get(day, short))
    for day, (full, short) in enumerate(WEEKDAY_NAMES)
]
_WEEKDAY_WORDS = {word: i for i, names in enumerate(_WEEKDAYS) for word in names} | {"thurs": 3}
_KOREAN_WEEKDAYS = "월화수목금토일"
# A token of an example date: a number (maybe ordinal), a word, a Korean weekday.
_DATE_TOKEN = (
    r"(?P<num>\d+)(?P<ord>st|nd|rd|th)?(?![A-Za-z])"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<kwd>[월화수목금토일])(?=요일|\s*\))"
)


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _same_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word.capitalize() if like[:1].isupper() else word


def _weekday_word(day: int, like: str) -> str:
    """The weekday's name in the form of `like` (Monday, Mon, MON, Tues, Thur)."""
    full, short, medium = _WEEKDAYS[day]
    lower = like.lower()
    word = medium if lower in ("tues", "thur", "thurs") else full if len(lower) > 3 else short
    return _same_case(word, like)


def _roles(text: str, date: dt.date) -> list[tuple[re.Match[str], str]]:
    """Each date token of an example with its role: y, m, d, month name, weekday."""
    roles: list[tuple[re.Match[str], str]] = []
    taken: set[str] = set()
    tokens = list(_compiled(_DATE_TOKEN).finditer(text))
    has_month_name = any((m["word"] or "").lower() in MONTHS for m in tokens)
    for m in tokens:
        if m["num"]:
            n = int(m["num"])
            if len(m["num"]) == 4 and n == date.year and "y" not in taken:
                role = "y"
            elif n == date.month and "m" not in taken and not has_month_name:
                role = "m"  # when month and day are equal, the month comes first
            elif n == date.day and "d" not in taken:
                role = "d"
            else:
                continue
        elif m["word"] and m["word"].lower() in MONTHS:
            role = "B"
        elif m["word"] and m["word"].lower() in _WEEKDAY_WORDS:
            role = "A"
        elif m["kwd"]:
            role = "K"
        else:
            continue
        taken.add(role)
        roles.append((m, role))
    return roles


def _respell(text: str, old: dt.date, new: dt.date, pads: dict[str, bool]) -> str:
    out, last = [], 0
    for m, role in _roles(text, old):
        out.append(text[last : m.start()])
        last = m.end()
        if role == "y":
            out.append(str(new.year))
        elif role in "md":
            n = new.month if role == "m" else new.day
            out.append(f"{n:02d}" if pads.get(role) else str(n))
            if m["ord"]:
                out.append(_ordinal(n))
        elif role == "B":
            full, short = MONTH_NAMES[new.month - 1]
            word = m["word"]
            out.append(_same_case(full if len(word) > 4 else short, word))
        elif role == "A":
            out.append(_weekday_word(new.weekday(), m["word"]))
        else:
            out.append(_KOREAN_WEEKDAYS[new.weekday()])
    out.append(text[last:])
    return "".join(out)


def _pad_evidence(examples: Sequence[tuple[str, dt.date]]) -> dict[str, bool]:
    """Whether months and days are written with a leading zero (nearest evidence wins)."""
    pads: dict[str, bool] = {}
    for text, date in examples:
        for m, role in _roles(text, date):
            if role in "md" and role not in pads and int(m["num"]) < 10:
                pads[role] = len(m["num"]) == 2
    year_first = any(_compiled(r"\D*\d{4}\D").match(text) for text, _ in examples)
    if len(pads) == 1 and year_first:  # ISO-like: both padded (2025-12-04 -> 2026-01-08)
        pads["m" if "d" in pads else "d"] = next(iter(pads.values()))
    return pads


def spell_date(
    examples: Sequence[tuple[str, dt.date]],
    new: dt.date,
    year_implied: bool,
    day_first: bool = False,
) -> str:
    """`new` spelled like the example dates (nearest first); ISO when none fits.

    `year_implied` says whether a spelling without the year would be read as
    `new` (the reader takes the year from the README and the rows above).
    """
    pads = _pad_evidence(examples)
    for text, old in examples[:5]:
        spelled = _respell(text, old, new, pads)
        partial = parse_date(spelled, day_first=day_first)
        if partial is None or (partial.month, partial.day) != (new.month, new.day):
            continue
        if partial.year == new.year or (partial.year is None and year_implied):
            return spelled
    return new.isoformat()


# --- the period sentence and the year ------------------------------------------------

_KOREAN_PERIOD = (  # patterns compiled on first use (most READMEs state no such period)
    r"(?P<y1>\d{4})\s*년\s*(?P<m1>\d{1,2})\s*월\s*(?P<d1>\d{1,2})\s*일\s*부터\s*"
    r"(?:(?P<y2>\d{4})\s*년\s*)?(?P<m2>\d{1,2})\s*월\s*(?P<d2>\d{1,2})\s*일\s*까지"
)
_ENGLISH_DATE = _MONTH + r"\s+(?P<d>\d{1,2})" + _ORDINAL + r",?\s*(?P<y>\d{4})?"
_ENGLISH_PERIOD = (
    r"from\s+(?P<first>" + _ENGLISH_DATE.replace("?P<", "?P<a") + r")\s+(?:to|until|through)\s+"
    r"(?P<second>" + _ENGLISH_DATE.replace("?P<", "?P<b") + r")"
)
_ISO_PERIOD = r"(\d{4}-\d{2}-\d{2})\s*(?:~|–|—|to|-|부터)\s*(\d{4}-\d{2}-\d{2})"


def find_period(text: str) -> tuple[dt.date, dt.date] | None:
    """The study period the README states in a sentence, if any."""
    m = _compiled(_KOREAN_PERIOD).search(text) if "부터" in text else None
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
    m = _compiled(_ISO_PERIOD).search(text)
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


def resolve_years(
    dates: list[PartialDate | None], year: int | None, descending: bool = False
) -> list[dt.date | None]:
    """Give year-less dates a year, rolling over New Year the way the table runs.

    A table that runs forward moves to the next year when the month drops by more than
    six (December → January); a newest-first table moves to the year before when it rises.
    Without a year, year-less dates are None.
    """
    resolved: list[dt.date | None] = []
    previous: dt.date | None = None
    current_year = year
    for partial in dates:
        if partial is None:
            resolved.append(None)
            continue
        if partial.year is not None:
            current_year = partial.year
            day = _safe(partial, partial.year)
        elif current_year is None:
            resolved.append(None)
            continue
        else:
            day = _safe(partial, current_year)
            if previous is not None and day is not None:
                if not descending and day.month < previous.month - 6:
                    current_year += 1
                    day = _safe(partial, current_year)
                elif descending and day.month > previous.month + 6:
                    current_year -= 1
                    day = _safe(partial, current_year)
        resolved.append(day)
        previous = day or previous
    return resolved


def _safe(partial: PartialDate, year: int) -> dt.date | None:
    try:
        return partial.resolve(year)
    except ValueError:  # 2/29 in a year that has none
        return None


def implied_year(previous: dt.date | None, study_year: int | None, new: dt.date) -> bool:
    """Whether a year-less `new` after `previous` is read as `new` (by `resolve_years`)."""
    before = [] if previous is None else [PartialDate(previous.month, previous.day, previous.year)]
    return resolve_years([*before, PartialDate(new.month, new.day)], study_year)[-1] == new
