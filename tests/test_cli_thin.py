"""The command line stays thin: commands return their status, the library formats and
leaves process-wide state alone, table kinds are named by an enum."""

from __future__ import annotations

import gc
import re
from pathlib import Path

from click.testing import CliRunner
from shared_files import SEED

import mdstudy
from mdstudy.check import check_file
from mdstudy.cli import cli
from mdstudy.columns import TableKind
from mdstudy.show import candidate_lines

CLI = Path(mdstudy.__file__).parent / "cli"

CANDIDATES = """# Study

| Title | Link | Keyword |
| --- | --- | --- |
| SparseGPT | https://arxiv.org/abs/2301.00774 | Pruning |
| QLoRA | https://arxiv.org/abs/2305.14314 https://github.com/artidoro/qlora | LLM |
| Untagged paper | https://example.org/paper | |
"""

# A candidate header over a delimiter row one cell short: GitHub shows text (MS008, an error).
BROKEN = "# Study\n\n| Title | Link |\n| --- |\n| QLoRA | https://arxiv.org/abs/2305.14314 |\n"


def test_candidate_lines_are_title_keyword_then_indented_links() -> None:
    doc = mdstudy.loads(CANDIDATES)
    assert candidate_lines(doc) == [
        "SparseGPT [Pruning]",
        "    https://arxiv.org/abs/2301.00774",
        "QLoRA [LLM]",
        "    https://arxiv.org/abs/2305.14314",
        "    https://github.com/artidoro/qlora",
        "Untagged paper",
        "    https://example.org/paper",
    ]


def test_candidate_lines_keep_only_a_keyword_containing_the_filter_in_any_case() -> None:
    doc = mdstudy.loads(CANDIDATES)
    assert candidate_lines(doc, "prun") == [
        "SparseGPT [Pruning]",
        "    https://arxiv.org/abs/2301.00774",
    ]
    assert candidate_lines(doc, "nothing") == []


def test_no_command_module_exits_the_process() -> None:
    # Commands return a status; only main() (cli/__init__.py) turns it into sys.exit.
    offenders = [
        path.name
        for path in sorted(CLI.glob("*.py"))
        if path.name != "__init__.py" and re.search(r"\bsys\.exit\(", path.read_text())
    ]
    assert offenders == []


def test_a_returned_status_reaches_clicks_own_standalone_main(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text(CANDIDATES, encoding="utf-8")
    bad.write_text(BROKEN, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(good)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(bad)]).exit_code == 1
    assert runner.invoke(cli, ["check", str(tmp_path / "missing.md")]).exit_code == 2
    # `| --- |` is narrower than its header cells: lining up would change it.
    assert runner.invoke(cli, ["fmt", "--check", str(good)]).exit_code == 1


def test_reading_and_checking_as_a_library_leave_the_collector_on() -> None:
    assert gc.isenabled()
    doc = mdstudy.load(SEED)
    assert len(doc.sessions) == 13
    check_file(SEED)
    assert gc.isenabled()


def test_a_broken_table_is_named_by_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(BROKEN, encoding="utf-8")
    found, _, _ = check_file(path)
    messages = [f.message for f in found if f.code == "MS008"]
    assert len(messages) == 1
    assert f"meant as the {TableKind.CANDIDATE.value} table" in messages[0]
    assert TableKind.CANDIDATE.value == "candidate" and TableKind.SCHEDULE.value == "schedule"
