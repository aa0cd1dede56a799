"""What a rule reads, what it yields, and how it is declared.

A rule is one function under `@rule(code, name, severity, summary, why=..., bad=...,
good=..., fixable=...)`: it reads a `Context` and yields `Hit`s (a line, a column and
a message that says what is wrong and what to do). The engine in check.py adds the
path, code, name and severity, and applies selection and suppression; `mdstudy
rules` and README.md's rule table are formatted from the same records (rule_docs.py).
The explanation and its examples are plain strings on the rule, formatted only by
rule_docs.py; a fix, when a rule has one, is in fixes.py (it needs the writer, which
`check` does not load).

A `TableView` is a schedule or candidate table with its column roles and its rows
as the rules see them (`TableRow`: cell texts without HTML comments, each cell's
source column); `Context` computes each view once, and only when a rule asks for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from functools import cached_property
from operator import itemgetter

from mdstudy.columns import Column, column_map
from mdstudy.dates import resolve_years
from mdstudy.document import Document
from mdstudy.patterns import compiled
from mdstudy.reader import DESCENDING, ScheduleTable
from mdstudy.source import line_body
from mdstudy.tables import Row, Table, cell_value, paused_gc
from mdstudy.values import extract_links, is_placeholder

# GitHub shows an HTML comment in a cell as nothing, so rules do not see it
# either (a trailing `<!-- mdstudy: ignore ... -->` must not make a cell "filled").
_HTML_COMMENT = r"<!--.*?-->"  # compiled when a cell holds one
# Any year will do to order year-less dates; a leap year keeps 2/29 a date.
_ANY_LEAP_YEAR = 2000


class Severity(str, Enum):
    """An error fails the check; a warning fails it only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # as written in text, JSON and annotations: `error`
        return self.value


class Hit:
    """What a rule found: 1-based line and column, and the message. (Plain classes here:
    `check` loads this module, and a NamedTuple costs ten times as much to define.)"""

    __slots__ = ("column", "line", "message")

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message

    def __repr__(self) -> str:
        return f"Hit({self.line}, {self.column}, {self.message!r})"


class TableRow:
    """A body row of the schedule or candidate table, as the rules see it. (Plain classes
    here and in TableView: a NamedTuple costs ten times as much start-up to define.)"""

    __slots__ = ("cell_count", "line", "row", "values")

    def __init__(self, line: int, row: Row, values: list[str], cell_count: int) -> None:
        self.line = line  # 1-based source line
        self.row = row
        self.values = values  # cell texts fitted to the header width, HTML comments removed
        self.cell_count = cell_count  # how many cells the row has as written

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
    return cell_value(compiled(_HTML_COMMENT, re.S).sub("", cell) if "<!--" in cell else cell)


class TableView:
    """A schedule or candidate table with its column roles and rows (and, for a schedule,
    the reader that knows its dates and sessions)."""

    __slots__ = ("columns", "rows", "schedule", "table")

    def __init__(
        self,
        table: Table,
        columns: dict[Column, int],
        rows: list[TableRow],
        schedule: ScheduleTable | None = None,
    ) -> None:
        self.table = table
        self.columns = columns
        self.rows = rows
        self.schedule = schedule

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
        return max(spellings.items(), key=itemgetter(1))[0] if spellings else "-"


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

    def views(self) -> list[TableView]:
        """The schedule tables, then the candidate table."""
        return [*self.schedules, *([self.candidates] if self.candidates is not None else [])]

    def dated_rows(self, view: TableView) -> Iterator[tuple[int, TableRow, dt.date]]:
        """(body row index, row, date) of every session row of a schedule table."""
        for index, (row, date) in enumerate(zip(view.rows, self.dates(view), strict=True)):
            if date is not None:
                yield index, row, date


RuleCheck = Callable[[Context], Iterable[Hit]]


class Rule:
    """A rule: its code, name, severity, one line on what it finds, whether `check --fix`
    fixes it, and its explanation with a README it reports and the same README put right."""

    __slots__ = ("bad", "check", "code", "fixable", "good", "name", "severity", "summary", "why")

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        summary: str,
        check: RuleCheck,
        fixable: bool,
        why: str,  # a paragraph: why it matters and what to do
        bad: str,  # a README that the rule reports
        good: str,  # the same README, put right
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.check = check
        self.fixable = fixable
        self.why = why
        self.bad = bad
        self.good = good

    def __repr__(self) -> str:
        return f"Rule({self.code} {self.name})"


# Every rule by code, in the order the rule modules are imported (mdstudy.rules sorts it).
REGISTERED: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    why: str,
    bad: str,
    good: str,
    fixable: bool = False,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as the check of rule `code`."""

    def register(check: RuleCheck) -> RuleCheck:
        REGISTERED[code] = Rule(code, name, severity, summary, check, fixable, why, bad, good)
        return check

    return register


# The first lines of the examples: a schedule with a stated period, and a candidate list.
SCHEDULE_HEAD = """\
# 2023 Paper Study

2023년 5월 10일부터 2023년 5월 31일까지 진행합니다.

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
"""

CANDIDATES_HEAD = """\
# Study

| Title | Link |
| ----- | ---- |
| LoRA | https://arxiv.org/abs/2106.09685 |
"""


def short(text: str, limit: int = 40) -> str:
    """A cell's text cut to fit in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title_key(text: str) -> str:
    """Titles compared as a reader would: case, spacing and emphasis markup ignored."""
    return " ".join(text.translate(_NO_EMPHASIS).casefold().split())


_NO_EMPHASIS = str.maketrans("", "", "*_`~")
