"""The schedule reader on the issue's examples (fixtures/examples) and the real corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from corpus_truth import score_all, table, totals
from shared_files import FIXTURES, require_corpus

import mdstudy
from mdstudy.check import RULES, Settings, check_document
from mdstudy.errors import MdStudyError

EXAMPLES = FIXTURES / "examples"
ALL = Settings(frozenset(RULES))


def load(name: str) -> mdstudy.Document:
    return mdstudy.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def edit(name: str, change: object) -> str:
    doc = load(name)
    change(doc)  # type: ignore[operator]
    return doc.dumps()


def test_day_first_column_is_read_day_first() -> None:
    dates = [s.date for s in load("day-first.md").sessions]
    assert dates == [dt.date(2026, 3, 29), dt.date(2026, 4, 12), dt.date(2026, 5, 3)]


def test_day_first_column_is_written_day_first() -> None:
    text = edit("day-first.md", lambda d: d.add_session("2026-05-10"))
    assert "| 10/05 |" in text.splitlines()[-1]
    assert load_text(text).sessions[-1].date == dt.date(2026, 5, 10)


def load_text(text: str) -> mdstudy.Document:
    return mdstudy.loads(text)


def test_two_talks_on_one_day_are_two_sessions() -> None:
    doc = load("two-talks.md")
    assert [s.date for s in doc.sessions].count(dt.date(2026, 3, 25)) == 2
    assert [f.code for f in check_document(doc, ALL)] == []
    doc.assign("2026-03-25#2", "C")
    assert [s.presenter for s in doc.sessions] == ["A", "B", "C", "D"]
    assert doc.dumps().splitlines()[6] == "| 2026-03-25 | C | TBD |"


def test_an_ambiguous_when_lists_the_choices() -> None:
    doc = load("two-talks.md")
    with pytest.raises(MdStudyError, match=r"2026-03-25#1 \(line 6\), 2026-03-25#2 \(line 7\)"):
        doc.assign("2026-03-25", "C")
    doc.assign("L7", "C")
    assert doc.sessions[2].presenter == "C"


def test_newest_first_table_gets_no_order_errors_and_new_rows_on_top() -> None:
    doc = load("newest-first.md")
    assert [f.code for f in check_document(doc, ALL)] == []
    doc.add_session("2026-02-26")
    assert doc.dumps().splitlines()[4].startswith("| 2026-02-26 |")
    assert doc.sessions[0].date == dt.date(2026, 2, 26)


def test_out_of_order_row_in_a_newest_first_table_is_reported_once() -> None:
    text = (EXAMPLES / "newest-first.md").read_text(encoding="utf-8")
    text = text.replace("2026-02-12", "2026-03-12")
    findings = check_document(mdstudy.loads(text), ALL)
    assert [(f.code, f.line) for f in findings if f.code == "MS003"] == [("MS003", 6)]


def test_iso_dates_are_written_zero_padded_across_new_year() -> None:
    text = edit("new-year.md", lambda d: d.add_session("2026-01-08"))
    assert text.splitlines()[-1].startswith("| 2026-01-08 |")


def test_speakers_and_topics_headers_are_read() -> None:
    first = load("speakers.md").sessions[0]
    assert (first.presenter, first.title) == ("Ada & Grace", "Analytical engines")


def test_a_linked_presenter_is_plain_and_keeps_her_cell() -> None:
    doc = load("linked-presenter.md")
    session = doc.sessions[0]
    assert session.presenter == "Ada Lovelace"
    assert session.title == "World Models (NeurIPS 2018)"
    assert session.links == ("https://arxiv.org/abs/1803.10122",)
    doc.assign("2026-05-06", "Ada Lovelace", links=["https://slides.example.org/wm"])
    row = doc.dumps().splitlines()[4]
    assert "[Ada Lovelace](https://x.org/al)" in row and "https://slides.example.org/wm" in row


def test_cancelled_rows_are_flagged_and_not_reported() -> None:
    doc = load("cancelled.md")
    flags = [(s.date.isoformat(), s.cancelled, s.presenter) for s in doc.sessions]
    assert flags == [
        ("2024-09-09", False, "Erica"),
        ("2024-09-16", True, None),
        ("2024-09-23", True, None),
        ("2024-09-30", False, "Isaly"),
    ]
    codes = {f.code for f in check_document(doc, ALL)}
    assert not codes & {"MS102", "MS103"}


def test_no_schedule_names_the_tables_seen() -> None:
    doc = mdstudy.loads("# x\n\n| Name | Role |\n| --- | --- |\n| Ana | host |\n")
    with pytest.raises(MdStudyError, match=r"line 3: Name \| Role.*\[columns\]"):
        doc.require_schedule()


def test_columns_can_be_mapped_in_the_config(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# 2026\n\n| 스터디날짜 | Research |\n| --- | --- |\n| 3/4 | Ana |\n", encoding="utf-8"
    )
    (tmp_path / ".mdstudy.toml").write_text(
        '[columns]\npresenter = ["Research", "Literature"]\n', encoding="utf-8"
    )
    session = mdstudy.load(readme).sessions[0]
    assert (session.date, session.presenter) == (dt.date(2026, 3, 4), "Ana")


def test_corpus_is_read_as_a_person_reads_it() -> None:
    require_corpus()
    scores = score_all()
    print(table(scores))
    figures = totals(scores)
    unread = [s.name for s in scores if s.sure and not s.read]
    assert unread == []
    assert figures["dates"] >= 0.98
    assert figures["presenters"] >= 0.95
    assert figures["titles"] >= 0.95
    assert figures["links"] >= 0.90
    assert figures["extra"] <= 0.01
    assert figures["cancelled"] >= 0.90


def test_the_calendar_takes_what_the_reader_read(tmp_path: Path) -> None:
    """Cancelled rows, a time in the date cell, a range and a place column, end to end."""
    from shared_files import mdstudy_in_process as run_mdstudy  # in process

    readme = tmp_path / "README.md"
    readme.write_text(
        "# Seminar 2024\n\n| Date | Speaker | Topic | Place |\n| --- | --- | --- | --- |\n"
        "| 10월 16일 (월) 23:00 | Ana | Agents | Room 1 |\n"
        "| 2024.10.21 - 25 | Ben | Retreat | Jeju |\n"
        "| 2024.10.30 | 휴강 | - | - |\n",
        encoding="utf-8",
    )
    result = run_mdstudy("ics", "-f", readme, "--tz", "Asia/Seoul")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "DTSTART;TZID=Asia/Seoul:20241016T230000" in lines
    assert "LOCATION:Room 1" in lines and "LOCATION:Jeju" in lines
    assert [line for line in lines if line.startswith(("DTSTART;VALUE", "DTEND;VALUE"))][:2] == [
        "DTSTART;VALUE=DATE:20241021",
        "DTEND;VALUE=DATE:20241026",
    ]
    assert lines.count("STATUS:CANCELLED") == 1


def test_assign_next_says_which_session_it_chose(tmp_path: Path) -> None:
    from shared_files import mdstudy_in_process as run_mdstudy  # in process

    (tmp_path / "README.md").write_text(
        "# 2099\n\n| When | Who |\n| --- | --- |\n| 1/7 | Ana |\n| 1/14 | TBD |\n", encoding="utf-8"
    )
    result = run_mdstudy("assign", "next", "Ben", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "README.md: assigned 1/14 (2099-01-14) to Ben\n"
