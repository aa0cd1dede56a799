"""The study model read from the seed README and from small READMEs written for the test."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import mdstudy
from mdstudy.dates import PartialDate, find_period, parse_date
from mdstudy.values import extract_links, parse_issue


def test_seed_sessions(seed_text: str) -> None:
    sessions = mdstudy.loads(seed_text).sessions
    assert len(sessions) == 13
    assert sessions[0].date == dt.date(2023, 5, 3)
    assert sessions[-1].date == dt.date(2023, 7, 26)
    assert {s.date.weekday() for s in sessions} == {2}  # all Wednesdays
    by_day = {(s.date.month, s.date.day): s for s in sessions}
    assert [d for d, s in by_day.items() if s.presenter is None] == [(5, 24), (7, 19), (7, 26)]
    june14 = by_day[(6, 14)]
    assert (june14.presenter, june14.title, june14.issue) == ("강병하", None, 7)
    assert by_day[(7, 5)].links == (
        "https://arxiv.org/abs/2101.03697",
        "https://arxiv.org/pdf/2212.01593.pdf",
    )
    assert by_day[(6, 28)].presenter == "김정훈"
    assert by_day[(6, 28)].links == ()  # "N/A yet" is not a link
    assert by_day[(5, 3)].line == 25 and by_day[(7, 26)].line == 37


def test_seed_candidates_and_study(seed_text: str) -> None:
    doc = mdstudy.loads(seed_text)
    assert len(doc.candidates) == 25
    lossless = [c for c in doc.candidates if c.title.startswith("Lossless Compression of Deep")]
    assert len(lossless) == 1
    assert lossless[0].links == (
        "https://nips.cc/Conferences/2022/Schedule?showEvent=55429",
        "https://arxiv.org/abs/2001.00218",
    )
    assert lossless[0].keyword == "Compression"
    assert doc.candidates[-1].title.startswith("GPTQ")
    assert doc.candidates[-1].keyword == "Quantization"
    assert doc.study == mdstudy.Study(
        "2023 Efficient AI Study", 2023, dt.date(2023, 5, 10), dt.date(2023, 7, 26)
    )


def test_records_are_frozen_and_hold_no_mutable_parts(seed_text: str) -> None:
    doc = mdstudy.loads(seed_text)
    records = [*doc.sessions, *doc.candidates, doc.study]
    assert any(record.links for record in doc.sessions) and any(c.links for c in doc.candidates)
    for record in records:
        hash(record)  # a list anywhere inside (links) would raise TypeError
        # The values a record is compared and hashed by (Session.cells, the raw text
        # that edits rewrite, is neither, and is still a dict).
        for field in (f for f in dataclasses.fields(record) if f.compare):
            value = getattr(record, field.name)
            assert not isinstance(value, (list, dict, set)), (type(record).__name__, field.name)
    session = doc.sessions[0]
    with pytest.raises(AttributeError):
        session.presenter = "someone"  # type: ignore[misc]


def test_tables_api(seed_text: str) -> None:
    tables = mdstudy.loads(seed_text).tables
    assert [(t.line, t.end_line) for t in tables] == [(23, 37), (42, 68)]
    assert tables[0].header == ["When", "Who", "What", "Links", "Issue #", "Etc."]
    assert tables[0].rows[3] == ["5/24", "TBD", "-", "-", "-", "-"]
    assert tables[1].header == ["Title", "Link", "Keyword"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5/3", PartialDate(5, 3)),
        ("05/03", PartialDate(5, 3)),
        ("2023-05-03", PartialDate(5, 3, 2023)),
        ("2023.05.03", PartialDate(5, 3, 2023)),
        ("2021.05.07.", PartialDate(5, 7, 2021)),
        ("05.03", PartialDate(5, 3)),
        ("5월 3일", PartialDate(5, 3)),
        ("5월 3일 (수)", PartialDate(5, 3)),
        ("2025년 6월 22일 (일)", PartialDate(6, 22, 2025)),
        ("5/3 (수)", PartialDate(5, 3)),
        ("Wed 5/3", PartialDate(5, 3)),
        ("Mon 08/24", PartialDate(8, 24)),
        ("2024/09/10", PartialDate(9, 10, 2024)),
        ("Tue Aug 25", PartialDate(8, 25)),
        ("8th August, 2020", PartialDate(8, 8, 2020)),
        ("May 10, 2023", PartialDate(5, 10, 2023)),
        ("**5/3**", PartialDate(5, 3)),
    ],
)
def test_dates_as_readmes_write_them(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "TBD", "미정", "YYYY.MM.DD", "11/??", "13/45", "Week 1", "2/30"]
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_period_sentences() -> None:
    korean = "2023년 5월 10일부터 2023년 7월 26일까지 12주간 진행합니다."
    assert find_period(korean) == (dt.date(2023, 5, 10), dt.date(2023, 7, 26))
    english = "The study runs from May 10, 2023 to July 26, 2023 on Wednesdays."
    assert find_period(english) == (dt.date(2023, 5, 10), dt.date(2023, 7, 26))
    assert find_period("no dates here") is None


def test_links_in_every_spelling() -> None:
    cell = (
        "[slides](https://a.example/s.pdf), <https://b.example/x>; https://c.example/y"
        "<br>https://d.example/z."
    )
    assert extract_links(cell) == [
        "https://a.example/s.pdf",
        "https://b.example/x",
        "https://c.example/y",
        "https://d.example/z",
    ]
    assert extract_links("N/A yet") == []
    assert extract_links("[[pdf]](https://e.example/p.pdf)") == ["https://e.example/p.pdf"]


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("#7", 7),
        ("7", 7),
        ("https://github.com/o/r/issues/7", 7),
        ("[#7](https://github.com/o/r/issues/7)", 7),
        ("-", None),
        ("TBD", None),
    ],
)
def test_issue_references(cell: str, number: int | None) -> None:
    assert parse_issue(cell) == number


SCHEDULE = """# Reading group

| Date | Presenter | Paper |
|------|-----------|-------|
| {first} | Ann | A |
| {second} | Bob | B |
"""


def test_year_from_title_and_rollover() -> None:
    text = "# Winter 2023 reading group\n" + SCHEDULE.split("\n", 1)[1]
    doc = mdstudy.loads(text.format(first="12/20", second="1/3"))
    assert [s.date for s in doc.sessions] == [dt.date(2023, 12, 20), dt.date(2024, 1, 3)]


def test_year_unknown_is_a_clear_error_and_year_option_fixes_it() -> None:
    text = SCHEDULE.format(first="5/3", second="5/10")
    with pytest.raises(mdstudy.MdStudyError, match="year"):
        _ = mdstudy.loads(text).sessions
    assert mdstudy.loads(text, year=2021).sessions[1].date == dt.date(2021, 5, 10)


def test_korean_headers_and_placeholders() -> None:
    text = (
        "# 2024 스터디\n\n| 날짜 | 발표자 | 주제 | 자료 | 비고 |\n|---|---|---|---|---|\n"
        "| 3월 4일 | 미정 | - | N/A | |\n"
        "| 3월 11일 | 홍길동 | 논문 | https://x.example/a | 휴강 |\n"
    )
    first, second = mdstudy.loads(text).sessions
    assert (first.presenter, first.title, first.links, first.note) == (None, None, (), None)
    assert (second.presenter, second.title, second.note) == ("홍길동", "논문", "휴강")
    assert second.date == dt.date(2024, 3, 11)


def test_schedule_is_first_table_with_date_and_presenter() -> None:
    text = (
        "# 2022\n\n| Date | Room |\n|---|---|\n| 5/3 | A |\n\n"
        "| When | Who |\n|---|---|\n| 5/4 | Kim |\n"
    )
    doc = mdstudy.loads(text)
    assert [s.presenter for s in doc.sessions] == ["Kim"]
    assert len(doc.tables) == 2


def test_day_first_column_is_read_day_first() -> None:
    # corpus 06 writes 01/03/2018 and 15/03/2018: the 15 shows the whole column is DD/MM
    text = (
        "| Date | Presenter | Paper |\n|---|---|---|\n"
        "| 01/03/2018 | A | x |\n| 08/03/2018 | B | y |\n| 15/03/2018 | C | z |\n"
    )
    dates = [s.date for s in mdstudy.loads(text).sessions]
    assert dates == [dt.date(2018, 3, 1), dt.date(2018, 3, 8), dt.date(2018, 3, 15)]
