"""`mdstudy fmt`: line up the schedule and candidate tables in display width."""

from __future__ import annotations

import click

from mdstudy.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    echo_diff,
    error_line,
    files_options,
    for_each_readme,
    readme_names,
)
from mdstudy.cli.readme import Readme


@click.command()
@files_options
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change."
)
@click.option("--diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option("--all-tables", is_flag=True, help="Line up every table, not only the study's.")
@click.option("-q", "--quiet", is_flag=True, help="Print no 'reformatted' lines (errors only).")
def fmt(
    files: tuple[str, ...],
    file: str | None,
    check_only: bool,
    diff: bool,
    all_tables: bool,
    quiet: bool,
) -> int:
    """Line up the pipes of README tables.

    FILES (or folders: their README.md files; - is standard input, printed
    formatted) default to the README.md here or in the nearest parent folder.
    Only the padding inside table rows changes; cell texts, pipes, colons, line
    endings and every line outside the tables stay as they are.

    Exit status: 0 done (or nothing to do), 1 with --check when a file would
    change, 2 a file that cannot be read or written.

    \b
    Examples:
      mdstudy fmt
      mdstudy fmt --check --diff docs/README.md
    """
    changes, unreadable = for_each_readme(
        readme_names(files, file),
        lambda readme: _format(readme, all_tables, check_only, diff, quiet),
    )
    if unreadable:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if check_only and any(changes) else EXIT_OK


def _format(readme: Readme, all_tables: bool, check_only: bool, diff: bool, quiet: bool) -> bool:
    """Format one README (standard input: to standard output); whether it changes."""
    from mdstudy.cli.common import load_document
    from mdstudy.cli.readme import write_stdout
    from mdstudy.fmt import format_document

    doc = load_document(readme, None)
    new, skipped = format_document(doc, all_tables)
    for line in skipped:
        click.echo(
            error_line(
                f"{readme.name}:{line}: table left as it is: a cell holds a tab or a "
                "control character, whose display width cannot be told"
            ),
            err=True,
        )
    writes = not (check_only or diff)
    if readme.stdin and writes:
        write_stdout(new.text())  # the whole text, changed or not: it is the output
    if new == doc.source:
        return False
    if diff:
        from mdstudy.diff import unified_diff

        echo_diff(unified_diff(readme.name, doc.source, new))
    if check_only and not quiet:
        click.echo(f"would reformat {readme.name}", err=True)
    if writes:
        if not readme.stdin:
            doc.replace_source(new)
            doc.save()
        if not quiet:
            click.echo(f"reformatted {readme.name}", err=True)
    return True
