"""`mdstudy fmt`: line up the schedule and candidate tables in display width."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mdstudy.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, echo_diff, error_line


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change."
)
@click.option("--diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option("--all-tables", is_flag=True, help="Line up every table, not only the study's.")
def fmt(files: tuple[Path, ...], check_only: bool, diff: bool, all_tables: bool) -> None:
    """Line up the pipes of README tables.

    FILES default to ./README.md. Only the padding inside table rows changes;
    cell texts, pipes, colons, line endings and every line outside the tables stay
    as they are.

    Exit status: 0 done (or nothing to do), 1 with --check when a file would
    change, 2 a file that cannot be read or written.

    \b
    Examples:
      mdstudy fmt
      mdstudy fmt --check --diff docs/README.md
    """
    from mdstudy.document import load
    from mdstudy.errors import MdStudyError
    from mdstudy.fmt import format_document

    unreadable = would_change = False
    for path in files or (Path("README.md"),):
        try:
            doc = load(path)
            new, skipped = format_document(doc, all_tables)
            for line in skipped:
                click.echo(
                    error_line(
                        f"{path}:{line}: table left as it is: a cell holds a tab or a "
                        "control character, whose display width cannot be told"
                    ),
                    err=True,
                )
            if new == doc.source:
                continue
            if diff:
                from mdstudy.render import unified_diff

                echo_diff(unified_diff(str(path), doc.source, new))
            if check_only or diff:
                would_change = True
                if check_only:
                    click.echo(f"would reformat {path}", err=True)
                continue
            doc.replace_source(new)
            doc.save()
            click.echo(f"reformatted {path}", err=True)
        except MdStudyError as err:
            click.echo(error_line(str(err)), err=True)
            unreadable = True
    if unreadable:
        sys.exit(EXIT_BAD_INPUT)
    if check_only and would_change:
        sys.exit(EXIT_FINDINGS)
