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
    for index, name in enumerate(tables):
        if len(tables) > 1:
            click.echo(("\n" if index else "") + f"# {name}")
        click.echo(render(doc, name), nl=False)


# --- edits (assign, unassign, swap, move, add-session, remove-session, candidates) ---


# --- ics ---------------------------------------------------------------------


# --- check -------------------------------------------------------------------


# --- entry point -------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: an MdStudyError becomes one line on stderr and exit status 2."""
    from mdstudy.errors import MdStudyError

    try:
        cli.main(args=argv, prog_name="mdstudy", standalone_mode=False)
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
    sys.exit(EXIT_OK)
