"""Shared test fixtures."""

from __future__ import annotations

import pytest
from shared_files import SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
