"""The rules of `mdstudy check`, one module per group, each rule one decorated function.

- context.py: what a rule reads (`Context`, `TableView`, `TableRow`), what it yields
  (`Hit`) and how it is declared (`@rule`, `Rule`, `Severity`);
- structure.py (MS001, MS008, MS106), schedule.py (MS002–MS005, MS101–MS103),
  links.py (MS006, MS007, MS104), candidates.py (MS105).

Importing the package imports every group, so `RULES` holds every rule, by code.
"""

from __future__ import annotations

from mdstudy.rules import candidates, links, schedule, structure  # noqa: F401 (register)
from mdstudy.rules.context import REGISTERED, Context, Hit, Rule, Severity, TableRow, TableView

# By code: `mdstudy rules`, README.md's table and the order the rules run in.
RULES: dict[str, Rule] = dict(sorted(REGISTERED.items()))

__all__ = ["RULES", "Context", "Hit", "Rule", "Severity", "TableRow", "TableView"]
