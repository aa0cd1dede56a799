"""Operations on the schedule and the candidate list: each checks its input and returns a Plan.

Every operation takes a Document and says what changes, as a plan.Plan: row
operations on one table holding the values as the user meant them. How they
are written (cell texts, placeholders, date spelling, padding) is render.py's
job; Document's edit methods put the two together. Bad input raises
MdStudyError naming the file, the row and the problem; nothing is changed then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mdstudy.errors import MdStudyError
from mdstudy.model import (
    Candidate,
    Column,
    Session,
    column_map,
    presenter_reader,
    read_session,
    schedule_days,
)
from mdstudy.plan import DeleteRow, InsertRow, MoveRow, Plan, RowOp, SetRow, SwapRows, Value
from mdstudy.tables import Table
from mdstudy.values import extract_links, is_placeholder
from mdstudy.when import find_row, new_date

if TYPE_CHECKING:
    from mdstudy.document import Document

# What a session holds besides its date: cleared by unassign, replaced by assign.
SESSION_COLUMNS = (Column.PRESENTER, Column.TITLE, Column.LINKS, Column.ISSUE, Column.NOTE)

# --- values a cell can hold ---------------------------------------------------


def checked_value(value: str, what: str) -> str:
    """A value trimmed as a cell trims it; one a table cell cannot hold is refused."""
    if "\n" in value or "\r" in value:
        raise MdStudyError(f"{what}: a table cell cannot hold a line break: {value!r}")
    text = value.strip(" \t")
    if "\\|" in text:
        # GitHub reads `\|` as an escaped pipe whatever comes before it, so a
        # backslash right before a pipe cannot be written so that it survives.
        raise MdStudyError(f"{what}: a backslash right before '|' cannot be written in a table")
    return text


def check_url(url: str, what: str) -> str:
    """An absolute http(s) URL, or MdStudyError."""
    url = url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() or c in "<>" for c in url)
    ):
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
    """The schedule table of a document, read only as far as an edit needs.

    Finding the session WHEN names needs every row's date (and, for `next`, some
    presenters), not every Session: building all of them is most of the time an
    edit of a 100,000-row schedule would take. Rows are known by body row index;
    a full Session is read only for the rows an edit touches.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.table = doc.require_schedule()
        self.columns = column_map(self.table)
        self.days = schedule_days(self.table, doc.study, doc.name)

    def find(self, when: str, today: dt.date | None = None) -> int:
        """The body row index of the session WHEN names."""
        first_line = self.table.row_line(0)
        presenter = presenter_reader(self.table)
        return find_row(self.days, when, self.doc.name, first_line, presenter, today)

    def session(self, index: int) -> Session:
        return read_session(self.table, index, self.date(index))

    def date(self, index: int) -> dt.date:
        date = self.days[index]
        assert date is not None, "only rows with a date are sessions"
        return date

    def where(self, index: int) -> str:
        return f"{self.doc.name}:{self.table.row_line(index)}"

    def written_date(self, index: int) -> str:
        return self.table.body_rows[index].value(self.columns[Column.DATE])

    def at(self, date: dt.date, but: int | None = None) -> int | None:
        """The first row (other than `but`) holding a session on `date`."""
        return next((i for i, d in enumerate(self.days) if d == date and i != but), None)

    def place(self, date: dt.date, but: int | None = None) -> int:
        """Where a session on `date` goes in date order: the body row it goes before."""
        later = (i for i, d in enumerate(self.days) if d is not None and i != but and d > date)
        return min(later, default=len(self.table.body_rows))

    def plan(self, *ops: RowOp) -> Plan:
        return Plan(self.doc.name, self.table, ops, tuple(self.days), self.doc.study.year)


def _column(schedule_columns: dict[Column, int], column: Column, option: str, name: str) -> int:
    index = schedule_columns.get(column)
    if index is None:
        raise MdStudyError(f"{name}: the table has no {column.value} column for {option}")
    return index


def assign(
    doc: Document,
    when: str,
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
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    session = schedule.session(index)
    where = schedule.where(index)
    who_value = checked_value(who, f"{where}: presenter")
    if is_placeholder(who_value):
        raise MdStudyError(f"{where}: {who!r} is a placeholder, not a presenter")
    # Compared with the cell text as it will be written (`|` escaped), as it always was.
    as_written = who_value.replace("|", "\\|")
    changes_hands = session.presenter is not None and session.presenter != as_written
    if changes_hands and not force:
        raise MdStudyError(
            f"{where}: the session on {schedule.written_date(index)} already has a presenter "
            f"({session.presenter}); use --force to replace"
        )
    if candidate is not None:
        picked = find_candidate(doc, candidate)
        title = picked.title if title is None else title
        links = links or list(picked.links)
    columns = schedule.columns
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
    options = {Column.TITLE: "--title", Column.LINKS: "--link", Column.ISSUE: "--issue"}
    fields: dict[Column, Value] = {}
    for column in SESSION_COLUMNS:
        if column in given:
            option = options.get(column, "--note" if column is Column.NOTE else "WHO")
            _column(columns, column, option, doc.name)
            fields[column] = given[column]
        elif changes_hands and column in columns:
            fields[column] = None
    return schedule.plan(SetRow(index, fields))


def unassign(doc: Document, when: str, *, today: dt.date | None = None) -> Plan:
    """Return a session to its empty state: the table's placeholders in every field."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    fields: dict[Column, Value] = {c: None for c in SESSION_COLUMNS if c in schedule.columns}
    return schedule.plan(SetRow(index, fields))


def swap(doc: Document, first: str, second: str, *, today: dt.date | None = None) -> Plan:
    """Exchange everything but the dates of two sessions, each cell's text moved as written."""
    schedule = _Schedule(doc)
    ia, ib = schedule.find(first, today), schedule.find(second, today)
    if ia == ib:
        raise MdStudyError(f"{schedule.where(ia)}: cannot swap a session with itself")
    return schedule.plan(SwapRows(ia, ib, Column.DATE))


def move(doc: Document, when: str, date: str, *, today: dt.date | None = None) -> Plan:
    """Give a session another date, moving its row so the table stays in date order."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    where = schedule.where(index)
    target = new_date(schedule.days, date, doc.study.year)
    if target == schedule.date(index):
        return schedule.plan()
    taken = schedule.at(target, but=index)
    if taken is not None:
        raise MdStudyError(
            f"{where}: cannot move to {date}: line {schedule.table.row_line(taken)} "
            "already has a session on that day"
        )
    before = schedule.place(target, but=index)
    return schedule.plan(MoveRow(index, before, {Column.DATE: target}))


def add_session(doc: Document, date: str) -> Plan:
    """Insert an empty session in date order, in the layout of its neighbours."""
    schedule = _Schedule(doc)
    target = new_date(schedule.days, date, doc.study.year)
    taken = schedule.at(target)
    if taken is not None:
        raise MdStudyError(
            f"{doc.name}:{schedule.table.row_line(taken)}: there is already a session on {date}"
        )
    return schedule.plan(InsertRow(schedule.place(target), {Column.DATE: target}))


def remove_session(
    doc: Document, when: str, *, force: bool = False, today: dt.date | None = None
) -> Plan:
    """Delete a session's row; an assigned session only with `force`."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    presenter = schedule.session(index).presenter
    if presenter is not None and not force:
        raise MdStudyError(
            f"{schedule.where(index)}: the session on {schedule.written_date(index)} is "
            f"assigned to {presenter}; use --force to remove it"
        )
    return schedule.plan(DeleteRow(index))


# --- candidates ---------------------------------------------------------------------


def require_candidate_table(doc: Document) -> Table:
    table = doc.candidate_table
    if table is None:
        raise MdStudyError(
            f"{doc.name}: no candidate table (a table with a title column such as 'Title' "
            "and a link column such as 'Link', without a date column)"
        )
    return table


def find_candidate(doc: Document, query: str) -> Candidate:
    """The one candidate whose title contains `query` (case-insensitive); an exact title wins."""
    require_candidate_table(doc)
    needle = query.strip().casefold()
    if not needle:
        raise MdStudyError("the candidate query is empty")
    found = [c for c in doc.candidates if needle in c.title.casefold()]
    exact = [c for c in found if c.title.casefold() == needle]
    if len(exact) == 1:
        return exact[0]
    if not found:
        raise MdStudyError(
            f"{doc.name}: no candidate title contains {query!r} "
            f"({len(doc.candidates)} candidates; see 'mdstudy candidates list')"
        )
    if len(found) > 1:
        listed = "; ".join(f"line {c.line}: {c.title}" for c in found)
        raise MdStudyError(f"{doc.name}: {query!r} matches {len(found)} candidates: {listed}")
    return found[0]


def add_candidate(
    doc: Document, title: str, *, links: Sequence[str] = (), keyword: str | None = None
) -> Plan:
    """Append a candidate to the candidate list, in the layout of its last row."""
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
        _column(columns, Column.KEYWORD, "--keyword", doc.name)
        fields[Column.KEYWORD] = checked_value(keyword, f"{where}: keyword")
    return Plan(doc.name, table, (InsertRow(at, fields),))


def remove_candidate(doc: Document, query: str) -> Plan:
    """Delete the one candidate whose title contains `query`."""
    table = require_candidate_table(doc)
    picked = find_candidate(doc, query)
    return Plan(doc.name, table, (DeleteRow(picked.line - table.row_line(0)),))
