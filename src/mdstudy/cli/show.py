"""`mdstudy show`: the schedule and candidates as a table, JSON or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from mdstudy.cli.common import file_option, load_document


@click.command()
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
    help="table: aligned text for reading; json: every field, for scripts; csv: for a spreadsheet.",
)
def show(path: Path, year: int | None, table: str | None, output_format: str) -> None:
    """Print the schedule and the candidate list.

    Columns are found by their headers; map others in .mdstudy.toml beside the
    README ([columns] date = "When", presenter = ["Who"]).

    \b
    Examples:
      mdstudy show
      mdstudy show --table sessions --format csv > schedule.csv
      mdstudy show -f docs/README.md --format json
    """
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
