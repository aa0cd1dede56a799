"""How a rule is declared: one decorated function carrying everything said about it.

`@rule(code, name, severity, summary, why=..., bad=..., good=..., fixable=...)` on a
function that reads a `Context` and yields `Hit`s (a line, a column and a message
that says what is wrong and what to do). The engine in check.py adds the path,
code, name and severity, and applies selection and suppression; `mdstudy rules`
and README.md's rule table are generated from the same records (rule_docs.py).

The explanation and its examples are plain strings on the rule: a plain `check`
loads them with the code at no measurable cost, and only rule_docs.py formats
them. A fix, when a rule has one, is in fixes.py (it needs the writer, which
`check` does not load).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import NamedTuple

from mdstudy.rules.context import Context


class Severity(str, Enum):
    """An error fails the check; a warning fails it only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # as written in text, JSON and annotations: `error`
        return self.value


# NamedTuples, not frozen dataclasses: a dataclass costs ~0.4 ms of start-up to create.
class Hit(NamedTuple):
    """What a rule found: 1-based line and column, and the message."""

    line: int
    column: int
    message: str


RuleCheck = Callable[[Context], Iterable[Hit]]


class Rule(NamedTuple):
    """A rule: its code, name, severity, one line on what it finds, whether `check --fix`
    fixes it, and its explanation with a README it reports and the same README put right."""

    code: str
    name: str
    severity: Severity
    summary: str
    check: RuleCheck
    fixable: bool
    why: str  # a paragraph: why it matters and what to do
    bad: str  # a README that the rule reports
    good: str  # the same README, put right


# Every rule by code, in the order the rule modules are imported (mdstudy.rules sorts it).
REGISTERED: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    why: str,
    bad: str,
    good: str,
    fixable: bool = False,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as the check of rule `code`."""

    def register(check: RuleCheck) -> RuleCheck:
        REGISTERED[code] = Rule(code, name, severity, summary, check, fixable, why, bad, good)
        return check

    return register


# The first lines of the examples: a schedule with a stated period, and a candidate list.
SCHEDULE_HEAD = """\
# 2023 Paper Study

2023년 5월 10일부터 2023년 5월 31일까지 진행합니다.

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
"""

CANDIDATES_HEAD = """\
# Study

| Title | Link |
| ----- | ---- |
| LoRA | https://arxiv.org/abs/2106.09685 |
"""
