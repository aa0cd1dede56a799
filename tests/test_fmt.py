"""`mdstudy fmt`: tables lined up in display width, nothing else touched.

GitHub's renderer (cmark-gfm) judges that the text renders the same before and
after, tables and all; the pipe positions are measured with wcwidth, as a terminal
shows them.
"""

from __future__ import annotations

import os
import re
from itertools import product
from pathlib import Path

import pytest
from gfm_oracle import render_github
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_docs import picks
from shared_files import SEED, Ran, corpus_files, mdstudy_in_process, run_mdstudy
from wcwidth import wcswidth

import mdstudy
from mdstudy.fmt import format_document, format_table, study_tables
from mdstudy.source import Source, line_body
from mdstudy.tables import is_escaped


def read(text: str | mdstudy.Document) -> mdstudy.Document:
    """The helpers below take a text, or the Document already read from it (read once)."""
    return mdstudy.loads(text) if isinstance(text, str) else text


def fmt_text(text: str | mdstudy.Document, all_tables: bool = False) -> str:
    return format_document(read(text), all_tables).source.text()


def pipe_columns(line: str) -> list[int]:
    """Display columns of a row's unescaped pipes."""
    return [
        wcswidth(line[:i]) for i, ch in enumerate(line) if ch == "|" and not is_escaped(line, i)
    ]


def assert_lined_up(text: str | mdstudy.Document, all_tables: bool = False) -> int:
    """Every row's pipes stand where the header's do (a short or long row: as far as it
    goes); rows that start differently (no leading pipe under a header with one, another
    container prefix) are counted and returned, not judged."""
    doc = read(text)
    other_shape = 0
    for table in study_tables(doc, all_tables):
        if format_table(table) is None:
            continue  # left as it is (a tab in a cell): the command says so
        header = table.header_row
        wanted = pipe_columns(line_body(header.text()))
        for row in [table.delimiter_row, *table.body_rows]:
            if (row.leading_pipe, row.prefix) != (header.leading_pipe, header.prefix):
                other_shape += 1
                continue
            found = pipe_columns(line_body(row.text()))
            shared = min(len(found), len(wanted))
            assert found[:shared] == wanted[:shared], row.text()
    return other_shape


def assert_same_render(before: str, after: str) -> None:
    """GitHub renders both texts to the same HTML, each block on the same source lines:
    the same tables, cells and column alignments, and nothing else changed. Only the
    source columns may differ (padding moves them); comparing the HTML itself, not the
    tables parsed out of it (github_tables), also spares parsing it."""
    assert _lines_only(render_github(after)) == _lines_only(render_github(before))


def _lines_only(html: str) -> str:
    """cmark's `data-sourcepos="3:1-5:18"` as `3-5`."""
    return _SOURCEPOS.sub(r"\1-\2", html)


_SOURCEPOS = re.compile(r'(?<=data-sourcepos=")(\d+):\d+-(\d+):\d+')


def changed_lines(before: str, after: str) -> list[int]:
    old, new = Source.from_text(before).lines, Source.from_text(after).lines
    assert len(old) == len(new)
    return [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]


def table_lines(text: str | mdstudy.Document, all_tables: bool) -> set[int]:
    doc = read(text)
    return {
        i
        for t in study_tables(doc, all_tables)
        for i in range(t.start, t.start + 2 + len(t.body_rows))
    }


HANGUL = """\
# 2024 스터디

| 날짜 | 발표자 | 주제 |
|---|---|---|
| 3/5 | 김철수 | LoRA |
| 3/12 | Ada | 양자화 기초 |
"""


def test_hangul_table_lined_up_in_display_width() -> None:
    after = fmt_text(HANGUL)
    assert after.splitlines()[2:] == [
        "| 날짜 | 발표자 | 주제        |",
        "|------|--------|-------------|",  # the delimiter row's own compact style
        "| 3/5  | 김철수 | LoRA        |",
        "| 3/12 | Ada    | 양자화 기초 |",
    ]
    assert_same_render(HANGUL, after)
    assert fmt_text(after) == after


def test_compact_style_and_colons_kept() -> None:
    text = "# S\n\n|Date|Who|Topic|\n|:-|:-:|-:|\n|5/3|Kim|LoRA|\n|5/10|Leeeee|Q|\n"
    after = fmt_text(text)
    assert after.splitlines()[2:] == [
        "|Date|Who   |Topic|",
        "|:---|:----:|----:|",
        "|5/3 |Kim   |LoRA |",
        "|5/10|Leeeee|Q    |",
    ]
    assert_same_render(text, after)


def test_no_outer_pipes_crlf_and_ragged_rows_kept() -> None:
    text = (
        "# S\r\n\r\nWhen | Who | What\r\n-- | -- | --\r\n5/3 | Kim | LoRA\r\n"
        "5/10 | 이순신\r\n5/17 | Park | GPTQ | extra\r\n\r\ntext  |  after\r\n"
    )
    after = fmt_text(text)
    assert after.split("\r\n")[2:] == [
        "When | Who    | What",
        "---- | ------ | ----",
        "5/3  | Kim    | LoRA",
        "5/10 | 이순신",
        "5/17 | Park   | GPTQ | extra",
        "",
        "text  |  after",
        "",
    ]
    assert_same_render(text, after)
    assert fmt_text(after) == after


def test_only_study_tables_unless_all_tables() -> None:
    other = "| a | b |\n|-|-|\n| long text | x |\n"
    text = HANGUL + "\n" + other
    assert fmt_text(text).endswith(other)
    assert fmt_text(text, all_tables=True).endswith(
        "| a         | b   |\n|-----------|-----|\n| long text | x   |\n"
    )


def test_escaped_pipes_backslashes_and_no_final_newline() -> None:
    text = "# S\n\n|Date|Who|Topic|\n|-|-|-|\n|5/3|Kim|a \\| b|\n|5/10|Lee|C:\\ |"
    after = fmt_text(text)
    assert not after.endswith("\n")
    assert after.splitlines()[4:] == ["|5/3 |Kim|a \\| b|", "|5/10|Lee|C:\\   |"]
    assert_same_render(text, after)


def test_block_quote_table_keeps_its_prefix() -> None:
    text = "# S\n\n> | Date | Who | Topic |\n> |-|-|-|\n> | 5/3 | Kim | LoRA |\n"
    after = fmt_text(text, all_tables=True)
    assert after.splitlines()[2:] == [
        "> | Date | Who | Topic |",
        "> |------|-----|-------|",
        "> | 5/3  | Kim | LoRA  |",
    ]
    assert_same_render(text, after)


def test_seed_changes_only_its_two_tables() -> None:
    before = SEED.read_text(encoding="utf-8")
    doc = mdstudy.loads(before)
    assert len(study_tables(doc)) == 2
    after = fmt_text(doc)
    changed = changed_lines(before, after)
    assert changed and set(changed) <= table_lines(doc, False)
    assert_same_render(before, after)
    formatted = mdstudy.loads(after)
    assert_lined_up(formatted)
    assert fmt_text(formatted) == after


CORPUS = corpus_files()
# Corpus rows whose start differs from their header's (not judged for alignment).
# 37: a row indented three spaces under an unindented header; 43: a pipe-less line
# (`{: .sessions-table }`) that GitHub reads as a one-cell row of the table.
MAX_OTHER_SHAPE: dict[str, int] = {"37": 1, "43": 1}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name[:2] for p in CORPUS])
@pytest.mark.parametrize("all_tables", [False, True], ids=["study", "all"])
def test_corpus(path: Path, all_tables: bool) -> None:
    before = path.read_text(encoding="utf-8")
    doc = mdstudy.loads(before)
    after = fmt_text(doc, all_tables)
    assert set(changed_lines(before, after)) <= table_lines(doc, all_tables)
    if after != before:  # the same text renders the same
        assert_same_render(before, after)
    formatted = mdstudy.loads(after)
    assert assert_lined_up(formatted, all_tables) <= MAX_OTHER_SHAPE.get(path.name[:2], 0)
    assert fmt_text(formatted, all_tables) == after


CELL = picks([*"ab 가나中文😀-:*`", "\\|", "\\"], 0, 8).map("".join)  # one draw
BOOLS = [False, True]
# leading pipe, trailing pipe, spaced pipes, delimiter cell, line ending: one draw, not five
SHAPES = st.sampled_from(
    list(product(BOOLS, BOOLS, BOOLS, ["-", ":-", "-:", ":-:", "---"], ["\n", "\r\n"]))
)


@settings(
    max_examples=int(os.environ.get("FMT_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=5),
    header=picks(["Date", "Who", "Topic", "비고", "Links"], min_size=1, max_size=4),
    shape=SHAPES,
)
def test_any_table_renders_the_same(
    rows: list[list[str]], header: list[str], shape: tuple[bool, bool, bool, str, str]
) -> None:
    leading, trailing, spaced, colons, ending = shape

    def line(cells: list[str]) -> str:
        sep = " | " if spaced else "|"
        return ("|" if leading else "") + sep.join(cells) + ("|" if trailing else "") + ending

    text = "# S" + ending + ending + line(header) + line([colons] * len(header))
    text += "".join(line(r) for r in rows)
    doc = mdstudy.loads(text)
    after = format_document(doc, all_tables=True).source.text()
    assert_same_render(text, after)
    assert set(changed_lines(text, after)) <= table_lines(doc, True)
    again = mdstudy.loads(after)
    assert format_document(again, all_tables=True).source.text() == after
    assert [t.start for t in again.tables] == [t.start for t in doc.tables]


# --- the command -------------------------------------------------------------------


def run(cwd: Path, *args: str) -> Ran:
    """`mdstudy fmt ARGS` in process (--check also in a real one)."""
    return mdstudy_in_process("fmt", *args, cwd=cwd)


def test_cli_check_diff_and_write(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(HANGUL, encoding="utf-8")
    checked = run_mdstudy("fmt", "--check", cwd=tmp_path, timeout=60)
    assert checked.returncode == 1
    assert "would reformat README.md" in checked.stderr
    diffed = run(tmp_path, "--diff")
    assert diffed.returncode == 0
    assert "+| 3/12 | Ada    | 양자화 기초 |" in diffed.stdout
    assert readme.read_text(encoding="utf-8") == HANGUL  # --check and --diff write nothing
    written = run(tmp_path)
    assert written.returncode == 0, written.stderr
    assert readme.read_text(encoding="utf-8") == fmt_text(HANGUL)
    assert run(tmp_path, "--check").returncode == 0
    assert run(tmp_path).stderr == ""  # nothing to do: silent


def test_cli_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "nope.md")
    assert result.returncode == 2
    assert result.stderr == "mdstudy: nope.md: no such file\n"


def test_table_with_a_tab_is_left_as_it_is(tmp_path: Path) -> None:
    text = "# S\n\n| Date | Who |\n|-|-|\n| 5/3 | Kim\tLee |\n"
    assert fmt_text(text) == text
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    result = run(tmp_path, "--check")
    assert result.returncode == 0
    assert result.stderr.startswith("mdstudy: README.md:3: table left as it is: a cell holds a tab")


def test_row_that_padding_would_turn_into_a_list_item_keeps_its_bytes() -> None:
    # Found by Hypothesis: `-|` padded to `-   |` would be a list item and end the table.
    text = "Date|Date\n-|-\n-|\n"
    after = fmt_text(text, all_tables=True)
    assert after.splitlines() == ["Date|Date", "----|----", "-|"]
    assert_same_render(text, after)


def test_one_column_table_with_a_pipeless_delimiter_row_is_read_as_github_does() -> None:
    # Found by Hypothesis: GitHub reads `Date` / `:-` / `|-` as a table with the row `-`
    # (a delimiter row needs a pipe or a colon). mdstudy once read `:-` / `|-` as header and
    # delimiter, and padding `|-` would have turned that row into `---`; now the
    # delimiter is widened to the header and the row keeps its text.
    text = "# S\n\nDate\n:-\n|-\n"
    after = fmt_text(text, all_tables=True)
    assert after == "# S\n\nDate\n:---\n|-\n"
    assert_same_render(text, after)
