"""The `mdstudy` command line: thin commands that parse options, call the library and print.

This is the only module that prints or exits. Library modules are imported
inside the commands, so `mdstudy --help` and each command load only what they use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from mdstudy.document import Document

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def file_option(function: F) -> F:
    """`-f/--file README.md` and `--year`, shared by every command that reads one README."""
    function = click.option(
        "--year",
        type=click.IntRange(1900, 2999),
        help="Year of dates written without one, when the README does not tell it.",
    )(function)
    return click.option(
        "-f",
        "--file",
        "path",
        type=click.Path(path_type=Path, dir_okay=True),
        default=Path("README.md"),
        show_default=True,
        help="The README that holds the schedule.",
    )(function)


def load_document(path: Path, year: int | None) -> Document:
    from mdstudy.document import load

    return load(path, year=year)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mdstudy", message="%(prog)s %(version)s")
def cli() -> None:
    """Keep a study group's schedule in its README's Markdown tables."""


# --- show --------------------------------------------------------------------


@cli.command()
@file_option
@click.option(
    "--table",
    type=click.Choice(["sessions", "candidates"]),
    help="Show only this table (default: both).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def show(path: Path, year: int | None, table: str | None, output_format: str) -> None:
    """Print the schedule and the candidate list."""
    from mdstudy import show as views

    doc = load_document(path, year)
    doc.require_schedule()
    tables = (table,) if table else views.TABLES
    if output_format == "json":
        click.echo(views.as_json(doc, tables), nl=False)
        return
    render = views.as_csv if output_format == "csv" else views.as_table
    # Build everything before printing, so an error never leaves half an output.
    parts = [
        (f"{chr(10) if index else ''}# {name}\n" if len(tables) > 1 else "") + render(doc, name)
        for index, name in enumerate(tables)
    ]
    click.echo("".join(parts), nl=False)


# --- edits (assign, unassign, swap, move, add-session, remove-session, candidates) ---


def dry_run_option(function: F) -> F:
    return click.option(
        "--dry-run", is_flag=True, help="Print the change as a unified diff; write nothing."
    )(function)


def run_edit(path: Path, year: int | None, dry_run: bool, edit: Callable[[Document], str]) -> None:
    """Load, edit, then print a diff (--dry-run) or save and say what was done."""
    from mdstudy.render import unified_diff

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


@cli.command()
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
        doc.assign(
            when, who, title=title, links=links, issue=issue, note=note,
            candidate=candidate, force=force,
        )  # fmt: skip
        return f"assigned {when} to {who}"

    run_edit(path, year, dry_run, edit)


@cli.command()
@file_option
@click.argument("when")
@dry_run_option
def unassign(path: Path, year: int | None, when: str, dry_run: bool) -> None:
    """Return the session WHEN to its empty state."""

    def edit(doc: Document) -> str:
        doc.unassign(when)
        return f"unassigned {when}"

    run_edit(path, year, dry_run, edit)


@cli.command()
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


@cli.command()
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


@cli.command("add-session")
@file_option
@click.argument("date")
@dry_run_option
def add_session(path: Path, year: int | None, date: str, dry_run: bool) -> None:
    """Insert an empty session on DATE, in date order."""

    def edit(doc: Document) -> str:
        doc.add_session(date)
        return f"added a session on {date}"

    run_edit(path, year, dry_run, edit)


@cli.command("remove-session")
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


@cli.group()
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


# --- ics ---------------------------------------------------------------------


@cli.command()
@file_option
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the calendar to this file (atomically) instead of standard output.",
)
@click.option("--time", "start_time", metavar="HH:MM", help="Start time of every session.")
@click.option("--duration", metavar="90m|1h30m|1:30", help="Length of every session (default 1h).")
@click.option("--tz", "timezone", metavar="Area/City", help="Time zone of --time (IANA name).")
@click.option("--location", metavar="TEXT", help="Where the sessions take place.")
@click.option(
    "--repo", metavar="OWNER/NAME", help="GitHub repository, to link issues (default: origin)."
)
@click.option("--assigned-only", is_flag=True, help="Only sessions that have a presenter.")
def ics(
    path: Path,
    year: int | None,
    out: Path | None,
    start_time: str | None,
    duration: str | None,
    timezone: str | None,
    location: str | None,
    repo: str | None,
    assigned_only: bool,
) -> None:
    """Export the schedule as an iCalendar file (study.ics) to import or subscribe to."""
    from mdstudy import ics as calendar
    from mdstudy.config import config_path, load_config
    from mdstudy.errors import MdStudyError

    config = load_config(path)
    config_name = str(config_path(path))
    options = {
        "time": start_time,
        "duration": duration,
        "timezone": timezone,
        "location": location,
        "repo": repo,
    }
    settings = calendar.resolve_settings(
        options, config, config_name=config_name, assigned_only=assigned_only
    )
    if out is not None and out.absolute().resolve() == path.absolute().resolve():
        raise MdStudyError(f"{out}: is the README itself; write the calendar to another file")
    doc = load_document(path, year or calendar.config_year(config, config_name))
    doc.require_schedule()
    origin = None
    if settings.repo is None:
        from mdstudy.repo import origin_repo

        origin = origin_repo(path.absolute().parent)
    data = calendar.build_calendar(doc, settings, stamp=calendar.dtstamp(path), repo=origin)
    if out is None:
        sys.stdout.buffer.write(data)  # bytes: the CRLF line ends must reach the file as they are
        sys.stdout.buffer.flush()
    else:
        from mdstudy.save import write_atomic

        write_atomic(out, data.decode("utf-8"))


# --- check -------------------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list; github: Actions annotations.",
)
@click.option("--select", multiple=True, help="Run only these rules (codes, prefixes or names).")
@click.option("--ignore", multiple=True, help="Do not run these rules.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
def check(
    files: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
) -> None:
    """Check README schedule tables for broken hand edits (default: ./README.md).

    Exit status: 0 no errors, 1 errors found (with --strict, warnings too),
    2 usage error or a file that cannot be read.
    """
    from mdstudy import check as checking
    from mdstudy.errors import MdStudyError

    try:
        selected = checking.resolve(checking.parse_codes(select), "--select") if select else None
        ignored = checking.resolve(checking.parse_codes(ignore), "--ignore") if ignore else None
    except MdStudyError as err:
        raise click.UsageError(str(err)) from None
    findings: list[checking.Finding] = []
    failed = unreadable = False
    checked = 0
    paths = files or (Path("README.md"),)
    for path in paths:
        try:
            result = checking.check_file(
                path,
                sorted(selected) if selected is not None else None,
                sorted(ignored) if ignored is not None else None,
                strict,
            )
        except MdStudyError as err:
            click.echo(f"mdstudy: {err}", err=True)
            unreadable = True
            continue
        # A README with no schedule or candidate table has nothing to check: stay silent,
        # since pre-commit runs the hook on every README.md of a repository.
        checked += result.relevant
        findings.extend(result.findings)
        failed = failed or checking.fails(result.findings, result.settings.strict)
    if output_format == "json":
        click.echo(checking.format_json(findings), nl=False)
    elif output_format == "github":
        click.echo(checking.format_github(findings), nl=False)
    else:
        click.echo(checking.format_text(findings), nl=False)
        if checked:
            click.echo(checking.summary(findings, checked), nl=False)
    if unreadable or failed:
        # sys.exit, not click.exceptions.Exit: with standalone_mode=False click returns
        # the code of an Exit instead of raising it, and main() would exit 0.
        sys.exit(EXIT_BAD_INPUT if unreadable else EXIT_FINDINGS)


# --- entry point -------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: an MdStudyError becomes one line on stderr and exit status 2."""
    import gc

    # A short-lived process: the cyclic collector only costs time here (about 4 ms of a
    # pre-commit run, and seconds on a 100,000-row README); memory is freed at exit.
    gc.disable()
    from mdstudy.errors import MdStudyError

    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        code = cli.main(args=argv, prog_name="mdstudy", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.exceptions.Abort:
        click.echo("mdstudy: aborted", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except MdStudyError as err:
        click.echo(f"mdstudy: {err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
