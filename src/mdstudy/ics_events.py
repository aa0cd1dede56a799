"""What each session's VEVENT says: values decided here, spelled by `ics_lines` (or icalendar).

The seam between deciding and writing: `event_for` turns a Session into a
`CalendarEvent` of semantic values (text unescaped, times as aware datetimes);
two writers spell it, icalendar's component tree (`ics.session_event`, the
reference) and the direct line writer (`ics_lines.event_bytes`, the fast one),
and a test holds them byte for byte.

- Times: the session's own time (a time in the date cell or a time column) over
  the calendar's `--time`; with a time zone, a timed event of `--duration`,
  else an all-day one. A date range (`end`) is a multi-day all-day event. A
  start or end that the zone skips or repeats is written in UTC (see
  `ics_timezone`), as are all times of a zone that is UTC+0 throughout.
- A cancelled session keeps its event, with STATUS:CANCELLED, so that a
  subscribed calendar shows it struck through instead of losing it.
- The place of the session (`Place`/`Location`/`장소` column) over `--location`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from mdstudy.ics_timezone import UTC, needs_utc
from mdstudy.model import Session
from mdstudy.values import is_web_url

if TYPE_CHECKING:
    from mdstudy.ics import IcsSettings

TBD = "TBD"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT's values, in the order they are written."""

    summary: str
    start: dt.date | dt.datetime  # a date (all-day), or aware: UTC or the calendar's zone
    end: dt.date | dt.datetime
    stamp: dt.datetime  # UTC; also LAST-MODIFIED, and SEQUENCE in minutes
    uid: str
    description: str
    location: str | None = None
    url: str | None = None
    cancelled: bool = False

    @property
    def sequence(self) -> int:
        """Grows whenever the README changes: minutes since the epoch of the stamp."""
        return int(self.stamp.timestamp()) // 60


@dataclass(frozen=True)
class Clock:
    """How timed events are placed: the zone, and whether its times are written in UTC."""

    zone: ZoneInfo
    in_utc: bool  # UTC+0 throughout the calendar's span: every time with 'Z', no VTIMEZONE


def event_for(
    session: Session,
    settings: IcsSettings,
    *,
    uid: str,
    stamp: dt.datetime,
    repo: str | None,
    clock: Clock | None,
) -> CalendarEvent:
    presenter = plain(session.presenter) if session.presenter else None
    title = plain(session.title) if session.title else None
    issue_url = (
        f"https://github.com/{repo}/issues/{session.issue}"
        if repo and session.issue is not None
        else None
    )
    start, end = event_times(session, settings, clock)
    place = session.place or settings.location
    url = next((link for link in session.links if is_web_url(link)), None) or issue_url
    return CalendarEvent(
        summary=summary(title, presenter),
        start=start,
        end=end,
        stamp=stamp,
        uid=uid,
        description=description(session, title, presenter, issue_url),
        location=clean_text(place) if place else None,
        url=ascii_url(url) if url else None,
        cancelled=session.cancelled,
    )


def event_times(
    session: Session, settings: IcsSettings, clock: Clock | None
) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """Start and end: a timed event in the clock's zone, else all-day (a range: several days)."""
    time = session.time or settings.time
    if session.end is not None and session.end > session.date:
        return session.date, session.end + ONE_DAY
    if time is None or clock is None:
        return session.date, session.date + ONE_DAY
    start = dt.datetime.combine(session.date, time, tzinfo=clock.zone)
    # Add the length in absolute time: a session crossing a DST change keeps its length.
    start_utc = start.astimezone(UTC)
    end_utc = start_utc + settings.duration
    if clock.in_utc:
        return start_utc, end_utc
    end = end_utc.astimezone(clock.zone)
    return (
        start_utc if needs_utc(start) else start,
        end_utc if needs_utc(end) else end,
    )


def summary(title: str | None, presenter: str | None) -> str:
    if title:
        return f"{title} — {presenter or TBD}"
    return presenter or TBD


def description(
    session: Session, title: str | None, presenter: str | None, issue_url: str | None
) -> str:
    """Who, what, links, issue and note, one a line; a `<br>` in a cell is a line break here."""
    lines = [f"Presenter: {presenter or TBD}"]
    if title and session.title:
        lines.append(f"Title: {plain(session.title, line_break=True)}")
    lines.extend(f"Link: {clean_text(link)}" for link in session.links)
    if session.issue is not None:
        lines.append(f"Issue: {issue_url or f'#{session.issue}'}")
    if session.note:
        lines.append(f"Note: {plain(session.note, line_break=True)}")
    return "\n".join(lines)


# Characters a URI may not hold as they are (RFC 3986): outside printable ASCII.
_NOT_URI = re.compile(r"[^\x21-\x7e]+")


def ascii_url(url: str) -> str:
    """The URL as RFC 3986 spells it: an IDN host in punycode, other non-ASCII percent-encoded."""
    if url.isascii() and not _NOT_URI.search(url):
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = quote(host, safe="")
        parts = parts._replace(netloc=parts.netloc.replace(host, ascii_host))
    return _NOT_URI.sub(lambda m: quote(m[0], safe=""), urlunsplit(parts))


# --- cell text to plain text ---------------------------------------------------

_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]*)>", re.IGNORECASE)
_BREAK = re.compile(r"[ \t]*<br\s*/?>[ \t]*", re.IGNORECASE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Control characters have no place in iCalendar text (RFC 5545 TSAFE-CHAR);
# CR and LF are turned into escaped newlines by icalendar, tabs are allowed.
_MARKS = re.compile(r"[\[<*_`\\]")  # one of them starts every pattern above
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(cell: str, *, line_break: bool = False) -> str:
    """A cell's Markdown as the text a reader sees: link texts, no emphasis or code marks.

    A `<br>` is a space, or with `line_break` a line break (for DESCRIPTION).
    """
    if not _MARKS.search(cell):
        return clean_text(cell.strip())  # no markup: the common case
    text = _MD_LINK.sub(r"\1", cell)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BREAK.sub("\n" if line_break else " ", text)
    text = _STRONG.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return clean_text(text.strip())


def clean_text(text: str) -> str:
    return _CONTROL.sub("", text)
