"""The direct VEVENT writer against icalendar's component tree, and sessions as events.

`ics_lines` writes what `ics.component` builds as a tree; the bytes must be the
same, on the seed, on a generated 1,000-row README full of text to escape and
fold, and for any line (folding) or text (escaping).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

import mdstudy
from mdstudy import ics, ics_lines
from mdstudy.config import Config
from mdstudy.ics_events import Clock, event_for
from mdstudy.model import Session, Study

UTC = dt.timezone.utc
STAMP = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
NAMES = ("김태수", "Ann; Bob", "O'Neil, J.", "전은주", "TBD", "-")
TITLES = (
    "효율적인 거대 언어 모델 추론을 위한 양자화와 가지치기 기법에 대한 종합적인 연구 " * 2,
    "Semi; colon, comma \\\\ backslash",
    "[Linked](https://example.org/x) **bold** `code`",
    "é" * 37 + "\\\\" + "x" * 40,
    "😀" * 30,
    "-",
)


def tree_calendar(doc: object, settings_: ics.IcsSettings, repo: str | None = None) -> bytes:
    """The same calendar written the slow way: every event as an icalendar component."""
    parts = ics.calendar_parts(doc, settings_, stamp=STAMP, repo=repo)  # type: ignore[arg-type]
    for event in parts.events:
        parts.calendar.add_component(ics.component(event))
    data: bytes = parts.calendar.to_ical()
    return data


def generated_readme(folder: Path, rows: int = 1000) -> Path:
    lines = [
        "# Generated Study 2024",
        "",
        "When | Who | What | Links | Issue # | Etc.",
        "-|-|-|-|-|-",
    ]
    first = dt.date(2024, 1, 1)
    for i in range(rows):
        day = first + dt.timedelta(days=i // 2)  # two sessions a day
        links = f"https://arxiv.org/abs/2401.{i:05d} https://example.org/{'p' * (i % 90)}"
        issue = f"#{i}" if i % 3 else "-"
        note = "회의실 A, 3층; 간식" if i % 5 == 0 else "-"
        row = [day.isoformat(), NAMES[i % 6], TITLES[i % 6], links, issue, note]
        lines.append(" | ".join(row))
    path = folder / "README.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SETTINGS = [
    {},
    {"time": "19:00", "timezone": "America/New_York", "location": "Room 1, Bldg; 2nd floor"},
    {"time": "01:30", "timezone": "Australia/Lord_Howe", "duration": "5h"},
    {"time": "09:00", "timezone": "UTC", "duration": "25m"},
    {"time": "19:00", "timezone": "Asia/Seoul", "duration": "90m"},
]


@pytest.mark.parametrize("options", SETTINGS, ids=lambda o: o.get("timezone", "all-day"))
def test_seed_is_byte_identical_to_the_component_tree(options: dict[str, str]) -> None:
    settings_ = ics.resolve_settings(Config().with_options(**options))
    doc = mdstudy.load(SEED)
    for repo in (None, "Efficient-AI/study-2023"):
        fast = ics.build_calendar(doc, settings_, stamp=STAMP, repo=repo)
        assert fast == tree_calendar(doc, settings_, repo)
        assert fast.count(b"BEGIN:VEVENT") == 13


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> mdstudy.Document:
    """The generated README, read once for the three settings (each export only reads it)."""
    return mdstudy.load(generated_readme(tmp_path_factory.mktemp("generated")))


@pytest.mark.parametrize("options", SETTINGS[:3], ids=lambda o: o.get("timezone", "all-day"))
def test_generated_readme_is_byte_identical(
    generated: mdstudy.Document, options: dict[str, str]
) -> None:
    doc = generated
    settings_ = ics.resolve_settings(Config().with_options(**options))
    fast = ics.build_calendar(doc, settings_, stamp=STAMP, repo="o/n")
    assert fast.count(b"BEGIN:VEVENT") == 1000
    assert fast == tree_calendar(doc, settings_, "o/n")
    assert any(line.startswith(b" ") for line in fast.split(b"\r\n"))  # folds were exercised


def test_written_in_chunks_the_same_bytes(tmp_path: Path) -> None:
    doc = mdstudy.load(generated_readme(tmp_path, rows=300))
    settings_ = ics.resolve_settings(Config().with_options(time="19:00", timezone="Europe/London"))
    chunks: list[bytes] = []
    ics.write_calendar(doc, settings_, chunks.append, stamp=STAMP, chunk_events=64)
    assert len(chunks) == 1 + 300 // 64 + 1  # header, full batches, the rest with the footer
    assert b"".join(chunks) == ics.build_calendar(doc, settings_, stamp=STAMP)


# Lines as icalendar would see them: any text without line breaks, with escapes,
# carets, wide characters, and lengths around the fold.
line_text = st.text(
    alphabet=st.sampled_from(["a", "\\", "^", ";", ",", " ", "é", "가", "😀", "\t", ":", '"']),
    max_size=240,
)


@settings(derandomize=True, deadline=None, max_examples=400)
@given(value=line_text, prefix=st.sampled_from(["SUMMARY:", "DESCRIPTION:", "X:", ""]))
def test_folding_matches_icalendar(value: str, prefix: str) -> None:
    line = prefix + value
    assert ics_lines.fold(line).encode("utf-8") == Contentline(line).to_ical()


# The characters TEXT escaping touches, so that `\N`, `\r\n` and `\\;` come up often.
escapes = st.text(alphabet=st.sampled_from(["\\", "N", "n", "\r", "\n", ";", ",", "a"]))


@settings(derandomize=True, deadline=None, max_examples=300)
@given(value=st.one_of(st.text(max_size=120), escapes))
def test_text_property_matches_icalendar(value: str) -> None:
    event = icalendar.Event()
    event.add("summary", value)
    expected = event.to_ical().split(b"\r\n", 1)[1].rsplit(b"\r\nEND:VEVENT", 1)[0]
    assert ics_lines.fold("SUMMARY:" + ics_lines.text(value)).encode("utf-8") == expected


# --- sessions as the README says them -----------------------------------------------


def event_of(session: Session, **options: str) -> icalendar.Event:
    settings_ = ics.resolve_settings(Config().with_options(**options))
    clock = None
    if settings_.timezone:
        clock = Clock(ZoneInfo(settings_.timezone), settings_.timezone == "UTC")
    event = event_for(session, settings_, uid="u@test", stamp=STAMP, repo=None, clock=clock)
    data = ics_lines.event_bytes(event)
    assert data == ics.component(event).to_ical()
    calendar = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + data + b"END:VCALENDAR\r\n"
    )
    (parsed,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    return parsed


def session(**fields: object) -> Session:
    values: dict[str, object] = {"date": dt.date(2024, 3, 6), "presenter": "Ann", "title": "T"}
    return Session(**{**values, **fields})  # type: ignore[arg-type]


def test_cancelled_session_is_a_cancelled_event() -> None:
    event = event_of(session(cancelled=True))
    assert event["STATUS"] == "CANCELLED"
    assert "STATUS" not in event_of(session())


def test_session_time_overrides_the_calendar_time() -> None:
    event = event_of(session(time=dt.time(23, 0)), time="19:00", timezone="Asia/Seoul")
    assert event.decoded("DTSTART") == dt.datetime(2024, 3, 6, 23, tzinfo=ZoneInfo("Asia/Seoul"))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=1)
    # Without --time, the session's own time still makes a timed event.
    alone = event_of(session(time=dt.time(18, 0)), timezone="Europe/London", duration="2h")
    assert alone.decoded("DTSTART").astimezone(UTC) == dt.datetime(2024, 3, 6, 18, tzinfo=UTC)
    # Without a time zone there is no instant to give: an all-day event.
    assert event_of(session(time=dt.time(18, 0))).decoded("DTSTART") == dt.date(2024, 3, 6)


def test_place_fills_location_over_the_calendar_location() -> None:
    assert event_of(session(place="Room 2, 3F"), location="Zoom")["LOCATION"] == "Room 2, 3F"
    assert event_of(session(), location="Zoom")["LOCATION"] == "Zoom"
    assert "LOCATION" not in event_of(session())


def test_range_is_a_multi_day_all_day_event() -> None:
    event = event_of(session(end=dt.date(2024, 3, 11)), time="19:00", timezone="Asia/Seoul")
    assert event.decoded("DTSTART") == dt.date(2024, 3, 6)
    assert event.decoded("DTEND") == dt.date(2024, 3, 12)  # DTEND is exclusive


@dataclass
class Doc:
    """A document as the calendar reads one, with sessions built by hand."""

    sessions: list[Session]
    study: Study = field(default_factory=lambda: Study("Hand Study", 2024, None, None))
    path: Path | None = None


def test_skip_cancelled_and_uids(tmp_path: Path) -> None:
    doc = Doc(
        [
            session(issue=7),
            session(date=dt.date(2024, 3, 13), cancelled=True),
            session(date=dt.date(2024, 3, 13), presenter="Bob"),
            session(date=dt.date(2024, 3, 20), issue=7),  # part two of issue 7
        ]
    )
    kept = ics.build_calendar(doc, ics.IcsSettings(), stamp=STAMP)  # type: ignore[arg-type]
    skipped = ics.build_calendar(
        doc,  # type: ignore[arg-type]
        ics.IcsSettings(skip_cancelled=True),
        stamp=STAMP,
    )
    assert kept.count(b"BEGIN:VEVENT") == 4 and kept.count(b"STATUS:CANCELLED") == 1
    assert skipped.count(b"BEGIN:VEVENT") == 3 and b"STATUS" not in skipped
    uids = [e.uid.value for e in vobject.readOne(kept.decode()).vevent_list]
    assert len(set(uids)) == 4
    # Moved to another date, a session with an issue keeps its UID.
    moved = Doc([session(date=dt.date(2024, 4, 1), issue=7), *doc.sessions[1:]])
    moved_uids = [
        e.uid.value
        for e in vobject.readOne(
            ics.build_calendar(moved, ics.IcsSettings(), stamp=STAMP).decode()  # type: ignore[arg-type]
        ).vevent_list
    ]
    assert set(moved_uids) == set(uids)


def test_sequence_and_last_modified_follow_the_stamp() -> None:
    later = STAMP + dt.timedelta(minutes=3)
    doc = Doc([session()])
    first = icalendar.Calendar.from_ical(
        ics.build_calendar(doc, ics.IcsSettings(), stamp=STAMP)  # type: ignore[arg-type]
    )
    second = icalendar.Calendar.from_ical(
        ics.build_calendar(doc, ics.IcsSettings(), stamp=later)  # type: ignore[arg-type]
    )
    (one,), (two,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert one["SEQUENCE"] == int(STAMP.timestamp()) // 60
    assert two["SEQUENCE"] == one["SEQUENCE"] + 3
    assert two.decoded("LAST-MODIFIED") == later
    assert first["X-PUBLISHED-TTL"] == "PT12H"
    assert first.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=12)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in first.to_ical()


def test_line_breaks_in_cells_become_line_breaks_in_the_description() -> None:
    event = event_of(session(title="Part 1<br>Part 2", note="Bring <br/> laptops<BR>and snacks"))
    assert event["SUMMARY"] == "Part 1 Part 2 — Ann"
    assert event["DESCRIPTION"].splitlines() == [
        "Presenter: Ann",
        "Title: Part 1",
        "Part 2",
        "Note: Bring",
        "laptops",
        "and snacks",
    ]


def test_non_ascii_url_is_percent_encoded() -> None:
    event = event_of(session(links=["https://ko.wikipedia.org/wiki/양자화_(신호_처리)"]))
    assert event["URL"] == (
        "https://ko.wikipedia.org/wiki/%EC%96%91%EC%9E%90%ED%99%94_(%EC%8B%A0%ED%98%B8_"
        "%EC%B2%98%EB%A6%AC)"
    )
    assert "Link: https://ko.wikipedia.org/wiki/양자화_(신호_처리)" in event["DESCRIPTION"]
    host = event_of(session(links=["https://bücher.example/ü?q=1%20"]))
    assert host["URL"] == "https://xn--bcher-kva.example/%C3%BC?q=1%20"  # %20 stays as it is
    plain_url = "https://arxiv.org/abs/2106.09685?x=1&y=%C3%BC#s"
    assert event_of(session(links=[plain_url]))["URL"] == plain_url
