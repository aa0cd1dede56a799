"""A value as a cell's text: trimmed and escaped, links that read back apart.

The writer's first step (render.py asks, splice.py pads): what goes between the
pipes, before any padding. Each spelling here is one GitHub reads back as the value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mdstudy.errors import MdStudyError
from mdstudy.values import extract_links


def cell_text(value: str) -> str:
    """A value (checked by edits.py) as a cell's content: trimmed, `|` escaped."""
    return value.strip(" \t").replace("|", "\\|")


_BLOCK_START = re.compile(r"(?:[-+*](?=\s|$)|#{1,6}(?=\s|$)|>|`{3}|~{3}|<|(\d{1,9})[.)](?=\s|$))")


def escape_block_start(content: str) -> str:
    """A row without a leading pipe starts with its first cell: `- x` there would make a
    list item, `# x` a heading. A backslash keeps it text (GitHub shows `- x`)."""
    m = _BLOCK_START.match(content)
    if m is None:
        return content
    if m[1]:  # `1. x`: escape the dot
        return content[: len(m[1])] + "\\" + content[len(m[1]) :]
    return "\\" + content


def link_text(url: str) -> str:
    """A URL (checked by edits.py) as a links cell writes it: bare if it reads back whole."""
    url = url.strip()
    return url if extract_links(url) == [url] else f"<{url}>"


def join_links(urls: Sequence[str], separator: str, what: str) -> str:
    """The URLs in one cell, with the table's separator if they read back apart with it."""
    texts = [link_text(url) for url in urls]
    for sep in (separator, ", ", " "):
        joined = sep.join(texts)
        if extract_links(joined) == list(urls):
            return joined
    raise MdStudyError(f"{what}: these links cannot be written apart: {' '.join(urls)}")
