"""The typed records of a README: its sessions and candidates, read from its tables, and
the study as a whole (`Study`, made from the facts study.py reads: `check` reads those
facts without loading these records).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Re-exported: these have always been importable from here.
from mdstudy.columns import Column as Column
from mdstudy.columns import column_map as column_map
from mdstudy.columns import column_of as column_of
from mdstudy.errors import MdStudyError
from mdstudy.inline import plain
from mdstudy.reader import ScheduleTable
from mdstudy.roles import find_candidate_table as find_candidate_table
from mdstudy.study import StudyFacts
from mdstudy.tables import Table, paused_gc
from mdstudy.values import extract_links, is_placeholder, parse_issue


@dataclass(frozen=True)
class Study:
    """What the README says of the study as a whole; None for what it does not say."""

    title: str | None
    year: int | None
    start: dt.date | None
    end: dt.date | None

    @classmethod
    def of(cls, facts: StudyFacts) -> Study:
        return cls(facts.title, facts.year, facts.start, facts.end)


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
    links: tuple[str, ...] = ()
    issue: int | None = None
    note: str | None = None
    line: int = 0
    cancelled: bool = False
    time: dt.time | None = None
    end: dt.date | None = None
    place: str | None = None
    cells: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Candidate:
    title: str
    links: tuple[str, ...] = ()
    keyword: str | None = None
    line: int = 0


def require_years(schedules: list[ScheduleTable], path: str) -> None:
    """A schedule with year-less dates whose year the README never tells: one clear error."""
    for schedule in schedules:
        if schedule.year is None and schedule.needs_year:
            raise MdStudyError(
                f"{path}:{schedule.table.line}: cannot tell the year of the schedule's dates: "
                "state the period (e.g. '2023년 5월 10일부터 2023년 7월 26일까지'), put the year "
                "in the title or a heading above the table, or pass year=YYYY",
                hint="year=YYYY",
            )


# Read once: an Enum member read from its class costs a descriptor call (100,000 rows).
_ISSUE, _NOTE, _PLACE = Column.ISSUE, Column.NOTE, Column.PLACE


def read_session(schedule: ScheduleTable, index: int, date: dt.date) -> Session:
    """The session of one body row, every value read once, plain."""
    reading = schedule.row(index)  # the row split once, for every value below
    raw = reading.raw
    columns = schedule.columns
    issue = columns.get(_ISSUE)
    return Session(
        date=date,
        presenter=None if reading.cancelled else reading.presenter,
        title=schedule.title(index),
        links=tuple(schedule.links(index)),
        issue=None if issue is None else parse_issue(raw[issue]),
        note=schedule.text(index, _NOTE),
        line=schedule.table.start + 3 + index,  # Table.row_line, inlined
        cancelled=reading.cancelled,
        time=schedule.time(index),
        end=schedule.end(index),
        place=schedule.text(index, _PLACE),
        cells={name: raw[column] for name, column in schedule.cell_roles},
    )


def read_sessions(schedules: list[ScheduleTable], path: str) -> list[Session]:
    for schedule in schedules:
        schedule.table.split_every_row()  # each row split once, for its date and its values
    require_years(schedules, path)
    with paused_gc():  # 100,000 records in a big README: see paused_gc
        return [
            read_session(schedule, index, date)
            for schedule in schedules
            for index, date in schedule.sessions()
        ]


def read_candidates(table: Table) -> list[Candidate]:
    columns = column_map(table)
    candidates = []
    for index, values in enumerate(table.rows):
        title = _plain_value(values, columns, Column.TITLE)
        if title is None:
            continue
        candidates.append(
            Candidate(
                title=title,
                links=tuple(extract_links(_raw(values, columns, Column.LINKS))),
                keyword=_plain_value(values, columns, Column.KEYWORD),
                line=table.row_line(index),
            )
        )
    return candidates


def _raw(values: list[str], columns: dict[Column, int], column: Column) -> str:
    index = columns.get(column)
    return values[index] if index is not None and index < len(values) else ""


def _plain_value(values: list[str], columns: dict[Column, int], column: Column) -> str | None:
    text = plain(_raw(values, columns, column))
    return None if is_placeholder(text) else text
