"""Operations on the schedule and the candidate list: each checks its input and returns new text.

Every operation takes a Document and gives a new Source in which only the
lines of the rows it touched differ (render.py writes them). Bad input raises
MdStudyError naming the file, the row and the problem; nothing is changed then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdstudy.errors import MdStudyError
from mdstudy.model import Candidate, Column, Session, column_map
from mdstudy.render import Habits, RowWriter, cell_text, implied_year, join_links, spell_date
from mdstudy.source import Source
from mdstudy.tables import Row, Table
from mdstudy.values import is_placeholder
from mdstudy.when import find_session, new_date

if TYPE_CHECKING:
    from mdstudy.document import Document

# What a session holds besides its date: cleared by unassign, replaced by assign.
SESSION_COLUMNS = (Column.PRESENTER, Column.TITLE, Column.LINKS, Column.ISSUE, Column.NOTE)


class _Schedule:
    """The schedule table of a document with what every operation needs from it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.table = doc.require_schedule()
        self.columns = column_map(self.table)
        self.sessions = doc.sessions

    def find(self, when: str, today: dt.date | None = None) -> Session:
        return find_session(self.sessions, when, self.doc.name, today)

    def index(self, session: Session) -> int:
        return session.line - self.table.start - 3

    def where(self, session: Session) -> str:
        return f"{self.doc.name}:{session.line}"

    def written_date(self, session: Session) -> str:
        return self.table.body_rows[self.index(session)].value(self.columns[Column.DATE])

    def habits(self, near: int) -> Habits:
        return Habits.learn(
            self.table, near, self.columns.get(Column.ISSUE), self.columns.get(Column.LINKS)
        )

    def at(self, date: dt.date, but: Session | None = None) -> Session | None:
        return next((s for s in self.sessions if s.date == date and s is not but), None)

    def place(self, date: dt.date, but: Session | None = None) -> tuple[int, Session | None]:
        """Where a session on `date` goes in date order: (body row index, session before it)."""
        others = [s for s in self.sessions if s is not but]
        later = [s for s in others if s.date > date]
        before = max((s for s in others if s.date < date), key=lambda s: s.date, default=None)
        index = self.index(min(later, key=self.index)) if later else len(self.table.body_rows)
        return index, before

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
    session = schedule.find(when, today)
    where = schedule.where(session)
    who_text = cell_text(who, f"{where}: presenter")
    if is_placeholder(who_text):
        raise MdStudyError(f"{where}: {who!r} is a placeholder, not a presenter")
    changes_hands = session.presenter is not None and session.presenter != who_text
    if changes_hands and not force:
        raise MdStudyError(
            f"{where}: the session on {schedule.written_date(session)} already has a presenter "
            f"({session.presenter}); use --force to replace"
        )
    if candidate is not None:
        picked = find_candidate(doc, candidate)
        title = picked.title if title is None else title
        links = links or list(picked.links)
    index = schedule.index(session)
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
    session = schedule.find(when, today)
    index = schedule.index(session)
    habits = schedule.habits(index)
    texts = {
        schedule.columns[c]: habits.placeholders[schedule.columns[c]]
        for c in SESSION_COLUMNS
        if c in schedule.columns
    }
    writer = RowWriter(schedule.table, index, schedule.where(session))
    _set(writer, schedule.table, index, texts, habits)
    return schedule.apply(writer)


def swap(doc: Document, first: str, second: str, *, today: dt.date | None = None) -> Source:
    """Exchange everything but the dates of two sessions, each cell's text moved as written."""
    schedule = _Schedule(doc)
    a, b = schedule.find(first, today), schedule.find(second, today)
    if a is b:
        raise MdStudyError(f"{schedule.where(a)}: cannot swap a session with itself")
    table, date_column = schedule.table, schedule.columns[Column.DATE]
    ia, ib = schedule.index(a), schedule.index(b)
    row_a, row_b = table.body_rows[ia], table.body_rows[ib]

    def content(row_cells: tuple[str, ...], column: int) -> str:
        return row_cells[column].strip(" \t") if column < len(row_cells) else ""

    others = [c for c in range(table.width) if c != date_column]
    writer = RowWriter(table, ia, schedule.where(a))
    habits = schedule.habits(ia)
    _set(writer, table, ia, {c: content(row_b.cells, c) for c in others}, habits)
    writer.what = schedule.where(b)
    _set(writer, table, ib, {c: content(row_a.cells, c) for c in others}, habits)
    return schedule.apply(writer)


def move(doc: Document, when: str, date: str, *, today: dt.date | None = None) -> Source:
    """Give a session another date, moving its row so the table stays in date order."""
    schedule = _Schedule(doc)
    session = schedule.find(when, today)
    where = schedule.where(session)
    target = new_date(schedule.sessions, date, doc.study.year)
    if target == session.date:
        return doc.source
    taken = schedule.at(target, but=session)
    if taken is not None:
        raise MdStudyError(
            f"{where}: cannot move to {date}: line {taken.line} already has a session on that day"
        )
    index = schedule.index(session)
    before, previous = schedule.place(target, but=session)
    table = schedule.table
    examples = [(schedule.written_date(session), session.date)]
    examples += [(schedule.written_date(s), s.date) for s in _nearby(schedule, before)]
    implied = implied_year(previous.date if previous else None, doc.study.year, target)
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


def _nearby(schedule: _Schedule, near: int) -> list[Session]:
    """A few sessions closest to body row `near`, nearest first."""
    return sorted(schedule.sessions, key=lambda s: abs(schedule.index(s) - near))[:8]


def add_session(doc: Document, date: str) -> Source:
    """Insert an empty session in date order, in the layout of its neighbours."""
    schedule = _Schedule(doc)
    table = schedule.table
    target = new_date(schedule.sessions, date, doc.study.year)
    taken = schedule.at(target)
    if taken is not None:
        raise MdStudyError(f"{doc.name}:{taken.line}: there is already a session on {date}")
    before, previous = schedule.place(target)
    examples = [(schedule.written_date(s), s.date) for s in _nearby(schedule, before)]
    implied = implied_year(previous.date if previous else None, doc.study.year, target)
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
    session = schedule.find(when, today)
    where = schedule.where(session)
    if session.presenter is not None and not force:
        raise MdStudyError(
            f"{where}: the session on {schedule.written_date(session)} is assigned to "
            f"{session.presenter}; use --force to remove it"
        )
    writer = RowWriter(schedule.table, schedule.index(session), where)
    writer.delete(schedule.index(session))
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
