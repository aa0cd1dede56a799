"""The `mdstudy` command line: thin commands that parse options, call the library and print.

This package is the only part of mdstudy that prints or exits. Each command lives
in its own module, loaded only when that command runs (and library modules are
imported inside the commands), so `mdstudy check` in a pre-commit hook pays for
nothing else.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from mdstudy.errors import MdStudyError

# Command name -> "module:attribute" of its click command.
COMMANDS = {
    "show": "mdstudy.cli.show:show",
    "assign": "mdstudy.cli.edit:assign",
    "unassign": "mdstudy.cli.edit:unassign",
    "swap": "mdstudy.cli.edit:swap",
    "move": "mdstudy.cli.edit:move",
    "add-session": "mdstudy.cli.edit:add_session",
    "remove-session": "mdstudy.cli.edit:remove_session",
    "candidates": "mdstudy.cli.edit:candidates",
    "ics": "mdstudy.cli.calendar:ics",
    "check": "mdstudy.cli.check:check",
    "init": "mdstudy.cli.term:init",
    "plan": "mdstudy.cli.term:plan",
    "next": "mdstudy.cli.term:next_session",
    "stats": "mdstudy.cli.term:stats",
    "fmt": "mdstudy.cli.fmt:fmt",
    "rules": "mdstudy.cli.rules:rules",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command: click.Command = getattr(import_module(module), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mdstudy", message="%(prog)s %(version)s")
def cli() -> None:
    """Keep a study group's schedule in its README's Markdown tables."""


# What a library message tells the caller to pass, and how the command line says it.
FLAGS = {
    "force=True": "--force",
    "year=YYYY": "--year YYYY",
    "title=": "--title",
    "links=": "--link",
    "issue=": "--issue",
    "note=": "--note",
    "keyword=": "--keyword",
    "timezone='Area/City'": "--tz Area/City",
    "doc.candidates": "'mdstudy candidates list'",
}


def as_flags(err: MdStudyError) -> str:
    """The message with its Python advice (`force=True`) said as the option (`--force`)."""
    text = str(err)
    flag = FLAGS.get(err.hint or "")
    if flag is None or err.hint is None:
        return text
    head, found, tail = text.rpartition(err.hint)  # the advice ends the message
    return f"{head}{flag}{tail}" if found else text


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: an MdStudyError becomes one line on stderr and exit status 2."""
    import gc

    # A short-lived process: the cyclic collector only costs time here (about 4 ms of a
    # pre-commit run, and seconds on a 100,000-row README); memory is freed at exit.
    gc.disable()
    from mdstudy.errors import MdStudyError

    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        code = cli.main(args=argv, prog_name="mdstudy", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.exceptions.Abort:
        click.echo("mdstudy: aborted", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except MdStudyError as err:
        click.echo(f"mdstudy: {as_flags(err)}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as err:  # a bug, not bad input: still one line, never a traceback
        click.echo(
            f"mdstudy: internal error ({type(err).__name__}: {err}); please report it", err=True
        )
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
