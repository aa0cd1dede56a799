"""The changes an edit means, before anything is written: a Plan of row operations.

edits.py makes a Plan, render.py writes it; neither knows the other. The values
are as the user meant them; how they are spelled in a cell is the writer's business.
(Its own module, not model.py: `check` imports the model and should not pay for these.)
Each operation names its `anchor`, the body row it is about: the writer learns the
table's habits around the first one. render.py has one writer per operation type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from mdstudy.model import Column
from mdstudy.tables import Table

# A field's new value as the user meant it; the writer (render.py) decides how it is written.
# None (or an empty text): nothing here, written as the column's placeholder.
# str: presenter, title, note, keyword (trimmed, not escaped); int: issue number;
# tuple of URLs: links; date: the session's day.
Value = str | int | dt.date | tuple[str, ...] | None
Fields = Mapping[Column, Value]


class SetRow(NamedTuple):
    """Give fields of body row `row` new values (the other cells stay as they are)."""

    row: int
    fields: Fields

    @property
    def anchor(self) -> int:
        return self.row

    def edited(self) -> tuple[int, ...]:
        return (self.row,)


class InsertRow(NamedTuple):
    """A new row before body row `before` (the row count: after the last); unnamed fields empty."""

    before: int
    fields: Fields

    @property
    def anchor(self) -> int:
        return self.before

    def edited(self) -> tuple[int, ...]:
        return (self.before,)


class DeleteRow(NamedTuple):
    row: int

    @property
    def anchor(self) -> int:
        return self.row

    def edited(self) -> tuple[int, ...]:
        return (self.row,)


class MoveRow(NamedTuple):
    """Give body row `row` new fields and put it before body row `before` (old indices)."""

    row: int
    before: int
    fields: Fields

    @property
    def anchor(self) -> int:
        return self.row

    def edited(self) -> tuple[int, ...]:
        """Taken out, then put before `before` (old indices): where it ends up."""
        return (self.before - 1 if self.before > self.row else self.before,)


class SwapRows(NamedTuple):
    """Exchange the cells of two body rows as written, except the `keep` column's."""

    first: int
    second: int
    keep: Column

    @property
    def anchor(self) -> int:
        return self.first

    def edited(self) -> tuple[int, ...]:
        return (self.first, self.second)


RowOp = SetRow | InsertRow | DeleteRow | MoveRow | SwapRows


class Plan(NamedTuple):
    """What an edit changes in one table of a document: row operations, in order.

    `name` is the file, for messages; `days` the date each body row holds (None
    where none), `year` the year of the table's year-less dates and `day_first`
    its date style, for spelling a new date like its neighbours; `columns` the
    table's column roles as the reader found them (None: by header). An empty
    plan changes nothing; `kept` names the body rows it is about all the same (a
    session moved to the date it has), for reading the record back.
    """

    name: str
    table: Table
    ops: tuple[RowOp, ...] = ()
    days: Sequence[dt.date | None] = ()
    year: int | None = None
    columns: Mapping[Column, int] | None = None
    day_first: bool = False
    kept: tuple[int, ...] = ()

    def edited_rows(self) -> list[int]:
        """The body rows that hold what the plan changed, once it is written (a row it
        deletes: the row as it is before)."""
        if not self.ops:
            return list(self.kept)
        return [row for op in self.ops for row in op.edited()]

    def removed_rows(self) -> set[int]:
        """The body rows the plan deletes (read from the text before it)."""
        return {op.row for op in self.ops if isinstance(op, DeleteRow)}
