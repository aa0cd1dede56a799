"""Regular expressions compiled on first use.

Start-up time matters (mdstudy runs in pre-commit), and compiling a pattern
costs 0.1-2 ms: patterns that most runs never need go through `compiled`.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)
