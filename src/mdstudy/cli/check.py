"""`mdstudy check`: findings on hand edits, for people, JSON or GitHub annotations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    colour_on,
    completion,
    echo_diff,
    error_line,
)

if TYPE_CHECKING:
    from mdstudy.check import FileCheck


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
@click.option(
    "--select",
    multiple=True,
    shell_complete=completion("rule_codes"),
    help="Run only these rules: codes, prefixes (MS1) or names, comma-separated or repeated; "
    "replaces [check] select of .mdstudy.toml.",
)
@click.option(
    "--ignore",
    multiple=True,
    shell_complete=completion("rule_codes"),
    help="Do not run these rules (as --select); replaces [check] ignore of .mdstudy.toml.",
)
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--fix", is_flag=True, help="Fix what has one safe answer (MS001, MS006, MS008).")
@click.option("--diff", is_flag=True, help="With --fix: print the fixes as a diff, write nothing.")
def check(
    files: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    fix: bool,
    diff: bool,
) -> None:
    """Check README schedule tables for broken hand edits.

    FILES default to ./README.md. Rules are chosen in .mdstudy.toml beside the
    README ([check] select, ignore, strict) or by --select/--ignore; a comment
    `<!-- mdstudy: ignore MS103 -->` turns rules off for its line (at the end of a
    row) or the next line (on its own); `mdstudy rules CODE` explains a rule.

    With --fix, what has one safe answer is fixed in one atomic write per file
    (`mdstudy rules` says which rules) and printed as fixed; the rest is reported.

    Exit status: 0 no errors, 1 errors found (with --strict, warnings too; after
    --fix, the errors left), 2 usage error or a file that cannot be read.

    \b
    Examples:
      mdstudy check
      mdstudy check docs/README.md --ignore MS102 --strict
      mdstudy check --fix --diff
    """
    from mdstudy import check as checking
    from mdstudy.errors import MdStudyError

    if diff and not fix:
        raise click.UsageError("--diff shows what --fix would change: give --fix too")
    if diff and output_format != "text":
        raise click.UsageError(
            f"--diff prints a diff: it does not mix with --format {output_format}"
        )

    try:
        selected = checking.resolve(checking.parse_codes(select), "--select") if select else None
        ignored = checking.resolve(checking.parse_codes(ignore), "--ignore") if ignore else None
    except MdStudyError as err:
        raise click.UsageError(str(err)) from None
    findings: list[checking.Finding] = []
    failed = unreadable = False
    checked = 0
    paths = files or (Path("README.md"),)
    fixed_count = 0
    for path in paths:
        try:
            chosen = sorted(selected) if selected is not None else None
            dropped = sorted(ignored) if ignored is not None else None
            if fix:
                fixed, result = _fix(path, chosen, dropped, strict, diff, output_format)
                fixed_count += fixed
            elif sys.stderr.isatty():  # a spinner if a README takes long (a hook's pipe: none)
                from mdstudy.cli.progress import working

                with working("checking", path):
                    result = checking.check_file(path, chosen, dropped, strict)
            else:
                result = checking.check_file(path, chosen, dropped, strict)
        except MdStudyError as err:
            click.echo(error_line(str(err)), err=True)
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
        coloured = colour_on()
        if coloured:  # styled only for a terminal: the hook's plain path loads nothing more
            from mdstudy.cli import colour
        click.echo(
            colour.findings(findings) if coloured else checking.format_text(findings), nl=False
        )
        if fixed_count:
            done = "Would fix" if diff else "Fixed"
            click.echo(f"{done} {fixed_count} problem{'s' if fixed_count != 1 else ''}.")
        if checked:
            line = checking.summary(findings, checked)
            click.echo(colour.summary(line, findings) if coloured else line, nl=False)
    if unreadable or failed:
        # sys.exit, not click.exceptions.Exit: with standalone_mode=False click returns
        # the code of an Exit instead of raising it, and main() would exit 0.
        sys.exit(EXIT_BAD_INPUT if unreadable else EXIT_FINDINGS)


def _fix(
    path: Path,
    select: list[str] | None,
    ignore: list[str] | None,
    strict: bool,
    diff: bool,
    output_format: str,
) -> tuple[int, FileCheck]:
    """Fix one file (or print the diff); the findings left, as a plain check gives them."""
    from mdstudy.check import FileCheck
    from mdstudy.fixes import fix_file

    doc, result, settings = fix_file(str(path), select, ignore, strict)
    if result.source != doc.source:
        if diff:
            from mdstudy.render import unified_diff

            echo_diff(unified_diff(str(path), doc.source, result.source))
        else:
            doc.replace_source(result.source)
            doc.save()
    if output_format == "text" and colour_on():
        from mdstudy.cli.colour import findings as styled

        click.echo(styled(result.fixed, fixed=True), nl=False)
    elif output_format == "text":
        for f in result.fixed:
            click.echo(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}] fixed: {f.message}")
    relevant = doc.schedule_table is not None or doc.candidate_table is not None
    findings = result.findings
    return len(result.fixed), FileCheck(findings, settings, relevant or bool(findings))
