"""The VTIMEZONE's transitions against zoneinfo, hour by hour, in zones with odd histories."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mdstudy import ics_timezone
from mdstudy.ics_timezone import needs_utc, observances, window

CASES = [
    ("America/New_York", 2023, 2024),
    ("Australia/Lord_Howe", 2023, 2024),  # 30-minute DST
    ("America/Sao_Paulo", 2018, 2020),  # DST ended in 2019
    ("America/Boa_Vista", 1999, 2001),  # DST for one week in October 2000
    ("Africa/Casablanca", 2018, 2020),  # DST paused for Ramadan; then +01 all year
    ("Europe/Dublin", 2023, 2023),  # negative DST in the tz database's main form
    ("Pacific/Apia", 2011, 2012),  # skipped 30 December 2011 (−10 to +14)
    ("Antarctica/Troll", 2023, 2023),  # +00 and +02
    ("Asia/Seoul", 1987, 1989),  # the last DST, for the Olympics
]


def hourly(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """Every change of (offset, DST, name), found hour by hour: (first hour, new name)."""
    found = []
    previous = None
    moment = start
    while moment < end:
        local = moment.astimezone(zone)
        state = (local.utcoffset(), bool(local.dst()), local.tzname())
        if state != previous:
            found.append((moment, str(state[2])))
            previous = state
        moment += dt.timedelta(hours=1)
    return found


@pytest.mark.parametrize(("name", "first", "last"), CASES)
def test_observances_are_zoneinfos_transitions(name: str, first: int, last: int) -> None:
    zone = ZoneInfo(name)
    start, end = window(zone, first, last)
    found = observances(zone, start, end)
    expected = hourly(zone, start, end)
    # Each transition falls within the hour the hourly scan first sees it in.
    assert len(found) == len(expected)
    for stretch, (hour, tzname) in zip(found[1:], expected[1:], strict=True):
        assert hour - dt.timedelta(hours=1) < stretch.start <= hour
        assert stretch.name == tzname
        before = (stretch.start - dt.timedelta(seconds=1)).astimezone(zone)
        after = stretch.start.astimezone(zone)
        assert (stretch.offset_from, stretch.offset) == (before.utcoffset(), after.utcoffset())


def test_scan_step_is_shorter_than_any_offset_stretch() -> None:
    # Boa Vista's week of DST is the shortest since 1970; the step must not jump over it.
    assert dt.timedelta(days=7) > ics_timezone._STEP


def test_gap_and_overlap_times_are_flagged() -> None:
    new_york = ZoneInfo("America/New_York")
    assert needs_utc(dt.datetime(2025, 3, 9, 2, 30, tzinfo=new_york))  # skipped
    assert needs_utc(dt.datetime(2025, 11, 2, 1, 30, tzinfo=new_york))  # repeated
    assert not needs_utc(dt.datetime(2025, 3, 9, 3, 30, tzinfo=new_york))
    assert not needs_utc(dt.datetime(2025, 11, 2, 2, 30, tzinfo=new_york))
    assert not needs_utc(dt.datetime(2025, 11, 2, 1, 30, tzinfo=ZoneInfo("Asia/Seoul")))


def test_vtimezone_onsets_are_in_the_offset_before_the_change() -> None:
    data = ics_timezone.vtimezone("America/New_York", dt.date(2024, 5, 1), dt.date(2024, 6, 1))
    text = data.to_ical().decode()
    # 2024-03-10 07:00Z: 02:00 EST becomes 03:00 EDT; 2024-11-03 06:00Z: 02:00 EDT -> 01:00 EST.
    assert "DTSTART:20240310T020000\r\nTZNAME:EDT\r\nTZOFFSETFROM:-0500\r\n" in text
    assert "DTSTART:20241103T020000\r\nTZNAME:EST\r\nTZOFFSETFROM:-0400\r\n" in text
    assert "RDATE" not in text and "RRULE" not in text and "COMMENT" not in text
    assert text.count("BEGIN:DAYLIGHT") == 2 and text.count("BEGIN:STANDARD") == 3
