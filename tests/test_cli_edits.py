"""The editing commands as a user runs them: real files, through `mdstudy.cli.main` in process;
an assign and the default ./README.md also in a real `python -m mdstudy` process. Refused
edits are in test_bad_input.py."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from shared_files import SEED, mdstudy_in_process, run_mdstudy

import mdstudy
from mdstudy import MdStudyError

GPTQ = "GPTQ: Accurate Quantization for Generative Pre-trained Transformers"
GPTQ_URL = "https://openreview.net/forum?id=tcbBPnfwxS"


run = mdstudy_in_process


@pytest.fixture
def readme(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(SEED.read_bytes())
    return path


def seed_lines(ending: str = "\n") -> list[str]:
    return [line + ending for line in SEED.read_bytes().decode("utf-8").split("\n")[:-1]]


def replaced(lines: list[str], number: int, body: str, ending: str = "\n") -> bytes:
    """The seed with line `number` (1-based) replaced, as bytes."""
    new = list(lines)
    new[number - 1] = body + ending
    return "".join(new).encode("utf-8")


ASSIGN = ["5/24", "홍길동", "--title", GPTQ, "--link", GPTQ_URL, "--issue", "11"]
ASSIGNED = f"5/24 | 홍길동 | {GPTQ} | {GPTQ_URL} | #11 | -"


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_assign_changes_line_28_only(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "README.md"
    path.write_bytes("".join(seed_lines(ending)).encode("utf-8"))
    result = run_mdstudy("assign", "-f", path, *ASSIGN)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == replaced(seed_lines(ending), 28, ASSIGNED, ending)


def test_assign_from_candidate_gives_the_same_line(readme: Path) -> None:
    result = run("assign", "-f", readme, "5/24", "홍길동", "--candidate", "gptq", "--issue", "11")
    assert result.returncode == 0, result.stderr
    assert readme.read_bytes() == replaced(seed_lines(), 28, ASSIGNED)


def test_file_defaults_to_readme_in_the_current_folder(readme: Path) -> None:
    result = run_mdstudy("unassign", "6/21", cwd=readme.parent)
    assert result.returncode == 0, result.stderr
    assert readme.read_bytes() == replaced(seed_lines(), 32, "6/21 | TBD | - | - | - | -")


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_swap_add_move_remove(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "README.md"
    lines = seed_lines(ending)
    path.write_bytes("".join(lines).encode("utf-8"))

    assert run("swap", "-f", path, "5/10", "5/17").returncode == 0
    expected = list(lines)
    expected[25], expected[26] = (
        "5/10 | 김형준 | How to Improve Sampling Speed of Diffusion Models | - | #3 | -" + ending,
        "5/17 | 권세중 | Challenges on Optimization of LLM Inference | - | #2 | -" + ending,
    )
    assert path.read_bytes() == "".join(expected).encode("utf-8")

    assert run("add-session", "-f", path, "8/2").returncode == 0
    expected.insert(37, "8/2 | TBD | - | - | - | -" + ending)
    assert path.read_bytes() == "".join(expected).encode("utf-8")

    assert run("move", "-f", path, "7/26", "8/9").returncode == 0
    del expected[36]
    expected.insert(37, "8/9 | TBD | - | - | - | -" + ending)
    assert path.read_bytes() == "".join(expected).encode("utf-8")
    dates = [s.date for s in mdstudy.load(path).sessions]
    assert dates == sorted(dates)

    assert run("remove-session", "-f", path, "8/2").returncode == 0
    del expected[36]
    assert path.read_bytes() == "".join(expected).encode("utf-8")


def test_assigned_session_is_refused_without_force(readme: Path) -> None:
    before = readme.read_bytes()
    result = run("assign", "-f", readme, "6/7", "X")
    assert result.returncode == 2
    assert result.stderr == (
        f"mdstudy: {readme}:30: the session on 6/7 already has a presenter (전은주); "
        "use --force to replace\n"
    )
    assert "Traceback" not in result.stderr
    assert readme.read_bytes() == before
    forced = run("assign", "-f", readme, "6/7", "X", "--force")
    assert forced.returncode == 0, forced.stderr
    assert readme.read_bytes() == replaced(seed_lines(), 30, "6/7 | X | - | - | - | -")


def test_remove_assigned_session_needs_force(readme: Path) -> None:
    before = readme.read_bytes()
    result = run("remove-session", "-f", readme, "6/7")
    assert result.returncode == 2
    assert "assigned to 전은주; use --force" in result.stderr
    assert readme.read_bytes() == before
    assert run("remove-session", "-f", readme, "6/7", "--force").returncode == 0
    assert b"6/7 |" not in readme.read_bytes()


def test_dry_run_prints_a_diff_and_writes_nothing(readme: Path) -> None:
    before = readme.read_bytes()
    result = run("assign", "-f", readme, *ASSIGN, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert readme.read_bytes() == before
    out = result.stdout.splitlines()
    assert out[0] == f"--- {readme}"
    assert out[1] == f"+++ {readme}"
    assert out[2] == "@@ -25,7 +25,7 @@"
    assert [line for line in out if line[:1] in "+-" and line[:3] not in ("---", "+++")] == [
        "-5/24 | TBD | - | - | - | -",
        f"+{ASSIGNED}",
    ]


def test_dry_run_diff_has_relative_git_style_names(readme: Path) -> None:
    result = run("add-session", "8/2", "--dry-run", cwd=readme.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["--- a/README.md", "+++ b/README.md"]
    assert "+8/2 | TBD | - | - | - | -" in result.stdout.splitlines()


def test_write_keeps_permissions_and_symlink(tmp_path: Path, readme: Path) -> None:
    readme.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(readme.name)
    assert run("unassign", "-f", link, "6/21").returncode == 0
    assert link.is_symlink()
    assert stat.S_IMODE(readme.stat().st_mode) == 0o640
    assert readme.read_bytes() == replaced(seed_lines(), 32, "6/21 | TBD | - | - | - | -")


def test_save_is_refused_when_the_file_changed_on_disk(readme: Path) -> None:
    doc = mdstudy.load(readme)
    doc.unassign("6/21")
    readme.write_bytes(readme.read_bytes() + b"\nedited elsewhere\n")
    changed = readme.read_bytes()
    with pytest.raises(MdStudyError, match="changed on disk"):
        doc.save()
    assert readme.read_bytes() == changed


# --- candidates ------------------------------------------------------------------------


def test_candidates_list_filters_by_keyword(readme: Path) -> None:
    result = run("candidates", "list", "-f", readme, "--keyword", "compression")
    assert result.returncode == 0, result.stderr
    titles = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert titles == [
        "VTC-LFC: Vision Transformer Compression with Low-Frequency Components [Compression]",
        "Lossless Compression of Deep Neural Networks: A High-dimensional Neural Tangent "
        "Kernel Approach [Compression]",
        "Fine-tuning Language Models over Slow Networks using Activation Compression with "
        "Guarantees [Compression]",
        "Deep Compression of Pre-trained Transformer Models [Compression]",
    ]
    assert "    https://arxiv.org/abs/2001.00218" in result.stdout.splitlines()


def test_candidates_add_then_remove_restores_the_file(readme: Path) -> None:
    before = readme.read_bytes()
    added = run(
        "candidates", "add", "-f", readme, "SparseGPT", "--link",
        "https://arxiv.org/abs/2301.00774", "--keyword", "Pruning",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    lines = readme.read_bytes().decode("utf-8").split("\n")
    assert lines[68] == "SparseGPT|https://arxiv.org/abs/2301.00774 | Pruning "
    assert lines[:68] == before.decode("utf-8").split("\n")[:68]
    listed = run("candidates", "list", "-f", readme, "--keyword", "prun")
    assert "SparseGPT [Pruning]" in listed.stdout.splitlines()
    removed = run("candidates", "remove", "-f", readme, "sparsegpt")
    assert removed.returncode == 0, removed.stderr
    assert readme.read_bytes() == before
