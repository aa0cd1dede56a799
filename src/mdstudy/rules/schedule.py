"""Schedule rules: the sessions' dates, issues and topics.

MS002 bad-date, MS003 date-order, MS004 bad-issue, MS005 duplicate-issue,
MS101 outside-period, MS102 odd-weekday, MS103 missing-topic. Dates come from the
reader's `ScheduleTable` (the one reading of a date cell); MS103 passes over rows
whose title and presenter are plain filled text without reading them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from operator import itemgetter

from mdstudy.columns import Column
from mdstudy.dates import WEEKDAY_NAMES
from mdstudy.inline import is_plain_text, plain
from mdstudy.reader import DESCENDING
from mdstudy.rules.context import (
    SCHEDULE_HEAD,
    Context,
    Hit,
    Severity,
    TableRow,
    TableView,
    rule,
    short,
)
from mdstudy.values import is_placeholder, parse_issue


@rule(
    "MS002",
    "bad-date",
    Severity.ERROR,
    "a schedule date that is neither a date nor a placeholder (`TBD`, `-`, `미정`, ...)",
    why=(
        "A date cell that is not a date makes the row something other than a session: it "
        "is missing from `show`, the calendar and every edit. Write the date as the column "
        "writes the others, or the column's placeholder while it is not known."
    ),
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | - |\n| 5/32 | Lee | QLoRA | - | - |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Lee | QLoRA | - | - |\n",
)
def bad_date(ctx: Context) -> Iterator[Hit]:
    for view in ctx.schedules:
        yield from _bad_dates(ctx, view)


def _bad_dates(ctx: Context, view: TableView) -> Iterator[Hit]:
    assert view.schedule is not None
    if view.schedule.dates_among_labels:
        return
    cells = view.schedule.date_cells
    for row, found, date in zip(view.rows, cells, ctx.dates(view), strict=True):
        text = view.get(row, Column.DATE)
        partial = found.date if found else None
        if partial is None and not is_placeholder(plain(text)):
            yield Hit(
                row.line,
                view.at(row, Column.DATE),
                f"'{short(text)}' is not a date: write it like 5/17 or 2023-05-17, "
                f"or {view.placeholder(Column.DATE)} if it is not known yet",
            )
        elif partial is not None and date is None:
            yield Hit(
                row.line,
                view.at(row, Column.DATE),
                f"'{text}' is not a date in {view.schedule.year}: fix the day",
            )


@rule(
    "MS003",
    "date-order",
    Severity.ERROR,
    (
        "a schedule row out of its table's own order (ascending, or newest first); "
        "several rows on one date are several talks"
    ),
    why=(
        "A schedule is read in its own order (ascending, or newest first); a row out of "
        "order is usually a typo in the date, and `move` and `add-session` keep the order "
        "they find. Several rows on one date are several talks, not an error."
    ),
    bad=(
        SCHEDULE_HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/24 | Lee | QLoRA | - | - |\n"
        + "| 5/17 | Park | GPTQ | - | - |\n"
    ),
    good=(
        SCHEDULE_HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Park | GPTQ | - | - |\n"
        + "| 5/24 | Lee | QLoRA | - | - |\n"
    ),
)
def date_order(ctx: Context) -> Iterator[Hit]:
    for view in ctx.schedules:
        assert view.schedule is not None
        descending = view.schedule.order == DESCENDING
        previous: tuple[TableRow, dt.date] | None = None
        for _, row, date in ctx.dated_rows(view):
            if previous is not None and (date > previous[1] if descending else date < previous[1]):
                before, _when = previous
                side = "after" if descending else "before"
                order = "newest first" if descending else "in date order"
                yield Hit(
                    row.line,
                    view.at(row, Column.DATE),
                    f"{view.get(row, Column.DATE)} comes {side} {view.get(before, Column.DATE)} "
                    f"on line {before.line}: keep the table's sessions {order}",
                )
                continue
            previous = (row, date)


@rule(
    "MS004",
    "bad-issue",
    Severity.ERROR,
    (
        "an issue cell that is neither a placeholder nor an issue reference (`#12`, a "
        "link to `/issues/12`)"
    ),
    why=(
        "The issue column links each session to its discussion. A cell that is neither an "
        "issue reference (`#12`, a link to `.../issues/12`) nor a placeholder links nothing."
    ),
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
    why=(
        "Each session has its own issue; two sessions with one number is a copy-paste "
        "error, and the calendar would give both the same discussion link. Not fixable: "
        "only the group knows which one is right."
    ),
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


@rule(
    "MS101",
    "outside-period",
    Severity.WARNING,
    "a session before or after the period the README states",
    why=(
        "The README states when the study runs; a session outside that period is a wrong "
        "date or a period sentence that was not updated."
    ),
    bad=SCHEDULE_HEAD + "| 6/7 | Kim | LoRA | - | - |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
)
def outside_period(ctx: Context) -> Iterator[Hit]:
    study = ctx.doc.study_facts
    if study.start is None or study.end is None:
        return
    period = f"{study.start:%Y-%m-%d} to {study.end:%Y-%m-%d}"
    dated = [(v, row, date) for v in ctx.schedules for _, row, date in ctx.dated_rows(v)]
    for view, row, date in dated:
        if date < study.start or date > study.end:
            side = "before" if date < study.start else "after"
            yield Hit(
                row.line,
                view.at(row, Column.DATE),
                f"{view.get(row, Column.DATE)} ({date:%Y-%m-%d}) is {side} the stated period "
                f"{period}: fix the date or the period sentence",
            )


_WEEKDAYS = [full.capitalize() for full, _ in WEEKDAY_NAMES]


@rule(
    "MS102",
    "odd-weekday",
    Severity.WARNING,
    "a session on another weekday than most (more than half) of the sessions",
    why=(
        "Most groups meet on one weekday. A session on another weekday than most (more "
        "than half) of them is often a typo; ignore the rule in `.mdstudy.toml` when the "
        "group meets on varying days."
    ),
    bad=(
        SCHEDULE_HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Lee | QLoRA | - | - |\n"
        + "| 5/25 | Park | GPTQ | - | - |\n"
    ),
    good=(
        SCHEDULE_HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Lee | QLoRA | - | - |\n"
        + "| 5/24 | Park | GPTQ | - | - |\n"
    ),
)
def odd_weekday(ctx: Context) -> Iterator[Hit]:
    for view in ctx.schedules:
        yield from _odd_weekdays(view)


def _odd_weekdays(view: TableView) -> Iterator[Hit]:
    schedule = view.schedule
    assert schedule is not None
    if schedule.year is None and schedule.needs_year:  # without the year, no weekday
        return
    dated = [
        (view.rows[index], date)
        for index, date in schedule.sessions()
        if not schedule.cancelled(index)
    ]
    counts = Counter(date.weekday() for _, date in dated)
    if not counts:
        return
    usual, count = max(counts.items(), key=itemgetter(1))  # the first of equals, no heapq
    if count * 2 <= len(dated):  # no weekday holds most sessions
        return
    for row, date in dated:
        if date.weekday() != usual:
            yield Hit(
                row.line,
                view.at(row, Column.DATE),
                f"{view.get(row, Column.DATE)} is a {_WEEKDAYS[date.weekday()]}, but {count} of "
                f"{len(dated)} sessions are on a {_WEEKDAYS[usual]}: check the date",
            )


@rule(
    "MS103",
    "missing-topic",
    Severity.WARNING,
    "a session with a presenter but no title, or a title but no presenter",
    why=(
        "A session with a presenter and no title (or a title and nobody to present it) "
        "is half planned; the calendar shows it as such. A reminder, not an error."
    ),
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | - | - | - |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
)
def missing_topic(ctx: Context) -> Iterator[Hit]:
    for view in ctx.schedules:
        if Column.TITLE in view.columns and Column.PRESENTER in view.columns:
            yield from _missing_topics(ctx, view)


def _missing_topics(ctx: Context, view: TableView) -> Iterator[Hit]:
    schedule = view.schedule
    assert schedule is not None
    presenters, title_column = schedule.roles.presenters, schedule.title_source
    # Only rows with a date are sessions; rows without one continue the row above.
    for index, row, _ in ctx.dated_rows(view):
        values = row.values
        if (
            title_column is not None
            and _filled(values[title_column])
            and any(_filled(values[column]) for column in presenters)
        ):
            continue  # both there in plain text: nothing to read further
        reading = schedule.row(index)  # read once: cancelled, presenter
        if reading.cancelled:
            continue
        presenter = reading.presenter or ""
        title = schedule.title(index) or ""
        if presenter and not title:
            yield Hit(
                row.line,
                view.at(row, Column.TITLE),
                f"{short(presenter)} presents but the session has no title: "
                "fill in the topic once it is chosen",
            )
        elif title and not presenter:
            yield Hit(
                row.line,
                view.at(row, Column.PRESENTER),
                f"'{short(title)}' has no presenter: fill in who presents it",
            )


def _filled(cell: str) -> bool:
    """A cell surely holding a value: plain text (no markup to hide it), not a placeholder."""
    return bool(cell) and is_plain_text(cell) and not is_placeholder(cell)
