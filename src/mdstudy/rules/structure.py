"""Structure rules: the tables as GitHub and mdstudy see them.

MS001 column-count (a row's cells against its header), MS008 broken-table (lines
meant as a table that GitHub shows as text), MS106 unread-schedule (a table with
dates that mdstudy could not read as a schedule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdstudy.columns import Column, TableKind, column_of
from mdstudy.rules.context import SCHEDULE_HEAD, Context, Hit, Severity, TableView, rule, short
from mdstudy.tables import Row, cell_value, is_delimiter_cell, split_cells


@rule(
    "MS001",
    "column-count",
    Severity.ERROR,
    (
        "a schedule or candidate row with more or fewer cells than its header (GitHub "
        "drops extra cells)"
    ),
    fixable=True,
    why=(
        "GitHub gives every row of a table the header's number of cells: a short row is "
        "padded with empty cells, and the cells of a long row past the header are dropped "
        "without a word (usually a `|` inside a title that should be `\\|`). "
        "`check --fix` adds the missing cells of a short row (the column's placeholder in a "
        "session row, empty in a label row); a long row is never cut, since its text would "
        "be lost, and a line without any pipe is left as it is."
    ),
    bad=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 |\n",
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n",
)
def column_count(ctx: Context) -> Iterator[Hit]:
    for view in ctx.views():
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


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@rule(
    "MS008",
    "broken-table",
    Severity.ERROR,
    (
        "lines meant as one of the two tables that GitHub shows as text (bad delimiter "
        "row, or a comment line inside the table)"
    ),
    fixable=True,
    why=(
        "Lines that look like the schedule are only a table on GitHub when the delimiter "
        "row right under the header has one `---` cell per header cell, and nothing "
        "(not even a comment line) comes between rows. Otherwise GitHub shows the lines "
        "as a paragraph of pipes, and mdstudy does not see the sessions. `check --fix` "
        "rewrites a delimiter row whose cell count differs from the header's."
    ),
    bad=(
        SCHEDULE_HEAD.replace("| ---- | --- | ---- | ----- | ------- |", "| ---- | --- | ---- |")
        + "| 5/10 | Kim | LoRA | - | - |\n"
    ),
    good=SCHEDULE_HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
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
            f"these lines are meant as the {role.value} table but GitHub shows them as plain text: "
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


def _table_role(line: str) -> TableKind | None:
    """The kind of study table whose header row the line reads as, if any."""
    if "|" not in line:
        return None
    columns = {column_of(cell) for cell in _cells(line)}
    if Column.DATE in columns and Column.PRESENTER in columns:
        return TableKind.SCHEDULE
    if Column.TITLE in columns and Column.LINKS in columns:
        return TableKind.CANDIDATE
    return None


def _why_not_a_table(header: str, delimiter: str, delimiter_line: int) -> str:
    width = len(_cells(header))
    cells = split_cells(_strip_pipes(delimiter))
    if all(is_delimiter_cell(cell) for cell in cells):
        if len(cells) != width:
            return (
                f"the delimiter row on line {delimiter_line} has {len(cells)} cells but the "
                f"header has {width}; give it one --- per column"
            )
        return "a blank line or the line before may be in the way; put a blank line before it"
    if any(is_delimiter_cell(cell) for cell in cells) or set(delimiter) <= set("|:- \t"):
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
    for view in ctx.views():
        after = view.table.end_line  # 0-based index of the line after the table
        if after + 1 < len(lines) and lines[after].lstrip().startswith("<!--"):
            following = lines[after + 1]
            if "|" in following and len(_cells(following)) >= 2:
                yield Hit(
                    after + 1,
                    1,
                    f"this comment line ends the {_kind(view).value} table, so GitHub shows "
                    f"line {after + 2} and the rows after it as plain text: move the comment "
                    "to the end of a row, or remove it",
                )


def _kind(view: TableView) -> TableKind:
    return TableKind.SCHEDULE if view.schedule is not None else TableKind.CANDIDATE


@rule(
    "MS106",
    "unread-schedule",
    Severity.WARNING,
    (
        "a table with dates that mdstudy could not read as a schedule (so the hook never "
        "passes a README it did not understand)"
    ),
    why=(
        "A table with dates whose columns mdstudy cannot tell apart is not read as a "
        "schedule, so `check` would pass a README it did not understand. Name the columns "
        "(date, presenter, topic), or map them in `.mdstudy.toml` under `[columns]`. Not "
        "fixable."
    ),
    bad="# Study\n\n| Event | When |\n| ----- | ---- |\n| Kickoff meeting | 2023-05-10 |\n",
    good=(
        "# Study\n\n| When | Who | What |\n| ---- | --- | ---- |\n"
        "| 2023-05-10 | Kim | Kickoff meeting |\n"
    ),
)
def unread_schedule(ctx: Context) -> Iterator[Hit]:
    for table in ctx.doc.reading.unread:
        header = " | ".join(table.header)
        yield Hit(
            table.line,
            1,
            f"this table has dates but mdstudy cannot tell its sessions ({short(header, 60)}): "
            "name its columns for date, presenter and topic, or map them in .mdstudy.toml "
            '([columns] presenter = "...")',
        )
