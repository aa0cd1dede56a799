"""A README as a document: its exact text, its tables and the study model read from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mdstudy.errors import MdStudyError
from mdstudy.roles import find_candidate_table
from mdstudy.source import CONFIG_NAME, Source, config_path, line_body, read_text
from mdstudy.study import Study, read_study
from mdstudy.tables import Table, find_tables

if TYPE_CHECKING:
    from mdstudy.check import Finding
    from mdstudy.config import Config
    from mdstudy.model import Candidate, Session
    from mdstudy.plan import Plan
    from mdstudy.reader import Reading, ScheduleTable

# WHEN, as a command takes it (`5/24`, `5/24#2`, `L42`, `next`) or as a date.
When = str | dt.date

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
        config: Config | None = None,
        name: str | None = None,
    ):
        self.source = source
        self.path = path
        self._name = name  # what messages call a document without a path (`<stdin>`)
        self.year_option = year
        # The `.mdstudy.toml` read with it (None: there is none, every default applies).
        self.config = config
        # What the file held when read, to detect outside changes: the Source, not its
        # joined text (an 11 MB README would be held twice until the save).
        self.original = source

    @property
    def name(self) -> str:
        return str(self.path) if self.path else self._name or "<text>"

    def __repr__(self) -> str:
        try:
            counts = f"{len(self.sessions)} sessions, {len(self.candidates)} candidates"
        except MdStudyError as err:  # a repr never raises: say why the sessions are unknown
            counts = f"sessions unreadable: {err}"
        return f"<Document {self.name}: {counts}>"

    def with_source(self, source: Source) -> Document:
        """Another text of the same README: its path, year and settings."""
        return Document(
            source, path=self.path, year=self.year_option, config=self.config, name=self._name
        )

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

        names = self.config.columns.names() if self.config is not None else None
        return read_tables(self.tables, self.lines, self.study.year, names)

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
        from mdstudy.model import read_sessions  # the records: not loaded by `check`

        return read_sessions(self.schedules, self.name)

    @cached_property
    def candidates(self) -> list[Candidate]:
        from mdstudy.model import read_candidates

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
            f"topic column); {found}; map columns in {CONFIG_NAME}, e.g. "
            '[columns] date = "Day", presenter = "Host"'
        )

    def check(self) -> list[Finding]:
        """The findings `mdstudy check` reports for this README, its `[check]` settings honoured."""
        from mdstudy.check import check_document, settings_for

        return check_document(self, settings_for(self.config), self.name)

    # --- edits: mdstudy.edits says what changes, mdstudy.render writes it --------
    # Each returns what it changed, read back from the edited text (a removal: the
    # record as it was). WHEN is `5/24`, `2023-05-24`, `5/24#2`, `L42`, `next` or a date.

    def apply(self, plan: Plan) -> None:
        """Write a plan of mdstudy.edits into the text (nothing read back)."""
        from mdstudy import render

        self.replace_source(render.apply(self.source, plan))

    def _session_at(self, plan: Plan, row: int) -> Session:
        """The session of body row `row` of the plan's table, read from the current text."""
        from mdstudy.model import read_session

        table = next(s for s in self.schedules if s.table.line == plan.table.line)
        date = table.days[row]
        assert date is not None, "an edited session keeps a date"
        return read_session(table, row, date)

    def assign(
        self,
        when: When,
        who: str,
        *,
        title: str | None = None,
        links: Sequence[str] | None = None,
        issue: int | None = None,
        note: str | None = None,
        candidate: str | None = None,
        force: bool = False,
        today: dt.date | None = None,
    ) -> Session:
        """Fill the session WHEN names with WHO; fields not given are kept, unless the
        session changes hands (`force=True`: then they are cleared)."""
        from mdstudy import edits

        plan = edits.assign(
            self, when, who, title=title, links=links, issue=issue, note=note,
            candidate=candidate, force=force, today=today,
        )  # fmt: skip
        self.apply(plan)
        return self._session_at(plan, edits.edited_rows(plan)[0])

    def unassign(self, when: When, *, today: dt.date | None = None) -> Session:
        from mdstudy import edits

        plan = edits.unassign(self, when, today=today)
        self.apply(plan)
        return self._session_at(plan, edits.edited_rows(plan)[0])

    def swap(
        self, first: When, second: When, *, today: dt.date | None = None
    ) -> tuple[Session, Session]:
        """Exchange everything but the dates; returns the sessions on the first and second date."""
        from mdstudy import edits

        plan = edits.swap(self, first, second, today=today)
        self.apply(plan)
        one, two = edits.edited_rows(plan)
        return self._session_at(plan, one), self._session_at(plan, two)

    def move(self, when: When, date: When, *, today: dt.date | None = None) -> Session:
        from mdstudy import edits

        plan = edits.move(self, when, date, today=today)
        if not plan.ops:  # already on that date
            return edits.find_session(self, when, today=today)
        self.apply(plan)
        return self._session_at(plan, edits.edited_rows(plan)[0])

    def add_session(self, date: When) -> Session:
        from mdstudy import edits

        plan = edits.add_session(self, date)
        self.apply(plan)
        return self._session_at(plan, edits.edited_rows(plan)[0])

    def remove_session(
        self, when: When, *, force: bool = False, today: dt.date | None = None
    ) -> Session:
        """Delete the session (an assigned one only with `force=True`); returns it as it was."""
        from mdstudy import edits

        plan = edits.remove_session(self, when, force=force, today=today)
        removed = self._session_at(plan, edits.edited_rows(plan)[0])
        self.apply(plan)
        return removed

    def find_candidate(self, query: str) -> Candidate:
        from mdstudy import edits

        return edits.find_candidate(self, query)

    def add_candidate(
        self, title: str, *, links: Sequence[str] = (), keyword: str | None = None
    ) -> Candidate:
        from mdstudy import edits

        plan = edits.add_candidate(self, title, links=links, keyword=keyword)
        self.apply(plan)
        line = plan.table.row_line(edits.edited_rows(plan)[0])
        return next(c for c in self.candidates if c.line == line)

    def remove_candidate(self, query: str) -> Candidate:
        """Delete the one candidate whose title contains `query`; returns it as it was."""
        from mdstudy import edits

        removed = edits.find_candidate(self, query)
        self.apply(edits.remove_candidate(self, query))
        return removed


def loads(text: str, *, year: int | None = None, config: Config | None = None) -> Document:
    """A document from text; `loads(t).dumps() == t` for every text."""
    if config is not None:
        config = config.with_options(year=year)
        year = config.year
    return Document(Source.from_text(text), year=year, config=config)


def load(path: str | Path, *, year: int | None = None) -> Document:
    """A document from a UTF-8 file; unreadable input raises MdStudyError with one clear line.

    `.mdstudy.toml` beside it, if any, is read and checked (config.py): its `[columns]`
    map roles to header texts, its `year` is taken when `year` is not given.
    """
    path = Path(path)
    text = read_text(path)
    config = None
    if config_path(path).is_file():  # config.py is loaded only when there is a file to read
        from mdstudy.config import read_config

        config = read_config(config_path(path)).with_options(year=year)
        year = config.year
    return Document(Source.from_text(text), path=path, year=year, config=config)
