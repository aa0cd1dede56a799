"""How every writing command ends, the same way: a diff (`--dry-run`), the write, the README
on standard output (`-f -`), the result line (none with `-q`), or JSON (`--format json`).

The JSON names the sessions and candidates the edit changed, found by comparing the
model before and after the edit (not from what an edit returns).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from mdstudy.cli.common import F, load_document
from mdstudy.cli.readme import Readme, write_stdout

if TYPE_CHECKING:
    from mdstudy.document import Document
    from mdstudy.model import Candidate, Session
    from mdstudy.source import Source

_META = "mdstudy.output"


class Output(NamedTuple):
    """How a writing command reports: --dry-run, -q/--quiet, --format."""

    dry_run: bool = False
    quiet: bool = False
    form: str = "text"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    assert param.name is not None
    ctx.meta.setdefault(_META, {})[param.name] = value


def writing_options(function: F) -> F:
    """--dry-run, -q/--quiet and --format text|json, read by `run_edit` (not passed to the
    command: every writing command treats them alike)."""
    for option in (
        click.option(
            "--format",
            "form",
            type=click.Choice(["text", "json"]),
            default="text",
            show_default=True,
            expose_value=False,
            callback=_remember,
            help="json: the sessions and candidates changed, before and after, for scripts.",
        ),
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="Print no result line (errors only).",
        ),
        click.option(
            "--dry-run",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="Print the change as a unified diff; write nothing.",
        ),
    ):
        function = option(function)
    return function


def current_output() -> Output:
    return Output(**click.get_current_context().meta.get(_META, {}))


def note(readme: Readme, text: str, output: Output | None = None, *, err: bool = False) -> None:
    """A line for the user (none with -q): on standard error when standard output carries
    the README."""
    if not (output or current_output()).quiet:
        click.echo(text, err=err or readme.stdin)


class Change:
    """A README's text before and after an edit. The documents, and what changed in them,
    are read only when asked (JSON, or a result line that names it): `read` makes a
    Document of a text."""

    def __init__(self, name: str, old: Source, new: Source, read: Callable[[Source], Document]):
        self.name, self.old, self.new, self._read = name, old, new, read

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @cached_property
    def before(self) -> Document:
        return self._read(self.old)

    @cached_property
    def after(self) -> Document:
        return self._read(self.new)

    @cached_property
    def sessions(self) -> tuple[list[Session], list[Session]]:
        """(as they were, as they are) the sessions the edit changed, added or removed."""
        return _differ(_sessions(self.before), _sessions(self.after))

    @cached_property
    def candidates(self) -> tuple[list[Candidate], list[Candidate]]:
        return _differ(self.before.candidates, self.after.candidates)

    def as_json(self, written: bool) -> str:
        import json

        from mdstudy.show import record_dict

        def records(items: list[Session] | list[Candidate]) -> list[dict[str, Any]]:
            return [record_dict(item) for item in items]

        (old_sessions, new_sessions), (old_candidates, new_candidates) = (
            self.sessions, self.candidates
        )  # fmt: skip
        data = {
            "file": self.name,
            "changed": self.changed,
            "written": written,
            "sessions": records(new_sessions),
            "candidates": records(new_candidates),
            "before": {"sessions": records(old_sessions), "candidates": records(old_candidates)},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _sessions(doc: Document) -> list[Session]:
    from mdstudy.errors import MdStudyError

    try:
        return doc.sessions
    except MdStudyError:  # year-less dates the README never dates: a candidate edit still runs
        return []


R = TypeVar("R", "Session", "Candidate")


def _differ(old: list[R], new: list[R]) -> tuple[list[R], list[R]]:
    """The records only in `old` and only in `new`, counted as multisets; a record's line
    number is left out of the comparison (a row inserted above moves every row below)."""
    import json

    from mdstudy.show import record_dict

    def key(record: R) -> str:
        data = record_dict(record)
        data.pop("line", None)
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    old_keys, new_keys = [key(r) for r in old], [key(r) for r in new]
    return _only(old, old_keys, Counter(new_keys)), _only(new, new_keys, Counter(old_keys))


def _only(records: list[R], keys: list[str], other: Counter[str]) -> list[R]:
    left = []
    for record, key in zip(records, keys, strict=True):
        if other[key]:
            other[key] -= 1
        else:
            left.append(record)
    return left


def run_edit(
    readme: Readme,
    year: int | None,
    edit: Callable[[Document], object],
    say: Callable[[Change], str],
) -> None:
    """Load the README, edit it, then report the change as the output options ask.

    `edit` changes the Document in place; `say` words the result line from the Change.
    """
    output = current_output()
    refuse_json_with_stdin(readme, output)
    doc = load_document(readme, year)
    old = doc.source
    edit(doc)

    finish(readme, Change(doc.name, old, doc.source, doc.with_source), say, output, doc.save)


def refuse_json_with_stdin(readme: Readme, output: Output) -> None:
    if output.form == "json" and readme.stdin and not output.dry_run:
        raise click.UsageError(
            "with -f -, standard output carries the README: --format json goes with --dry-run only"
        )


def finish(
    readme: Readme,
    change: Change,
    say: Callable[[Change], str],
    output: Output,
    save: Callable[[], None],
) -> None:
    """Report an edit's change (diff, JSON, result line) and write it: `save()` for a file,
    standard output for standard input."""
    if output.dry_run:
        if output.form == "json":
            click.echo(change.as_json(written=False), nl=False)
        elif change.changed:
            from mdstudy.cli.common import echo_diff
            from mdstudy.diff import unified_diff

            echo_diff(unified_diff(change.name, change.old, change.new))
        else:
            note(readme, f"{change.name}: nothing to change", output)
        return
    if readme.stdin:
        write_stdout(change.new.text())  # the text is the output, changed or not
    elif change.changed:
        save()
    if output.form == "json":  # never with -f - (refused before reading)
        click.echo(change.as_json(written=change.changed), nl=False)
    else:
        done = say(change) if change.changed else "nothing to change"
        note(readme, f"{change.name}: {done}", output)
