"""Operations on the schedule and the candidate list: each checks its input and returns new text.

Every operation takes a Document and gives a new Source in which only the
lines of the rows it touched differ (render.py writes them). Bad input raises
MdStudyError naming the file, the row and the problem; nothing is changed then.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from typing import TYPE_CHECKING

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
from mdstudy.render import Habits, RowWriter, cell_text, implied_year, join_links, spell_date
from mdstudy.source import Source
from mdstudy.tables import Row, Table
from mdstudy.values import is_placeholder
from mdstudy.when import find_row, new_date

if TYPE_CHECKING:
    from mdstudy.document import Document

# What a session holds besides its date: cleared by unassign, replaced by assign.
SESSION_COLUMNS = (Column.PRESENTER, Column.TITLE, Column.LINKS, Column.ISSUE, Column.NOTE)


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

    def example(self, index: int) -> tuple[str, dt.date]:
        """A date as this row writes it, for spelling a new date the same way."""
        return self.written_date(index), self.date(index)

    def habits(self, near: int) -> Habits:
        return Habits.learn(
            self.table, near, self.columns.get(Column.ISSUE), self.columns.get(Column.LINKS)
        )

    def at(self, date: dt.date, but: int | None = None) -> int | None:
        """The first row (other than `but`) holding a session on `date`."""
        return next((i for i, d in enumerate(self.days) if d == date and i != but), None)

    def place(self, date: dt.date, but: int | None = None) -> tuple[int, dt.date | None]:
        """Where a session on `date` goes in date order: (body row index, the date before it)."""
        others = [(i, d) for i, d in enumerate(self.days) if d is not None and i != but]
        later = [i for i, d in others if d > date]
        before = max((d for _, d in others if d < date), default=None)
        return (min(later) if later else len(self.table.body_rows)), before

    def nearby(self, near: int) -> list[int]:
        """A few session rows closest to body row `near`, nearest first."""
        rows = (i for i, d in enumerate(self.days) if d is not None)
        return heapq.nsmallest(8, rows, key=lambda i: abs(i - near))

    def apply(self, writer: RowWriter) -> Source:
        return writer.edit().apply(self.doc.source)


def _column(schedule_columns: dict[Column, int], column: Column, option: str, name: str) -> int:
    index = schedule_columns.get(column)
    if index is None:
        raise MdStudyError(f"{name}: the table has no {column.value} column for {option}")
    return index


def _set(
    writer: RowWriter, table: Table, index: int, texts: dict[int, str], habits: Habits
) -> None:
    """Write only the cells whose content changes; a missing cell already reads as nothing."""
    row = table.body_rows[index]
    changed = {
        c: t
        for c, t in texts.items()
        if (row.cells[c].strip(" \t") != t if c < len(row.cells) else not is_placeholder(t))
    }
    if changed:
        writer.set_cells(index, changed, habits.placeholders)


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
) -> Source:
    """Fill a session. Fields not given are kept, unless the session changes hands (`force`)."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    session = schedule.session(index)
    where = schedule.where(index)
    who_text = cell_text(who, f"{where}: presenter")
    if is_placeholder(who_text):
        raise MdStudyError(f"{where}: {who!r} is a placeholder, not a presenter")
    changes_hands = session.presenter is not None and session.presenter != who_text
    if changes_hands and not force:
        raise MdStudyError(
            f"{where}: the session on {schedule.written_date(index)} already has a presenter "
            f"({session.presenter}); use --force to replace"
        )
    if candidate is not None:
        picked = find_candidate(doc, candidate)
        title = picked.title if title is None else title
        links = links or list(picked.links)
    habits = schedule.habits(index)
    columns = schedule.columns
    given: dict[Column, str | None] = {Column.PRESENTER: who_text}
    if title is not None:
        given[Column.TITLE] = cell_text(title, f"{where}: title")
    if links:
        given[Column.LINKS] = join_links(links, habits.link_separator, f"{where}: link")
    if issue is not None:
        if issue < 1:
            raise MdStudyError(f"{where}: issue number must be 1 or more, not {issue}")
        given[Column.ISSUE] = habits.issue_text(issue)
    if note is not None:
        given[Column.NOTE] = cell_text(note, f"{where}: note")
    options = {Column.TITLE: "--title", Column.LINKS: "--link", Column.ISSUE: "--issue"}
    texts: dict[int, str] = {}
    for column in SESSION_COLUMNS:
        if column in given:
            option = options.get(column, "--note" if column is Column.NOTE else "WHO")
            at = _column(columns, column, option, doc.name)
            texts[at] = given[column] or habits.placeholders[at]
        elif changes_hands and column in columns:
            texts[columns[column]] = habits.placeholders[columns[column]]
    writer = RowWriter(schedule.table, index, where)
    _set(writer, schedule.table, index, texts, habits)
    return schedule.apply(writer)


def unassign(doc: Document, when: str, *, today: dt.date | None = None) -> Source:
    """Return a session to its empty state: the table's placeholders in every field."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    habits = schedule.habits(index)
    texts = {
        schedule.columns[c]: habits.placeholders[schedule.columns[c]]
        for c in SESSION_COLUMNS
        if c in schedule.columns
    }
    writer = RowWriter(schedule.table, index, schedule.where(index))
    _set(writer, schedule.table, index, texts, habits)
    return schedule.apply(writer)


def swap(doc: Document, first: str, second: str, *, today: dt.date | None = None) -> Source:
    """Exchange everything but the dates of two sessions, each cell's text moved as written."""
    schedule = _Schedule(doc)
    ia, ib = schedule.find(first, today), schedule.find(second, today)
    if ia == ib:
        raise MdStudyError(f"{schedule.where(ia)}: cannot swap a session with itself")
    table, date_column = schedule.table, schedule.columns[Column.DATE]
    row_a, row_b = table.body_rows[ia], table.body_rows[ib]

    def content(row_cells: tuple[str, ...], column: int) -> str:
        return row_cells[column].strip(" \t") if column < len(row_cells) else ""

    others = [c for c in range(table.width) if c != date_column]
    writer = RowWriter(table, ia, schedule.where(ia))
    habits = schedule.habits(ia)
    _set(writer, table, ia, {c: content(row_b.cells, c) for c in others}, habits)
    writer.what = schedule.where(ib)
    _set(writer, table, ib, {c: content(row_a.cells, c) for c in others}, habits)
    return schedule.apply(writer)


def move(doc: Document, when: str, date: str, *, today: dt.date | None = None) -> Source:
    """Give a session another date, moving its row so the table stays in date order."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    where = schedule.where(index)
    target = new_date(schedule.days, date, doc.study.year)
    if target == schedule.date(index):
        return doc.source
    taken = schedule.at(target, but=index)
    if taken is not None:
        raise MdStudyError(
            f"{where}: cannot move to {date}: line {schedule.table.row_line(taken)} "
            "already has a session on that day"
        )
    before, previous = schedule.place(target, but=index)
    table = schedule.table
    examples = [schedule.example(index)]
    examples += [schedule.example(i) for i in schedule.nearby(before)]
    implied = implied_year(previous, doc.study.year, target)
    text = spell_date(examples, target, implied)
    writer = RowWriter(table, index, where)
    date_column = schedule.columns[Column.DATE]
    if before in (index, index + 1):  # the row stays where it is
        writer.set_cells(index, {date_column: text}, {})
    else:
        row = writer.fill(table.body_rows[index], {date_column: text}, {})
        writer.delete(index)
        writer.insert(before, row)
    return schedule.apply(writer)


def add_session(doc: Document, date: str) -> Source:
    """Insert an empty session in date order, in the layout of its neighbours."""
    schedule = _Schedule(doc)
    table = schedule.table
    target = new_date(schedule.days, date, doc.study.year)
    taken = schedule.at(target)
    if taken is not None:
        raise MdStudyError(
            f"{doc.name}:{table.row_line(taken)}: there is already a session on {date}"
        )
    before, previous = schedule.place(target)
    examples = [schedule.example(i) for i in schedule.nearby(before)]
    implied = implied_year(previous, doc.study.year, target)
    near = min(before, len(table.body_rows) - 1)
    habits = schedule.habits(max(near, 0))
    texts = {c: habits.placeholders.get(c, "") for c in range(table.width)}
    texts[schedule.columns[Column.DATE]] = spell_date(examples, target, implied)
    writer = RowWriter(table, max(near, 0), f"{doc.name}:{table.row_line(before)}")
    writer.insert(before, writer.new_row(_template(table, before), texts))
    return schedule.apply(writer)


def _template(table: Table, before: int) -> Row:
    rows = table.body_rows
    if not rows:
        return table.header_row
    return rows[before - 1] if before > 0 else rows[0]


def remove_session(
    doc: Document, when: str, *, force: bool = False, today: dt.date | None = None
) -> Source:
    """Delete a session's row; an assigned session only with `force`."""
    schedule = _Schedule(doc)
    index = schedule.find(when, today)
    where = schedule.where(index)
    presenter = schedule.session(index).presenter
    if presenter is not None and not force:
        raise MdStudyError(
            f"{where}: the session on {schedule.written_date(index)} is assigned to "
            f"{presenter}; use --force to remove it"
        )
    writer = RowWriter(schedule.table, index, where)
    writer.delete(index)
    return schedule.apply(writer)


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
) -> Source:
    """Append a candidate to the candidate list, in the layout of its last row."""
    table = require_candidate_table(doc)
    columns = column_map(table)
    at = len(table.body_rows)
    where = f"{doc.name}:{table.row_line(at)}"
    title_text = cell_text(title, f"{where}: title")
    if is_placeholder(title_text):
        raise MdStudyError(f"{where}: {title!r} is a placeholder, not a title")
    for existing in doc.candidates:
        if existing.title.casefold() == title_text.replace("\\|", "|").casefold():
            raise MdStudyError(f"{doc.name}:{existing.line}: {existing.title!r} is already listed")
    habits = Habits.learn(table, at - 1, None, columns.get(Column.LINKS))
    texts = {c: habits.placeholders.get(c, "") for c in range(table.width)}
    texts[columns[Column.TITLE]] = title_text
    if links:
        texts[columns[Column.LINKS]] = join_links(links, habits.link_separator, f"{where}: link")
    if keyword is not None:
        column = _column(columns, Column.KEYWORD, "--keyword", doc.name)
        texts[column] = cell_text(keyword, f"{where}: keyword") or habits.placeholders[column]
    writer = RowWriter(table, max(at - 1, 0), where)
    template = table.body_rows[-1] if table.body_rows else table.header_row
    writer.insert(at, writer.new_row(template, texts))
    return writer.edit().apply(doc.source)


def remove_candidate(doc: Document, query: str) -> Source:
    """Delete the one candidate whose title contains `query`."""
    table = require_candidate_table(doc)
    picked = find_candidate(doc, query)
    writer = RowWriter(table, picked.line - table.start - 3, f"{doc.name}:{picked.line}")
    writer.delete(picked.line - table.start - 3)
    return writer.edit().apply(doc.source)
