"""Git and the real `pre-commit`, isolated from the user's configuration and cache, shared
by test_precommit.py and test_precommit_fmt.py: the fixtures live in conftest.py, so that
the hook environment (a pip install, seconds long) is built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shared_files import ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _git(
    cwd: Path, *args: str, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check
    )


def precommit_environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Git and pre-commit isolated from the user's configuration and cache."""
    home = tmp_path_factory.mktemp("home")
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT"))
    }
    environ.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        # The hook's environment and its git hook script must use this venv's tools.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return environ


def make_hook_repo(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]
) -> tuple[Path, str]:
    """A git repository holding this checkout's working tree, and its commit."""
    repo = tmp_path_factory.mktemp("hook-repo")
    # Tracked and new files as they stand now (git-ignored ones such as .venv left out).
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env)
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():  # a tracked file may have been deleted meanwhile
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    assert (repo / ".pre-commit-hooks.yaml").is_file() and (repo / "src/mdstudy/check.py").is_file()
    _git(repo, "init", "-q", "-b", "main", env=env)
    _git(repo, "add", ".", env=env)
    _git(repo, "commit", "-q", "-m", "hook repository", env=env)
    revision = _git(repo, "rev-parse", "HEAD", env=env).stdout.strip()
    return repo, revision
