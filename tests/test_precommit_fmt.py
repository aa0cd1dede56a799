"""The `mdstudy-fmt` hook beside `mdstudy-check`, run by the real `pre-commit` program.

The hook repository and the isolated git/pre-commit environment are those of
test_precommit.py (conftest's session fixtures). A study group's repository uses both
hooks, `mdstudy-fmt` with `--check`: a misaligned Hangul table stops the commit; after
`mdstudy fmt` it passes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from precommit_env import PRE_COMMIT, _git
from shared_files import mdstudy_in_process

MISALIGNED = """\
# 2024 논문 스터디

| 날짜 | 발표자 | 주제 | 자료 |
|---|---|---|---|
| 3/5 | 김철수 | LoRA | https://arxiv.org/abs/2106.09685 |
| 3/12 | Ada | 양자화 기초 | https://arxiv.org/abs/2208.09225 |
"""


def test_misaligned_hangul_table_fails_fmt_check_and_passes_after_fmt(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    repo_path, revision = hook_repo
    project = tmp_path / "study"
    project.mkdir()
    _git(project, "init", "-q", "-b", "main", env=env)
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo_path}\n"
        f"    rev: {revision}\n"
        "    hooks:\n"
        "      - id: mdstudy-check\n"
        "      - id: mdstudy-fmt\n"
        "        args: [--check]\n",
        encoding="utf-8",
    )
    installed = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=project, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    readme = project / "README.md"
    readme.write_text(MISALIGNED, encoding="utf-8")
    _git(project, "add", ".", env=env)
    failed = _git(project, "commit", "-m", "misaligned", env=env, check=False)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "mdstudy fmt" in output and "would reformat README.md" in output
    assert "mdstudy check" in output  # the other hook ran and passed
    assert readme.read_text(encoding="utf-8") == MISALIGNED  # --check wrote nothing

    formatted = mdstudy_in_process("fmt", cwd=project)  # pre-commit's runs are the real ones
    assert formatted.returncode == 0, formatted.stderr
    assert "| 3/12 | Ada    | 양자화 기초 | https://arxiv.org/abs/2208.09225 |" in readme.read_text(
        encoding="utf-8"
    )
    _git(project, "add", "README.md", env=env)
    passed = _git(project, "commit", "-m", "lined up", env=env, check=False)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert output.count("Passed") == 2, output
    assert "lined up" in _git(project, "log", "--oneline", env=env).stdout
