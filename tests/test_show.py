"""`mdstudy show` through the real command line: formats, and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from shared_files import SEED, run_mdstudy

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
