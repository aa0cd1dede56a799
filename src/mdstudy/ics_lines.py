"""A VEVENT's lines written directly, byte for byte as icalendar's component tree writes them.

Building an icalendar `Event` per session and serialising the tree costs most
of the export's time and memory at thousands of rows (every property becomes
an object with its parameters, and `to_ical` walks it all), yet a VEVENT here
always has the same few properties. So this module spells them itself: text
values escaped by icalendar's `vText`, dates and times in the forms icalendar
writes, lines folded as icalendar folds them (before the 75th octet, never
inside a character or right after a backslash). `ics.session_event` builds the
same event as a component tree; the tests hold the two to the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from icalendar import vText

from mdstudy.ics_events import CalendarEvent

_LIMIT = 74  # icalendar folds a line before it would reach 75 octets: at most 74 a part
_ESCAPED = re.compile(r"[\\;,\r\n]")  # the characters TEXT escaping changes


def fold(line: str) -> str:
    """The content line folded as icalendar folds it (RFC 5545 §3.1), CRLF + space."""
    return fold_bytes(line.encode("utf-8")).decode("utf-8")


def fold_bytes(line: bytes) -> bytes:
    """`fold` on the UTF-8 bytes: parts of at most 74 octets, cut between characters.

    Like icalendar, a part never ends in a backslash or a caret (they escape what
    follows): that character starts the next part instead.
    """
    if len(line) <= _LIMIT:
        return line
    parts = []
    start, size = 0, len(line)
    while size - start > _LIMIT:
        cut = start + _LIMIT
        while line[cut] & 0xC0 == 0x80:  # inside a multi-byte character: cut before it
            cut -= 1
        if line[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return b"\r\n ".join(parts)


def text(value: str) -> str:
    """A TEXT value escaped (`\\` `;` `,` and line breaks) by icalendar's `vText`."""
    if not _ESCAPED.search(value):
        return value  # nothing to escape (the common case, and 20 times faster)
    escaped: bytes = vText(value).to_ical()
    return escaped.decode("utf-8")


def _datetime(moment: dt.datetime) -> str:
    return (
        f"{moment.year:04}{moment.month:02}{moment.day:02}"
        f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    )


@lru_cache(maxsize=4)
def _utc_stamp(moment: dt.datetime) -> str:
    return _datetime(moment) + "Z"  # one stamp for all the calendar's events: written once


def date_or_time(name: str, value: dt.date | dt.datetime) -> str:
    """DTSTART/DTEND: a DATE, a UTC time with 'Z', or a local time with its zone's TZID."""
    if not isinstance(value, dt.datetime):
        return f"{name};VALUE=DATE:{value.year:04}{value.month:02}{value.day:02}"
    if value.tzinfo is dt.timezone.utc:
        return f"{name}:{_datetime(value)}Z"
    return f"{name};TZID={value.tzinfo}:{_datetime(value)}"


def event_lines(event: CalendarEvent) -> list[str]:
    """The VEVENT's content lines, unfolded, in icalendar's order.

    icalendar writes an event's properties in its canonical order (SUMMARY,
    DTSTART, DTEND, DTSTAMP, UID, SEQUENCE), then the others alphabetically.
    """
    stamp = _utc_stamp(event.stamp)
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + text(event.summary),
        date_or_time("DTSTART", event.start),
        date_or_time("DTEND", event.end),
        "DTSTAMP:" + stamp,
        "UID:" + text(event.uid),
        f"SEQUENCE:{event.sequence}",
        "DESCRIPTION:" + text(event.description),
        "LAST-MODIFIED:" + stamp,
    ]
    if event.location is not None:
        lines.append("LOCATION:" + text(event.location))
    if event.cancelled:
        lines.append("STATUS:CANCELLED")
    if event.url is not None:
        lines.append("URL:" + event.url)
    lines.append("END:VEVENT")
    return lines


def event_bytes(event: CalendarEvent) -> bytes:
    """The VEVENT as it goes into the file: folded lines, each ending in CRLF."""
    lines = [fold_bytes(line.encode("utf-8")) for line in event_lines(event)]
    lines.append(b"")
    return b"\r\n".join(lines)
