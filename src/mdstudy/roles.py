"""Column roles of a table, and whether it is a schedule: by header, then by the cells.

columns.py reads a header's meaning; this module completes the picture from the
cells of the first rows (a column of mostly dates, of names, of links) and decides
whether the table's rows are sessions.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string
# annotation of its fields into a ForwardRef (see rules/context.py); real types cost nothing.
import re
from collections.abc import Callable, Sequence

from mdstudy.columns import (
    Column,
    column_map,
    header_role,
    header_roles,
    is_someone_elses,
    normal_header,
)
from mdstudy.dates import could_be_date, read_date_cell
from mdstudy.inline import plain
from mdstudy.patterns import compiled
from mdstudy.tables import Table
from mdstudy.values import is_placeholder, web_links

# How many body rows the cells are sampled from to find a column's role.
SAMPLE = 60

_NAME_SEPARATORS = r"\s*(?:[,、;&/+]|\band\b|\bor\b|와|과|및)\s*"
# One person: Latin words each capitalised (`Ada Lovelace`, `J. Doe`, `HE Siyuan`), one
# Hangul word of 2-5 syllables (`김태수`), 2-6 Han or kana characters, or an @handle.
_PERSON = (
    r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|le|la))*(?:\s+(?:님|さん|씨))?"
    r"|[가-힣]{2,5}(?:\s*(?:님|씨))?|[\u3040-\u30ff\u4e00-\u9fff·・]{2,6}(?:\s*さん)?|@[\w-]+"
)


def is_person_like(text: str) -> bool:
    """A cell that names people (`Ada Lovelace`, `김태수, 이승현`, `Max & Phil`), nothing else."""
    if not text or len(text) > 60 or any(c.isdigit() for c in text):
        return False
    parts = [part for part in compiled(_NAME_SEPARATORS).split(text) if part]
    return bool(parts) and all(compiled(_PERSON).fullmatch(part) for part in parts)


def _mostly(cells: Sequence[str], test: Callable[[str], bool], share: float = 0.6) -> bool:
    values = [cell for cell in cells if not is_placeholder(plain(cell))]
    if len(values) < 1:
        return False
    hits = sum(1 for cell in values if test(cell))
    return hits >= max(1, share * len(values))


def _has_web_link(cell: str) -> bool:
    return bool(web_links(cell))


def _is_date(cell: str) -> bool:
    return could_be_date(cell) and read_date_cell(cell) is not None


class Roles:
    """A table's column roles, and how they were found. (A plain class: see RowReading.)"""

    __slots__ = ("columns", "date_by_header", "links", "presenters", "title_from_links")

    def __init__(
        self,
        columns: dict[Column, int],
        date_by_header: bool,
        presenters: tuple[int, ...],  # every presenter column (`Presenter #1`, `Presenter #2`)
        links: tuple[int, ...],  # every links column
        title_from_links: bool,  # no title column: a links cell's text is the title
    ) -> None:
        self.columns = columns
        self.date_by_header = date_by_header
        self.presenters = presenters
        self.links = links
        self.title_from_links = title_from_links


def find_roles(table: Table, mapped: dict[Column, list[str]] | None = None) -> Roles:
    """Column roles by header, then (for date and presenter) by the cells."""
    header = table.header
    columns = header_roles(header)
    if mapped:
        for role, texts in mapped.items():
            wanted = {normal_header(text) for text in texts}
            for index, text in enumerate(header):
                if normal_header(text) in wanted:
                    columns[role] = index
                    break
    sample = [row.values() for row in table.body_rows[:SAMPLE]]

    def cells(index: int) -> list[str]:
        return [values[index] if index < len(values) else "" for values in sample]

    date_by_header = Column.DATE in columns
    if date_by_header and not any(_is_date(cell) for cell in cells(columns[Column.DATE])):
        del columns[Column.DATE]
        date_by_header = False
    claimed = set(columns.values())
    free = [i for i in range(len(header)) if i not in claimed and not is_someone_elses(header[i])]
    if Column.DATE not in columns:
        for index in free:
            dated = [cell for cell in cells(index) if _is_date(cell)]
            if len(dated) >= min(2, len(sample)) and _mostly(cells(index), _is_date, 0.5):
                columns[Column.DATE] = index
                break
        else:  # a week column that names a date on some rows (`9/22 | N/A | Magical Week`)
            week = columns.get(Column.NUMBER)
            if week is not None and any(_is_date(cell) for cell in cells(week)):
                columns[Column.DATE] = week
                date_by_header = True
    if Column.DATE in columns and Column.PRESENTER not in columns:
        claimed = set(columns.values())
        for index in free:
            if index in claimed:
                continue
            texts = cells(index)
            filled = [t for t in texts if not is_placeholder(plain(t))]
            if len(filled) * 2 >= len(texts) and _mostly(texts, lambda c: is_person_like(plain(c))):
                columns[Column.PRESENTER] = index
                break
    presenters: tuple[int, ...] = ()
    if Column.PRESENTER in columns:
        chosen = normal_header(header[columns[Column.PRESENTER]])
        presenters = tuple(
            i for i, text in enumerate(header) if i == columns[Column.PRESENTER]
            or (normal_header(text) == chosen and header_role(text) is not None)
        )  # fmt: skip
    claimed = set(columns.values())
    links = tuple(
        i for i, text in enumerate(header)
        if ((found := header_role(text)) is not None and found[0] is Column.LINKS)
        or (i not in claimed and i in free and _mostly(cells(i), _has_web_link, 0.5))
    )  # fmt: skip
    if Column.LINKS in columns and columns[Column.LINKS] not in links:
        links = (columns[Column.LINKS], *links)
    title_from_links = Column.TITLE not in columns and bool(links)
    return Roles(columns, date_by_header, presenters, links, title_from_links)


def is_schedule(roles: Roles, course: bool) -> bool:
    """A dated table whose rows are sessions: with a presenter, a topic, or numbered meetings."""
    columns = roles.columns
    if Column.DATE not in columns:
        return False
    if Column.PRESENTER in columns:
        return True
    if course:  # a course's lecture plan: the teacher presents every class
        return False
    numbered = Column.NUMBER in columns and columns[Column.NUMBER] != columns[Column.DATE]
    return Column.TITLE in columns or (roles.date_by_header and numbered)


_COURSE_WORDS = (
    r"\b(?:course|syllabus|instructor|lectures?|midterm|exams?|homework|office\s+hours|"
    r"no\s+class|grading)\b"
)


def looks_like_course(text: str) -> bool:
    """A university course page: its dated tables are lectures, not a study group's sessions."""
    words = {m[0].lower().rstrip("s") for m in compiled(_COURSE_WORDS, re.I).finditer(text)}
    return len(words) >= 2


def is_candidate_list(columns: dict[Column, int]) -> bool:
    return Column.TITLE in columns and Column.LINKS in columns and Column.DATE not in columns


def find_candidate_table(tables: list[Table], schedules: list[Table]) -> Table | None:
    """The candidate list: the first table with titles and links but no dates."""
    return next(
        (t for t in tables if t not in schedules and is_candidate_list(column_map(t))), None
    )
