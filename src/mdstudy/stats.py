"""`mdstudy stats`: the term in numbers (text out, no printing here).

Sessions held, upcoming, cancelled and without a presenter; sessions per presenter;
candidates per keyword; which candidates a session has covered (by link, else by title).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from mdstudy.model import Candidate, Session

_EIGHTHS = " ▏▎▍▌▋▊▉"


class Presenter(NamedTuple):
    name: str
    dates: list[dt.date]


class Stats(NamedTuple):
    today: dt.date
    sessions: int
    held: int
    upcoming: int
    cancelled: int
    assigned: int
    unassigned: int
    presenters: list[Presenter]
    keywords: list[tuple[str | None, int]]
    presented: list[tuple[Candidate, Session]]
    left: list[Candidate]


def _url_key(url: str) -> str:
    return url.strip().rstrip("/").casefold()


def _covering(candidate: Candidate, sessions: Sequence[Session]) -> Session | None:
    """The first session that presents the candidate: a shared link, else the same title."""
    links = {_url_key(u) for u in candidate.links}
    for s in sessions:
        if links & {_url_key(u) for u in s.links}:
            return s
    title = candidate.title.strip().casefold()
    return next((s for s in sessions if s.title and s.title.strip().casefold() == title), None)


def compute(sessions: Sequence[Session], candidates: Sequence[Candidate], today: dt.date) -> Stats:
    held = [s for s in sessions if not s.cancelled]
    cancelled = len(sessions) - len(held)
    by_presenter: dict[str, list[dt.date]] = {}
    for s in held:
        if s.presenter is not None:
            for name in s.presenter.split("; "):
                by_presenter.setdefault(name, []).append(s.date)
    presenters = sorted(
        (Presenter(name, sorted(dates)) for name, dates in by_presenter.items()),
        key=lambda p: (-len(p.dates), p.dates[0], p.name),
    )
    keywords = Counter(c.keyword for c in candidates)
    presented, left = [], []
    for candidate in candidates:
        found = _covering(candidate, held)
        if found is None:
            left.append(candidate)
        else:
            presented.append((candidate, found))
    assigned = sum(1 for s in held if s.presenter is not None)
    return Stats(
        today=today,
        sessions=len(sessions),
        held=sum(1 for s in held if s.date < today),
        upcoming=sum(1 for s in held if s.date >= today),
        cancelled=cancelled,
        assigned=assigned,
        unassigned=len(held) - assigned,
        presenters=presenters,
        keywords=sorted(keywords.items(), key=lambda kv: (-kv[1], kv[0] or "")),
        presented=presented,
        left=left,
    )


def bar(count: int, most: int, room: int) -> str:
    """`count` of `most` as a bar of block characters at most `room` columns long."""
    if most <= 0 or room <= 0:
        return ""
    eighths = round(count * room * 8 / most)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")) or "▏"


def as_text(stats: Stats, columns: int = 80) -> str:
    from mdstudy.layout import width

    out = [
        f"Sessions: {stats.sessions} ({stats.held} held, {stats.upcoming} upcoming from "
        f"{stats.today.isoformat()}, {stats.cancelled} cancelled)",
        f"With a presenter: {stats.assigned}; without: {stats.unassigned}",
        "",
        "Sessions per presenter:",
    ]
    names = max((width(p.name) for p in stats.presenters), default=0)
    most = max((len(p.dates) for p in stats.presenters), default=0)
    digits = len(str(most))
    room = max(min(columns - names - digits - 8, 40), 4)
    for p in stats.presenters:
        pad = " " * (names - width(p.name))
        dates = ", ".join(d.isoformat() for d in p.dates)
        out.append(f"  {p.name}{pad}  {len(p.dates):>{digits}} {bar(len(p.dates), most, room)}")
        out.append(f"  {' ' * names}  {' ' * digits} {dates}")
    if not stats.presenters:
        out.append("  (none yet)")
    out += ["", "Candidates per keyword:"]
    for keyword, count in stats.keywords:
        out.append(f"  {keyword or '(no keyword)'}: {count}")
    total = len(stats.presented) + len(stats.left)
    out += ["", f"Candidates presented: {len(stats.presented)} of {total}"]
    for candidate, session in stats.presented:
        out.append(f"  {session.date.isoformat()}  {candidate.title}")
    out += ["", f"Candidates left: {len(stats.left)}"]
    out += [f"  {c.title}" for c in stats.left]
    return "\n".join(out) + "\n"


def as_json(stats: Stats) -> str:
    data: dict[str, Any] = {
        "today": stats.today.isoformat(),
        "sessions": {
            "total": stats.sessions,
            "held": stats.held,
            "upcoming": stats.upcoming,
            "cancelled": stats.cancelled,
            "assigned": stats.assigned,
            "unassigned": stats.unassigned,
        },
        "presenters": [
            {"name": p.name, "count": len(p.dates), "dates": [d.isoformat() for d in p.dates]}
            for p in stats.presenters
        ],
        "keywords": [{"keyword": k, "count": n} for k, n in stats.keywords],
        "candidates": {
            "presented": [
                {"title": c.title, "links": c.links, "date": s.date.isoformat(), "line": c.line}
                for c, s in stats.presented
            ],
            "left": [{"title": c.title, "links": c.links, "line": c.line} for c in stats.left],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
