"""mdstudy: a study group's schedule, kept in its README's Markdown tables.

>>> import mdstudy
>>> doc = mdstudy.load("README.md")
>>> doc.sessions[0].date, doc.dumps() == open("README.md", encoding="utf-8").read()
"""

from mdstudy.document import Document, load, loads
from mdstudy.errors import MdStudyError
from mdstudy.model import Candidate, Session, Study
from mdstudy.tables import Table

__version__ = "0.1.0"
__all__ = [
    "Candidate",
    "Document",
    "MdStudyError",
    "Session",
    "Study",
    "Table",
    "__version__",
    "load",
    "loads",
]
