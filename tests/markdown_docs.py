"""Hypothesis strategies for README-like Markdown: tables mixed with other blocks."""

from __future__ import annotations

from itertools import product

from hypothesis import strategies as st
from token_strings import tokens_of

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
# A cell is padding, a word and padding. A row's cells are drawn as two token lists (the
# padded words, then the padding after each), not three draws a cell.
PADDED_WORDS = [pad + word for pad, word in product(PADDING, CELL_WORDS)]
ROW_ENDS = st.sampled_from(list(product(["|", "", " |"], ["|", "", "| ", "|\t"])))


@st.composite
def table_row(draw: st.DrawFn, width: int) -> str:
    words = draw(tokens_of(PADDED_WORDS, min_size=max(1, width - 2), max_size=width + 2))
    pads = draw(tokens_of(PADDING, min_size=len(words), max_size=len(words)))
    lead, trail = draw(ROW_ENDS)
    return lead + "|".join(map(str.__add__, words, pads)) + trail


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(min_value=1, max_value=5))
    header = "| " + " | ".join(f"h{i}" for i in range(width)) + " |"
    aligns = draw(tokens_of(["---", " :-: ", "-:", ":--"], min_size=width, max_size=width))
    delimiter = "|" + "|".join(aligns) + "|"
    rows = draw(TABLE_ROWS[width])
    return [header, delimiter, *rows]


# Built once (a strategy built for every draw costs time): up to five rows of each width.
TABLE_ROWS = {width: st.lists(table_row(width), max_size=5) for width in range(1, 6)}
TABLES = table()


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


PREFIXES = st.sampled_from(["> ", ">", "- ", "1. ", "   "])


@st.composite
def quoted_or_listed(draw: st.DrawFn) -> list[str]:
    lines = draw(TABLES)
    prefix = draw(PREFIXES)
    rest = " " * len(prefix) if prefix[0] in "-1" else prefix
    return [prefix + lines[0]] + [rest + line for line in lines[1:]]


BLOCKS = st.lists(st.one_of(TABLES, OTHER_BLOCKS, quoted_or_listed()), max_size=6)
BOM_AND_END = st.sampled_from(list(product([False, True], repeat=2)))


@st.composite
def document(draw: st.DrawFn) -> str:
    """README-like text: blocks, random line endings, maybe a BOM or no final newline."""
    blocks = draw(BLOCKS)
    lines = [line for block in blocks for line in [*block, ""]]
    endings = draw(tokens_of(ENDINGS, min_size=len(lines), max_size=len(lines)))
    text = "".join(map(str.__add__, lines, endings))
    no_final_newline, bom = draw(BOM_AND_END)
    if no_final_newline:
        text = text.rstrip("\r\n")
    if bom:
        text = "\ufeff" + text
    return text
