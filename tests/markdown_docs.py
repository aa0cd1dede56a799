"""Hypothesis strategies for README-like Markdown: tables mixed with other blocks.

A draw costs far more than these documents' use of it, so each choice that repeats
(a cell, a row, a block, a line ending) is drawn for the whole table or document at
once, as one list of picks (`picks`), with the same chances as one draw each.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import product
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
    Built once per options and sizes: callers may ask for it on every draw.
    """
    return _picks(tuple(options), min_size, max_size)


@cache
def _picks(options: tuple[T, ...], min_size: int, max_size: int) -> st.SearchStrategy[list[T]]:
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
ALIGNS = ["---", " :-: ", "-:", ":--"]
# A cell is padding, a word and padding: the first two as one token.
PADDED_WORDS = [pad + word for pad, word in product(PADDING, CELL_WORDS)]
ROW_ENDS = list(product(["|", "", " |"], ["|", "", "| ", "|\t"]))  # (lead, trail)


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    """A header of 1 to 5 columns, its delimiter row, and up to 5 rows of width - 2 to
    width + 2 cells (at least one)."""
    width = draw(st.integers(min_value=1, max_value=5))
    header = "| " + " | ".join(f"h{i}" for i in range(width)) + " |"
    delimiter = "|" + "|".join(draw(picks(ALIGNS, width, width))) + "|"
    # each row's cell count; then every cell's padded word, every cell's trailing padding
    # and every row's ends, one draw each
    counts = draw(picks(range(max(1, width - 2), width + 3), 0, 5))
    cells = sum(counts)
    words = iter(draw(picks(PADDED_WORDS, cells, cells)))
    pads = iter(draw(picks(PADDING, cells, cells)))
    rows = [
        lead + "|".join(next(words) + next(pads) for _ in range(count)) + trail
        for count, (lead, trail) in zip(
            counts, draw(picks(ROW_ENDS, len(counts), len(counts))), strict=True
        )
    ]
    return [header, delimiter, *rows]


TABLES = table()

OTHER_BLOCKS = [
    ("# 2023 Study",),
    ("Some text with a | pipe",),
    ("",),
    ("```", "| a | b |", "|---|---|", "```"),
    ("    | indented | code |", "    |---|---|"),
    ("<div>", "| a | b |", "|---|---|", "</div>"),
    ("- item",),
    ("> quote",),
]
CONTAINERS = ["> ", ">", "- ", "1. ", "   "]  # a table quoted, in a list item, or indented


def in_container(lines: list[str], prefix: str) -> list[str]:
    rest = " " * len(prefix) if prefix[0] in "-1" else prefix
    return [prefix + lines[0]] + [rest + line for line in lines[1:]]


# A block's kind as (container prefix, other block): a table (None, None), one of the
# other blocks (None, block) or a table in a container (prefix, None), each a third of
# the time; within a kind, each block or prefix as likely (8 x 5 = 5 x 8 = 40).
_KINDS: list[tuple[str | None, tuple[str, ...] | None]] = [
    *[(None, None)] * 40,
    *[(None, block) for block in OTHER_BLOCKS] * 5,
    *[(prefix, None) for prefix in CONTAINERS] * 8,
]
BLOCK_KINDS = picks(_KINDS, 0, 6)
BOM_AND_END = st.sampled_from(list(product([False, True], repeat=2)))


@st.composite
def document(draw: st.DrawFn) -> str:
    """README-like text: blocks, random line endings, maybe a BOM or no final newline."""
    blocks: list[list[str]] = []
    for prefix, block in draw(BLOCK_KINDS):
        if block is not None:
            blocks.append(list(block))
        elif prefix is None:
            blocks.append(draw(TABLES))
        else:
            blocks.append(in_container(draw(TABLES), prefix))
    lines = [line for block in blocks for line in [*block, ""]]
    endings = draw(picks(ENDINGS, len(lines), len(lines)))
    text = "".join(map(str.__add__, lines, endings))
    no_final_newline, bom = draw(BOM_AND_END)
    if no_final_newline:
        text = text.rstrip("\r\n")
    if bom:
        text = "\ufeff" + text
    return text
