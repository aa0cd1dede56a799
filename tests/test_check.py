"""The rules of `mdstudy check`: each bad README trips exactly its rule, at the right line.

Expected lines and codes come from reading the READMEs and the rule list of
issue 5, never from the program's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_docs import document, picks
from shared_files import CORPUS, SEED, require_corpus

import mdstudy
from mdstudy.check import (
    RULES,
    Finding,
    Settings,
    Severity,
    check_document,
    check_file,
    format_github,
    format_json,
    format_text,
    resolve,
    suppressions,
)
from mdstudy.errors import MdStudyError

ALL = Settings(frozenset(RULES))

# A correct README: 2023-05-10 is a Wednesday and every session is on one.
GOOD = """\
# 2023 Test Study

2023년 5월 10일부터 2023년 6월 7일까지 진행합니다.

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | #1 |
| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | #2 |
| 5/24 | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #3 |
| 5/31 | TBD | - | - | - |
| 6/7 | TBD | - | - | - |

## Candidates

| Title | Link | Keyword |
| ----- | ---- | ------- |
| FP8 Quantization | https://arxiv.org/abs/2208.09225 | Quantization |
| SparseGPT | https://arxiv.org/abs/2301.00774 | Pruning |
"""


def with_line(number: int, text: str, base: str = GOOD) -> str:
    """GOOD with its 1-based line `number` replaced."""
    lines = base.splitlines(keepends=True)
    lines[number - 1] = text + "\n"
    return "".join(lines)


def findings_of(tmp_path: Path, text: str, name: str = "README.md") -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found, _, _ = check_file(path)
    return found


def codes_at(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in findings]


def test_the_good_readme_has_no_findings(tmp_path: Path) -> None:
    assert findings_of(tmp_path, GOOD) == []


# (bad README, the one rule expected, its line, words its message must hold)
BAD = {
    "MS001 extra cell": (
        with_line(8, "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | #2 | oops |"),
        "MS001",
        8,
        ["6 cells", "5"],
    ),
    "MS001 missing cells": (with_line(9, "| 5/24 | TBD |"), "MS001", 9, ["2 cells"]),
    "MS002": (
        with_line(9, "| next week | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #3 |"),
        "MS002",
        9,
        ["next week"],
    ),
    "MS002 no such day": (
        with_line(9, "| 5/32 | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #3 |"),
        "MS002",
        9,
        ["5/32"],
    ),
    "MS003 out of order": (
        with_line(9, "| 5/10 | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #3 |"),
        "MS003",
        9,
        ["line 8"],
    ),
    "MS004": (
        with_line(8, "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | issue two |"),
        "MS004",
        8,
        ["issue two"],
    ),
    "MS005": (
        with_line(9, "| 5/24 | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #2 |"),
        "MS005",
        9,
        ["#2", "line 8"],
    ),
    "MS006 relative link": (
        with_line(7, "| 5/10 | Kim | LoRA | [paper](lora.pdf) | #1 |"),
        "MS006",
        7,
        ["lora.pdf"],
    ),
    "MS006 no scheme": (
        with_line(7, "| 5/10 | Kim | LoRA | arxiv.org/abs/2106.09685 | #1 |"),
        "MS006",
        7,
        ["https://arxiv.org/abs/2106.09685"],
    ),
    "MS007 across tables": (
        with_line(17, "| FP8 Quantization | https://arxiv.org/abs/2106.09685 | Quantization |"),
        "MS007",
        17,
        ["line 7", "LoRA"],
    ),
    "MS007 within candidates": (
        with_line(18, "| SparseGPT | https://arxiv.org/abs/2208.09225 | Pruning |"),
        "MS007",
        18,
        ["line 17", "FP8 Quantization"],
    ),
    "MS008": (with_line(6, "| ---- | --- | ---- | ----- |"), "MS008", 5, ["4 cells", "line 6"]),
    "MS101": (with_line(11, "| 6/14 | TBD | - | - | - |"), "MS101", 11, ["after", "2023-06-07"]),
    "MS102": (with_line(10, "| 5/30 | TBD | - | - | - |"), "MS102", 10, ["Tuesday", "Wednesday"]),
    "MS103 no title": (with_line(8, "| 5/17 | Lee | - | - | #2 |"), "MS103", 8, ["Lee"]),
    "MS103 no presenter": (with_line(10, "| 5/31 | TBD | Mamba | - | - |"), "MS103", 10, ["Mamba"]),
    "MS104": (
        with_line(8, "| 5/17 | Lee | QLoRA | coming soon | #2 |"),
        "MS104",
        8,
        ["coming soon", "-"],
    ),
    "MS106": (
        GOOD + "\n| Event | When |\n| --- | --- |\n| Kickoff meeting | 2023-05-10 |\n",
        "MS106",
        20,
        ["Event | When", "[columns]"],
    ),
    "MS105": (
        with_line(18, "| fp8 quantization | https://arxiv.org/abs/2209.05433 | Quantization |"),
        "MS105",
        18,
        ["line 17"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_readme_trips_exactly_its_rule(tmp_path: Path, case: str) -> None:
    text, code, line, words = BAD[case]
    found = findings_of(tmp_path, text)
    assert codes_at(found) == [(code, line)]
    finding = found[0]
    assert finding.name == RULES[code].name
    assert finding.severity is (Severity.ERROR if code < "MS100" else Severity.WARNING)
    for word in words:
        assert word in finding.message


def test_every_rule_has_a_bad_readme() -> None:
    assert {code for _, code, _, _ in BAD.values()} == set(RULES)


def test_columns_point_at_the_cell() -> None:
    text = with_line(8, "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | issue two |")
    (finding,) = check_document(mdstudy.loads(text), ALL, "R.md")
    line = text.splitlines()[7]
    assert finding.column == line.index("issue two") + 1


# --- the seed README and the corpus ---------------------------------------------------


def test_seed_readme_gives_exactly_the_known_findings() -> None:
    found, _, _ = check_file(SEED)
    assert codes_at(found) == [
        ("MS101", 25),  # 5/3 is before the stated start, 5/10
        ("MS103", 31),  # 강병하 without a title
        ("MS104", 33),  # "N/A yet"
        ("MS103", 35),  # 이승현 without a title
        ("MS007", 47),  # arXiv 2206.01859, also on line 46 under another title
        ("MS007", 62),  # showEvent=54812, also on line 50 under another title
    ]
    by_line = {f.line: f for f in found}
    assert "line 46" in by_line[47].message and "2206.01859" in by_line[47].message
    assert "line 50" in by_line[62].message and "showEvent=54812" in by_line[62].message
    assert "N/A yet" in by_line[33].message
    assert "강병하" in by_line[31].message


def test_corpus_short_rows_give_column_count_at_each_line() -> None:
    require_corpus()
    path = CORPUS / "02-efficient-ai-study-2022-early.md"
    found, _, _ = check_file(path)
    # The schedule rows holding only a date (lines 22-25, 27-30 and 32).
    assert [f.line for f in found if f.code == "MS001"] == [22, 23, 24, 25, 27, 28, 29, 30, 32]
    assert all("1 cell but the header has 6" in f.message for f in found if f.code == "MS001")


# --- selection and suppression -------------------------------------------------------


def test_resolve_accepts_codes_prefixes_names_and_all() -> None:
    assert resolve(["MS103"], "x") == {"MS103"}
    assert resolve(["missing-topic"], "x") == {"MS103"}
    assert resolve(["MS1"], "x") == {"MS101", "MS102", "MS103", "MS104", "MS105", "MS106"}
    assert resolve(["ms00"], "x") == {f"MS00{i}" for i in range(1, 9)}
    assert resolve(["ALL"], "x") == set(RULES)
    with pytest.raises(MdStudyError, match="unknown rule 'MS999'"):
        resolve(["MS999"], "--select")


def test_comment_on_its_own_line_covers_the_next_line(tmp_path: Path) -> None:
    broken = with_line(6, "| ---- | --- | ---- | ----- |")
    lines = broken.splitlines(keepends=True)
    lines.insert(4, "<!-- mdstudy: ignore MS008 -->\n")
    assert findings_of(tmp_path, "".join(lines)) == []
    lines[4] = "<!-- mdstudy: ignore MS001 -->\n"  # another rule: the finding stays
    assert codes_at(findings_of(tmp_path, "".join(lines))) == [("MS008", 6)]


def test_comment_at_the_end_of_a_row_covers_that_row(tmp_path: Path) -> None:
    text = with_line(8, "| 5/17 | Lee | - | - | #2 | <!-- mdstudy: ignore missing-topic -->")
    # The comment sits in a sixth cell here: MS001 still fires, MS103 does not.
    assert codes_at(findings_of(tmp_path, text)) == [("MS001", 8)]
    text = with_line(8, "| 5/17 | Lee | - | - | #2 <!-- mdstudy: ignore MS103 --> |")
    assert findings_of(tmp_path, text) == []
    # The comment does not make the issue cell unreadable (GitHub shows it as nothing).
    text = with_line(8, "| 5/17 | Lee | - | - | - <!-- mdstudy: ignore MS103 --> |")
    assert findings_of(tmp_path, text) == []


def test_comment_with_no_codes_covers_every_rule(tmp_path: Path) -> None:
    text = with_line(8, "| 5/17 | Lee | - | coming soon | #2 <!-- mdstudy: ignore --> |")
    assert findings_of(tmp_path, text) == []


def test_suppressions_map() -> None:
    lines = [
        "<!-- mdstudy: ignore MS101, MS102 -->",
        "| a | b <!-- mdstudy: ignore odd-weekday --> |",
        "<!-- mdstudy: ignore MS9 -->",  # unknown code: turns nothing off
    ]
    assert suppressions(lines) == {2: {"MS101", "MS102"}}


def test_comment_line_inside_a_table_is_a_broken_table(tmp_path: Path) -> None:
    lines = GOOD.splitlines(keepends=True)
    lines.insert(8, "<!-- mdstudy: ignore MS103 -->\n")  # between the rows of lines 8 and 9
    found = findings_of(tmp_path, "".join(lines))
    assert codes_at(found) == [("MS008", 9)]
    assert "line 10" in found[0].message


def test_config_ignore_select_and_bad_config(tmp_path: Path) -> None:
    text = with_line(8, "| 5/17 | Lee | - | coming soon | #2 |")  # MS103 and MS104
    (tmp_path / ".mdstudy.toml").write_text('[check]\nignore = ["MS103"]\n', encoding="utf-8")
    assert codes_at(findings_of(tmp_path, text)) == [("MS104", 8)]
    (tmp_path / ".mdstudy.toml").write_text(
        '[check]\nselect = ["missing-topic"]\n', encoding="utf-8"
    )
    assert codes_at(findings_of(tmp_path, text)) == [("MS103", 8)]
    path = tmp_path / "README.md"
    # The command line replaces the file's list.
    found, _, _ = check_file(path, select=["MS104"])
    assert codes_at(found) == [("MS104", 8)]
    (tmp_path / ".mdstudy.toml").write_text('[check]\nignore = ["MS777"]\n', encoding="utf-8")
    with pytest.raises(
        MdStudyError, match=r"\.mdstudy\.toml: \[check\] ignore: unknown rule 'MS777'"
    ):
        check_file(path)
    (tmp_path / ".mdstudy.toml").write_text('[check]\nignore = "MS103"\n', encoding="utf-8")
    with pytest.raises(MdStudyError, match=r"\[check\] ignore: expected a list of rule codes"):
        check_file(path)
    (tmp_path / ".mdstudy.toml").write_text("[check]\nstrict = true\n", encoding="utf-8")
    assert check_file(path)[1].strict is True


# --- dates without a year, tables that are not there -----------------------------------


NO_YEAR = """\
# Paper Study

| When | Who | What |
| ---- | --- | ---- |
| 5/10 | Kim | LoRA |
| 5/3 | Lee | QLoRA |
| 5/15 | Park | GPTQ |
"""


def test_no_year_still_checks_order_but_not_weekdays(tmp_path: Path) -> None:
    # 5/3 after 5/10 is out of order whatever the year; 5/15 would be another
    # weekday in most years, but without the year that cannot be told.
    assert codes_at(findings_of(tmp_path, NO_YEAR)) == [("MS003", 6)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t\n",
        "# Title\n\nJust prose | with a pipe.\n",
        "| a | b |\n| - | - |\n| 1 | 2 |\n",
    ],
)
def test_nothing_to_check_gives_nothing(tmp_path: Path, text: str) -> None:
    assert findings_of(tmp_path, text) == []


def test_tables_in_code_blocks_and_comments_are_not_broken_tables(tmp_path: Path) -> None:
    text = (
        "# 2023 Study\n\n```\nWhen | Who\n--- | --- | ---\n```\n\n"
        "<!--\nTitle | Link\n--- | --- | ---\n-->\n"
    )
    assert findings_of(tmp_path, text) == []


def test_ms008_header_without_delimiter_row(tmp_path: Path) -> None:
    text = "# 2023 Study\n\nTitle | Link | Keyword\nA | https://a.example | x\n"
    found = findings_of(tmp_path, text)
    assert codes_at(found) == [("MS008", 3)]
    assert "candidate table" in found[0].message and "line 4" in found[0].message


# --- formats ------------------------------------------------------------------------


# The severities as the rules give them (an enum), written as `error` and `warning`.
SAMPLE = [
    Finding("docs/README.md", 9, 3, "MS005", "duplicate-issue", Severity.ERROR, "50% off, a: b\nc"),
    Finding("README.md", 10, 1, "MS102", "odd-weekday", Severity.WARNING, "5/30 is a Tuesday"),
]


def test_severity_is_an_enum_written_as_its_word() -> None:
    import json

    assert [str(severity) for severity in Severity] == ["error", "warning"]
    assert f"{Severity.WARNING:<8}|" == "warning |"  # as `mdstudy rules` pads it
    assert json.dumps([Severity.ERROR]) == '["error"]'
    # a table keyed by the words (the terminal's colours) finds the enum's values
    assert {"error": "red"}[Severity.ERROR] == "red"


def test_text_format() -> None:
    assert format_text(SAMPLE[1:]) == ("README.md:10:1: MS102 [odd-weekday] 5/30 is a Tuesday\n")


def test_json_format_round_trips() -> None:
    import json

    data = json.loads(format_json(SAMPLE))
    assert data[0] == {
        "path": "docs/README.md",
        "line": 9,
        "column": 3,
        "code": "MS005",
        "name": "duplicate-issue",
        "severity": "error",
        "message": "50% off, a: b\nc",
    }
    assert json.loads(format_json([])) == []


def test_github_format_escapes_workflow_command_data() -> None:
    assert format_github(SAMPLE).splitlines() == [
        "::error file=docs/README.md,line=9,col=3,title=MS005 duplicate-issue::50%25 off, a: b%0Ac",
        "::warning file=README.md,line=10,col=1,title=MS102 odd-weekday::5/30 is a Tuesday",
    ]


# --- a property: MS001 fires on exactly the rows whose cell count is not the header's ----


@settings(derandomize=True, deadline=None, max_examples=200)
@given(
    counts=picks(range(1, 9), min_size=1, max_size=12),  # one draw
    trailing=st.booleans(),
)
def test_column_count_fires_on_exactly_the_ragged_rows(counts: list[int], trailing: bool) -> None:
    width = 5
    lines = ["# 2023 Study", "", "| When | Who | What | Links | Issue # |", "|---|---|---|---|---|"]
    for index, count in enumerate(counts):
        cells = [f"{index + 1}/1"] + ["-"] * (count - 1)
        lines.append("| " + " | ".join(cells) + (" |" if trailing or count == 1 else ""))
    doc = mdstudy.loads("\n".join(lines) + "\n")
    found = check_document(doc, Settings(frozenset({"MS001"})), "R.md")
    expected = [5 + index for index, count in enumerate(counts) if count != width]
    assert [f.line for f in found] == expected


# --- a property: any README-like text is checked without error, findings on real lines ---

SCHEDULE_CELLS = [
    "5/10",
    "5/3",
    "2023-05-17",
    "TBD",
    "-",
    "",
    "Kim",
    "#1",
    "#1",
    "x",
    "N/A yet",
    "https://a.example/1",
    "arxiv.org/abs/1",
    "[p](p.pdf)",
    "<!-- mdstudy: ignore -->",
]
HEADERS = st.sampled_from(["When | Who | What | Links | Issue #", "Title | Link | Keyword"])


@st.composite
def schedule_like(draw: st.DrawFn) -> list[str]:
    header = draw(HEADERS)
    width = header.count("|") + 1
    delimiter_width = draw(st.sampled_from([width, width, width - 1]))
    # A row's cells in one draw (markdown_docs.picks), not two a cell.
    cells = picks(SCHEDULE_CELLS, min_size=1, max_size=width + 1).map(" | ".join)
    rows = [draw(cells) for _ in range(draw(st.integers(min_value=0, max_value=6)))]
    return [header, " | ".join(["---"] * delimiter_width), *rows]


@settings(derandomize=True, deadline=None, max_examples=200)
@given(
    head=document(),
    blocks=st.lists(schedule_like(), max_size=3),
    period=st.sampled_from(["", "2023년 5월 10일부터 2023년 7월 26일까지\n"]),
)
def test_any_text_is_checked_with_findings_on_its_lines(
    head: str, blocks: list[list[str]], period: str
) -> None:
    text = head + "\n\n" + period + "\n\n".join("\n".join(block) for block in blocks) + "\n"
    doc = mdstudy.loads(text)
    found = check_document(doc, ALL, "R.md")
    count = len(doc.source.lines)
    for finding in found:
        assert 1 <= finding.line <= count and finding.column >= 1
        assert finding.code in RULES and finding.message
    assert found == sorted(found, key=lambda f: (f.line, f.column, f.code))


@pytest.mark.parametrize(
    ("row", "blank"),
    [
        ("| 5/17 | Lee | [](https://arxiv.org/abs/2305.14314) | - | #2 |", "title"),  # no link text
        ("| 5/17 | Lee | **-** | - | #2 |", "title"),  # a placeholder in bold
        ("| 5/17 | <!-- later --> | QLoRA | - | #2 |", "presenter"),  # only a comment
        ("| 5/17 | ~~ ~~ | QLoRA | - | #2 |", "presenter"),  # markup around nothing
    ],
)
def test_missing_topic_sees_through_markup(tmp_path: Path, row: str, blank: str) -> None:
    # Cells that look filled as text but show nothing (or a placeholder) on GitHub.
    found = [f for f in findings_of(tmp_path, with_line(8, row)) if f.code == "MS103"]
    assert [f.line for f in found] == [8]
    assert ("no title" if blank == "title" else "no presenter") in found[0].message
