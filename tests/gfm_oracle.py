"""GitHub's own renderer, cmark-gfm (via ``cmarkgfm``), as the test oracle for tables.

``github_tables`` says which pipe tables GitHub sees in a Markdown text, which
source lines each one spans, and the HTML GitHub renders for every cell.
``render_cell`` renders one cell's source text the same way, so a parser's cell
text can be compared with the oracle's HTML for that cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

# GitHub's pipeline (table, autolink, tagfilter, strikethrough, tasklist) plus:
# SOURCEPOS for line spans, and UNSAFE so raw HTML such as <br> stays raw
# instead of becoming "<!-- raw HTML omitted -->". Tagfilter is kept on purpose:
# GitHub applies it, it only touches nine tags (<script>, <style>, <title>, ...),
# and escaping those keeps html.parser out of its <script>/<style> CDATA mode.
_OPTIONS = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE

_CELL_TAGS = ("th", "td")


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
    """GitHub's inner HTML for a table cell whose source text is ``cell_text``.

    ``cell_text`` is what a parser reports for a cell: padding stripped and
    ``\\|`` already turned into ``|``. Rendered on its own it could become a
    block (``# x``, ``- x``, ``> x``, ``===``, ...), so it is put back into a
    one-column table, with ``|`` escaped again, and that cell's HTML is taken:
    the same inline rendering the real table got. ``context`` (for example the
    whole document) is appended after a blank line so that its link reference
    definitions apply to the cell as they did in the document.
    """
    if "\n" in cell_text or "\r" in cell_text:
        raise ValueError(f"a table cell cannot span lines: {cell_text!r}")
    escaped = cell_text.replace("|", "\\|")
    # The surrounding spaces are padding, which cmark trims like any other.
    source = f"| x |\n| - |\n| {escaped} |\n"
    if context:
        # A blank line ends the table, so nothing in the context joins it.
        source += "\n" + context.removeprefix("\ufeff")
    tables = _collect(render_github(source), limit=1)
    if len(tables) != 1 or len(tables[0].rows) != 1 or len(tables[0].rows[0]) != 1:
        raise OracleError(f"cell {cell_text!r} did not render as one cell: {tables!r}")
    return tables[0].rows[0][0]


@dataclass
class _Table:
    end_line: int
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    in_body: bool = False


class _Done(Exception):
    """Stops parsing once enough tables are collected."""


class _TableCollector(HTMLParser):
    """Collects cmark's tables, recognised by their ``data-sourcepos`` attribute.

    Raw HTML passes through cmark unchanged, so a document's own ``<table>``
    (which has no ``data-sourcepos``) is not a Markdown table, and any tag met
    inside a cell is that cell's content, not structure.
    """

    def __init__(self, html: str, limit: int | None) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.limit = limit
        # html.parser reports (line, column); these turn that into an offset.
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", html))]
        self.done: list[_Table] = []
        self.table: _Table | None = None
        self.row: list[str] | None = None
        self.cell_tag: str | None = None
        self.cell_start = 0

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.cell_tag is not None:
            return  # raw inline HTML inside a cell
        sourcepos = dict(attrs).get("data-sourcepos")
        if tag == "table" and sourcepos is not None:
            self.table = _Table(end_line=_end_line(sourcepos))
        elif self.table is None:
            return
        elif tag == "tbody":  # cmark gives <thead> and <tbody> no sourcepos
            self.table.in_body = True
        elif sourcepos is None:
            return
        elif tag == "tr":
            self.row = []
            if self.table.in_body:
                self.table.rows.append(self.row)
                self.table.row_lines.append(_start_line(sourcepos))
            else:
                self.table.header = self.row
        elif tag in _CELL_TAGS and self.row is not None:
            start_tag = self.get_starttag_text() or ""
            self.cell_tag = tag
            self.cell_start = self.position() + len(start_tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> and friends: content when inside a cell, never table structure.
        return

    def handle_endtag(self, tag: str) -> None:
        if self.cell_tag is not None:
            # cmark writes each cell on one line as <td ...>CONTENT</td>\n, and
            # content never holds a newline, so only that end tag closes it;
            # a raw "</td>" in the content is followed by more content.
            start = self.position()
            closing = f"</{self.cell_tag}>\n"
            if tag == self.cell_tag and self.html.startswith(closing, start):
                assert self.row is not None
                self.row.append(self.html[self.cell_start : start])
                self.cell_tag = None
            return
        if tag == "tbody" and self.table is not None:
            self.table.in_body = False
        elif tag == "table" and self.table is not None:
            self.done.append(self.table)
            self.table = None
            self.row = None
            if self.limit is not None and len(self.done) >= self.limit:
                raise _Done


def _collect(html: str, limit: int | None = None) -> list[OracleTable]:
    collector = _TableCollector(html, limit)
    try:
        collector.feed(html)
        collector.close()
    except _Done:
        pass
    if collector.table is not None or collector.cell_tag is not None:
        raise OracleError("cmark's HTML ended inside a table")
    return [_finish(table) for table in collector.done]


def _finish(table: _Table) -> OracleTable:
    # cmark-gfm gives the header row (and so the table) the start line of the
    # paragraph the header row ended, which is wrong when lines of text come
    # right before the header. The end line and the body rows' lines are right,
    # and every line from the delimiter row to the end is a row, so the header
    # line is found by counting back from the end.
    line = table.end_line - len(table.rows) - 1
    expected_row_lines = list(range(line + 2, table.end_line + 1))
    if table.row_lines != expected_row_lines:
        raise OracleError(
            f"table ending on line {table.end_line}: body rows on lines "
            f"{table.row_lines}, expected {expected_row_lines}"
        )
    return OracleTable(line=line, end_line=table.end_line, header=table.header, rows=table.rows)


def _start_line(sourcepos: str) -> int:
    # data-sourcepos="START_LINE:START_COL-END_LINE:END_COL"
    start, _, _ = sourcepos.partition("-")
    return int(start.split(":")[0])


def _end_line(sourcepos: str) -> int:
    _, _, end = sourcepos.partition("-")
    return int(end.split(":")[0])
