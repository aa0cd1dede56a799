"""The typed study model read from a README's tables: Study, Session, Candidate."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from mdstudy.dates import (
    PartialDate,
    find_period,
    is_day_first,
    parse_date,
    resolve_dates,
    year_in,
)
from mdstudy.errors import MdStudyError
from mdstudy.tables import Table, paused_gc
from mdstudy.values import extract_links, or_none, parse_issue


class Column(str, Enum):
    DATE = "date"
    PRESENTER = "presenter"
    TITLE = "title"
    LINKS = "links"
    ISSUE = "issue"
    NOTE = "note"
    KEYWORD = "keyword"


# Header texts (normalised: lower case, markup and a final period removed) per column.
ALIASES: dict[str, Column] = {
    alias: column
    for column, aliases in (
        (Column.DATE, ("when", "date", "날짜", "일시", "일자")),
        (Column.PRESENTER, ("who", "presenter", "speaker", "발표자", "담당자")),
        (Column.TITLE, ("what", "topic", "title", "paper", "주제", "제목", "논문")),
        (Column.LINKS, ("links", "link", "slides", "자료", "링크")),
        (Column.ISSUE, ("issue #", "issue", "issue no", "이슈")),
        (Column.NOTE, ("etc", "notes", "note", "비고")),
        (Column.KEYWORD, ("keyword", "keywords", "키워드")),
    )
    for alias in aliases
}
_HEADER_MARKUP = re.compile(r"<[^>]*>|[*_`~]|:[a-z_]+:|\s+")


def column_of(header: str) -> Column | None:
    normal = _HEADER_MARKUP.sub(" ", header).strip().casefold().rstrip(".:").strip()
    return ALIASES.get(" ".join(normal.split()))


def column_map(table: Table) -> dict[Column, int]:
    """Which column index holds which field (the first column of each kind wins)."""
    columns: dict[Column, int] = {}
    for index, header in enumerate(table.header):
        column = column_of(header)
        if column is not None and column not in columns:
            columns[column] = index
    return columns


@dataclass(frozen=True)
class Study:
    title: str | None
    year: int | None
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Session:
    """One session as a person reads it: plain values (no Markdown), None for nothing yet.

    `cells` keeps each role's cell text as written (what edits rewrite); `time` is
    a time of day written with the date or in a time column; `end` the last day of
    a date range (`2022.07.04 - 11`); `cancelled` a row that says there is no meeting.
    """

    date: dt.date
    presenter: str | None
    title: str | None
    links: list[str] = field(default_factory=list)
    issue: int | None = None
    note: str | None = None
    line: int = 0
    cancelled: bool = False
    time: dt.time | None = None
    end: dt.date | None = None
    place: str | None = None
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    title: str
    links: list[str] = field(default_factory=list)
    keyword: str | None = None
    line: int = 0


def is_schedule(columns: dict[Column, int]) -> bool:
    return Column.DATE in columns and Column.PRESENTER in columns


def is_candidate_list(columns: dict[Column, int]) -> bool:
    return Column.TITLE in columns and Column.LINKS in columns and Column.DATE not in columns


def find_table(tables: list[Table], wanted: str) -> Table | None:
    """The schedule ("sessions") or the candidate list ("candidates"): the first that fits."""
    test = is_schedule if wanted == "sessions" else is_candidate_list
    return next((table for table in tables if test(column_map(table))), None)


_H1 = re.compile(r"^ {0,3}#(?:[ \t]+(.*?))?[ \t#]*$")


def read_study(lines: list[str], text: str, year_option: int | None) -> Study:
    title = next((m[1] for m in map(_H1.match, lines) if m and m[1]), None)
    period = find_period(text)
    year = period[0].year if period else (year_in(title) if title else None) or year_option
    start, end = period if period else (None, None)
    return Study(title, year, start, end)


def cell(values: list[str], columns: dict[Column, int], column: Column) -> str:
    index = columns.get(column)
    return values[index] if index is not None and index < len(values) else ""


def schedule_dates(table: Table) -> list[PartialDate | None]:
    """The date written in each body row of the schedule (None where there is none)."""
    index = column_map(table)[Column.DATE]
    cells = [row.value(index) for row in table.body_rows]  # not Table.rows: see read_sessions
    day_first = is_day_first(cells)
    return [parse_date(cell, day_first=day_first) for cell in cells]


def schedule_days(table: Table, study: Study, path: str) -> list[dt.date | None]:
    """The date of each body row of the schedule, its year resolved (None where there is none)."""
    with paused_gc():  # 100,000 dates in a big README: see paused_gc
        partials = schedule_dates(table)
        if any(p is not None and p.year is None for p in partials) and study.year is None:
            raise MdStudyError(
                f"{path}: cannot tell the year of the schedule's dates: state the period "
                "(e.g. '2023년 5월 10일부터 2023년 7월 26일까지'), put the year in the title, "
                "or pass --year"
            )
        return resolve_dates(partials, study.year or 0)


_SESSION_FIELDS = (Column.PRESENTER, Column.TITLE, Column.LINKS, Column.ISSUE, Column.NOTE)


class _SessionReader:
    """Builds the Session of one body row; column indices are looked up once per table."""

    def __init__(self, table: Table) -> None:
        columns = column_map(table)
        self.table = table
        self.width = table.width
        self.first_line = table.row_line(0)
        self.fields = tuple(columns.get(column) for column in _SESSION_FIELDS)

    def __call__(self, index: int, date: dt.date) -> Session:
        # The row's values are read here and dropped, not kept in Table.rows: a
        # 100,000-row schedule would otherwise hold every cell twice (values and sessions).
        values = self.table.body_rows[index].values()
        if len(values) != self.width:  # fitted as Table.rows does: every index found is in range
            values = self.table.fit(values)
        presenter, title, links, issue, note = self.fields
        return Session(
            date=date,
            presenter=None if presenter is None else or_none(values[presenter]),
            title=None if title is None else or_none(values[title]),
            links=[] if links is None else extract_links(values[links]),
            issue=None if issue is None else parse_issue(values[issue]),
            note=None if note is None else or_none(values[note]),
            line=self.first_line + index,
        )


def read_session(table: Table, index: int, date: dt.date) -> Session:
    """The session of body row `index` alone (an edit builds only the rows it touches)."""
    return _SessionReader(table)(index, date)


def presenter_reader(table: Table) -> Callable[[int], str | None]:
    """Body row index -> that row's presenter as its Session reads it, without the Session."""
    rows, column = table.body_rows, column_map(table)[Column.PRESENTER]
    return lambda index: or_none(rows[index].value(column))


def read_sessions(table: Table, study: Study, path: str) -> list[Session]:
    dates = schedule_days(table, study, path)
    read = _SessionReader(table)
    with paused_gc():  # 100,000 records in a big README: see paused_gc
        return [read(index, date) for index, date in enumerate(dates) if date is not None]


def read_candidates(table: Table) -> list[Candidate]:
    columns = column_map(table)
    candidates = []
    for index, values in enumerate(table.rows):
        title = or_none(cell(values, columns, Column.TITLE))
        if title is None:
            continue
        candidates.append(
            Candidate(
                title=title,
                links=extract_links(cell(values, columns, Column.LINKS)),
                keyword=or_none(cell(values, columns, Column.KEYWORD)),
                line=table.row_line(index),
            )
        )
    return candidates
