"""Contract 3, "GitHub agrees": mdstudy finds the tables GitHub renders, with the same cells.

GitHub's renderer (cmark-gfm, through ``cmarkgfm``) is the oracle, see ``gfm_oracle``.
For each document: the same number of tables, each spanning the same source
lines, with the same width and number of body rows, and every cell text
mdstudy reports rendering to exactly the HTML GitHub gives that cell.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from gfm_oracle import github_tables, render_cell, render_cells, render_github
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_docs import picks

import mdstudy

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "README.md"
SPEC = CORPUS / "gfm-spec-tables.txt"

SPEC_FENCE = "`" * 32


def _require(path: Path) -> None:
    """Skip when the shared test data is absent; in CI its absence is a failure."""
    if path.exists():
        return
    reason = f"shared test data not found: {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _read(path: Path) -> str:
    # Bytes, not read_text(): universal newlines would turn CRLF and CR into LF.
    return path.read_bytes().decode("utf-8")


def _spec_examples(path: Path) -> list[tuple[str, str]]:
    """(Markdown, expected HTML) of each example in the spec's tables section."""
    examples: list[tuple[str, str]] = []
    parts: list[list[str]] | None = None
    for line in _read(path).split("\n"):
        if line == SPEC_FENCE + " example table":
            parts = [[]]
        elif parts is None:
            continue
        elif line == "." and len(parts) == 1:
            parts.append([])
        elif line == SPEC_FENCE:
            # The spec writes a tab as "→" so that it can be seen.
            markdown, html = ("".join(f"{x}\n" for x in part).replace("→", "\t") for part in parts)
            examples.append((markdown, html))
            parts = None
        else:
            parts[-1].append(line)
    return examples


def _document_params() -> list[Any]:
    if not CORPUS.is_dir():
        return [pytest.param(CORPUS, id="corpus-missing")]
    paths = sorted(CORPUS.glob("*.md"))
    return [pytest.param(path, id=path.name) for path in paths]


def _spec_params() -> list[Any]:
    if not SPEC.is_file():
        return [pytest.param(None, None, id="spec-missing")]
    return [
        pytest.param(markdown, html, id=f"spec-example-{number}")
        for number, (markdown, html) in enumerate(_spec_examples(SPEC), start=1)
    ]


def _cell_context(text: str) -> str:
    # Link reference definitions elsewhere in the document change how "[x]"
    # renders in a cell; every definition contains "]:", so without one the
    # (costlier) whole-document context can be left out.
    return text if "]:" in text else ""


def _describe(tables: Sequence[Any]) -> list[tuple[int, int]]:
    return [(table.line, table.end_line) for table in tables]


def assert_github_agrees(text: str) -> None:
    ours = mdstudy.loads(text).tables
    theirs = github_tables(text)
    # Comparing the spans first gives one readable diff for count and lines.
    assert _describe(ours) == _describe(theirs), "tables (line, end_line): mdstudy vs GitHub"
    context = _cell_context(text)
    problems: list[str] = []
    compared: list[tuple[str, str, str]] = []  # (where, mdstudy's cell, GitHub's HTML)
    for our_table, oracle in zip(ours, theirs, strict=True):
        where = f"table at line {oracle.line}"
        if len(our_table.header) != len(oracle.header):
            problems.append(
                f"{where}: {len(our_table.header)} columns, GitHub {len(oracle.header)}"
            )
            continue
        if len(our_table.rows) != len(oracle.rows):
            problems.append(f"{where}: {len(our_table.rows)} body rows, GitHub {len(oracle.rows)}")
            continue
        grid = [("header", our_table.header, oracle.header)]
        grid += [
            (f"row {index}", row, oracle_row)
            for index, (row, oracle_row) in enumerate(
                zip(our_table.rows, oracle.rows, strict=True), start=1
            )
        ]
        for label, cells, oracle_cells in grid:
            if len(cells) != len(oracle_cells):
                problems.append(f"{where}, {label}: {len(cells)} cells, GitHub {len(oracle_cells)}")
                continue
            for column, (cell, oracle_cell) in enumerate(
                zip(cells, oracle_cells, strict=True), start=1
            ):
                compared.append((f"{where}, {label}, column {column}", cell, oracle_cell))
    # Rendered in two batches (one cmark call each): the cells that may hold a
    # link reference need the document as context, the others do not.
    plain = iter(render_cells([cell for _, cell, _ in compared if "[" not in cell]))
    linked = iter(render_cells([cell for _, cell, _ in compared if "[" in cell], context))
    for where, cell, oracle_cell in compared:
        rendered = next(linked if "[" in cell else plain)
        if rendered != oracle_cell:
            problems.append(
                f"{where}: mdstudy cell {cell!r} renders as {rendered!r}, "
                f"GitHub has {oracle_cell!r}"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", _document_params())
def test_corpus_file(path: Path) -> None:
    _require(path)
    assert_github_agrees(_read(path))


def test_seed_readme() -> None:
    _require(SEED)
    assert_github_agrees(_read(SEED))


@pytest.mark.parametrize(("markdown", "html"), _spec_params())
def test_spec_example(markdown: str | None, html: str | None) -> None:
    _require(SPEC)
    assert_github_agrees(markdown or "")


# Lists beside tables: tables.py skips reading a top-level list of one-line items (then a
# blank line and an unindented line), and hands every other list to mistune. Each case is
# one side of that line; GitHub decides which tables there are.
LISTS_BESIDE_TABLES = {  # the text, and how many tables GitHub shows in it
    "one-line items, then a table": ("- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n", 1),
    "ordered, then a table": ("1. a\n2. b\n\n| x |\n|---|\n", 1),
    "ordered from 3": ("text\n3. a\n4. b\n\n| x |\n|---|\n", 1),
    "a table line right after the items (lazy)": ("- a\n- b\n| x | y |\n|---|---|\n", 0),
    "a table inside the last item": ("- a\n\n  | x |\n  |---|\n  | 1 |\n", 1),
    "a thematic break among the items": ("- a\n- - -\n\n| x |\n|---|\n", 1),
    "another bullet starts another list": ("* a\n+ b\n\n| x |\n|-|\n", 1),
    "a loose list": ("- a\n\n- b\n\n| x |\n|-|\n", 1),
    "indented items": ("  - a\n  - b\n\n| x |\n|-|\n", 1),
    "a nested item": ("- a\n  - b\n\n| x |\n|-|\n", 1),
    "an item in a quote": ("> - a\n> - b\n\n| x |\n|-|\n", 1),
    "an HTML block after the list": ("- a\n\n<div class=x>\n| x |\n|-|\n", 0),
    "a fence in an item": ("- ```\n- b\n\n| x |\n|-|\n", 1),
    "the end of the text": ("| x |\n|-|\n\n- a\n- b", 1),
}


@pytest.mark.parametrize(
    ("text", "tables"), LISTS_BESIDE_TABLES.values(), ids=list(LISTS_BESIDE_TABLES)
)
def test_lists_beside_tables(text: str, tables: int) -> None:
    assert len(github_tables(text)) == tables  # the case is what its name says
    assert_github_agrees(text)


# --- The oracle itself: if it were wrong, agreeing with it would prove nothing.


@pytest.mark.parametrize(("markdown", "html"), _spec_params())
def test_oracle_renders_spec_examples_as_the_spec_says(
    markdown: str | None, html: str | None
) -> None:
    _require(SPEC)
    assert render_github(markdown or "", sourcepos=False) == html


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # cmark-gfm itself dates such a table from the paragraph's first line.
        pytest.param("intro\nmore\n| a |\n|-|\n| 1 |\n", [(3, 5)], id="text-before-header"),
        pytest.param("> x\n> | a |\n> |-|\n", [(2, 3)], id="text-before-header-in-quote"),
        pytest.param("| a |\n|-|\n| 1 |\n## Next\n", [(1, 3)], id="heading-right-after"),
        pytest.param("| a |\n|-|\n| 1 |", [(1, 3)], id="no-final-newline"),
        pytest.param("| a |\r\n|-|\r\n\r\n| b |\r|-|\r| 2 |", [(1, 2), (4, 6)], id="crlf-cr"),
        pytest.param("- x\n\n  | a |\n  |-|\n  | 1 |\n\n   \n", [(3, 5)], id="in-list"),
    ],
)
def test_oracle_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert _describe(github_tables(text)) == spans


def test_oracle_ignores_raw_html_tables_and_code() -> None:
    text = (
        "<table><tr><td>raw | html</td></tr></table>\n\n"
        "```\n| a | b |\n|---|---|\n```\n\n"
        "    | a | b |\n    |---|---|\n\n"
        "| h |\n|-|\n| <td>x</td> `a\\|b` <br> |\n"
    )
    assert [(t.line, t.end_line, t.rows) for t in github_tables(text)] == [
        (11, 13, [["<td>x</td> <code>a|b</code> <br>"]]),
    ]


_RENDER_CELL_CASES = [
    ("", ""),
    ("# not a heading", "# not a heading"),
    ("- not a list", "- not a list"),
    ("1. not a list", "1. not a list"),
    ("> not a quote", "&gt; not a quote"),
    ("===", "==="),
    ("a|b", "a|b"),
    ("`a|b`", "<code>a|b</code>"),
    ("x<br>y", "x<br>y"),
    ("\u3000", "\u3000"),
]


@pytest.mark.parametrize(("cell", "html"), _RENDER_CELL_CASES)
def test_render_cell(cell: str, html: str) -> None:
    assert render_cell(cell) == html


_UNBALANCED_CELLS = ["*a", "a*", "`open", "**b", "[x", "x]", "<b>", "</b>", "<!--", "_u", "~~s"]


def test_render_cells_renders_each_cell_as_a_table_of_its_own_would() -> None:
    # One table for many cells must not let one cell's inlines reach another's.
    cells = [cell for cell, _ in _RENDER_CELL_CASES] + _UNBALANCED_CELLS + ["[ref]"]
    context = "[ref]: https://example.com\n"
    for with_context in ("", context):
        alone = [render_cells([cell], with_context)[0] for cell in cells]
        assert render_cells(cells, with_context) == alone
    assert render_cells([]) == []


def test_oracle_reads_cells_holding_a_newline_or_an_end_tag() -> None:
    # "&#10;" is a newline in cmark's output and raw "</td>" passes through, so
    # neither may end the cell.
    text = "| h | i |\n|-|-:|\n| a&#10;</td>&#10;<td>b | c |\n"
    (table,) = github_tables(text)
    assert table.header == ["h", "i"]
    assert table.rows == [["a\n</td>\n<td>b", "c"]]


def test_render_cell_uses_link_definitions_from_context() -> None:
    assert render_cell("[ref]") == "[ref]"
    assert render_cell("[ref]", "text\n\n[ref]: https://example.com\n") == (
        '<a href="https://example.com">ref</a>'
    )


# --- Random documents: tables among the blocks that can hide, break or hold them.

# Each strategy is built once, here, and lists of picks are drawn as one choice each
# (`picks`): the generator makes the same documents as before at a fraction of the cost.
_PADDINGS = ["", " ", " ", "  ", "\t", " \t", "\t "]
_CELL_PARTS = [
    "x",
    "TBD",
    "10/11",
    "Paper title",
    "미정",
    "김철수",
    "발표 자료",
    "🙂",
    "👩‍💻",
    "⭕️",
    "-",
    "`code`",
    "`a\\|b`",
    "a \\| b",
    "\\|",
    "**bold**",
    "*it*",
    "[link](https://example.com)",
    "[ref]",
    "<br>",
    "https://example.com",
    "#",
    ">",
    "1.",
    "===",
    "\\",
]
_CELL = picks(_CELL_PARTS, min_size=0, max_size=3).map(" ".join)
_DELIMITER_CELLS = ["-", "---", "---", ":--", "--:", ":-:", "------"]
_TEXT = st.sampled_from(
    ["Some text.", "a | b", "스터디 일정", "see | here |", "🙂 emoji", "x", "- not | a row"]
)
# A leading and a trailing pipe, each there three times in four.
_PIPES = st.sampled_from([(lead, trail) for lead in [1, 1, 1, 0] for trail in [1, 1, 1, 0]])
_WIDTHS = range(1, 6)
# Per number of cells: the cells' paddings (two each), header cells, delimiter cells.
_CELL_PADDINGS = {n: picks(_PADDINGS, 2 * n, 2 * n) for n in _WIDTHS}
_HEADERS = {n: st.lists(_CELL, min_size=n, max_size=n) for n in _WIDTHS}
_DELIMITERS = {n: picks(_DELIMITER_CELLS, n, n) for n in _WIDTHS}
_DELIMITER_WIDTHS = {n: st.sampled_from([n] * 6 + [n + 1, max(1, n - 1)]) for n in range(1, 5)}
# Ragged body rows: GitHub pads short rows and truncates long ones.
_BODIES = {n: st.lists(st.lists(_CELL, min_size=1, max_size=n + 1), max_size=4) for n in _WIDTHS}


def _row(draw: st.DrawFn, cells: list[str]) -> str:
    """One pipe-table line: random padding, leading and trailing pipes optional."""
    lead, trail = draw(_PIPES)
    pads = draw(_CELL_PADDINGS[len(cells)])
    padded = [pads[2 * i] + cell + pads[2 * i + 1] for i, cell in enumerate(cells)]
    if not lead:
        # Known gap: a pipe-less row indented 4+ columns that continues a paragraph is a
        # table header on GitHub; mistune has already joined it to the paragraph.
        padded[0] = padded[0].lstrip(" \t")
    return ("|" if lead else "") + "|".join(padded) + ("|" if trail else "")


@st.composite
def _table(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(1, 4))
    header = draw(_HEADERS[width])
    # Mostly a matching delimiter row; sometimes a mismatch (then it is no table).
    delimiter_width = draw(_DELIMITER_WIDTHS[width])
    delimiter = _row(draw, draw(_DELIMITERS[delimiter_width]))
    lines = [_row(draw, header), delimiter]
    lines += [_row(draw, cells) for cells in draw(_BODIES[width])]
    return lines


_TABLE = _table()
_KINDS = st.sampled_from(
    [
        "table",
        "table",
        "table",
        "paragraph",
        "heading",
        "fence",
        "quote",
        "list",
        "indented",
        "html",
        "definition",
    ]
)
_PARAGRAPH = st.lists(_TEXT, min_size=1, max_size=2)
_HEADING = st.sampled_from(["#", "##", "###"])
_FENCE = st.sampled_from(["```", "~~~", "```text"])
# A container's content: tables, possibly with a paragraph line before or after.
_INNER = st.lists(st.one_of(_TEXT.map(lambda text: [text]), _TABLE), min_size=1, max_size=2)
_QUOTE = st.sampled_from(["> ", ">"])
_MARKER = st.sampled_from(["- ", "* ", "1. ", "10) "])


def _indent(marker: str, lines: list[str]) -> list[str]:
    """Put lines in a list item: the marker, then continuation lines indented to match."""
    rest = " " * len(marker)
    return [marker + lines[0]] + [rest + line if line else "" for line in lines[1:]]


@st.composite
def _block(draw: st.DrawFn) -> list[str]:
    kind = draw(_KINDS)
    if kind == "table":
        return draw(_TABLE)
    if kind == "paragraph":
        return draw(_PARAGRAPH)
    if kind == "heading":
        return [draw(_HEADING) + " " + draw(_TEXT)]
    if kind == "fence":
        fence = draw(_FENCE)
        return [fence, *draw(_TABLE), fence[:3]]
    if kind == "indented":
        return ["    " + line for line in draw(_TABLE)]
    if kind == "html":
        return ["<div>", *draw(_TABLE), "</div>"]
    if kind == "definition":
        # Known gap: cmark lets a tab-indented table header continue a link reference
        # definition's paragraph; mistune reads it as indented code. A blank line after
        # the definition (as READMEs write them) keeps the generator off that corner.
        return ["[ref]: https://example.com/ref", ""]
    lines = [line for part in draw(_INNER) for line in part]
    if kind == "quote":
        prefix = draw(_QUOTE)
        quoted = [prefix + line for line in lines]
        if draw(st.booleans()):
            quoted[-1] = lines[-1]  # a lazy continuation line
        return quoted
    return _indent(draw(_MARKER), lines)


# Blocks right next to each other, or apart by a (whitespace) blank line.
# Known gap: a table right after a list item that ends in a table is, on
# GitHub, a new table; mistune keeps the line in the list item.
_APART = [[""], [""], ["  "], ["", ""]]
_AFTER_LIST = st.sampled_from(_APART)
_AFTER_BLOCK = st.sampled_from([[], *_APART])
_BLOCKS = st.lists(_block(), min_size=1, max_size=5)


@st.composite
def _document(draw: st.DrawFn) -> tuple[list[str], bool]:
    """The document's lines and whether it ends with a line ending."""
    lines: list[str] = []
    after_list = False
    for number, block in enumerate(draw(_BLOCKS)):
        if number:
            lines.extend(draw(_AFTER_LIST if after_list else _AFTER_BLOCK))
        lines.extend(block)
        after_list = bool(block) and block[0][:1] in "-*1"
    return lines, draw(st.booleans())


@pytest.mark.parametrize("eol", [pytest.param("\n", id="LF"), pytest.param("\r\n", id="CRLF")])
@settings(max_examples=300, derandomize=True, deadline=None)
@given(document=_document())
def test_random_documents(eol: str, document: tuple[list[str], bool]) -> None:
    lines, final_newline = document
    text = eol.join(lines) + (eol if final_newline else "")
    assert_github_agrees(text)
