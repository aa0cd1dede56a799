"""`mdstudy fmt`: line up the schedule and candidate tables in display width."""

from __future__ import annotations

import sys

import click

from mdstudy.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, FILE_HELP, echo_diff, error_line
from mdstudy.cli.readme import Readme


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "-f", "--file", "file", type=click.Path(dir_okay=True, allow_dash=True), help=FILE_HELP
)
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
) -> None:
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
    from mdstudy.cli.readme import each
    from mdstudy.errors import MdStudyError

    unreadable = would_change = False
    for readme in each((*files, file) if file is not None else files):
        try:
            if isinstance(readme, MdStudyError):
                raise readme
            would_change = _format(readme, all_tables, check_only, diff, quiet) or would_change
        except MdStudyError as err:
            click.echo(error_line(str(err)), err=True)
            unreadable = True
    if unreadable:
        sys.exit(EXIT_BAD_INPUT)
    if check_only and would_change:
        sys.exit(EXIT_FINDINGS)


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
