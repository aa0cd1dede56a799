"""`mdstudy check`: findings on hand edits, for people, JSON or GitHub annotations."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mdstudy.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS


@click.command()
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
