"""Candidate rules: the list of papers the group may read next.

MS105 duplicate-candidate.
"""

from __future__ import annotations

from collections.abc import Iterator

from mdstudy.columns import Column
from mdstudy.rules.context import (
    CANDIDATES_HEAD,
    Context,
    Hit,
    Severity,
    TableRow,
    rule,
    short,
    title_key,
)
from mdstudy.values import is_placeholder


@rule(
    "MS105",
    "duplicate-candidate",
    Severity.WARNING,
    "the same candidate title twice",
    why=(
        "A paper proposed twice in the candidate list is one candidate; remove the copy "
        "(titles are compared without case, spacing or emphasis). Not fixable: the two "
        "rows may carry different links or keywords."
    ),
    bad=CANDIDATES_HEAD + "| lora | https://arxiv.org/abs/2106.09685 |\n",
    good=CANDIDATES_HEAD,
)
def duplicate_candidate(ctx: Context) -> Iterator[Hit]:
    view = ctx.candidates
    if view is None:
        return
    first: dict[str, TableRow] = {}
    for row in view.rows:
        title = view.get(row, Column.TITLE)
        if is_placeholder(title):
            continue
        seen = first.setdefault(title_key(title), row)
        if seen is not row:
            yield Hit(
                row.line,
                view.at(row, Column.TITLE),
                f"'{short(title)}' is already a candidate on line {seen.line}: remove one",
            )
