"""Help that teaches: examples in every command's help, help for every option,
whole first lines in `mdstudy --help`, and shell completion of dates, rule codes
and zone names (issue 12, item 4)."""

from __future__ import annotations

import inspect
import os
import shlex
import subprocess
from collections.abc import Iterator

import click
import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner
from shared_files import MDSTUDY, SEED

from mdstudy.cli import COMMANDS, SHORT_HELP, LazyGroup, cli


def commands() -> Iterator[tuple[list[str], click.Command]]:
    """Every command by the words that call it: ["show"], ["candidates", "add"], ..."""
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        yield [name], command
        if isinstance(command, click.Group):
            for sub, subcommand in command.commands.items():
                yield [name, sub], subcommand


ALL = list(commands())
IDS = [" ".join(words) for words, _ in ALL]


def first_line(command: click.Command) -> str:
    return inspect.cleandoc(command.help or "").splitlines()[0]


def test_the_short_help_table_is_each_commands_first_line() -> None:
    ctx = click.Context(cli)
    assert list(SHORT_HELP) == list(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        assert SHORT_HELP[name] == first_line(command), name


@pytest.mark.parametrize(("words", "command"), ALL, ids=IDS)
def test_help_has_examples_and_every_option_says_what_it_does(
    words: list[str], command: click.Command
) -> None:
    result = CliRunner().invoke(cli, [*words, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    examples = lines.index("  Examples:")
    # The \b block keeps each example on its own line, starting with the command.
    assert lines[examples + 1].startswith(f"    mdstudy {' '.join(words)}")
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"mdstudy {' '.join(words)} {param.opts[0]} has no help"
    # A first line is a whole sentence, and a group lists its commands' lines whole.
    assert first_line(command).endswith(".")
    assert "..." not in result.output.partition("\nCommands:\n")[2]


@pytest.mark.parametrize("width", [60, 80, 200])
def test_the_command_list_shows_whole_first_lines(width: int) -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=width)
    assert result.exit_code == 0
    listing = result.output.partition("\nCommands:\n")[2]
    assert "..." not in listing
    # Wrapped lines joined back: every command's whole first line is there.
    words = " ".join(listing.split())
    for name, text in SHORT_HELP.items():
        assert f"{name} {text}" in words
    assert all(len(line) <= max(width, 80) for line in listing.splitlines())
    if width >= 80:  # a first line short enough for one line of an 80-column terminal
        assert len(listing.strip().splitlines()) == len(SHORT_HELP)


def test_listing_commands_imports_none_of_them() -> None:
    """The listing comes from SHORT_HELP: no command module is asked for."""
    asked: list[str] = []

    class Watching(LazyGroup):
        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            asked.append(cmd_name)
            return super().get_command(ctx, cmd_name)

    group = Watching(name="mdstudy", params=cli.params, help=cli.help)
    result = CliRunner().invoke(group, ["--help"])
    assert result.exit_code == 0 and "fmt" in result.output
    assert asked == []


@pytest.mark.parametrize(
    ("command", "mentions"),
    [
        ("check", [".mdstudy.toml", "<!-- mdstudy: ignore"]),
        ("rules", [".mdstudy.toml", "<!-- mdstudy: ignore"]),
        ("ics", [".mdstudy.toml", "all-day"]),
        ("show", [".mdstudy.toml"]),
    ],
)
def test_help_mentions_config_ignore_comments_and_all_day(
    command: str, mentions: list[str]
) -> None:
    output = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
    for text in mentions:
        assert text in output


def completions(args: list[str], incomplete: str) -> list[str]:
    complete = ShellComplete(cli, {}, "mdstudy", "_MDSTUDY_COMPLETE")
    return [item.value for item in complete.get_completions(args, incomplete)]


# The seed's When column, read by eye: 5/3 to 7/26, weekly, in 2023 (the title's year).
SEED_DATES = [
    "2023-05-03", "2023-05-10", "2023-05-17", "2023-05-24", "2023-05-31",
    "2023-06-07", "2023-06-14", "2023-06-21", "2023-06-28",
    "2023-07-05", "2023-07-12", "2023-07-19", "2023-07-26",
]  # fmt: skip


@pytest.mark.parametrize("command", ["assign", "unassign", "move", "remove-session", "swap"])
def test_when_completes_the_readmes_session_dates(command: str) -> None:
    assert completions([command, "-f", str(SEED)], "") == SEED_DATES
    assert completions([command, "-f", str(SEED)], "2023-06") == SEED_DATES[5:9]


def test_swaps_second_date_completes_too_and_a_missing_readme_offers_nothing() -> None:
    assert completions(["swap", "-f", str(SEED), "2023-05-24"], "2023-07-2") == ["2023-07-26"]
    assert completions(["assign", "-f", "no/such/README.md"], "") == []
    assert completions(["assign", "-f", "-"], "") == []


def test_when_completion_says_who_presents() -> None:
    complete = ShellComplete(cli, {}, "mdstudy", "_MDSTUDY_COMPLETE")
    items = {i.value: i.help for i in complete.get_completions(["assign", "-f", str(SEED)], "")}
    assert items["2023-06-07"] == "전은주 · LoRA: Low-Rank Adaptation of Large Language Models"
    assert items["2023-05-24"] == "free"


def test_select_and_ignore_complete_rule_codes_and_names() -> None:
    assert completions(["check", "--select"], "MS00") == [f"MS00{n}" for n in range(1, 9)]
    assert completions(["check", "--ignore"], "ms10") == [f"MS10{n}" for n in range(1, 7)]
    assert completions(["check", "--select"], "MS001,MS10")[:2] == ["MS001,MS101", "MS001,MS102"]
    assert completions(["check", "--ignore"], "dup") == [
        "duplicate-issue",
        "duplicate-link",
        "duplicate-candidate",
    ]


def test_tz_completes_zone_names() -> None:
    assert completions(["ics", "--tz"], "Asia/Seo") == ["Asia/Seoul"]
    assert completions(["ics", "--tz"], "europe/berl") == ["Europe/Berlin"]
    assert "America/New_York" in completions(["ics", "--tz"], "America/")


def test_completion_through_the_real_command_line() -> None:
    """What the shell script asks mdstudy, and the script the README tells users to load."""
    env = {**os.environ, "_MDSTUDY_COMPLETE": "bash_source"}
    script = subprocess.run(MDSTUDY, env=env, capture_output=True, text=True, check=False)
    assert script.returncode == 0 and "_MDSTUDY_COMPLETE=bash_complete" in script.stdout
    env |= {
        "_MDSTUDY_COMPLETE": "bash_complete",
        "COMP_WORDS": f"mdstudy assign -f {shlex.quote(str(SEED))} 2023-07-",
        "COMP_CWORD": "4",
    }
    asked = subprocess.run(MDSTUDY, env=env, capture_output=True, text=True, check=False)
    assert asked.stdout.splitlines() == [f"plain,{day}" for day in SEED_DATES[9:]]
