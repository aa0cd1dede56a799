"""Issue 12, conventions: the habits people bring from git, gh and ruff, on the command line.

`-f -` (standard input, and standard output for edits), the README found in a parent
folder, `check -f` and `check DIR`, bare `mdstudy`, "Did you mean", Ctrl-C, `--issue
'#11'`, `-o` into a missing folder, `--dry-run` with nothing to change, `-q` and
`--format json` on every writing command. In process (`mdstudy.cli.main`) for the
logic; a real process where the process itself is the point (pipes, signals).
"""

from __future__ import annotations

import gc
import json
import os
import platform
import signal
import subprocess
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_files import MDSTUDY, SEED, run_mdstudy

from mdstudy.cli import main

SEED_BYTES = SEED.read_bytes()
SEED_LINES = SEED_BYTES.decode("utf-8").split("\n")


class Run(NamedTuple):
    code: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8")


def mdstudy(*args: str | Path, stdin: bytes = b"") -> Run:
    """`mdstudy ARGS` in this process, as the `mdstudy` script runs it (errors included)."""
    with CliRunner().isolation(input=stdin) as streams:
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        out, err = streams[0].getvalue(), streams[1].getvalue()
    gc.enable()  # main() turns the collector off for its short-lived process
    return Run(code, out, err)


def line(number: int) -> str:
    """Line `number` (1-based) of the seed README, as written."""
    return SEED_LINES[number - 1]


def with_line(number: int, body: str) -> bytes:
    lines = list(SEED_LINES)
    lines[number - 1] = body
    return "\n".join(lines).encode("utf-8")


@pytest.fixture
def readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed as ./README.md of a repository root, the current folder."""
    (tmp_path / ".git").mkdir()
    path = tmp_path / "README.md"
    path.write_bytes(SEED_BYTES)
    monkeypatch.chdir(tmp_path)
    return path


# --- -f -: standard input, and standard output for edits ---------------------------


def test_stdin_round_trip_in_a_real_pipe_gives_the_bytes_of_editing_the_file(
    readme: Path,
) -> None:
    """`cat README.md | mdstudy assign -f - 5/24 X` prints what editing the file writes."""
    piped = subprocess.run(
        f"cat README.md | {' '.join(map(str, MDSTUDY))} assign -f - 5/24 X",
        shell=True, cwd=readme.parent, capture_output=True, timeout=60, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == b"<stdin>: assigned 5/24 to X\n"  # the result line, off stdout
    assert readme.read_bytes() == SEED_BYTES  # -f - never writes a file
    edited = run_mdstudy("assign", "-f", readme, "5/24", "X")
    assert edited.returncode == 0, edited.stderr
    assert piped.stdout == readme.read_bytes() == with_line(28, "5/24 | X | - | - | - | -")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    who=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12),
    ending=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_an_edit_through_stdin_equals_the_same_edit_of_a_file(
    tmp_path: Path, who: str, ending: str, bom: bool
) -> None:
    """Whatever WHO is (refused or written), the pipe and the file give the same answer."""
    text = ("\ufeff" if bom else "") + SEED_BYTES.decode("utf-8").replace("\n", ending)
    data = text.encode("utf-8")
    path = tmp_path / "README.md"
    path.write_bytes(data)
    # `--`: a WHO such as `-0` is the name, not an option (click would print its usage).
    piped = mdstudy("assign", "-f", "-", "--", "7/19", who, stdin=data)
    edited = mdstudy("assign", "-f", path, "--", "7/19", who)
    assert piped.code == edited.code
    if edited.code == 0:
        assert piped.stdout == path.read_bytes()
        assert piped.err == edited.out.replace(str(path), "<stdin>")
    else:  # the same one-line refusal, about the same input
        assert piped.stdout == b"" and len(piped.err.splitlines()) == 1
        assert piped.err == edited.err.replace(str(path), "<stdin>")


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["show", "--format", "json"],
        ["check"],
        ["check", "--format", "json"],
        ["ics", "--repo", "owner/study"],
        ["next", "--today", "2023-06-01", "--format", "markdown", "--repo", "owner/study"],
        ["stats", "--today", "2023-06-01"],
        ["candidates", "list", "--keyword", "pruning"],
    ],
    ids=lambda a: " ".join(a),
)
def test_reading_commands_read_stdin_as_they_read_the_file(
    readme: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # ics: the file's mtime otherwise
    from_file = mdstudy(*args, "-f", "README.md")
    from_stdin = mdstudy(*args, "-f", "-", stdin=SEED_BYTES)
    assert from_stdin.code == from_file.code
    assert from_file.stdout  # something to compare
    assert from_stdin.out == from_file.out.replace("README.md", "<stdin>")


def test_ics_output_dash_is_standard_output(readme: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dash = mdstudy("ics", "--repo", "owner/study", "-o", "-")
    default = mdstudy("ics", "--repo", "owner/study")
    assert dash.code == 0 and dash.stdout == default.stdout
    assert dash.stdout.startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "<stdin>: empty; -f - reads the README from standard input"),
        (b"# x\n\x00\x01", "<stdin>: binary file (contains NUL bytes)"),
        ("# Caf\xe9\n".encode("latin-1"), "<stdin>: not UTF-8 text (bad byte 0xe9 on line 1)"),
    ],
    ids=["empty", "binary", "latin-1"],
)
@pytest.mark.parametrize(
    "args", [["show"], ["check"], ["assign", "5/24", "X"], ["fmt"], ["ics"]], ids=lambda a: a[0]
)
def test_bad_stdin_is_one_line_and_exit_2(
    readme: Path, data: bytes, message: str, args: list[str]
) -> None:
    result = mdstudy(*args, "-f", "-", stdin=data)
    assert result.code == 2
    assert result.err.startswith(f"mdstudy: {message}") and result.err.count("\n") == 1
    assert result.stdout == b""


def test_json_needs_stdout_so_stdin_edits_refuse_it_unless_dry_run(readme: Path) -> None:
    refused = mdstudy("assign", "-f", "-", "5/24", "X", "--format", "json", stdin=SEED_BYTES)
    assert refused.code == 2 and "--format json goes with --dry-run only" in refused.err
    dry = mdstudy(
        "assign", "-f", "-", "5/24", "X", "--format", "json", "--dry-run", stdin=SEED_BYTES
    )
    assert dry.code == 0
    assert json.loads(dry.out)["sessions"][0]["presenter"] == "X"


def test_stdin_edit_that_changes_nothing_passes_the_text_through(readme: Path) -> None:
    # 6/21 already has 김도형: assigning him again changes nothing.
    result = mdstudy("assign", "-f", "-", "6/21", "김도형", stdin=SEED_BYTES)
    assert result.code == 0
    assert result.stdout == SEED_BYTES
    assert result.err == "<stdin>: nothing to change\n"
    quiet = mdstudy("assign", "-f", "-", "5/24", "X", "-q", stdin=SEED_BYTES)
    assert quiet.stdout == with_line(28, "5/24 | X | - | - | - | -") and quiet.stderr == b""


def test_dry_run_on_stdin_prints_the_diff_on_stdout(readme: Path) -> None:
    result = mdstudy("unassign", "-f", "-", "6/14", "--dry-run", stdin=SEED_BYTES)
    assert result.code == 0 and result.stderr == b""
    assert f"-{line(31)}\n" in result.out
    assert "+6/14 | TBD | - | - | - | -\n" in result.out


def test_init_and_plan_write_to_stdout_with_dash(readme: Path) -> None:
    term = ["--start", "2024-03-06", "--count", "3"]
    printed = mdstudy("init", "Spring", *term, "-f", "-")
    assert printed.code == 0
    assert printed.err == "<stdout>: 3 sessions from 2024-03-06 to 2024-03-20\n"
    assert mdstudy("init", "Spring", *term, "-f", "NEW.md").code == 0
    assert printed.stdout == Path("NEW.md").read_bytes()

    planned = mdstudy("plan", "-f", "-", "2023-08-02", "--count", "2", stdin=SEED_BYTES)
    assert planned.code == 0
    assert mdstudy("plan", "2023-08-02", "--count", "2").code == 0
    assert planned.stdout == readme.read_bytes() != SEED_BYTES


def test_fmt_dash_prints_the_formatted_text(readme: Path) -> None:
    piped = mdstudy("fmt", "-", stdin=SEED_BYTES)
    assert piped.code == 0 and piped.err == "reformatted <stdin>\n"
    assert mdstudy("fmt", "-q").stderr == b""  # -q: no "reformatted" line
    assert piped.stdout == readme.read_bytes() != SEED_BYTES
    check = mdstudy("fmt", "--check", "-", stdin=SEED_BYTES)
    assert check.code == 1 and check.stdout == b""
    assert check.err == "would reformat <stdin>\n"


def test_check_fix_on_stdin_writes_the_fixed_text_and_reports_on_stderr(readme: Path) -> None:
    broken = with_line(33, line(33).replace("N/A yet", "arxiv.org/abs/2101.00001"))
    fixed = mdstudy("check", "--fix", "-f", "-", stdin=broken)
    readme.write_bytes(broken)
    in_place = mdstudy("check", "--fix", "README.md")
    assert fixed.code == in_place.code == 1  # the seed's duplicate links are left
    assert fixed.stdout == readme.read_bytes()
    assert b"https://arxiv.org/abs/2101.00001" in fixed.stdout
    assert fixed.err == in_place.out.replace("README.md", "<stdin>")
    assert "<stdin>:33:" in fixed.err and "fixed:" in fixed.err


# --- check -f FILE, check DIR -------------------------------------------------------


def test_check_takes_f_like_every_other_command(readme: Path) -> None:
    by_option = mdstudy("check", "-f", "README.md")
    by_argument = mdstudy("check", "README.md")
    assert by_option.code == by_argument.code == 1
    assert by_option.out == by_argument.out
    assert by_option.out.endswith("(1 file checked).\n")


def test_check_dir_checks_the_readmes_under_it_and_counts_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in ["docs", "docs/b", "docs/a", "docs/.git", "docs/.hidden", "docs/node_modules/x"]:
        Path(folder).mkdir(parents=True)
    Path("docs/README.md").write_text("# Notes\n\nNo tables here.\n", encoding="utf-8")
    Path("docs/b/README.md").write_bytes(SEED_BYTES)  # 2 errors, 4 warnings
    Path("docs/a/README.md").write_bytes(with_line(28, "5/24 | Ada | - | - | - | -"))
    for skipped in ["docs/.git", "docs/.hidden", "docs/node_modules/x"]:
        Path(skipped, "README.md").write_bytes(b"| 5/24 | x |\n|--|\n")  # would be reported
    Path("docs/a/notes.md").write_bytes(SEED_BYTES)  # not a README.md
    result = mdstudy("check", "docs")
    assert result.code == 1, result.err
    paths = {found.split(":")[0] for found in result.out.splitlines()[:-1]}
    assert paths == {"docs/a/README.md", "docs/b/README.md"}
    # The README without tables is checked and counted, though it reports nothing.
    assert result.out.splitlines()[-1].endswith("(3 files checked).")
    assert result.out.index("docs/a/README.md") < result.out.index("docs/b/README.md")

    Path("empty").mkdir()
    empty = mdstudy("check", "empty", "docs/b/README.md")
    assert empty.code == 2
    assert empty.err == (
        "mdstudy: empty: a directory with no README.md in it or below "
        "(hidden folders and node_modules are skipped)\n"
    )
    assert "docs/b/README.md:25:" in empty.out  # the other file is still checked


def test_summary_counts_a_readme_without_tables_among_others(readme: Path) -> None:
    Path("other.md").write_text("# Nothing to check\n", encoding="utf-8")
    result = mdstudy("check", "README.md", "other.md")
    assert result.out.endswith("(2 files checked).\n")
    alone = mdstudy("check", "other.md")  # nothing to check: silent, as in a pre-commit hook
    assert (alone.code, alone.stdout) == (0, b"")


# --- the README found in a parent folder --------------------------------------------


def test_readme_is_found_in_the_nearest_parent_folder(
    readme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deeper = readme.parent / "notes" / "2023"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    result = mdstudy("assign", "5/24", "Ada")
    assert result.code == 0, result.err
    assert result.out == "../../README.md: assigned 5/24 to Ada\n"
    assert readme.read_bytes() == with_line(28, "5/24 | Ada | - | - | - | -")
    shown = mdstudy("show", "--format", "json")
    assert json.loads(shown.out)["sessions"][3]["presenter"] == "Ada"


def test_the_nearest_readme_wins_and_its_config_comes_with_it(
    readme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (readme.parent / ".mdstudy.toml").write_text('[check]\nignore = ["MS007"]\n', "utf-8")
    inner = readme.parent / "sub"
    inner.mkdir()
    (inner / "README.md").write_bytes(SEED_BYTES)  # no config beside it: MS007 reported
    (inner / "deeper").mkdir()
    monkeypatch.chdir(inner / "deeper")
    found = mdstudy("check", "--format", "json")
    assert {f["path"] for f in json.loads(found.out)} == {"../README.md"}
    assert "MS007" in {f["code"] for f in json.loads(found.out)}
    monkeypatch.chdir(readme.parent / "sub" / "..")
    assert "MS007" not in {f["code"] for f in json.loads(mdstudy("check", "--format", "json").out)}


def test_the_search_stops_at_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "README.md").write_bytes(SEED_BYTES)  # above the repository: never used
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    monkeypatch.chdir(repo / "src")
    result = mdstudy("show")
    assert result.code == 2
    assert result.err == (
        f"mdstudy: no README.md in {repo / 'src'} or its parent folders up to the repository "
        f"root {repo}; name the file with -f FILE (or -f - for standard input)\n"
    )


# --- bare mdstudy, Did you mean, Ctrl-C ---------------------------------------------


def test_bare_mdstudy_prints_its_help_on_stdout_and_exits_0(tmp_path: Path) -> None:
    result = run_mdstudy(cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Usage: mdstudy [OPTIONS]")
    for command in ["show", "assign", "check", "ics", "fmt"]:
        assert f"\n  {command} " in result.stdout


def test_bare_candidates_prints_its_help_too() -> None:
    result = mdstudy("candidates")
    assert (result.code, result.stderr) == (0, b"")
    assert result.out.startswith("Usage: ") and "\n  remove " in result.out
    assert "Did you mean 'add'?" in mdstudy("candidates", "ad").err


def test_a_misspelt_command_gets_a_suggestion_without_loading_any_command(tmp_path: Path) -> None:
    from test_imports import loaded

    result = mdstudy("shwo")
    assert result.code == 2
    assert "Error: No such command 'shwo'. Did you mean 'show'?" in result.err
    assert "Did you mean 'check'?" in mdstudy("chekc").err
    code, modules = loaded(tmp_path, "shwo")
    assert code == 2
    shared = {"mdstudy.cli.common", "mdstudy.cli.readme"}
    assert not {m for m in modules if m.startswith("mdstudy.cli.")} - shared
    assert not {"mistune", "mdstudy.cli.show"} & modules


def _blocked_reading_stdin(pid: int) -> bool:
    """Whether the process sleeps in read(0, ...) (Linux: /proc/PID/syscall)."""
    read = {"x86_64": "0", "aarch64": "63"}.get(platform.machine(), "0")
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return fields[:2] == [read, "0x0"]


def test_ctrl_c_exits_130_with_one_line_and_no_blank_line(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*MDSTUDY, "show", "-f", "-"], cwd=tmp_path, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _blocked_reading_stdin(process.pid):  # deterministic: inside the command
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert (out, err) == (b"", b"mdstudy: interrupted\n")


# --- --issue '#11', --force, -o, --dry-run -----------------------------------------


def test_issue_is_taken_with_or_without_its_hash(readme: Path) -> None:
    assert mdstudy("assign", "5/24", "Ada", "--issue", "#11").code == 0
    with_hash = readme.read_bytes()
    readme.write_bytes(SEED_BYTES)
    assert mdstudy("assign", "5/24", "Ada", "--issue", "11").code == 0
    assert with_hash == readme.read_bytes() == with_line(28, "5/24 | Ada | - | - | #11 | -")
    for bad in ["#", "#x", "0", "#-3", "١١"]:
        refused = mdstudy("assign", "5/24", "Ada", "--issue", bad)
        assert refused.code == 2 and "Invalid value for '--issue'" in refused.err, bad
    assert readme.read_bytes() == with_line(28, "5/24 | Ada | - | - | #11 | -")


def test_assign_force_says_what_it_cleared(readme: Path) -> None:
    assert "are cleared unless given again" in " ".join(mdstudy("assign", "--help").out.split())
    # 6/21: 김도형, a title, a link and issue #8, no note.
    result = mdstudy("assign", "6/21", "Ada", "--force", "--issue", "12")
    assert result.code == 0, result.err
    assert result.out == (
        "README.md: assigned 6/21 to Ada (replacing 김도형; cleared title, links)\n"
    )
    assert readme.read_bytes() == with_line(32, "6/21 | Ada | - | - | #12 | -")
    # An empty session does not change hands: nothing is cleared, nothing said.
    assert mdstudy("assign", "5/24", "Bo", "--force").out == "README.md: assigned 5/24 to Bo\n"


def test_output_into_a_missing_folder_says_the_folder_is_missing(readme: Path) -> None:
    result = mdstudy("ics", "--repo", "owner/study", "-o", "nowhere/study.ics")
    assert result.code == 2
    assert result.err == (
        f"mdstudy: nowhere/study.ics: no such folder: {readme.parent / 'nowhere'}\n"
    )
    assert not (readme.parent / "nowhere").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["assign", "6/21", "김도형"],
        ["move", "5/24", "5/24"],
        ["plan", "2023-05-10", "--count", "3"],
    ],
    ids=lambda a: a[0],
)
def test_dry_run_with_nothing_to_change_says_so_as_the_edit_does(
    readme: Path, args: list[str]
) -> None:
    dry = mdstudy(*args, "--dry-run")
    real = mdstudy(*args)
    assert dry.code == real.code == 0
    assert dry.out == real.out == "README.md: nothing to change\n"
    assert readme.read_bytes() == SEED_BYTES


# --- -q and --format json on every writing command ----------------------------------

WRITES = [
    ["assign", "5/24", "Ada"],
    ["unassign", "6/14"],
    ["swap", "5/10", "5/17"],
    ["move", "7/26", "8/2"],
    ["add-session", "8/2"],
    ["remove-session", "7/26"],
    ["candidates", "add", "New paper", "--link", "https://example.org/p"],
    ["candidates", "remove", "GPTQ"],
    ["plan", "2023-08-02", "--count", "2"],
]


@pytest.mark.parametrize("args", WRITES, ids=lambda a: " ".join(a[:2]))
def test_quiet_writes_and_prints_nothing(readme: Path, args: list[str]) -> None:
    loud = mdstudy(*args)
    assert loud.code == 0 and loud.out.startswith("README.md: ")
    changed = readme.read_bytes()
    readme.write_bytes(SEED_BYTES)
    quiet = mdstudy(*args, "-q")
    assert (quiet.code, quiet.stdout, quiet.stderr) == (0, b"", b"")
    assert readme.read_bytes() == changed != SEED_BYTES


def session(date: str, presenter: str | None, title: str | None = None, **more: object) -> dict:
    base = {"date": date, "presenter": presenter, "title": title, "links": [], "issue": None,
            "note": None, "cancelled": False, "time": None, "end": None, "place": None}  # fmt: skip
    return {**base, **more}


def test_format_json_lists_the_changed_sessions_before_and_after(readme: Path) -> None:
    result = mdstudy("swap", "5/10", "5/17", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert (data["file"], data["changed"], data["written"]) == ("README.md", True, True)
    # Read from lines 26-27 of the seed: the dates stay, everything else trades places.
    sampling = "How to Improve Sampling Speed of Diffusion Models"
    llm = "Challenges on Optimization of LLM Inference"
    assert data["sessions"] == [
        session("2023-05-10", "김형준", sampling, issue=3, line=26),
        session("2023-05-17", "권세중", llm, issue=2, line=27),
    ]
    assert data["before"]["sessions"] == [
        session("2023-05-10", "권세중", llm, issue=2, line=26),
        session("2023-05-17", "김형준", sampling, issue=3, line=27),
    ]
    assert data["candidates"] == data["before"]["candidates"] == []


def test_format_json_of_additions_and_removals(readme: Path) -> None:
    added = json.loads(mdstudy("add-session", "8/2", "--format", "json").out)
    assert added["sessions"] == [session("2023-08-02", None, line=38)]
    assert added["before"]["sessions"] == []  # rows below moved down: not changed
    removed = json.loads(mdstudy("remove-session", "5/3", "--force", "--format", "json").out)
    assert removed["sessions"] == []
    assert removed["before"]["sessions"] == [
        session("2023-05-03", "김태수", "Introduction to Efficient AI Study", issue=1, line=25)
    ]
    gone = json.loads(mdstudy("candidates", "remove", "GPTQ", "--format", "json").out)
    assert gone["before"]["candidates"] == [
        {
            "title": "GPTQ: Accurate Quantization for Generative Pre-trained Transformers",
            "links": ["https://openreview.net/forum?id=tcbBPnfwxS"],
            "keyword": "Quantization",
            "line": 68,  # as in the seed: one session added above it, one removed
        }
    ]
    assert gone["candidates"] == [] and gone["sessions"] == []


def test_format_json_on_dry_run_and_on_no_change(readme: Path) -> None:
    dry = json.loads(mdstudy("unassign", "6/14", "--dry-run", "--format", "json").out)
    assert (dry["changed"], dry["written"]) == (True, False)
    assert dry["sessions"] == [session("2023-06-14", None, line=31)]
    assert readme.read_bytes() == SEED_BYTES
    same = json.loads(mdstudy("assign", "6/21", "김도형", "--format", "json").out)
    assert (same["changed"], same["written"], same["sessions"]) == (False, False, [])


def test_format_json_of_init_is_every_new_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = mdstudy("init", "Spring", "--start", "2024-03-06", "--count", "2", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [s["date"] for s in data["sessions"]] == ["2024-03-06", "2024-03-13"]
    assert (data["written"], data["before"]["sessions"]) == (True, [])
    assert (tmp_path / "README.md").is_file()


def test_completion_finds_the_readme_as_the_command_would(
    readme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.shell_completion import ShellComplete

    from mdstudy.cli import cli

    def dates(args: list[str]) -> list[str]:
        complete = ShellComplete(cli, {}, "mdstudy", "_MDSTUDY_COMPLETE")
        return [item.value for item in complete.get_completions(args, "2023-07")]

    (readme.parent / "notes").mkdir()
    monkeypatch.chdir(readme.parent / "notes")
    assert dates(["unassign"]) == ["2023-07-05", "2023-07-12", "2023-07-19", "2023-07-26"]
    assert dates(["unassign", "-f", "-"]) == []  # standard input cannot be read twice
    other = readme.parent / "vendor" / "other"  # a repository of its own, without a README
    (other / ".git").mkdir(parents=True)
    monkeypatch.chdir(other)
    assert dates(["unassign"]) == []  # no README found: nothing offered, no error
