"""What every command shares: the README option, loading it, and the exit statuses."""

from __future__ import annotations

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
