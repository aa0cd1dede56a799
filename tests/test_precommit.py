"""The `mdstudy-check` pre-commit hook, run by the real `pre-commit` program.

The hook repository is a copy of this checkout's working tree (its tracked and
new files, as they stand) committed into a fresh git repository: `pre-commit`
clones a repository at a revision, and `try-repo` on a dirty checkout
snapshots only changes to tracked files, so new files such as
.pre-commit-hooks.yaml would otherwise be invisible to it. A second git
repository is the study group's project: it uses the hook from
`.pre-commit-config.yaml`, and `git commit` runs it. pre-commit installs the
package from the hook repository into its own environment (this needs PyPI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shared_files import ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

GOOD = """\
# 2023 Paper Study

2023년 5월 10일부터 2023년 5월 24일까지 진행합니다.

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | #1 |
| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | #2 |
| 5/24 | Park | GPTQ | https://arxiv.org/abs/2210.17323 | #3 |
"""
# The same schedule with issue #2 given to two sessions (line 9).
DUPLICATE_ISSUE = GOOD.replace(
    "GPTQ | https://arxiv.org/abs/2210.17323 | #3", "GPTQ | https://arxiv.org/abs/2210.17323 | #2"
)


def _git(
    cwd: Path, *args: str, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
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


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
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


@pytest.fixture(scope="module")
def project(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str], hook_repo: tuple[Path, str]
) -> Path:
    """A study group's repository with the hook installed as its git pre-commit hook."""
    repo_path, revision = hook_repo
    project = tmp_path_factory.mktemp("study")
    _git(project, "init", "-q", "-b", "main", env=env)
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo_path}\n"
        f"    rev: {revision}\n"
        "    hooks:\n"
        "      - id: mdstudy-check\n",
        encoding="utf-8",
    )
    installed = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=project, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(project, "add", ".pre-commit-config.yaml", env=env)
    # Builds the hook's environment once (pip install from the hook repository).
    setup = subprocess.run(
        [str(PRE_COMMIT), "install-hooks"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    return project


def _commit(
    project: Path, env: dict[str, str], text: str, message: str
) -> subprocess.CompletedProcess[str]:
    (project / "README.md").write_text(text, encoding="utf-8")
    _git(project, "add", "README.md", env=env)
    return _git(project, "commit", "-m", message, env=env, check=False)


def test_commit_with_duplicated_issue_fails_and_shows_the_finding(
    project: Path, env: dict[str, str]
) -> None:
    result = _commit(project, env, DUPLICATE_ISSUE, "duplicate issue")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "mdstudy check" in output and "Failed" in output
    assert "README.md:9:" in output and "MS005 [duplicate-issue]" in output
    assert "line 8" in output  # the message names the other session's line
    log = _git(project, "log", "--oneline", env=env, check=False).stdout
    assert "duplicate issue" not in log  # the commit did not happen


def test_commit_of_a_good_readme_passes(project: Path, env: dict[str, str]) -> None:
    result = _commit(project, env, GOOD, "good schedule")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "mdstudy check" in output and "Passed" in output
    log = _git(project, "log", "--oneline", env=env).stdout
    assert "good schedule" in log


def test_try_repo_runs_the_hook_on_readme_files_only(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    """`pre-commit try-repo` with the default `files` pattern: README.md is checked, other
    Markdown files are not (notes.md holds the same broken table and is left alone)."""
    repo_path, revision = hook_repo
    _git(tmp_path, "init", "-q", "-b", "main", env=env)
    (tmp_path / "README.md").write_text(DUPLICATE_ISSUE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(DUPLICATE_ISSUE, encoding="utf-8")
    _git(tmp_path, "add", ".", env=env)
    result = subprocess.run(
        [
            str(PRE_COMMIT),
            "try-repo",
            str(repo_path),
            "mdstudy-check",
            "--all-files",
            "--ref",
            revision,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "README.md:9:" in output and "MS005" in output
    assert "notes.md" not in output.split("Failed", 1)[1]
