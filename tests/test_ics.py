"""The iCalendar export, read back by icalendar and by vobject (an independent parser)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_docs import picks

import mdstudy
from mdstudy import ics
from mdstudy.config import Config, read_config
from mdstudy.durations import format_duration, parse_clock, parse_duration
from mdstudy.errors import MdStudyError
from mdstudy.inline import plain
from mdstudy.model import Session
from mdstudy.repo import from_remote_url, origin_repo, parse_repo

UTC = dt.timezone.utc
STAMP = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
SEED_DATES = [
    dt.date(2023, month, day)
    for month, day in (
        (5, 3), (5, 10), (5, 17), (5, 24), (5, 31), (6, 7), (6, 14),
        (6, 21), (6, 28), (7, 5), (7, 12), (7, 19), (7, 26),
    )
]  # fmt: skip
UNASSIGNED = {dt.date(2023, 5, 24), dt.date(2023, 7, 19), dt.date(2023, 7, 26)}


def calendar_of(path: Path = SEED, *, repo: str | None = None, **options: str | None) -> bytes:
    assigned_only = bool(options.pop("assigned_only", None))
    settings_ = ics.resolve_settings(Config().with_options(**options), assigned_only=assigned_only)
    return ics.build_calendar(mdstudy.load(path), settings_, stamp=STAMP, repo=repo)


def readme(tmp_path: Path, rows: list[str], title: str = "# Test Study 2024") -> Path:
    text = "\n".join(
        [title, "", "When | Who | What | Links | Issue # | Etc.", "-|-|-|-|-|-", *rows]
    )
    path = tmp_path / "README.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def icalendar_events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def vobject_events(data: bytes) -> list[Any]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return list(calendar.contents.get("vevent", []))


def instant(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """A start as a comparable value: UTC for date-times, the date itself for all-day events."""
    return value.astimezone(UTC) if isinstance(value, dt.datetime) else value


def both_parsers(data: bytes) -> list[tuple[str, dt.date | dt.datetime]]:
    """(UID, start) of every event, asserting icalendar and vobject read the same."""
    by_icalendar = [(str(e["UID"]), instant(e.decoded("DTSTART"))) for e in icalendar_events(data)]
    by_vobject = [(e.uid.value, instant(e.dtstart.value)) for e in vobject_events(data)]
    assert by_icalendar == by_vobject
    return by_icalendar


def raw_events(data: bytes) -> list[bytes]:
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.DOTALL)


# --- the figures of the issue, on the seed README ---------------------------------


def test_seed_with_time_zone_and_duration() -> None:
    data = calendar_of(time="19:00", timezone="Asia/Seoul", duration="90m")
    events = icalendar_events(data)
    assert len(events) == 13
    (may10,) = [e for e in events if e.decoded("DTSTART").date() == dt.date(2023, 5, 10)]
    assert may10.decoded("DTSTART").astimezone(UTC) == dt.datetime(2023, 5, 10, 10, tzinfo=UTC)
    assert may10.decoded("DTEND").astimezone(UTC) == dt.datetime(2023, 5, 10, 11, 30, tzinfo=UTC)
    (v_may10,) = [e for e in vobject_events(data) if e.uid.value == str(may10["UID"])]
    assert v_may10.dtstart.value.astimezone(UTC) == dt.datetime(2023, 5, 10, 10, tzinfo=UTC)
    assert v_may10.dtend.value.astimezone(UTC) == dt.datetime(2023, 5, 10, 11, 30, tzinfo=UTC)
    assert b"DTSTART;TZID=Asia/Seoul:20230510T190000\r\n" in data


def test_seed_assigned_only_has_ten_events() -> None:
    data = calendar_of(time="19:00", timezone="Asia/Seoul", duration="90m", assigned_only="yes")
    starts = [start for _, start in both_parsers(data)]
    assert len(starts) == 10
    assert {s.date() for s in starts} == set(SEED_DATES) - UNASSIGNED  # type: ignore[union-attr]


def test_seed_without_time_gives_thirteen_all_day_events() -> None:
    data = calendar_of()
    events = icalendar_events(data)
    assert [e.decoded("DTSTART") for e in events] == SEED_DATES
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is dt.date
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
    assert data.count(b"DTSTART;VALUE=DATE:") == 13
    assert b"TZID" not in data and b"X-WR-TIMEZONE" not in data


def test_calendar_properties() -> None:
    data = calendar_of(time="19:00", timezone="Asia/Seoul")
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    assert "mdstudy" in calendar["PRODID"] and mdstudy.__version__ in calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "2023 Efficient AI Study"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Seoul"
    assert vobject.readOne(data.decode()).x_wr_calname.value == "2023 Efficient AI Study"


def test_default_duration_is_one_hour() -> None:
    for event in icalendar_events(calendar_of(time="08:30", timezone="Europe/Berlin")):
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=1)
        assert event.decoded("DTSTART").astimezone(UTC).time() == dt.time(6, 30)  # CEST


def by_date(data: bytes) -> dict[dt.date, icalendar.Event]:
    events = icalendar_events(data)
    return {instant(e.decoded("DTSTART")): e for e in events}  # type: ignore[misc]


def test_summary_description_and_url() -> None:
    events = by_date(calendar_of(repo="Owner/Study"))
    lora = events[dt.date(2023, 6, 7)]
    assert lora["SUMMARY"] == "LoRA: Low-Rank Adaptation of Large Language Models — 전은주"
    assert lora["URL"] == "https://openreview.net/forum?id=nZeVKeeFYf9"
    assert lora["DESCRIPTION"].splitlines() == [
        "Presenter: 전은주",
        "Title: LoRA: Low-Rank Adaptation of Large Language Models",
        "Link: https://openreview.net/forum?id=nZeVKeeFYf9",
        "Issue: https://github.com/Owner/Study/issues/6",
    ]
    assert events[dt.date(2023, 6, 14)]["SUMMARY"] == "강병하"  # presenter, no title
    assert events[dt.date(2023, 5, 24)]["SUMMARY"] == "TBD"
    assert events[dt.date(2023, 5, 24)]["DESCRIPTION"] == "Presenter: TBD"
    assert "URL" not in events[dt.date(2023, 5, 24)]
    # No link: the issue is the URL. Two links: the first one.
    assert events[dt.date(2023, 5, 10)]["URL"] == "https://github.com/Owner/Study/issues/2"
    assert events[dt.date(2023, 7, 5)]["URL"] == "https://arxiv.org/abs/2101.03697"
    assert (
        "Link: https://arxiv.org/pdf/2212.01593.pdf" in events[dt.date(2023, 7, 5)]["DESCRIPTION"]
    )


def test_issue_is_a_number_without_a_repo(tmp_path: Path) -> None:
    events = by_date(calendar_of(readme(tmp_path, ["3/6 | Ann | Topic | - | #12 | bring snacks"])))
    event = events[dt.date(2024, 3, 6)]
    assert event["DESCRIPTION"].splitlines() == [
        "Presenter: Ann",
        "Title: Topic",
        "Issue: #12",
        "Note: bring snacks",
    ]
    assert "URL" not in event


def test_location_is_escaped_text() -> None:
    data = calendar_of(location="Room 1, Bldg; 2nd floor")
    assert b"LOCATION:Room 1\\, Bldg\\; 2nd floor\r\n" in data
    for event in vobject_events(data):
        assert event.location.value == "Room 1, Bldg; 2nd floor"


def test_markdown_in_cells_becomes_plain_text(tmp_path: Path) -> None:
    path = readme(tmp_path, ["3/6 | **Ann** | [The paper](https://x.org/p) \\| part 2 | - | - | -"])
    event = by_date(calendar_of(path))[dt.date(2024, 3, 6)]
    assert event["SUMMARY"] == "The paper | part 2 — Ann"


# --- both parsers agree; time zones -------------------------------------------------

ZONE_CASES = {
    # zone: (rows, time, expected UTC starts), worked out by hand from the zone's rules
    "Europe/Berlin": (
        ["3/20 | A | x | - | - | -", "4/3 | B | y | - | - | -", "10/30 | C | z | - | - | -"],
        "19:00",
        [(3, 20, 18, 0), (4, 3, 17, 0), (10, 30, 18, 0)],  # CET, CEST, CET again
    ),
    "America/New_York": (
        ["3/8 | A | x | - | - | -", "3/11 | B | y | - | - | -", "11/4 | C | z | - | - | -"],
        "18:30",
        [(3, 8, 23, 30), (3, 11, 22, 30), (11, 4, 23, 30)],  # DST began 3/10, ended 11/3
    ),
    "Asia/Kolkata": (["1/2 | A | x | - | - | -"], "09:00", [(1, 2, 3, 30)]),
    "UTC": (["6/1 | A | x | - | - | -"], "12:00", [(6, 1, 12, 0)]),
}


@pytest.mark.parametrize("zone", sorted(ZONE_CASES))
def test_parsers_agree_across_time_zones(tmp_path: Path, zone: str) -> None:
    rows, time, expected = ZONE_CASES[zone]
    data = calendar_of(readme(tmp_path, rows), time=time, timezone=zone)
    starts = [start for _, start in both_parsers(data)]
    assert starts == [dt.datetime(2024, m, d, h, mi, tzinfo=UTC) for m, d, h, mi in expected]


def tzids(data: bytes) -> tuple[set[str], set[str]]:
    """TZIDs used by properties, and TZIDs defined by VTIMEZONE components."""
    unfolded = data.replace(b"\r\n ", b"").decode()
    used = set(re.findall(r"^[A-Z-]+;(?:[^:]*;)?TZID=([^;:]+)", unfolded, re.M))
    defined = set(re.findall(r"^TZID:(.*)\r$", unfolded, re.M))
    return used, defined


@pytest.mark.parametrize("zone", ["Asia/Seoul", "Europe/Berlin", "America/New_York"])
def test_every_tzid_used_has_its_vtimezone(zone: str) -> None:
    used, defined = tzids(calendar_of(time="19:00", timezone=zone))
    assert used == {zone} == defined


def test_utc_needs_no_vtimezone(tmp_path: Path) -> None:
    data = calendar_of(readme(tmp_path, ["6/1 | A | x | - | - | -"]), time="12:00", timezone="UTC")
    assert b"DTSTART:20240601T120000Z\r\n" in data
    assert tzids(data) == (set(), set())


def test_vtimezone_rules_match_the_zone_over_the_sessions(tmp_path: Path) -> None:
    # A schedule running over New Year and across both DST changes of the year.
    rows = [f"{m}/{d} | A | x | - | - | -" for m, d in ((3, 1), (3, 31), (10, 26), (10, 27))]
    rows += ["12/31 | B | y | - | - | -", "2025-01-08 | C | z | - | - | -"]
    data = calendar_of(
        readme(tmp_path, rows), time="23:30", timezone="Europe/Berlin", duration="2h"
    )
    calendar = vobject.readOne(data.decode())
    from_file = calendar.vtimezone.gettzinfo()  # the rules as written in the file
    zone = ZoneInfo("Europe/Berlin")
    for event in calendar.vevent_list:
        for moment in (event.dtstart.value, event.dtend.value):
            local = moment.replace(tzinfo=None)
            assert from_file.utcoffset(local) == zone.utcoffset(local), local
    assert both_parsers(data)[-1][1] == dt.datetime(2025, 1, 8, 22, 30, tzinfo=UTC)


def test_a_session_across_a_dst_change_keeps_its_length(tmp_path: Path) -> None:
    # 2024-10-27 in Berlin: 03:00 CEST becomes 02:00 CET; 2024-03-31: 02:00 CET becomes 03:00.
    rows = ["3/30 | B | Spring talk | - | - | -", "10/26 | A | Night talk | - | - | -"]
    data = calendar_of(
        readme(tmp_path, rows), time="23:00", timezone="Europe/Berlin", duration="4h"
    )
    expected = [
        (dt.datetime(2024, 3, 30, 22, tzinfo=UTC), dt.datetime(2024, 3, 31, 2, tzinfo=UTC)),
        (dt.datetime(2024, 10, 26, 21, tzinfo=UTC), dt.datetime(2024, 10, 27, 1, tzinfo=UTC)),
    ]
    by_icalendar = [
        (e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC))
        for e in icalendar_events(data)
    ]
    by_vobject = [
        (e.dtstart.value.astimezone(UTC), e.dtend.value.astimezone(UTC))
        for e in vobject_events(data)
    ]
    assert by_icalendar == by_vobject == expected


# --- escaping: no cell can inject a property or an event ---------------------------

INJECTIONS = [
    r"\r\nEND:VEVENT",
    r"evil\nBEGIN:VEVENT\nUID:x",
    "semi; colon: comma, done",
    "END:VEVENT",
    "\\,\\;\\\\",
]


@pytest.mark.parametrize("cell", INJECTIONS)
def test_cell_text_stays_inside_its_property(tmp_path: Path, cell: str) -> None:
    path = readme(tmp_path, [f"3/6 | Ann | {cell} | - | - | {cell}", "3/13 | Bob | b | - | - | -"])
    data = calendar_of(path)
    assert len(raw_events(data)) == 2
    for events in (icalendar_events(data), vobject_events(data)):
        assert len(events) == 2
    expected_title = mdstudy.load(path).sessions[0].title
    # the README holds it as written; the reader gives what GitHub shows (escapes resolved)
    assert expected_title is not None and plain(cell) in expected_title
    (event,) = [e for e in vobject_events(data) if e.summary.value.endswith("— Ann")]
    summary_text = event.summary.value.removesuffix(" — Ann")
    # Markdown backslash escapes of punctuation read as the punctuation itself.
    assert summary_text == re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", cell)
    assert event.description.value.splitlines()[-1] == f"Note: {summary_text}"


def one_event(title: str, location: str | None = None) -> bytes:
    session = Session(date=dt.date(2024, 3, 6), presenter=None, title=title)
    event = ics.session_event(
        session, ics.IcsSettings(location=location), uid="u@test", stamp=STAMP, repo=None
    )
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//test//EN")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


# Text with real line breaks, iCalendar delimiters and lines that look like properties:
# up to 12 pieces, each one of the tokens or, as likely, a text of up to 8 of the characters.
HOSTILE_TOKENS = [
    "\r\n",
    "\n",
    "\r",
    "END:VEVENT",
    "BEGIN:VCALENDAR",
    "UID:x",
    ";",
    ",",
    ":",
    "\t",
    " ",
]
HOSTILE_CHARS = "abc가나다é;,:=\"' "
# The pieces in one draw: a token, or the length (0 to 8) of a text; 99 of each.
_PIECES: list[str | int] = [*HOSTILE_TOKENS * 9, *list(range(9)) * 11]


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    pieces = draw(picks(_PIECES, 0, 12))
    lengths = [piece for piece in pieces if isinstance(piece, int)]
    # every text piece's characters in a second draw, cut to the pieces' lengths
    chars = iter(draw(st.text(HOSTILE_CHARS, min_size=sum(lengths), max_size=sum(lengths))))
    return "".join(
        piece if isinstance(piece, str) else "".join(islice(chars, piece)) for piece in pieces
    )


hostile_text = hostile_texts()


@settings(derandomize=True, deadline=None, max_examples=200)
@given(title=hostile_text, location=hostile_text)
def test_hostile_text_never_leaves_its_property(title: str, location: str) -> None:
    data = one_event(title, location or None)
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 1
    assert sum(line.startswith(b"UID:") for line in lines) == 1
    expected = re.sub(r"\r\n?", "\n", title.strip()) + " — TBD" if title.strip() else "TBD"
    (by_icalendar,) = icalendar_events(data)
    (by_vobject,) = vobject_events(data)
    assert str(by_icalendar["SUMMARY"]) == expected
    assert by_vobject.summary.value == expected
    assert by_vobject.uid.value == "u@test"
    if location and location.strip():
        assert by_vobject.location.value == re.sub(r"\r\n?", "\n", location)


# --- byte format ---------------------------------------------------------------------


def long_readme(tmp_path: Path) -> Path:
    hangul = "효율적인 거대 언어 모델 추론을 위한 양자화와 가지치기 기법에 대한 종합적인 연구 " * 3
    return readme(
        tmp_path,
        [
            f"3/6 | 김태수 | {hangul} | https://example.org/{'a' * 120} | #1 | {'x' * 200}",
            f"3/13 | B | {'é' * 101} | - | - | {'😀' * 40}",
        ],
    )


def test_lines_are_folded_at_75_octets_without_splitting_characters(tmp_path: Path) -> None:
    data = calendar_of(long_readme(tmp_path), time="19:00", timezone="Asia/Seoul")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert any(line.startswith(b" ") for line in lines)  # something was long enough to fold
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never falls inside a multi-byte character
    # Unfolded, the long values are whole again.
    (event, _) = vobject_events(data)
    assert event.summary.value.startswith("효율적인 거대 언어 모델 추론을")
    assert event.url.value == f"https://example.org/{'a' * 120}"


def test_every_line_ends_in_crlf(tmp_path: Path) -> None:
    for path in (SEED, long_readme(tmp_path)):
        data = calendar_of(path, time="19:00", timezone="Asia/Seoul", location="a\nb")
        assert data.endswith(b"\r\n")
        assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r")


def test_properties_come_in_a_fixed_order() -> None:
    data = calendar_of(time="19:00", timezone="Asia/Seoul", location="Zoom", repo="o/n")
    for block in raw_events(data):
        names = [
            line.split(b":")[0].split(b";")[0].decode()
            for line in block.split(b"\r\n")
            if line and not line.startswith(b" ")
        ]
        expected = ["BEGIN", "SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "SEQUENCE"]
        expected += ["DESCRIPTION", "LAST-MODIFIED"]
        expected += ["LOCATION", *(["URL"] if b"\r\nURL:" in block else []), "END"]
        assert names == expected


# --- stability: UIDs, DTSTAMP, events in date order -----------------------------------


def test_uids_are_unique_and_do_not_depend_on_the_time_options() -> None:
    all_day = [uid for uid, _ in both_parsers(calendar_of())]
    timed = [uid for uid, _ in both_parsers(calendar_of(time="19:00", timezone="Asia/Seoul"))]
    assert len(set(all_day)) == 13
    assert all_day == timed


def test_different_studies_never_share_uids(tmp_path: Path) -> None:
    first = {uid for uid, _ in both_parsers(calendar_of(repo="a/study"))}
    second = {uid for uid, _ in both_parsers(calendar_of(repo="b/study"))}
    by_title = {uid for uid, _ in both_parsers(calendar_of())}
    rows = [f"{d.month}/{d.day} | x | y | - | - | -" for d in SEED_DATES]
    other_title = readme(tmp_path, rows, title="# Another Study 2023")
    third = {uid for uid, _ in both_parsers(calendar_of(other_title))}
    assert len(first | second | by_title | third) == 4 * 13


def test_repo_identity_ignores_case() -> None:
    assert calendar_of(repo="Owner/Study").count(b"UID:") == 13
    upper = [uid for uid, _ in both_parsers(calendar_of(repo="OWNER/STUDY"))]
    lower = [uid for uid, _ in both_parsers(calendar_of(repo="owner/study"))]
    assert upper == lower


def test_two_sessions_on_one_day_get_different_uids(tmp_path: Path) -> None:
    path = readme(tmp_path, ["3/6 | A | x | - | - | -", "3/6 | B | y | - | - | -"])
    uids = [uid for uid, _ in both_parsers(calendar_of(path))]
    assert len(set(uids)) == 2


def test_events_come_in_date_order(tmp_path: Path) -> None:
    rows = ["5/1 | C | x | - | - | -", "3/6 | A | y | - | - | -", "4/2 | B | z | - | - | -"]
    starts = [start for _, start in both_parsers(calendar_of(readme(tmp_path, rows)))]
    assert starts == [dt.date(2024, 3, 6), dt.date(2024, 4, 2), dt.date(2024, 5, 1)]


def test_dtstamp_from_source_date_epoch_else_mtime(tmp_path: Path) -> None:
    path = readme(tmp_path, ["3/6 | A | x | - | - | -"])
    mtime = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()
    import os

    os.utime(path, (mtime, mtime))
    assert ics.dtstamp(path, {}) == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert ics.dtstamp(path, {"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, tzinfo=UTC)
    with pytest.raises(MdStudyError, match="SOURCE_DATE_EPOCH"):
        ics.dtstamp(path, {"SOURCE_DATE_EPOCH": "yesterday"})


# --- settings: durations, clock times, repositories, config ---------------------------


@settings(derandomize=True, deadline=None, max_examples=200)
@given(hours=st.integers(0, 24), minutes=st.integers(0, 59))
def test_duration_spellings_agree(hours: int, minutes: int) -> None:
    total = hours * 60 + minutes
    if not 0 < total <= 24 * 60:
        return
    expected = dt.timedelta(minutes=total)
    spellings = [
        f"{total}m",
        f"{hours}:{minutes:02d}",
        f"{hours}h{minutes}m",
        f"{hours}h {minutes}min",
    ]
    for text in spellings:
        assert parse_duration(text) == expected, text
    assert parse_duration(format_duration(expected)) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-5m", "negative"),
        ("-1:30", "negative"),
        ("0m", "zero"),
        ("0:00", "zero"),
        ("90", "not a duration"),
        ("1:75", "not a duration"),
        ("soon", "not a duration"),
        ("", "not a duration"),
        ("h", "not a duration"),
        ("25h", "longer than 24 hours"),
    ],
)
def test_bad_durations(text: str, problem: str) -> None:
    with pytest.raises(MdStudyError, match=problem):
        parse_duration(text)


def test_clock_times() -> None:
    assert parse_clock("19:00") == dt.time(19)
    assert parse_clock("7:05") == dt.time(7, 5)
    assert parse_clock("00:00") == dt.time(0)
    assert parse_clock("23:59") == dt.time(23, 59)
    for bad in ("25:00", "24:00", "12:60", "7pm", "19", "19:0", ":30", "", "１９:００"):
        with pytest.raises(MdStudyError, match="not a time of day"):
            parse_clock(bad)


@pytest.mark.parametrize(
    ("url", "repo"),
    [
        ("https://github.com/Owner/Name.git", "Owner/Name"),
        ("https://github.com/owner/na.me", "owner/na.me"),
        ("https://github.com/owner/name/", "owner/name"),
        ("https://user:token@github.com/owner/name.git", "owner/name"),
        ("git@github.com:owner/my-study.git", "owner/my-study"),
        ("git@github.com:owner/my_study", "owner/my_study"),
        ("ssh://git@github.com/owner/name.git", "owner/name"),
        ("ssh://git@ssh.github.com:443/owner/name.git", "owner/name"),
        ("git://github.com/owner/name", "owner/name"),
        ("https://gitlab.com/owner/name.git", None),
        ("git@gitlab.com:owner/name.git", None),
        ("/srv/git/name.git", None),
        ("https://github.com/owner", None),
        ("https://github.com/owner/name/tree/main", None),
    ],
)
def test_repository_from_remote_url(url: str, repo: str | None) -> None:
    assert from_remote_url(url) == repo


def test_repo_option() -> None:
    assert parse_repo("owner/name") == "owner/name"
    assert parse_repo("https://github.com/owner/name") == "owner/name"
    for bad in ("name", "a/b/c", "-owner/name", "owner/..", "https://gitlab.com/a/b"):
        with pytest.raises(MdStudyError, match="not a GitHub repository"):
            parse_repo(bad)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_origin_remote_of_the_readme_folder(tmp_path: Path) -> None:
    assert origin_repo(tmp_path) is None  # not a checkout
    git(tmp_path, "init", "-q")
    assert origin_repo(tmp_path) is None  # no origin
    git(tmp_path, "remote", "add", "origin", "git@github.com:Study-Group/paper-club.git")
    (tmp_path / "docs").mkdir()
    assert origin_repo(tmp_path / "docs") == "Study-Group/paper-club"


def settings_from(folder: Path, toml: str, **options: object) -> ics.IcsSettings:
    """The calendar's settings from a config file `x.toml` holding `toml`, options over it."""
    path = folder / "x.toml"
    path.write_text(toml, encoding="utf-8")
    return ics.resolve_settings(read_config(path).with_options(**options))


def test_settings_from_config_and_options(tmp_path: Path) -> None:
    toml = 'time = "19:00"\nduration = 45\ntimezone = "Asia/Seoul"\nlocation = "Zoom"\n'
    from_config = settings_from(tmp_path, toml)
    assert from_config.time == dt.time(19)
    assert from_config.duration == dt.timedelta(minutes=45)
    assert (from_config.timezone, from_config.location) == ("Asia/Seoul", "Zoom")
    options = {"time": "08:15", "duration": "2h", "timezone": "UTC", "repo": "a/b"}
    over = settings_from(tmp_path, toml + 'repo = "c/d"\n', **options)
    assert (over.time, over.duration) == (dt.time(8, 15), dt.timedelta(hours=2))
    assert (over.timezone, over.repo, over.location) == ("UTC", "a/b", "Zoom")
    toml_time = settings_from(tmp_path, 'time = 18:30:00\ntimezone = "UTC"\n')
    assert toml_time.time == dt.time(18, 30)


@pytest.mark.parametrize(
    ("options", "toml", "message"),
    [
        ({"time": "25:00", "timezone": "Asia/Seoul"}, "", "--time: '25:00' is not a time of day"),
        ({"time": "19:00", "timezone": "Mars/Olympus"}, "", "--tz: unknown time zone"),
        ({"duration": "-5m"}, "", "--duration: '-5m' is negative"),
        ({"time": "19:00"}, "", "--time: a start time needs a time zone"),
        ({}, 'time = "19:00"', "x.toml: time: a start time needs a time zone"),
        ({}, 'timezone = "Nowhere/Land"', "x.toml: timezone: unknown time zone"),
        ({"timezone": "Asia"}, "", "--tz: unknown time zone 'Asia'"),
        ({"timezone": "../../etc/passwd"}, "", "--tz: unknown time zone"),
        ({}, "duration = true", "x.toml: duration: expected a length"),
        ({}, 'repo = "not a repo"', "x.toml: repo: 'not a repo' is not a GitHub repository"),
    ],
)
def test_bad_settings(tmp_path: Path, options: dict[str, str], toml: str, message: str) -> None:
    with pytest.raises(MdStudyError) as caught:
        settings_from(tmp_path, toml + "\n", **options)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_config_year(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("year = 2024\n", encoding="utf-8")
    assert read_config(path).year == 2024
    assert Config().year is None
    for bad in ('"2024"', "99", "true"):
        path.write_text(f"year = {bad}\n", encoding="utf-8")
        with pytest.raises(MdStudyError, match=r"x\.toml: year: expected a year"):
            read_config(path)
