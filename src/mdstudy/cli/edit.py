"""The commands that edit the schedule and the candidate list, each with --dry-run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import F, file_option, load_document

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
        click.echo(unified_diff(doc.name, before, doc.source), nl=False)
    elif doc.source == before:
        click.echo(f"{doc.name}: nothing to change")
    else:
        doc.save()
        click.echo(f"{doc.name}: {done}")


@click.command()
@file_option
@click.argument("when")
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
    """Fill the session WHEN (5/24, 2023-05-24, 5월 24일 or next) with presenter WHO."""

    def edit(doc: Document) -> str:
        written, date = doc.assign(
            when, who, title=title, links=links, issue=issue, note=note,
            candidate=candidate, force=force,
        )  # fmt: skip
        if when.strip().casefold() == "next":  # say which session `next` chose
            return f"assigned {written} ({date.isoformat()}) to {who}"
        return f"assigned {when} to {who}"

    run_edit(path, year, dry_run, edit)


@click.command()
@file_option
@click.argument("when")
@dry_run_option
def unassign(path: Path, year: int | None, when: str, dry_run: bool) -> None:
    """Return the session WHEN to its empty state."""

    def edit(doc: Document) -> str:
        doc.unassign(when)
        return f"unassigned {when}"

    run_edit(path, year, dry_run, edit)


@click.command()
@file_option
@click.argument("first")
@click.argument("second")
@dry_run_option
def swap(path: Path, year: int | None, first: str, second: str, dry_run: bool) -> None:
    """Exchange everything but the dates of two sessions."""

    def edit(doc: Document) -> str:
        doc.swap(first, second)
        return f"swapped {first} and {second}"

    run_edit(path, year, dry_run, edit)


@click.command()
@file_option
@click.argument("when")
@click.argument("new_date")
@dry_run_option
def move(path: Path, year: int | None, when: str, new_date: str, dry_run: bool) -> None:
    """Move the session WHEN to NEW_DATE, keeping the table in date order."""

    def edit(doc: Document) -> str:
        doc.move(when, new_date)
        return f"moved {when} to {new_date}"

    run_edit(path, year, dry_run, edit)


@click.command("add-session")
@file_option
@click.argument("date")
@dry_run_option
def add_session(path: Path, year: int | None, date: str, dry_run: bool) -> None:
    """Insert an empty session on DATE, in date order."""

    def edit(doc: Document) -> str:
        doc.add_session(date)
        return f"added a session on {date}"

    run_edit(path, year, dry_run, edit)


@click.command("remove-session")
@file_option
@click.argument("when")
@click.option("--force", is_flag=True, help="Remove the session even if it is assigned.")
@dry_run_option
def remove_session(path: Path, year: int | None, when: str, force: bool, dry_run: bool) -> None:
    """Delete the session WHEN."""

    def edit(doc: Document) -> str:
        doc.remove_session(when, force=force)
        return f"removed the session on {when}"

    run_edit(path, year, dry_run, edit)


@click.group()
def candidates() -> None:
    """List, add and remove candidate papers."""


@candidates.command("list")
@file_option
@click.option("--keyword", help="Only candidates whose keyword contains this (any case).")
def candidates_list(path: Path, year: int | None, keyword: str | None) -> None:
    """Print the candidate list: title [keyword], then its links."""
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
    """Append a candidate paper to the candidate list."""

    def edit(doc: Document) -> str:
        doc.add_candidate(title, links=links, keyword=keyword)
        return f"added candidate {title!r}"

    run_edit(path, year, dry_run, edit)


@candidates.command("remove")
@file_option
@click.argument("query")
@dry_run_option
def candidates_remove(path: Path, year: int | None, query: str, dry_run: bool) -> None:
    """Delete the one candidate whose title contains QUERY (any case)."""

    def edit(doc: Document) -> str:
        title = doc.find_candidate(query).title
        doc.remove_candidate(query)
        return f"removed candidate {title!r}"

    run_edit(path, year, dry_run, edit)
