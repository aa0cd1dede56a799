"""Timed exports read back by three parsers, every instant checked against zoneinfo.

The oracle is not our own reading: icalendar, vobject (which applies the file's
VTIMEZONE) and Mozilla's ical.js (Thunderbird's parser, which applies it too)
must each find every DTSTART and DTEND at the instant zoneinfo gives for the
session's local time (`fold=0`: before a gap, the first of a repeated hour, as
RFC 5545 §3.3.5 reads them). Sessions are put on each transition day of the
zone, the days around it, New Year, and over more than two years; times run
through the small hours where the gaps and overlaps are.

ical.js comes from the npm registry (pinned and hashed in tests/ics_js/package-lock.json)
and is installed once into the venv; all exports go through one Node process. Without
Node or npm the ical.js part is skipped, except under CI=true, where it fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

import mdstudy
from mdstudy import ics
from mdstudy.config import Config

UTC = dt.timezone.utc
STAMP = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
JS_DIR = Path(__file__).parent / "ics_js"
ICALJS_VERSION = json.loads((JS_DIR / "package.json").read_text())["dependencies"]["ical.js"]
ZONES = (
    "Asia/Seoul",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",  # DST of 30 minutes
    "America/Sao_Paulo",  # DST until 2019, none since
    "UTC",
)
# (start, length): the small hours hold every zone's gaps and overlaps (Sao Paulo's
# at midnight, Lord Howe's half hours); long sessions run across the changes.
CASES = [(time, "90m") for time in ("00:30", "01:00", "01:30", "01:45", "02:00", "02:30")]
CASES += [("03:00", "25m"), ("19:00", "90m"), ("23:30", "5h"), ("00:45", "3h")]
FIRST, LAST = dt.date(2018, 12, 24), dt.date(2021, 1, 8)  # > 2 years, Sao Paulo's last DST


# --- inputs: the days that matter in each zone -------------------------------------


def transition_days(zone: ZoneInfo, first: dt.date, last: dt.date) -> list[dt.date]:
    """Days whose local midnight and next local midnight have different UTC offsets."""
    days = []
    day = first
    while day <= last:
        today = dt.datetime.combine(day, dt.time(), tzinfo=zone).utcoffset()
        tomorrow = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        if today != tomorrow.utcoffset():
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def session_days(zone_name: str) -> list[dt.date]:
    zone = ZoneInfo(zone_name)
    days = {FIRST, LAST}
    for year in range(FIRST.year, LAST.year + 1):
        days |= {dt.date(year, 12, 31), dt.date(year, 1, 1), dt.date(year, 7, 1)}
    for day in transition_days(zone, FIRST, LAST):
        days |= {day + dt.timedelta(days=k) for k in (-1, 0, 1)}
    return sorted(d for d in days if FIRST <= d <= LAST)


def readme(folder: Path, days: list[dt.date]) -> Path:
    rows = [f"{day.isoformat()} | P{i} | Talk {i} | - | - | -" for i, day in enumerate(days)]
    text = "\n".join(
        ["# Zone Study", "", "When | Who | What | Links | Issue # | Etc.", "-|-|-|-|-|-"]
    )
    path = folder / "README.md"
    path.write_text(text + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[Export]:
    """Every zone × (start, length), exported to a file."""
    root = tmp_path_factory.mktemp("exports")
    found = []
    for zone in ZONES:
        folder = root / zone.replace("/", "_")
        folder.mkdir()
        days = session_days(zone)
        doc = mdstudy.load(readme(folder, days))
        assert [s.date for s in doc.sessions] == days
        for time, duration in CASES:
            options = {"time": time, "timezone": zone, "duration": duration}
            settings = ics.resolve_settings(Config().with_options(**options))
            data = ics.build_calendar(doc, settings, stamp=STAMP)
            path = folder / f"{time.replace(':', '')}-{duration}.ics"
            path.write_bytes(data)
            found.append(Export(zone, time, duration, days, path, data))
    return found


class Export:
    def __init__(
        self, zone: str, time: str, duration: str, days: list[dt.date], path: Path, data: bytes
    ) -> None:
        self.zone, self.time, self.duration, self.days = zone, time, duration, days
        self.path, self.data = path, data

    def expected(self) -> list[tuple[int, int]]:
        """(start, end) of every session in Unix seconds, as zoneinfo reads the local time.

        The end is the start plus the length in elapsed time, across a change too.
        """
        hour, minute = map(int, self.time.split(":"))
        length = ics.resolve_settings(Config().with_options(duration=self.duration)).duration
        found = []
        for day in self.days:
            start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(self.zone))
            found.append((int(start.timestamp()), int(start.timestamp() + length.total_seconds())))
        return found

    def __repr__(self) -> str:
        return f"{self.zone} {self.time} {self.duration}"


def seconds(moment: dt.datetime) -> int:
    assert moment.tzinfo is not None, moment  # never a floating time
    return int(moment.timestamp())


def mismatches(export: Export, found: list[tuple[int, int]]) -> list[str]:
    expected = export.expected()
    assert len(found) == len(expected), export
    return [
        f"{export} {day}: expected {want}, read {got}"
        for day, want, got in zip(export.days, expected, found, strict=True)
        if want != got
    ]


# --- the parsers ---------------------------------------------------------------------


def test_icalendar_reads_every_instant(exports: list[Export]) -> None:
    wrong = []
    for export in exports:
        events = icalendar.Calendar.from_ical(export.data).walk("VEVENT")
        found = [(seconds(e.decoded("DTSTART")), seconds(e.decoded("DTEND"))) for e in events]
        wrong += mismatches(export, found)
    assert wrong == []


def vobject_read(data: bytes) -> Any:
    """The calendar as vobject reads it on its own.

    vobject keeps the first VTIMEZONE it meets for a TZID for the rest of the
    process; forgotten here, so that each file is read with its own.
    """
    registry = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [key for key in registry if key != "UTC"]:
        del registry[tzid]
    return vobject.readOne(data.decode("utf-8"))


def test_vobject_reads_every_instant(exports: list[Export]) -> None:
    wrong = []
    for export in exports:
        calendar = vobject_read(export.data)
        found = [
            (seconds(e.dtstart.value), seconds(e.dtend.value))
            for e in calendar.contents.get("vevent", [])
        ]
        wrong += mismatches(export, found)
    assert wrong == []


def test_icaljs_reads_every_instant(exports: list[Export], icaljs: Path) -> None:
    done = subprocess.run(
        ["node", str(JS_DIR / "read_events.mjs"), str(icaljs)],
        input=json.dumps([str(e.path) for e in exports]),
        capture_output=True,
        text=True,
        check=True,
    )
    wrong = []
    for export, events in zip(exports, json.loads(done.stdout), strict=True):
        # A TZID ical.js did not resolve would read as a floating time.
        zones = {zone for event in events for zone in event[3:5]}
        assert zones <= {export.zone, "UTC", "Z"}, (export, zones)
        wrong += mismatches(export, [(event[1], event[2]) for event in events])
    assert wrong == []


def test_the_cases_are_there(exports: list[Export]) -> None:
    """The exports do hold the edge cases: times in gaps and overlaps, in UTC and local."""
    in_utc = re.compile(rb"^DT(?:START|END):\d{8}T\d{6}Z\r$", re.M)
    utc_written = sum(len(in_utc.findall(e.data)) for e in exports if e.zone != "UTC")
    local_written = sum(e.data.count(b";TZID=") for e in exports)
    assert utc_written > 30 and local_written > 1_000
    new_york = [e for e in exports if e.zone == "America/New_York"]
    assert any(b"DTSTART:20200308T073000Z\r\n" in e.data for e in new_york)  # 02:30, the gap
    assert any(b"DTSTART:20201101T053000Z\r\n" in e.data for e in new_york)  # first 01:30
    assert len(exports) == len(ZONES) * len(CASES)
    assert all(max(e.days) - min(e.days) > dt.timedelta(days=2 * 366) for e in exports)


def test_vtimezone_is_one_observance_per_transition(exports: list[Export]) -> None:
    for export in exports:
        assert b"RDATE" not in export.data and b"RRULE" not in export.data
        assert b"COMMENT" not in export.data
        if export.zone == "UTC":
            assert b"BEGIN:VTIMEZONE" not in export.data and b"TZID" not in export.data
        elif export.zone == "Asia/Seoul":  # no change since 1988: one observance
            assert export.data.count(b"BEGIN:STANDARD") == 1
            assert b"BEGIN:DAYLIGHT" not in export.data
    london = next(e for e in exports if e.zone == "Europe/London")
    # 2018 to 2022 (the year after the last session): two changes a year, and the start.
    assert london.data.count(b"BEGIN:DAYLIGHT") == 5 and london.data.count(b"BEGIN:STANDARD") == 6
    assert b"DTSTART:20200329T010000\r\nTZNAME:BST\r\nTZOFFSETFROM:+0000\r\n" in london.data
    assert b"DTSTART:20201025T020000\r\nTZNAME:GMT\r\nTZOFFSETFROM:+0100\r\n" in london.data


def test_all_day_exports_read_as_dates(tmp_path: Path, icaljs: Path) -> None:
    days = [dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 3, 9)]
    path = tmp_path / "all-day.ics"
    settings = ics.resolve_settings(Config().with_options(timezone="America/New_York"))
    path.write_bytes(
        ics.build_calendar(mdstudy.load(readme(tmp_path, days)), settings, stamp=STAMP)
    )
    done = subprocess.run(
        ["node", str(JS_DIR / "read_events.mjs"), str(icaljs)],
        input=json.dumps([str(path)]),
        capture_output=True,
        text=True,
        check=True,
    )
    (events,) = json.loads(done.stdout)
    assert [(e[3], e[5], e[6]) for e in events] == [
        ("date", day.isoformat(), (day + dt.timedelta(days=1)).isoformat()) for day in days
    ]


def test_icaljs_check_catches_the_old_vtimezone(
    tmp_path: Path, icaljs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check has teeth: icalendar's own VTIMEZONE (RDATE lists) reads an hour off."""

    def from_tzinfo(name: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
        return icalendar.Timezone.from_tzinfo(
            ZoneInfo(name), tzid=name, first_date=dt.date(first.year, 1, 1),
            last_date=dt.date(last.year + 2, 1, 1),
        )  # fmt: skip

    days = [dt.date(2023, 5, 3), dt.date(2023, 11, 8)]
    doc = mdstudy.load(readme(tmp_path, days))
    settings = ics.resolve_settings(
        Config().with_options(time="19:00", timezone="America/New_York")
    )
    monkeypatch.setattr(ics, "vtimezone", from_tzinfo)
    path = tmp_path / "old.ics"
    path.write_bytes(ics.build_calendar(doc, settings, stamp=STAMP))
    assert b"RDATE" in path.read_bytes() or b"COMMENT" in path.read_bytes()
    done = subprocess.run(
        ["node", str(JS_DIR / "read_events.mjs"), str(icaljs)],
        input=json.dumps([str(path)]),
        capture_output=True,
        text=True,
        check=True,
    )
    (events,) = json.loads(done.stdout)
    export = Export("America/New_York", "19:00", "1h", days, path, path.read_bytes())
    assert mismatches(export, [(event[1], event[2]) for event in events]) != []


# --- ical.js, installed once -------------------------------------------------------------


@pytest.fixture(scope="session")
def icaljs() -> Iterator[Path]:
    """The path of ical.js's ES module, installed from npm into the venv on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        missing = "node" if node is None else "npm"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} is not installed: the ical.js cross-check cannot run on CI")
        pytest.skip(f"{missing} is not installed (Node.js is needed to read back with ical.js)")
    cache = Path(sys.prefix) / "mdstudy-test-js" / f"ical.js-{ICALJS_VERSION}"
    module = cache / "node_modules" / "ical.js" / "dist" / "ical.js"
    if not module.exists():
        staging = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(JS_DIR / name, staging / name)
        subprocess.run(  # exactly the locked version, checked against its hash
            [npm, "ci", "--prefix", str(staging), "--no-audit", "--no-fund", "--silent"],
            check=True,
            capture_output=True,
        )
        try:
            staging.rename(cache)  # all or nothing: a second run finds it whole
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # another run installed it first
    assert module.exists(), module
    yield module
