"""Hypothesis strategies for README-like Markdown: tables mixed with other blocks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

# Code points standing for the options of `picks`: one per option, none of them special.
_PICK_BASE = 0x4E00


def picks(options: Sequence[T], min_size: int, max_size: int) -> st.SearchStrategy[list[T]]:
    """`st.lists(st.sampled_from(options), min_size=..., max_size=...)`, drawn as ONE choice.

    Hypothesis draws a string as one choice, its length by the same rule as a list's and
    each character uniformly from the alphabet, as sampled_from picks; a list costs two
    choices and a span per item. So a string over one code point per option gives the same
    lists, with the same sizes and picks, several times faster (the suite's budget).
    """
    alphabet = "".join(chr(_PICK_BASE + index) for index in range(len(options)))
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size).map(
        lambda text: [options[ord(char) - _PICK_BASE] for char in text]
    )


CELL_WORDS = [
    "TBD",
    "-",
    "5/24",
    "김정훈",
    "LoRA",
    "`a|b`",
    "a \\| b",
    "🧪",
    "[x](https://e.x/a)",
    "#7",
    "",
]
PADDING = ["", " ", "  ", "\t", " \t "]
ENDINGS = ["\n", "\r\n", "\r"]
# Each strategy is built once, and lists of picks are one hypothesis choice (`picks`).
_PIPES = st.sampled_from(
    [(lead, trail) for lead in ["|", "", " |"] for trail in ["|", "", "| ", "|\t"]]
)
_WIDTHS = range(1, 6)
# A padded cell is one pick: every (padding, word, padding), each as likely as drawing
# the three separately; a row's cells, width-2 to width+2 of them, are one choice.
_PADDED_CELLS = [
    left + word + right for left in PADDING for word in CELL_WORDS for right in PADDING
]
_ROW_CELLS = {n: picks(_PADDED_CELLS, max(1, n - 2), n + 2) for n in _WIDTHS}
_DELIMITERS = {n: picks(["---", " :-: ", "-:", ":--"], n, n) for n in _WIDTHS}


@st.composite
def table_row(draw: st.DrawFn, width: int) -> str:
    cells = draw(_ROW_CELLS[width])
    lead, trail = draw(_PIPES)
    return lead + "|".join(cells) + trail


_BODIES = {n: st.lists(table_row(n), max_size=5) for n in _WIDTHS}


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(min_value=1, max_value=5))
    header = "| " + " | ".join(f"h{i}" for i in range(width)) + " |"
    delimiter = "|" + "|".join(draw(_DELIMITERS[width])) + "|"
    rows = draw(_BODIES[width])
    return [header, delimiter, *rows]


OTHER_BLOCKS = st.sampled_from(
    [
        ["# 2023 Study"],
        ["Some text with a | pipe"],
        [""],
        ["```", "| a | b |", "|---|---|", "```"],
        ["    | indented | code |", "    |---|---|"],
        ["<div>", "| a | b |", "|---|---|", "</div>"],
        ["- item"],
        ["> quote"],
    ]
)
_TABLE = table()
_PREFIXES = st.sampled_from(["> ", ">", "- ", "1. ", "   "])


@st.composite
def quoted_or_listed(draw: st.DrawFn) -> list[str]:
    lines = draw(_TABLE)
    prefix = draw(_PREFIXES)
    rest = " " * len(prefix) if prefix[0] in "-1" else prefix
    return [prefix + lines[0]] + [rest + line for line in lines[1:]]


_BLOCKS = st.lists(st.one_of(_TABLE, OTHER_BLOCKS, quoted_or_listed()), max_size=6)
_LINE_ENDINGS = {n: picks(ENDINGS, n, n) for n in range(0, 6 * 9 + 1)}


@st.composite
def document(draw: st.DrawFn) -> str:
    """README-like text: blocks, random line endings, maybe a BOM or no final newline."""
    blocks = draw(_BLOCKS)
    lines = [line for block in blocks for line in [*block, ""]]
    endings = draw(_LINE_ENDINGS[len(lines)])
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text
