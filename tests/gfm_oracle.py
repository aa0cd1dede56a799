"""GitHub's own renderer, cmark-gfm (via ``cmarkgfm``), as the test oracle for tables.

``github_tables`` says which pipe tables GitHub sees in a Markdown text, which
source lines each one spans, and the HTML GitHub renders for every cell.
``render_cells`` renders cells' source texts the same way, so a parser's cell
texts can be compared with the oracle's HTML for those cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import cmarkgfm
from cmarkgfm.cmark import Options

# GitHub's pipeline (table, autolink, tagfilter, strikethrough, tasklist) plus:
# SOURCEPOS for line spans, and UNSAFE so raw HTML such as <br> stays raw
# instead of becoming "<!-- raw HTML omitted -->". Tagfilter is kept: GitHub
# applies it, and it only touches nine tags (<script>, <style>, <title>, ...).
_OPTIONS = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE

# cmark-gfm writes a table's structure one tag a line, each with its source
# position, in a fixed order; only a cell's content varies. Reading that shape
# with anchored patterns is exact and far cheaper than a general HTML parser.
# A document's own raw "<table>" has no data-sourcepos, so it never matches.
_POS = r'data-sourcepos="(\d+):\d+-(\d+):\d+"'
_TABLE = re.compile(rf"^<table {_POS}>\n<thead>\n", re.MULTILINE)
_ROW = re.compile(rf"<tr {_POS}>\n")
_ALIGN = r'(?: align="(?:left|center|right)")?'
_ANY_POS = r'data-sourcepos="\d+:\d+-\d+:\d+"'
# A cell is written on one line, but its content may hold a newline (from
# "&#10;") or a raw "</td>", so it ends only at its end tag followed by the
# next cell or the end of the row.
_CELL = re.compile(
    rf"<(t[hd]){_ALIGN} {_ANY_POS}>(.*?)</\1>\n(?=<t[hd]{_ALIGN} {_ANY_POS}>|</tr>\n)",
    re.DOTALL,
)


@dataclass(frozen=True)
class OracleTable:
    """One table as GitHub renders it."""

    line: int  # 1-based line of the header row
    end_line: int  # 1-based line of the last row (the delimiter row if no body)
    header: list[str]  # inner HTML of each <th>
    rows: list[list[str]]  # inner HTML of each <td>, row by row


class OracleError(AssertionError):
    """cmark's output broke an assumption this module relies on."""


def render_github(text: str, *, sourcepos: bool = True) -> str:
    """The HTML GitHub's renderer gives for ``text``, with source positions by default."""
    options = _OPTIONS if sourcepos else _OPTIONS & ~Options.CMARK_OPT_SOURCEPOS
    return cmarkgfm.github_flavored_markdown_to_html(text, options)


def github_tables(text: str) -> list[OracleTable]:
    """Every table GitHub finds in ``text``, nested ones included, in source order."""
    return _collect(render_github(text))


def render_cell(cell_text: str, context: str = "") -> str:
    """GitHub's inner HTML for a table cell whose source text is ``cell_text``."""
    (html,) = render_cells([cell_text], context)
    return html


def render_cells(cell_texts: Sequence[str], context: str = "") -> list[str]:
    """GitHub's inner HTML for table cells whose source texts are ``cell_texts``.

    A cell text is what a parser reports for a cell: padding stripped and
    ``\\|`` already turned into ``|``. Rendered on its own it could become a
    block (``# x``, ``- x``, ``> x``, ``===``, ...), so each is put back into
    a one-column table as a row of its own, with ``|`` escaped again, and each
    row's cell HTML is taken: the same inline rendering the real table got.
    cmark parses each cell's inlines on their own, so one table for all of
    them renders each as a table of its own would (``test_github_agrees``
    checks this). ``context`` (for example the whole document) is appended
    after a blank line so that its link reference definitions apply to the
    cells as they did in the document.
    """
    if not cell_texts:
        return []
    rows: list[str] = []
    for cell_text in cell_texts:
        if "\n" in cell_text or "\r" in cell_text:
            raise ValueError(f"a table cell cannot span lines: {cell_text!r}")
        # The surrounding spaces are padding, which cmark trims like any other.
        rows.append("| " + cell_text.replace("|", "\\|") + " |\n")
    source = "| x |\n| - |\n" + "".join(rows)
    if context:
        # A blank line ends the table, so nothing in the context joins it.
        source += "\n" + context.removeprefix("\ufeff")
    tables = _collect(render_github(source), limit=1)
    if len(tables) != 1 or len(tables[0].rows) != len(cell_texts):
        raise OracleError(f"cells {cell_texts!r} did not render as one table: {tables!r}")
    for cell_text, row in zip(cell_texts, tables[0].rows, strict=True):
        if len(row) != 1:
            raise OracleError(f"cell {cell_text!r} did not render as one cell: {row!r}")
    return [row[0] for row in tables[0].rows]


def _collect(html: str, limit: int | None = None) -> list[OracleTable]:
    tables: list[OracleTable] = []
    position = 0
    while limit is None or len(tables) < limit:
        start = _TABLE.search(html, position)
        if start is None:
            break
        end_line = int(start.group(2))
        position = start.end()
        header, _, position = _read_row(html, position)
        position = _expect(html, position, "</thead>\n")
        rows: list[list[str]] = []
        row_lines: list[int] = []
        if html.startswith("<tbody>\n", position):
            position += len("<tbody>\n")
            while not html.startswith("</tbody>\n", position):
                row, line, position = _read_row(html, position)
                rows.append(row)
                row_lines.append(line)
            position += len("</tbody>\n")
        position = _expect(html, position, "</table>\n")
        tables.append(_finish(end_line, header, rows, row_lines))
    return tables


def _read_row(html: str, position: int) -> tuple[list[str], int, int]:
    """A <tr>'s cells' inner HTML, its start line, and the position after it."""
    row = _ROW.match(html, position)
    if row is None:
        raise OracleError(f"expected a table row at {html[position : position + 80]!r}")
    cells: list[str] = []
    position = row.end()
    while (cell := _CELL.match(html, position)) is not None:
        cells.append(cell.group(2))
        position = cell.end()
    return cells, int(row.group(1)), _expect(html, position, "</tr>\n")


def _expect(html: str, position: int, tag: str) -> int:
    if not html.startswith(tag, position):
        raise OracleError(f"expected {tag!r} at {html[position : position + 80]!r}")
    return position + len(tag)


def _finish(
    end_line: int, header: list[str], rows: list[list[str]], row_lines: list[int]
) -> OracleTable:
    # cmark-gfm gives the header row (and so the table) the start line of the
    # paragraph the header row ended, which is wrong when lines of text come
    # right before the header. The end line and the body rows' lines are right,
    # and every line from the delimiter row to the end is a row, so the header
    # line is found by counting back from the end.
    line = end_line - len(rows) - 1
    expected_row_lines = list(range(line + 2, end_line + 1))
    if row_lines != expected_row_lines:
        raise OracleError(
            f"table ending on line {end_line}: body rows on lines "
            f"{row_lines}, expected {expected_row_lines}"
        )
    return OracleTable(line=line, end_line=end_line, header=header, rows=rows)
