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
