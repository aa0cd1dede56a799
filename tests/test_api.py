"""The Python API: edits take a date and return what they changed, records are frozen,
messages speak Python, `repr` and `check()` on a Document.

Expected values are read from the seed README (fixtures/README.md): its schedule runs
weekly on Wednesdays from 5/3 (line 25) to 7/26 (line 37); 5/24 (line 28) is free,
6/7 (line 30) is 전은주's, 7/5 has two links; it has 13 sessions and 25 candidates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from shared_files import SEED

import mdstudy
from mdstudy import edits
from mdstudy.check import check_file
from mdstudy.cli import as_flags, main
from mdstudy.errors import MdStudyError

D = dt.date


def seed() -> mdstudy.Document:
    return mdstudy.loads(SEED.read_text(encoding="utf-8"))


def session_on(doc: mdstudy.Document, day: dt.date) -> mdstudy.Session:
    return next(s for s in doc.sessions if s.date == day)


# --- WHEN as a date, the changed records returned ---------------------------------------


def test_assign_with_a_date_returns_the_session_as_it_now_reads() -> None:
    by_text, by_date = seed(), seed()
    by_text.assign("5/24", "홍길동", title="GPTQ", issue=11)
    done = by_date.assign(D(2023, 5, 24), "홍길동", title="GPTQ", issue=11)
    assert by_date.dumps() == by_text.dumps()  # the same bytes as the text WHEN
    assert (done.date, done.presenter, done.title, done.issue, done.line) == (
        D(2023, 5, 24), "홍길동", "GPTQ", 11, 28,
    )  # fmt: skip
    assert done == session_on(by_date, D(2023, 5, 24))


def test_a_datetime_names_its_day() -> None:
    doc = seed()
    assert doc.unassign(dt.datetime(2023, 6, 7, 19, 0)).date == D(2023, 6, 7)


def test_unassign_swap_and_move_return_the_new_records() -> None:
    doc = seed()
    emptied = doc.unassign(D(2023, 6, 7))
    assert (emptied.date, emptied.presenter, emptied.title, emptied.links) == (
        D(2023, 6, 7), None, None, (),
    )  # fmt: skip
    doc = seed()
    before_a, before_b = session_on(doc, D(2023, 6, 28)), session_on(doc, D(2023, 7, 5))
    first, second = doc.swap("6/28", D(2023, 7, 5))
    assert (first.date, first.presenter, first.links) == (
        D(2023, 6, 28), before_b.presenter, before_b.links,
    )  # fmt: skip
    assert (second.date, second.presenter) == (D(2023, 7, 5), before_a.presenter)
    assert [first, second] == [session_on(doc, D(2023, 6, 28)), session_on(doc, D(2023, 7, 5))]
    doc = seed()
    moving = session_on(doc, D(2023, 6, 7))
    moved = doc.move(D(2023, 6, 7), D(2023, 8, 2))
    assert (moved.date, moved.presenter, moved.title) == (D(2023, 8, 2), "전은주", moving.title)
    assert moved == doc.sessions[-1] and moved.line == 37
    assert doc.move("8/2", D(2023, 8, 2)) == moved  # already there: nothing changes


def test_add_and_remove_return_the_session() -> None:
    doc = seed()
    added = doc.add_session(D(2023, 8, 2))
    assert (added.date, added.presenter, added.line) == (D(2023, 8, 2), None, 38)
    assert added == doc.sessions[-1]
    assigned = session_on(doc, D(2023, 6, 7))
    removed = doc.remove_session(D(2023, 6, 7), force=True)
    assert removed == assigned
    assert D(2023, 6, 7) not in [s.date for s in doc.sessions]


def test_candidates_added_and_removed_are_returned() -> None:
    doc = seed()
    added = doc.add_candidate("SparseGPT", links=["https://arxiv.org/abs/2301.00774"])
    assert (added.title, added.links) == ("SparseGPT", ("https://arxiv.org/abs/2301.00774",))
    assert added == doc.candidates[-1]
    removed = doc.remove_candidate("sparsegpt")
    assert removed == added and len(doc.candidates) == 25


def test_edits_functions_take_a_date_too() -> None:
    doc = seed()
    plan = edits.assign(doc, D(2023, 5, 24), "A")
    assert edits.chosen(plan) == ("5/24", D(2023, 5, 24))
    doc.apply(plan)
    assert session_on(doc, D(2023, 5, 24)).presenter == "A"


# --- records -------------------------------------------------------------------------------


def test_records_are_frozen_and_hashable() -> None:
    doc = seed()
    session = session_on(doc, D(2023, 7, 5))
    candidate = doc.candidates[0]
    assert isinstance(session.links, tuple) and len(session.links) == 2
    assert isinstance(candidate.links, tuple)
    assert len({session, candidate, doc.study, session}) == 3  # hash() works
    with pytest.raises(AttributeError):
        session.links.append("https://example.org")  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.presenter = "X"  # type: ignore[misc]


def test_show_json_still_writes_links_as_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["show", "-f", str(SEED), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    july5 = next(s for s in data["sessions"] if s["date"] == "2023-07-05")
    assert july5["links"] == [
        "https://arxiv.org/abs/2101.03697",
        "https://arxiv.org/pdf/2212.01593.pdf",
    ]


def test_document_repr() -> None:
    assert repr(mdstudy.load(SEED)) == f"<Document {SEED}: 13 sessions, 25 candidates>"
    assert repr(mdstudy.loads("no tables\n")) == "<Document <text>: 0 sessions, 0 candidates>"
    undated = mdstudy.loads("| Date | Who |\n| - | - |\n| 3/5 | A |\n")
    assert repr(undated).startswith("<Document <text>: sessions unreadable: <text>:1: cannot tell")


# --- check() -------------------------------------------------------------------------------


def test_check_returns_what_the_command_reports(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(SEED.read_bytes())
    findings = mdstudy.load(readme).check()
    assert findings == check_file(readme).findings
    assert {f.code for f in findings} >= {"MS007"}  # the seed's duplicate candidate links
    (tmp_path / ".mdstudy.toml").write_text('[check]\nignore = ["MS007"]\n', encoding="utf-8")
    honoured = mdstudy.load(readme).check()
    assert honoured == check_file(readme).findings
    assert "MS007" not in {f.code for f in honoured} and len(honoured) < len(findings)


# --- messages speak Python; the command line says its options -----------------------------


def test_messages_name_arguments_not_flags() -> None:
    with pytest.raises(MdStudyError) as taken:
        seed().assign("6/7", "X")
    assert str(taken.value).endswith("already has a presenter (전은주); use force=True to replace")
    assert as_flags(taken.value).endswith("(전은주); use --force to replace")
    with pytest.raises(MdStudyError) as removing:
        seed().remove_session("6/7")
    assert "use force=True to remove it" in str(removing.value)
    with pytest.raises(MdStudyError) as yearless:
        _ = mdstudy.loads("| Date | Who |\n| - | - |\n| 3/5 | A |\n").sessions
    assert str(yearless.value).endswith("or pass year=YYYY")
    assert as_flags(yearless.value).endswith("or pass --year YYYY")
    with pytest.raises(MdStudyError) as no_column:
        mdstudy.loads("# 2024\n| Date | Who |\n| - | - |\n| 3/5 | |\n").assign(
            "3/5", "A", title="T"
        )
    assert str(no_column.value).endswith("the table has no title column for title=")
    assert as_flags(no_column.value).endswith("for --title")


def test_no_library_message_names_a_flag() -> None:
    """Every message an edit or the model raises on the seed's mistakes, without `--`."""
    attempts = [
        lambda d: d.assign("6/7", "X"),
        lambda d: d.remove_session("6/7"),
        lambda d: d.find_candidate("no such paper"),
        lambda d: d.assign("5/24", "A", links=["arxiv.org/abs/1"]),
        lambda d: d.move("6/7", "6/14"),
    ]
    for attempt in attempts:
        with pytest.raises(MdStudyError) as caught:
            attempt(seed())
        assert "--" not in str(caught.value), str(caught.value)
