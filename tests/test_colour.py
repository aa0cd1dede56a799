"""Colour only where it is wanted (issue 12, item 2): on a terminal, unless NO_COLOR;
in a pipe only with FORCE_COLOR; `--color always|never` beats both.

In process, click's runner is not a terminal (the pipe case); the terminal case
runs the real command on a pseudo-terminal.
"""

from __future__ import annotations

import gc
import os
import pty
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from shared_files import MDSTUDY, SEED

from mdstudy.cli import cli, main

# ANSI: an escape starts every code; the colours are SGR 31, 32, 33, 36 and bold 1.
ESC, BOLD = "\x1b[", "\x1b[1m"
RED, GREEN, YELLOW, CYAN = "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m"
CHECK = ["check", str(SEED)]
DRY_RUN = ["assign", "-f", str(SEED), "--dry-run", "7/26", "X"]


def run(args: list[str], **env: str) -> str:
    """stdout of the command in process, NO_COLOR and FORCE_COLOR unset unless given."""
    environ: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": None, **env}
    return CliRunner().invoke(cli, args, env=environ).stdout


# (options before the command, environment, whether the output is coloured)
PIPED = [
    ([], {}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": ""}, False),  # an empty value is no value
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins
    ([], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
    (["--color", "auto"], {"FORCE_COLOR": "1"}, True),
    (["--color", "always"], {}, True),
    (["--color", "always"], {"NO_COLOR": "1"}, True),  # --color beats both
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--color", "never"], {}, False),
]


@pytest.mark.parametrize(("options", "env", "coloured"), PIPED)
@pytest.mark.parametrize("command", [CHECK, DRY_RUN], ids=["check", "dry-run"])
def test_colour_in_a_pipe_only_when_forced(
    command: list[str], options: list[str], env: dict[str, str], coloured: bool
) -> None:
    plain = run(command)
    output = run([*options, *command], **env)
    assert (ESC in output) is coloured
    # Colour only adds codes around the same text.
    assert click.unstyle(output) == plain and ESC not in plain


def test_check_colours_codes_by_severity_and_the_summary() -> None:
    lines = run(["--color", "always", *CHECK]).splitlines()
    findings, summary = lines[:-1], lines[-1]
    assert len(findings) == 6
    for line in findings:
        code = click.unstyle(line).split()[1]
        # MS0xx rules are errors, MS1xx warnings (the table of rules in the README).
        colour = RED if code.startswith("MS0") else YELLOW
        assert f"{colour}{BOLD}{code}" in line
        assert line.startswith(f"{BOLD}{SEED}:")
    assert summary.startswith(RED) and "2 errors, 4 warnings" in summary


def test_clean_summary_is_green(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("| When | Who |\n| --- | --- |\n| 2024-03-06 | Kim |\n", encoding="utf-8")
    assert run(["--color", "always", "check", str(readme)]).startswith(f"{GREEN}{BOLD}No problems")


def test_machine_formats_are_never_coloured() -> None:
    for form in ("json", "github"):
        assert ESC not in run(["--color", "always", *CHECK, "--format", form])


def test_dry_run_diff_colours() -> None:
    lines = run(["--color", "always", *DRY_RUN]).splitlines()
    styled = {click.unstyle(line): line for line in lines}
    assert styled[f"--- {SEED}"] == f"{BOLD}--- {SEED}\x1b[0m"  # absolute: no a/
    assert styled[f"+++ {SEED}"].startswith(BOLD)
    assert styled["@@ -34,7 +34,7 @@"].startswith(CYAN)
    assert styled["-7/26 | TBD | - | - | - | -"].startswith(RED)
    assert styled["+7/26 | X | - | - | - | -"].startswith(GREEN)
    context = [line for line in lines if line.startswith(" ")]
    assert context and all(ESC not in line for line in context)


def test_fixed_findings_are_green(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "| When | Who | Title | Link |\n| --- | --- | --- | --- |\n"
        "| 2024-03-06 | Kim | LoRA | arxiv.org/abs/2106.09685 |\n",
        encoding="utf-8",
    )
    output = run(["--color", "always", "check", "--fix", str(readme)])
    fixed = next(line for line in output.splitlines() if "fixed:" in line)
    assert f"{GREEN}{BOLD}MS006" in fixed
    assert "https://arxiv.org/abs/2106.09685" in readme.read_text(encoding="utf-8")


@pytest.fixture
def in_process_main() -> Iterator[None]:
    yield
    gc.enable()  # main() turns the collector off for its short-lived process


def errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    return capsys.readouterr().err


@pytest.mark.usefixtures("in_process_main")
def test_error_lines_have_a_red_prefix_only_when_colour_is_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = ["check", "no-such-README.md"]
    assert errors(missing, capsys) == "mdstudy: no-such-README.md: no such file\n"
    coloured = errors(["--color", "always", *missing], capsys)
    assert coloured.startswith(f"{RED}{BOLD}mdstudy:\x1b[0m ")
    assert click.unstyle(coloured) == "mdstudy: no-such-README.md: no such file\n"
    # An error main() prints after the command ended (no session on 1/1) follows the choice too.
    no_session = ["assign", "-f", str(SEED), "1/1", "X"]
    assert errors(no_session, capsys).startswith("mdstudy: ")
    assert errors(["--color", "always", *no_session], capsys).startswith(RED)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert errors(no_session, capsys).startswith(RED)
    assert ESC not in errors(["--color", "never", *no_session], capsys)


def on_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """The real command with stdout and stderr on a pseudo-terminal: what a person sees."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    parent, child = pty.openpty()
    process = subprocess.Popen(
        [*MDSTUDY, *args], cwd=cwd, env={**environ, **env},
        stdin=subprocess.DEVNULL, stdout=child, stderr=child,
    )  # fmt: skip
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(parent)
    return b"".join(chunks).decode("utf-8")


@pytest.fixture
def study(tmp_path: Path) -> Path:
    shutil.copyfile(SEED, tmp_path / "README.md")
    return tmp_path


def test_a_terminal_gets_colour(study: Path) -> None:
    shown = on_terminal(["check", "README.md", "missing.md"], study)
    assert f"{RED}{BOLD}mdstudy:\x1b[0m missing.md" in shown
    assert f"{RED}{BOLD}MS007" in shown and f"{YELLOW}{BOLD}MS101" in shown
    diff = on_terminal(["assign", "--dry-run", "7/26", "X"], study)
    assert f"{GREEN}+7/26 | X" in diff and f"{RED}-7/26 | TBD" in diff


@pytest.mark.parametrize(
    ("options", "env"),
    [([], {"NO_COLOR": "1"}), (["--color", "never"], {"FORCE_COLOR": "1"})],
    ids=["NO_COLOR", "--color never"],
)
def test_a_terminal_without_colour_when_asked(
    study: Path, options: list[str], env: dict[str, str]
) -> None:
    shown = on_terminal([*options, "check", "README.md", "missing.md"], study, **env)
    assert "MS007" in shown and "mdstudy: missing.md" in shown
    assert ESC not in shown


def test_a_real_pipe_stays_plain(study: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    piped = subprocess.run(
        [*MDSTUDY, "check", "README.md", "missing.md"],
        cwd=study, env=environ, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "MS007" in piped.stdout and "mdstudy: missing.md" in piped.stderr
    assert ESC not in piped.stdout + piped.stderr
