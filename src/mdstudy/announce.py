"""`mdstudy next`: the next sessions as an announcement (text, Markdown, JSON or a template).

Text out, no printing here. A session is next when it is on or after today and not
cancelled, with or without a presenter.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Mapping, Sequence
from typing import Any

from mdstudy.errors import MdStudyError
from mdstudy.model import Session

FORMATS = ("text", "markdown", "json")
TEMPLATE_FIELDS = (
    "date", "weekday", "presenter", "title", "links", "issue", "issue_url", "note",
)  # fmt: skip
UNASSIGNED = "not yet assigned"


def upcoming(sessions: Sequence[Session], today: dt.date, count: int) -> list[Session]:
    """The first `count` sessions on or after `today` that are not cancelled, by date."""
    ahead = [s for s in sessions if s.date >= today and not s.cancelled]
    return sorted(ahead, key=lambda s: (s.date, s.line))[:count]


def issue_url(session: Session, repo: str | None) -> str | None:
    if session.issue is None or repo is None:
        return None
    return f"https://github.com/{repo}/issues/{session.issue}"


def as_text(sessions: Sequence[Session]) -> str:
    """One line per session: weekday, ISO date, presenter, title, issue, links."""
    lines = []
    for s in sessions:
        parts = [f"{s.date:%a} {s.date.isoformat()}", s.presenter or f"({UNASSIGNED})"]
        if s.title:
            parts.append(s.title)
        if s.issue is not None:
            parts.append(f"#{s.issue}")
        parts.extend(s.links)
        if s.note:
            parts.append(f"({s.note})")
        lines.append("  ".join(parts))
    return "".join(f"{line}\n" for line in lines)


def _escape(text: str) -> str:
    """Text for Markdown: characters that would start markup are escaped."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>|#" else c for c in text)


def as_markdown(sessions: Sequence[Session], repo: str | None) -> str:
    """A short announcement block per session."""
    blocks = []
    for s in sessions:
        lines = [f"**{s.date:%A}, {s.date:%B} {s.date.day}, {s.date.year}**", ""]
        lines.append(f"- Presenter: {_escape(s.presenter) if s.presenter else UNASSIGNED}")
        if s.title:
            title = _escape(s.title)
            lines.append(f"- Topic: [{title}](<{s.links[0]}>)" if s.links else f"- Topic: {title}")
        for link in s.links[1:]:
            lines.append(f"- Link: <{link}>")
        url = issue_url(s, repo)
        if s.issue is not None:
            lines.append(f"- Issue: [#{s.issue}]({url})" if url else f"- Issue: #{s.issue}")
        if s.time:
            lines.append(f"- Time: {s.time:%H:%M}")
        if s.place:
            lines.append(f"- Place: {_escape(s.place)}")
        if s.note:
            lines.append(f"- Note: {_escape(s.note)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def as_json(sessions: Sequence[Session], today: dt.date, repo: str | None) -> str:
    from mdstudy.show import record_dict

    data = {
        "today": today.isoformat(),
        "sessions": [
            {**record_dict(s), "weekday": f"{s.date:%A}", "issue_url": issue_url(s, repo)}
            for s in sessions
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _Strict(string.Formatter):
    """str.format with named fields only: no attribute or index look-ups, no positional ones."""

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if field_name not in kwargs:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise MdStudyError(f"--template: unknown field {{{field_name}}}; use {known}")
        return kwargs[field_name], field_name


def template_values(session: Session, repo: str | None) -> dict[str, Any]:
    return {
        "date": session.date,
        "weekday": f"{session.date:%A}",
        "presenter": session.presenter or UNASSIGNED,
        "title": session.title or "",
        "links": " ".join(session.links),
        "issue": "" if session.issue is None else f"#{session.issue}",
        "issue_url": issue_url(session, repo) or "",
        "note": session.note or "",
    }


def as_template(sessions: Sequence[Session], template: str, repo: str | None) -> str:
    """Each session through `template` (`{date:%m/%d}`, `{presenter}`, ...), one per line."""
    text = template.replace("\\n", "\n")
    out = []
    for s in sessions:
        try:
            out.append(_Strict().vformat(text, (), template_values(s, repo)))
        except (ValueError, IndexError) as err:
            raise MdStudyError(f"--template: {template!r}: {err}") from None
    return "".join(f"{line}\n" for line in out)
