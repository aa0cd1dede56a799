"""The study's sessions as an iCalendar (RFC 5545) file that calendar apps import or subscribe to.

This module reads the settings and puts the calendar together; `ics_events`
decides what each event says, `ics_lines` writes its lines, `ics_timezone` the
VTIMEZONE. icalendar writes the calendar's header and VTIMEZONE and escapes
text; `component` builds an event as icalendar's tree, the reference the line
writer is tested against. Only the `ics` command imports these modules.

Stable output, so that re-imports update events instead of duplicating them
and two runs give the same bytes:

- UID: a hash of the study's identity and the session's key. The identity is
  the GitHub repository (OWNER/NAME, case-folded) when known, else the study's
  title, else the README's folder. The key is the session's issue number when
  it has one (so moving it to another date updates the event), else its date
  (moving it makes a new event, and the old one disappears from a subscribed
  calendar). Sessions on one key are told apart by their order in the README.
  A session keeps its UID when other sessions are edited, added or removed.
- DTSTAMP and LAST-MODIFIED: SOURCE_DATE_EPOCH when set, else the README's
  modification time (UTC); SEQUENCE: that time in minutes since the epoch, so
  it grows with every change of the README and apps that compare revisions
  (iTIP, RFC 5546) take the newer event.
- Events in date order, properties always in the same order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from mdstudy import __version__
from mdstudy.document import Document
from mdstudy.durations import DEFAULT_DURATION
from mdstudy.errors import MdStudyError
from mdstudy.ics_events import CalendarEvent, Clock, event_for, event_times, plain
from mdstudy.ics_lines import event_bytes
from mdstudy.ics_timezone import UTC, is_fixed_utc, vtimezone
from mdstudy.model import Session
from mdstudy.source import CONFIG_NAME

if TYPE_CHECKING:
    from mdstudy.config import Config

PRODID = f"-//mdstudy//mdstudy {__version__}//EN"
UID_DOMAIN = "mdstudy"


@dataclass(frozen=True)
class IcsSettings:
    """What the calendar needs beyond the README; every field is already checked."""

    time: dt.time | None = None
    duration: dt.timedelta = DEFAULT_DURATION
    timezone: str | None = None
    location: str | None = None
    repo: str | None = None
    assigned_only: bool = False
    skip_cancelled: bool = False


def resolve_settings(
    config: Config | None = None,
    *,
    assigned_only: bool = False,
    skip_cancelled: bool = False,
) -> IcsSettings:
    """The calendar's settings from a Config (the file's, command-line options merged in by
    `Config.with_options`); a start time needs a zone, whichever of the two gave it."""
    if config is None:
        return IcsSettings(assigned_only=assigned_only, skip_cancelled=skip_cancelled)
    if config.time is not None and config.timezone is None:
        raise MdStudyError(
            f"{config.where('time')}: a start time needs a time zone: set timezone in "
            f"{CONFIG_NAME} or pass timezone='Area/City' (e.g. Asia/Seoul)",
            hint="timezone='Area/City'",
        )
    return IcsSettings(
        config.time, config.duration, config.timezone, config.location, config.repo,
        assigned_only, skip_cancelled,
    )  # fmt: skip


def dtstamp(readme: Path, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The DTSTAMP of every event: SOURCE_DATE_EPOCH, else the README's mtime, in UTC."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not re.fullmatch(r"\d{1,12}", epoch):
            raise MdStudyError(f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds")
        seconds = int(epoch)
    else:
        try:
            seconds = int(readme.stat().st_mtime)
        except OSError as err:
            raise MdStudyError(f"{readme}: cannot read ({err.strerror})") from None
    try:
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (OverflowError, ValueError, OSError):
        raise MdStudyError(f"SOURCE_DATE_EPOCH: {epoch!r} is out of range") from None


def study_identity(doc: Document, repo: str | None) -> str:
    """What makes this study's UIDs its own (see the module docstring)."""
    if repo:
        return f"github:{repo.casefold()}"
    if doc.study.title:
        return f"title:{plain(doc.study.title)}"
    folder = doc.path.absolute().parent if doc.path else Path.cwd()
    return f"folder:{folder.name}"


def event_uid(identity: str, date: dt.date, index_on_day: int) -> str:
    """The UID of a session without an issue: its date, and its place among that day's."""
    key = f"{identity}\n{date.isoformat()}" + (f"\n{index_on_day}" if index_on_day else "")
    return _uid(key)


def issue_uid(identity: str, issue: int, index: int) -> str:
    """The UID of a session with an issue: the issue (and its place among the issue's sessions)."""
    return _uid(f"{identity}\nissue {issue}" + (f"\n{index}" if index else ""))


def _uid(key: str) -> str:
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def session_uids(identity: str, sessions: list[Session]) -> list[str]:
    """Each session's UID, in the README's order (which tells apart sessions on one key)."""
    seen_on_day: dict[dt.date, int] = {}
    seen_issue: dict[int, int] = {}
    uids = []
    for session in sessions:
        if session.issue is not None:
            index = seen_issue.get(session.issue, 0)
            seen_issue[session.issue] = index + 1
            uids.append(issue_uid(identity, session.issue, index))
        else:
            index = seen_on_day.get(session.date, 0)
            seen_on_day[session.date] = index + 1
            uids.append(event_uid(identity, session.date, index))
    return uids


def build_calendar(
    doc: Document,
    settings: IcsSettings,
    *,
    stamp: dt.datetime,
    repo: str | None = None,
) -> bytes:
    """The calendar's bytes: UTF-8, CRLF line ends, lines folded at 75 octets.

    `repo` is the repository to link issues to when settings give none (e.g. the
    git remote); it also feeds the UIDs.
    """
    chunks: list[bytes] = []
    write_calendar(doc, settings, chunks.append, stamp=stamp, repo=repo)
    return b"".join(chunks)


def write_calendar(
    doc: Document,
    settings: IcsSettings,
    write: Callable[[bytes], object],
    *,
    stamp: dt.datetime,
    repo: str | None = None,
    chunk_events: int = 256,
) -> None:
    """The calendar handed to `write` piece by piece (a few hundred events at a time)."""
    parts = calendar_parts(doc, settings, stamp=stamp, repo=repo)
    write(parts.header)
    batch: list[bytes] = []
    for event in parts.events:
        batch.append(event_bytes(event))
        if len(batch) >= chunk_events:
            write(b"".join(batch))
            batch.clear()
    write(b"".join(batch) + FOOTER)


FOOTER = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class CalendarParts:
    """The calendar as written: its header (properties and VTIMEZONE), then its events."""

    header: bytes
    events: Iterator[CalendarEvent]
    calendar: Calendar  # the header as a component tree, without the events


def calendar_parts(
    doc: Document, settings: IcsSettings, *, stamp: dt.datetime, repo: str | None = None
) -> CalendarParts:
    repo = settings.repo or repo
    identity = study_identity(doc, repo)
    sessions = [
        s
        for s in doc.sessions
        if (s.presenter or not settings.assigned_only)
        and not (s.cancelled and settings.skip_cancelled)
    ]
    title = plain(doc.study.title) if doc.study.title else (repo or "Study schedule")
    uids = session_uids(identity, sessions)  # before sorting: they follow the README's order
    clock = calendar_clock(sessions, settings)
    # sorted() is stable: sessions on one day keep the README's order.
    order = sorted(range(len(sessions)), key=lambda i: sessions[i].date)
    # Made one by one as they are written: a large calendar is never held whole.
    events = (
        event_for(sessions[i], settings, uid=uids[i], stamp=stamp, repo=repo, clock=clock)
        for i in order
    )

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    if settings.timezone:
        calendar.add("x-wr-timezone", settings.timezone)
    # How often subscribers should fetch the calendar again (RFC 7986, and Outlook's name).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    if clock is not None and any(uses_zone(event_times(s, settings, clock)) for s in sessions):
        # Before the events, as calendar apps expect; none when every time is in UTC.
        first, last = span(sessions)
        calendar.add_component(vtimezone(clock.zone.key, first, last))
    header: bytes = calendar.to_ical()
    assert header.endswith(FOOTER)
    return CalendarParts(header[: -len(FOOTER)], events, calendar)


REFRESH = dt.timedelta(hours=12)


def calendar_clock(sessions: list[Session], settings: IcsSettings) -> Clock | None:
    """The zone of timed events, when there is a zone and a session has a time."""
    if not settings.timezone or not sessions:
        return None
    if settings.time is None and not any(s.time for s in sessions):
        return None
    zone = ZoneInfo(settings.timezone)
    return Clock(zone, is_fixed_utc(zone, *span(sessions)))


def span(sessions: list[Session]) -> tuple[dt.date, dt.date]:
    """The first and the last day of the sessions (a range counts to its last day)."""
    first = min(s.date for s in sessions)
    last = max(max(s.date, s.end or s.date) for s in sessions)
    return first, last


def uses_zone(times: tuple[dt.date | dt.datetime, dt.date | dt.datetime]) -> bool:
    """Whether a start or end is written as a local time with the zone's TZID."""
    return any(isinstance(value, dt.datetime) and value.tzinfo is not UTC for value in times)


def session_event(
    session: Session,
    settings: IcsSettings,
    *,
    uid: str,
    stamp: dt.datetime,
    repo: str | None,
    clock: Clock | None = None,
) -> Event:
    """The session's VEVENT as an icalendar component (the reference for `ics_lines`)."""
    return component(event_for(session, settings, uid=uid, stamp=stamp, repo=repo, clock=clock))


def component(event: CalendarEvent) -> Event:
    """The event as icalendar's component tree (which puts the properties in its own order)."""
    vevent = Event()
    vevent.add("summary", event.summary)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("dtstamp", event.stamp)
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("description", event.description)
    vevent.add("last-modified", event.stamp)
    if event.location is not None:
        vevent.add("location", event.location)
    if event.cancelled:
        vevent.add("status", "CANCELLED")
    if event.url is not None:
        vevent.add("url", event.url)
    return vevent
