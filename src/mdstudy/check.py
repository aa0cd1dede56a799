"""`mdstudy check`: run the rules on a README, apply selection and suppression, format findings.

The rules themselves live in the `mdstudy.rules` package, one module per group.
Everything here is pure: findings in, strings out; cli.py prints them and picks the
exit status.

Rules are turned off
- for a project, in `.mdstudy.toml` beside the README:
  `[check]` with `select = [...]`, `ignore = [...]` (codes, code prefixes such as
  "MS1", or names such as "missing-topic") and `strict = true|false`;
  `--select`/`--ignore` on the command line replace the file's lists;
- for one line, with `<!-- mdstudy: ignore MS103 -->`: on a line of its own it
  covers the next line; at the end of a line (a table row) it covers that line.
  No codes after `ignore` means every rule.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string
# annotation of its fields into a ForwardRef (see rules/context.py); real types cost nothing.
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mdstudy.document import Document
from mdstudy.errors import MdStudyError
from mdstudy.patterns import compiled
from mdstudy.rules import RULES, Context, Severity
from mdstudy.source import StrPath

if TYPE_CHECKING:
    from mdstudy.config import Config

__all__ = [
    "RULES",
    "Finding",
    "Settings",
    "Severity",
    "check_document",
    "check_file",
    "fails",
    "format_github",
    "format_json",
    "format_text",
    "parse_codes",
    "resolve",
    "summary",
]


# NamedTuples, not frozen dataclasses: a dataclass costs ~0.4 ms of start-up to create.
class Finding(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity  # written as "error" or "warning"
    message: str


class Settings(NamedTuple):
    """Which rules run, and whether warnings fail the check."""

    codes: frozenset[str]
    strict: bool = False


# --- selection -------------------------------------------------------------


def resolve(selectors: Iterable[str], where: str) -> set[str]:
    """Rule codes named by selectors: a code, a code prefix ("MS1"), a name, or "ALL"."""
    codes: set[str] = set()
    for selector in selectors:
        wanted = selector.strip()
        if not wanted:
            continue
        matched = {
            rule.code
            for rule in RULES.values()
            if wanted.upper() == "ALL"
            or rule.code.startswith(wanted.upper())
            or rule.name == wanted.lower()
        }
        if not matched:
            known = ", ".join(RULES)
            raise MdStudyError(f"{where}: unknown rule '{wanted}' (rules: {known})")
        codes |= matched
    return codes


def parse_codes(values: Sequence[str]) -> list[str]:
    """`--select MS001,MS002 --select MS101` → ["MS001", "MS002", "MS101"]."""
    return [part for value in values for part in re.split(r"[,\s]+", value) if part]


def settings_for(
    config: "Config | None",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    strict: bool = False,
) -> Settings:
    """The command line's choices over the `[check]` table of `.mdstudy.toml` (None: none)."""
    if config is None:  # no file: nothing to merge, and config.py is not even loaded
        chosen = resolve(select, "select") if select is not None else set(RULES)
        dropped = resolve(ignore, "ignore") if ignore is not None else set()
        return Settings(frozenset(chosen - dropped), strict)
    config = config.with_options(select=select, ignore=ignore, strict=strict or None)
    rules = config.check
    chosen = set(RULES) if rules.select is None else resolve(rules.select, config.where("select"))
    dropped = resolve(rules.ignore or (), config.where("ignore"))
    return Settings(frozenset(chosen - dropped), rules.strict)


# --- suppression -----------------------------------------------------------

# Compiled on first use: most READMEs hold no ignore comment.
_DIRECTIVE = r"<!--\s*mdstudy:\s*ignore\b(?P<codes>.*?)-->"
_ONLY_COMMENTS = r"\s*(?:<!--.*?-->\s*)+"


def suppressions(lines: Sequence[str]) -> dict[int, set[str]]:
    """1-based line → rule codes turned off there by `<!-- mdstudy: ignore ... -->`."""
    off: dict[int, set[str]] = {}
    for number, line in enumerate(lines, start=1):
        if "mdstudy" not in line:
            continue
        for m in compiled(_DIRECTIVE, re.S).finditer(line):
            tokens = parse_codes([m["codes"]])
            try:
                codes = resolve(tokens, f"line {number}") if tokens else set(RULES)
            except MdStudyError:
                continue  # a misspelt code turns nothing off; the finding stays visible
            target = number + 1 if compiled(_ONLY_COMMENTS, re.S).fullmatch(line) else number
            off.setdefault(target, set()).update(codes)
    return off


# --- running ---------------------------------------------------------------


def check_document(doc: Document, settings: Settings, path: str | None = None) -> list[Finding]:
    """The findings of the selected rules on a Document, sorted by line, column and code."""
    ctx = Context(doc)
    name = path if path is not None else doc.name
    findings = [
        Finding(name, hit.line, hit.column, rule.code, rule.name, rule.severity, hit.message)
        for rule in RULES.values()
        if rule.code in settings.codes
        for hit in rule.check(ctx)
    ]
    if not findings:
        return []
    off = suppressions(ctx.lines)
    kept = [f for f in findings if f.code not in off.get(f.line, ())]
    return sorted(kept, key=lambda f: (f.line, f.column, f.code))


class FileCheck(NamedTuple):
    findings: list[Finding]
    settings: Settings
    relevant: bool  # the file has a schedule or a candidate table: something to check


def check_file(
    path: StrPath,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    strict: bool = False,
) -> FileCheck:
    """Check one README; a file that cannot be read or configured raises MdStudyError."""
    from mdstudy.document import load

    doc = load(path)
    settings = settings_for(doc.config, select, ignore, strict)
    findings = check_document(doc, settings, os.fspath(path))
    relevant = doc.schedule_table is not None or doc.candidate_table is not None
    return FileCheck(findings, settings, relevant or bool(findings))


def fails(findings: Iterable[Finding], strict: bool) -> bool:
    """Errors fail the check; with strict, warnings do too."""
    return any(f.severity == Severity.ERROR or strict for f in findings)


# --- output ----------------------------------------------------------------


def format_text(findings: Iterable[Finding]) -> str:
    """`path:line:col: CODE [name] message`, one line each."""
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}] {f.message}\n" for f in findings
    )


def summary(findings: Sequence[Finding], files: int) -> str:
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not findings:
        return f"No problems found ({checked}).\n"
    errors = sum(f.severity == Severity.ERROR for f in findings)
    warnings = sum(f.severity == Severity.WARNING for f in findings)
    parts = [f"{errors} error{'s' if errors != 1 else ''}"]
    parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    total = len(findings)
    return f"Found {total} problem{'s' if total != 1 else ''}: {', '.join(parts)} ({checked}).\n"


def format_json(findings: Iterable[Finding]) -> str:
    """A JSON list of objects: path, line, column, code, name, severity, message."""
    import json  # only this output needs it: keep it off the hook's start-up path

    return json.dumps([f._asdict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def format_github(findings: Iterable[Finding]) -> str:
    """GitHub Actions workflow commands, shown as annotations on the pull request."""
    return "".join(
        f"::{f.severity} file={_property(f.path)},line={f.line},col={f.column},"
        f"title={_property(f'{f.code} {f.name}')}::{_data(f.message)}\n"
        for f in findings
    )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
