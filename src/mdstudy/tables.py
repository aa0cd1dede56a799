"""Find GitHub-Flavored-Markdown pipe tables and keep every row's exact text.

mistune is the block parser, so a "table" inside fenced code, indented code or
an HTML block is not seen as one. Its built-in table rule does not follow GitHub
(it drops a whole table when one row has the wrong number of cells, ends a
table at a row without pipes, and accepts empty delimiter cells), so this module
registers its own rule as a mistune plugin. The rule only records which source
lines a table spans; the rows are then split from the original lines, so
nothing mistune normalises (CRLF, tabs, container prefixes) can leak into them.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Sequence
from functools import cache, cached_property
from typing import Any

import mistune
from mistune.core import BlockState

from mdstudy.patterns import compiled
from mdstudy.source import Source, line_body

_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*\Z")

# Lines that end a table: a blank line, or the start of another block
# (cmark-gfm's block starts; setext underlines are not among them).
_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_ATTRIBUTE = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_INDENTED = r" {0,3}\t| {4}"
# Block starts without letters (case does not matter), and the HTML ones, which
# all begin with `<`: kept apart so that the large case-insensitive HTML pattern
# is compiled only when a line needs it (start-up time matters in pre-commit).
_THEMATIC_BREAK = r"(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$"
_LIST_MARKER = r"[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
_PLAIN_STARTS = r">|#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|" + _THEMATIC_BREAK + "|" + _LIST_MARKER
_HTML_STARTS = (
    r"<(?:script|pre|style|textarea)(?:[ \t>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\["
    r"|</?(?:" + _HTML_BLOCK_TAGS + r")(?:[ \t]|/?>|$)"
    r"|(?:<[A-Za-z][A-Za-z0-9-]*" + _ATTRIBUTE + r"*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
)
_ENDS_TABLE_PLAIN = re.compile(r"[ \t]*$|" + _INDENTED + r"| {0,3}(?:" + _PLAIN_STARTS + ")")
_BREAKS_PARAGRAPH_PLAIN = r"[ \t]*$| {0,3}(?:" + _PLAIN_STARTS + ")"  # compiled when needed


@cache
def _html_start() -> re.Pattern[str]:
    return re.compile(r" {0,3}(?:" + _HTML_STARTS + ")", re.IGNORECASE)


def _starts_html(line: str) -> bool:
    return line[:4].lstrip(" ")[:1] == "<" and _html_start().match(line) is not None


def ends_table(line: str) -> bool:
    """A blank line, an indented line, or the start of another block: the table ends."""
    return _ENDS_TABLE_PLAIN.match(line) is not None or _starts_html(line)


# A header line (not blank, not the start of another block) followed by a line
# that looks like a delimiter row (checked exactly in the rule). Two lines, so
# that a table interrupting a paragraph is still found, as GitHub does.
# A header line that starts another block (HTML, a list, an indented line) is refused
# in the rule, not here: mistune compiles this scanner into its own on every run, and
# the alternatives of every block start would cost a millisecond of start-up.
# Known gap: GitHub also takes a header indented 4+ columns when it continues a
# paragraph; mistune has already joined such a line to the paragraph.
_TABLE_START = (
    r"^(?![ \t]*$)[^\n]*\n"
    r"(?! {0,3}-[ \t])"  # a delimiter line starting "- " is a list item on GitHub
    # A pipe, or a colon: GitHub takes `:--` alone as a one-column delimiter row.
    r" {0,3}(?=[|:-])(?=[^\n]*[|:])(?=[^\n]*-)[|:\- \t]+(?:\n|$)"
)
_ENV_KEY = "mdstudy_tables"


class paused_gc:  # lower case: used like a function, `with paused_gc():`
    """Build many small objects without cycle collection running over and over.

    Rows, cells and records hold no reference cycles, yet allocating 100,000 of
    them triggers hundreds of collections, a quarter of the time of a big README.
    (A class, not @contextmanager: contextlib would cost start-up time.)
    """

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        if self.was_enabled:
            gc.enable()


def is_escaped(text: str, index: int) -> bool:
    """Whether a pipe is escaped: cmark-gfm counts any backslash before it, even `\\\\|`."""
    return index > 0 and text[index - 1] == "\\"


def split_cells(content: str) -> list[str]:
    """Split on unescaped pipes, keeping each cell's padding."""
    if "\\" not in content:  # nothing escaped: the common case, at C speed
        return content.split("|")
    cells, start = [], 0
    index = content.find("|")
    while index != -1:
        if not is_escaped(content, index):
            cells.append(content[start:index])
            start = index + 1
        index = content.find("|", index + 1)
    cells.append(content[start:])
    return cells


def cell_value(raw: str) -> str:
    """A cell's text as GitHub reads it: padding trimmed, `\\|` unescaped."""
    return raw.strip(" \t").replace("\\|", "|")


_Parts = tuple[str, bool, tuple[str, ...], bool, str, str]


class Row:
    """One table line as trivia plus raw cells: concatenating them gives the line back.

    A row read from a README keeps its line and splits it on first use: an edit of
    one row of a 100,000-row schedule then never holds 600,000 cell strings.
    (A plain class with __slots__, not a dataclass: cheaper at start-up and per row.)
    """

    __slots__ = ("_line", "_parts", "_prefix")

    def __init__(
        self,
        prefix: str,  # container markers and indentation ("> " in a block quote)
        leading_pipe: bool,
        cells: tuple[str, ...],  # the exact text between pipes, padding included
        trailing_pipe: bool,
        tail: str,  # spaces and tabs after the last pipe or cell
        ending: str,  # the line's own line ending ("" on a last line without one)
    ) -> None:
        self._line: str | None = None
        self._prefix = ""
        self._parts: _Parts | None = (prefix, leading_pipe, cells, trailing_pipe, tail, ending)

    @classmethod
    def parse(cls, line: str, prefix: str = "") -> Row:
        """The row of a source line (`prefix`: the container markers before the table)."""
        row = cls.__new__(cls)
        row._line, row._prefix, row._parts = line, prefix, None
        return row

    def _split(self) -> _Parts:
        if self._parts is None:
            self._parts = self._split_now()
        return self._parts

    @property
    def prefix(self) -> str:
        return self._split()[0]

    @property
    def leading_pipe(self) -> bool:
        return self._split()[1]

    @property
    def cells(self) -> tuple[str, ...]:
        return self._split()[2]

    @property
    def trailing_pipe(self) -> bool:
        return self._split()[3]

    @property
    def tail(self) -> str:
        return self._split()[4]

    @property
    def ending(self) -> str:
        return self._split()[5]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and self._split() == other._split()

    def __hash__(self) -> int:
        return hash(self._split())

    def __repr__(self) -> str:
        return f"Row{self._split()!r}"

    def text(self) -> str:
        """The line exactly as it stands in the source, ending included."""
        if self._line is not None:
            return self._line
        prefix, leading, cells, trailing, tail, ending = self._split()
        return "".join(
            (prefix, "|" if leading else "", "|".join(cells), "|" if trailing else "", tail, ending)
        )

    def values(self) -> list[str]:
        """Every cell's text. An unsplit row stays unsplit: reading a 100,000-row schedule
        must not keep 600,000 raw cells besides the values."""
        cells = self._parts[2] if self._parts is not None else self._cells_now()
        # cell_value inlined: this runs for every cell of every row
        return [cell.strip(" \t").replace("\\|", "|") for cell in cells]

    def _cells_now(self) -> Sequence[str]:
        """The raw cells of an unsplit row, split without keeping them.

        Most rows have no backslash and no container prefix: for them a plain split on
        `|` gives exactly what `_parse_row` gives, without building the row's parts.
        """
        line = self._line
        assert line is not None
        if self._prefix or "\\" in line:
            return self._split_now()[2]
        content = line.rstrip("\r\n").strip(" \t")
        if not content:
            return ("",)
        leading = content[0] == "|"
        if leading:
            content = content[1:]
        trailing = content[-1:] == "|"
        if trailing:
            content = content[:-1]
        if leading and not trailing and not content:
            return ()
        return content.split("|")

    def _split_now(self) -> _Parts:
        assert self._line is not None
        return _parse_row(self._line, self._prefix)

    def value(self, index: int) -> str:
        """Cell `index`'s text ("" past the last cell), without keeping the row split."""
        cells = self._parts[2] if self._parts is not None else self._cells_now()
        return cell_value(cells[index]) if index < len(cells) else ""

    def with_cells(self, cells: tuple[str, ...]) -> Row:
        prefix, leading, _, trailing, tail, ending = self._split()
        return Row(prefix, leading, cells, trailing, tail, ending)


def _parse_row(line: str, prefix: str) -> _Parts:
    # Runs once per table line read (100,000 times in a big README): no helper calls.
    body = line.rstrip("\r\n")  # line_body, inlined
    text = body[len(prefix) :] if prefix else body
    content = text.strip(" \t")
    if not content:
        return prefix + text, False, ("",), False, "", line[len(body) :]
    lead = len(text) - len(text.lstrip(" \t"))
    prefix += text[:lead]
    tail = text[lead + len(content) :]
    leading = content[0] == "|"
    if leading:
        content = content[1:]
    # a pipe is escaped by any backslash before it (see is_escaped)
    trailing = content[-1:] == "|" and content[-2:-1] != "\\"
    if trailing:
        content = content[:-1]
    # A lone leading pipe is a row of no cells: GitHub ends the table there.
    cells = () if leading and not trailing and not content else tuple(split_cells(content))
    return prefix, leading, cells, trailing, tail, line[len(body) :]


class Table:
    """A pipe table: header, delimiter and body rows, and where they stand (0-based line index).

    A plain class, not a frozen dataclass: cheaper at start-up; treat it as read-only.
    """

    def __init__(self, start: int, header_row: Row, delimiter_row: Row, body_rows: tuple[Row, ...]):
        self.start = start
        self.header_row = header_row
        self.delimiter_row = delimiter_row
        self.body_rows = body_rows

    def __repr__(self) -> str:
        return f"Table(line={self.line}, end_line={self.end_line}, header={self.header!r})"

    @property
    def line(self) -> int:
        """1-based line of the header row."""
        return self.start + 1

    @property
    def end_line(self) -> int:
        """1-based line of the last row."""
        return self.start + 2 + len(self.body_rows)

    @property
    def width(self) -> int:
        return len(self.header_row.cells)

    @cached_property
    def header(self) -> list[str]:
        return self.header_row.values()

    @cached_property
    def rows(self) -> list[list[str]]:
        """Body cell texts, padded or cut to the header's width as GitHub renders them."""
        return self._split_body[0]

    @cached_property
    def cell_counts(self) -> list[int]:
        """How many cells each body row has as written (before fitting to the header)."""
        return self._split_body[1]

    @cached_property
    def _split_body(self) -> tuple[list[list[str]], list[int]]:
        # Every row split once, for the reader and the rules alike.
        width = self.width
        with paused_gc():
            rows = [row.values() for row in self.body_rows]
            counts = [len(values) for values in rows]
            fitted = [values if len(values) == width else self.fit(values) for values in rows]
            return fitted, counts

    def split_every_row(self) -> None:
        """Split every body row now (a command about to read them all)."""
        _ = self._split_body

    def has_rows(self) -> bool:
        """Whether every body row is already split (so reading one costs nothing more)."""
        return "_split_body" in self.__dict__

    def fit(self, values: list[str]) -> list[str]:
        return (values + [""] * self.width)[: self.width]

    def row_line(self, index: int) -> int:
        """1-based source line of body row `index`."""
        return self.start + 3 + index


# --- the mistune plugin -----------------------------------------------------


class _LineState(BlockState):
    """A block state that knows which source line its first line is.

    mistune parses block quotes and list items from a copy of their text with
    the markers removed; a child state finds its place in the parent by
    matching its lines against the lines just read.
    """

    line_base = 0  # source line of this state's first line
    parent_index = 0  # the parent state's line where this state's first line stands
    no_table_before = -1  # end of a paragraph where a table header was tried and failed

    def child_state(self, src: str, lazy_line_starts: set[int] | None = None) -> _LineState:
        if "|" not in src and ":-" not in src and "-:" not in src:
            # A quote or list item without a pipe (or a `:--` delimiter) holds no table,
            # and mistune has found its end already: its inside is not read (lists cost
            # half of a parse).
            empty = super().child_state("")
            assert isinstance(empty, _LineState)
            return empty
        child = super().child_state(src, lazy_line_starts)
        assert isinstance(child, _LineState)
        child.parent_index = self._locate(src)
        child.line_base = self.line_base + child.parent_index
        return child

    def is_lazy(self, index: int) -> bool:
        """Whether line `index` is a lazy continuation line: its container took no marker
        or indentation from it. GitHub never lets such a line start or continue a table."""
        parent = self.parent
        if not isinstance(parent, _LineState):
            return False
        theirs = parent._lines[self.parent_index + index] if index < len(self._lines) else ""
        return theirs.expandtabs(4) == self._lines[index].expandtabs(4)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.src))
        return starts

    @cached_property
    def _lines(self) -> list[str]:
        return str(self.src).split("\n")

    def local_line(self, pos: int) -> int:
        return bisect.bisect_right(self._line_starts, pos) - 1

    def _locate(self, child_src: str) -> int:
        """Index of this state's line where the child's first line stands."""
        child_lines = child_src.split("\n")
        if child_lines and child_lines[-1] == "":
            child_lines.pop()
        count = len(child_lines)
        end = self.local_line(self.cursor)
        if self.cursor >= len(self.src) and not self.src.endswith("\n"):
            end += 1
        for first in range(end - count, -1, -1):
            if all(
                _non_space(self._lines[first + k]).endswith(_non_space(line))
                for k, line in enumerate(child_lines)
            ):
                return first
        return max(end - count, 0)


def _non_space(text: str) -> str:
    return "".join(text.split())


class _Span:
    """Where a table stands (0-based source line) and its lines as mistune saw them.

    A plain class: a dataclass costs start-up time, and nothing compares spans.
    """

    def __init__(self, start: int, count: int, seen_lines: tuple[str, ...] | None) -> None:
        self.start = start
        self.count = count  # header, delimiter and body rows
        # The lines as a nested state saw them (container markers removed); None at top
        # level, where mistune sees every line as it stands (100,000 copies would cost).
        self.seen_lines = seen_lines


def is_delimiter_cell(cell: str) -> bool:
    """A cell of a delimiter row: dashes, a colon at either end, spaces around."""
    return _DELIMITER_CELL.match(cell) is not None


def _parse_table(block: Any, m: re.Match[str], state: Any) -> int | None:
    """The GitHub table rule; `state` is always a _LineState (find_tables makes the root)."""
    pos = m.start()
    if ends_table(state.get_line(pos)):  # another block starts here: its own rule takes it
        # (the rules before this one in mistune's order have matched already if they can)
        other = block.compile_sc(["list", "raw_html"]).match(state.src, pos)
        return block.parse_method(other, state) if other else None
    first = state.local_line(pos)
    if state.is_lazy(first) or state.is_lazy(first + 1):
        return None
    if pos < state.no_table_before:
        return None
    header = state.get_line(pos)
    delimiter = state.get_line(pos + len(header))
    delimiter_cells = Row.parse(delimiter).cells
    if not all(_DELIMITER_CELL.match(cell) for cell in delimiter_cells):
        return None
    if len(Row.parse(header).cells) != len(delimiter_cells):
        # cmark-gfm marks the paragraph as tried: no table starts later in it.
        state.no_table_before = _paragraph_end(state, pos)
        return None
    seen = [header, delimiter]
    count = 2
    end = pos + len(header) + len(delimiter)
    src, cursor_max = state.src, state.cursor_max
    nested = isinstance(state.parent, _LineState)  # only a nested state has lazy lines
    # This loop runs once per body row (100,000 times in a big README): kept lean.
    while end < cursor_max:
        stop = src.find("\n", end)
        stop = len(src) if stop < 0 else stop + 1
        line = src[end:stop]
        if (
            ends_table(line)
            # a lone leading pipe is a row of no cells (see Row.parse): GitHub ends the table
            or line.rstrip("\r\n").strip(" \t") == "|"
            or (nested and state.is_lazy(first + count))
        ):
            break
        if nested:
            seen.append(line)
        count += 1
        end = stop
    start = state.line_base + first
    state.env.setdefault(_ENV_KEY, []).append(_Span(start, count, tuple(seen) if nested else None))
    state.append_token({"type": "table"})
    return end


def _paragraph_end(state: Any, pos: int) -> int:
    """Where the paragraph holding the line at pos ends (a blank line or another block)."""
    pos += len(state.get_line(pos))
    while pos < state.cursor_max:
        line = state.get_line(pos)
        if compiled(_BREAKS_PARAGRAPH_PLAIN).match(line) or _starts_html(line):
            break
        pos += len(line)
    return pos


# A list item of one line: the indent, the marker, spaces, then text.
_ONE_LINE_ITEM = r"( {0,3})([-+*]|\d{1,9}[.)])[ \t]+\S[^\n]*\n?"


def _parse_list(block: Any, m: re.Match[str], state: Any) -> int | None:
    """mistune's list rule, with a shortcut for the commonest list of a README: at top
    level, one line per item, then a blank line (or the end) and an unindented line that
    starts no list. Such a list holds no table and mistune would end it there too; its
    items need not be read (mistune compiles two patterns for them, a tenth of `check`'s
    start-up)."""
    end = _one_line_list_end(state, m)
    if end is None:
        return block.parse_list(m, state)  # type: ignore[no-any-return]
    state.append_token({"type": "list", "children": [], "tight": True, "attrs": {}})
    return end


def _one_line_list_end(state: Any, m: re.Match[str]) -> int | None:
    """Where a top-level list of one-line items ends, or None for any other list."""
    if state.parent is not None:
        return None
    src, end, stop_at = state.src, m.start(), state.cursor_max
    first = compiled(_ONE_LINE_ITEM).match(src, end)
    if first is None or first[2][:-1] not in ("", "1"):  # an ordered list starts at 1
        return None
    indent, kind = first[1], first[2][-1]
    while end < stop_at:
        item = compiled(_ONE_LINE_ITEM).match(src, end)
        if (
            item is None
            or item[1] != indent
            or item[2][-1] != kind
            or compiled(" {0,3}(?:" + _THEMATIC_BREAK + ")").match(item[0])  # not an item
        ):
            break
        end = item.end()
    after = end
    line = _line_at(src, after, stop_at)
    while line and not line.strip():  # blank lines
        after += len(line)
        line = _line_at(src, after, stop_at)
    # The end of the text; else a blank line, then an unindented line that starts no list.
    # A line right after the items (a lazy continuation, a block that ends the item), an
    # indented one (the item may go on) or another list: mistune reads the list.
    if line and (
        after == end or line[:1] in " \t" or compiled(" {0,3}(?:" + _LIST_MARKER + ")").match(line)
    ):
        return None
    return end


def _line_at(src: str, pos: int, stop_at: int) -> str:
    """The line starting at pos, with its newline ("" at the end)."""
    newline = src.find("\n", pos, stop_at)
    return src[pos : stop_at if newline < 0 else newline + 1]


def gfm_table_plugin(md: mistune.Markdown) -> None:
    """mistune plugin: the GitHub table rule, at top level, in block quotes and in lists."""
    # Early in the order, so that `<br>| a |` is a table row as on GitHub, not raw HTML;
    # the rule itself refuses header lines that start a list, a quote or an HTML block.
    md.block.register("gfm_table", _TABLE_START, _parse_table, before="list")
    md.block.register("list", None, _parse_list)
    for rules in (md.block.block_quote_rules, md.block.list_rules):
        md.block.insert_rule(rules, "gfm_table", before="list")


_parser: mistune.Markdown | None = None


def _block_parser() -> mistune.Markdown:
    global _parser
    if _parser is None:
        _parser = mistune.Markdown(renderer=None, plugins=[gfm_table_plugin])
    return _parser


def find_tables(source: Source) -> list[Table]:
    """Every pipe table GitHub would render, in source order."""
    text = "".join(source.lines)
    if "\r" in text:  # mistune would turn CR and CRLF into LF; line numbers must not move
        text = "".join(line_body(line) + "\n" for line in source.lines)
    elif text and not text.endswith("\n"):
        text += "\n"
    state = _LineState()
    state.process(text)
    with paused_gc():
        _block_parser().block.parse(state)
        # mistune may parse a block twice (a list that ends a lazy block quote): same span, once.
        spans = {span.start: span for span in state.env.get(_ENV_KEY, [])}
        return [_build_table(source, spans[start]) for start in sorted(spans)]


def _build_table(source: Source, span: _Span) -> Table:
    rows = []
    lines = source.lines[span.start : span.start + span.count]
    if span.seen_lines is None:  # top level: no container prefix to find
        return Table(span.start, *_top_level_rows(lines))
    for original, seen in zip(lines, span.seen_lines, strict=True):
        body, seen = line_body(original), seen.rstrip("\n")
        prefix = "" if body == seen else _container_prefix(body, seen)
        rows.append(Row.parse(original, prefix))
    return Table(span.start, rows[0], rows[1], tuple(rows[2:]))


def _top_level_rows(lines: tuple[str, ...]) -> tuple[Row, Row, tuple[Row, ...]]:
    parse = Row.parse
    return parse(lines[0]), parse(lines[1]), tuple(map(parse, lines[2:]))


def _container_prefix(original: str, seen: str) -> str:
    """The part of the original line that mistune removed (quote markers, list markers)."""
    skip = len(_non_space(original)) - len(_non_space(seen))
    index = 0
    while skip > 0 and index < len(original):
        if not original[index].isspace():
            skip -= 1
        index += 1
    return original[:index]
