"""A zone's VTIMEZONE as every calendar parser reads it, and times written so they mean one instant.

RFC 5545 §3.6.5 lets a VTIMEZONE describe a zone with recurrence rules and
RDATE lists; parsers differ in what they make of them (ical.js drops the
DTSTART onset when an RDATE is present, vobject keeps only the first RDATE).
So this module writes the plainest form: one STANDARD or DAYLIGHT component
per transition the zone makes over the calendar's span, each with the
transition's instant as DTSTART, written in the local time *before* the change
(TZOFFSETFROM's), and no RDATE or RRULE. The transitions come from zoneinfo
(the system's tz database, else the tzdata package).

A local time that the zone skips (the spring gap) or repeats (the autumn
overlap) is read differently by different parsers, so such times are written
in UTC instead (`needs_utc`). The instant meant is zoneinfo's `fold=0` one,
which is also RFC 5545's (§3.3.5: the offset before a gap; the first of two).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

UTC = dt.timezone.utc
# Scan step: shorter than any stretch of one offset in the tz database since 1970
# (the shortest: Boa Vista's week of DST in October 2000); a change found in a
# step is then bisected to the second.
_STEP = dt.timedelta(days=2)
_ZERO = dt.timedelta(0)


@dataclass(frozen=True)
class Observance:
    """A stretch of one offset: from `start` (a UTC instant) on, `offset`, named `name`."""

    start: dt.datetime
    offset_from: dt.timedelta
    offset: dt.timedelta
    dst: bool
    name: str


def _state(zone: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, bool, str]:
    local = instant.astimezone(zone)
    offset = local.utcoffset()
    assert offset is not None
    return offset, bool(local.dst()), local.tzname() or _offset_name(offset)


def _offset_name(offset: dt.timedelta) -> str:
    sign = "-" if offset < _ZERO else "+"
    minutes = abs(offset) // dt.timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def observances(zone: ZoneInfo, first: dt.datetime, last: dt.datetime) -> list[Observance]:
    """The offset in effect at `first`, then every change up to `last` (UTC instants)."""
    state = _state(zone, first)
    found = [Observance(first, state[0], state[0], state[1], state[2])]
    moment = first
    while moment < last:
        step = min(_STEP, last - moment)
        after = _state(zone, moment + step)
        if after != state:
            # Bisect to the second: state at `low`, the new one at `high`.
            low, high = moment, moment + step
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if middle <= low:
                    break
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            new = _state(zone, high)
            found.append(Observance(high, state[0], new[0], new[1], new[2]))
            state, moment = new, high
        else:
            moment += step
    return found


def window(zone: ZoneInfo, first_year: int, last_year: int) -> tuple[dt.datetime, dt.datetime]:
    """Whole calendar years around the sessions' (as UTC instants from the zone's midnights).

    Whole years, so that adding a session in a year the calendar already covers
    leaves the VTIMEZONE as it was; one more year at the end so that an event that
    runs past New Year's Eve is covered too.
    """
    start = dt.datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = dt.datetime(min(last_year + 2, dt.MAXYEAR), 1, 1, tzinfo=zone).astimezone(UTC)
    return start, end


@lru_cache(maxsize=8)
def zone_observances(zone: ZoneInfo, first_year: int, last_year: int) -> tuple[Observance, ...]:
    """The observances over the window of whole years (computed once per export)."""
    return tuple(observances(zone, *window(zone, first_year, last_year)))


def is_fixed_utc(zone: ZoneInfo, first: dt.date, last: dt.date) -> bool:
    """Whether the zone is UTC+0 with no change over the calendar's span (times then use 'Z')."""
    stretches = zone_observances(zone, first.year, last.year)
    return len(stretches) == 1 and stretches[0].offset == _ZERO


def vtimezone(name: str, first: dt.date, last: dt.date) -> Timezone:
    """The VTIMEZONE of zone `name` covering the sessions from `first` to `last`."""
    zone = ZoneInfo(name)
    timezone = Timezone()
    timezone.add("tzid", name)
    for stretch in zone_observances(zone, first.year, last.year):
        part = TimezoneDaylight() if stretch.dst else TimezoneStandard()
        # The onset in the local time of the offset in effect before it (§3.6.5).
        onset = (stretch.start + stretch.offset_from).replace(tzinfo=None)
        part.add("dtstart", onset)
        part.add("tzname", stretch.name)
        part.add("tzoffsetfrom", stretch.offset_from)
        part.add("tzoffsetto", stretch.offset)
        timezone.add_component(part)
    return timezone


def needs_utc(moment: dt.datetime) -> bool:
    """Whether the zoned local time is skipped or repeated by its zone (then write it in UTC)."""
    return moment.utcoffset() != moment.replace(fold=1 - moment.fold).utcoffset()
