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

from icalendar import vText

from mdstudy.ics_events import CalendarEvent

_LIMIT = 75  # icalendar folds a line before it would reach 75 octets


def fold(line: str) -> str:
    """The content line folded as icalendar folds it (RFC 5545 §3.1), CRLF + space."""
    if len(line) < _LIMIT and line.isascii():
        return line  # the common case: short and one octet per character
    parts: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= _LIMIT:
            # Like icalendar: a backslash (or ^) escape is never split from what it escapes.
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, count = [carried], 1
            else:
                parts.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def text(value: str) -> str:
    """A TEXT value escaped (`\\` `;` `,` and line breaks) by icalendar itself."""
    escaped: bytes = vText(value).to_ical()
    return escaped.decode("utf-8")


def _datetime(moment: dt.datetime) -> str:
    return (
        f"{moment.year:04}{moment.month:02}{moment.day:02}"
        f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    )


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
    stamp = _datetime(event.stamp) + "Z"
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
    return ("\r\n".join(map(fold, event_lines(event))) + "\r\n").encode("utf-8")
