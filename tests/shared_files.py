"""Where the tests find the seed README and the real-README corpus (../shared), and the
one way every test runs the command line: in process (`mdstudy_in_process`, for the
matrices) or in a real child process (`run_mdstudy`, for a few smoke tests per command).
Both return the same `Ran`, so a test moves between them by changing one name.
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "README.md"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_files() -> list[Path]:
    """The real READMEs of ../shared/corpus; absent folder: skip, except on CI where it fails."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"{CORPUS} is missing on CI")
        return []
    return sorted(CORPUS.glob("[0-9][0-9]-*.md"))


def require_corpus() -> None:
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CORPUS} is missing on CI")
        pytest.skip(f"{CORPUS} is absent (it lives beside the repository)")


# The real command line, in a child process, as a user runs it.
MDSTUDY = [sys.executable, "-m", "mdstudy"]


@dataclass(frozen=True)
class Ran:
    """One run of `mdstudy`: its exit status, its output as text (line endings read as
    LF, as `subprocess.run(text=True)` gives them) and standard output's raw bytes."""

    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def _text(data: bytes) -> str:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace").read()


def _environment(env: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """No colour (as when piped) unless a test asks for it; None removes a variable."""
    return {"NO_COLOR": "1", **(env or {})}


def run_mdstudy(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    input: bytes | None = None,
    timeout: float = 120,
) -> Ran:
    """Run `mdstudy ARGS` in a child process (never raises on failure)."""
    environment = {**os.environ}
    for name, value in _environment(env).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    done = subprocess.run(
        [*MDSTUDY, *map(str, args)],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=environment,
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, _text(done.stdout), _text(done.stderr), done.stdout)


def mdstudy_in_process(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    input: bytes | None = None,
) -> Ran:
    """Run `mdstudy ARGS` through `mdstudy.cli.main`, the same funnel the script uses
    (errors become one line and exit 2), with stdin, stdout, stderr, the environment and
    the working folder swapped in for the run and restored after."""
    from mdstudy.cli import main

    gc_was_on = gc.isenabled()  # main() turns the collector off for its short life
    folder = Path.cwd()
    with CliRunner().isolation(input=input, env=_environment(env)) as (out, err, _):
        try:
            if cwd is not None:
                os.chdir(cwd)
            main([str(a) for a in args])
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else int(done.code is not None)
        finally:
            os.chdir(folder)
            if gc_was_on:
                gc.enable()
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Ran(code, _text(stdout), _text(stderr), stdout)
