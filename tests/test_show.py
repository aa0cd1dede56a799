"""`mdstudy show` through the real command line: formats, and bad input."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html as html_lib
import io
import json
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from gfm_oracle import github_tables
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_files import SEED, mdstudy_in_process, run_mdstudy

import mdstudy
from mdstudy import show as views
from mdstudy.cli import cli

run = run_mdstudy


def test_json_follows_the_documented_schema() -> None:
    result = run("show", "-f", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"study", "sessions", "candidates"}
    assert data["study"] == {
        "title": "2023 Efficient AI Study",
        "year": 2023,
        "start": "2023-05-10",
        "end": "2023-07-26",
    }
    assert len(data["sessions"]) == 13 and len(data["candidates"]) == 25
    june14 = next(s for s in data["sessions"] if s["date"] == "2023-06-14")
    assert june14 == {
        "date": "2023-06-14",
        "presenter": "강병하",
        "title": None,
        "links": [],
        "issue": 7,
        "note": None,
        "line": 31,
        "cancelled": False,
        "time": None,
        "end": None,
        "place": None,
    }
    assert set(data["candidates"][0]) == {"title", "links", "keyword", "line"}


def test_table_lines_up_hangul_by_display_width() -> None:
    from wcwidth import wcswidth

    import mdstudy

    result = run("show", "-f", str(SEED), "--table", "sessions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    title_column = lines[0].index("title")  # the header is ASCII: index == display column
    titled = [s for s in mdstudy.load(SEED).sessions if s.title]
    assert len(titled) == 8
    for session in titled:
        row = next(line for line in lines if line.startswith(session.date.isoformat()))
        # Hangul names are two columns wide each: titles still start in one column.
        assert wcswidth(row[: row.index(session.title)]) == title_column


def test_csv_has_one_row_per_candidate() -> None:
    result = run("show", "-f", str(SEED), "--table", "candidates", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["title", "links", "keyword", "line"]
    assert len(rows) == 26
    assert rows[1] == [
        "FP8 Quantization: The Power of the Exponent",
        "https://arxiv.org/abs/2208.09225",
        "Quantization",
        "44",
    ]


def test_default_file_is_readme_in_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(SEED.read_bytes())
    result = run("show", "--format", "json", "--table", "sessions", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sessions"][0]["presenter"] == "김태수"


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "directory": ("dir", "is a directory"),
    "empty": (b"", "no schedule table"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin-1": ("| When | Who |\n|---|---|\n| 5/3 | Müller |\n".encode("latin-1"), "not UTF-8"),
    "no schedule": (b"# Notes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "no schedule table"),
    "no year": (b"| When | Who |\n|---|---|\n| 5/3 | Kim |\n", "year"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gives_one_line_and_status_2(tmp_path: Path, case: str) -> None:
    content, words = BAD_INPUTS[case]
    path = tmp_path / "README.md"
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = run("show", "-f", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(path) in lines[0]
    assert result.stdout == ""
    if isinstance(content, bytes):
        assert path.read_bytes() == content


# --- in process: the table fitted to a width, Markdown, one CSV (issue 12) ----------

# The seed's schedule as written: 13 rows from 5/3 to 7/26 of 2023 (the period sentence's year).
SEED_DATES = [
    "2023-05-03", "2023-05-10", "2023-05-17", "2023-05-24", "2023-05-31", "2023-06-07",
    "2023-06-14", "2023-06-21", "2023-06-28", "2023-07-05", "2023-07-12", "2023-07-19",
    "2023-07-26",
]  # fmt: skip
NOISYQUANT = (  # the seed's longest title (line 32), 105 columns
    "NoisyQuant: Noisy Bias-Enhanced Post-Training Activation Quantization for "
    "Vision Transformers (CVPR-2023)"
)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def session_lines(output: str) -> dict[str, str]:
    """Each line that starts with a date, by that date."""
    return {line[:10]: line for line in output.splitlines() if line[:4] == "2023"}


@pytest.mark.parametrize("width", [80, 120])
def test_table_fits_the_width_and_keeps_every_date(width: int) -> None:
    from wcwidth import wcswidth

    result = invoke("show", "-f", SEED, "--width", width)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(wcswidth(line) for line in lines) <= width
    rows = session_lines(result.output)
    assert list(rows) == SEED_DATES
    # Too long for the width: shortened, ending in "…", its beginning kept.
    noisy = rows["2023-06-21"]
    assert NOISYQUANT not in noisy and "NoisyQuant: Noisy" in noisy and "…" in noisy
    assert "김도형" in noisy and noisy.rstrip().endswith("#8")
    assert "Reparameterized Technique" in rows["2023-07-05"]  # short enough: whole


def test_table_leaves_out_empty_columns_and_keeps_links_on_their_row() -> None:
    result = invoke("show", "-f", SEED, "--table", "sessions")
    lines = result.output.splitlines()
    # Every `Etc.` cell is `-`: no note column. Time, place and range end are never given.
    assert lines[0].split() == ["date", "presenter", "title", "links", "issue"]
    # 7/5 has two links: both on its own line, no line without a date below it.
    assert len(lines) == 2 + len(SEED_DATES)
    assert list(session_lines(result.output)) == SEED_DATES
    july5 = session_lines(result.output)["2023-07-05"]
    assert "https://arxiv.org/abs/2101.03697 https://arxiv.org/pdf/2212.01593.pdf" in july5


def test_without_a_width_nothing_is_shortened() -> None:
    # Not a terminal (the runner's output is captured): as wide as the cells.
    result = invoke("show", "-f", SEED)
    assert "…" not in result.output
    assert NOISYQUANT in session_lines(result.output)["2023-06-21"]
    wide = invoke("show", "-f", SEED, "--wide")
    assert wide.output == result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--wide", "--width", "80"], "does not mix with --width"),
        (["--width", "80", "--format", "json"], "not --format json"),
        (["--width", "5"], "--width"),
    ],
)
def test_width_options_that_do_not_apply_are_refused(args: list[str], words: str) -> None:
    result = CliRunner().invoke(cli, ["show", "-f", str(SEED), *args])
    assert result.exit_code == 2 and words in result.output


def test_lines_say_which_sessions_are_past_and_which_is_next() -> None:
    doc = mdstudy.load(SEED)
    lines = views.table_lines(doc, "sessions", today=dt.date(2023, 6, 1))
    assert [state for _, state in lines[:2]] == [views.HEAD, views.HEAD]
    states = {line[:10]: state for line, state in lines[2:]}
    assert [d for d, s in states.items() if s == views.PAST] == SEED_DATES[:5]
    assert [d for d, s in states.items() if s == views.NEXT] == ["2023-06-07"]
    # A session on the day itself is the next one; after the last, none is.
    on_the_day = views.table_lines(doc, "sessions", today=dt.date(2023, 5, 24))
    assert [line[:10] for line, s in on_the_day if s == views.NEXT] == ["2023-05-24"]
    after = views.table_lines(doc, "sessions", today=dt.date(2024, 1, 1))
    assert {s for _, s in after[2:]} == {views.PAST}


def test_one_csv_with_a_kind_column_for_both_lists() -> None:
    result = invoke("show", "-f", SEED, "--format", "csv")
    assert not any(line.startswith("#") for line in result.output.splitlines())
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["kind", "date", "presenter", "title", "links", "issue", "note",
                       "keyword", "line"]  # fmt: skip
    kinds = [row[0] for row in rows[1:]]
    assert kinds == ["session"] * 13 + ["candidate"] * 25
    assert rows[10] == [  # the seed's line 34: 7/5, two links
        "session", "2023-07-05", "박다훈", "Reparameterized Technique",
        "https://arxiv.org/abs/2101.03697 https://arxiv.org/pdf/2212.01593.pdf", "10", "", "",
        "34",
    ]  # fmt: skip
    assert rows[14] == [
        "candidate", "", "", "FP8 Quantization: The Power of the Exponent",
        "https://arxiv.org/abs/2208.09225", "", "", "Quantization", "44",
    ]  # fmt: skip


NO_CANDIDATES = "# 2023 Study\n\n| When | Who | What |\n|---|---|---|\n| 5/3 | Kim | LoRA |\n"


def run_main(*args: str | Path) -> tuple[int, str, str]:
    """mdstudy.cli.main in process, its errors through the one funnel: (status, out, err)."""
    ran = mdstudy_in_process(*args)
    return ran.returncode, ran.stdout, ran.stderr


def test_table_candidates_without_a_candidate_table_says_so_as_candidates_list(
    tmp_path: Path,
) -> None:
    path = tmp_path / "README.md"
    path.write_text(NO_CANDIDATES, encoding="utf-8")
    listed = run_main("candidates", "list", "-f", path)
    assert listed[0] == 2 and "no candidate table" in listed[2] and listed[1] == ""
    for output_format in ("table", "markdown", "json", "csv"):
        shown = run_main("show", "-f", path, "--table", "candidates", "--format",
                         output_format)  # fmt: skip
        assert shown == listed
    # Without --table: the schedule alone, no empty candidate list under it.
    both = invoke("show", "-f", path)
    assert both.output.splitlines() == [
        "date        presenter  title",
        "----------  ---------  -----",
        "2023-05-03  Kim        LoRA",
    ]


def cell_text(html: str) -> str:
    """What a reader sees of a cell's HTML: tags dropped, entities resolved."""
    return html_lib.unescape(re.sub(r"<[^>]*>", "", html))


def test_markdown_is_one_github_table_per_list() -> None:
    result = invoke("show", "-f", SEED, "--format", "markdown")
    assert result.exit_code == 0
    tables = github_tables(result.output)
    assert len(tables) == 2
    sessions, candidates = tables
    assert [cell_text(h) for h in sessions.header] == [
        "date", "presenter", "title", "links", "issue",
    ]  # fmt: skip
    assert [cell_text(row[0]) for row in sessions.rows] == SEED_DATES
    july5 = sessions.rows[9]
    assert [cell_text(c) for c in july5] == [
        "2023-07-05", "박다훈", "Reparameterized Technique",
        "https://arxiv.org/abs/2101.03697 https://arxiv.org/pdf/2212.01593.pdf", "#10",
    ]  # fmt: skip
    assert 'href="https://arxiv.org/pdf/2212.01593.pdf"' in july5[3]  # a link, not text
    assert len(candidates.rows) == 25
    assert [cell_text(c) for c in candidates.header] == ["title", "links", "keyword"]


PIPES = """# 2023 Study

| When | Who | What | Links |
|---|---|---|---|
| 5/3 | Kim \\| Lee | A \\| B *not emphasis* `x` | [p](https://example.com/a_b*c) |
"""


def test_markdown_escapes_pipes_and_markup(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(PIPES, encoding="utf-8")
    session = mdstudy.load(path).sessions[0]
    assert (session.presenter, session.title) == ("Kim | Lee", "A | B not emphasis x")
    result = invoke("show", "-f", path, "--format", "markdown")
    (table,) = github_tables(result.output)
    cells = [cell_text(c) for c in table.rows[0]]
    assert cells == ["2023-05-03", "Kim | Lee", "A | B not emphasis x", "https://example.com/a_b*c"]
    assert "<em>" not in table.rows[0][2]


TEXT = st.text(st.sampled_from(list(string.printable.strip() + " 가나…é\u200b")), max_size=30)
URL = st.builds(
    lambda path: "https://example.com/" + path,
    st.text(st.sampled_from(list("ab09_*|~-/?=&#%().!")), max_size=20),
)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, url=URL)
def test_markdown_cells_read_back_as_the_text(text: str, url: str) -> None:
    from mdstudy.show import _md_links, _md_text

    markdown = f"| a | b |\n| - | - |\n| {_md_text(text)} | {_md_links(url)} |\n"
    (table,) = github_tables(markdown)
    assert len(table.rows) == 1 and len(table.rows[0]) == 2
    shown, link = (cell_text(c) for c in table.rows[0])
    assert shown == text.strip(" ")
    assert link == url


def test_json_records_are_the_api_fields() -> None:
    doc = mdstudy.load(SEED)
    for record in [*doc.sessions, *doc.candidates, doc.study]:
        expected = dataclasses.asdict(record)
        expected.pop("cells", None)
        data = views.record_dict(record)
        assert list(data) == list(expected)
        assert json.loads(json.dumps(data)) == json.loads(json.dumps(expected, default=str))


def test_the_readme_example_is_the_real_output() -> None:
    readme = (SEED.parents[1] / "README.md").read_text(encoding="utf-8")
    prompt = "$ mdstudy show --table sessions --width 80\n"
    example = readme[readme.index(prompt) + len(prompt) :].split("```")[0]
    result = invoke("show", "-f", SEED, "--table", "sessions", "--width", "80")
    assert result.output == example


OTHER_COLUMNS = """# 2023 Study

| Date | Presenter | Topic | Time | Place |
|---|---|---|---|---|
| 2023-05-03 | Kim | LoRA | 19:00 | Room 1 |
| 2023-05-10 | No meeting | - | | |
"""


def test_time_and_place_columns_and_a_cancelled_session(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(OTHER_COLUMNS, encoding="utf-8")
    lines = invoke("show", "-f", path).output.splitlines()
    assert lines[0].split() == ["date", "time", "presenter", "title", "place"]
    assert lines[2].split() == ["2023-05-03", "19:00", "Kim", "LoRA", "Room", "1"]
    assert lines[3].split() == ["2023-05-10", "(cancelled)"]


def test_color_always_styles_a_pipe_without_shortening_it() -> None:
    # --color is the whole command line's choice; the width still follows the output.
    styled = invoke("--color", "always", "show", "-f", SEED, "--table", "sessions")
    rows = [line for line in styled.output.splitlines() if "2023-" in line]
    assert len(rows) == 13 and all(row.startswith("\x1b[2m") for row in rows)  # all past
    assert NOISYQUANT in styled.output and "…" not in styled.output
    plain = invoke("--color", "never", "show", "-f", SEED, "--table", "sessions")
    assert "\x1b" not in plain.output
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled.output) == plain.output
