"""Link rules: the links cells of the schedule and candidate tables.

MS006 bad-link (not an absolute http(s) URL), MS007 duplicate-link (one URL under
two titles), MS104 placeholder-link (words where a link belongs). A cell's links
are read once for the three (`Context.links_in`); a links cell holding only links
is passed over without a search for schemeless addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdstudy.columns import Column
from mdstudy.patterns import compiled
from mdstudy.rules.context import (
    SCHEDULE_HEAD,
    Context,
    Hit,
    Severity,
    TableRow,
    TableView,
    rule,
    short,
    title_key,
)
from mdstudy.values import is_placeholder, is_web_url

# A URL written without its scheme ("arxiv.org/abs/2111.12293"): GitHub shows it as text
# (fixes.py writes the scheme in front of the same matches).
SCHEMELESS = r"(?<![\w/@.])(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*"  # compiled with re.I on first use


@rule(
    "MS006",
    "bad-link",
    Severity.ERROR,
    "a link that is not an absolute http(s) URL (`arxiv.org/abs/…`, `[pdf](slides.pdf)`)",
    fixable=True,
    why=(
        "GitHub links only absolute addresses: `arxiv.org/abs/2106.09685` without its "
        "scheme is plain text, and `[pdf](slides.pdf)` points into the repository, not to "
        "the paper. `check --fix` writes `https://` in front of an address that has no "
        "scheme; a relative link needs a person."
    ),
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | arxiv.org/abs/2106.09685 | - |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n",
)
def bad_link(ctx: Context) -> Iterator[Hit]:
    for view, row, text in _links_cells(ctx):
        links = ctx.links_in(text)
        bad = [url for url in links if not is_web_url(url)]
        bare = (
            [
                m[0]
                for m in compiled(SCHEMELESS, re.I).finditer(text)
                if not inside_url(text, m.start()) and not any(m[0] in url for url in bad)
            ]
            if _dot_outside(text, links)
            else []
        )
        if not bad and not bare:
            continue
        column = view.at(row, Column.LINKS)
        for url in bad:
            yield Hit(
                row.line,
                column,
                f"link '{short(url)}' is not an absolute http(s) URL: "
                "give the full address, starting with https://",
            )
        for url in bare:
            yield Hit(
                row.line,
                column,
                f"'{short(url)}' has no https:// in front, so GitHub shows it as text: "
                f"write https://{short(url)}",
            )


def _dot_outside(text: str, links: list[str]) -> bool:
    """Whether a dot stands outside the cell's links: a URL without its scheme needs one
    (most links cells hold only links, and are passed over without a pattern search)."""
    for url in links:
        text = text.replace(url, " ")
    return "." in text


def inside_url(text: str, index: int) -> bool:
    """Whether text[index] belongs to a URL that has its scheme (or to a link's target)."""
    start = text.rfind(" ", 0, index) + 1
    word = text[start:index]
    return "://" in word or "(" in word or "<" in word or "=" in word or "@" in word


@rule(
    "MS007",
    "duplicate-link",
    Severity.ERROR,
    "the same URL under two different titles, in or across the two tables",
    why=(
        "One paper has one address. The same URL under two different titles, in the "
        "schedule or the candidate list, means one of the two rows was copied and not "
        "updated. Not fixable: only the group knows which link belongs where."
    ),
    bad=(
        SCHEDULE_HEAD
        + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n"
        + "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2106.09685 | - |\n"
    ),
    good=(
        SCHEDULE_HEAD
        + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n"
        + "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | - |\n"
    ),
)
def duplicate_link(ctx: Context) -> Iterator[Hit]:
    views = [v for v in ctx.views() if Column.LINKS in v.columns and Column.TITLE in v.columns]
    rows = [(row, view) for view in views for row in view.rows]
    if len(views) > 1:  # in line order, so the later of two rows is reported
        rows.sort(key=lambda pair: pair[0].line)
    first: dict[str, tuple[str, int]] = {}
    for row, view in rows:
        title = view.get(row, Column.TITLE)
        if is_placeholder(title):
            continue
        for url in dict.fromkeys(ctx.links_in(view.get(row, Column.LINKS))):
            seen = first.setdefault(url.rstrip("/"), (title, row.line))
            if seen[1] != row.line and title_key(seen[0]) != title_key(title):
                yield Hit(
                    row.line,
                    view.at(row, Column.LINKS),
                    f"{short(url, 60)} is also the link of '{short(seen[0])}' on line "
                    f"{seen[1]}: one of the two is a copy-paste error, give each its own link",
                )


@rule(
    "MS104",
    "placeholder-link",
    Severity.WARNING,
    "a links cell holding text such as `N/A yet` instead of a link or the placeholder",
    why=(
        "A links cell holding words (`N/A yet`, `soon`) instead of a link or the "
        "column's placeholder reads as a link that is missing; use the placeholder until "
        "there is a link."
    ),
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | N/A yet | - |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
)
def placeholder_link(ctx: Context) -> Iterator[Hit]:
    for view, row, text in _links_cells(ctx):
        if is_placeholder(text) or ctx.links_in(text) or _schemeless_url(text):
            continue
        yield Hit(
            row.line,
            view.at(row, Column.LINKS),
            f"links cell says '{short(text)}': put a link there, "
            f"or {view.placeholder(Column.LINKS)} until there is one",
        )


def _links_cells(ctx: Context) -> Iterator[tuple[TableView, TableRow, str]]:
    """Every row of a table with a links column, with its links cell's text."""
    for view in ctx.views():
        if Column.LINKS in view.columns:
            for row in view.rows:
                yield view, row, view.get(row, Column.LINKS)


def _schemeless_url(text: str) -> bool:
    """Whether the cell holds an address without its scheme (it needs a dot)."""
    return "." in text and compiled(SCHEMELESS, re.I).search(text) is not None
