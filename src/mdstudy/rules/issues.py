"""Issue rules: each session's issue column links it to its own discussion.

MS004 bad-issue, MS005 duplicate-issue.
"""

from __future__ import annotations

from collections.abc import Iterator

from mdstudy.model import Column
from mdstudy.rules.context import Context, TableRow, TableView, short
from mdstudy.rules.registry import SCHEDULE_HEAD, Hit, Severity, rule
from mdstudy.values import is_placeholder, parse_issue


@rule(
    "MS004",
    "bad-issue",
    Severity.ERROR,
    "an issue cell that is neither a placeholder nor an issue reference (`#12`, a "
    "link to `/issues/12`)",
    why="The issue column links each session to its discussion. A cell that is neither an "
    "issue reference (`#12`, a link to `.../issues/12`) nor a placeholder links nothing.",
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | issue twelve |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | #12 |\n",
)
def bad_issue(ctx: Context) -> Iterator[Hit]:
    for view in ctx.schedules:
        if Column.ISSUE in view.columns:
            yield from _bad_issues(view)


def _bad_issues(view: TableView) -> Iterator[Hit]:
    for row in view.rows:
        text = view.get(row, Column.ISSUE)
        if not is_placeholder(text) and parse_issue(text) is None:
            yield Hit(
                row.line,
                view.at(row, Column.ISSUE),
                f"'{short(text)}' is not an issue reference: write it as #12 "
                f"(or {view.placeholder(Column.ISSUE)} when there is none)",
            )


@rule(
    "MS005",
    "duplicate-issue",
    Severity.ERROR,
    "two sessions with the same issue number",
    why="Each session has its own issue; two sessions with one number is a copy-paste "
    "error, and the calendar would give both the same discussion link. Not fixable: "
    "only the group knows which one is right.",
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | #1 |\n| 5/17 | Lee | QLoRA | - | #1 |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | #1 |\n| 5/17 | Lee | QLoRA | - | #2 |\n",
)
def duplicate_issue(ctx: Context) -> Iterator[Hit]:
    first: dict[int, TableRow] = {}
    rows = [(v, r) for v in ctx.schedules if Column.ISSUE in v.columns for r in v.rows]
    for view, row in rows:
        number = parse_issue(view.get(row, Column.ISSUE))
        if number is None:
            continue
        if number in first:
            yield Hit(
                row.line,
                view.at(row, Column.ISSUE),
                f"issue #{number} is already the issue of line {first[number].line}: "
                "each session needs its own issue",
            )
        else:
            first[number] = row
