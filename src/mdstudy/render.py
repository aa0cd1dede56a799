"""Write an edit's Plan into table rows, in the table's own habits.

An edit never re-renders a table. edits.py says which fields of which rows
change (plan.Plan); this module reads the plan: each field's value becomes cell
text (cell_text.py, dates.spell_date, the issue and link habits of habits.py),
and each row operation, dispatched on its type, tells a RowWriter (splice.py)
which rows to set, insert or delete. The habits are learned from the rows near
the edit, so the cost of an edit does not grow with the size of the table,
except when a padded column must be widened, which changes every row anyway.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from functools import singledispatch

from mdstudy.cell_text import cell_text, join_links
from mdstudy.dates import implied_year, spell_date
from mdstudy.diff import unified_diff as unified_diff  # cli/check, fmt, term import it here
from mdstudy.habits import Habits
from mdstudy.model import Column, column_map
from mdstudy.plan import DeleteRow, Fields, InsertRow, MoveRow, Plan, RowOp, SetRow, SwapRows
from mdstudy.source import Source
from mdstudy.splice import RowWriter, TableEdit
from mdstudy.tables import Row, Table
from mdstudy.values import is_placeholder


def apply(source: Source, plan: Plan) -> Source:
    """`source` with the plan written into its table: new lines for the touched rows only."""
    if not plan.ops:
        return source
    return _PlanWriter(plan).write().apply(source)


class _PlanWriter:
    """Turns a Plan's values into cell texts in the table's habits and feeds a RowWriter."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.table = table = plan.table
        self.columns = dict(plan.columns) if plan.columns is not None else column_map(table)
        # The body row the habits are learned around: the first operation's.
        near = max(min(plan.ops[0].anchor, len(table.body_rows) - 1), 0)
        issue, links = self.columns.get(Column.ISSUE), self.columns.get(Column.LINKS)
        self.habits = Habits.learn(table, near, issue, links)
        self.writer = RowWriter(table, near, "")

    def at(self, index: int) -> None:
        """Messages from here on name body row `index`'s line."""
        self.writer.what = f"{self.plan.name}:{self.table.row_line(index)}"

    def write(self) -> TableEdit:
        for op in self.plan.ops:
            _write(op, self)
        return self.writer.edit()

    def texts(self, fields: Fields, at: int, own: int | None) -> dict[int, str]:
        """Cell texts for field values; `at`/`own`: where the row goes and which row it was."""
        texts: dict[int, str] = {}
        for column, value in fields.items():
            index = self.columns[column]
            if value is None:
                text = ""
            elif isinstance(value, dt.date):
                text = self.date_text(value, at, own)
            elif isinstance(value, int):
                text = self.habits.issue_text(value)
            elif isinstance(value, str):
                text = cell_text(value)
            else:
                text = join_links(value, self.habits.link_separator, f"{self.writer.what}: link")
            texts[index] = text or self.habits.placeholders[index]
        return texts

    def date_text(self, date: dt.date, at: int, own: int | None) -> str:
        """`date` spelled like the dates near body row `at` (and row `own`'s, first)."""
        days = self.plan.days
        examples = [] if own is None else [self._example(own)]
        examples += [self._example(i) for i in _nearby(days, at)]
        earlier = (d for i, d in enumerate(days) if d is not None and i != own and d < date)
        implied = implied_year(max(earlier, default=None), self.plan.year, date)
        return spell_date(examples, date, implied, self.plan.day_first)

    def _example(self, index: int) -> tuple[str, dt.date]:
        date = self.plan.days[index]
        assert date is not None, "only rows with a date are examples"
        return self.table.body_rows[index].value(self.columns[Column.DATE]), date

    def set(self, index: int, texts: dict[int, str]) -> None:
        """Write only the cells whose content changes; a missing cell already reads as nothing."""
        row = self.table.body_rows[index]
        changed = {
            c: t
            for c, t in texts.items()
            if (row.cells[c].strip(" \t") != t if c < len(row.cells) else not is_placeholder(t))
        }
        if changed:
            self.writer.set_cells(index, changed, self.habits.placeholders)


# --- each row operation, written --------------------------------------------------


@singledispatch
def _write(op: RowOp, plan: _PlanWriter) -> None:
    raise TypeError(f"no writer for {type(op).__name__}")  # a new RowOp needs one below


@_write.register
def _set_row(op: SetRow, plan: _PlanWriter) -> None:
    plan.at(op.row)
    plan.set(op.row, plan.texts(op.fields, op.row, op.row))


@_write.register
def _insert_row(op: InsertRow, plan: _PlanWriter) -> None:
    table, writer = plan.table, plan.writer
    plan.at(op.before)
    texts = {c: plan.habits.placeholders.get(c, "") for c in range(table.width)}
    texts.update(plan.texts(op.fields, op.before, None))
    writer.insert(op.before, writer.new_row(_template(table, op.before), texts))


@_write.register
def _delete_row(op: DeleteRow, plan: _PlanWriter) -> None:
    plan.at(op.row)
    plan.writer.delete(op.row)


@_write.register
def _move_row(op: MoveRow, plan: _PlanWriter) -> None:
    writer = plan.writer
    plan.at(op.row)
    texts = plan.texts(op.fields, op.before, op.row)
    if op.before in (op.row, op.row + 1):  # the row stays where it is
        writer.set_cells(op.row, texts, {})
    else:
        row = writer.fill(plan.table.body_rows[op.row], texts, {})
        writer.delete(op.row)
        writer.insert(op.before, row)


@_write.register
def _swap_rows(op: SwapRows, plan: _PlanWriter) -> None:
    """Each cell's text moves as written, but for the `keep` column's."""
    table, keep = plan.table, plan.columns[op.keep]
    row_a, row_b = table.body_rows[op.first], table.body_rows[op.second]

    def content(cells: tuple[str, ...], column: int) -> str:
        return cells[column].strip(" \t") if column < len(cells) else ""

    others = [c for c in range(table.width) if c != keep]
    plan.at(op.first)
    plan.set(op.first, {c: content(row_b.cells, c) for c in others})
    plan.at(op.second)
    plan.set(op.second, {c: content(row_a.cells, c) for c in others})


def _nearby(days: Sequence[dt.date | None], near: int) -> list[int]:
    """A few session rows closest to body row `near`, nearest first."""
    rows = (i for i, d in enumerate(days) if d is not None)
    return heapq.nsmallest(8, rows, key=lambda i: abs(i - near))


def _template(table: Table, before: int) -> Row:
    """The neighbour a new row before body row `before` copies its layout from."""
    rows = table.body_rows
    if not rows:
        return table.header_row
    return rows[before - 1] if before > 0 else rows[0]
