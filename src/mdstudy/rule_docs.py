"""The rules as text: `mdstudy rules`, `mdstudy rules CODE` and README.md's rule table.

All of it is generated from the rules themselves (each rule carries its summary,
explanation and examples: rules/context.py); only the formatting lives here,
loaded by `mdstudy rules` and never by a plain `check`. tests/test_rules_docs.py
holds the rules to their docs: every example's bad text is found by its rule and
the good one is not, and README.md's rule table is `markdown_table()` exactly.
"""

from __future__ import annotations

import textwrap

from mdstudy.rules import RULES, Rule


def listing() -> str:
    """Every rule on one line: code, name, severity, fixable, what it finds."""
    rules = list(RULES.values())
    name_width = max(len(r.name) for r in rules)
    return "".join(
        f"{r.code}  {r.name:<{name_width}}  {r.severity:<7}  {_fixable(r, '-'):<7}  {r.summary}\n"
        for r in rules
    )


def explain(rule: Rule) -> str:
    """The full explanation of one rule, with its bad and good example."""
    fix = "partly, with check --fix" if rule.fixable else "no"
    return (
        f"{rule.code} {rule.name} ({rule.severity}; fixable: {fix})\n\n"
        f"{textwrap.fill('Finds ' + rule.summary + '.', 88)}\n\n{textwrap.fill(rule.why, 88)}\n\n"
        f"Bad:\n\n{_indent(rule.bad)}\nGood:\n\n{_indent(rule.good)}"
    )


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in text.splitlines())


def markdown_table() -> str:
    """README.md's rule table, as generated from the rules."""
    lines = [
        "| Code | Name | Severity | Fixable | Finds |\n",
        "| ---- | ---- | -------- | ------- | ----- |\n",
    ]
    lines += [
        f"| {r.code} | {r.name} | {r.severity} | {_fixable(r, 'no')} | {r.summary} |\n"
        for r in RULES.values()
    ]
    return "".join(lines)


def _fixable(rule: Rule, no: str) -> str:
    return "partly" if rule.fixable else no  # each fix covers the cases with one safe answer
