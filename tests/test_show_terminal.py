"""`show` and the progress spinner on a real terminal (a pseudo-terminal), and in pipes.

A pseudo-terminal is the only way to see what a user sees: click, `shutil` and the
spinner ask `isatty()` of the real file descriptors, so these run the command line
in a child process whose standard output and/or error is the terminal's other end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared_files import MDSTUDY, SEED, mdstudy_in_process, run_mdstudy
from wcwidth import wcswidth

SEED_DATES = [
    "2023-05-03", "2023-05-10", "2023-05-17", "2023-05-24", "2023-05-31", "2023-06-07",
    "2023-06-14", "2023-06-21", "2023-06-28", "2023-07-05", "2023-07-12", "2023-07-19",
    "2023-07-26",
]  # fmt: skip
NOISYQUANT = (  # the seed's longest title, 105 columns
    "NoisyQuant: Noisy Bias-Enhanced Post-Training Activation Quantization for "
    "Vision Transformers (CVPR-2023)"
)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DIM, BOLD = "\x1b[2m", "\x1b[1m"


@dataclass
class Run:
    status: int
    out: str  # with ANSI codes as the terminal got them; line ends as "\n"
    err: str


def in_terminal(
    *args: str | Path,
    env: dict[str, str] | None = None,
    out_to_terminal: bool = True,
    err_to_terminal: bool = False,
    timeout: float = 120,
) -> Run:
    """Run `mdstudy ARGS` with standard output and/or error on a pseudo-terminal; the
    other goes to a file. What the terminal got is returned as that stream's text."""
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment.update(env or {})
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as other:
        child = subprocess.Popen(
            [*MDSTUDY, *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=slave if out_to_terminal else other,
            stderr=slave if err_to_terminal else other,
            env=environment,
        )
        os.close(slave)
        seen = bytearray()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                if child.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child has closed its end
                break
            if not data:
                break
            seen.extend(data)
        status = child.wait(timeout=max(deadline - time.monotonic(), 1))
        os.close(master)
        other.seek(0)
        rest = other.read().decode("utf-8")
    terminal = seen.decode("utf-8").replace("\r\n", "\n")  # the terminal adds a CR to each LF
    if out_to_terminal:
        return Run(status, terminal, rest if not err_to_terminal else "")
    return Run(status, rest, terminal)


def session_lines(text: str) -> dict[str, str]:
    """Each line (ANSI codes kept) whose visible text starts with a date, by that date."""
    found = {}
    for line in text.splitlines():
        visible = ANSI.sub("", line)
        if re.match(r"\d{4}-\d\d-\d\d", visible):
            found[visible[:10]] = line
    return found


@pytest.mark.parametrize("columns", [80, 120])
def test_show_on_a_terminal_fits_columns_and_dims_the_past(columns: int) -> None:
    result = in_terminal("show", "-f", SEED, env={"COLUMNS": str(columns)})
    assert result.status == 0, result.err
    visible = ANSI.sub("", result.out)
    assert max(wcswidth(line) for line in visible.splitlines()) <= columns
    rows = session_lines(result.out)
    assert list(rows) == SEED_DATES
    assert "…" in visible and NOISYQUANT not in visible
    # Every seed session is in 2023, so before today: all dimmed, none marked next.
    assert all(line.startswith(DIM) for line in rows.values())
    assert BOLD not in result.out.split("# candidates")[0]


def test_show_wide_on_a_terminal_prints_everything() -> None:
    result = in_terminal("show", "-f", SEED, "--wide", env={"COLUMNS": "80"})
    visible = ANSI.sub("", result.out)
    assert NOISYQUANT in visible and "…" not in visible
    assert max(wcswidth(line) for line in visible.splitlines()) > 80


def test_show_piped_shortens_nothing_and_has_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # a terminal's setting: a pipe does not follow it
    result = run_mdstudy("show", "-f", SEED)
    assert result.returncode == 0 and result.stderr == ""
    assert "…" not in result.stdout and "\x1b" not in result.stdout
    assert NOISYQUANT in session_lines(result.stdout)["2023-06-21"]


def test_the_next_session_is_marked_on_a_terminal(tmp_path: Path) -> None:
    today = dt.date.today()
    past, soon, later = (today + dt.timedelta(days=d) for d in (-7, 7, 14))
    (tmp_path / "README.md").write_text(
        "# Study\n\n| Date | Presenter | Topic |\n|---|---|---|\n"
        f"| {past} | Kim | Old |\n| {soon} | Lee | Next |\n| {later} | Park | Later |\n",
        encoding="utf-8",
    )
    result = in_terminal("show", "-f", tmp_path / "README.md", env={"COLUMNS": "100"})
    rows = session_lines(result.out)
    assert rows[past.isoformat()].startswith(DIM)
    assert BOLD in rows[soon.isoformat()] and DIM not in rows[soon.isoformat()]
    assert "\x1b" not in rows[later.isoformat()]


# --- progress: a spinner on standard error, only on a terminal, only for long work ------


# Sessions of the "long" README: with the wait set to zero (NO_WAIT) the spinner still
# needs the work to outlast its thread's start (at 1,000 rows `check` once ended first).
ROWS = 3000


def large_readme(folder: Path, rows: int = ROWS) -> Path:
    """A schedule of `rows` daily sessions with Hangul names, links and issues."""
    first = dt.date(2000, 1, 3)
    lines = [
        "# Large Study\n\n| When | Who | What | Links | Issue # |\n|---|---|---|---|---|\n",
        *(
            f"| {first + dt.timedelta(days=i)} | 김태수 | Paper {i} | "
            f"https://arxiv.org/abs/2301.{i:05d} | #{i + 1} |\n"
            for i in range(rows)
        ),
    ]
    path = folder / "README.md"
    path.write_text("".join(lines), encoding="utf-8")
    return path


# The spinner waits a second before it appears; tests shorten the wait so a README
# that takes a fraction of a second on a fast machine still shows it.
NO_WAIT = {"MDSTUDY_PROGRESS_DELAY": "0"}
LONG_COMMANDS = {
    "show": (["show", "--format", "json", "-f", "{f}"], "mdstudy: reading"),
    "check": (["check", "{f}"], "mdstudy: checking"),
    "ics": (["ics", "--repo", "o/n", "-f", "{f}", "-o", "{d}/study.ics"], "mdstudy: exporting"),
}


def command(case: str, readme: Path) -> tuple[list[str], str]:
    args, words = LONG_COMMANDS[case]
    return [a.format(f=readme, d=readme.parent) for a in args], words


@pytest.mark.parametrize("case", list(LONG_COMMANDS))
def test_long_work_shows_a_spinner_on_a_terminal(tmp_path: Path, case: str) -> None:
    readme = large_readme(tmp_path)
    args, words = command(case, readme)
    result = in_terminal(*args, env=NO_WAIT, out_to_terminal=False, err_to_terminal=True)
    assert result.status == 0, result.err
    assert words in result.err and readme.name in result.err
    # It wipes its line when the work ends: nothing of it is left to read after that.
    assert result.err.endswith("\r\x1b[K")
    if case == "show":  # the result itself is untouched
        assert len(json.loads(result.out)["sessions"]) == ROWS


@pytest.mark.parametrize("case", list(LONG_COMMANDS))
def test_pipes_get_no_spinner(tmp_path: Path, case: str) -> None:
    """In process: the command's standard error is a stream that is not a terminal, as
    a pipe is (the real pipe of a real process: test_show_piped_shortens_nothing...)."""
    readme = large_readme(tmp_path)
    args, _ = command(case, readme)
    result = mdstudy_in_process(*args, env=NO_WAIT)
    assert result.returncode == 0
    assert result.stderr == ""


def test_short_work_shows_no_spinner_on_a_terminal() -> None:
    # The seed takes a fraction of a second: under the one-second wait, nothing is drawn.
    result = in_terminal(
        "show", "-f", SEED, "--format", "json", out_to_terminal=False, err_to_terminal=True
    )
    assert result.status == 0 and result.err == ""


def test_no_color_on_a_terminal_still_fits_but_is_plain() -> None:
    result = in_terminal("show", "-f", SEED, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert "\x1b" not in result.out
    assert "…" in result.out and max(wcswidth(line) for line in result.out.splitlines()) <= 80
