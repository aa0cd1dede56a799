"""Git and the real `pre-commit`, isolated from the user's configuration and cache, shared
by test_precommit.py and test_precommit_fmt.py: the fixtures live in conftest.py, and the
hook repository and pre-commit's cache sit in a folder that every xdist worker of the run
shares, so the hook environment (a pip install, seconds long) is built once per run
(pre-commit itself locks its cache while it builds).

The hook environment is the costliest fixture of the suite, so the settings below make
virtualenv and pip do only the work the hook needs (each says what it saves); the hook
is still installed by pre-commit from `.pre-commit-hooks.yaml`, with pip building the
package from the hook repository and fetching its dependencies from the index."""

from __future__ import annotations

import fcntl
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


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that all its xdist workers share (each has its own basetemp
    inside the run's); without xdist, the run's own basetemp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def precommit_environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Git and pre-commit isolated from the user's configuration and cache."""
    home = run_folder(tmp_path_factory) / "pre-commit-home"
    home.mkdir(exist_ok=True)
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
        # The hook needs neither setuptools nor wheel (hatchling builds in pip's isolated
        # build environment): seeding them copies two packages and setuptools' .pth
        # file slows every start of the hook's Python.
        VIRTUALENV_NO_SETUPTOOLS="1",
        VIRTUALENV_NO_WHEEL="1",
        # Otherwise virtualenv starts a background `pip download` of newer seed wheels,
        # which competes with the install for the CPU.
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        # virtualenv's app data (the pip it seeds, unpacked and compiled, and what it
        # learnt of this Python) kept in this venv, as ical.js is (test_ics_parsers.py):
        # a later run links the hook environment's pip from there instead of copying
        # and compiling it again. A fresh venv, as on CI, starts with none.
        VIRTUALENV_OVERRIDE_APP_DATA=str(Path(sys.prefix) / "mdstudy-test-virtualenv"),
        VIRTUALENV_SYMLINK_APP_DATA="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",  # one index request fewer per pip run
        # pip compiles every installed module (icalendar alone is 250 files); the hook
        # runs import a few of them, which write their own bytecode on first use.
        PIP_COMPILE="0",
    )
    return environ


def make_hook_repo(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]
) -> tuple[Path, str]:
    """A git repository holding the hook's files of this checkout's working tree, and its
    commit: made by the first worker that asks, under a lock; the others find its commit
    written last."""
    repo = run_folder(tmp_path_factory) / "hook-repo"
    done = repo.with_name("hook-repo.commit")
    with open(repo.with_name("hook-repo.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            repo.mkdir()
            done.write_text(_commit_working_tree(repo, env), encoding="utf-8")
    return repo, done.read_text(encoding="utf-8")


# What pre-commit and the package build read from the hook repository: the hooks, the
# project's metadata (pyproject names README.md as its readme) and the package's source.
# Tests, fixtures and benchmarks are left out: pre-commit clones the repository, and
# copying, committing and cloning them is work the hook does not need.
HOOK_FILES = (".pre-commit-hooks.yaml", "pyproject.toml", "README.md")
HOOK_FOLDERS = ("src/",)


def _commit_working_tree(repo: Path, env: dict[str, str]) -> str:
    # Tracked and new files as they stand now (git-ignored ones such as __pycache__ left out).
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env)
    for name in filter(None, listed.stdout.split("\0")):
        if name not in HOOK_FILES and not name.startswith(HOOK_FOLDERS):
            continue
        if (ROOT / name).is_file():  # a tracked file may have been deleted meanwhile
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    assert (repo / ".pre-commit-hooks.yaml").is_file() and (repo / "src/mdstudy/check.py").is_file()
    _git(repo, "init", "-q", "-b", "main", env=env)
    _git(repo, "add", ".", env=env)
    _git(repo, "commit", "-q", "-m", "hook repository", env=env)
    return _git(repo, "rev-parse", "HEAD", env=env).stdout.strip()
