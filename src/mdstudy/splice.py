"""New lines for exactly the touched rows of a table, spliced into the Source.

A RowWriter sets cells of body rows, inserts and deletes rows, in the table's own
layout (habits.py), and checks each row it builds by reading it back; it gathers
them in a TableEdit, which replaces only those lines. An unchanged cell keeps its
bytes and a changed one its padding; every other line of the file is untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from mdstudy.cell_text import escape_block_start
from mdstudy.errors import MdStudyError
from mdstudy.habits import learn_cells, learn_layout
from mdstudy.layout import Layout, fill_cell, fits, needed_width, padding, widen, width
from mdstudy.source import Source, line_body
from mdstudy.tables import Row, Table, cell_value, find_tables


@dataclass(frozen=True)
class TableEdit:
    """New lines for some rows of one table, keyed by line offset in the table.

    Offset 0 is the header, 1 the delimiter, 2 + i body row i. Each offset maps
    to the rows that replace it: one (a changed row), none (a deleted row) or
    several (a row with new rows inserted after it).
    """

    table: Table
    rows: dict[int, tuple[Row, ...]]

    def apply(self, source: Source) -> Source:
        if not self.rows:
            return source
        start, stop = min(self.rows), max(self.rows) + 1
        if len(self.rows) <= 4:  # a few splices: each touches only its line
            for offset in sorted(self.rows, reverse=True):
                line = self.table.start + offset
                source = source.replace_lines(
                    line, line + 1, [row.text() for row in self.rows[offset]]
                )
            return source
        # Many rows (a widened column): one splice over the span, not one per row.
        lines: list[str] = []
        for offset in range(start, stop):
            if offset in self.rows:
                lines.extend(row.text() for row in self.rows[offset])
            else:
                lines.append(source.lines[self.table.start + offset])
        first = self.table.start + start
        return source.replace_lines(first, first + stop - start, lines)


def all_rows(table: Table) -> list[Row]:
    return [table.header_row, table.delimiter_row, *table.body_rows]


class RowWriter:
    """Builds a TableEdit: sets cells of body rows, inserts and deletes rows."""

    def __init__(self, table: Table, near: int, what: str) -> None:
        self.table = table
        self.layout = learn_layout(table, near)
        self.blanks, self.filled = learn_cells(table, near, self.layout)
        self.what = what
        self.changed: dict[int, tuple[Row, ...]] = {}

    def rows_at(self, offset: int) -> tuple[Row, ...]:
        """What stands at a line offset now: the original row, or what replaced it."""
        if offset in self.changed:
            return self.changed[offset]
        if offset < 2:
            return (self.table.header_row if offset == 0 else self.table.delimiter_row,)
        return (self.table.body_rows[offset - 2],)

    def _fit(self, row: Row, texts: dict[int, str]) -> None:
        """Widen padded columns that the new texts do not fit in (this changes every row)."""
        for column, content in texts.items():
            size = self.layout.widths.get(column)
            if size is None or column >= len(row.cells) or fits(row.cells[column], content, size):
                continue
            extra = needed_width(row.cells[column], content) - size
            for offset in range(len(self.table.body_rows) + 2):
                rows = self.rows_at(offset)
                if any(column < len(r.cells) and width(r.cells[column]) == size for r in rows):
                    self.changed[offset] = tuple(
                        _widened(r, column, size, extra, offset == 1) for r in rows
                    )
            self.layout = Layout({**self.layout.widths, column: size + extra})

    def fill(self, row: Row, texts: dict[int, str], placeholder: dict[int, str]) -> Row:
        """The row with some cells' contents replaced (missing cells are added)."""
        if not row.leading_pipe and texts.get(0):
            texts = {**texts, 0: escape_block_start(texts[0])}
        self._fit(row, texts)
        cells = list(row.cells)
        wanted = [c for c, t in texts.items() if t or c < len(cells)]
        header = self.table.header_row.cells
        if wanted and max(wanted) >= len(cells):
            # A short row: add the missing cells, padded like the header's.
            if cells and not row.trailing_pipe and not padding(cells[-1])[1]:
                cells[-1] += padding(header[len(cells) - 1])[1]
            for c in range(len(cells), max(wanted) + 1):
                cells.append(fill_cell(header[c], placeholder.get(c, ""), None, True))
        last = len(cells) - 1
        if not row.trailing_pipe and texts.get(last) == "":
            # `3/8|||||` has five cells on GitHub: a last cell without a pipe after it
            # must hold something.
            texts = {**texts, last: "-"}
        for column, content in texts.items():
            if column < len(cells) and not content and column in self.blanks:
                cells[column] = self.blanks[column]  # an empty cell as this column writes one
            elif column < len(cells):
                old = cells[column]
                if content and not old.strip(" \t") and column in self.filled:
                    old = self.filled[column]  # a filled cell as this column pads one
                cells[column] = fill_cell(
                    old,
                    content,
                    self.layout.widths.get(column),
                    column < last or row.trailing_pipe,
                )
        new = row.with_cells(tuple(cells))
        self._check(new, texts)
        return new

    def set_cells(self, index: int, texts: dict[int, str], placeholder: dict[int, str]) -> None:
        offset = index + 2
        rows = self.rows_at(offset)
        self.changed[offset] = (self.fill(rows[0], texts, placeholder), *rows[1:])

    def new_row(self, template: Row, texts: dict[int, str]) -> Row:
        """A row in the layout of `template` (a neighbour) holding `texts` in every column."""
        cells = list(template.cells[: self.table.width])
        cells.extend(self.table.header_row.cells[len(cells) : self.table.width])
        ending = template.ending or _other_ending(self.table)
        base = Row(template.prefix, template.leading_pipe, tuple(cells),
                   template.trailing_pipe, template.tail, ending)  # fmt: skip
        return self.fill(base, texts, {})

    def insert(self, before: int, row: Row) -> None:
        """Put a new row before body row `before` (`before` = the row count: after the last)."""
        if not row.ending:
            row = _with_ending(row, _other_ending(self.table))
        if before == 0 and self.table.body_rows:
            self.changed[2] = (row, *self.rows_at(2))
            return
        offset = before + 1  # the delimiter, or body row before - 1
        existing = self.rows_at(offset)
        if existing and not existing[-1].ending:
            # After the last line of a file without a final newline: the new row is the last.
            existing = (*existing[:-1], _with_ending(existing[-1], row.ending))
            row = _with_ending(row, "")
        self.changed[offset] = (*existing, row)

    def delete(self, index: int) -> None:
        offset = index + 2
        rows = self.rows_at(offset)
        self.changed[offset] = rows[1:]
        if not rows[0].ending and len(rows) == 1:
            # The file's last line goes: the line before it becomes the last, without ending.
            before = offset - 1
            while before > 0 and not self.rows_at(before):
                before -= 1
            previous = self.rows_at(before)
            self.changed[before] = (*previous[:-1], _with_ending(previous[-1], ""))

    def edit(self) -> TableEdit:
        return TableEdit(self.table, self.changed)

    def _check(self, row: Row, texts: dict[int, str]) -> None:
        """The row must read back as one table row holding the texts (a local re-parse)."""
        header = _bare(self.table.header_row)
        delimiter = _bare(self.table.delimiter_row)
        text = "".join(r.text() for r in (header, delimiter, _bare(row)))
        tables = find_tables(Source.from_text(text))
        if len(tables) != 1 or len(tables[0].body_rows) != 1:
            raise MdStudyError(
                f"{self.what}: the new text would break the table row: "
                f"{line_body(row.text()).strip()!r}"
            )
        values = tables[0].rows[0]
        for column, content in texts.items():
            if column < len(values) and values[column] != cell_value(content):
                raise MdStudyError(
                    f"{self.what}: {cell_value(content)!r} would not read back as written"
                )


def _bare(row: Row) -> Row:
    """The row outside any container (quote, list), ending in LF: for a local re-parse."""
    return Row("", row.leading_pipe, row.cells, row.trailing_pipe, row.tail, "\n")


def _widened(row: Row, column: int, size: int, extra: int, delimiter: bool) -> Row:
    if column >= len(row.cells) or width(row.cells[column]) != size:
        return row
    cells = list(row.cells)
    cells[column] = widen(cells[column], extra, delimiter)
    return row.with_cells(tuple(cells))


def _with_ending(row: Row, ending: str) -> Row:
    return Row(row.prefix, row.leading_pipe, row.cells, row.trailing_pipe, row.tail, ending)


def _other_ending(table: Table) -> str:
    """The line ending the table's other rows use (for a row that had none)."""
    for row in reversed(all_rows(table)):
        if row.ending:
            return row.ending
    return "\n"
