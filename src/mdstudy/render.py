"""Write an edit's Plan into table rows, in the table's own habits.

An edit never re-renders a table. edits.py says which fields of which rows
change (plan.Plan); this module decides how that is written: cell texts,
placeholders, date spelling, issue style, link separator, padding and line
endings. It turns the plan into new lines for exactly the touched rows (an
unchanged cell keeps its bytes, a changed cell keeps its padding) and splices
them into the Source. The habits are learned from the rows near the edit, so
the cost of an edit does not grow with the size of the table, except when a
padded column must be widened, which changes every row anyway.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wcwidth import wcswidth

from mdstudy.dates import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, PartialDate, parse_date
from mdstudy.errors import MdStudyError
from mdstudy.model import Column, column_map
from mdstudy.plan import DeleteRow, Fields, InsertRow, MoveRow, Plan, RowOp, SetRow, SwapRows
from mdstudy.source import Source, line_body
from mdstudy.tables import Row, Table, cell_value, find_tables
from mdstudy.values import extract_links, is_placeholder, link_separator, parse_issue

# How many body rows on each side of an edit its habits are learned from.
WINDOW = 40

# --- values into cell text ---------------------------------------------------


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
    texts = [link_text(url) for url in urls]
    for sep in (separator, ", ", " "):
        joined = sep.join(texts)
        if extract_links(joined) == list(urls):
            return joined
    raise MdStudyError(f"{what}: these links cannot be written apart: {' '.join(urls)}")


# --- display width and padding ----------------------------------------------


def width(text: str) -> int:
    """Display width (Hangul and most emoji count 2); -1 when it cannot be told (tabs)."""
    return int(wcswidth(text))


def _padding(raw: str) -> tuple[str, str]:
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

    @classmethod
    def learn(cls, table: Table, near: int) -> Layout:
        """Columns whose cells all have one display width in the rows near `near`.

        Equal widths alone do not make a padded column (`|a|b|` over `|-|-|`):
        the contents must differ in width, so padding evens them out.
        """
        rows = [table.header_row, table.delimiter_row, *_window(table.body_rows, near)]
        if len(rows) < 3:
            return cls({})
        widths: dict[int, int] = {}
        last_free = not table.header_row.trailing_pipe
        for column in range(table.width - (1 if last_free else 0)):
            raws = [row.cells[column] for row in rows if column < len(row.cells)]
            sizes = {width(raw) for raw in raws}
            contents = {width(raw.strip(" \t")) for raw in raws}
            if len(raws) >= 3 and len(sizes) == 1 and -1 not in sizes and len(contents) > 1:
                widths[column] = sizes.pop()
        return cls(widths)


def fill_cell(old: str, content: str, column_width: int | None, needs_space: bool) -> str:
    """New raw text for a cell: content inside the old cell's padding.

    In a padded column the trailing padding is adjusted so the pipe stays put
    (the caller widens the column first when the content does not fit).
    """
    lead, trail = _padding(old)
    if needs_space and content.endswith("\\") and not trail:
        trail = " "  # else the backslash would escape the pipe after it
    if column_width is None:
        return lead + content + trail
    fill = column_width - width(lead) - width(content)
    return lead + content + " " * max(fill, min(len(trail), 1))


def fits(old: str, content: str, column_width: int) -> bool:
    lead, trail = _padding(old)
    return width(lead) + width(content) + min(len(trail), 1) <= column_width


def needed_width(old: str, content: str) -> int:
    lead, trail = _padding(old)
    return width(lead) + width(content) + min(len(trail), 1)


def _widen(raw: str, extra: int, delimiter: bool) -> str:
    if delimiter:
        at = raw.rfind("-") + 1
        return raw[:at] + "-" * extra + raw[at:]
    return raw + " " * extra


# --- learned habits -----------------------------------------------------------


def _window(rows: Sequence[Row], near: int) -> list[Row]:
    """The rows around `near`, nearest first."""
    span = range(max(0, near - WINDOW), min(len(rows), near + WINDOW + 1))
    order = sorted(span, key=lambda i: (abs(i - near), i))
    return [rows[i] for i in order]


def _values(row: Row, column: int) -> str | None:
    return cell_value(row.cells[column]) if column < len(row.cells) else None


@dataclass(frozen=True)
class Habits:
    """How a table writes things, learned from the rows near an edit."""

    placeholders: dict[int, str]
    issue_example: tuple[str, int] | None
    link_separator: str

    @classmethod
    def learn(
        cls, table: Table, near: int, issue_column: int | None, links_column: int | None
    ) -> Habits:
        rows = _window(table.body_rows, near)
        counts: dict[int, Counter[str]] = {}
        for row in rows:
            for column in range(min(table.width, len(row.cells))):
                value = cell_value(row.cells[column])
                if is_placeholder(value):
                    counts.setdefault(column, Counter())[value] += 1
        overall: Counter[str] = sum(counts.values(), Counter())
        fallback = overall.most_common(1)[0][0] if overall else ""
        placeholders = {
            column: counts[column].most_common(1)[0][0] if column in counts else fallback
            for column in range(table.width)
        }
        return cls(placeholders, _issue_example(rows, issue_column), _separator(rows, links_column))

    def issue_text(self, number: int) -> str:
        """`#11`, or the issue written the way the column writes its others."""
        if self.issue_example is not None:
            text, old = self.issue_example
            new = re.sub(rf"(?<!\d){old}(?!\d)", str(number), text)
            if parse_issue(new) == number:
                return new
        return f"#{number}"


def _issue_example(rows: Iterable[Row], column: int | None) -> tuple[str, int] | None:
    if column is None:
        return None
    for row in rows:
        value = _values(row, column)
        if value and not is_placeholder(value):
            number = parse_issue(value)
            if number is not None:
                return value, number
    return None


def _separator(rows: Iterable[Row], column: int | None) -> str:
    if column is not None:
        for row in rows:
            separator = link_separator(_values(row, column) or "")
            if separator is not None:
                return separator
    return ", "


# --- date spelling --------------------------------------------------------------

# The middle forms some READMEs use (Tues, Thur); other days' middle form is the short one.
_MIDDLE_WEEKDAY = {1: "tues", 3: "thur"}
_WEEKDAYS = [
    (full, short, _MIDDLE_WEEKDAY.get(day, short))
    for day, (full, short) in enumerate(WEEKDAY_NAMES)
]
_WEEKDAY_WORDS = {word: i for i, names in enumerate(_WEEKDAYS) for word in names} | {"thurs": 3}
_KOREAN_WEEKDAYS = "월화수목금토일"
_DATE_TOKEN = re.compile(
    r"(?P<num>\d+)(?P<ord>st|nd|rd|th)?(?![A-Za-z])"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<kwd>[월화수목금토일])(?=요일|\s*\))"
)


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _same_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word.capitalize() if like[:1].isupper() else word


def _weekday_word(day: int, like: str) -> str:
    """The weekday's name in the form of `like` (Monday, Mon, MON, Tues, Thur)."""
    full, short, medium = _WEEKDAYS[day]
    lower = like.lower()
    word = medium if lower in ("tues", "thur", "thurs") else full if len(lower) > 3 else short
    return _same_case(word, like)


def _roles(text: str, date: dt.date) -> list[tuple[re.Match[str], str]]:
    """Each date token of an example with its role: y, m, d, month name, weekday."""
    roles: list[tuple[re.Match[str], str]] = []
    taken: set[str] = set()
    has_month_name = any((m["word"] or "").lower() in MONTHS for m in _DATE_TOKEN.finditer(text))
    for m in _DATE_TOKEN.finditer(text):
        if m["num"]:
            n = int(m["num"])
            if len(m["num"]) == 4 and n == date.year and "y" not in taken:
                role = "y"
            elif n == date.month and "m" not in taken and not has_month_name:
                role = "m"  # when month and day are equal, the month comes first
            elif n == date.day and "d" not in taken:
                role = "d"
            else:
                continue
        elif m["word"] and m["word"].lower() in MONTHS:
            role = "B"
        elif m["word"] and m["word"].lower() in _WEEKDAY_WORDS:
            role = "A"
        elif m["kwd"]:
            role = "K"
        else:
            continue
        taken.add(role)
        roles.append((m, role))
    return roles


def _respell(text: str, old: dt.date, new: dt.date, pads: dict[str, bool]) -> str:
    out, last = [], 0
    for m, role in _roles(text, old):
        out.append(text[last : m.start()])
        last = m.end()
        if role == "y":
            out.append(str(new.year))
        elif role in "md":
            n = new.month if role == "m" else new.day
            out.append(f"{n:02d}" if pads.get(role) else str(n))
            if m["ord"]:
                out.append(_ordinal(n))
        elif role == "B":
            full, short = MONTH_NAMES[new.month - 1]
            word = m["word"]
            out.append(_same_case(full if len(word) > 4 else short, word))
        elif role == "A":
            out.append(_weekday_word(new.weekday(), m["word"]))
        else:
            out.append(_KOREAN_WEEKDAYS[new.weekday()])
    out.append(text[last:])
    return "".join(out)


def _pad_evidence(examples: Sequence[tuple[str, dt.date]]) -> dict[str, bool]:
    """Whether months and days are written with a leading zero (nearest evidence wins)."""
    pads: dict[str, bool] = {}
    for text, date in examples:
        for m, role in _roles(text, date):
            if role in "md" and role not in pads and int(m["num"]) < 10:
                pads[role] = len(m["num"]) == 2
    year_first = any(re.match(r"\D*\d{4}\D", text) for text, _ in examples)
    if len(pads) == 1 and year_first:  # ISO-like: both padded (2025-12-04 -> 2026-01-08)
        pads["m" if "d" in pads else "d"] = next(iter(pads.values()))
    return pads


def spell_date(
    examples: Sequence[tuple[str, dt.date]],
    new: dt.date,
    year_implied: bool,
    day_first: bool = False,
) -> str:
    """`new` spelled like the example dates (nearest first); ISO when none fits.

    `year_implied` says whether a spelling without the year would be read as
    `new` (the reader takes the year from the README and the rows above).
    """
    pads = _pad_evidence(examples)
    for text, old in examples[:5]:
        spelled = _respell(text, old, new, pads)
        partial = parse_date(spelled, day_first=day_first)
        if partial is None or (partial.month, partial.day) != (new.month, new.day):
            continue
        if partial.year == new.year or (partial.year is None and year_implied):
            return spelled
    return new.isoformat()


def implied_year(previous: dt.date | None, study_year: int | None, new: dt.date) -> bool:
    """Whether a year-less `new` after `previous` is read as `new` (see dates.resolve_years)."""
    year = previous.year if previous else study_year
    if year is None:
        return False
    try:
        guess = PartialDate(new.month, new.day).resolve(year)
    except ValueError:
        return False
    if previous is not None and guess.month < previous.month - 6:
        guess = guess.replace(year=year + 1)
    return guess == new


# --- rows into the source -----------------------------------------------------


@dataclass(frozen=True)
class TableEdit:
    """New lines for some rows of one table, keyed by line offset in the table.

    Offset 0 is the header, 1 the delimiter, 2 + i body row i. Each offset maps
    to the rows that replace it: one (a changed row), none (a deleted row) or
    several (a row with new rows inserted after it).
    """

    table: Table
    rows: dict[int, tuple[Row, ...]]

    def apply(self, source: Source) -> Source:
        if not self.rows:
            return source
        start, stop = min(self.rows), max(self.rows) + 1
        if len(self.rows) <= 4:  # a few splices: each touches only its line
            for offset in sorted(self.rows, reverse=True):
                line = self.table.start + offset
                source = source.replace_lines(
                    line, line + 1, [row.text() for row in self.rows[offset]]
                )
            return source
        # Many rows (a widened column): one splice over the span, not one per row.
        lines: list[str] = []
        for offset in range(start, stop):
            if offset in self.rows:
                lines.extend(row.text() for row in self.rows[offset])
            else:
                lines.append(source.lines[self.table.start + offset])
        first = self.table.start + start
        return source.replace_lines(first, first + stop - start, lines)


def all_rows(table: Table) -> list[Row]:
    return [table.header_row, table.delimiter_row, *table.body_rows]


class RowWriter:
    """Builds a TableEdit: sets cells of body rows, inserts and deletes rows."""

    def __init__(self, table: Table, near: int, what: str) -> None:
        self.table = table
        self.layout = Layout.learn(table, near)
        self.blanks, self.filled = _cell_habits(table, near, self.layout)
        self.what = what
        self.changed: dict[int, tuple[Row, ...]] = {}

    def rows_at(self, offset: int) -> tuple[Row, ...]:
        """What stands at a line offset now: the original row, or what replaced it."""
        if offset in self.changed:
            return self.changed[offset]
        if offset < 2:
            return (self.table.header_row if offset == 0 else self.table.delimiter_row,)
        return (self.table.body_rows[offset - 2],)

    def _fit(self, row: Row, texts: dict[int, str]) -> None:
        """Widen padded columns that the new texts do not fit in (this changes every row)."""
        for column, content in texts.items():
            size = self.layout.widths.get(column)
            if size is None or column >= len(row.cells) or fits(row.cells[column], content, size):
                continue
            extra = needed_width(row.cells[column], content) - size
            for offset in range(len(self.table.body_rows) + 2):
                rows = self.rows_at(offset)
                if any(column < len(r.cells) and width(r.cells[column]) == size for r in rows):
                    self.changed[offset] = tuple(
                        _widened(r, column, size, extra, offset == 1) for r in rows
                    )
            self.layout = Layout({**self.layout.widths, column: size + extra})

    def fill(self, row: Row, texts: dict[int, str], placeholder: dict[int, str]) -> Row:
        """The row with some cells' contents replaced (missing cells are added)."""
        if not row.leading_pipe and texts.get(0):
            texts = {**texts, 0: escape_block_start(texts[0])}
        self._fit(row, texts)
        cells = list(row.cells)
        wanted = [c for c, t in texts.items() if t or c < len(cells)]
        header = self.table.header_row.cells
        if wanted and max(wanted) >= len(cells):
            # A short row: add the missing cells, padded like the header's.
            if cells and not row.trailing_pipe and not _padding(cells[-1])[1]:
                cells[-1] += _padding(header[len(cells) - 1])[1]
            for c in range(len(cells), max(wanted) + 1):
                cells.append(fill_cell(header[c], placeholder.get(c, ""), None, True))
        last = len(cells) - 1
        if not row.trailing_pipe and texts.get(last) == "":
            # `3/8|||||` has five cells on GitHub: a last cell without a pipe after it
            # must hold something.
            texts = {**texts, last: "-"}
        for column, content in texts.items():
            if column < len(cells) and not content and column in self.blanks:
                cells[column] = self.blanks[column]  # an empty cell as this column writes one
            elif column < len(cells):
                old = cells[column]
                if content and not old.strip(" \t") and column in self.filled:
                    old = self.filled[column]  # a filled cell as this column pads one
                cells[column] = fill_cell(
                    old,
                    content,
                    self.layout.widths.get(column),
                    column < last or row.trailing_pipe,
                )
        new = row.with_cells(tuple(cells))
        self._check(new, texts)
        return new

    def set_cells(self, index: int, texts: dict[int, str], placeholder: dict[int, str]) -> None:
        offset = index + 2
        rows = self.rows_at(offset)
        self.changed[offset] = (self.fill(rows[0], texts, placeholder), *rows[1:])

    def new_row(self, template: Row, texts: dict[int, str]) -> Row:
        """A row in the layout of `template` (a neighbour) holding `texts` in every column."""
        cells = list(template.cells[: self.table.width])
        cells.extend(self.table.header_row.cells[len(cells) : self.table.width])
        ending = template.ending or _other_ending(self.table)
        base = Row(template.prefix, template.leading_pipe, tuple(cells),
                   template.trailing_pipe, template.tail, ending)  # fmt: skip
        return self.fill(base, texts, {})

    def insert(self, before: int, row: Row) -> None:
        """Put a new row before body row `before` (`before` = the row count: after the last)."""
        if not row.ending:
            row = _with_ending(row, _other_ending(self.table))
        if before == 0 and self.table.body_rows:
            self.changed[2] = (row, *self.rows_at(2))
            return
        offset = before + 1  # the delimiter, or body row before - 1
        existing = self.rows_at(offset)
        if existing and not existing[-1].ending:
            # After the last line of a file without a final newline: the new row is the last.
            existing = (*existing[:-1], _with_ending(existing[-1], row.ending))
            row = _with_ending(row, "")
        self.changed[offset] = (*existing, row)

    def delete(self, index: int) -> None:
        offset = index + 2
        rows = self.rows_at(offset)
        self.changed[offset] = rows[1:]
        if not rows[0].ending and len(rows) == 1:
            # The file's last line goes: the line before it becomes the last, without ending.
            before = offset - 1
            while before > 0 and not self.rows_at(before):
                before -= 1
            previous = self.rows_at(before)
            self.changed[before] = (*previous[:-1], _with_ending(previous[-1], ""))

    def edit(self) -> TableEdit:
        return TableEdit(self.table, self.changed)

    def _check(self, row: Row, texts: dict[int, str]) -> None:
        """The row must read back as one table row holding the texts (a local re-parse)."""
        header = _bare(self.table.header_row)
        delimiter = _bare(self.table.delimiter_row)
        text = "".join(r.text() for r in (header, delimiter, _bare(row)))
        tables = find_tables(Source.from_text(text))
        if len(tables) != 1 or len(tables[0].body_rows) != 1:
            raise MdStudyError(
                f"{self.what}: the new text would break the table row: "
                f"{line_body(row.text()).strip()!r}"
            )
        values = tables[0].rows[0]
        for column, content in texts.items():
            if column < len(values) and values[column] != cell_value(content):
                raise MdStudyError(
                    f"{self.what}: {cell_value(content)!r} would not read back as written"
                )


def _cell_habits(table: Table, near: int, layout: Layout) -> tuple[dict[int, str], dict[int, str]]:
    """How each column writes an empty cell (`| |`, `|  |`, `||`) and pads a filled one.

    Learned from the rows near `near`, so that emptying a cell and filling an
    empty one give back what the table's own rows look like. Padded columns
    are left out of the first: their empty cells are filled to the column width.
    """
    blanks: dict[int, Counter[str]] = {}
    filled: dict[int, Counter[str]] = {}
    for row in _window(table.body_rows, near):
        for column, raw in enumerate(row.cells[: table.width]):
            lead, trail = _padding(raw)
            if raw.strip(" \t"):
                filled.setdefault(column, Counter())[f"{lead}x{trail}"] += 1
            elif column not in layout.widths:
                blanks.setdefault(column, Counter())[raw] += 1
    return _most_common(blanks), _most_common(filled)


def _most_common(counts: dict[int, Counter[str]]) -> dict[int, str]:
    return {column: count.most_common(1)[0][0] for column, count in counts.items()}


def _bare(row: Row) -> Row:
    """The row outside any container (quote, list), ending in LF: for a local re-parse."""
    return Row("", row.leading_pipe, row.cells, row.trailing_pipe, row.tail, "\n")


def _widened(row: Row, column: int, size: int, extra: int, delimiter: bool) -> Row:
    if column >= len(row.cells) or width(row.cells[column]) != size:
        return row
    cells = list(row.cells)
    cells[column] = _widen(cells[column], extra, delimiter)
    return row.with_cells(tuple(cells))


def _with_ending(row: Row, ending: str) -> Row:
    return Row(row.prefix, row.leading_pipe, row.cells, row.trailing_pipe, row.tail, ending)


def _other_ending(table: Table) -> str:
    """The line ending the table's other rows use (for a row that had none)."""
    for row in reversed(all_rows(table)):
        if row.ending:
            return row.ending
    return "\n"


# --- plans into rows ---------------------------------------------------------------


def apply(source: Source, plan: Plan) -> Source:
    """`source` with the plan written into its table: new lines for the touched rows only."""
    if not plan.ops:
        return source
    return _PlanWriter(plan).write().apply(source)


def _near(op: RowOp, count: int) -> int:
    """The body row an edit's habits are learned around."""
    if isinstance(op, SwapRows):
        return op.first
    if isinstance(op, InsertRow):
        return max(min(op.before, count - 1), 0)
    return op.row


class _PlanWriter:
    """Turns a Plan's values into cell texts in the table's habits and feeds a RowWriter."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.table = table = plan.table
        self.columns = dict(plan.columns) if plan.columns is not None else column_map(table)
        near = _near(plan.ops[0], len(table.body_rows))
        issue, links = self.columns.get(Column.ISSUE), self.columns.get(Column.LINKS)
        self.habits = Habits.learn(table, near, issue, links)
        self.writer = RowWriter(table, near, "")

    def where(self, index: int) -> str:
        return f"{self.plan.name}:{self.table.row_line(index)}"

    def write(self) -> TableEdit:
        table, writer = self.table, self.writer
        for op in self.plan.ops:
            if isinstance(op, SetRow):
                writer.what = self.where(op.row)
                self._set(op.row, self.texts(op.fields, op.row, op.row))
            elif isinstance(op, InsertRow):
                writer.what = self.where(op.before)
                texts = {c: self.habits.placeholders.get(c, "") for c in range(table.width)}
                texts.update(self.texts(op.fields, op.before, None))
                writer.insert(op.before, writer.new_row(_template(table, op.before), texts))
            elif isinstance(op, DeleteRow):
                writer.what = self.where(op.row)
                writer.delete(op.row)
            elif isinstance(op, MoveRow):
                writer.what = self.where(op.row)
                texts = self.texts(op.fields, op.before, op.row)
                if op.before in (op.row, op.row + 1):  # the row stays where it is
                    writer.set_cells(op.row, texts, {})
                else:
                    row = writer.fill(table.body_rows[op.row], texts, {})
                    writer.delete(op.row)
                    writer.insert(op.before, row)
            else:
                self._swap(op)
        return writer.edit()

    def texts(self, fields: Fields, at: int, own: int | None) -> dict[int, str]:
        """Cell texts for field values; `at`/`own`: where the row goes and which row it was."""
        texts: dict[int, str] = {}
        for column, value in fields.items():
            index = self.columns[column]
            if value is None:
                text = ""
            elif isinstance(value, dt.date):
                text = self.date_text(value, at, own)
            elif isinstance(value, int):
                text = self.habits.issue_text(value)
            elif isinstance(value, str):
                text = cell_text(value)
            else:
                text = join_links(value, self.habits.link_separator, f"{self.writer.what}: link")
            texts[index] = text or self.habits.placeholders[index]
        return texts

    def date_text(self, date: dt.date, at: int, own: int | None) -> str:
        """`date` spelled like the dates near body row `at` (and row `own`'s, first)."""
        days = self.plan.days
        examples = [] if own is None else [self._example(own)]
        examples += [self._example(i) for i in _nearby(days, at)]
        earlier = (d for i, d in enumerate(days) if d is not None and i != own and d < date)
        implied = implied_year(max(earlier, default=None), self.plan.year, date)
        return spell_date(examples, date, implied, self.plan.day_first)

    def _example(self, index: int) -> tuple[str, dt.date]:
        date = self.plan.days[index]
        assert date is not None, "only rows with a date are examples"
        return self.table.body_rows[index].value(self.columns[Column.DATE]), date

    def _set(self, index: int, texts: dict[int, str]) -> None:
        """Write only the cells whose content changes; a missing cell already reads as nothing."""
        row = self.table.body_rows[index]
        changed = {
            c: t
            for c, t in texts.items()
            if (row.cells[c].strip(" \t") != t if c < len(row.cells) else not is_placeholder(t))
        }
        if changed:
            self.writer.set_cells(index, changed, self.habits.placeholders)

    def _swap(self, op: SwapRows) -> None:
        """Each cell's text moves as written, but for the `keep` column's."""
        table, keep = self.table, self.columns[op.keep]
        row_a, row_b = table.body_rows[op.first], table.body_rows[op.second]

        def content(cells: tuple[str, ...], column: int) -> str:
            return cells[column].strip(" \t") if column < len(cells) else ""

        others = [c for c in range(table.width) if c != keep]
        self.writer.what = self.where(op.first)
        self._set(op.first, {c: content(row_b.cells, c) for c in others})
        self.writer.what = self.where(op.second)
        self._set(op.second, {c: content(row_a.cells, c) for c in others})


def _nearby(days: Sequence[dt.date | None], near: int) -> list[int]:
    """A few session rows closest to body row `near`, nearest first."""
    rows = (i for i, d in enumerate(days) if d is not None)
    return heapq.nsmallest(8, rows, key=lambda i: abs(i - near))


def _template(table: Table, before: int) -> Row:
    """The neighbour a new row before body row `before` copies its layout from."""
    rows = table.body_rows
    if not rows:
        return table.header_row
    return rows[before - 1] if before > 0 else rows[0]


# --- diffs ------------------------------------------------------------------------


def unified_diff(name: str, old: Source, new: Source) -> str:
    """A unified diff of two versions of a file, line endings shown as they are."""
    # git's a/ and b/ prefixes, for a relative path only (`a//tmp/x` helps no one).
    before, after = (name, name) if name.startswith("/") else (f"a/{name}", f"b/{name}")
    lines = difflib.unified_diff(_diff_lines(old), _diff_lines(new), before, after)
    return "".join(lines)


def _diff_lines(source: Source) -> list[str]:
    lines = list(source.lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
