"""`mdstudy show`: the model as a terminal table, Markdown, JSON or CSV (text out, no printing).

The terminal table and the Markdown table show what a person reads: one line per
record, links joined on that line, columns that are empty in every row left out.
JSON and CSV keep every field, for scripts.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from mdstudy.document import Document
from mdstudy.model import Candidate, Session, Study
from mdstudy.textgrid import Column, clean, lay_out, shorten_links

SESSION_FIELDS = ("date", "presenter", "title", "links", "issue", "note", "line")
CANDIDATE_FIELDS = ("title", "links", "keyword", "line")
# One CSV for both lists: the union of their fields after a `kind` column.
BOTH_FIELDS = ("kind", "date", "presenter", "title", "links", "issue", "note", "keyword", "line")
TABLES = ("sessions", "candidates")
CANCELLED = "(cancelled)"

# What a row's line is, for the command line to style: past sessions dimmed, the next marked.
HEAD, PAST, NEXT, PLAIN = "head", "past", "next", ""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, (list, tuple)):
        return list(value)
    return value.isoformat() if isinstance(value, dt.date) else value


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(kind: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(
            f.name for f in dataclasses.fields(kind) if f.name != "cells"
        )
    return names


def record_dict(record: Study | Session | Candidate) -> dict[str, Any]:
    """A record as JSON-ready data, fields named and ordered as in the Python API (plain
    values only: a session's `cells`, the Markdown as written, stay in the API)."""
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


def tables_of(doc: Document, table: str | None) -> tuple[str, ...]:
    """The lists `--table` asks for: an error when the README lacks it (as `candidates
    list` says it); without `--table`, the schedule and the candidates if there are any."""
    if table == "candidates":
        if doc.candidate_table is None:
            from mdstudy.edits import require_candidate_table

            require_candidate_table(doc)
        return ("candidates",)
    doc.require_schedule()
    if table == "sessions" or doc.candidate_table is None:
        return ("sessions",)
    return TABLES


def _records(doc: Document, table: str) -> list[Session] | list[Candidate]:
    return doc.sessions if table == "sessions" else doc.candidates


def _fields(table: str) -> tuple[str, ...]:
    return SESSION_FIELDS if table == "sessions" else CANDIDATE_FIELDS


# --- JSON and CSV: every field ----------------------------------------------------


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


def as_csv_both(doc: Document, tables: tuple[str, ...] = TABLES) -> str:
    """One CSV for the lists: a `kind` column (session, candidate), then the union of
    their fields; a field the record does not have is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(BOTH_FIELDS)
    for table in tables:
        kind = table.removesuffix("s")
        for record in _records(doc, table):
            cells = [_cell_text(getattr(record, name, None), " ") for name in BOTH_FIELDS[1:]]
            writer.writerow([kind, *cells])
    return out.getvalue()


# --- what a person reads: the terminal table and Markdown ---------------------------

# Shortened first: the widest text gives way, titles keep twice the room of the others;
# when even short columns do not fit, links go first, the date never.
SESSION_COLUMNS = (
    Column("date"),
    Column("time", drop=5),
    Column("end", drop=4),
    Column("presenter", weight=1, drop=8),
    Column("title", weight=2, drop=7),
    Column("links", weight=1, drop=0, cut=shorten_links),
    Column("issue", drop=6, right=True),
    Column("place", weight=1, drop=3),
    Column("note", weight=1, drop=2),
)
CANDIDATE_COLUMNS = (
    Column("title", weight=2, drop=7),
    Column("links", weight=1, drop=0, cut=shorten_links),
    Column("keyword", weight=1, drop=2),
)


def _session_cells(s: Session) -> list[str]:
    presenter = CANCELLED if s.cancelled and not s.presenter else s.presenter
    return [
        s.date.isoformat(),
        s.time.isoformat(timespec="minutes") if s.time else "",
        s.end.isoformat() if s.end else "",
        presenter or "",
        s.title or "",
        " ".join(s.links),
        "" if s.issue is None else f"#{s.issue}",
        s.place or "",
        s.note or "",
    ]


def _candidate_cells(c: Candidate) -> list[str]:
    return [c.title, " ".join(c.links), c.keyword or ""]


def _view(doc: Document, table: str) -> tuple[Sequence[Column], list[list[str]]]:
    if table == "sessions":
        return SESSION_COLUMNS, [_session_cells(s) for s in doc.sessions]
    return CANDIDATE_COLUMNS, [_candidate_cells(c) for c in doc.candidates]


def _states(sessions: Sequence[Session], today: dt.date) -> list[str]:
    """Each session's line: past (before today), the next (as `mdstudy next` finds it), or plain."""
    from mdstudy.announce import upcoming

    coming = upcoming(sessions, today, 1)
    following = coming[0] if coming else None
    return [NEXT if s is following else PAST if s.date < today else PLAIN for s in sessions]


def table_lines(
    doc: Document, table: str, width: int | None = None, today: dt.date | None = None
) -> list[tuple[str, str]]:
    """The terminal table as (line, what it is) pairs: HEAD, PAST, NEXT or PLAIN. With a
    `width`, no line is wider (in display columns): long texts end in `…`."""
    columns, rows = _view(doc, table)
    lines = lay_out(columns, rows, width)
    if table == "sessions":
        states = _states(doc.sessions, today or dt.date.today())
    else:
        states = [PLAIN] * len(rows)
    return [(lines[0], HEAD), (lines[1], HEAD), *zip(lines[2:], states, strict=True)]


def as_table(
    doc: Document, table: str, width: int | None = None, today: dt.date | None = None
) -> str:
    return "".join(f"{line}\n" for line, _ in table_lines(doc, table, width, today))


# Markdown: every character that could start markup is escaped, `|` included.
_MARKUP = re.compile(r"[\\`*_\[\]<>|~&!]")
_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\\]*")


def _md_text(text: str) -> str:
    return _MARKUP.sub(lambda m: "\\" + m[0], clean(text))


def _md_links(text: str) -> str:
    """Each URL as an autolink (`<https://…>`); anything else as escaped text."""
    links = [
        f"<{url.replace('|', chr(92) + '|')}>" if _AUTOLINK.fullmatch(url) else _md_text(url)
        for url in text.split(" ")
    ]
    return " ".join(links)


def candidate_lines(doc: Document, keyword: str | None = None) -> list[str]:
    """`candidates list`: each candidate's title [keyword], then its links indented;
    only those whose keyword contains `keyword` (any case) when one is given."""
    wanted = (keyword or "").casefold()
    lines: list[str] = []
    for candidate in doc.candidates:
        if wanted and wanted not in (candidate.keyword or "").casefold():
            continue
        label = f" [{candidate.keyword}]" if candidate.keyword else ""
        lines.append(f"{candidate.title}{label}")
        lines.extend(f"    {link}" for link in candidate.links)
    return lines


def as_markdown(doc: Document, table: str) -> str:
    """A GitHub Markdown table of the list (for an issue or a chat); `|` in cells escaped."""
    columns, rows = _view(doc, table)
    used = [i for i in range(len(columns)) if any(row[i] for row in rows)] if rows else []
    used = used or list(range(len(columns)))
    links = [columns[i].name == "links" for i in used]
    lines = [
        "| " + " | ".join(columns[i].name for i in used) + " |",
        "| " + " | ".join("---:" if columns[i].right else "---" for i in used) + " |",
    ]
    for row in rows:
        cells = [
            (_md_links if link else _md_text)(row[i]) if row[i] else ""
            for i, link in zip(used, links, strict=True)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "".join(f"{line}\n" for line in lines)
