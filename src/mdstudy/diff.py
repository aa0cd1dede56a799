"""A unified diff of two versions of a file, for --dry-run and --diff.

Printing a change does not load the writer: a command that only shows a diff
imports this module, not render.py.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mdstudy.source import Source


def unified_diff(name: str, old: Source, new: Source) -> str:
    """A unified diff of two versions of a file, line endings shown as they are."""
    # git's a/ and b/ prefixes, for a relative path only (`a//tmp/x` helps no one).
    before, after = (name, name) if name.startswith("/") else (f"a/{name}", f"b/{name}")
    lines = difflib.unified_diff(_diff_lines(old), _diff_lines(new), before, after)
    return "".join(lines)


def _diff_lines(source: Source) -> list[str]:
    lines = list(source.lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
