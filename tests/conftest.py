"""Shared test fixtures."""

from __future__ import annotations

import pytest
from shared_files import SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _colour_from_the_command_line_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's NO_COLOR or FORCE_COLOR must not change what in-process output is."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
