"""Colour for a terminal: check's findings and summary, and unified diffs.

Loaded only when the output takes colour (common.colour_on), so a piped or
pre-commit `check` never imports it. Styling here only adds ANSI codes around
the text the library formats; `click.unstyle` gives that text back exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from mdstudy.check import Finding

SEVERITY_COLOUR = {"error": "red", "warning": "yellow"}


def diff(text: str) -> str:
    """A unified diff with git's colours: headers bold, - red, + green, @@ cyan."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]  # kept as written: a diff shows CRLF as it is
        if line.startswith(("--- ", "+++ ")):
            body = click.style(body, bold=True)
        elif line.startswith("@@"):
            body = click.style(body, fg="cyan")
        elif line.startswith("+"):
            body = click.style(body, fg="green")
        elif line.startswith("-"):
            body = click.style(body, fg="red")
        out.append(body + ending)
    return "".join(out)


def findings(found: Iterable[Finding], *, fixed: bool = False) -> str:
    """check.format_text's lines (or `fixed:` lines): location bold, code by severity."""
    lines = []
    for f in found:
        where = click.style(f"{f.path}:{f.line}:{f.column}:", bold=True)
        colour = "green" if fixed else SEVERITY_COLOUR.get(f.severity)
        code = click.style(f.code, fg=colour, bold=True)
        done = "fixed: " if fixed else ""
        lines.append(f"{where} {code} [{f.name}] {done}{f.message}\n")
    return "".join(lines)


def summary(text: str, found: Sequence[Finding]) -> str:
    """The summary line: green when clean, red with an error, yellow with warnings only."""
    severities = {f.severity for f in found}
    colour = "red" if "error" in severities else "yellow" if severities else "green"
    body = text.rstrip("\n")
    return click.style(body, fg=colour, bold=True) + text[len(body) :]
