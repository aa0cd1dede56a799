"""Where the tests find the seed README and the real-README corpus (../shared)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def run_mdstudy(
    *args: str | Path, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `mdstudy ARGS` and capture its UTF-8 output (no colour, never raises on failure)."""
    return subprocess.run(
        [*MDSTUDY, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=timeout,
        check=False,
    )
