"""`mdstudy check` as users and CI run it: real files, exit statuses; in process through
`mdstudy.cli.main`, the seed's text output also in a real process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from shared_files import SEED, Ran, mdstudy_in_process, run_mdstudy
from test_check import GOOD, with_line

TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>MS\d{3}) \[[a-z-]+\] .+$"
)


def run(cwd: Path, *args: str) -> Ran:
    return mdstudy_in_process("check", *args, cwd=cwd)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_text_output(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(SEED.read_bytes())
    result = run_mdstudy("check", cwd=tmp_path, timeout=60)  # no FILES: ./README.md
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    *lines, last = result.stdout.splitlines()
    matches = [TEXT_LINE.match(line) for line in lines]
    assert all(matches), lines
    found = [(m["path"], int(m["line"]), m["code"]) for m in matches if m]
    assert found == [
        ("README.md", 25, "MS101"),
        ("README.md", 31, "MS103"),
        ("README.md", 33, "MS104"),
        ("README.md", 35, "MS103"),
        ("README.md", 47, "MS007"),
        ("README.md", 62, "MS007"),
    ]
    assert last == "Found 6 problems: 2 errors, 4 warnings (1 file checked)."
    assert readme.read_bytes() == SEED.read_bytes()  # check never writes


def test_seed_json_output(tmp_path: Path) -> None:
    result = run(tmp_path, "--format", "json", str(SEED))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [(d["line"], d["code"], d["severity"]) for d in data] == [
        (25, "MS101", "warning"),
        (31, "MS103", "warning"),
        (33, "MS104", "warning"),
        (35, "MS103", "warning"),
        (47, "MS007", "error"),
        (62, "MS007", "error"),
    ]
    assert all(
        set(d) == {"path", "line", "column", "code", "name", "severity", "message"} for d in data
    )
    assert {d["path"] for d in data} == {str(SEED)}


def test_seed_github_output(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(SEED.read_bytes())
    result = run(tmp_path, "--format", "github", "README.md")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(
        "::warning file=README.md,line=25,col=1,title=MS101 outside-period::"
    )
    assert lines[4].startswith("::error file=README.md,line=47,")
    assert "title=MS007 duplicate-link::" in lines[4]


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    write(tmp_path / "README.md", with_line(8, "| 5/17 | Lee | - | - | #2 |"))  # MS103 only
    result = run(tmp_path)
    assert result.returncode == 0
    assert "README.md:8:" in result.stdout and "MS103" in result.stdout
    assert run(tmp_path, "--strict").returncode == 1
    write(tmp_path / ".mdstudy.toml", "[check]\nstrict = true\n")
    assert run(tmp_path).returncode == 1


def test_good_readme_exit_0(tmp_path: Path) -> None:
    write(tmp_path / "README.md", GOOD)
    result = run(tmp_path, "--strict")
    assert result.returncode == 0
    assert result.stdout == "No problems found (1 file checked).\n"


def test_select_and_ignore_options(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(SEED.read_bytes())
    only_errors = run(tmp_path, "--select", "MS0", "--format", "json")
    assert {d["code"] for d in json.loads(only_errors.stdout)} == {"MS007"}
    assert only_errors.returncode == 1
    no_errors = run(tmp_path, "--ignore", "MS007,MS008", "--ignore", "duplicate-candidate")
    assert no_errors.returncode == 0  # only warnings are left
    assert "MS007" not in no_errors.stdout and "MS103" in no_errors.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "MS999"], "unknown rule 'MS999'"),
        (["--format", "xml"], "xml"),
        (["--bogus"], "--bogus"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    write(tmp_path / "README.md", GOOD)
    result = run(tmp_path, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.md", None, "no such file"),
        ("folder", "dir", "a directory with no README.md in it or below"),  # check DIR (issue 12)
        ("binary.md", b"# x\x00\x01\x02", "binary file"),
        ("latin1.md", "# Caf\xe9\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_exit_2(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = run(tmp_path, name)
    assert result.returncode == 2
    assert result.stderr.startswith(f"mdstudy: {name}: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_default_readme_missing_exit_2(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository root: the search stops here
    result = run(tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"mdstudy: no README.md in {tmp_path} (the repository root); "
        "name the file with -f FILE (or -f - for standard input)\n"
    )


@pytest.mark.parametrize("text", ["", "  \n\n\t \n", "# Notes\n\nNo tables here.\n"])
def test_nothing_to_check_exit_0(tmp_path: Path, text: str) -> None:
    write(tmp_path / "README.md", text)
    result = run(tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""  # issue 7: nothing to check, nothing reported
    assert result.stderr == ""


def test_several_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    write(tmp_path / "a" / "README.md", GOOD)
    write(tmp_path / "README.md", with_line(9, "| 5/24 | Park | GPTQ | - | #2 |"))  # MS005
    result = run(tmp_path, "a/README.md", "README.md")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("README.md:9:")
    assert "a/README.md" not in result.stdout
    assert result.stdout.endswith("(2 files checked).\n")
    # An unreadable file among readable ones: the others are still checked, exit 2.
    result = run(tmp_path, "missing.md", "README.md")
    assert result.returncode == 2
    assert "README.md:9:" in result.stdout
    assert result.stderr == "mdstudy: missing.md: no such file\n"
