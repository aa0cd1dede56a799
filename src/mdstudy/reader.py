"""The schedule reader: which tables are schedules, and what each of their rows says.

One reader for every command. Per table it decides, once, the column roles
(columns.py, then the cells), the date style of the date column, the year of
year-less dates and the table's order; then each row is read into plain values
(inline.py) on demand. `doc.sessions`, the edits, the `check` rules, `show` and
`ics` all take their values from here.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string
# annotation of its fields into a ForwardRef (see rules/context.py); real types cost nothing.
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property
from itertools import accumulate

from mdstudy.columns import Column
from mdstudy.dates import (
    DateCell,
    DateStyle,
    PartialDate,
    date_style,
    read_date_cell,
    read_time,
    resolve_years,
)
from mdstudy.inline import plain
from mdstudy.patterns import compiled
from mdstudy.roles import Roles, find_roles, is_schedule, looks_like_course
from mdstudy.tables import Table, paused_gc
from mdstudy.values import is_placeholder, web_links

ASCENDING, DESCENDING = "ascending", "descending"

# A row that says there is no meeting. English phrases whole; Korean, Chinese and
# Japanese words anywhere in a short cell.
_NO_MEETING = (
    r"\bno\s+(?:meeting|meetings|class|classes|session|sessions|jc|journal\s+club|"
    r"reading\s+group|talk|talks|lecture|seminar|presentation)\b"
    r"|\bcancell?(?:ed|ation)\b|\bpostponed\b|\bholidays?\b|\bbreak\b|\brecess\b"
    r"|\bthanksgiving\b|\bchristmas\b|\bvacation\b|\bgo\s+home\b"
    r"|휴강|휴식|휴회|방학|취소|연휴|쉬어\s*갑니다|停课|休会|暂停|取消|放假|休講|中止|お休み"
)
_FEW_ROWS = 64  # past this many rows asked about, the whole table is searched at once
_SHORT_CELL = 40  # a cell saying "no meeting" is short; a title that mentions a break is not


# Words one of which every "no meeting" phrase holds, looked for as plain substrings
# (several times faster than a pattern): most rows and cells are passed over unread.
_NO_MEETING_HINTS = (
    "no", "cancel", "postpon", "holiday", "break", "recess", "thanksgiving", "christmas",
    "vacation", "home", "휴", "방학", "취소", "연휴", "쉬어", "停", "休", "暂", "取消", "放假",
    "中止", "お休",
)  # fmt: skip


def _may_say_no_meeting(text: str) -> bool:
    """Whether a row or cell might say there is no meeting (struck through, or a hint word)."""
    if "~" in text or "<" in text:
        return True
    lower = text.lower()
    for hint in _NO_MEETING_HINTS:  # noqa: SIM110 - a loop: no generator per call
        if hint in lower:
            return True
    return False


def says_no_meeting(text: str) -> bool:
    if len(text) > _SHORT_CELL or not _may_say_no_meeting(text):
        return False
    return compiled(_NO_MEETING, re.I).search(text) is not None


def _struck(raw: str) -> bool:
    """The whole cell struck through (`~~Jacob~~`, `~10/7/2024~`, `<del>…</del>`)."""
    if "~" not in raw and "<" not in raw:
        return False
    core = raw.strip(" \t")
    return (
        len(core) > 2 and core[0] == "~" and core[-1] == "~" and core.strip("~").strip() != ""
    ) or (core.lower().startswith(("<del>", "<s>", "<strike>")))


# --- years ------------------------------------------------------------------------------

_HEADING = r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$"
_HTML_HEADING = r"^\s*<h([1-6])[^>]*>(.*?)</h\1>"
_YEARS = r"(?<!\d)(19\d{2}|20\d{2})(?!\d)"
_SHORT_DATE_YEAR = r"(?<![\d.])(\d{2})\.(?:0?[1-9]|1[0-2])\.\d{1,2}(?![\d])"  # 24.01.04


def heading_years(lines: Sequence[str], before: int) -> list[int]:
    """Years named by the nearest heading above line index `before` (then its parents)."""
    level = 7
    for index in range(before - 1, -1, -1):
        line = lines[index]
        if "#" not in line and "<h" not in line.lower():
            continue
        m = compiled(_HEADING).match(line) or compiled(_HTML_HEADING, re.I).match(line)
        if not m:
            continue
        depth = len(m[1]) if m[1].startswith("#") else int(m[1])
        if depth >= level:
            continue
        years = [int(y) for y in compiled(_YEARS).findall(m[2])]
        if not years and "." in m[2]:
            years = [2000 + int(y) for y in compiled(_SHORT_DATE_YEAR).findall(m[2])]
        if years:
            return years
        level = depth
        if depth <= 1:
            break
    return []


# --- the reader of one table --------------------------------------------------------------


class RowReading:
    """One body row as a person reads it. (Plain classes for the reader's records: `check`
    loads this module, and a NamedTuple costs ten times as much start-up to define.)"""

    __slots__ = ("cancelled", "presenter", "raw")

    def __init__(self, raw: list[str], presenter: str | None, cancelled: bool) -> None:
        self.raw = raw  # the cells as written, fitted to the header
        self.presenter = presenter  # the presenter columns joined, before cancellation
        self.cancelled = cancelled


class ScheduleTable:
    """A schedule table: its roles, date style, each row's date, and its sessions on demand."""

    def __init__(self, table: Table, roles: Roles, years: list[int], year: int | None) -> None:
        self.table = table
        self.roles = roles
        self.columns = roles.columns
        self.date_column = roles.columns[Column.DATE]
        # A week column that names a date on some rows (`1주차`, ..., `9/22`): its labels
        # are not dates gone wrong.
        self.dates_among_labels = roles.columns.get(Column.NUMBER) == self.date_column
        # Looked up once: an Enum member read from its class costs a descriptor call per row.
        self.title_column = roles.columns.get(Column.TITLE)
        self.time_column = roles.columns.get(Column.TIME)
        self.title_source = roles.links[0] if roles.title_from_links else self.title_column
        self.heading_years = years
        self.fallback_year = year
        self._row_looks = 0  # rows looked at one by one for "no meeting" (see _may_be_cancelled)

    @cached_property
    def cell_roles(self) -> tuple[tuple[str, int], ...]:
        """(role name, column) of every role: a session's `cells`, looked up once."""
        return tuple((role.value, column) for role, column in self.columns.items())

    @cached_property
    def date_texts(self) -> list[str]:
        """Each body row's date cell as written (rows are split once, here)."""
        column = self.date_column
        if self.table.has_rows():
            return [values[column] for values in self.table.rows]
        with paused_gc():
            return [row.value(column) for row in self.table.body_rows]

    @cached_property
    def style(self) -> DateStyle:
        """How the date column writes dates (day or month first), decided from all its cells."""
        return date_style(self.date_texts)

    @cached_property
    def date_cells(self) -> list[DateCell | None]:
        """What each body row's date cell says (None: no date there), read in one style."""
        style = self.style
        hint: list[int] = []  # the pattern that fit the last cell is tried first
        # A year-less column repeats its texts every year (`5/3`): each is read once.
        known: dict[str, DateCell | None] = {"": None}
        cells = []
        with paused_gc():
            for text in self.date_texts:
                if text in known:
                    cells.append(known[text])
                else:
                    cells.append(known.setdefault(text, read_date_cell(text, style, hint)))
        return cells

    @cached_property
    def order(self) -> str:
        """ASCENDING or DESCENDING: which way most consecutive dates go."""
        up = down = 0
        previous: PartialDate | None = None
        for found in self.date_cells:
            if found is None:
                continue
            date = found.date
            if previous is not None:
                if date.year and previous.year:
                    key = (date.year * 13 + date.month) * 32 + date.day
                    before = (previous.year * 13 + previous.month) * 32 + previous.day
                    same = key == before
                    step = key > before
                else:  # year-less: by month and day; Dec -> Jan is a step forward
                    key = date.month * 32 + date.day
                    before = previous.month * 32 + previous.day
                    same = key == before
                    step = key > before or previous.month - date.month > 6
                if not same:
                    up += step
                    down += not step
            previous = date
        if down == up:  # one row out of place in a short table: the ends decide
            dated = [c.date for c in self.date_cells if c is not None and c.date.year]
            return DESCENDING if len(dated) > 1 and dated[-1][::-1] < dated[0][::-1] else ASCENDING
        return DESCENDING if down > up else ASCENDING

    @property
    def needs_year(self) -> bool:
        return any(found is not None and found.date.year is None for found in self.date_cells)

    @cached_property
    def year(self) -> int | None:
        """The year of the first year-less date: a heading above, else the study's."""
        if self.heading_years:
            pick = max if self.order == DESCENDING else min
            return pick(self.heading_years)
        return self.fallback_year

    @cached_property
    def days(self) -> list[dt.date | None]:
        """The date of every body row, the year resolved (None: no session there)."""
        with paused_gc():
            return resolve_years(
                [found.date if found else None for found in self.date_cells],
                self.year,
                self.order == DESCENDING,
            )

    def end(self, index: int) -> dt.date | None:
        found = self.date_cells[index]
        day = self.days[index]
        if found is None or found.end is None or day is None:
            return None
        try:
            end = found.end.resolve(found.end.year or day.year)
        except ValueError:
            return None
        if end < day:
            end = end.replace(year=end.year + 1) if end.month < day.month else end
        return end if end > day else None

    def values(self, index: int) -> list[str]:
        table = self.table
        if table.has_rows():  # a command that reads every row split them all once
            return table.rows[index]
        values = table.body_rows[index].values()
        return values if len(values) == table.width else table.fit(values)

    def row(self, index: int) -> RowReading:
        """Body row `index` read once: each cell's plain text, and whether it is cancelled."""
        found = self._rows.get(index)
        if found is None:
            found = self._rows[index] = self._read_row(index)
        return found

    @cached_property
    def _rows(self) -> dict[int, RowReading]:
        return {}

    def _read_row(self, index: int) -> RowReading:
        raw = self.values(index)
        texts = (plain(raw[column]) for column in self.roles.presenters if raw[column])
        names = [text for text in texts if not is_placeholder(text)]
        presenter = "; ".join(names) if names else None
        cancelled = self._may_be_cancelled(index) and self._says_cancelled(raw, presenter)
        return RowReading(raw, presenter, cancelled)

    def _may_be_cancelled(self, index: int) -> bool:
        """A look at the row's line rules most rows out before any cell is read."""
        hinted = self.__dict__.get("_hinted_rows")
        if hinted is None:
            if self._row_looks < _FEW_ROWS:  # an edit asks about a few rows: look at those
                self._row_looks += 1
                return _may_say_no_meeting(self.table.body_rows[index].text())
            hinted = self._hinted_rows
        return index in hinted

    @cached_property
    def _hinted_rows(self) -> frozenset[int]:
        """The rows whose line holds a strike or a "no meeting" hint word.

        One search over the whole table's text, then a per-row look only where a hint
        occurs: a 100,000-row table without any is passed over at C speed.
        """
        lines = [row.text() for row in self.table.body_rows]
        text = "".join(lines)
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer: look row by row
            return frozenset(i for i, line in enumerate(lines) if _may_say_no_meeting(line))
        starts = list(accumulate(map(len, lines), initial=0))
        found: set[int] = set()
        for hint in ("~", "<", *_NO_MEETING_HINTS):
            at = lower.find(hint)
            while at != -1:
                row = bisect_right(starts, at) - 1
                found.add(row)
                at = lower.find(hint, starts[row + 1])  # the next row: one hit per row is enough
        return frozenset(found)

    def _says_cancelled(self, raw: list[str], presenter: str | None) -> bool:
        """No meeting: a struck-through date or presenter, or `No meeting`, `휴강`, …"""
        if _struck(raw[self.date_column]):
            return True
        if any(_struck(raw[c]) for c in self.roles.presenters):
            return True
        title = self.title_column
        named = [*self.roles.presenters, *([title] if title is not None else [])]
        if any(says_no_meeting(plain(raw[c])) for c in named):
            return True
        if presenter is not None:
            return False  # someone presents: a note such as 휴강 or 추석 is only a note
        # Nobody presents and another cell says why (`9/22 | N/A | Magical Week | 휴식!`).
        others = (c for c in range(len(raw)) if c != self.date_column and raw[c])
        return any(says_no_meeting(plain(raw[c])) for c in others)

    def text(self, index: int, role: Column) -> str | None:
        """A role's plain value in a row: None where the cell holds a placeholder."""
        column = self.columns.get(role)
        return None if column is None else self._plain(index, column)

    def _plain(self, index: int, column: int) -> str | None:
        raw = self.row(index).raw[column]
        if not raw:
            return None
        text = plain(raw)
        return None if is_placeholder(text) else text

    def cancelled(self, index: int) -> bool:
        found = self._rows.get(index)
        if found is None and not self._may_be_cancelled(index):
            return False
        return self.row(index).cancelled

    def presenter(self, index: int) -> str | None:
        reading = self.row(index)
        return None if reading.cancelled else reading.presenter

    def title(self, index: int) -> str | None:
        if self.cancelled(index):
            return None
        more = self.continuations.get(index)
        if more is None:  # most sessions are one row
            return self.own_title(index)
        titles = [self.own_title(i) for i in (index, *more)]
        kept = [title for title in titles if title is not None]
        return "; ".join(kept) if kept else None

    def own_title(self, index: int) -> str | None:
        """The title of one row alone (not joined with the rows that continue it)."""
        column = self.title_source
        return None if column is None else self._plain(index, column)

    def links(self, index: int) -> list[str]:
        """The http(s) URLs of the links columns and the title cell, in column order."""
        more = self.continuations.get(index)
        if not more:
            return self.own_links(index)
        return [url for row_index in (index, *more) for url in self.own_links(row_index)]

    def own_links(self, index: int) -> list[str]:
        """The http(s) URLs of one row alone (not of the rows that continue it)."""
        urls: list[str] = []
        raw = self.row(index).raw
        for column in self._link_columns:
            if raw[column]:
                urls.extend(web_links(raw[column]))
        return urls

    @cached_property
    def _link_columns(self) -> tuple[int, ...]:
        title = self.title_column
        return tuple(sorted({*self.roles.links, *([title] if title is not None else [])}))

    @cached_property
    def continuations(self) -> dict[int, tuple[int, ...]]:
        """Rows that continue the session above: no date and no presenter, only more topic.

        (`| | | Koehn and Knowles. Six Challenges … |` under a dated row.)
        """
        found: dict[int, list[int]] = {}
        owner: int | None = None
        for index, cell in enumerate(self.date_cells):
            if cell is not None:
                owner = index if self.days[index] is not None else None
                continue
            if owner is None or not self._continues(index):
                owner = None
                continue
            found.setdefault(owner, []).append(index)
        return {owner: tuple(rows) for owner, rows in found.items()}

    def _continues(self, index: int) -> bool:
        raw = self.row(index).raw
        if plain(raw[self.date_column]):
            return False
        if any(plain(raw[column]) for column in self.roles.presenters):
            return False
        return self.own_title(index) is not None

    def time(self, index: int) -> dt.time | None:
        found = self.date_cells[index]
        if found is not None and found.time is not None:
            return found.time
        if self.time_column is None:
            return None
        text = self.row(index).raw[self.time_column]
        if not text:
            return None
        return read_time(plain(text))

    def sessions(self) -> Iterator[tuple[int, dt.date]]:
        for index, day in enumerate(self.days):
            if day is not None:
                yield index, day


# --- a document's schedules ------------------------------------------------------------------


class Reading:
    """What the reader found in a document: schedule tables, and dated tables it could not read."""

    __slots__ = ("schedules", "unread")

    def __init__(self, schedules: list[ScheduleTable], unread: list[Table]) -> None:
        self.schedules = schedules
        self.unread = unread


def read_tables(
    tables: Sequence[Table],
    lines: Sequence[str],
    study_year: int | None,
    mapped: dict[Column, list[str]] | None = None,
) -> Reading:
    schedules: list[ScheduleTable] = []
    unread: list[Table] = []
    course: bool | None = None
    for table in tables:
        if not table.body_rows:
            continue
        roles = find_roles(table, mapped)
        if Column.DATE not in roles.columns:
            continue
        if course is None and Column.PRESENTER not in roles.columns:
            # Only a table without presenters asks; the whole text is joined for it alone.
            course = looks_like_course("\n".join(lines))
        if is_schedule(roles, bool(course)):
            years = heading_years(lines, table.start)
            schedules.append(ScheduleTable(table, roles, years, study_year))
        elif roles.date_by_header or Column.TITLE in roles.columns:
            unread.append(table)
    return Reading(_without_translations(schedules), unread)


def _without_translations(schedules: list[ScheduleTable]) -> list[ScheduleTable]:
    """Drop a table that repeats an earlier one in another language.

    Bilingual READMEs give the schedule twice: as many columns, the date in the same
    one and the same dates row for row, under translated headers. A person reads it once.
    """
    kept: list[ScheduleTable] = []
    for schedule in schedules:
        if not any(_translates(schedule, earlier) for earlier in kept):
            kept.append(schedule)
    return kept


def _translates(later: ScheduleTable, earlier: ScheduleTable) -> bool:
    if (
        later.date_column != earlier.date_column
        or later.table.width != earlier.table.width
        or later.table.header == earlier.table.header
    ):
        return False
    dates = [row.value(later.date_column) for row in later.table.body_rows]
    return dates == [row.value(earlier.date_column) for row in earlier.table.body_rows]
