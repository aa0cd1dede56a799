"""Shared test fixtures."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from precommit_env import make_hook_repo, precommit_environment
from shared_files import SEED

# Bytecode is cached, as Python does by default, even where PYTHONDONTWRITEBYTECODE is set
# (some sandboxes and CI images set it): otherwise every xdist worker rewrites and compiles
# each test module again, and every `mdstudy` process a test starts compiles the package
# from source, and each pip run of the pre-commit hook's environment compiles all of pip in
# memory. Set before pytest imports the test modules; children inherit the variable.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _colour_from_the_command_line_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's NO_COLOR or FORCE_COLOR must not change what in-process output is."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(autouse=True)
def _collector_on_after_each_test() -> Iterator[None]:
    """`mdstudy.cli.main` turns the garbage collector off, as a short-lived process may; a
    test that calls it in process must not leave the next test without one."""
    yield
    gc.enable()


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Git and pre-commit isolated from the user's configuration and cache (one per session,
    so test_precommit*.py share one hook environment)."""
    return precommit_environment(tmp_path_factory)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository holding this checkout's working tree, and its commit."""
    return make_hook_repo(tmp_path_factory, env)
