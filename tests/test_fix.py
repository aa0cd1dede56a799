"""`mdstudy check --fix`: what has one safe answer is fixed, the rest still reported.

The README below has one of each fixable problem and some that are not
fixable; the expected text after the fix is written out by hand from reading it.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from gfm_oracle import github_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_docs import picks
from shared_files import SEED, Ran, corpus_files, mdstudy_in_process, run_mdstudy
from test_check import GOOD
from test_fmt import fmt_text

import mdstudy
from mdstudy.check import RULES, Settings, check_document
from mdstudy.fixes import FIXABLE, add_schemes, fix_document
from mdstudy.source import Source
from mdstudy.values import is_placeholder

ALL = Settings(frozenset(RULES))

# Line 7: a scheme-less link (MS006); line 8: a short row (MS001); line 9: a long row
# (MS001, not fixable); line 10: a relative link (MS006, not fixable); line 11 and
# line 7: the same issue (MS005, not fixable); lines 15-16: a delimiter row of two
# cells under a header of three (MS008).
BROKEN = """\
# 2023 Test Study

2023년 5월 10일부터 2023년 6월 7일까지 진행합니다.

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
| 5/10 | Kim | LoRA | arxiv.org/abs/2106.09685 | #1 |
| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 |
| 5/24 | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #3 | extra |
| 5/31 | Choi | SmoothQuant | [pdf](smooth.pdf) | #4 |
| 6/7 | Jung | AWQ | https://arxiv.org/abs/2306.00978 | #1 |

## Candidates

| Title | Link | Keyword |
| ----- | ---- |
| FP8 Quantization | https://arxiv.org/abs/2208.09225 | Quantization |
| SparseGPT | www.example.org/sparsegpt | Pruning |
"""

FIXED = (
    BROKEN.replace("| arxiv.org/abs/2106", "| https://arxiv.org/abs/2106")
    .replace("2305.14314 |\n", "2305.14314 | - |\n")
    .replace("| ----- | ---- |\n", "| ----- | ---- | --- |\n")
    .replace("| www.example.org", "| https://www.example.org")
)


def codes(findings: list[mdstudy.check.Finding]) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in findings]


def test_fixes_exactly_the_fixable_and_reports_the_rest() -> None:
    doc = mdstudy.loads(BROKEN)
    before = codes(check_document(doc, ALL))
    assert {(7, "MS006"), (8, "MS001"), (9, "MS001"), (10, "MS006"), (11, "MS005")} <= set(before)
    assert (15, "MS008") in before
    result = fix_document(doc, ALL)
    assert result.source.text() == FIXED
    # The delimiter fix made the candidate table; its scheme-less link was then fixed too.
    assert codes(result.fixed) == [(7, "MS006"), (8, "MS001"), (15, "MS008"), (18, "MS006")]
    left = codes(result.findings)
    assert (9, "MS001") in left and (10, "MS006") in left and (11, "MS005") in left
    assert not {c for _, c in left} & {"MS008"}
    assert not [(line, c) for line, c in left if c in FIXABLE and line not in (9, 10)]
    assert doc.dumps() == BROKEN  # the Document is not changed


def test_fixing_twice_changes_nothing() -> None:
    once = fix_document(mdstudy.loads(BROKEN), ALL)
    twice = fix_document(mdstudy.loads(once.source.text()), ALL)
    assert twice.source == once.source
    assert twice.fixed == []


def test_fix_keeps_padding_and_crlf() -> None:
    padded = (
        "# S\r\n\r\n| When | Who | What  | Links                    |\r\n"
        "| ---- | --- | ----- | ------------------------ |\r\n"
        "| 5/10 | Kim | LoRA  | arxiv.org/abs/2106.09685 |\r\n"
        "| 5/17 | Lee | QLoRA |\r\n"
    )
    fixed = fix_document(mdstudy.loads(padded), ALL).source.text()
    # The padded column is widened for the longer link, in every row.
    assert fixed.split("\r\n")[2:] == [
        "| When | Who | What  | Links                            |",
        "| ---- | --- | ----- | -------------------------------- |",
        "| 5/10 | Kim | LoRA  | https://arxiv.org/abs/2106.09685 |",
        "| 5/17 | Lee | QLoRA | -                                |",
        "",
    ]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("arxiv.org/abs/1", "https://arxiv.org/abs/1"),
        ("a.org/x, b.org/y", "https://a.org/x, https://b.org/y"),
        ("https://arxiv.org/abs/1", "https://arxiv.org/abs/1"),
        ("[paper](arxiv.org/abs/1)", "[paper](https://arxiv.org/abs/1)"),
        ("[pdf](slides.pdf)", "[pdf](slides.pdf)"),
        ("<https://a.org/x>", "<https://a.org/x>"),
        ("mail@a.org/x", "mail@a.org/x"),
    ],
)
def test_add_schemes(text: str, fixed: str) -> None:
    assert add_schemes(text) == fixed


def test_seed_and_corpus_fixes_never_change_a_rendered_cell_beyond_the_fix() -> None:
    """On real READMEs a fix keeps every line count and every table GitHub renders, and
    fixing again changes nothing."""
    for path in [SEED, *corpus_files()]:
        text = path.read_text(encoding="utf-8")
        result = fix_document(mdstudy.loads(text), ALL)
        new = result.source.text()
        if new == text:
            continue  # nothing fixed (most of them): the same text, and fixing it again is this
        assert len(Source.from_text(new).lines) == len(Source.from_text(text).lines), path
        assert len(github_tables(new)) >= len(github_tables(text)), path
        again = fix_document(mdstudy.loads(new), ALL)
        assert again.source.text() == new, path


def run(cwd: Path, *args: str) -> Ran:
    """`mdstudy check ARGS` in process (--fix --diff also in a real one)."""
    return mdstudy_in_process("check", *args, cwd=cwd)


def test_cli_fix_diff_writes_nothing_then_fix_writes(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BROKEN, encoding="utf-8")
    shown = run_mdstudy("check", "--fix", "--diff", cwd=tmp_path, timeout=60)
    assert shown.returncode == 1  # errors are left (MS001 line 9, MS005, MS006 line 10)
    assert "+| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | #1 |" in shown.stdout
    assert "Would fix 4 problems." in shown.stdout
    assert readme.read_text(encoding="utf-8") == BROKEN
    fixed = run(tmp_path, "--fix")
    assert fixed.returncode == 1
    assert readme.read_text(encoding="utf-8") == FIXED
    lines = fixed.stdout.splitlines()
    source = BROKEN.splitlines()
    assert [line.split(": ")[0] for line in lines if "] fixed: " in line] == [
        f"README.md:7:{source[6].index('arxiv') + 1}",  # the links cell
        f"README.md:8:{len(source[7]) + 1}",  # where the missing cell would start
        "README.md:15:1",
        f"README.md:18:{source[17].index('www') + 1}",
    ]
    assert "Fixed 4 problems." in lines
    again = run(tmp_path, "--fix")
    assert "fixed" not in again.stdout.replace("Fixed", "")
    assert readme.read_text(encoding="utf-8") == FIXED


def test_cli_fix_of_good_readme_is_silent_and_exit_0(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(GOOD, encoding="utf-8")
    result = run(tmp_path, "--fix")
    assert result.returncode == 0
    assert result.stdout == "No problems found (1 file checked).\n"
    assert readme.read_text(encoding="utf-8") == GOOD


def test_cli_diff_needs_fix_and_text(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(GOOD, encoding="utf-8")
    result = run(tmp_path, "--diff")
    assert result.returncode == 2
    assert "--diff shows what --fix would change" in result.stderr
    result = run(tmp_path, "--fix", "--diff", "--format", "json")
    assert result.returncode == 2
    assert "does not mix with --format json" in result.stderr


def test_cli_fix_json_lists_what_is_left(tmp_path: Path) -> None:
    import json

    readme = tmp_path / "README.md"
    readme.write_text(BROKEN, encoding="utf-8")
    result = run(tmp_path, "--fix", "--format", "json")
    assert result.returncode == 1
    left = [(d["line"], d["code"]) for d in json.loads(result.stdout)]
    assert (9, "MS001") in left and (7, "MS006") not in left
    assert readme.read_text(encoding="utf-8") == FIXED


def test_fixable_rules_are_the_rules_that_say_so() -> None:
    assert {code for code, rule in RULES.items() if rule.fixable} == FIXABLE


LINKS = [
    "-",
    "arxiv.org/abs/2106.09685",
    "https://arxiv.org/abs/2305.14314",
    "www.example.org/paper, https://a.org/b",
    "[paper](arxiv.org/abs/2210.17323)",
    "[pdf](slides.pdf)",
]
# A row: its presenter, its links and how many of its cells it keeps (1 to 5).
ROWS = picks(list(product(["Kim", "이순신", "TBD"], LINKS, range(1, 6))), 1, 6)  # one draw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=ROWS,
    padded=st.booleans(),
)
def test_fix_is_idempotent_and_changes_only_what_it_fixes(
    rows: list[tuple[str, str, int]], padded: bool
) -> None:
    lines = ["# 2023 Study", "", "| When | Who | What | Links | Issue # |", "|-|-|-|-|-|"]
    for index, (who, links, keep) in enumerate(rows):
        cells = [f"5/{10 + 7 * (index % 3)}" if index < 3 else f"6/{index}", who, "T", links]
        cells = [*cells, f"#{index + 1}"][:keep]
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    if padded:
        text = fmt_text(text)
    doc = mdstudy.loads(text)
    result = fix_document(doc, ALL)
    after = result.source.text()
    fixed = mdstudy.loads(after)
    again = fix_document(fixed, ALL)
    assert again.source.text() == after
    left = again.findings  # fixing again changed nothing: these are check's findings on `after`
    assert not [f for f in left if f.code == "MS001" and "missing" in f.message]
    # every MS006 left is the relative link, which has no one safe answer
    assert not [f for f in left if f.code == "MS006" and "slides.pdf" not in f.message]
    old_rows = doc.tables[0].rows  # fix_document leaves its Document as it is
    new_rows = fixed.tables[0].rows
    assert len(old_rows) == len(new_rows)
    for old, new in zip(old_rows, new_rows, strict=True):
        for column, (a, b) in enumerate(zip(old, new, strict=True)):
            if column == 3 and a:
                assert b.replace("https://", "") == a.replace("https://", "")
            else:
                # a missing cell holds the column's placeholder (`-` when it has none)
                assert b == a or (a == "" and is_placeholder(b)), (a, b)


LABELS = """\
# 2023 Test Study

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
| **Part 1** |
| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | #1 |
| 5/17 | Lee |
{: .sessions-table }
"""


def test_label_rows_get_empty_cells_and_pipeless_lines_are_left_alone() -> None:
    result = fix_document(mdstudy.loads(LABELS), ALL)
    assert result.source.text().splitlines()[4:] == [
        "| **Part 1** |  |  |  |  |",  # not a session: empty cells, padded like the header's
        "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | #1 |",
        "| 5/17 | Lee | - | - | - |",  # a session: the placeholder
        "{: .sessions-table }",  # a kramdown attribute line, not a row to fill
    ]
    assert [(f.line, f.code) for f in result.fixed] == [(5, "MS001"), (7, "MS001")]
    assert (8, "MS001") in [(f.line, f.code) for f in result.findings]


@pytest.mark.parametrize(
    ("delimiter", "fixed"),
    [
        ("|:---|---|---|---|", "|:---|---|---|"),  # one cell too many: cut (no text in it)
        (":-- | --", ":-- | -- | ---"),  # too few, no outer pipes
        ("| :-: |", "| :-: | --- | --- |"),  # a colon cell is not copied
    ],
)
def test_delimiter_row_gets_one_cell_per_column(delimiter: str, fixed: str) -> None:
    text = f"# S\r\n\r\n| When | Who | What |\r\n{delimiter}\r\n| 5/10 | Kim | LoRA |\r\n"
    result = fix_document(mdstudy.loads(text), ALL)
    assert result.source.text() == text.replace(delimiter, fixed)
    assert [(f.line, f.code) for f in result.fixed] == [(3, "MS008")]
