"""What every command shares: the README option, loading it, and the exit statuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from mdstudy.cli.readme import Readme, given

if TYPE_CHECKING:
    from mdstudy.document import Document

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
# 128 + SIGINT, as shells report a command stopped with Ctrl-C.
EXIT_INTERRUPTED = 130

FILE_HELP = (
    "The README that holds the schedule; - reads it from standard input "
    "[default: README.md here or in the nearest parent folder]"
)


def _readme(ctx: click.Context, param: click.Parameter, value: str | None) -> Readme | None:
    if not ctx.resilient_parsing:
        return given(value)
    from mdstudy.errors import MdStudyError

    try:  # shell completion: a README not found offers nothing, never an error
        return given(value)
    except MdStudyError:
        return None


def file_option(function: F) -> F:
    """`-f/--file README.md` and `--year`, shared by every command that reads one README.

    The command receives a `Readme` as `readme`."""
    function = click.option(
        "--year",
        type=click.IntRange(1900, 2999),
        help="Year of dates written without one, when the README does not tell it.",
    )(function)
    return click.option(
        "-f",
        "--file",
        "readme",
        type=click.Path(dir_okay=True, allow_dash=True),
        callback=_readme,
        help=FILE_HELP,
    )(function)


def files_options(function: F) -> F:
    """FILES and -f/--file, for the commands that take any number of READMEs (check, fmt);
    `readme_names` joins them."""
    function = click.option(
        "-f", "--file", "file", type=click.Path(dir_okay=True, allow_dash=True), help=FILE_HELP
    )(function)
    return click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))(
        function
    )


def readme_names(files: tuple[str, ...], file: str | None) -> tuple[str, ...]:
    return (*files, file) if file is not None else files


def for_each_readme(names: tuple[str, ...], work: Callable[[Readme], T]) -> tuple[list[T], bool]:
    """`work` on every README the names stand for, in order (none: the nearest README).

    A name that stands for none, or a README whose work fails with an MdStudyError, is
    one error line on stderr and the rest go on; the results, and whether any failed."""
    from mdstudy.cli.readme import each
    from mdstudy.errors import MdStudyError

    results: list[T] = []
    failed = False
    for readme in each(names):
        try:
            if isinstance(readme, MdStudyError):
                raise readme
            results.append(work(readme))
        except MdStudyError as err:
            click.echo(error_line(str(err)), err=True)
            failed = True
    return results, failed


def load_document(readme: Readme, year: int | None) -> Document:
    """The README as a Document: the file, or standard input (which is never saved to)."""
    if readme.path is not None:
        from mdstudy.document import load

        return load(readme.path, year=year)
    from mdstudy.cli.readme import read_stdin
    from mdstudy.document import config_beside, loads

    # The settings of the current folder's README, as `load` reads a file's.
    return loads(read_stdin(), year=year, config=config_beside(readme.anchor), name=readme.name)


def issue_number(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """`--issue`: a GitHub issue number, written `11` or `#11` (as GitHub writes it)."""
    if value is None:
        return None
    text = value.strip()
    digits = text[1:] if text.startswith("#") else text
    if not (digits.isascii() and digits.isdigit()):
        raise click.BadParameter(f"{value!r} is not an issue number (11 or #11)")
    if int(digits) < 1:
        raise click.BadParameter(f"{value!r}: an issue number is 1 or more")
    return int(digits)


def error_line(message: str) -> str:
    """`mdstudy: message`, the prefix styled red (click.echo drops the colour off a terminal)."""
    return f"{click.style('mdstudy:', fg='red', bold=True)} {message}"


def colour_on(err: bool = False) -> bool:
    """Whether click.echo keeps colour on stdout (or stderr): --color, else a terminal."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.color is not None:
        return ctx.color
    import sys

    return (sys.stderr if err else sys.stdout).isatty()


def echo_diff(text: str) -> None:
    """Print a unified diff, coloured when stdout takes colour (styled only then: diffs are big)."""
    if text and colour_on():
        from mdstudy.cli.colour import diff

        text = diff(text)
    click.echo(text, nl=False)


def completion(name: str) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """A shell_complete callback that imports cli/complete.py only when a shell asks."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from mdstudy.cli import complete as completions

        found: list[Any] = getattr(completions, name)(ctx, param, incomplete)
        return found

    return complete
