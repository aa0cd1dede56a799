"""What each `check` rule means, with a bad and a good example: `mdstudy rules CODE`.

Kept beside rules.py, keyed by the same codes, and loaded only by `mdstudy rules`
and the README's table (a plain `check` in a pre-commit hook does not pay for the
text). tests/test_rules_docs.py holds the two together: every rule has its
explanation, every example's bad text is found by its rule and the good one is not,
and README.md's rule table is `markdown_table()` exactly.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from mdstudy.rules import RULES, Rule

# A schedule's first lines, shared by the examples (a study with a stated period).
_HEAD = """\
# 2023 Paper Study

2023년 5월 10일부터 2023년 5월 31일까지 진행합니다.

| When | Who | What | Links | Issue # |
| ---- | --- | ---- | ----- | ------- |
"""


_CANDIDATES = """\
# Study

| Title | Link |
| ----- | ---- |
| LoRA | https://arxiv.org/abs/2106.09685 |
"""


class Explanation(NamedTuple):
    why: str  # a paragraph: why it matters and what to do
    bad: str  # a README that the rule reports
    good: str  # the same README, put right


DOCS: dict[str, Explanation] = {
    "MS001": Explanation(
        "GitHub gives every row of a table the header's number of cells: a short row is "
        "padded with empty cells, and the cells of a long row past the header are dropped "
        "without a word (usually a `|` inside a title that should be `\\|`). "
        "`check --fix` adds the missing cells of a short row (the column's placeholder in a "
        "session row, empty in a label row); a long row is never cut, since its text would "
        "be lost, and a line without any pipe is left as it is.",
        _HEAD + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 |\n",
        _HEAD + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n",
    ),
    "MS002": Explanation(
        "A date cell that is not a date makes the row something other than a session: it "
        "is missing from `show`, the calendar and every edit. Write the date as the column "
        "writes the others, or the column's placeholder while it is not known.",
        _HEAD + "| 5/10 | Kim | LoRA | - | - |\n| 5/32 | Lee | QLoRA | - | - |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Lee | QLoRA | - | - |\n",
    ),
    "MS003": Explanation(
        "A schedule is read in its own order (ascending, or newest first); a row out of "
        "order is usually a typo in the date, and `move` and `add-session` keep the order "
        "they find. Several rows on one date are several talks, not an error.",
        _HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/24 | Lee | QLoRA | - | - |\n"
        + "| 5/17 | Park | GPTQ | - | - |\n",
        _HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Park | GPTQ | - | - |\n"
        + "| 5/24 | Lee | QLoRA | - | - |\n",
    ),
    "MS004": Explanation(
        "The issue column links each session to its discussion. A cell that is neither an "
        "issue reference (`#12`, a link to `.../issues/12`) nor a placeholder links nothing.",
        _HEAD + "| 5/10 | Kim | LoRA | - | issue twelve |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | #12 |\n",
    ),
    "MS005": Explanation(
        "Each session has its own issue; two sessions with one number is a copy-paste "
        "error, and the calendar would give both the same discussion link. Not fixable: "
        "only the group knows which one is right.",
        _HEAD + "| 5/10 | Kim | LoRA | - | #1 |\n| 5/17 | Lee | QLoRA | - | #1 |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | #1 |\n| 5/17 | Lee | QLoRA | - | #2 |\n",
    ),
    "MS006": Explanation(
        "GitHub links only absolute addresses: `arxiv.org/abs/2106.09685` without its "
        "scheme is plain text, and `[pdf](slides.pdf)` points into the repository, not to "
        "the paper. `check --fix` writes `https://` in front of an address that has no "
        "scheme; a relative link needs a person.",
        _HEAD + "| 5/10 | Kim | LoRA | arxiv.org/abs/2106.09685 | - |\n",
        _HEAD + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n",
    ),
    "MS007": Explanation(
        "One paper has one address. The same URL under two different titles, in the "
        "schedule or the candidate list, means one of the two rows was copied and not "
        "updated. Not fixable: only the group knows which link belongs where.",
        _HEAD
        + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n"
        + "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2106.09685 | - |\n",
        _HEAD
        + "| 5/10 | Kim | LoRA | https://arxiv.org/abs/2106.09685 | - |\n"
        + "| 5/17 | Lee | QLoRA | https://arxiv.org/abs/2305.14314 | - |\n",
    ),
    "MS008": Explanation(
        "Lines that look like the schedule are only a table on GitHub when the delimiter "
        "row right under the header has one `---` cell per header cell, and nothing "
        "(not even a comment line) comes between rows. Otherwise GitHub shows the lines "
        "as a paragraph of pipes, and mdstudy does not see the sessions. `check --fix` "
        "rewrites a delimiter row whose cell count differs from the header's.",
        _HEAD.replace("| ---- | --- | ---- | ----- | ------- |", "| ---- | --- | ---- |")
        + "| 5/10 | Kim | LoRA | - | - |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
    ),
    "MS101": Explanation(
        "The README states when the study runs; a session outside that period is a wrong "
        "date or a period sentence that was not updated.",
        _HEAD + "| 6/7 | Kim | LoRA | - | - |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
    ),
    "MS102": Explanation(
        "Most groups meet on one weekday. A session on another weekday than most (more "
        "than half) of them is often a typo; ignore the rule in `.mdstudy.toml` when the "
        "group meets on varying days.",
        _HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Lee | QLoRA | - | - |\n"
        + "| 5/25 | Park | GPTQ | - | - |\n",
        _HEAD
        + "| 5/10 | Kim | LoRA | - | - |\n| 5/17 | Lee | QLoRA | - | - |\n"
        + "| 5/24 | Park | GPTQ | - | - |\n",
    ),
    "MS103": Explanation(
        "A session with a presenter and no title (or a title and nobody to present it) "
        "is half planned; the calendar shows it as such. A reminder, not an error.",
        _HEAD + "| 5/10 | Kim | - | - | - |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
    ),
    "MS104": Explanation(
        "A links cell holding words (`N/A yet`, `soon`) instead of a link or the "
        "column's placeholder reads as a link that is missing; use the placeholder until "
        "there is a link.",
        _HEAD + "| 5/10 | Kim | LoRA | N/A yet | - |\n",
        _HEAD + "| 5/10 | Kim | LoRA | - | - |\n",
    ),
    "MS105": Explanation(
        "A paper proposed twice in the candidate list is one candidate; remove the copy "
        "(titles are compared without case, spacing or emphasis). Not fixable: the two "
        "rows may carry different links or keywords.",
        _CANDIDATES + "| lora | https://arxiv.org/abs/2106.09685 |\n",
        _CANDIDATES,
    ),
    "MS106": Explanation(
        "A table with dates whose columns mdstudy cannot tell apart is not read as a "
        "schedule, so `check` would pass a README it did not understand. Name the columns "
        "(date, presenter, topic), or map them in `.mdstudy.toml` under `[columns]`. Not "
        "fixable.",
        "# Study\n\n| Event | When |\n| ----- | ---- |\n| Kickoff meeting | 2023-05-10 |\n",
        "# Study\n\n| When | Who | What |\n| ---- | --- | ---- |\n"
        "| 2023-05-10 | Kim | Kickoff meeting |\n",
    ),
}


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
    doc = DOCS[rule.code]
    fix = "partly, with check --fix" if rule.fixable else "no"
    return (
        f"{rule.code} {rule.name} ({rule.severity}; fixable: {fix})\n\n"
        f"{textwrap.fill('Finds ' + rule.summary + '.', 88)}\n\n{textwrap.fill(doc.why, 88)}\n\n"
        f"Bad:\n\n{_indent(doc.bad)}\nGood:\n\n{_indent(doc.good)}"
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
