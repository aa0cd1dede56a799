"""The rules of `mdstudy check`: each a small function with a stable code and a short name.

A rule reads a `Context` (the document and light views of its schedule and
candidate tables) and yields `Hit`s: a line, a column and a message that says
what is wrong and what to do. The engine in check.py adds the path, code, name
and severity, and applies selection and suppression.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import NamedTuple

from mdstudy.dates import WEEKDAY_NAMES, resolve_years
from mdstudy.document import Document
from mdstudy.inline import is_plain_text, plain
from mdstudy.model import Column, column_map, column_of
from mdstudy.reader import DESCENDING, ScheduleTable
from mdstudy.source import line_body
from mdstudy.tables import Row, Table, cell_value, paused_gc, split_cells
from mdstudy.values import extract_links, is_placeholder, is_web_url, parse_issue

ERROR, WARNING = "error", "warning"

# GitHub shows an HTML comment in a cell as nothing, so rules do not see it
# either (a trailing `<!-- mdstudy: ignore ... -->` must not make a cell "filled").
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A URL written without its scheme ("arxiv.org/abs/2111.12293"): GitHub shows it as text.
_SCHEMELESS = re.compile(r"(?<![\w/@.])(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*", re.I)
# Any year will do to order year-less dates; a leap year keeps 2/29 a date.
_ANY_LEAP_YEAR = 2000


# NamedTuples, not frozen dataclasses: a dataclass costs ~0.4 ms of start-up to create.
class Hit(NamedTuple):
    """What a rule found: 1-based line and column, and the message."""

    line: int
    column: int
    message: str


class TableRow(NamedTuple):
    """A body row of the schedule or candidate table, as the rules see it."""

    line: int  # 1-based source line
    row: Row
    values: list[str]  # cell texts fitted to the header width, HTML comments removed
    cell_count: int  # how many cells the row has as written

    def column(self, index: int | None) -> int:
        """1-based column where cell `index`'s text starts (end of line for a missing cell)."""
        position = len(self.row.prefix) + (1 if self.row.leading_pipe else 0)
        cells = self.row.cells
        if index is None:
            return 1
        if index >= len(cells):
            return len(line_body(self.row.text())) + 1
        for cell in cells[:index]:
            position += len(cell) + 1
        text = cells[index]
        return position + len(text) - len(text.lstrip(" \t")) + 1


def _visible(cell: str) -> str:
    """A cell's value without its HTML comments (most cells have none: no regex then)."""
    return cell_value(_HTML_COMMENT.sub("", cell) if "<!--" in cell else cell)


class TableView(NamedTuple):
    """A schedule or candidate table with its column roles and rows (and, for a schedule,
    the reader that knows its dates and sessions)."""

    table: Table
    columns: dict[Column, int]
    rows: list[TableRow]
    schedule: ScheduleTable | None = None

    @classmethod
    def of(cls, table: Table, schedule: ScheduleTable | None = None) -> TableView:
        # The table's rows as split once for the reader too; only a row holding an HTML
        # comment is split again here, to drop the comment.
        first = table.row_line(0)
        with paused_gc():
            rows = [
                TableRow(
                    first + index,
                    row,
                    values
                    if "<!--" not in row.text()
                    else table.fit([_visible(cell) for cell in row.cells]),
                    count,
                )
                for index, (row, values, count) in enumerate(
                    zip(table.body_rows, table.rows, table.cell_counts, strict=True)
                )
            ]
        columns = dict(schedule.columns) if schedule is not None else column_map(table)
        return cls(table, columns, rows, schedule)

    def get(self, row: TableRow, column: Column) -> str:
        index = self.columns.get(column)
        return row.values[index] if index is not None else ""

    def at(self, row: TableRow, column: Column) -> int:
        """1-based source column of a row's cell."""
        return row.column(self.columns.get(column))

    def placeholder(self, column: Column) -> str:
        """The placeholder spelling this column already uses most ("-" when none)."""
        index = self.columns.get(column)
        spellings = Counter(
            row.values[index]
            for row in self.rows
            if index is not None and row.values[index] and is_placeholder(row.values[index])
        )
        return spellings.most_common(1)[0][0] if spellings else "-"


class Context:
    """What the rules read, each view computed once and only when a rule asks for it."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._links: dict[str, list[str]] = {}

    def links_in(self, text: str) -> list[str]:
        """The links of a cell, read once for the three rules that look at them."""
        found = self._links.get(text)
        if found is None:
            found = self._links[text] = extract_links(text)
        return found

    @cached_property
    def lines(self) -> list[str]:
        return self.doc.lines

    @cached_property
    def schedules(self) -> list[TableView]:
        """Every schedule table, with the reader's view of it."""
        return [TableView.of(s.table, s) for s in self.doc.schedules]

    @cached_property
    def candidates(self) -> TableView | None:
        table = self.doc.candidate_table
        return TableView.of(table) if table else None

    def dates(self, view: TableView) -> list[dt.date | None]:
        """Each row's date; with no known year, in a stand-in year (order still holds)."""
        schedule = view.schedule
        assert schedule is not None, "only schedule tables have dates"
        if schedule.year is not None or not schedule.needs_year:
            return schedule.days
        partials = [cell.date if cell else None for cell in schedule.date_cells]
        return resolve_years(partials, _ANY_LEAP_YEAR, schedule.order == DESCENDING)

    def dated_rows(self, view: TableView) -> Iterator[tuple[int, TableRow, dt.date]]:
        """(body row index, row, date) of every session row of a schedule table."""
        for index, (row, date) in enumerate(zip(view.rows, self.dates(view), strict=True)):
            if date is not None:
                yield index, row, date


RuleCheck = Callable[[Context], Iterable[Hit]]


class Rule(NamedTuple):
    """A rule: its code, name, severity, one line on what it finds, and whether
    `check --fix` fixes it (the fix is in fixes.py, the full explanation with a bad
    and a good example in rule_docs.py: neither is loaded by a plain `check`)."""

    code: str
    name: str
    severity: str
    summary: str
    check: RuleCheck
    fixable: bool = False


RULES: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: str, summary: str, fixable: bool = False
) -> Callable[[RuleCheck], RuleCheck]:
    def register(check: RuleCheck) -> RuleCheck:
        RULES[code] = Rule(code, name, severity, summary, check, fixable)
        return check

    return register


def _views(ctx: Context) -> list[TableView]:
    return [*ctx.schedules, *([ctx.candidates] if ctx.candidates is not None else [])]


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(text: str) -> str:
    """Titles compared as a reader would: case, spacing and emphasis markup ignored."""
    return " ".join(re.sub(r"[*_`~]", "", text).casefold().split())


# --- errors ----------------------------------------------------------------


@rule(
    "MS001",
    "column-count",
    ERROR,
    (
        "a schedule or candidate row with more or fewer cells than its header (GitHub "
        "drops extra cells)"
    ),
    fixable=True,
)
def column_count(ctx: Context) -> Iterator[Hit]:
    for view in _views(ctx):
        width = view.table.width
        for row in view.rows:
            count = row.cell_count
            if count > width:
                extra = ", ".join(repr(cell_value(c)) for c in row.row.cells[width:])
                yield Hit(
                    row.line,
                    row.column(width),
                    f"row has {count} cells but the header has {width}: GitHub drops {extra}; "
                    "write a | inside a cell as \\| or add a column to the header",
                )
            elif count < width:
                yield Hit(
                    row.line,
                    row.column(count),
                    f"row has {count} cell{'s' if count != 1 else ''} but the header has "
                    f"{width}: fill in the missing cells (use - for nothing)",
                )


@rule(
    "MS002",
    "bad-date",
    ERROR,
    "a schedule date that is neither a date nor a placeholder (`TBD`, `-`, `미정`, ...)",
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
                f"'{_short(text)}' is not a date: write it like 5/17 or 2023-05-17, "
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
    ERROR,
    (
        "a schedule row out of its table's own order (ascending, or newest first); "
        "several rows on one date are several talks"
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
    ERROR,
    (
        "an issue cell that is neither a placeholder nor an issue reference (`#12`, a "
        "link to `/issues/12`)"
    ),
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
                f"'{_short(text)}' is not an issue reference: write it as #12 "
                f"(or {view.placeholder(Column.ISSUE)} when there is none)",
            )


@rule(
    "MS005",
    "duplicate-issue",
    ERROR,
    "two sessions with the same issue number",
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
    "MS006",
    "bad-link",
    ERROR,
    "a link that is not an absolute http(s) URL (`arxiv.org/abs/…`, `[pdf](slides.pdf)`)",
    fixable=True,
)
def bad_link(ctx: Context) -> Iterator[Hit]:
    for view in _views(ctx):
        if Column.LINKS not in view.columns:
            continue
        for row in view.rows:
            text = view.get(row, Column.LINKS)
            links = ctx.links_in(text)
            bad = [url for url in links if not is_web_url(url)]
            bare = (
                [
                    m[0]
                    for m in _SCHEMELESS.finditer(text)
                    if not _inside_url(text, m.start()) and not any(m[0] in url for url in bad)
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
                    f"link '{_short(url)}' is not an absolute http(s) URL: "
                    "give the full address, starting with https://",
                )
            for url in bare:
                yield Hit(
                    row.line,
                    column,
                    f"'{_short(url)}' has no https:// in front, so GitHub shows it as text: "
                    f"write https://{_short(url)}",
                )


def _dot_outside(text: str, links: list[str]) -> bool:
    """Whether a dot stands outside the cell's links: a URL without its scheme needs one
    (most links cells hold only links, and are passed over without a pattern search)."""
    for url in links:
        text = text.replace(url, " ")
    return "." in text


def _inside_url(text: str, index: int) -> bool:
    """Whether text[index] belongs to a URL that has its scheme (or to a link's target)."""
    start = text.rfind(" ", 0, index) + 1
    word = text[start:index]
    return "://" in word or "(" in word or "<" in word or "=" in word or "@" in word


@rule(
    "MS007",
    "duplicate-link",
    ERROR,
    "the same URL under two different titles, in or across the two tables",
)
def duplicate_link(ctx: Context) -> Iterator[Hit]:
    views = [v for v in _views(ctx) if Column.LINKS in v.columns and Column.TITLE in v.columns]
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
            if seen[1] != row.line and _key(seen[0]) != _key(title):
                yield Hit(
                    row.line,
                    view.at(row, Column.LINKS),
                    f"{_short(url, 60)} is also the link of '{_short(seen[0])}' on line "
                    f"{seen[1]}: one of the two is a copy-paste error, give each its own link",
                )


_DELIMITER = re.compile(r"[ \t]*:?-+:?[ \t]*\Z")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@rule(
    "MS008",
    "broken-table",
    ERROR,
    (
        "lines meant as one of the two tables that GitHub shows as text (bad delimiter "
        "row, or a comment line inside the table)"
    ),
    fixable=True,
)
def broken_table(ctx: Context) -> Iterator[Hit]:
    lines = ctx.lines
    in_table: set[int] = set()
    for table in ctx.doc.tables:
        in_table.update(range(table.start, table.end_line))
    for index in _prose_lines(lines):
        if index in in_table or index + 1 >= len(lines):
            continue
        role = _table_role(lines[index])
        if role is None or "|" not in lines[index + 1]:
            continue
        yield Hit(
            index + 1,
            1,
            f"these lines are meant as the {role} table but GitHub shows them as plain text: "
            + _why_not_a_table(lines[index], lines[index + 1], index + 2),
        )
    yield from _rows_cut_off(ctx)


def _prose_lines(lines: list[str]) -> Iterator[int]:
    """Indexes of lines outside fenced code blocks and multi-line HTML comments."""
    fence: str | None = None
    in_comment = False
    for index, line in enumerate(lines):
        if in_comment:
            in_comment = "-->" not in line
            continue
        m = _FENCE.match(line)
        if fence is not None:
            if m and m[1][0] == fence[0] and len(m[1]) >= len(fence):
                fence = None
            continue
        if m:
            fence = m[1]
            continue
        start = line.find("<!--")
        if start != -1 and "-->" not in line[start:]:
            in_comment = True
            continue
        if len(line) - len(line.lstrip(" ")) < 4 and not line.startswith("\t"):
            yield index


def _cells(line: str) -> list[str]:
    row = Row.parse(line, re.match(r"[ \t>]*", line)[0])  # type: ignore[index]
    return row.values()


def _table_role(line: str) -> str | None:
    """'schedule' or 'candidate' when the line reads as that table's header row."""
    if "|" not in line:
        return None
    columns = {column_of(cell) for cell in _cells(line)}
    if Column.DATE in columns and Column.PRESENTER in columns:
        return "schedule"
    if Column.TITLE in columns and Column.LINKS in columns:
        return "candidate"
    return None


def _why_not_a_table(header: str, delimiter: str, delimiter_line: int) -> str:
    width = len(_cells(header))
    cells = split_cells(_strip_pipes(delimiter))
    if all(_DELIMITER.match(cell) for cell in cells):
        if len(cells) != width:
            return (
                f"the delimiter row on line {delimiter_line} has {len(cells)} cells but the "
                f"header has {width}; give it one --- per column"
            )
        return "a blank line or the line before may be in the way; put a blank line before it"
    if any(_DELIMITER.match(cell) for cell in cells) or set(delimiter) <= set("|:- \t"):
        return (
            f"line {delimiter_line} is not a valid delimiter row (each cell must be dashes, "
            "like | --- |); fix it"
        )
    return (
        f"line {delimiter_line} must be the delimiter row (| --- | --- | ..., one cell per "
        "column) right under the header; add it"
    )


def _strip_pipes(line: str) -> str:
    text = re.sub(r"^[ \t>]*", "", line).strip(" \t")
    text = text[1:] if text.startswith("|") else text
    return text[:-1] if text.endswith("|") and not text.endswith("\\|") else text


def _rows_cut_off(ctx: Context) -> Iterator[Hit]:
    """Rows after an HTML comment line inside a table: GitHub ends the table at the comment."""
    lines = ctx.lines
    for view in _views(ctx):
        after = view.table.end_line  # 0-based index of the line after the table
        if after + 1 < len(lines) and lines[after].lstrip().startswith("<!--"):
            following = lines[after + 1]
            if "|" in following and len(_cells(following)) >= 2:
                yield Hit(
                    after + 1,
                    1,
                    f"this comment line ends the {_role_name(ctx, view)} table, so GitHub shows "
                    f"line {after + 2} and the rows after it as plain text: move the comment "
                    "to the end of a row, or remove it",
                )


def _role_name(ctx: Context, view: TableView) -> str:
    return "schedule" if view.schedule is not None else "candidate"


# --- warnings --------------------------------------------------------------


@rule(
    "MS101",
    "outside-period",
    WARNING,
    "a session before or after the period the README states",
)
def outside_period(ctx: Context) -> Iterator[Hit]:
    study = ctx.doc.study
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
    WARNING,
    "a session on another weekday than most (more than half) of the sessions",
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
    usual, count = counts.most_common(1)[0]
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
    WARNING,
    "a session with a presenter but no title, or a title but no presenter",
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
                f"{_short(presenter)} presents but the session has no title: "
                "fill in the topic once it is chosen",
            )
        elif title and not presenter:
            yield Hit(
                row.line,
                view.at(row, Column.PRESENTER),
                f"'{_short(title)}' has no presenter: fill in who presents it",
            )


def _filled(cell: str) -> bool:
    """A cell surely holding a value: plain text (no markup to hide it), not a placeholder."""
    return bool(cell) and is_plain_text(cell) and not is_placeholder(cell)


@rule(
    "MS104",
    "placeholder-link",
    WARNING,
    "a links cell holding text such as `N/A yet` instead of a link or the placeholder",
)
def placeholder_link(ctx: Context) -> Iterator[Hit]:
    for view in _views(ctx):
        if Column.LINKS not in view.columns:
            continue
        for row in view.rows:
            text = view.get(row, Column.LINKS)
            if is_placeholder(text) or ctx.links_in(text) or _SCHEMELESS.search(text):
                continue
            yield Hit(
                row.line,
                view.at(row, Column.LINKS),
                f"links cell says '{_short(text)}': put a link there, "
                f"or {view.placeholder(Column.LINKS)} until there is one",
            )


@rule(
    "MS105",
    "duplicate-candidate",
    WARNING,
    "the same candidate title twice",
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
        seen = first.setdefault(_key(title), row)
        if seen is not row:
            yield Hit(
                row.line,
                view.at(row, Column.TITLE),
                f"'{_short(title)}' is already a candidate on line {seen.line}: remove one",
            )


@rule(
    "MS106",
    "unread-schedule",
    WARNING,
    (
        "a table with dates that mdstudy could not read as a schedule (so the hook never "
        "passes a README it did not understand)"
    ),
)
def unread_schedule(ctx: Context) -> Iterator[Hit]:
    for table in ctx.doc.reading.unread:
        header = " | ".join(table.header)
        yield Hit(
            table.line,
            1,
            f"this table has dates but mdstudy cannot tell its sessions ({_short(header, 60)}): "
            "name its columns for date, presenter and topic, or map them in .mdstudy.toml "
            '([columns] presenter = "...")',
        )
