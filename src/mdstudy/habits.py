"""How a table writes things, learned from the rows near an edit.

Placeholders, the issue style, the link separator, which columns are padded and
how a column pads an empty or a filled cell: each is read off the table's own
rows, nearest first, so a new cell looks like its neighbours. Only a window of
rows around the edit is read, so an edit costs the same in a table of any size.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mdstudy.layout import Layout, padding, width
from mdstudy.tables import Row, Table, cell_value
from mdstudy.values import is_placeholder, link_separator, parse_issue

# How many body rows on each side of an edit its habits are learned from.
WINDOW = 40


def window(rows: Sequence[Row], near: int) -> list[Row]:
    """The rows around `near`, nearest first."""
    span = range(max(0, near - WINDOW), min(len(rows), near + WINDOW + 1))
    order = sorted(span, key=lambda i: (abs(i - near), i))
    return [rows[i] for i in order]


def learn_layout(table: Table, near: int) -> Layout:
    """Columns whose cells all have one display width in the rows near `near`.

    Equal widths alone do not make a padded column (`|a|b|` over `|-|-|`):
    the contents must differ in width, so padding evens them out.
    """
    rows = [table.header_row, table.delimiter_row, *window(table.body_rows, near)]
    if len(rows) < 3:
        return Layout({})
    widths: dict[int, int] = {}
    last_free = not table.header_row.trailing_pipe
    for column in range(table.width - (1 if last_free else 0)):
        raws = [row.cells[column] for row in rows if column < len(row.cells)]
        sizes = {width(raw) for raw in raws}
        contents = {width(raw.strip(" \t")) for raw in raws}
        if len(raws) >= 3 and len(sizes) == 1 and -1 not in sizes and len(contents) > 1:
            widths[column] = sizes.pop()
    return Layout(widths)


def learn_cells(table: Table, near: int, layout: Layout) -> tuple[dict[int, str], dict[int, str]]:
    """How each column writes an empty cell (`| |`, `|  |`, `||`) and pads a filled one.

    Learned from the rows near `near`, so that emptying a cell and filling an
    empty one give back what the table's own rows look like. Padded columns
    are left out of the first: their empty cells are filled to the column width.
    """
    blanks: dict[int, Counter[str]] = {}
    filled: dict[int, Counter[str]] = {}
    for row in window(table.body_rows, near):
        for column, raw in enumerate(row.cells[: table.width]):
            lead, trail = padding(raw)
            if raw.strip(" \t"):
                filled.setdefault(column, Counter())[f"{lead}x{trail}"] += 1
            elif column not in layout.widths:
                blanks.setdefault(column, Counter())[raw] += 1
    return _most_common(blanks), _most_common(filled)


def _most_common(counts: dict[int, Counter[str]]) -> dict[int, str]:
    return {column: count.most_common(1)[0][0] for column, count in counts.items()}


def _value(row: Row, column: int) -> str | None:
    return cell_value(row.cells[column]) if column < len(row.cells) else None


@dataclass(frozen=True)
class Habits:
    """How a table writes its values: placeholders, issues, link separators."""

    placeholders: dict[int, str]
    issue_example: tuple[str, int] | None
    link_separator: str

    @classmethod
    def learn(
        cls, table: Table, near: int, issue_column: int | None, links_column: int | None
    ) -> Habits:
        rows = window(table.body_rows, near)
        counts: dict[int, Counter[str]] = {}
        for row in rows:
            for column in range(min(table.width, len(row.cells))):
                value = cell_value(row.cells[column])
                if is_placeholder(value):
                    counts.setdefault(column, Counter())[value] += 1
        overall: Counter[str] = sum(counts.values(), Counter())
        fallback = overall.most_common(1)[0][0] if overall else ""
        placeholders = {
            column: counts[column].most_common(1)[0][0] if column in counts else fallback
            for column in range(table.width)
        }
        return cls(placeholders, _issue_example(rows, issue_column), _separator(rows, links_column))

    def issue_text(self, number: int) -> str:
        """`#11`, or the issue written the way the column writes its others."""
        if self.issue_example is not None:
            text, old = self.issue_example
            new = re.sub(rf"(?<!\d){old}(?!\d)", str(number), text)
            if parse_issue(new) == number:
                return new
        return f"#{number}"


def _issue_example(rows: Iterable[Row], column: int | None) -> tuple[str, int] | None:
    if column is None:
        return None
    for row in rows:
        value = _value(row, column)
        if value and not is_placeholder(value):
            number = parse_issue(value)
            if number is not None:
                return value, number
    return None


def _separator(rows: Iterable[Row], column: int | None) -> str:
    if column is not None:
        for row in rows:
            separator = link_separator(_value(row, column) or "")
            if separator is not None:
                return separator
    return ", "
