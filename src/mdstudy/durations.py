"""Clock times (HH:MM) and durations (90m, 1h30m, 1:30) as people type them in options."""

from __future__ import annotations

import datetime as dt
import re

from mdstudy.errors import MdStudyError

_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})", re.ASCII)
_UNITS = re.compile(r"(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?", re.IGNORECASE | re.ASCII)
_COLON = re.compile(r"(?P<h>\d+):(?P<m>\d{2})", re.ASCII)

DEFAULT_DURATION = dt.timedelta(hours=1)  # of a session, when nothing says otherwise
DURATION_FORMS = "like 90m, 1h30m, 2h or 1:30"
MAX_MINUTES = 24 * 60


def parse_clock(text: str, *, what: str = "time") -> dt.time:
    """'19:00' or '7:30' as a time of day; anything else is an error naming `what`."""
    m = _CLOCK.fullmatch(text.strip())
    if not m or int(m["h"]) > 23 or int(m["m"]) > 59:
        raise MdStudyError(f"{what}: {text!r} is not a time of day (HH:MM, 00:00 to 23:59)")
    return dt.time(int(m["h"]), int(m["m"]))


def parse_duration(text: str, *, what: str = "duration") -> dt.timedelta:
    """'90m', '1h30m', '2h' or '1:30' as a positive timedelta; anything else is an error."""
    cleaned = text.strip()
    if cleaned.startswith("-"):
        raise MdStudyError(f"{what}: {text!r} is negative; a session needs a positive length")
    minutes = _minutes(cleaned)
    if minutes is None:
        raise MdStudyError(f"{what}: {text!r} is not a duration ({DURATION_FORMS})")
    if minutes == 0:
        raise MdStudyError(f"{what}: {text!r} is zero; a session needs a positive length")
    if minutes > MAX_MINUTES:
        # Longer than a day is a typo (or an all-day session: leave the time out).
        raise MdStudyError(f"{what}: {text!r} is longer than 24 hours")
    return dt.timedelta(minutes=minutes)


def _minutes(text: str) -> int | None:
    m = _COLON.fullmatch(text)
    if m:
        return None if int(m["m"]) > 59 else int(m["h"]) * 60 + int(m["m"])
    m = _UNITS.fullmatch(text)
    if not m or not (m["h"] or m["m"]):  # the pattern also matches "", which is no duration
        return None
    return int(m["h"] or 0) * 60 + int(m["m"] or 0)


def format_duration(length: dt.timedelta) -> str:
    """The canonical spelling parse_duration reads back ('1h30m', '45m', '2h')."""
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")
