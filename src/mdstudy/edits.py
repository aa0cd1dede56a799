"""Operations on the schedule and the candidate list: each checks its input and returns a Plan.

Every operation takes a Document and says what changes, as a plan.Plan: row
operations on one table holding the values as the user meant them. How they
are written (cell texts, placeholders, date spelling, padding) is render.py's
job; Document.apply writes a plan, and Document's edit methods are these
functions (declared here once, exposed there by document._edit). Bad input raises
MdStudyError naming the file, the row and the problem; nothing is changed then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from mdstudy.document import HasSnapshot
from mdstudy.errors import MdStudyError
from mdstudy.inline import plain
from mdstudy.model import (
    Candidate,
    Column,
    Session,
    column_map,
    read_session,
    require_years,
)
from mdstudy.plan import DeleteRow, InsertRow, MoveRow, Plan, RowOp, SetRow, SwapRows, Value
from mdstudy.reader import DESCENDING, ScheduleTable
from mdstudy.tables import Table
from mdstudy.values import extract_links, is_placeholder, is_web_url
from mdstudy.when import Slot, find_slot, new_date

# WHEN, as a command takes it (`5/24`, `5/24#2`, `L42`, `next`) or as a date.
When = str | dt.date


def when_text(when: When) -> str:
    """A date as the WHEN text that names it (ISO, so the year is part of it)."""
    if isinstance(when, dt.datetime):
        return when.date().isoformat()
    return when.isoformat() if isinstance(when, dt.date) else when


# What a session holds besides its date: cleared by unassign, replaced by assign.
SESSION_COLUMNS = (Column.PRESENTER, Column.TITLE, Column.LINKS, Column.ISSUE, Column.NOTE)

# --- values a cell can hold ---------------------------------------------------


def checked_value(value: str, what: str) -> str:
    """A value trimmed as a cell trims it; one a table cell cannot hold is refused."""
    if "\n" in value or "\r" in value:
        raise MdStudyError(f"{what}: a table cell cannot hold a line break: {value!r}")
    text = value.strip(" \t")
    if text and not plain(text):
        raise MdStudyError(f"{what}: {value!r} shows as nothing on GitHub")
    if "\\|" in text:
        # GitHub reads `\|` as an escaped pipe whatever comes before it, so a
        # backslash right before a pipe cannot be written so that it survives.
        raise MdStudyError(f"{what}: a backslash right before '|' cannot be written in a table")
    return text


def check_url(url: str, what: str) -> str:
    """An absolute http(s) URL, or MdStudyError."""
    url = url.strip()
    if not is_web_url(url):  # the one rule MS006 checks too
        raise MdStudyError(f"{what}: {url!r} is not an absolute http(s) URL")
    return url


def checked_links(urls: Sequence[str], what: str) -> tuple[str, ...]:
    """URLs a links cell can hold: each reads back whole, bare or as `<url>`, and apart."""
    for given in urls:
        url = check_url(given, what)
        if "|" in url:
            raise MdStudyError(f"{what}: {url!r} contains '|'; write it as %7C")
        if extract_links(url) != [url] and extract_links(f"<{url}>") != [url]:
            raise MdStudyError(f"{what}: {url!r} cannot be written so that it reads back the same")
    # A cell reads its links back trimmed, so a URL given with spaces around it never
    # reads back as given. (Checked, true to form, after each URL's own checks.)
    if any(url != url.strip() for url in urls):
        raise MdStudyError(f"{what}: these links cannot be written apart: {' '.join(urls)}")
    return tuple(urls)


# --- the schedule ---------------------------------------------------------------


class _Schedule:
    """The schedule tables of a document, read only as far as an edit needs.

    Finding the session WHEN names needs every row's date (and, for `next`, some
    presenters), not every Session: building all of them is most of the time an
    edit of a 100,000-row schedule would take. A session is known by its table
    and body row index; a full Session is read only for the rows an edit touches.
    """

    def __init__(self, doc: HasSnapshot) -> None:
        self.doc = doc = doc.snapshot
        self.tables = doc.require_schedule()
        require_years(self.tables, doc.name)
        self.rows = [
            (schedule, index)
            for schedule in self.tables
            for index in range(len(schedule.table.body_rows))
        ]

    def find(self, when: When, today: dt.date | None = None) -> tuple[ScheduleTable, int]:
        """The table and body row index of the session WHEN names."""
        when = when_text(when)
        slots = [
            Slot(schedule.days[index], schedule.table.row_line(index))
            for schedule, index in self.rows
        ]

        def is_free(at: int) -> bool:
            schedule, index = self.rows[at]
            return not schedule.cancelled(index) and schedule.presenter(index) is None

        return self.rows[find_slot(slots, when, self.doc.name, is_free, today)]

    def session(self, schedule: ScheduleTable, index: int) -> Session:
        return read_session(schedule, index, self.date(schedule, index))

    @staticmethod
    def date(schedule: ScheduleTable, index: int) -> dt.date:
        date = schedule.days[index]
        assert date is not None, "only rows with a date are sessions"
        return date

    def where(self, schedule: ScheduleTable, index: int) -> str:
        return f"{self.doc.name}:{schedule.table.row_line(index)}"

    @staticmethod
    def written_date(schedule: ScheduleTable, index: int) -> str:
        return schedule.table.body_rows[index].value(schedule.date_column)

    def refuse_taken(
        self,
        table: ScheduleTable,
        date: dt.date,
        what: str,
        but: int | None,
        problem: str = "already has a session on that day",
    ) -> None:
        """A second session on a date only in a table that already holds several on one date."""
        days = [d for i, d in enumerate(table.days) if d is not None and i != but]
        if len(set(days)) < len(days):
            return  # the table's habit: several talks on one day
        taken = next((i for i, d in enumerate(table.days) if d == date and i != but), None)
        if taken is not None:
            line = table.table.row_line(taken)
            raise MdStudyError(
                f"{what}: line {line} {problem}" if but is not None else f"{what}:{line}: {problem}"
            )

    def table_for(self, date: dt.date) -> ScheduleTable:
        """The table a new session on `date` goes to: the one whose dates surround it, else
        the one with the latest dates."""
        spans = []
        for schedule in self.tables:
            known = [d for d in schedule.days if d is not None]
            if known:
                spans.append((min(known), max(known), schedule))
        for first, last, schedule in spans:
            if first <= date <= last:
                return schedule
        if not spans:
            return self.tables[0]
        return max(spans, key=lambda span: span[1])[2]

    @staticmethod
    def place(schedule: ScheduleTable, date: dt.date, but: int | None = None) -> int:
        """Where a session on `date` goes in the table's own order: the row it goes before."""
        descending = schedule.order == DESCENDING
        for index, day in enumerate(schedule.days):
            if day is None or index == but:
                continue
            if (day < date) if descending else (day > date):
                return index
        return len(schedule.table.body_rows)

    def plan(self, schedule: ScheduleTable, *ops: RowOp, kept: tuple[int, ...] = ()) -> Plan:
        return Plan(
            self.doc.name, schedule.table, ops, tuple(schedule.days), schedule.year,
            schedule.columns, schedule.style.day_first, kept,
        )  # fmt: skip


# The argument that fills a column, as the message names it (the CLI says its option).
_ARGUMENTS = {
    Column.TITLE: "title=",
    Column.LINKS: "links=",
    Column.ISSUE: "issue=",
    Column.NOTE: "note=",
    Column.KEYWORD: "keyword=",
}


def _column(schedule_columns: dict[Column, int], column: Column, name: str) -> int:
    index = schedule_columns.get(column)
    if index is None:
        argument = _ARGUMENTS.get(column)
        if argument is None:
            raise MdStudyError(f"{name}: the table has no {column.value} column")
        raise MdStudyError(
            f"{name}: the table has no {column.value} column for {argument}", hint=argument
        )
    return index


def assign(
    doc: HasSnapshot,
    when: When,
    who: str,
    *,
    title: str | None = None,
    links: Sequence[str] | None = None,
    issue: int | None = None,
    note: str | None = None,
    candidate: str | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> Plan:
    """Fill a session. Fields not given are kept, unless the session changes hands (`force`)."""
    doc = doc.snapshot  # the views as they are now
    schedule = _Schedule(doc)
    table, index = schedule.find(when, today)
    session = schedule.session(table, index)
    where = schedule.where(table, index)
    who_value = checked_value(who, f"{where}: presenter")
    if is_placeholder(plain(who_value)):
        raise MdStudyError(f"{where}: {who!r} is a placeholder, not a presenter")
    # Compared as a reader sees them: `[Ada Lovelace](…)` is Ada Lovelace.
    changes_hands = session.presenter is not None and session.presenter != plain(who_value)
    if changes_hands and not force:
        raise MdStudyError(
            f"{where}: the session on {schedule.written_date(table, index)} already has a "
            f"presenter ({session.presenter}); use force=True to replace",
            hint="force=True",
        )
    if candidate is not None:
        picked = find_candidate(doc, candidate)
        title = picked.title if title is None else title
        links = links or list(picked.links)
    columns = table.columns
    given: dict[Column, Value] = {Column.PRESENTER: who_value}
    if title is not None:
        given[Column.TITLE] = checked_value(title, f"{where}: title")
    if links:
        given[Column.LINKS] = checked_links(links, f"{where}: link")
    if issue is not None:
        if issue < 1:
            raise MdStudyError(f"{where}: issue number must be 1 or more, not {issue}")
        given[Column.ISSUE] = issue
    if note is not None:
        given[Column.NOTE] = checked_value(note, f"{where}: note")
    fields: dict[Column, Value] = {}
    for column in SESSION_COLUMNS:
        if column in given:
            _column(columns, column, doc.name)
            fields[column] = given[column]
        elif changes_hands and column in columns:
            fields[column] = None
    if not changes_hands and Column.PRESENTER in fields and session.presenter is not None:
        del fields[Column.PRESENTER]  # the same person: keep the cell as written (with its link)
    return schedule.plan(table, SetRow(index, fields))


def chosen(plan: Plan) -> tuple[str, dt.date]:
    """The session a one-row plan edits: its date as the table writes it, and as a date."""
    row = plan.ops[0].row  # type: ignore[union-attr]
    date = plan.days[row]
    assert date is not None and plan.columns is not None, "a session has a date"
    return plan.table.body_rows[row].value(plan.columns[Column.DATE]), date


def find_session(doc: HasSnapshot, when: When, *, today: dt.date | None = None) -> Session:
    """The session WHEN names, as it is now."""
    schedule = _Schedule(doc)
    return schedule.session(*schedule.find(when, today))


def unassign(doc: HasSnapshot, when: When, *, today: dt.date | None = None) -> Plan:
    """Return a session to its empty state: the table's placeholders in every field."""
    schedule = _Schedule(doc)
    table, index = schedule.find(when, today)
    fields: dict[Column, Value] = {c: None for c in SESSION_COLUMNS if c in table.columns}
    return schedule.plan(table, SetRow(index, fields))


def swap(doc: HasSnapshot, first: When, second: When, *, today: dt.date | None = None) -> Plan:
    """Exchange everything but the dates of two sessions, each cell's text moved as written."""
    schedule = _Schedule(doc)
    (table_a, ia), (table_b, ib) = schedule.find(first, today), schedule.find(second, today)
    if table_a is table_b and ia == ib:
        raise MdStudyError(f"{schedule.where(table_a, ia)}: cannot swap a session with itself")
    if table_a is not table_b:
        raise MdStudyError(
            f"{schedule.where(table_b, ib)}: the two sessions are in different tables; "
            "swap sessions of one table, or assign each by hand"
        )
    return schedule.plan(table_a, SwapRows(ia, ib, Column.DATE))


def move(doc: HasSnapshot, when: When, date: When, *, today: dt.date | None = None) -> Plan:
    """Give a session another date, moving its row so the table stays in date order."""
    date = when_text(date)
    schedule = _Schedule(doc)
    table, index = schedule.find(when, today)
    target = new_date(table.days, date, table.year)
    if target == schedule.date(table, index):
        return schedule.plan(table, kept=(index,))  # already on that date
    where = f"{schedule.where(table, index)}: cannot move to {date}"
    schedule.refuse_taken(table, target, where, index)
    before = schedule.place(table, target, but=index)
    return schedule.plan(table, MoveRow(index, before, {Column.DATE: target}))


def add_session(doc: HasSnapshot, date: When) -> Plan:
    """Insert an empty session in date order, in the layout of its neighbours."""
    doc = doc.snapshot  # the views as they are now
    date = when_text(date)
    schedule = _Schedule(doc)
    every_day = [day for table in schedule.tables for day in table.days]
    target = new_date(every_day, date, schedule.tables[0].year or doc.study.year)
    table = schedule.table_for(target)
    schedule.refuse_taken(table, target, doc.name, None, f"there is already a session on {date}")
    before = schedule.place(table, target)
    fields: dict[Column, Value] = {Column.DATE: target}
    number = next_number(table, before)
    if number is not None:
        fields[Column.NUMBER] = number
    return schedule.plan(table, InsertRow(before, fields))


def next_number(table: ScheduleTable, before: int) -> str | None:
    """The number a new row gets in a numbering column (`#`, `No.`, `Week`), when it is the
    next in the sequence: a row added after the newest session continues the count."""
    column = table.columns.get(Column.NUMBER)
    if column is None or column == table.date_column:
        return None
    rows = table.table.body_rows
    newest = 0 if table.order == DESCENDING else len(rows)
    if before != newest or not rows:
        return None
    neighbour = rows[0] if newest == 0 else rows[-1]
    m = re.fullmatch(r"(\D*?)(\d+)(\D*)", neighbour.value(column).strip())
    if m is None:
        return None
    return f"{m[1]}{int(m[2]) + 1:0{len(m[2])}d}{m[3]}"


def remove_session(
    doc: HasSnapshot, when: When, *, force: bool = False, today: dt.date | None = None
) -> Plan:
    """Delete a session's row; an assigned session only with `force`."""
    schedule = _Schedule(doc)
    table, index = schedule.find(when, today)
    presenter = table.presenter(index)
    if presenter is not None and not force:
        raise MdStudyError(
            f"{schedule.where(table, index)}: the session on "
            f"{schedule.written_date(table, index)} is assigned to {presenter}; "
            "use force=True to remove it",
            hint="force=True",
        )
    return schedule.plan(table, DeleteRow(index))


# --- candidates ---------------------------------------------------------------------


def require_candidate_table(doc: HasSnapshot) -> Table:
    doc = doc.snapshot  # the views as they are now
    table = doc.candidate_table
    if table is None:
        raise MdStudyError(
            f"{doc.name}: no candidate table (a table with a title column such as 'Title' "
            "and a link column such as 'Link', without a date column)"
        )
    return table


def find_candidate(doc: HasSnapshot, query: str) -> Candidate:
    """The one candidate whose title contains `query` (case-insensitive); an exact title wins."""
    doc = doc.snapshot  # the views as they are now
    require_candidate_table(doc)
    needle = plain(query).casefold()  # titles are compared as GitHub shows them
    if not needle:
        raise MdStudyError("the candidate query is empty")
    found = [c for c in doc.candidates if needle in c.title.casefold()]
    exact = [c for c in found if c.title.casefold() == needle]
    if len(exact) == 1:
        return exact[0]
    if not found:
        raise MdStudyError(
            f"{doc.name}: no candidate title contains {query!r} "
            f"({len(doc.candidates)} candidates; see doc.candidates)",
            hint="doc.candidates",
        )
    if len(found) > 1:
        listed = "; ".join(f"line {c.line}: {c.title}" for c in found)
        raise MdStudyError(f"{doc.name}: {query!r} matches {len(found)} candidates: {listed}")
    return found[0]


def add_candidate(
    doc: HasSnapshot, title: str, *, links: Sequence[str] = (), keyword: str | None = None
) -> Plan:
    """Append a candidate to the candidate list, in the layout of its last row."""
    doc = doc.snapshot  # the views as they are now
    table = require_candidate_table(doc)
    columns = column_map(table)
    at = len(table.body_rows)
    where = f"{doc.name}:{table.row_line(at)}"
    title_value = checked_value(title, f"{where}: title")
    if is_placeholder(title_value):
        raise MdStudyError(f"{where}: {title!r} is a placeholder, not a title")
    for existing in doc.candidates:
        if existing.title.casefold() == title_value.casefold():
            raise MdStudyError(f"{doc.name}:{existing.line}: {existing.title!r} is already listed")
    fields: dict[Column, Value] = {Column.TITLE: title_value}
    if links:
        fields[Column.LINKS] = checked_links(links, f"{where}: link")
    if keyword is not None:
        _column(columns, Column.KEYWORD, doc.name)
        fields[Column.KEYWORD] = checked_value(keyword, f"{where}: keyword")
    return Plan(doc.name, table, (InsertRow(at, fields),))


def remove_candidate(doc: HasSnapshot, query: str) -> Plan:
    """Delete the one candidate whose title contains `query`."""
    table = require_candidate_table(doc)
    picked = find_candidate(doc, query)
    return Plan(doc.snapshot.name, table, (DeleteRow(picked.line - table.row_line(0)),))


# --- a term of sessions (`mdstudy plan`) -------------------------------------------------------


def add_sessions(
    doc: HasSnapshot,
    dates: Sequence[dt.date],
    *,
    table: ScheduleTable | None = None,
    at: int | None = None,
    drop: Sequence[int] = (),
    examples: Sequence[int] = (),
) -> tuple[Plan, list[dt.date]]:
    """Insert empty sessions on `dates` into one schedule table, each in the table's order
    (as add_session places one), numbered when the table numbers its rows.

    `at` puts every new row before that body row instead; `drop` are body rows deleted
    in the same plan; `examples` (and `drop`) are rows of `table` that are not sessions
    (only examples of its spelling). Dates the schedule already has are left alone: they
    are returned, not planned.
    """
    schedule = _Schedule(doc)
    dropped = {(id(table), index) for index in (*drop, *examples)}
    known = {
        day
        for each in schedule.tables
        for index, day in enumerate(each.days)
        if day is not None and (id(each), index) not in dropped
    }
    wanted = sorted(set(dates))
    present = [day for day in wanted if day in known]
    new = [day for day in wanted if day not in known]
    if table is None:
        if not new:
            return schedule.plan(schedule.tables[0]), present
        table = schedule.table_for(new[0])
    descending = table.order == DESCENDING
    groups: dict[int, list[dt.date]] = {}
    for day in new:
        groups.setdefault(schedule.place(table, day) if at is None else at, []).append(day)
    ops: list[RowOp] = []
    for before in sorted(groups):
        days = sorted(groups[before], reverse=descending)  # top to bottom
        # Rows put anywhere by `at` continue the count from the newest row.
        newest = 0 if descending else len(table.table.body_rows)
        first = next_number(table, before if at is None else newest)
        numbers = _numbers(first, len(days), descending)
        # Rows inserted at the top are each put above the ones before them: feed them
        # bottom first. Anywhere else each goes below the one before it.
        at_top = before == 0 and table.table.body_rows
        order = range(len(days) - 1, -1, -1) if at_top else range(len(days))
        for i in order:
            fields: dict[Column, Value] = {Column.DATE: days[i]}
            if numbers is not None:
                fields[Column.NUMBER] = numbers[i]
            ops.append(InsertRow(before, fields))
    ops.extend(DeleteRow(index) for index in sorted(drop, reverse=True))
    return schedule.plan(table, *ops), present


def _numbers(first: str | None, count: int, descending: bool) -> list[str] | None:
    """The numbers of `count` new rows at the newest end, top to bottom, the first of them
    (the oldest) numbered `first`."""
    if first is None:
        return None
    m = re.fullmatch(r"(\D*?)(\d+)(\D*)", first)
    if m is None:
        return None
    numbers = [f"{m[1]}{int(m[2]) + k:0{len(m[2])}d}{m[3]}" for k in range(count)]
    return numbers[::-1] if descending else numbers
