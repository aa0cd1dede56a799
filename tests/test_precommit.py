"""The `mdstudy-check` pre-commit hook, run by the real `pre-commit` program.

The hook repository is a copy of this checkout's working tree (the tracked and
new files the hook and the package build read, as they stand: precommit_env.py)
committed into a fresh git repository: `pre-commit`
clones a repository at a revision, and `try-repo` on a dirty checkout
snapshots only changes to tracked files, so new files such as
.pre-commit-hooks.yaml would otherwise be invisible to it. A second git
repository is the study group's project: it uses the hook from
`.pre-commit-config.yaml`, and `git commit` runs it. pre-commit installs the
package from the hook repository into its own environment (this needs PyPI): that
takes seconds, so it happens once per run, shared with test_precommit_fmt.py and
across xdist workers (precommit_env.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from precommit_env import PRE_COMMIT, _git

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
    # Installs the git hook and builds the hook's environment once (pip install from the
    # hook repository), in one pre-commit run.
    setup = subprocess.run(
        [str(PRE_COMMIT), "install", "--install-hooks"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    _git(project, "add", ".pre-commit-config.yaml", env=env)
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


def test_the_hook_runs_on_readme_files_only(project: Path, env: dict[str, str]) -> None:
    """The hook's default `files` pattern: README.md is checked, other Markdown files are
    not (notes.md holds the same broken table and is left alone). The hook environment
    built for the project is reused (`pre-commit try-repo` would build another)."""
    (project / "notes.md").write_text(DUPLICATE_ISSUE, encoding="utf-8")
    _git(project, "add", "notes.md", env=env)
    result = _commit(project, env, DUPLICATE_ISSUE, "notes and a broken README")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "README.md:9:" in output and "MS005" in output
    assert "notes.md" not in output.split("Failed", 1)[1]
    _git(project, "reset", "-q", "notes.md", env=env)  # leave the index as it was
    (project / "notes.md").unlink()
