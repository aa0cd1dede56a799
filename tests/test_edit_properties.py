"""Edits on generated documents: values read back, untouched bytes stay, inverses restore.

Documents vary in what real READMEs vary in: pipes at the ends or not, the
spacing around pipes, padded (lined-up) columns with Hangul, each column's
placeholder spelling, issue style, link separator, CRLF, a missing final
newline, and a candidate table after the schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cache
from itertools import product
from typing import TypeVar

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_docs import picks
from wcwidth import wcswidth

import mdstudy
from mdstudy.check import RULES, Settings, check_document
from mdstudy.inline import plain
from mdstudy.source import Source
from mdstudy.values import is_placeholder

YEAR = 2023
FIRST_DAY = dt.date(YEAR, 3, 1)
DAYS = [FIRST_DAY + dt.timedelta(days=offset) for offset in range(251)]  # a schedule's days
WIDTH = 64  # display width of a padded column: every generated value fits
HEADER = ["When", "Who", "What", "Links", "Issue #", "Etc."]

WORDS = "abcXYZ가나다라홍길동 :()'-|0"
names = st.text("abcdefXYZ가나다라마바사홍길동", min_size=1, max_size=6)
texts = (
    st.text(WORDS, min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda t: bool(t) and not is_placeholder(t))
)
urls = st.builds(
    "https://{}.org/{}".format,
    st.text("abcdefgh", min_size=1, max_size=5),
    st.text("abc123", min_size=0, max_size=6),
)
issues = st.integers(1, 999)
BOOLS = [False, True]
T = TypeVar("T")


@dataclass(frozen=True)
class Style:
    ending: str
    leading: bool
    trailing: bool
    space: str
    aligned: bool
    placeholders: tuple[str, ...]  # per column, index 0 unused (the date)
    separator: str
    issue_link: bool
    final_newline: bool


@dataclass(frozen=True)
class Doc:
    text: str
    style: Style
    dates: list[dt.date]
    free: list[bool]  # per row: no presenter


def _line(cells: list[str], style: Style, delimiter: bool = False) -> str:
    out = []
    last = len(cells) - 1
    for index, content in enumerate(cells):
        lead = style.space if (index > 0 or style.leading) else ""
        trail = style.space if (index < last or style.trailing) else ""
        if style.aligned and (index < last or style.trailing):
            if delimiter:
                content = "-" * (WIDTH - len(lead) - len(trail))
            else:
                trail += " " * (WIDTH - len(lead) - len(trail) - wcswidth(content))
        out.append(lead + content + trail)
    return ("|" if style.leading else "") + "|".join(out) + ("|" if style.trailing else "")


def _issue(number: int, style: Style) -> str:
    if style.issue_link:
        return f"[#{number}](https://github.com/o/r/issues/{number})"
    return f"#{number}"


# A style's fourteen choices drawn as three picks from their combinations: the same
# styles, each as likely as before, for three draws instead of fourteen (a draw costs
# far more than the test's use of it). Each list stays under 257 entries, where
# Hypothesis picks an index uniformly.
_SPELLINGS = ["TBD", "-", "미정", "N/A", ""]
_LAYOUTS = list(product(["\n", "\r\n"], BOOLS, BOOLS, ["", " ", "  "], BOOLS, _SPELLINGS))
_WRITING = list(product([" , ", ", ", "<br>", " "], BOOLS, BOOLS, _SPELLINGS))
_PLACEHOLDERS = list(product(_SPELLINGS, repeat=3))
# Built once: a sampled_from built per draw hashes its whole list again each time.
LAYOUTS, WRITING, PLACEHOLDERS = map(st.sampled_from, (_LAYOUTS, _WRITING, _PLACEHOLDERS))


@st.composite
def styles(draw: st.DrawFn) -> Style:
    ending, leading, trailing, space, aligned, first = draw(LAYOUTS)
    separator, issue_link, final_newline, second = draw(WRITING)
    placeholders = ["", first, second, *draw(PLACEHOLDERS)]
    if not trailing and placeholders[-1] == "":
        placeholders[-1] = "-"  # an empty last cell would read as a trailing pipe
    return Style(
        ending=ending,
        leading=leading,
        trailing=trailing,
        space=space,
        aligned=aligned,
        placeholders=tuple(placeholders),
        separator=separator,
        issue_link=issue_link,
        final_newline=final_newline,
    )


STYLES = styles()


# A row's shape in one draw: free (half of them, as a coin would say), or filled with or
# without a title, with zero to two links, with or without an issue number.
_FREE = (False, False, 0, False)
_ROW_SHAPES = [_FREE] * 12 + list(product([True], BOOLS, range(3), BOOLS))
TITLES = st.lists(texts, min_size=1, max_size=4, unique_by=str.casefold)


@cache
def _dates(min_size: int) -> st.SearchStrategy[list[dt.date]]:
    """`min_size` to 10 different days of DAYS, in order: one draw (markdown_docs.picks), a day
    drawn twice kept once."""
    return (
        picks(DAYS, min_size, 10)
        .map(lambda days: sorted(set(days)))
        .filter(lambda days: len(days) >= min_size)
    )


@st.composite
def documents(
    draw: st.DrawFn, min_dates: int = 1, min_free: int = 0, candidates: bool | None = None
) -> Doc:
    """A schedule README. `min_dates`, `min_free` (rows with no presenter) and `candidates`
    (a candidate table after the schedule, or not) ask for only the documents a test
    would otherwise reject, so that it does not spend its examples on them."""
    style = draw(STYLES)
    dates = draw(_dates(max(min_dates, min_free)))
    shapes = draw(picks(_ROW_SHAPES, len(dates), len(dates)))
    if min_free:
        # Rows free by chance stay free; these are made free as well (any of them may be).
        for index in draw(_indices(len(dates), min_free)):
            shapes[index] = _FREE
    rows, free = [], []
    for date, (filled, titled, link_count, numbered) in zip(dates, shapes, strict=True):
        cells = [f"{date.month}/{date.day}", *style.placeholders[1:]]
        if filled:
            cells[1] = draw(names)
            if titled:
                cells[2] = draw(texts).replace("|", "\\|")
            if link_count:
                cells[3] = style.separator.join(draw(urls) for _ in range(link_count))
            if numbered:
                cells[4] = _issue(draw(issues), style)
        rows.append(_line(cells, style))
        free.append(not filled)
    lines = [_line(HEADER, style), _line(["---"] * 6, style, delimiter=True), *rows]
    tail: list[str] = []
    if draw(st.booleans()) if candidates is None else candidates:
        titles = draw(TITLES)
        tail = ["", "Title | Link | Keyword", "--- | --- | ---"]
        tail += [
            f"{t.replace('|', chr(92) + '|')} | https://x.org/{i} | K" for i, t in enumerate(titles)
        ]
    body = style.ending.join(["# 2023 Study", "", "Schedule:", "", *lines, *tail])
    text = body + (style.ending if style.final_newline else "")
    return Doc(text, style, dates, free)


def _shown(text: str) -> str:
    """A value as GitHub shows it, and so as the reader reads it: runs of spaces are one."""
    return " ".join(text.split())


def _lines(text: str) -> tuple[str, ...]:
    return Source.from_text(text).lines


def _when(date: dt.date) -> str:
    return f"{date.month}/{date.day}"


def _schedule_lines(doc: Doc) -> range:
    return range(4 + 2, 4 + 2 + len(doc.dates))  # 0-based lines of the body rows


def _indices(count: int, size: int) -> st.SearchStrategy[list[int]]:
    """`size` different indices into a list of `count` items, as
    `st.lists(st.sampled_from(items), ...)` would pick them; Hypothesis caches the
    strategies of integers and lists by their arguments, not a sampled_from of a new list."""
    return st.lists(st.integers(0, count - 1), min_size=size, max_size=size, unique=True)


def _pick(data: st.DataObject, items: list[T]) -> T:
    """One of `items`, as `data.draw(st.sampled_from(items))` (see _indices)."""
    return items[data.draw(st.integers(0, len(items) - 1))]


def _day_not_in(doc: Doc, data: st.DataObject) -> dt.date:
    """One of the days a document's dates come from that it does not hold (drawn from
    those only, rather than drawn from all and rejected when taken)."""
    taken = set(doc.dates)
    return _pick(data, [day for day in DAYS if day not in taken])


SETTINGS = settings(derandomize=True, deadline=None, max_examples=150)


@SETTINGS
@given(
    documents(),
    st.data(),
    names,
    st.none() | texts,
    st.lists(urls, max_size=2),
    st.none() | issues,
    st.none() | texts,
)
def test_assign_reads_back_and_touches_one_line(
    doc: Doc,
    data: st.DataObject,
    who: str,
    title: str | None,
    links: list[str],
    issue: int | None,
    note: str | None,
) -> None:
    index = data.draw(st.integers(0, len(doc.dates) - 1))
    edited = mdstudy.loads(doc.text)
    before = edited.snapshot  # an edit replaces the snapshot: this one keeps the old text
    old = before.sessions[index]
    edited.assign(
        _when(doc.dates[index]), who, title=title, links=links, issue=issue, note=note, force=True
    )
    after = edited.sessions
    hands = old.presenter not in (None, who)
    expected = replace(
        old,
        presenter=who,
        title=_shown(title) if title is not None else (None if hands else old.title),
        links=tuple(links) or (() if hands else old.links),
        issue=issue if issue is not None else (None if hands else old.issue),
        note=_shown(note) if note is not None else (None if hands else old.note),
    )
    assert after[index] == expected
    assert (
        after[:index] + after[index + 1 :] == before.sessions[:index] + before.sessions[index + 1 :]
    )
    old_lines, new_lines = _lines(doc.text), _lines(edited.dumps())
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert set(changed) <= {_schedule_lines(doc)[index]}
    if changed:
        old_row = before.schedule_table.body_rows[index]  # type: ignore[union-attr]
        new_row = edited.schedule_table.body_rows[index]  # type: ignore[union-attr]
        assert new_row.cells[0] == old_row.cells[0]  # the date cell, byte for byte
        assert new_row.ending == old_row.ending
        assert (new_row.prefix, new_row.leading_pipe, new_row.trailing_pipe) == (
            old_row.prefix,
            old_row.leading_pipe,
            old_row.trailing_pipe,
        )
        if doc.style.aligned:  # lined up: every pipe stays in its display column
            assert _pipe_columns(new_lines[changed[0]]) == _pipe_columns(old_lines[changed[0]])


def _pipe_columns(line: str) -> list[int]:
    body = line.rstrip("\r\n")
    columns, at = [], 0
    for index, char in enumerate(body):
        if char == "|" and (index == 0 or body[index - 1] != "\\"):
            columns.append(at)
        at += wcswidth(char)
    return columns


@SETTINGS
@given(documents(min_free=2), st.data(), names, texts, st.lists(urls, max_size=2), issues, texts)
def test_assign_then_unassign_on_a_free_slot_restores_the_bytes(
    doc: Doc,
    data: st.DataObject,
    who: str,
    title: str,
    links: list[str],
    issue: int,
    note: str,
) -> None:
    free = [i for i, is_free in enumerate(doc.free) if is_free]
    # Once its only empty row is filled, a table no longer shows its placeholders.
    assert len(free) >= 2
    when = _when(doc.dates[_pick(data, free)])
    edited = mdstudy.loads(doc.text)
    edited.assign(when, who, title=title, links=links, issue=issue, note=note)
    assert edited.dumps() != doc.text
    edited.unassign(when)
    assert edited.dumps() == doc.text


@SETTINGS
@given(documents(min_dates=2), st.data())
def test_swap_twice_restores_the_bytes(doc: Doc, data: st.DataObject) -> None:
    a, b = (doc.dates[i] for i in data.draw(_indices(len(doc.dates), 2)))
    edited = mdstudy.loads(doc.text)
    before = edited.snapshot
    edited.swap(_when(a), _when(b))
    sessions = {s.date: s for s in edited.sessions}
    old = {s.date: s for s in before.sessions}
    for x, y in ((a, b), (b, a)):
        assert replace(sessions[x], date=y, line=old[y].line) == old[y]
    changed = [
        i
        for i, (p, q) in enumerate(zip(_lines(doc.text), _lines(edited.dumps()), strict=True))
        if p != q
    ]
    rows = _schedule_lines(doc)
    assert set(changed) <= {rows[doc.dates.index(a)], rows[doc.dates.index(b)]}
    edited.swap(_when(a), _when(b))
    assert edited.dumps() == doc.text


@SETTINGS
@given(documents(), st.data())
def test_add_then_remove_session_restores_the_bytes(doc: Doc, data: st.DataObject) -> None:
    date = _day_not_in(doc, data)
    edited = mdstudy.loads(doc.text)
    edited.add_session(date.isoformat())
    sessions = edited.sessions
    assert [s.date for s in sessions] == sorted([*doc.dates, date])
    new = next(s for s in sessions if s.date == date)
    assert (new.presenter, new.title, new.links, new.issue, new.note) == (
        None,
        None,
        (),
        None,
        None,
    )
    old_lines, new_lines = _lines(doc.text), _lines(edited.dumps())
    assert len(new_lines) == len(old_lines) + 1
    at = new.line - 1
    # Every other line is as it was (the old last line may gain the line ending it lacked).
    assert [x.rstrip("\r\n") for x in new_lines[:at] + new_lines[at + 1 :]] == [
        x.rstrip("\r\n") for x in old_lines
    ]
    assert new_lines[at].endswith(doc.style.ending) or not doc.style.final_newline
    edited.remove_session(date.isoformat())
    assert edited.dumps() == doc.text


@SETTINGS
@given(documents(), st.data())
def test_move_and_back_restores_the_bytes(doc: Doc, data: st.DataObject) -> None:
    target = _day_not_in(doc, data)
    date = _pick(data, doc.dates)
    edited = mdstudy.loads(doc.text)
    before = {s.date: s for s in edited.sessions}
    edited.move(_when(date), _when(target))
    dates = [s.date for s in edited.sessions]
    assert dates == sorted(dates)
    moved = next(s for s in edited.sessions if s.date == target)
    assert replace(moved, date=date, line=before[date].line) == before[date]
    edited.move(_when(target), _when(date))
    assert edited.dumps() == doc.text


@SETTINGS
@given(documents(candidates=True), texts, st.lists(urls, max_size=2))
def test_add_then_remove_candidate_restores_the_bytes(
    doc: Doc, title: str, links: list[str]
) -> None:
    edited = mdstudy.loads(doc.text)
    original = edited.snapshot
    assert original.candidate_table is not None
    assume(all(c.title.casefold() != title.casefold() for c in original.candidates))
    edited.add_candidate(title, links=links, keyword="K")
    added = edited.candidates[-1]
    assert (added.title, list(added.links), added.keyword) == (plain(title), links, "K")  # as shown
    assert edited.candidates[:-1] == original.candidates
    edited.remove_candidate(title)
    assert edited.dumps() == doc.text


# Findings about what a value means (two sessions with one issue or one link) can follow
# from the values chosen; every other error would be the writer's.
_SEMANTIC = {"MS005", "MS007"}


def _errors(doc: mdstudy.Document) -> set[tuple[str, int]]:
    findings = check_document(doc, Settings(frozenset(RULES)))
    return {(f.code, f.line) for f in findings if f.severity == "error" and f.code not in _SEMANTIC}


@SETTINGS
@given(
    documents(),
    st.data(),
    names,
    st.none() | texts,
    st.lists(urls, max_size=2),
    st.none() | issues,
    st.none() | texts,
)
def test_check_accepts_whatever_an_edit_writes(
    doc: Doc,
    data: st.DataObject,
    who: str,
    title: str | None,
    links: list[str],
    issue: int | None,
    note: str | None,
) -> None:
    """The one reader: what assign and add-session write, check finds no error in, and the
    reader reads back as given (as GitHub shows it)."""
    index = data.draw(st.integers(0, len(doc.dates) - 1))
    edited = mdstudy.loads(doc.text)
    errors_before = _errors(edited)  # before the edit
    edited.assign(
        _when(doc.dates[index]), who, title=title, links=links, issue=issue, note=note, force=True
    )
    new_day = doc.dates[-1] + dt.timedelta(days=7)
    edited.add_session(new_day.isoformat())
    assert _errors(mdstudy.loads(edited.dumps())) <= errors_before
    session = edited.sessions[index]
    assert session.presenter == plain(who)
    assert title is None or session.title == plain(title)
    assert note is None or session.note == plain(note)
    assert not links or list(session.links) == links
    assert issue is None or session.issue == issue
    assert edited.sessions[-1].date == new_day
