"""`mdstudy show`: the schedule and candidates as a table fitted to the terminal,
Markdown, JSON or CSV."""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING, Any

import click

from mdstudy.cli.common import colour_on, file_option, load_document
from mdstudy.cli.readme import Readme

if TYPE_CHECKING:
    from mdstudy.document import Document

FORMATS_HELP = (
    "table: for reading, fitted to the terminal; markdown: a GitHub table to paste into "
    "an issue or a chat; json: every field, stable across versions; csv: every field, "
    "one row per record (both lists: a 'kind' column tells them apart)."
)


@click.command()
@file_option
@click.option(
    "--table",
    type=click.Choice(["sessions", "candidates"]),
    help="Show only this list (default: the schedule, then the candidates if there are any).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "markdown", "json", "csv"]),
    default="table",
    show_default=True,
    help=FORMATS_HELP,
)
@click.option(
    "--width",
    type=click.IntRange(min=20),
    metavar="N",
    help="Fit the table into N columns (default: the terminal's width, COLUMNS respected; "
    "unlimited when the output is not a terminal).",
)
@click.option("--wide", is_flag=True, help="Print every cell whole, however wide the terminal.")
def show(
    readme: Readme,
    year: int | None,
    table: str | None,
    output_format: str,
    width: int | None,
    wide: bool,
) -> None:
    """Print the schedule and the candidate list.

    The table fits the terminal: long texts end in `…` (--wide prints them whole),
    columns empty in every row are left out, several links share their session's
    line. On a terminal, past sessions are dimmed and the next one is highlighted.

    Columns are found by their headers; map others in .mdstudy.toml beside the
    README ([columns] date = "When", presenter = ["Who"]).

    \b
    Examples:
      mdstudy show
      mdstudy show --table sessions --format markdown
      mdstudy show --format csv > study.csv
      mdstudy show -f docs/README.md --format json
    """
    from mdstudy import show as views
    from mdstudy.cli.progress import working

    if wide and width is not None:
        raise click.UsageError("--wide prints every cell whole: it does not mix with --width")
    if (wide or width is not None) and output_format != "table":
        option = "--wide" if wide else "--width"
        raise click.UsageError(f"{option} fits the table format, not --format {output_format}")
    # Everything is built before printing, so an error never leaves half an output.
    with working("reading", readme.name):
        doc = load_document(readme, year)
        tables = views.tables_of(doc, table)
        if output_format == "json":
            text = views.as_json(doc, tables if table else views.TABLES)  # stable: both keys
        elif output_format == "csv":
            both = len(tables) > 1 or table is None
            text = views.as_csv_both(doc, tables) if both else views.as_csv(doc, tables[0])
        elif output_format == "markdown":
            parts = [views.as_markdown(doc, name) for name in tables]
            text = _with_headings(tables, parts, "### {}\n\n")
        else:
            text = _terminal_table(doc, tables, None if wide else _width(width))
    click.echo(text, nl=False)


def _width(asked: int | None) -> int | None:
    """--width, else the terminal's width (COLUMNS first), else None: a pipe takes it all."""
    if asked is not None:
        return asked
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def _terminal_table(doc: Document, tables: tuple[str, ...], width: int | None) -> str:
    from mdstudy import show as views

    styles: dict[str, dict[str, Any]] = {
        views.PAST: {"dim": True},
        views.NEXT: {"bold": True, "fg": "green"},
    }
    colour = colour_on()
    parts = []
    for name in tables:
        lines = views.table_lines(doc, name, width)
        if colour:  # styled only when the styles reach a terminal (or --color always)
            text = "".join(
                click.style(line, **styles[state]) + "\n" if state in styles else line + "\n"
                for line, state in lines
            )
        else:
            text = "".join(f"{line}\n" for line, _ in lines)
        parts.append(text)
    return _with_headings(tables, parts, "# {}\n")


def _with_headings(tables: tuple[str, ...], parts: list[str], heading: str) -> str:
    """Several lists: each under its heading, a blank line between them."""
    if len(parts) == 1:
        return parts[0]
    return "\n".join(heading.format(name) + part for name, part in zip(tables, parts, strict=True))
