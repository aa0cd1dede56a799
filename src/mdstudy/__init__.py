"""mdstudy: a study group's schedule, kept in its README's Markdown tables.

    >>> import mdstudy
    >>> doc = mdstudy.load("README.md")
    >>> doc.sessions[0].date, doc.dumps() == open("README.md", encoding="utf-8").read()

The names below are imported on first use (PEP 562), so that `mdstudy --help`
and the command-line start-up do not pay for the parser until they need it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mdstudy.config import Config
    from mdstudy.document import Document, load, loads
    from mdstudy.errors import MdStudyError
    from mdstudy.model import Candidate, Session, Study
    from mdstudy.tables import Table

__version__ = "0.1.0"

_HOMES = {
    "Config": "mdstudy.config",
    "Document": "mdstudy.document",
    "load": "mdstudy.document",
    "loads": "mdstudy.document",
    "MdStudyError": "mdstudy.errors",
    "Candidate": "mdstudy.model",
    "Session": "mdstudy.model",
    "Study": "mdstudy.model",
    "Table": "mdstudy.tables",
}
__all__ = [
    "Candidate",
    "Config",
    "Document",
    "MdStudyError",
    "Session",
    "Study",
    "Table",
    "__version__",
    "load",
    "loads",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'mdstudy' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
