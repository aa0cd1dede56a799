"""The commands that edit the schedule and the candidate list, each with --dry-run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import F, completion, echo_diff, file_option, load_document

if TYPE_CHECKING:
    from mdstudy.document import Document


def dry_run_option(function: F) -> F:
    return click.option(
        "--dry-run", is_flag=True, help="Print the change as a unified diff; write nothing."
    )(function)


def run_edit(path: Path, year: int | None, dry_run: bool, edit: Callable[[Document], str]) -> None:
    """Load, edit, then print a diff (--dry-run) or save and say what was done."""
    from mdstudy.diff import unified_diff

    doc = load_document(path, year)
    before = doc.source
    done = edit(doc)
    if dry_run:
        echo_diff(unified_diff(doc.name, before, doc.source))
    elif doc.source == before:
        click.echo(f"{doc.name}: nothing to change")
    else:
        doc.save()
        click.echo(f"{doc.name}: {done}")


@click.command()
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@click.argument("who")
@click.option("--title", help="The topic or paper title.")
@click.option("--link", "links", multiple=True, help="An http(s) URL (repeatable).")
@click.option("--issue", type=click.IntRange(min=1), help="The GitHub issue number.")
@click.option("--note", help="Text for the notes column (Etc.).")
@click.option("--candidate", help="Take title and links from the candidate matching this text.")
@click.option("--force", is_flag=True, help="Replace a presenter already in the session.")
@dry_run_option
def assign(
    path: Path,
    year: int | None,
    when: str,
    who: str,
    title: str | None,
    links: tuple[str, ...],
    issue: int | None,
    note: str | None,
    candidate: str | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Fill the session WHEN with presenter WHO, a title and links.

    WHEN is a date as the table writes it or as ISO (5/24, 2023-05-24, 5월 24일),
    5/24#2 for the second talk of a day, or next (the first free session from
    today). --issue, --note and --candidate fill the other columns.

    \b
    Examples:
      mdstudy assign 5/24 'Kim Minsu' --title 'LoRA' --link https://arxiv.org/abs/2106.09685
      mdstudy assign next 'Lee Jiwon' --candidate gptq --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        # Not Document.assign: it reads the session back, a second read of a large README.
        plan = edits.assign(
            doc, when, who, title=title, links=links, issue=issue, note=note,
            candidate=candidate, force=force,
        )  # fmt: skip
        doc.apply(plan)
        written, date = edits.chosen(plan)
        if when.strip().casefold() == "next":  # say which session `next` chose
            return f"assigned {written} ({date.isoformat()}) to {who}"
        return f"assigned {when} to {who}"

    run_edit(path, year, dry_run, edit)


@click.command()
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@dry_run_option
def unassign(path: Path, year: int | None, when: str, dry_run: bool) -> None:
    """Return the session WHEN to its empty state.

    \b
    Examples:
      mdstudy unassign 5/24
      mdstudy unassign 2023-05-24 --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        doc.apply(edits.unassign(doc, when))
        return f"unassigned {when}"

    run_edit(path, year, dry_run, edit)


@click.command()
@file_option
@click.argument("first", shell_complete=completion("session_dates"))
@click.argument("second", shell_complete=completion("session_dates"))
@dry_run_option
def swap(path: Path, year: int | None, first: str, second: str, dry_run: bool) -> None:
    """Exchange everything but the dates of two sessions.

    \b
    Examples:
      mdstudy swap 5/24 6/7
      mdstudy swap 2023-05-24 2023-06-07 --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        doc.apply(edits.swap(doc, first, second))
        return f"swapped {first} and {second}"

    run_edit(path, year, dry_run, edit)


@click.command()
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@click.argument("new_date")
@dry_run_option
def move(path: Path, year: int | None, when: str, new_date: str, dry_run: bool) -> None:
    """Move the session WHEN to NEW_DATE, in date order.

    The row moves to keep the table in date order; everything else stays with it.

    \b
    Examples:
      mdstudy move 5/24 8/2
      mdstudy move 2023-05-24 2023-08-02 --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        doc.apply(edits.move(doc, when, new_date))
        return f"moved {when} to {new_date}"

    run_edit(path, year, dry_run, edit)


@click.command("add-session")
@file_option
@click.argument("date")
@dry_run_option
def add_session(path: Path, year: int | None, date: str, dry_run: bool) -> None:
    """Insert an empty session on DATE, in date order.

    \b
    Examples:
      mdstudy add-session 8/2
      mdstudy add-session 2023-08-02 --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        doc.apply(edits.add_session(doc, date))
        return f"added a session on {date}"

    run_edit(path, year, dry_run, edit)


@click.command("remove-session")
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@click.option("--force", is_flag=True, help="Remove the session even if it is assigned.")
@dry_run_option
def remove_session(path: Path, year: int | None, when: str, force: bool, dry_run: bool) -> None:
    """Delete the session WHEN.

    \b
    Examples:
      mdstudy remove-session 8/2
      mdstudy remove-session 7/26 --force --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        doc.apply(edits.remove_session(doc, when, force=force))
        return f"removed the session on {when}"

    run_edit(path, year, dry_run, edit)


@click.group()
def candidates() -> None:
    """List, add and remove candidate papers.

    \b
    Examples:
      mdstudy candidates list --keyword quantization
      mdstudy candidates add 'QLoRA' --link https://arxiv.org/abs/2305.14314 --keyword LLM
      mdstudy candidates remove qlora
    """


@candidates.command("list")
@file_option
@click.option("--keyword", help="Only candidates whose keyword contains this (any case).")
def candidates_list(path: Path, year: int | None, keyword: str | None) -> None:
    """Print the candidate list: title [keyword], then its links.

    \b
    Examples:
      mdstudy candidates list
      mdstudy candidates list --keyword pruning
    """
    from mdstudy.edits import require_candidate_table

    doc = load_document(path, year)
    require_candidate_table(doc)
    wanted = (keyword or "").casefold()
    for candidate in doc.candidates:
        if wanted and wanted not in (candidate.keyword or "").casefold():
            continue
        label = f" [{candidate.keyword}]" if candidate.keyword else ""
        click.echo(f"{candidate.title}{label}")
        for link in candidate.links:
            click.echo(f"    {link}")


@candidates.command("add")
@file_option
@click.argument("title")
@click.option("--link", "links", multiple=True, help="An http(s) URL (repeatable).")
@click.option("--keyword", help="Text for the keyword column.")
@dry_run_option
def candidates_add(
    path: Path,
    year: int | None,
    title: str,
    links: tuple[str, ...],
    keyword: str | None,
    dry_run: bool,
) -> None:
    """Append a candidate paper to the candidate list.

    \b
    Examples:
      mdstudy candidates add 'QLoRA' --link https://arxiv.org/abs/2305.14314
      mdstudy candidates add 'SparseGPT' --keyword pruning --dry-run
    """

    def edit(doc: Document) -> str:
        from mdstudy import edits

        doc.apply(edits.add_candidate(doc, title, links=links, keyword=keyword))
        return f"added candidate {title!r}"

    run_edit(path, year, dry_run, edit)


@candidates.command("remove")
@file_option
@click.argument("query")
@dry_run_option
def candidates_remove(path: Path, year: int | None, query: str, dry_run: bool) -> None:
    """Delete the one candidate whose title contains QUERY (any case).

    \b
    Examples:
      mdstudy candidates remove qlora
      mdstudy candidates remove 'Sparse' --dry-run
    """

    def edit(doc: Document) -> str:
        title = doc.remove_candidate(query).title
        return f"removed candidate {title!r}"

    run_edit(path, year, dry_run, edit)
