"""`mdstudy check`: findings on hand edits, for people, JSON or GitHub annotations."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    colour_on,
    completion,
    echo_diff,
    files_options,
    for_each_readme,
    readme_names,
)

if TYPE_CHECKING:
    from mdstudy.check import FileCheck, Settings
    from mdstudy.cli.readme import Readme
    from mdstudy.document import Document


@click.command()
@files_options
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
    files: tuple[str, ...],
    file: str | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    fix: bool,
    diff: bool,
) -> int:
    """Check README schedule tables for broken hand edits.

    FILES (a folder: its README.md files; -: standard input) default to the
    README.md here or in the nearest parent folder. Rules are chosen in .mdstudy.toml beside the
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
    names = readme_names(files, file)
    chosen = sorted(selected) if selected is not None else None
    dropped = sorted(ignored) if ignored is not None else None
    # With --fix, a README read from standard input is written back to standard output:
    # the report goes to standard error then.
    report_err = fix and not diff and "-" in names

    def one(readme: Readme) -> tuple[int, FileCheck]:
        if fix:
            return _fix(readme, chosen, dropped, strict, diff, output_format, report_err)
        if sys.stderr.isatty():  # a spinner if a README takes long (a hook's pipe: none)
            from mdstudy.cli.progress import working

            with working("checking", readme.name):
                return 0, _check(readme, chosen, dropped, strict)
        return 0, _check(readme, chosen, dropped, strict)

    results, unreadable = for_each_readme(names, one)
    # A README with no schedule or candidate table has nothing to check: alone, it
    # is passed in silence (pre-commit runs the hook on every README.md of a
    # repository); once something is reported, every file read counts as checked.
    checked = len(results)
    relevant = sum(result.relevant for _, result in results)
    fixed_count = sum(fixed for fixed, _ in results)
    findings = [f for _, result in results for f in result.findings]
    failed = any(checking.fails(result.findings, result.settings.strict) for _, result in results)
    if output_format == "json":
        click.echo(checking.format_json(findings), nl=False, err=report_err)
    elif output_format == "github":
        click.echo(checking.format_github(findings), nl=False, err=report_err)
    else:
        coloured = colour_on(err=report_err)
        if coloured:  # styled only for a terminal: the hook's plain path loads nothing more
            from mdstudy.cli import colour
        click.echo(
            colour.findings(findings) if coloured else checking.format_text(findings),
            nl=False,
            err=report_err,
        )
        if fixed_count:
            done = "Would fix" if diff else "Fixed"
            click.echo(
                f"{done} {fixed_count} problem{'s' if fixed_count != 1 else ''}.", err=report_err
            )
        if relevant:
            line = checking.summary(findings, checked)
            click.echo(
                colour.summary(line, findings) if coloured else line, nl=False, err=report_err
            )
    return EXIT_BAD_INPUT if unreadable else EXIT_FINDINGS if failed else EXIT_OK


def _load(
    readme: Readme, select: list[str] | None, ignore: list[str] | None, strict: bool
) -> tuple[Document, Settings]:
    """The README and its rules: the command line's codes (resolved once, before any
    file) over the [check] table of the .mdstudy.toml beside it."""
    from mdstudy.check import settings_for
    from mdstudy.cli.common import load_document

    doc = load_document(readme, None)
    return doc, settings_for(doc.config, select, ignore, strict)


def _check(
    readme: Readme, select: list[str] | None, ignore: list[str] | None, strict: bool
) -> FileCheck:
    """Check one README, a file or standard input."""
    from mdstudy.check import FileCheck, check_document

    doc, settings = _load(readme, select, ignore, strict)
    findings = check_document(doc, settings, readme.name)
    relevant = doc.schedule_table is not None or doc.candidate_table is not None
    return FileCheck(findings, settings, relevant or bool(findings))


def _fix(
    readme: Readme,
    select: list[str] | None,
    ignore: list[str] | None,
    strict: bool,
    diff: bool,
    output_format: str,
    report_err: bool,
) -> tuple[int, FileCheck]:
    """Fix one README (or print the diff); the findings left, as a plain check gives them.

    Standard input, fixed, goes to standard output (unchanged when nothing was fixed)."""
    from mdstudy.check import FileCheck
    from mdstudy.fixes import fix_document

    doc, settings = _load(readme, select, ignore, strict)
    result = fix_document(doc, settings, readme.name)
    if diff:
        if result.source != doc.source:
            from mdstudy.diff import unified_diff

            echo_diff(unified_diff(readme.name, doc.source, result.source))
    elif readme.stdin:
        from mdstudy.cli.readme import write_stdout

        write_stdout(result.source.text())
    elif result.source != doc.source:
        doc.replace_source(result.source)
        doc.save()
    if output_format == "text" and colour_on(err=report_err):
        from mdstudy.cli.colour import findings as styled

        click.echo(styled(result.fixed, fixed=True), nl=False, err=report_err)
    elif output_format == "text":
        for f in result.fixed:
            click.echo(
                f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}] fixed: {f.message}",
                err=report_err,
            )
    relevant = doc.schedule_table is not None or doc.candidate_table is not None
    return len(result.fixed), FileCheck(
        result.findings, settings, relevant or bool(result.findings)
    )
