"""`mdstudy fmt`: line up a README's tables in display width, touching nothing else.

Only the cells' padding changes: every cell keeps its text byte for byte, every
row keeps its container prefix, its pipes (leading, trailing), what follows the
last pipe and its line ending; the delimiter row keeps its colons. A table's
spacing style is kept too: `| a | b |` stays spaced, `|a|b|` stays compact.
Cells are padded to their column's display width (wcwidth: Hangul, CJK and most
emoji count two), so the pipes line up in a terminal and in GitHub's editor.

Rows are never given or robbed of a cell: a short row stays short, the extra
cells of a long row (which GitHub drops) are kept as written. The new text is
read back with the same table parser before it is accepted: the same tables on
the same lines with the same cell texts, or an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from mdstudy.errors import MdStudyError
from mdstudy.layout import width
from mdstudy.source import Source
from mdstudy.splice import TableEdit
from mdstudy.tables import Row, Table, ends_table, find_tables

if TYPE_CHECKING:
    from mdstudy.document import Document

# The narrowest column: room for `---` (and its colons) in the delimiter row.
MIN_WIDTH = 3


def _spaced(rows: Iterable[Row], count: int) -> bool:
    """Whether most cells have whitespace between the pipe before them and their text
    (`| a |`). Only the leading side counts: lining up adds trailing spaces, so the
    decision must not change when a formatted table is formatted again."""
    spaced = compact = 0
    for row in rows:
        for column, raw in enumerate(row.cells[:count]):
            if not raw.strip(" \t") or (column == 0 and not row.leading_pipe):
                continue
            if raw[:1] in (" ", "\t"):
                spaced += 1
            else:
                compact += 1
    return spaced >= compact


def _content(raw: str) -> str:
    return raw.strip(" \t")


def format_table(table: Table) -> dict[int, tuple[Row, ...]] | None:
    """New rows for a table whose pipes do not line up (offset 0 header, 1 delimiter,
    2 + i body row i); {} when it is lined up already; None when it cannot be lined up
    (a tab or a control character inside a cell: no display width to count)."""
    count = table.width
    body = [table.header_row, *table.body_rows]
    spaced = _spaced(body, count)
    delimiter_spaced = _spaced([table.delimiter_row], count)
    widths = [MIN_WIDTH] * count
    for row in body:
        for column, raw in enumerate(row.cells[:count]):
            size = width(_content(raw))
            if size < 0:
                return None
            widths[column] = max(widths[column], size + _backslash_room(raw, spaced))
    for column, raw in enumerate(table.delimiter_row.cells[:count]):
        colons = raw.count(":")
        extra = 2 if delimiter_spaced and not spaced else 0
        widths[column] = max(widths[column], colons + 1 + extra)
    changed: dict[int, tuple[Row, ...]] = {}
    rows = [table.header_row, table.delimiter_row, *table.body_rows]
    for offset, row in enumerate(rows):
        if offset == 1:
            new = _delimiter(row, widths, spaced, delimiter_spaced)
        else:
            new = _row(row, widths, spaced, count)
        if _starts_block(new) and not _starts_block(row):
            # `-|x` padded to `-   |x` would start a list item: such a row keeps its bytes.
            continue
        if new.text() != row.text():
            changed[offset] = (new,)
    return changed


def _starts_block(row: Row) -> bool:
    """Whether the row, read after its container prefix, would end the table."""
    return ends_table(row.text()[len(row.prefix) :])


def _backslash_room(raw: str, spaced: bool) -> int:
    """A compact cell ending in a backslash needs a space before the pipe (`\\|` escapes it)."""
    return 1 if not spaced and _content(raw).endswith("\\") else 0


def _row(row: Row, widths: list[int], spaced: bool, count: int) -> Row:
    cells = list(row.cells)
    last = len(cells) - 1
    pad = " " if spaced else ""
    for column in range(min(count, len(cells))):
        content = _content(cells[column])
        lead = pad if (column > 0 or row.leading_pipe) else ""
        if column == last and not row.trailing_pipe:
            cells[column] = lead + content  # nothing after it to line up
            continue
        fill = widths[column] - width(content)
        cells[column] = lead + content + " " * fill + pad
    return row.with_cells(tuple(cells))


def _delimiter(row: Row, widths: list[int], spaced: bool, delimiter_spaced: bool) -> Row:
    cells = list(row.cells)
    last = len(cells) - 1
    for column, raw in enumerate(cells[: len(widths)]):
        content = _content(raw)
        left, right = content.startswith(":"), content.endswith(":") and len(content) > 1
        open_end = column == last and not row.trailing_pipe
        # As wide as the other rows' cells in this column (a first cell without a pipe
        # before it takes no space there: the row's prefix would take it).
        first_bare = column == 0 and not row.leading_pipe
        lead = " " if delimiter_spaced and not first_bare else ""
        trail = " " if delimiter_spaced and not open_end else ""
        room = widths[column] + (0 if first_bare or not spaced else 1) + (1 if spaced else 0)
        core = widths[column] if open_end else room - len(lead) - len(trail)
        dashes = max(core - left - right, 1)
        cells[column] = lead + ":" * left + "-" * dashes + ":" * right + trail
    return row.with_cells(tuple(cells))


_PIPELESS_DELIMITER = re.compile(r" {0,3}:?-+:?[ \t]*\r?\n?\Z")


def _after_pipeless_delimiter(lines: tuple[str, ...], start: int) -> bool:
    """Whether a delimiter row without pipes (`:-`) stands under a text line in the block
    that holds the table's header (`start`, 0-based). GitHub reads `Date` / `:-` as the
    start of a one-column table and the lines after it as its rows, while tables.py
    wants a pipe in the delimiter row and may find a table further down: padding that
    table's delimiter row (`|-` to `|---`) would change a cell GitHub shows."""
    index = start
    while index >= 1 and lines[index].strip():
        if _PIPELESS_DELIMITER.match(lines[index]) and lines[index - 1].strip():
            return True
        index -= 1
    return False


class Formatted(NamedTuple):
    source: Source
    skipped: list[int]  # 1-based header lines of tables left as they are (a tab in a cell)


def format_source(source: Source, tables: Iterable[Table], name: str) -> Formatted:
    """`source` with the given tables lined up; re-read before it is accepted."""
    edits = []
    skipped = []
    for table in tables:
        if _after_pipeless_delimiter(source.lines, table.start):
            continue
        rows = format_table(table)
        if rows is None:
            skipped.append(table.line)
        elif rows:
            edits.append(TableEdit(table, rows))
    new = source
    for edit in sorted(edits, key=lambda e: e.table.start, reverse=True):
        new = edit.apply(new)
    if new is not source:
        _verify(source, new, name)
    return Formatted(new, skipped)


def _alignments(table: Table) -> list[tuple[bool, bool]]:
    return [(v.startswith(":"), v.endswith(":")) for v in table.delimiter_row.values()]


def _verify(old: Source, new: Source, name: str) -> None:
    """The same tables on the same lines, with the same cells, or an error."""
    before, after = find_tables(old), find_tables(new)
    shape = [(t.start, len(t.body_rows)) for t in before]
    if shape != [(t.start, len(t.body_rows)) for t in after]:
        raise MdStudyError(f"{name}: lining up the tables would change them; please report this")
    for a, b in zip(before, after, strict=True):
        if (
            a.header != b.header
            or _alignments(a) != _alignments(b)
            or [r.values() for r in a.body_rows] != [r.values() for r in b.body_rows]
        ):
            raise MdStudyError(
                f"{name}:{a.line}: lining up this table would change its cells; please report this"
            )
    if len(old.lines) != len(new.lines) or old.bom != new.bom:
        raise MdStudyError(f"{name}: lining up the tables would add or remove lines")


def study_tables(doc: Document, all_tables: bool = False) -> list[Table]:
    """The tables `fmt` lines up: the schedule and candidate tables, or every table."""
    if all_tables:
        return list(doc.tables)
    chosen = [s.table for s in doc.schedules]
    if doc.candidate_table is not None:
        chosen.append(doc.candidate_table)
    return chosen


def format_document(doc: Document, all_tables: bool = False) -> Formatted:
    """The document's text with its tables lined up (the Document itself is not changed)."""
    return format_source(doc.source, study_tables(doc, all_tables), doc.name)
