"""Rows of cell texts laid out as a terminal table, fitted to a width in display columns.

Widths are display widths (wcwidth: Hangul and most emoji take two columns). To fit,
the widest shortenable columns give way first (a column's weight says how much of the
room it may keep compared with the others), a shortened cell ends in `…`, and when
even short columns do not fit, the least needed columns are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wcwidth import wcswidth, wcwidth

ELLIPSIS = "…"
GAP = 2  # spaces between two columns
SHORTEST = 6  # a shortened column keeps at least this much (e.g. `Paper…`)

# C0 and C1 control characters would move the cursor or restyle the terminal.
_CONTROLS = dict.fromkeys([*range(32), 127, *range(0x80, 0xA0)], " ")


def clean(text: str) -> str:
    """Text safe to print on a terminal: control characters become spaces."""
    return text if text.isprintable() else text.translate(_CONTROLS)


def width(text: str) -> int:
    """Display width of `clean` text."""
    if text.isascii():
        return len(text)
    found = int(wcswidth(text))
    return found if found >= 0 else sum(max(int(wcwidth(c)), 0) for c in text)


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` display columns, ending in `…` when cut."""
    if width(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    if text.isascii():
        return text[: limit - 1].rstrip() + ELLIPSIS
    kept: list[str] = []
    used = 0
    for char in text:
        used += max(int(wcwidth(char)), 0)
        if used > limit - 1:
            break
        kept.append(char)
    short = "".join(kept).rstrip() + ELLIPSIS
    while width(short) > limit and kept:  # a sequence wider than its characters (❤️)
        kept.pop()
        short = "".join(kept).rstrip() + ELLIPSIS
    return short


_SCHEME = re.compile(r"\bhttps?://(?:www\.)?")


def shorten_links(text: str, limit: int) -> str:
    """Links cut to fit: first without `https://` and `www.`, then with `…`."""
    if width(text) <= limit:
        return text
    return shorten(_SCHEME.sub("", text), limit)


@dataclass(frozen=True)
class Column:
    """One column: its header, how much room it keeps when space is short (weight 0:
    never shortened), the order it is left out in (lower goes first; None: never)."""

    name: str
    weight: int = 0
    drop: int | None = None
    right: bool = False
    cut: Callable[[str, int], str] = shorten


def _room(naturals: list[int], weights: list[int], available: int) -> list[int]:
    """Widths of the shortenable columns summing to at most `available`: each gets
    min(its natural width, weight × cap) for the largest cap that fits, never less
    than SHORTEST (or its natural width), and what is left goes to the first ones."""
    floors = [min(n, SHORTEST) for n in naturals]

    def widths(cap: int) -> list[int]:
        return [max(f, min(n, w * cap)) for f, n, w in zip(floors, naturals, weights, strict=True)]

    low, high = 0, max(naturals, default=0)
    while low < high:  # the largest cap whose widths fit
        middle = (low + high + 1) // 2
        if sum(widths(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    chosen = widths(low)
    spare = available - sum(chosen)
    for index, natural in enumerate(naturals):
        extra = min(spare, natural - chosen[index])
        chosen[index] += extra
        spare -= extra
    return chosen


def fit(columns: Sequence[Column], naturals: Sequence[int], limit: int) -> dict[int, int]:
    """Column index -> width for the columns kept within `limit` display columns."""
    kept = list(range(len(columns)))
    while True:
        fixed = [i for i in kept if columns[i].weight == 0]
        flexible = [i for i in kept if columns[i].weight > 0]
        available = limit - sum(naturals[i] for i in fixed) - GAP * (len(kept) - 1)
        needed = sum(min(naturals[i], SHORTEST) for i in flexible)
        droppable = [i for i in kept if columns[i].drop is not None]
        if needed <= available or not droppable:
            break
        kept.remove(min(droppable, key=lambda i: columns[i].drop or 0))
    room = _room([naturals[i] for i in flexible], [columns[i].weight for i in flexible], available)
    widths = {i: naturals[i] for i in fixed}
    widths.update(zip(flexible, room, strict=True))
    return {i: widths[i] for i in kept}


def lay_out(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], limit: int | None
) -> list[str]:
    """The header, a line of dashes and one line per row; no line wider than `limit`
    (None: as wide as the cells). Columns empty in every row are left out."""
    rows = [[clean(cell) for cell in row] for row in rows]
    used = [i for i in range(len(columns)) if any(row[i] for row in rows)]
    used = used or list(range(len(columns)))  # no rows: the header alone
    columns = [columns[i] for i in used]
    rows = [[row[i] for i in used] for row in rows]
    naturals = [
        max([width(column.name), *(width(row[i]) for row in rows)])
        for i, column in enumerate(columns)
    ]
    if limit is None or sum(naturals) + GAP * (len(columns) - 1) <= limit:
        widths = dict(enumerate(naturals))
    else:
        widths = fit(columns, naturals, limit)
    header = [column.name for column in columns]
    dashes = ["-" * widths[i] for i in range(len(columns)) if i in widths]
    lines = [_line(columns, header, widths), (" " * GAP).join(dashes)]
    lines.extend(_line(columns, row, widths) for row in rows)
    return lines


def _line(columns: Sequence[Column], cells: Sequence[str], widths: dict[int, int]) -> str:
    parts = []
    for index, size in widths.items():
        text = columns[index].cut(cells[index], size)
        pad = " " * (size - width(text))
        parts.append(pad + text if columns[index].right else text + pad)
    return (" " * GAP).join(parts).rstrip()
