"""The `mdstudy` command line: thin commands that parse options, call the library and print.

This package is the only part of mdstudy that prints or exits. Each command lives
in its own module, loaded only when that command runs (and library modules are
imported inside the commands), so `mdstudy check` in a pre-commit hook pays for
nothing else.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, error_line

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

# Command name -> the first line of its help, so `mdstudy --help` lists the commands
# without importing every module; tests/test_cli_help.py keeps it equal to the docstrings.
SHORT_HELP = {
    "show": "Print the schedule and the candidate list.",
    "assign": "Fill the session WHEN with presenter WHO, a title and links.",
    "unassign": "Return the session WHEN to its empty state.",
    "swap": "Exchange everything but the dates of two sessions.",
    "move": "Move the session WHEN to NEW_DATE, in date order.",
    "add-session": "Insert an empty session on DATE, in date order.",
    "remove-session": "Delete the session WHEN.",
    "candidates": "List, add and remove candidate papers.",
    "ics": "Export the schedule as an iCalendar file (.ics).",
    "check": "Check README schedule tables for broken hand edits.",
    "init": "Write a new README with an empty schedule for a term.",
    "plan": "Add a term's empty sessions to the schedule.",
    "next": "Print the next session(s), as an announcement.",
    "stats": "The term in numbers: sessions, presenters, candidates.",
    "fmt": "Line up the pipes of README tables.",
    "rules": "List the rules of `mdstudy check`, or explain one.",
}

# What `--color` chose, for the error lines main() prints after the context is gone.
_CHOSEN: dict[str, bool | None] = {}


def color_choice(flag: str) -> bool | None:
    """--color, then NO_COLOR, then FORCE_COLOR; None leaves it to click (a terminal: colour)."""
    if flag != "auto":
        return flag == "always"
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def _set_color(ctx: click.Context, param: click.Parameter, value: str) -> None:
    # Subcommands' contexts inherit ctx.color, and every click.echo/secho asks it.
    ctx.color = _CHOSEN["color"] = color_choice(value)


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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Whole first lines from the table (click would import each command and cut
        # its line at the terminal width with "..."); long lines wrap instead.
        rows = [
            (name, SHORT_HELP.get(name) or self._short_help(ctx, name))
            for name in self.list_commands(ctx)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _short_help(self, ctx: click.Context, name: str) -> str:
        command = self.get_command(ctx, name)
        return command.get_short_help_str(limit=1000) if command else ""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            # click suggests from the commands a group holds, and a lazy group holds
            # none: suggest from the names, without importing any command's module.
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS))
            hint = (
                f" Did you mean {close[0]!r}?" if len(close) == 1
                else f" (Possible options: {', '.join(map(repr, close))})" if close
                else ""
            )  # fmt: skip
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            code = super().invoke(ctx)
        except KeyboardInterrupt:
            # click answers Ctrl-C with a blank line and Abort; main() says it in one line.
            raise Interrupted from None
        # Commands return their exit status; ctx.exit carries it through click's own
        # main as well as ours (standalone click would drop a returned value).
        if isinstance(code, int) and code != EXIT_OK:
            ctx.exit(code)
        return code


class Interrupted(BaseException):
    """Ctrl-C while a command ran (a BaseException, as KeyboardInterrupt is: nothing that
    catches Exception may swallow it)."""


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="mdstudy", message="%(prog)s %(version)s")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    expose_value=False,
    is_eager=True,
    callback=_set_color,
    help="Colour check codes, diffs and errors: auto on a terminal (NO_COLOR turns it "
    "off, FORCE_COLOR on), always or never.",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Keep a study group's schedule in its README's Markdown tables.

    Every command reads the README.md here or in the nearest parent folder
    unless told otherwise (-f FILE, or -f - for standard input), with the
    settings of .mdstudy.toml beside it; `mdstudy COMMAND --help` gives each
    command's options and examples.

    \b
    Examples:
      mdstudy show
      mdstudy assign 5/24 'Kim Minsu' --title 'LoRA' --dry-run
      mdstudy check --strict
      mdstudy --color never check | less
    """
    if ctx.invoked_subcommand is None:  # bare `mdstudy`: the help, as asked for, exit 0
        click.echo(ctx.get_help(), color=ctx.color)


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

    _CHOSEN.clear()

    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        code = cli.main(args=argv, prog_name="mdstudy", standalone_mode=False)
    except click.exceptions.Exit as done:  # raised where click itself exits (--help, --version)
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_BAD_INPUT)
    except (Interrupted, KeyboardInterrupt):
        _error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.Abort as err:
        if isinstance(err.__cause__, KeyboardInterrupt):  # Ctrl-C while click parsed
            _error("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        _error("aborted")
        sys.exit(EXIT_BAD_INPUT)
    except MdStudyError as err:
        _error(as_flags(err))
        sys.exit(EXIT_BAD_INPUT)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as err:  # a bug, not bad input: still one line, never a traceback
        _error(f"internal error ({type(err).__name__}: {err}); please report it")
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _error(message: str) -> None:
    """One error line on stderr; its `mdstudy:` in red when stderr takes colour."""
    color = _CHOSEN["color"] if "color" in _CHOSEN else color_choice("auto")
    click.echo(error_line(message), err=True, color=color)
