"""Where the tests find the seed README and the real-README corpus (../shared)."""

from __future__ import annotations

import os
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
