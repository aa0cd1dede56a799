"""The term's commands: `init` (a new README), `plan` (a term's empty sessions), `next` (the
announcement) and `stats` (the term in numbers)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import EXIT_FINDINGS, file_option, load_document
from mdstudy.cli.readme import STDOUT, Readme, tidy
from mdstudy.cli.runner import note, run_edit, writing_options

if TYPE_CHECKING:
    from mdstudy.document import Document


def _term_options(function: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        [
            click.option("--count", type=int, help="Number of steps of --every in the term."),
            click.option("--until", metavar="DATE", help="Last possible date (2024-05-29)."),
            click.option(
                "--every", default="1w", show_default=True, help="Time between sessions: 1w, 2w, 1d"
            ),
            click.option(
                "--skip",
                "skips",
                multiple=True,
                metavar="DATES",
                help="Days and ranges without a session: 2024-04-10,2024-05-01..2024-05-08.",
            ),
        ]
    ):
        function = option(function)
    return function


def _dates(
    start: str, count: int | None, until: str | None, every: str, skips: tuple[str, ...]
) -> tuple[list[dt.date], list[dt.date]]:
    from mdstudy import term

    return term.term_dates(
        term.parse_day(start, "START"),
        term.parse_every(every),
        count=count,
        until=None if until is None else term.parse_day(until, "--until"),
        skip=term.parse_skip(skips),
    )


@click.command()
@click.argument("title")
@click.option("--start", required=True, metavar="DATE", help="The first session (2024-03-06).")
@_term_options
@click.option(
    "--lang",
    type=click.Choice(["en", "ko"]),
    default="en",
    show_default=True,
    help="Language of the headings and column names.",
)
@click.option(
    "-f",
    "--file",
    "path",
    type=click.Path(allow_dash=True),
    default="README.md",
    show_default=True,
    help="The README to create (it must not exist); - writes it to standard output.",
)
@writing_options
def init(
    title: str,
    start: str,
    count: int | None,
    until: str | None,
    every: str,
    skips: tuple[str, ...],
    lang: str,
    path: str,
) -> None:
    """Write a new README with an empty schedule for a term.

    TITLE is the study's name (the README's heading); the README states the period
    and holds an empty schedule and candidate table. --count N lays out N steps
    of --every from --start (or --until a last date); a step inside --skip gets no
    row.

    \b
    Examples:
      mdstudy init '2024 Spring LLM Study' --start 2024-03-06 --count 13 --skip 2024-04-10
      mdstudy init '2024 가을 스터디' --start 2024-09-04 --until 2024-12-18 --lang ko
    """
    from mdstudy import term
    from mdstudy.cli.runner import Change, current_output, finish, refuse_json_with_stdin
    from mdstudy.errors import MdStudyError
    from mdstudy.save import write_new
    from mdstudy.source import Source

    readme = Readme(None, STDOUT) if path == "-" else Readme(tidy(path))
    output = current_output()
    refuse_json_with_stdin(readme, output)
    why = "init writes a new README only"
    if readme.path is not None and os.path.lexists(readme.path):
        raise MdStudyError(f"{path}: already exists; {why}")
    dates, skipped = _dates(start, count, until, every, skips)
    text = term.readme_text(title, dates, lang)

    def read(source: Source) -> Document:
        from mdstudy.document import Document

        return Document(source, path=readme.path, name=readme.name)

    def save() -> None:
        assert readme.path is not None, "standard output is never saved to"
        write_new(Path(readme.path), text, why)

    left_out = f", {len(skipped)} skipped" if skipped else ""
    change = Change(readme.name, Source(()), Source.from_text(text), read)
    finish(
        readme,
        change,
        lambda _: (
            f"{len(dates)} sessions from {dates[0].isoformat()} to "
            f"{dates[-1].isoformat()}{left_out}"
        ),
        output,
        save,
    )


@click.command()
@file_option
@click.argument("start")
@_term_options
@click.option(
    "--new-term",
    metavar="HEADING",
    help="Put the sessions in a new table with the same columns under this heading.",
)
@writing_options
def plan(
    readme: Readme,
    year: int | None,
    start: str,
    count: int | None,
    until: str | None,
    every: str,
    skips: tuple[str, ...],
    new_term: str | None,
) -> None:
    """Add a term's empty sessions to the schedule.

    The sessions start on START (2024-03-06) and are written in the table's own
    style. Dates already in the schedule are
    left alone; --count N counts steps of --every, and a step inside --skip gets no
    row.

    \b
    Examples:
      mdstudy plan 2024-03-06 --count 13 --skip 2024-05-01..2024-05-08 --dry-run
      mdstudy plan 2024-09-04 --until 2024-12-18 --new-term '2024 Fall'
    """
    from mdstudy import term

    dates, _ = _dates(start, count, until, every, skips)
    added: list[dt.date] = []

    def edit(doc: Document) -> None:
        done = term.plan_term(doc, dates, new_term)
        for day in done.present:
            note(
                readme, f"{doc.name}: {day.isoformat()} is already in the schedule; kept", err=True
            )
        added.extend(done.added)
        doc.replace_source(done.source)

    where = f" under '{new_term.strip()}'" if new_term else ""
    run_edit(
        readme,
        year,
        edit,
        lambda _: (
            f"added {len(added)} sessions{where}, {added[0].isoformat()} to {added[-1].isoformat()}"
        ),
    )


def _today(text: str | None) -> dt.date:
    from mdstudy import term

    return dt.date.today() if text is None else term.parse_day(text, "--today")


def _repo(readme: Readme, option: str | None) -> str | None:
    """The repository issues link to, found as `ics` finds it: option, config, origin."""
    from mdstudy.config import Config
    from mdstudy.document import config_beside
    from mdstudy.repo import origin_repo

    repo = (config_beside(readme.anchor) or Config()).with_options(repo=option).repo
    return repo or origin_repo(Path(readme.anchor).absolute().parent)


@click.command("next")
@file_option
@click.option(
    "--count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many sessions to print.",
)
@click.option("--today", metavar="DATE", help="Take this day as today (2023-05-20).")
@click.option(
    "--format", "form", type=click.Choice(["text", "markdown", "json"]), default="text",
    show_default=True,
    help="text: one line each; markdown: an announcement to paste; json: for scripts.",
)  # fmt: skip
@click.option(
    "--template",
    metavar="TEXT",
    help="Each session through this: {date}, {date:%m/%d}, {weekday}, {presenter}, {title}, "
    "{links}, {issue}, {issue_url}, {note}.",
)
@click.option("--repo", metavar="OWNER/NAME", help="GitHub repository, to link issues.")
def next_session(
    readme: Readme,
    year: int | None,
    count: int,
    today: str | None,
    form: str,
    template: str | None,
    repo: str | None,
) -> int:
    """Print the next session(s), as an announcement.

    Sessions from today on that are not cancelled count; exit status 1 when none
    is left. Issue links
    need the repository: --repo, repo in .mdstudy.toml, or the origin remote.

    \b
    Examples:
      mdstudy next --format markdown
      mdstudy next --count 3 --template '{date:%m/%d} {presenter}: {title}'
    """
    from mdstudy import announce

    day = _today(today)
    doc = load_document(readme, year)
    doc.require_schedule()
    sessions = announce.upcoming(doc.sessions, day, count)
    if not sessions:
        click.echo(f"{doc.name}: no session from {day.isoformat()} on", err=True)
        return EXIT_FINDINGS
    needs_repo = template is not None or form in ("markdown", "json")
    found = _repo(readme, repo) if needs_repo and any(s.issue for s in sessions) else None
    if template is not None:
        click.echo(announce.as_template(sessions, template, found), nl=False)
    elif form == "markdown":
        click.echo(announce.as_markdown(sessions, found), nl=False)
    elif form == "json":
        click.echo(announce.as_json(sessions, day, found), nl=False)
    else:
        click.echo(announce.as_text(sessions), nl=False)
    return 0


@click.command()
@file_option
@click.option("--today", metavar="DATE", help="Take this day as today (2023-05-20).")
@click.option(
    "--format",
    "form",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for reading; json: for scripts.",
)
def stats(readme: Readme, year: int | None, today: str | None, form: str) -> None:
    """The term in numbers: sessions, presenters, candidates.

    Sessions held and left (as of --today), talks per presenter, keywords, and
    the candidates presented and still waiting.

    \b
    Examples:
      mdstudy stats
      mdstudy stats --today 2023-06-01 --format json
    """
    import shutil

    from mdstudy import stats as numbers

    day = _today(today)
    doc = load_document(readme, year)
    doc.require_schedule()
    result = numbers.compute(doc.sessions, doc.candidates, day)
    if form == "json":
        click.echo(numbers.as_json(result), nl=False)
    else:
        click.echo(numbers.as_text(result, shutil.get_terminal_size().columns), nl=False)
