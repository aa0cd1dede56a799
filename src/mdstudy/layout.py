"""A cell's padding in display width: what lines a padded column's pipes up.

`width` is the one measure of display width (fmt and stats use it too); the rest
puts new content inside a cell's old padding, so an edited cell keeps its trivia.
Which columns are padded is learned from the table (habits.learn_layout).
"""

from __future__ import annotations

from dataclasses import dataclass

from wcwidth import wcswidth


def width(text: str) -> int:
    """Display width (Hangul and most emoji count 2); -1 when it cannot be told (tabs)."""
    return int(wcswidth(text))


def padding(raw: str) -> tuple[str, str]:
    """A cell's leading and trailing whitespace.

    An empty cell's whitespace is split into a leading character and the rest;
    a one-space empty cell counts as " " + " ", so `| |` becomes `| x |`.
    """
    content = raw.strip(" \t")
    if not content:
        return raw[:1], raw[1:] or raw[:1]
    lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
    trail = raw[len(raw.rstrip(" \t")) :]
    return lead, trail


@dataclass(frozen=True)
class Layout:
    """The columns of a table that are padded to line up, with their display width."""

    widths: dict[int, int]


def fill_cell(old: str, content: str, column_width: int | None, needs_space: bool) -> str:
    """New raw text for a cell: content inside the old cell's padding.

    In a padded column the trailing padding is adjusted so the pipe stays put
    (the caller widens the column first when the content does not fit).
    """
    lead, trail = padding(old)
    if needs_space and content.endswith("\\") and not trail:
        trail = " "  # else the backslash would escape the pipe after it
    if column_width is None:
        return lead + content + trail
    fill = column_width - width(lead) - width(content)
    return lead + content + " " * max(fill, min(len(trail), 1))


def needed_width(old: str, content: str) -> int:
    """The width a cell needs to hold `content` inside `old`'s padding."""
    lead, trail = padding(old)
    return width(lead) + width(content) + min(len(trail), 1)


def fits(old: str, content: str, column_width: int) -> bool:
    return needed_width(old, content) <= column_width


def widen(raw: str, extra: int, delimiter: bool) -> str:
    """A cell `extra` columns wider: more dashes in a delimiter cell, else more spaces."""
    if delimiter:
        at = raw.rfind("-") + 1
        return raw[:at] + "-" * extra + raw[at:]
    return raw + " " * extra
