"""Hypothesis strategies for README-like Markdown: tables mixed with other blocks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

# Code points standing for the options of `picks`: one per option, none of them special.
_PICK_BASE = 0x4E00


def picks(options: Sequence[T], min_size: int = 0, max_size: int = 1) -> st.SearchStrategy[list[T]]:
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


CELL_WORDS = st.sampled_from(
    ["TBD", "-", "5/24", "김정훈", "LoRA", "`a|b`", "a \\| b", "🧪", "[x](https://e.x/a)", "#7", ""]
)
PADDING = st.sampled_from(["", " ", "  ", "\t", " \t "])
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def table_row(draw: st.DrawFn, width: int) -> str:
    count = draw(st.integers(min_value=max(1, width - 2), max_value=width + 2))
    cells = [draw(PADDING) + draw(CELL_WORDS) + draw(PADDING) for _ in range(count)]
    lead = draw(st.sampled_from(["|", "", " |"]))
    trail = draw(st.sampled_from(["|", "", "| ", "|\t"]))
    return lead + "|".join(cells) + trail


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(min_value=1, max_value=5))
    header = "| " + " | ".join(f"h{i}" for i in range(width)) + " |"
    delimiter = (
        "|"
        + "|".join(draw(st.sampled_from(["---", " :-: ", "-:", ":--"])) for _ in range(width))
        + "|"
    )
    rows = draw(st.lists(table_row(width), max_size=5))
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


@st.composite
def quoted_or_listed(draw: st.DrawFn) -> list[str]:
    lines = draw(table())
    prefix = draw(st.sampled_from(["> ", ">", "- ", "1. ", "   "]))
    rest = " " * len(prefix) if prefix[0] in "-1" else prefix
    return [prefix + lines[0]] + [rest + line for line in lines[1:]]


@st.composite
def document(draw: st.DrawFn) -> str:
    """README-like text: blocks, random line endings, maybe a BOM or no final newline."""
    blocks = draw(st.lists(st.one_of(table(), OTHER_BLOCKS, quoted_or_listed()), max_size=6))
    lines = [line for block in blocks for line in [*block, ""]]
    text = "".join(line + draw(ENDINGS) for line in lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text
