"""A README as a document: its exact text, its tables and the study model read from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mdstudy.errors import MdStudyError
from mdstudy.model import (
    Candidate,
    Column,
    Session,
    Study,
    find_candidate_table,
    read_candidates,
    read_sessions,
    read_study,
)
from mdstudy.source import Source, line_body, read_text
from mdstudy.tables import Table, find_tables

if TYPE_CHECKING:
    from mdstudy.plan import Plan
    from mdstudy.reader import Reading, ScheduleTable

# Cached views of the text, dropped whenever the text changes.
_VIEWS = (
    "lines", "tables", "study", "reading", "sessions", "candidates", "candidate_table",
)  # fmt: skip


class Document:
    """A README: `dumps()` gives its text back, byte for byte, until an edit changes it.

    Everything else is read lazily: loading costs nothing until a view is asked for.
    """

    def __init__(
        self,
        source: Source,
        *,
        path: Path | None = None,
        year: int | None = None,
        columns: dict[Column, list[str]] | None = None,
        name: str | None = None,
    ):
        self.source = source
        self.path = path
        self._name = name  # what messages call a document without a path (`<stdin>`)
        self.year_option = year
        self.column_names = columns  # `[columns]` of .mdstudy.toml: role -> header texts
        # What the file held when read, to detect outside changes: the Source, not its
        # joined text (an 11 MB README would be held twice until the save).
        self.original = source

    @property
    def name(self) -> str:
        return str(self.path) if self.path else self._name or "<text>"

    def dumps(self) -> str:
        return self.source.text()

    def save(self, path: Path | None = None) -> None:
        """Write the text back atomically; refused if the file changed since it was read."""
        from mdstudy.save import write_atomic

        target = path or self.path
        if target is None:
            raise MdStudyError("no file to save to: give a path")
        expected = self.original.text() if target == self.path else None
        write_atomic(target, self.dumps(), expected=expected)
        self.original = self.source

    def replace_source(self, source: Source) -> None:
        """Take new text (after an edit) and forget every view read from the old one."""
        self.source = source
        for view in _VIEWS:
            self.__dict__.pop(view, None)

    @cached_property
    def tables(self) -> list[Table]:
        return find_tables(self.source)

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines without their endings."""
        return [line_body(line) for line in self.source.lines]

    @cached_property
    def study(self) -> Study:
        return read_study(self.lines, "\n".join(self.lines), self.year_option)

    @cached_property
    def reading(self) -> Reading:
        """The schedule tables (every one, in document order) and dated tables not understood."""
        from mdstudy.reader import read_tables

        return read_tables(self.tables, self.lines, self.study.year, self.column_names)

    @property
    def schedules(self) -> list[ScheduleTable]:
        return self.reading.schedules

    @property
    def schedule_table(self) -> Table | None:
        """The first schedule table (None when the README has none)."""
        return self.schedules[0].table if self.schedules else None

    @cached_property
    def candidate_table(self) -> Table | None:
        return find_candidate_table(self.tables, [s.table for s in self.schedules])

    @cached_property
    def sessions(self) -> list[Session]:
        """Every schedule table's sessions, in document order; [] when there is none."""
        return read_sessions(self.schedules, self.name)

    @cached_property
    def candidates(self) -> list[Candidate]:
        table = self.candidate_table
        return read_candidates(table) if table else []

    def require_schedule(self) -> list[ScheduleTable]:
        """The schedule tables, or an error naming every table seen and how to map columns."""
        if self.schedules:
            return self.schedules
        seen = "; ".join(
            f"line {t.line}: {' | '.join(h for h in t.header)[:60]}" for t in self.tables[:6]
        )
        found = f"tables seen: {seen}" if seen else "it has no table"
        raise MdStudyError(
            f"{self.name}: no schedule table (a table with a date column and a presenter or "
            f"topic column); {found}; map columns in .mdstudy.toml, e.g. "
            '[columns] date = "Day", presenter = "Host"'
        )

    # --- edits: mdstudy.edits says what changes, mdstudy.render writes it --------

    def _apply(self, plan: Plan) -> None:
        from mdstudy import render

        self.replace_source(render.apply(self.source, plan))

    def assign(
        self,
        when: str,
        who: str,
        *,
        title: str | None = None,
        links: Sequence[str] | None = None,
        issue: int | None = None,
        note: str | None = None,
        candidate: str | None = None,
        force: bool = False,
        today: dt.date | None = None,
    ) -> tuple[str, dt.date]:
        """Fill the session WHEN names (`5/24`, `2023-05-24`, `5월 24일`, `next`) with WHO.

        Returns the session's date as the table writes it and as a date (`next` chose it).
        """
        from mdstudy import edits

        plan = edits.assign(
            self, when, who, title=title, links=links, issue=issue, note=note,
            candidate=candidate, force=force, today=today,
        )  # fmt: skip
        self._apply(plan)
        return edits.chosen(plan)

    def unassign(self, when: str, *, today: dt.date | None = None) -> None:
        from mdstudy import edits

        self._apply(edits.unassign(self, when, today=today))

    def swap(self, first: str, second: str, *, today: dt.date | None = None) -> None:
        from mdstudy import edits

        self._apply(edits.swap(self, first, second, today=today))

    def move(self, when: str, date: str, *, today: dt.date | None = None) -> None:
        from mdstudy import edits

        self._apply(edits.move(self, when, date, today=today))

    def add_session(self, date: str) -> None:
        from mdstudy import edits

        self._apply(edits.add_session(self, date))

    def remove_session(
        self, when: str, *, force: bool = False, today: dt.date | None = None
    ) -> None:
        from mdstudy import edits

        self._apply(edits.remove_session(self, when, force=force, today=today))

    def find_candidate(self, query: str) -> Candidate:
        from mdstudy import edits

        return edits.find_candidate(self, query)

    def add_candidate(
        self, title: str, *, links: Sequence[str] = (), keyword: str | None = None
    ) -> None:
        from mdstudy import edits

        self._apply(edits.add_candidate(self, title, links=links, keyword=keyword))

    def remove_candidate(self, query: str) -> None:
        from mdstudy import edits

        self._apply(edits.remove_candidate(self, query))


def loads(text: str, *, year: int | None = None) -> Document:
    """A document from text; `loads(t).dumps() == t` for every text."""
    return Document(Source.from_text(text), year=year)


def load(path: str | Path, *, year: int | None = None) -> Document:
    """A document from a UTF-8 file; unreadable input raises MdStudyError with one clear line.

    The `[columns]` table of `.mdstudy.toml` beside it, if any, maps roles to header texts.
    """
    from mdstudy.config import column_names

    path = Path(path)
    text = read_text(path)
    return Document(Source.from_text(text), path=path, year=year, columns=column_names(path))
