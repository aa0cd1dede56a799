"""The rules explain themselves: one source for `mdstudy rules`, its examples and the README.

Every rule has an explanation; its bad example is reported by that rule and its
good example is not (judged by running the real rules); README.md's rule table is
the generated one, byte for byte.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared_files import ROOT, mdstudy_in_process

import mdstudy
from mdstudy.check import Settings, check_document
from mdstudy.rule_docs import explain, listing, markdown_table
from mdstudy.rules import RULES, Severity

MDSTUDY = Path(sys.executable).with_name("mdstudy")


def codes_found(text: str) -> set[str]:
    return {f.code for f in check_document(mdstudy.loads(text), Settings(frozenset(RULES)))}


def test_every_rule_has_an_explanation_and_a_unique_code_and_name() -> None:
    assert list(RULES) == sorted(RULES)
    assert len({rule.name for rule in RULES.values()}) == len(RULES)
    for code, rule in RULES.items():
        assert rule.code == code and re.fullmatch(r"MS[01]\d\d", code)
        assert rule.why and rule.bad and rule.good and rule.summary
        assert rule.bad != rule.good
        # codes under MS100 are errors, the rest warnings
        assert rule.severity is (Severity.ERROR if code < "MS100" else Severity.WARNING)


@pytest.mark.parametrize("code", list(RULES))
def test_bad_example_is_found_and_good_one_is_not(code: str) -> None:
    rule = RULES[code]
    assert code in codes_found(rule.bad)
    assert code not in codes_found(rule.good)


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = markdown_table()
    assert table in readme
    # and it is the only rule table: no second, hand-written copy to drift
    assert readme.count("| MS001 |") == 1
    assert len(table.splitlines()) == 2 + len(RULES)


def test_listing_has_one_line_per_rule() -> None:
    lines = listing().splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    for line, rule in zip(lines, RULES.values(), strict=True):
        assert rule.name in line and rule.severity in line and rule.summary in line
        assert ("partly" in line) == rule.fixable


def test_rules_command(tmp_path: Path) -> None:
    listed = subprocess.run(
        [str(MDSTUDY), "rules"], capture_output=True, text=True, timeout=60, check=False
    )
    assert listed.returncode == 0
    assert listed.stdout == listing()
    one = mdstudy_in_process("rules", "duplicate-link")
    assert one.returncode == 0
    assert one.stdout == explain(RULES["MS007"])
    assert "Bad:" in one.stdout and "Good:" in one.stdout
    typo = mdstudy_in_process("rules", "MS0077")
    assert typo.returncode == 2
    assert "unknown rule 'MS0077'; did you mean MS007?" in typo.stderr
