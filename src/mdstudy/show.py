"""`mdstudy show`: the model as a terminal table, JSON or CSV (text out, no printing here)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import Any

from mdstudy.document import Document
from mdstudy.model import Candidate, Session, Study

SESSION_FIELDS = ("date", "presenter", "title", "links", "issue", "note", "line")
CANDIDATE_FIELDS = ("title", "links", "keyword", "line")
TABLES = ("sessions", "candidates")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat() if isinstance(value, dt.date) else value


def record_dict(record: Study | Session | Candidate) -> dict[str, Any]:
    """A record as JSON-ready data, fields named as in the Python API (plain values only:
    a session's `cells`, the Markdown as written, stay in the API)."""
    data = dataclasses.asdict(record)
    data.pop("cells", None)
    return {key: _plain(value) for key, value in data.items()}


def _records(doc: Document, table: str) -> list[Session] | list[Candidate]:
    return doc.sessions if table == "sessions" else doc.candidates


def _fields(table: str) -> tuple[str, ...]:
    return SESSION_FIELDS if table == "sessions" else CANDIDATE_FIELDS


def as_json(doc: Document, tables: tuple[str, ...] = TABLES) -> str:
    data: dict[str, Any] = {"study": record_dict(doc.study)}
    for table in tables:
        data[table] = [record_dict(record) for record in _records(doc, table)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell_text(value: Any, separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return separator.join(value)
    return str(_plain(value))


def as_csv(doc: Document, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = _fields(table)
    writer.writerow(fields)
    for record in _records(doc, table):
        writer.writerow([_cell_text(getattr(record, name), " ") for name in fields])
    return out.getvalue()


def as_table(doc: Document, table: str) -> str:
    """A terminal table; tabulate measures display width, so Hangul columns line up."""
    import tabulate  # only `show` needs it: keep it off the start-up path of other commands

    tabulate.WIDE_CHARS_MODE = True
    fields = [name for name in _fields(table) if name != "line"]
    rows = [
        [_cell_text(getattr(record, name), "\n") for name in fields]
        for record in _records(doc, table)
    ]
    text: str = tabulate.tabulate(rows, headers=fields, tablefmt="simple")
    return text + "\n"
