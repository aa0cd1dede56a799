"""Fuzzing: parsing and checking never crash, and text always round-trips.

Parsing may refuse a text, but only with MdStudyError (one clear line for the user);
any other exception would reach the user as a traceback. The strategies lean on the
characters Markdown tables are made of, and on README-shaped schedules with odd cells,
so the table and model code is reached far more often than by plain random text.
Edit-then-reread is covered by tests/test_edit_properties.py.

The regression inputs at the bottom come from the atheris harness in fuzz/.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_docs import picks

import mdstudy
from mdstudy.check import RULES, Finding, Settings, check_document
from mdstudy.document import Document
from mdstudy.errors import MdStudyError

BUDGET = settings(max_examples=300, derandomize=True, deadline=None)

# Pieces of Markdown tables, inline Markdown, line splitting and dates.
# Lists of picks are drawn as one hypothesis choice each (`picks`), and every strategy is
# built once, here: the same inputs as plain lists of sampled_from, at a fraction of the cost.
FRAGMENTS = (
    ["", " ", "\t", "-", "---", ":-:", "-:", "a", "5/24", "TBD", "\\", "`", "*", "_", "[x]",
     "(y)", "<br>", "&#124;", "#7", "한", "🧪", "\ufeff", "\u2028", "\x0c", "\x0b", "\x85",
     "\u00a0", "> ", "- ", "    ", "```", "<div>", "\r"]
)  # fmt: skip
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
# A line of fragments or a delimiter row: its leading and trailing pipes are one pick.
LINE_PIPES = st.sampled_from(
    [(lead, trail) for lead in ["", "|", " |", "> |", "- |"] for trail in ["", "|", "| ", "\\|"]]
)
LINE_CELLS = picks(FRAGMENTS, min_size=0, max_size=8).map("|".join)
DELIMITER_PIPES = st.sampled_from(
    [(lead, trail) for lead in ["", "|", "> |"] for trail in ["", "|"]]
)
DELIMITER_CELLS = picks(["---", ":-:", "-:", " - ", ":-"], min_size=1, max_size=4).map("|".join)
LINE_KINDS = picks(["line", "delimiter", "header"], min_size=0, max_size=12)


@st.composite
def table_text(draw: st.DrawFn) -> str:
    """Up to 12 lines, each a line of fragments, a delimiter row or a schedule header, joined
    by one line ending, maybe a final one. The same texts as a list of one_of, in fewer
    choices: the lines' kinds are one, each line two."""
    lines = []
    for kind in draw(LINE_KINDS):
        if kind == "header":
            lines.append("When | Who | What")
            continue
        lead, trail = draw(LINE_PIPES if kind == "line" else DELIMITER_PIPES)
        lines.append(lead + draw(LINE_CELLS if kind == "line" else DELIMITER_CELLS) + trail)
    ending = draw(ENDINGS)
    return ending.join(lines) + (ending if draw(st.booleans()) else "")


TABLE_TEXT = table_text()

DATE_HEADERS = st.sampled_from(["When", "Date", "날짜", "일시", "**When**", "When "])
WHO_HEADERS = st.sampled_from(["Who", "발표자", "Presenter", "*Who*"])
OTHER_HEADER_NAMES = ["What", "Title", "Links", "Link", "Issue #", "Etc.", "Keyword", " ", ""]
OTHER_HEADERS = st.sampled_from(OTHER_HEADER_NAMES)
EXTRA_HEADERS = picks(OTHER_HEADER_NAMES, min_size=0, max_size=4)
HEADER_KINDS = st.sampled_from(["schedule", "candidates", "other"])
CELL_VALUES = (
    ["5/24", "2023-05-24", "5월 24일", "2/30", "13/45", "0/0", "99999999-01-01",
     "2023-13-01", "9999/12/31", "0001-01-01", "5/24/2023", "24.5.", "TBD", "-", "미정",
     "N/A", "#7", "#0", "#99999999999999999999999", "[x](https://e.x)", "https://",
     "[](", "`|`", "\\|", "<br>", "김정훈", ""]
)  # fmt: skip
CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"),
    max_size=12,
)

# Built once: a strategy made in a draw is built and validated again at every draw.
CELL_KINDS = {n: picks([False, True], min_size=0, max_size=n) for n in range(8)}
CELL_VALUE_LISTS = {n: picks(CELL_VALUES, n, n) for n in range(8)}


@st.composite
def row_cells(draw: st.DrawFn, max_size: int) -> list[str]:
    """`st.lists(st.one_of(st.sampled_from(CELL_VALUES), CELL_TEXT), max_size=max_size)`
    in fewer choices: which cells are random texts (half of them, as one_of picks) and the
    listed values are one choice each, then one text per random-text cell."""
    is_text = draw(CELL_KINDS[max_size])
    values = draw(CELL_VALUE_LISTS[len(is_text)])
    return [draw(CELL_TEXT) if text else value for text, value in zip(is_text, values, strict=True)]


# An order of 2 + up to 4 headers, built once per count (an order is drawn the same way).
ORDERS = {n: st.permutations(range(n)) for n in range(2, 7)}


@st.composite
def header(draw: st.DrawFn) -> list[str]:
    """A schedule header (a date and a presenter column), a candidate one, or anything."""
    kind = draw(HEADER_KINDS)
    extra = draw(EXTRA_HEADERS)
    if kind == "other":
        return [*extra, draw(OTHER_HEADERS)]
    if kind == "schedule":
        names = [draw(DATE_HEADERS), draw(WHO_HEADERS), *extra]
    else:
        names = ["Title", "Link", *extra]
    return [names[index] for index in draw(ORDERS[len(names)])]


TITLES = st.sampled_from(["# 2023 Study", "# Study", "# 9999 Study", ""])
PERIODS = st.sampled_from(["", "2023년 5월 10일부터 2023년 7월 26일까지", "5/10 - 2/30"])
TABLE_COUNTS = st.integers(1, 2)
HEADERS = header()
# Rows of a table of each width (up to 2 + 4 headers): up to six, each up to one cell too many.
ROWS = {n: st.lists(row_cells(n + 1), max_size=6) for n in range(1, 7)}
PIPES = st.sampled_from([("", ""), ("| ", " |"), ("|", "|")])


@st.composite
def schedule_readme(draw: st.DrawFn) -> str:
    """A README with a title, maybe a period, and one or two tables of odd cells."""
    title = draw(TITLES)
    period = draw(PERIODS)
    blocks = [title, "", period, ""]
    for _ in range(draw(TABLE_COUNTS)):
        names = draw(HEADERS)
        width = len(names)
        rows = draw(ROWS[width])
        lead, trail = draw(PIPES)
        blocks += [
            lead + " | ".join(names) + trail,
            lead + " | ".join(["---"] * width) + trail,
            *(lead + " | ".join(row) + trail for row in rows),
            "",
        ]
    ending = draw(ENDINGS)
    return ending.join(blocks) + (ending if draw(st.booleans()) else "")


def read_everything(doc: Document) -> None:
    """Touch every view a command may read; only MdStudyError may come out."""
    _ = doc.tables, doc.schedule_table, doc.candidate_table
    _ = doc.study
    _ = doc.sessions
    _ = doc.candidates


def check_everything(doc: Document) -> list[Finding]:
    findings = check_document(doc, Settings(frozenset(RULES), strict=True), "README.md")
    lines = len(doc.source.lines)
    for finding in findings:
        assert finding.code in RULES
        assert 1 <= finding.line <= max(lines, 1), finding
        assert finding.column >= 1, finding
        assert finding.message and "\n" not in finding.message, finding
    return findings


@BUDGET
@given(st.one_of(st.text(), TABLE_TEXT, schedule_readme()))
def test_round_trip_on_arbitrary_text(text: str) -> None:
    doc = mdstudy.loads(text)
    with contextlib.suppress(MdStudyError):  # a refusal is fine; the text must survive it
        read_everything(doc)
    assert doc.dumps() == text


@BUDGET
@given(st.one_of(TABLE_TEXT, schedule_readme()), st.sampled_from([None, 2023, 1900, 2999]))
def test_parse_never_raises_anything_but_mdstudy_error(text: str, year: int | None) -> None:
    try:
        read_everything(mdstudy.loads(text, year=year))
    except MdStudyError as err:
        message = str(err)
        assert message and "\n" not in message, message  # one line for the user


@BUDGET
@given(st.one_of(st.text(), TABLE_TEXT, schedule_readme()))
def test_check_never_crashes(text: str) -> None:
    check_everything(mdstudy.loads(text))


# --- regressions found by fuzz/fuzz_parser.py ---------------------------------------------
# Two 60-second atheris runs (2026-11-28; seeded with the seed README and ../shared/corpus:
# 78,243 inputs, 944 edges; 33,843 inputs, 964 edges) found no crash and no round-trip
# failure. These inputs from its corpus reach rarely taken paths; kept so it stays so.

# A table cut off inside its delimiter row, without a final newline.
CUT_IN_DELIMITER = "# Weekly\n\n| Date | Presenter | Paper |\n|-------------|-------------|-------"
# Day 0, and a code span that never closes.
DAY_ZERO = (
    "# Reading Group\n\n| Date | Presenter | Paper |\n|---|---|---|\n"
    "| 00/03/2018 | Hoa | Learning to Skim Text |\n| 08/03/2018 | Ana | `Dual learning |\n"
)
# A Korean README whose dates carry no year: refused, with one line saying why.
NO_YEAR = "# 스터디\n\n## 일정\n\nWhen | Who\n--- | ---\n5/3 | 김태수\n"
# A control character (U+0019) inside a cell.
CONTROL = "# 2018\n\n| Date | Presenter |\n|---|---|\n| 2018-03-08 | Ho\x19a |\n"
REGRESSIONS = [CUT_IN_DELIMITER, DAY_ZERO, NO_YEAR, CONTROL]


@pytest.mark.parametrize("text", REGRESSIONS)
def test_fuzzer_corpus_inputs_hold(text: str) -> None:
    doc = mdstudy.loads(text)
    with contextlib.suppress(MdStudyError):  # a refusal is fine; the text must survive it
        read_everything(doc)
    check_everything(doc)
    assert doc.dumps() == text


def test_a_table_cut_off_in_its_delimiter_row_has_no_sessions() -> None:
    doc = mdstudy.loads(CUT_IN_DELIMITER)
    assert doc.schedule_table is None  # an empty table is no schedule
    assert doc.sessions == []


def test_day_zero_is_a_bad_date_not_a_crash() -> None:
    doc = mdstudy.loads(DAY_ZERO)
    bad_dates = [f.line for f in check_everything(doc) if f.name == "bad-date"]
    assert bad_dates == [5]
    assert [session.presenter for session in doc.sessions] == ["Ana"]


def test_dates_without_a_year_are_refused_in_one_line() -> None:
    with pytest.raises(MdStudyError, match="year"):
        _ = mdstudy.loads(NO_YEAR).sessions
    assert mdstudy.loads(NO_YEAR, year=2023).sessions[0].presenter == "김태수"


def test_a_control_character_in_a_cell_is_kept() -> None:
    (session,) = mdstudy.loads(CONTROL).sessions
    assert session.presenter == "Ho\x19a"
