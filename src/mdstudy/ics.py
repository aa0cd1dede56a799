"""The study's sessions as an iCalendar (RFC 5545) file that calendar apps import or subscribe to.

Built with the icalendar package, which does the escaping (`,` `;` `\\` and
newlines in text) and the folding of long lines at 75 octets; this module
decides what goes in. Only the `ics` command imports it.

Stable output, so that re-imports update events instead of duplicating them
and two runs give the same bytes:

- UID: a hash of the study's identity and the session's date. The identity is
  the GitHub repository (OWNER/NAME, case-folded) when known, else the study's
  title, else the README's folder. A session keeps its UID when other sessions
  are edited, added or removed; moving it to another date makes it a new event
  (the old one disappears from a subscribed calendar). Two sessions on one day
  are told apart by their order on that day.
- DTSTAMP: SOURCE_DATE_EPOCH when set, else the README's modification time (UTC).
- Events in date order, properties always added in the same order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from mdstudy import __version__
from mdstudy.document import Document
from mdstudy.durations import parse_clock, parse_duration
from mdstudy.errors import MdStudyError
from mdstudy.model import Session
from mdstudy.repo import parse_repo
from mdstudy.values import is_web_url

PRODID = f"-//mdstudy//mdstudy {__version__}//EN"
UID_DOMAIN = "mdstudy"
DEFAULT_DURATION = dt.timedelta(hours=1)
TBD = "TBD"
# The settings `.mdstudy.toml` may hold for this command, and their option names.
SETTING_KEYS = ("time", "duration", "timezone", "location", "repo")


@dataclass(frozen=True)
class IcsSettings:
    """What the calendar needs beyond the README; every field is already checked."""

    time: dt.time | None = None
    duration: dt.timedelta = DEFAULT_DURATION
    timezone: str | None = None
    location: str | None = None
    repo: str | None = None
    assigned_only: bool = False


def resolve_settings(
    options: Mapping[str, str | None],
    config: Mapping[str, Any],
    *,
    config_name: str = ".mdstudy.toml",
    assigned_only: bool = False,
) -> IcsSettings:
    """Command-line options over `.mdstudy.toml` settings over defaults, each value checked."""
    raw: dict[str, tuple[str, str]] = {}  # key -> (value, where it came from, for errors)
    for key in SETTING_KEYS:
        if options.get(key) is not None:
            raw[key] = (str(options[key]), f"--{_option_name(key)}")
        elif key in config:
            raw[key] = (_config_text(config[key], key, config_name), f"{config_name}: {key}")
    time = parse_clock(raw["time"][0], what=raw["time"][1]) if "time" in raw else None
    duration = (
        parse_duration(raw["duration"][0], what=raw["duration"][1])
        if "duration" in raw
        else DEFAULT_DURATION
    )
    timezone = _check_zone(*raw["timezone"]) if "timezone" in raw else None
    if time is not None and timezone is None:
        raise MdStudyError(
            f"{raw['time'][1]}: a start time needs a time zone "
            f"(pass --tz Area/City, e.g. --tz Asia/Seoul, or set timezone in {config_name})"
        )
    location = (raw["location"][0].strip() or None) if "location" in raw else None
    repo = parse_repo(raw["repo"][0], what=raw["repo"][1]) if "repo" in raw else None
    return IcsSettings(time, duration, timezone, location, repo, assigned_only)


def config_year(config: Mapping[str, Any], config_name: str = ".mdstudy.toml") -> int | None:
    """The `year` setting (for dates written without one), checked like --year."""
    if "year" not in config:
        return None
    year = config["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise MdStudyError(f"{config_name}: year: expected a year such as 2023, got {year!r}")
    return year


def _option_name(key: str) -> str:
    return "tz" if key == "timezone" else key


def _config_text(value: Any, key: str, config_name: str) -> str:
    """A config value as the text an option would hold (TOML times and minute counts allowed)."""
    if isinstance(value, str):
        return value
    if key == "time" and isinstance(value, dt.time) and value.tzinfo is None:
        return value.strftime("%H:%M")
    if key == "duration" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value}m"  # a bare number in the config file means minutes
    raise MdStudyError(f"{config_name}: {key}: expected text, got {value!r}")


def _check_zone(name: str, where: str) -> str:
    try:
        ZoneInfo(name)
    # ValueError: not even a well-formed key; OSError: a folder of zones such as "Asia".
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise MdStudyError(
            f"{where}: unknown time zone {name!r} (use an IANA name such as Asia/Seoul)"
        ) from None
    return name


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
    key = f"{identity}\n{date.isoformat()}" + (f"\n{index_on_day}" if index_on_day else "")
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


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
    repo = settings.repo or repo
    identity = study_identity(doc, repo)
    sessions = [s for s in doc.sessions if s.presenter or not settings.assigned_only]
    title = plain(doc.study.title) if doc.study.title else (repo or "Study schedule")

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    if settings.timezone:
        calendar.add("x-wr-timezone", settings.timezone)

    events = []
    seen_on_day: dict[dt.date, int] = {}
    for session in sessions:  # UIDs follow the README's order of sessions on one day
        index_on_day = seen_on_day.get(session.date, 0)
        seen_on_day[session.date] = index_on_day + 1
        uid = event_uid(identity, session.date, index_on_day)
        events.append(session_event(session, settings, uid=uid, stamp=stamp, repo=repo))
    # sorted() is stable: sessions on one day keep the README's order.
    order = sorted(range(len(sessions)), key=lambda i: sessions[i].date)

    for i in order:
        calendar.add_component(events[i])
    # A VTIMEZONE for every TZID the events use (none for UTC, written with 'Z'),
    # placed before the events, as calendar apps expect.
    for name in sorted(calendar.get_used_tzids(), reverse=True):
        calendar.subcomponents.insert(0, vtimezone(name, [s.date for s in sessions]))
    data: bytes = calendar.to_ical()
    return data


def vtimezone(name: str, dates: list[dt.date]) -> Timezone:
    """The zone's rules over whole calendar years around the sessions.

    Whole years, so that every event, including one that ends after midnight on
    New Year's Eve, falls inside the VTIMEZONE's span, and adding a session in the
    same year leaves the VTIMEZONE as it was.
    """
    return Timezone.from_tzinfo(
        ZoneInfo(name),
        tzid=name,
        first_date=dt.date(min(dates).year, 1, 1),
        last_date=dt.date(max(dates).year + 2, 1, 1),
    )


def session_event(
    session: Session,
    settings: IcsSettings,
    *,
    uid: str,
    stamp: dt.datetime,
    repo: str | None,
) -> Event:
    presenter = plain(session.presenter) if session.presenter else None
    title = plain(session.title) if session.title else None
    issue_url = (
        f"https://github.com/{repo}/issues/{session.issue}"
        if repo and session.issue is not None
        else None
    )
    event = Event()
    event.add("summary", summary(title, presenter))
    if settings.time is not None and settings.timezone:
        start = dt.datetime.combine(session.date, settings.time, tzinfo=ZoneInfo(settings.timezone))
        # Add the length in absolute time: a session crossing a DST change keeps its length.
        end = (start.astimezone(dt.timezone.utc) + settings.duration).astimezone(start.tzinfo)
        if end.fold and end.replace(fold=0).utcoffset() != end.utcoffset():
            # The second 02:30 of a night the clocks go back cannot be written with
            # a TZID (readers take the first one): write that end in UTC instead.
            end = end.astimezone(dt.timezone.utc)
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", session.date)
        event.add("dtend", session.date + dt.timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("uid", uid)
    event.add("description", description(session, title, presenter, issue_url))
    if settings.location:
        event.add("location", clean_text(settings.location))
    url = next((link for link in session.links if is_web_url(link)), None) or issue_url
    if url:
        event.add("url", url)
    return event


def summary(title: str | None, presenter: str | None) -> str:
    if title:
        return f"{title} — {presenter or TBD}"
    return presenter or TBD


def description(
    session: Session, title: str | None, presenter: str | None, issue_url: str | None
) -> str:
    lines = [f"Presenter: {presenter or TBD}"]
    if title:
        lines.append(f"Title: {title}")
    lines.extend(f"Link: {clean_text(link)}" for link in session.links)
    if session.issue is not None:
        lines.append(f"Issue: {issue_url or f'#{session.issue}'}")
    if session.note:
        lines.append(f"Note: {plain(session.note)}")
    return "\n".join(lines)


# --- cell text to plain text ---------------------------------------------------

_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]*)>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Control characters have no place in iCalendar text (RFC 5545 TSAFE-CHAR);
# CR and LF are turned into escaped newlines by icalendar, tabs are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(cell: str) -> str:
    """A cell's Markdown as the text a reader sees: link texts, no emphasis or code marks."""
    text = _MD_LINK.sub(r"\1", cell)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BREAK.sub(" ", text)
    text = _STRONG.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return clean_text(text.strip())


def clean_text(text: str) -> str:
    return _CONTROL.sub("", text)
