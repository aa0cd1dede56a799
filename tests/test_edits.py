"""Edits from Python: each changes only the lines of the rows it touches, in the table's habits.

Line numbers and expected lines come from the seed README (fixtures/README.md)
and the issue that specifies the edits.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import pytest
from gfm_oracle import github_tables

import mdstudy
from mdstudy import MdStudyError
from mdstudy.source import Source

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "README.md"
GPTQ = "GPTQ: Accurate Quantization for Generative Pre-trained Transformers"
GPTQ_URL = "https://openreview.net/forum?id=tcbBPnfwxS"
ASSIGNED_5_24 = f"5/24 | 홍길동 | {GPTQ} | {GPTQ_URL} | #11 | -"


Change = tuple[str, int, int, list[str]]


def seed() -> str:
    return SEED.read_bytes().decode("utf-8")


def lines(text: str) -> list[str]:
    return list(Source.from_text(text).lines)


def changes(old: str, new: str) -> list[Change]:
    """(kind, first old line, last old line, new line bodies) for each changed block (1-based)."""
    a, b = lines(old), lines(new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((tag, i1 + 1, i2, [line.rstrip("\r\n") for line in b[j1:j2]]))
    return out


def edited(text: str, edit: Callable[[mdstudy.Document], None]) -> str:
    doc = mdstudy.loads(text)
    edit(doc)
    return doc.dumps()


# --- the edits the issue lists, on the seed ------------------------------------------

SEED_EDITS: dict[
    str, tuple[Callable[[mdstudy.Document], None], list[tuple[str, int, int, list[str]]]]
] = {
    "assign": (
        lambda d: d.assign("5/24", "홍길동", title=GPTQ, links=[GPTQ_URL], issue=11),
        [("replace", 28, 28, [ASSIGNED_5_24])],
    ),
    "assign-candidate": (
        lambda d: d.assign("5/24", "홍길동", candidate="gptq", issue=11),
        [("replace", 28, 28, [ASSIGNED_5_24])],
    ),
    "unassign": (
        lambda d: d.unassign("6/21"),
        [("replace", 32, 32, ["6/21 | TBD | - | - | - | -"])],
    ),
    "swap": (
        lambda d: d.swap("5/10", "5/17"),
        [
            (
                "replace",
                26,
                27,
                [
                    "5/10 | 김형준 | How to Improve Sampling Speed of Diffusion Models "
                    "| - | #3 | -",
                    "5/17 | 권세중 | Challenges on Optimization of LLM Inference | - | #2 | -",
                ],
            )
        ],
    ),
    "add-session": (
        lambda d: d.add_session("8/2"),
        [("insert", 38, 37, ["8/2 | TBD | - | - | - | -"])],
    ),
    "move-in-place": (
        lambda d: d.move("7/26", "8/9"),
        [("replace", 37, 37, ["8/9 | TBD | - | - | - | -"])],
    ),
    "move-earlier": (
        lambda d: d.move("7/26", "5/4"),
        [("insert", 26, 25, ["5/4 | TBD | - | - | - | -"]), ("delete", 37, 37, [])],
    ),
    "force-assign": (
        lambda d: d.assign("6/7", "X", force=True),
        [("replace", 30, 30, ["6/7 | X | - | - | - | -"])],
    ),
    "remove-session": (
        lambda d: d.remove_session("7/26"),
        [("delete", 37, 37, [])],
    ),
}


@pytest.mark.parametrize("name", SEED_EDITS)
def test_seed_edit_changes_only_its_rows(name: str) -> None:
    edit, expected = SEED_EDITS[name]
    assert changes(seed(), edited(seed(), edit)) == expected


@pytest.mark.parametrize("name", SEED_EDITS)
def test_seed_edit_on_crlf_copy_keeps_crlf_and_same_rows(name: str) -> None:
    edit, expected = SEED_EDITS[name]
    crlf = seed().replace("\n", "\r\n")
    result = edited(crlf, edit)
    assert all(line.endswith("\r\n") for line in lines(result))
    assert "\n" not in result.replace("\r\n", "")
    assert changes(crlf, result) == expected


def test_edited_values_read_back() -> None:
    doc = mdstudy.loads(seed())
    doc.assign("5/24", "홍길동", title=GPTQ, links=[GPTQ_URL], issue=11)
    session = next(s for s in doc.sessions if s.date == dt.date(2023, 5, 24))
    assert (session.presenter, session.title, session.links, session.issue, session.note) == (
        "홍길동",
        GPTQ,
        (GPTQ_URL,),
        11,
        None,
    )


def test_move_keeps_date_order() -> None:
    doc = mdstudy.loads(seed())
    doc.move("5/10", "7/20")
    dates = [s.date for s in doc.sessions]
    assert dates == sorted(dates)
    moved = next(s for s in doc.sessions if s.date == dt.date(2023, 7, 20))
    assert moved.presenter == "권세중"
    # 5/10 leaves line 26, so 7/19 moves up to line 35 and 7/20 follows it.
    assert moved.line == 36


def test_assign_refuses_an_assigned_session_and_leaves_text_alone() -> None:
    doc = mdstudy.loads(seed())
    with pytest.raises(MdStudyError, match=r"<text>:30: .*already has a presenter \(전은주\)"):
        doc.assign("6/7", "X")
    assert doc.dumps() == seed()


def test_same_presenter_may_add_details_without_force() -> None:
    text = edited(seed(), lambda d: d.assign("6/14", "강병하", title="Sparse GPT"))
    assert changes(seed(), text) == [
        ("replace", 31, 31, ["6/14 | 강병하 | Sparse GPT | - | #7 | -"])
    ]


def test_when_forms_name_the_same_session() -> None:
    results = {
        when: edited(seed(), lambda d, when=when: d.assign(when, "A")) for when in
        ("5/24", "2023-05-24", "5월 24일", "2023년 5월 24일")
    }  # fmt: skip
    assert len(set(results.values())) == 1
    assert changes(seed(), results["5/24"]) == [("replace", 28, 28, ["5/24 | A | - | - | - | -"])]


def test_next_is_the_earliest_free_session_from_today() -> None:
    text = edited(seed(), lambda d: d.assign("next", "A", today=dt.date(2023, 6, 1)))
    assert changes(seed(), text) == [("replace", 36, 36, ["7/19 | A | - | - | - | -"])]
    with pytest.raises(MdStudyError, match="no session from 2023-07-27 on is free"):
        mdstudy.loads(seed()).assign("next", "A", today=dt.date(2023, 7, 27))


def test_unknown_or_taken_dates_are_refused() -> None:
    doc = mdstudy.loads(seed())
    with pytest.raises(MdStudyError, match="no session on 5/25"):
        doc.unassign("5/25")
    with pytest.raises(MdStudyError, match="not a date"):
        doc.unassign("someday")
    with pytest.raises(MdStudyError, match=r"line 36 already has a session"):
        doc.move("7/26", "7/19")
    with pytest.raises(MdStudyError, match=r"<text>:25: there is already a session on 5/3"):
        doc.add_session("5/3")
    with pytest.raises(MdStudyError, match=r"<text>:30: .*is assigned to 전은주; use force=True"):
        doc.remove_session("6/7")
    assert doc.dumps() == seed()


# --- values: escaping and refusals ------------------------------------------------------


def test_pipe_in_title_is_escaped_and_github_sees_six_cells() -> None:
    text = edited(seed(), lambda d: d.assign("5/24", "A", title="a | b"))
    assert changes(seed(), text) == [("replace", 28, 28, [r"5/24 | A | a \| b | - | - | -"])]
    schedule = github_tables(text)[0]
    row = schedule.rows[28 - 25]
    assert len(row) == 6
    assert row[:3] == ["5/24", "A", "a | b"]
    assert mdstudy.loads(text).sessions[3].title == "a | b"
    assert "<td>a | b</td>" in cmarkgfm.github_flavored_markdown_to_html(text)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"title": "two\nlines"}, "cannot hold a line break"),
        ({"note": "carriage\rreturn"}, "cannot hold a line break"),
        ({"links": ["ftp://example.com/x"]}, "not an absolute http"),
        ({"links": ["/relative/path"]}, "not an absolute http"),
        ({"links": ["https://"]}, "not an absolute http"),
        ({"links": ["javascript:alert(1)"]}, "not an absolute http"),
        ({"title": "back\\| slash"}, "backslash right before"),
        ({"issue": 0}, "issue number must be 1 or more"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(options: dict, message: str) -> None:
    doc = mdstudy.loads(seed())
    with pytest.raises(MdStudyError, match=message) as error:
        doc.assign("5/24", "A", **options)
    assert str(error.value).startswith("<text>:28: ")
    assert doc.dumps() == seed()


def test_placeholder_presenter_is_refused() -> None:
    with pytest.raises(MdStudyError, match="placeholder"):
        mdstudy.loads(seed()).assign("5/24", "TBD")


def test_url_with_trailing_punctuation_is_written_so_it_reads_back() -> None:
    url = "https://example.com/paper."
    doc = mdstudy.loads(seed())
    doc.assign("5/24", "A", links=[url, "https://example.org/b"])
    assert doc.sessions[3].links == (url, "https://example.org/b")
    assert f"<{url}> , https://example.org/b" in doc.dumps()


# --- candidates ------------------------------------------------------------------------


def test_candidate_query_must_match_exactly_one() -> None:
    doc = mdstudy.loads(seed())
    with pytest.raises(
        MdStudyError, match=r"'pruning' matches 11 candidates: line 51: Optimal Brain"
    ):
        doc.assign("5/24", "A", candidate="pruning")
    with pytest.raises(MdStudyError, match="no candidate title contains 'zzz'"):
        doc.assign("5/24", "A", candidate="zzz")
    assert doc.dumps() == seed()


def test_add_and_remove_candidate() -> None:
    text = edited(
        seed(),
        lambda d: d.add_candidate(
            "SparseGPT", links=["https://arxiv.org/abs/2301.00774"], keyword="Pruning"
        ),
    )
    # The last row's layout (no space around its first pipe, a trailing space) is copied.
    assert changes(seed(), text) == [
        ("insert", 69, 68, ["SparseGPT|https://arxiv.org/abs/2301.00774 | Pruning "])
    ]
    doc = mdstudy.loads(text)
    assert doc.candidates[-1].title == "SparseGPT"
    assert doc.candidates[-1].keyword == "Pruning"
    doc.remove_candidate("sparsegpt")
    assert doc.dumps() == seed()
    with pytest.raises(MdStudyError, match="already listed"):
        mdstudy.loads(seed()).add_candidate("gptq: accurate quantization for generative "
                                            "pre-trained transformers")  # fmt: skip


def test_candidate_links_use_the_candidate_tables_separator() -> None:
    text = edited(
        seed(), lambda d: d.add_candidate("X", links=["https://a.org/1", "https://b.org/2"])
    )
    # Line 65 separates two links with "; ". The list has no placeholder, but a last cell
    # with no pipe after it must hold something, or GitHub sees one cell fewer (MS001).
    assert lines(text)[68] == "X|https://a.org/1; https://b.org/2 | - \n"


# --- habits learned from the table ----------------------------------------------------


def table_doc(header: str, delimiter: str, rows: list[str], before: str = "") -> str:
    head = "# 2023 Study\n\n" + before
    return head + "\n".join([header, delimiter, *rows]) + "\n"


def test_zero_padded_dates_stay_zero_padded() -> None:
    text = table_doc(
        "| When | Who | What |",
        "| --- | --- | --- |",
        ["| 05/03 | A | x |", "| 05/10 | TBD | - |"],
    )
    result = edited(text, lambda d: d.add_session("5/17"))
    assert lines(result)[-1] == "| 05/17 | TBD | - |\n"


def test_iso_dates_stay_iso() -> None:
    text = table_doc("When | Who", "--- | ---", ["2023-05-03 | A", "2023-05-10 | 미정"])
    result = edited(text, lambda d: d.add_session("2023-06-01"))
    assert lines(result)[-1] == "2023-06-01 | 미정\n"


def test_korean_dates_get_their_weekday_right() -> None:
    text = table_doc(
        "| 회차 | 날짜 | 발표자 |",
        "|:--:|:--:|:--:|",
        ["| 1회차 | 2025년 6월 22일 (일) | A |", "| 2회차 | 2025년 6월 29일 (일) | 미정 |"],
    )
    result = edited(text, lambda d: d.add_session("2025-07-02"))
    # 2025-07-02 is a Wednesday (수); the numbering column continues its count.
    assert lines(result)[-1] == "| 3회차 | 2025년 7월 2일 (수) | 미정 |\n"
    assert mdstudy.loads(result).sessions[-1].date == dt.date(2025, 7, 2)


def test_english_dates_keep_their_form() -> None:
    text = table_doc(
        "| Date | Presenter |", "| --- | --- |", ["| Tue Aug 25 | A |", "| Thu Aug 27 | TBD |"]
    )
    result = edited(text, lambda d: d.add_session("2023-09-01"))
    assert lines(result)[-1] == "| Fri Sep 1 | TBD |\n"


def test_issue_links_follow_the_column() -> None:
    url = "https://github.com/o/r/issues"
    text = table_doc(
        "| When | Who | Issue |",
        "| --- | --- | --- |",
        [f"| 5/3 | A | [#1]({url}/1) |", "| 5/10 | TBD | - |"],
    )
    result = edited(text, lambda d: d.assign("5/10", "B", issue=12))
    assert lines(result)[-1] == f"| 5/10 | B | [#12]({url}/12) |\n"
    assert mdstudy.loads(result).sessions[-1].issue == 12


def test_link_separator_is_learned() -> None:
    text = table_doc(
        "| When | Who | Links |",
        "| --- | --- | --- |",
        ["| 5/3 | A | https://a.org/1<br>https://a.org/2 |", "| 5/10 | TBD | |"],
    )
    result = edited(
        text, lambda d: d.assign("5/10", "B", links=["https://b.org/1", "https://b.org/2"])
    )
    assert lines(result)[-1] == "| 5/10 | B | https://b.org/1<br>https://b.org/2 |\n"


def test_aligned_table_stays_aligned_in_display_width() -> None:
    text = table_doc(
        "| When | Who      | What       |",
        "| ---- | -------- | ---------- |",
        ["| 5/3  | 김태수   | Intro      |", "| 5/10 | TBD      | -          |"],
    )
    result = edited(text, lambda d: d.assign("5/10", "홍길동", title="LoRA"))
    assert changes(text, result) == [("replace", 6, 6, ["| 5/10 | 홍길동   | LoRA       |"])]


def test_aligned_column_widens_when_the_value_does_not_fit() -> None:
    text = table_doc(
        "| When | Who    |",
        "| ---- | ------ |",
        ["| 5/3  | A      |", "| 5/10 | TBD    |"],
    )
    result = edited(text, lambda d: d.assign("5/10", "김정훈김"))
    # 김정훈김 is 8 columns wide: the column grows to 10 in every row.
    assert lines(result)[2:] == [
        "| When | Who      |\n",
        "| ---- | -------- |\n",
        "| 5/3  | A        |\n",
        "| 5/10 | 김정훈김 |\n",
    ]


def test_new_row_in_aligned_table_is_aligned() -> None:
    text = table_doc(
        "| When | Who    |",
        "| ---- | ------ |",
        ["| 5/3  | A      |", "| 5/10 | TBD    |"],
    )
    result = edited(text, lambda d: d.add_session("5/17"))
    assert lines(result)[-1] == "| 5/17 | TBD    |\n"


@pytest.mark.parametrize("prefix", ["> ", "     "])
def test_table_in_a_container_keeps_its_prefix(prefix: str) -> None:
    before = "1. list\n\n" if prefix.isspace() else ""
    text = f"# 2023\n\n{before}{prefix}| When | Who |\n{prefix}| --- | --- |\n{prefix}| 5/3 | A |\n"
    result = edited(text, lambda d: d.add_session("5/10"))
    # No placeholder anywhere in the table: the new presenter cell is the neighbour's, emptied.
    assert result == text + f"{prefix}| 5/10 |  |\n"
    assert mdstudy.loads(result).sessions[-1].date == dt.date(2023, 5, 10)


def test_no_final_newline_is_kept_by_add_and_remove() -> None:
    text = seed().rstrip("\n")
    added = edited(text, lambda d: d.add_candidate("X"))
    assert not added.endswith("\n")
    assert lines(added)[-2].endswith(" \n")  # the former last line now ends its line
    assert edited(added, lambda d: d.remove_candidate("X")) == text


def test_session_added_after_the_last_line_without_newline() -> None:
    text = "# 2023\n\nWhen | Who\n--- | ---\n5/3 | A\r\n5/10 | TBD"
    added = edited(text, lambda d: d.add_session("5/17"))
    assert added == "# 2023\n\nWhen | Who\n--- | ---\n5/3 | A\r\n5/10 | TBD\r\n5/17 | TBD"
    assert edited(added, lambda d: d.remove_session("5/17")) == text


def test_short_row_gets_the_cells_it_needs() -> None:
    text = "# 2023\n\n| When | Who | What |\n| --- | --- | --- |\n| 5/3 |\n"
    result = edited(text, lambda d: d.assign("5/3", "A", title="T"))
    assert mdstudy.loads(result).sessions[0].presenter == "A"
    assert mdstudy.loads(result).sessions[0].title == "T"


def test_a_title_that_would_end_the_table_is_escaped() -> None:
    # A row without a leading pipe starting `# ` would be a heading: `\#` keeps it a row.
    text = "# 2023\n\nTitle | Link\n--- | ---\nA | https://a.org\n"
    doc = mdstudy.loads(text)
    doc.add_candidate("# heading")
    assert doc.dumps() == text + "\\# heading | -\n"
    assert [c.title for c in mdstudy.loads(doc.dumps()).candidates] == ["A", "# heading"]


# --- a large schedule: an edit touches only its rows ---------------------------------------


def test_large_schedule_edit_touches_one_line() -> None:
    start = dt.date(2000, 1, 3)
    rows = [f"{start + dt.timedelta(days=7 * i)} | TBD | - | -" for i in range(20000)]
    text = "# Study\n\nWhen | Who | What | Issue\n--- | --- | --- | ---\n" + "\n".join(rows) + "\n"
    when = (start + dt.timedelta(days=7 * 10000)).isoformat()
    result = edited(text, lambda d: d.assign(when, "A", issue=3))
    assert changes(text, result) == [("replace", 10005, 10005, [f"{when} | A | - | #3"])]
