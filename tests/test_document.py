"""The document as snapshots: an edit makes a new Snapshot and leaves the old one whole."""

from __future__ import annotations

import datetime as dt

from shared_files import SEED

import mdstudy
from mdstudy import edits


def test_an_edit_makes_a_new_snapshot_and_the_old_one_keeps_its_views() -> None:
    doc = mdstudy.loads(SEED.read_text(encoding="utf-8"))
    before = doc.snapshot
    old_presenter = next(s for s in before.sessions if s.date == dt.date(2023, 5, 24)).presenter
    doc.assign("5/24", "Ada", force=True)
    assert doc.snapshot is not before
    # The old snapshot still answers for the old text: nothing was invalidated or changed.
    assert next(s for s in before.sessions if s.date == dt.date(2023, 5, 24)).presenter == (
        old_presenter
    )
    assert next(s for s in doc.sessions if s.date == dt.date(2023, 5, 24)).presenter == "Ada"
    assert doc.sessions is doc.snapshot.sessions  # read once per snapshot


def test_apply_reads_back_only_when_asked() -> None:
    doc = mdstudy.loads(SEED.read_text(encoding="utf-8"))
    done = doc.apply(edits.assign(doc, "5/24", "Ada", force=True))
    assert "sessions" not in done.__dict__  # nothing read back yet
    assert [s.date for s in done.sessions] == [dt.date(2023, 5, 24)]
    assert done.sessions[0].presenter == "Ada"
    assert done.before.source != done.after.source and done.after is doc.snapshot


def test_a_removal_reads_the_record_from_the_text_before() -> None:
    doc = mdstudy.loads(SEED.read_text(encoding="utf-8"))
    first = doc.candidates[0]
    done = doc.apply(edits.remove_candidate(doc, first.title))
    assert done.candidates == (first,)
    assert first not in doc.candidates


def test_edits_decide_from_a_snapshot_as_from_a_document() -> None:
    doc = mdstudy.loads(SEED.read_text(encoding="utf-8"))
    assert edits.unassign(doc.snapshot, "5/24") == edits.unassign(doc, "5/24")


def test_a_move_to_its_own_date_changes_nothing_and_names_the_session() -> None:
    doc = mdstudy.loads(SEED.read_text(encoding="utf-8"))
    text = doc.dumps()
    plan = edits.move(doc, "5/24", dt.date(2023, 5, 24))
    assert plan.ops == ()
    assert doc.apply(plan).sessions[0].date == dt.date(2023, 5, 24)
    assert doc.dumps() == text
