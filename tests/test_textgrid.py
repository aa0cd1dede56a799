"""The terminal table's layout: any cells, any width, no line wider than asked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_docs import picks
from wcwidth import wcswidth

from mdstudy.textgrid import Column, lay_out, shorten, shorten_links

# Narrow and wide characters, combining marks, emoji with a variation selector or a
# joiner, and controls (which must never reach the terminal).
CHARS = [*"abc XYZ019-./:", "김", "태", "…", "é", "e\u0301", "❤\ufe0f", "👩\u200d💻", "\t", "\x1b"]
TEXT = picks(CHARS, 0, 40).map("".join)  # up to 40 of them, in one draw
NUMBER = st.sampled_from(["", "#7"])
COLUMNS = (
    Column("date"),
    Column("who", weight=1, drop=3),
    Column("title", weight=2, drop=2),
    Column("links", weight=1, drop=0, cut=shorten_links),
    Column("n", drop=1, right=True),
)


@st.composite
def rows(draw: st.DrawFn) -> list[list[str]]:
    count = draw(st.integers(min_value=0, max_value=6))
    return [
        [f"2023-05-{day + 1:02d}", draw(TEXT), draw(TEXT), draw(TEXT), draw(NUMBER)]
        for day in range(count)
    ]


@settings(max_examples=150, deadline=None)
@given(table=rows(), limit=st.integers(min_value=10, max_value=130))
def test_no_line_is_wider_than_the_limit_and_dates_stay_whole(
    table: list[list[str]], limit: int
) -> None:
    lines = lay_out(COLUMNS, table, limit)
    assert all(wcswidth(line) <= limit for line in lines), lines
    assert not any("\x1b" in line or "\t" in line for line in lines)
    assert [line[:10] for line in lines[2:]] == [row[0] for row in table]


@settings(max_examples=100, deadline=None)
@given(table=rows())
def test_without_a_limit_every_cell_is_whole(table: list[list[str]]) -> None:
    lines = lay_out(COLUMNS, table, None)
    for line, row in zip(lines[2:], table, strict=True):
        for cell in row:
            assert cell.replace("\t", " ").replace("\x1b", " ").strip() in line


@given(text=TEXT, limit=st.integers(min_value=1, max_value=50))
def test_shorten_fits_and_keeps_the_beginning(text: str, limit: int) -> None:
    text = text.replace("\t", " ").replace("\x1b", " ")
    short = shorten(text, limit)
    assert wcswidth(short) <= limit
    if short != text:
        assert short.endswith("…") and text.startswith(short[:-1].rstrip())
