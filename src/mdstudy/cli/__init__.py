"""The `mdstudy` command line: thin commands that parse options, call the library and print.

This package is the only part of mdstudy that prints or exits. Each command lives
in its own module, loaded only when that command runs (and library modules are
imported inside the commands), so `mdstudy check` in a pre-commit hook pays for
nothing else.
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from mdstudy.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK

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
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # click answers Ctrl-C with a blank line and Abort; main() says it in one line.
            raise Interrupted from None


class Interrupted(BaseException):
    """Ctrl-C while a command ran (a BaseException, as KeyboardInterrupt is: nothing that
    catches Exception may swallow it)."""


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="mdstudy", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Keep a study group's schedule in its README's Markdown tables."""
    if ctx.invoked_subcommand is None:  # bare `mdstudy`: the help, as asked for, exit 0
        click.echo(ctx.get_help())


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
    except (Interrupted, KeyboardInterrupt):
        click.echo("mdstudy: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.Abort as err:
        if isinstance(err.__cause__, KeyboardInterrupt):  # Ctrl-C while click parsed
            click.echo("mdstudy: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        click.echo("mdstudy: aborted", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except MdStudyError as err:
        click.echo(f"mdstudy: {err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as err:  # a bug, not bad input: still one line, never a traceback
        click.echo(
            f"mdstudy: internal error ({type(err).__name__}: {err}); please report it", err=True
        )
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
