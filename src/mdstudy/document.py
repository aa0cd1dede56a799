"""A README as a document: its exact text, its tables and the study model read from them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from mdstudy.errors import MdStudyError
from mdstudy.roles import find_candidate_table
from mdstudy.source import CONFIG_NAME, Source, StrPath, config_path, line_body, read_text
from mdstudy.study import StudyFacts, read_study
from mdstudy.tables import Table, find_tables

if TYPE_CHECKING:
    from pathlib import Path

    from mdstudy import edits
    from mdstudy.check import Finding
    from mdstudy.config import Config
    from mdstudy.model import Candidate, Session, Study
    from mdstudy.plan import Plan
    from mdstudy.reader import Reading, ScheduleTable

# WHEN, as a command takes it (`5/24`, `5/24#2`, `L42`, `next`) or as a date.
When = str | dt.date

P = ParamSpec("P")
R = TypeVar("R")


class Snapshot:
    """One text of a README and every view read from it: source -> tables -> schedule
    reading -> records. It never changes; an edit makes a new one, so there is nothing
    to invalidate. Each view is read on first use: loading costs nothing until asked.

    A plain class, not a frozen dataclass (`check` loads this module, and building a
    dataclass costs start-up time): treat it as read-only, as `Table`.
    """

    def __init__(
        self,
        source: Source,
        name: str,  # what messages call the document
        year_option: int | None = None,
        config: Config | None = None,  # `.mdstudy.toml` (None: none, every default applies)
    ) -> None:
        self.source = source
        self.name = name
        self.year_option = year_option
        self.config = config

    def __repr__(self) -> str:
        return f"Snapshot({self.name!r}, {len(self.source.lines)} lines)"

    @property
    def snapshot(self) -> Snapshot:
        return self

    def with_source(self, source: Source) -> Snapshot:
        return Snapshot(source, self.name, self.year_option, self.config)

    @cached_property
    def tables(self) -> list[Table]:
        return find_tables(self.source)

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines without their endings."""
        return [line_body(line) for line in self.source.lines]

    @cached_property
    def study_facts(self) -> StudyFacts:
        """The study's title, year and period, as `check` reads them (no record built)."""
        return read_study(self.lines, "\n".join(self.lines), self.year_option)

    @cached_property
    def study(self) -> Study:
        from mdstudy.model import Study  # the records: not loaded by `check`

        return Study.of(self.study_facts)

    @cached_property
    def reading(self) -> Reading:
        """The schedule tables (every one, in document order) and dated tables not understood."""
        from mdstudy.reader import read_tables

        names = self.config.columns.names() if self.config is not None else None
        return read_tables(self.tables, self.lines, self.study_facts.year, names)

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


class HasSnapshot(Protocol):
    """What mdstudy.edits reads from: a Snapshot, or a Document (its current one)."""

    @property
    def snapshot(self) -> Snapshot: ...


class Applied:
    """A plan written: the snapshots before and after. The records it changed are read
    back only when asked (reading a 100,000-row schedule's sessions costs time).
    (A plain class, read-only, for the reason Snapshot is one.)"""

    def __init__(self, plan: Plan, before: Snapshot, after: Snapshot) -> None:
        self.plan, self.before, self.after = plan, before, after

    def _rows(self) -> list[tuple[Snapshot, int]]:
        """Each edited body row and the text that holds it (a deleted row: the old one)."""
        removed = self.plan.removed_rows()
        old = self.plan.edited_rows()
        return [(self.before if row in removed else self.after, row) for row in old]

    @cached_property
    def sessions(self) -> tuple[Session, ...]:
        """The sessions the plan changed, as they are now (a removed one: as it was)."""
        from mdstudy.model import read_session

        found = []
        for snap, row in self._rows():
            table = next(s for s in snap.schedules if s.table.line == self.plan.table.line)
            date = table.days[row]
            assert date is not None, "an edited session keeps a date"
            found.append(read_session(table, row, date))
        return tuple(found)

    @cached_property
    def candidates(self) -> tuple[Candidate, ...]:
        """The candidates the plan changed, as they are now (a removed one: as it was)."""
        found = []
        for snap, row in self._rows():
            table = next(t for t in snap.tables if t.line == self.plan.table.line)
            line = table.row_line(row)
            found.append(next(c for c in snap.candidates if c.line == line))
        return tuple(found)


def _edit(
    decide: Callable[Concatenate[HasSnapshot, P], Plan], read: Callable[[Applied], R]
) -> Callable[Concatenate[Document, P], R]:
    """A Document method from an operation of mdstudy.edits: decide, apply, read back.

    The parameters are declared once, on the operation; mypy carries them over (ParamSpec).
    """

    def method(self: Document, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return read(self.apply(decide(self, *args, **kwargs)))

    name = getattr(decide, "__name__", "edit")
    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"mdstudy.edits.{name}, applied; returns what it changed, read back."
    return method


def _session(done: Applied) -> Session:
    return done.sessions[0]


def _two_sessions(done: Applied) -> tuple[Session, Session]:
    first, second = done.sessions
    return first, second


def _candidate(done: Applied) -> Candidate:
    return done.candidates[0]


class _LazyModule:
    """`edits.assign` before mdstudy.edits is loaded: a function that loads it on first
    call. `check` imports this module on every commit and must not pay for the edits."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(import_module(self._name), attr)(*args, **kwargs)

        call.__name__ = attr
        return call


if not TYPE_CHECKING:
    edits = _LazyModule("mdstudy.edits")


class Document:
    """A README: `dumps()` gives its text back, byte for byte, until an edit changes it.

    It holds the current Snapshot (text and views); an edit replaces the snapshot.
    """

    def __init__(
        self,
        source: Source,
        *,
        path: StrPath | None = None,
        year: int | None = None,
        config: Config | None = None,
        name: str | None = None,
    ):
        self._file = os.fspath(path) if path is not None else None
        self._name = name  # what messages call a document without a path (`<stdin>`)
        self.snapshot = Snapshot(source, self._file or name or "<text>", year, config)
        # What the file held when read, to detect outside changes: the Source, not its
        # joined text (an 11 MB README would be held twice until the save).
        self.original = source

    @property
    def path(self) -> Path | None:
        """The file the document was read from (None for text)."""
        from pathlib import Path  # kept off `check`'s start-up, which reads no path

        return Path(self._file) if self._file is not None else None

    # --- the current snapshot's views ---------------------------------------------

    @property
    def source(self) -> Source:
        return self.snapshot.source

    @property
    def name(self) -> str:
        return self.snapshot.name

    @property
    def year_option(self) -> int | None:
        return self.snapshot.year_option

    @property
    def config(self) -> Config | None:
        return self.snapshot.config

    @property
    def tables(self) -> list[Table]:
        return self.snapshot.tables

    @property
    def lines(self) -> list[str]:
        return self.snapshot.lines

    @property
    def study(self) -> Study:
        return self.snapshot.study

    @property
    def study_facts(self) -> StudyFacts:
        return self.snapshot.study_facts

    @property
    def reading(self) -> Reading:
        return self.snapshot.reading

    @property
    def schedules(self) -> list[ScheduleTable]:
        return self.snapshot.schedules

    @property
    def schedule_table(self) -> Table | None:
        return self.snapshot.schedule_table

    @property
    def candidate_table(self) -> Table | None:
        return self.snapshot.candidate_table

    @property
    def sessions(self) -> list[Session]:
        return self.snapshot.sessions

    @property
    def candidates(self) -> list[Candidate]:
        return self.snapshot.candidates

    def require_schedule(self) -> list[ScheduleTable]:
        return self.snapshot.require_schedule()

    def __repr__(self) -> str:
        try:
            counts = f"{len(self.sessions)} sessions, {len(self.candidates)} candidates"
        except MdStudyError as err:  # a repr never raises: say why the sessions are unknown
            counts = f"sessions unreadable: {err}"
        return f"<Document {self.name}: {counts}>"

    def with_source(self, source: Source) -> Document:
        """Another text of the same README: its path, year and settings."""
        return Document(
            source, path=self._file, year=self.year_option, config=self.config, name=self._name
        )

    def dumps(self) -> str:
        return self.source.text()

    def save(self, path: StrPath | None = None) -> None:
        """Write the text back atomically; refused if the file changed since it was read."""
        from mdstudy.save import write_atomic

        target = os.fspath(path) if path is not None else self._file
        if target is None:
            raise MdStudyError("no file to save to: give a path")
        expected = self.original.text() if target == self._file else None
        write_atomic(target, self.dumps(), expected=expected)
        self.original = self.source

    def replace_source(self, source: Source) -> None:
        """Take new text (after an edit): a new snapshot, the old one's views left with it."""
        self.snapshot = self.snapshot.with_source(source)

    def check(self) -> list[Finding]:
        """The findings `mdstudy check` reports for this README, its `[check]` settings honoured."""
        from mdstudy.check import check_document, settings_for

        return check_document(self, settings_for(self.config), self.name)

    # --- edits: the one mutator, and the operations of mdstudy.edits through it ----

    def apply(self, plan: Plan) -> Applied:
        """Write a plan of mdstudy.edits into the text; the result reads back what it
        changed only when asked."""
        from mdstudy import render

        before = self.snapshot
        self.snapshot = before.with_source(render.apply(before.source, plan))
        return Applied(plan, before, self.snapshot)

    # Each returns what it changed, read back from the edited text (a removal: the
    # record as it was). WHEN is `5/24`, `2023-05-24`, `5/24#2`, `L42`, `next` or a date.
    # Parameters and documentation: the functions of the same name in mdstudy.edits.
    assign = _edit(edits.assign, _session)
    unassign = _edit(edits.unassign, _session)
    swap = _edit(edits.swap, _two_sessions)
    move = _edit(edits.move, _session)
    add_session = _edit(edits.add_session, _session)
    remove_session = _edit(edits.remove_session, _session)
    add_candidate = _edit(edits.add_candidate, _candidate)
    remove_candidate = _edit(edits.remove_candidate, _candidate)
    find_candidate = edits.find_candidate


def loads(
    text: str,
    *,
    year: int | None = None,
    config: Config | None = None,
    name: str | None = None,
) -> Document:
    """A document from text; `loads(t).dumps() == t` for every text. `name` is what
    messages call it (`<stdin>`)."""
    return _document(Source.from_text(text), year, config, name=name)


def load(path: StrPath, *, year: int | None = None) -> Document:
    """A document from a UTF-8 file; unreadable input raises MdStudyError with one clear line.

    `.mdstudy.toml` beside it, if any, is read and checked (config.py): its `[columns]`
    map roles to header texts, its `year` is taken when `year` is not given.
    """
    text = read_text(path)
    return _document(Source.from_text(text), year, config_beside(path), path=path)


def config_beside(readme: StrPath) -> Config | None:
    """The `.mdstudy.toml` beside a README, read and checked; None when there is none
    (config.py is loaded only when there is a file to read)."""
    settings = config_path(readme)
    if not os.path.isfile(settings):
        return None
    from mdstudy.config import read_config

    return read_config(settings)


def _document(
    source: Source,
    year: int | None,
    config: Config | None,
    *,
    path: StrPath | None = None,
    name: str | None = None,
) -> Document:
    """A document with its settings, where `year` (the caller's) wins over the file's."""
    if config is not None:
        config = config.with_options(year=year)
        year = config.year
    return Document(source, path=path, year=year, config=config, name=name)
