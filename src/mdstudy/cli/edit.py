"""The commands that edit the schedule and the candidate list, each with --dry-run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from mdstudy.cli.common import completion, file_option, issue_number, load_document
from mdstudy.cli.readme import Readme
from mdstudy.cli.runner import Change, run_edit, writing_options

if TYPE_CHECKING:
    from mdstudy.document import Document
    from mdstudy.model import Session
    from mdstudy.plan import Plan
    from mdstudy.reader import ScheduleTable

# What `assign --force` empties when a session changes hands (unless given again).
CLEARED_FIELDS = ("title", "links", "issue", "note")


def _planned(plan: Callable[[Document], Plan]) -> Callable[[Document], None]:
    """An edit that applies an operation of mdstudy.edits (not Document's method of the
    same name: it reads the session back, a second read of a large README)."""

    def edit(doc: Document) -> None:
        doc.apply(plan(doc))

    return edit


def _assignment(
    when: str, who: str, plan_of: Callable[[Document], Plan]
) -> tuple[Callable[[Document], None], Callable[[Change], str]]:
    """assign's edit, and its result line worded from the session before and after it
    (read from its own rows: reading the whole README back would read every row again)."""
    said: list[str] = []

    def edit(doc: Document) -> None:
        plan = plan_of(doc)
        schedule, previous = _session_before(doc, plan)
        doc.apply(plan)
        said.append(_assigned(_session_after(doc, plan, schedule), previous, plan, when, who))

    return edit, lambda change: said[0]


def _session_before(doc: Document, plan: Plan) -> tuple[ScheduleTable, Session]:
    """The session assign is about to change, with its schedule table."""
    from mdstudy.model import read_session
    from mdstudy.plan import SetRow

    op = plan.ops[0]
    assert isinstance(op, SetRow), "assign sets one row"
    schedule = next(s for s in doc.schedules if s.table.line == plan.table.line)
    day = schedule.days[op.row]
    assert day is not None, "assign names a session"
    return schedule, read_session(schedule, op.row, day)


def _session_after(doc: Document, plan: Plan, schedule: ScheduleTable) -> Session:
    """The edited session as it reads now: its rows (the edited one and the rows that
    continue it) read by the same reader as a table of their own, with the schedule's roles."""
    from mdstudy.edits import chosen
    from mdstudy.model import read_session
    from mdstudy.reader import ScheduleTable
    from mdstudy.tables import Row, Table

    table, index = plan.table, plan.ops[0].row  # type: ignore[union-attr]
    rows = (index, *schedule.continuations.get(index, ()))
    lines = doc.source.lines
    own = tuple(Row.parse(lines[table.start + 2 + i], table.body_rows[i].prefix) for i in rows)
    after = ScheduleTable(
        Table(table.start, table.header_row, table.delimiter_row, own),
        schedule.roles,
        schedule.heading_years,
        schedule.fallback_year,
    )
    return read_session(after, 0, chosen(plan)[1])


def _assigned(session: Session, previous: Session, plan: Plan, when: str, who: str) -> str:
    """`assigned 5/24 to Ada`: which session `next` chose, and whom --force replaced."""
    from mdstudy.edits import chosen

    label = when
    if when.strip().casefold() == "next":
        written, date = chosen(plan)
        label = f"{written.strip() or date.isoformat()} ({date.isoformat()})"
    if previous.presenter in (None, session.presenter):
        return f"assigned {label} to {who}"  # a free session, or the same presenter
    cleared = [f for f in CLEARED_FIELDS if getattr(previous, f) and not getattr(session, f)]
    return f"assigned {label} to {who}{_replacing(previous.presenter, cleared)}"


def _replacing(presenter: str, cleared: list[str]) -> str:
    """` (replacing Ada; cleared title, links)` when the session changed hands."""
    emptied = f"; cleared {', '.join(cleared)}" if cleared else ""
    return f" (replacing {presenter}{emptied})"


@click.command()
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@click.argument("who")
@click.option("--title", help="The topic or paper title.")
@click.option("--link", "links", multiple=True, help="An http(s) URL (repeatable).")
@click.option(
    "--issue", metavar="NUMBER", callback=issue_number, help="The GitHub issue number (11 or #11)."
)
@click.option("--note", help="Text for the notes column (Etc.).")
@click.option("--candidate", help="Take title and links from the candidate matching this text.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a presenter already in the session; its title, links, issue and note "
    "are cleared unless given again.",
)
@writing_options
def assign(
    readme: Readme,
    year: int | None,
    when: str,
    who: str,
    title: str | None,
    links: tuple[str, ...],
    issue: int | None,
    note: str | None,
    candidate: str | None,
    force: bool,
) -> None:
    """Fill the session WHEN with presenter WHO, a title and links.

    WHEN is a date as the table writes it or as ISO (5/24, 2023-05-24, 5월 24일),
    5/24#2 for the second talk of a day, or next (the first free session from
    today). --issue, --note and --candidate fill the other columns.

    \b
    Examples:
      mdstudy assign 5/24 'Kim Minsu' --title 'LoRA' --link https://arxiv.org/abs/2106.09685
      mdstudy assign next 'Lee Jiwon' --candidate gptq --dry-run
    """
    from mdstudy import edits

    edit, say = _assignment(
        when,
        who,
        lambda doc: edits.assign(
            doc, when, who, title=title, links=links, issue=issue, note=note,
            candidate=candidate, force=force,
        ),
    )  # fmt: skip
    run_edit(readme, year, edit, say)


@click.command()
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@writing_options
def unassign(readme: Readme, year: int | None, when: str) -> None:
    """Return the session WHEN to its empty state.

    \b
    Examples:
      mdstudy unassign 5/24
      mdstudy unassign 2023-05-24 --dry-run
    """
    from mdstudy import edits

    run_edit(
        readme,
        year,
        _planned(lambda doc: edits.unassign(doc, when)),
        lambda _: f"unassigned {when}",
    )


@click.command()
@file_option
@click.argument("first", shell_complete=completion("session_dates"))
@click.argument("second", shell_complete=completion("session_dates"))
@writing_options
def swap(readme: Readme, year: int | None, first: str, second: str) -> None:
    """Exchange everything but the dates of two sessions.

    \b
    Examples:
      mdstudy swap 5/24 6/7
      mdstudy swap 2023-05-24 2023-06-07 --dry-run
    """
    from mdstudy import edits

    run_edit(
        readme,
        year,
        _planned(lambda doc: edits.swap(doc, first, second)),
        lambda _: f"swapped {first} and {second}",
    )


@click.command()
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@click.argument("new_date")
@writing_options
def move(readme: Readme, year: int | None, when: str, new_date: str) -> None:
    """Move the session WHEN to NEW_DATE, in date order.

    The row moves to keep the table in date order; everything else stays with it.

    \b
    Examples:
      mdstudy move 5/24 8/2
      mdstudy move 2023-05-24 2023-08-02 --dry-run
    """
    from mdstudy import edits

    run_edit(
        readme,
        year,
        _planned(lambda doc: edits.move(doc, when, new_date)),
        lambda _: f"moved {when} to {new_date}",
    )


@click.command("add-session")
@file_option
@click.argument("date")
@writing_options
def add_session(readme: Readme, year: int | None, date: str) -> None:
    """Insert an empty session on DATE, in date order.

    \b
    Examples:
      mdstudy add-session 8/2
      mdstudy add-session 2023-08-02 --dry-run
    """
    from mdstudy import edits

    run_edit(
        readme,
        year,
        _planned(lambda doc: edits.add_session(doc, date)),
        lambda _: f"added a session on {date}",
    )


@click.command("remove-session")
@file_option
@click.argument("when", shell_complete=completion("session_dates"))
@click.option("--force", is_flag=True, help="Remove the session even if it is assigned.")
@writing_options
def remove_session(readme: Readme, year: int | None, when: str, force: bool) -> None:
    """Delete the session WHEN.

    \b
    Examples:
      mdstudy remove-session 8/2
      mdstudy remove-session 7/26 --force --dry-run
    """
    from mdstudy import edits

    run_edit(
        readme,
        year,
        _planned(lambda doc: edits.remove_session(doc, when, force=force)),
        lambda _: f"removed the session on {when}",
    )


@click.group(invoke_without_command=True)
@click.pass_context
def candidates(ctx: click.Context) -> None:
    """List, add and remove candidate papers.

    \b
    Examples:
      mdstudy candidates list --keyword quantization
      mdstudy candidates add 'QLoRA' --link https://arxiv.org/abs/2305.14314 --keyword LLM
      mdstudy candidates remove qlora
    """
    if ctx.invoked_subcommand is None:  # bare `mdstudy candidates`: its help, exit 0
        click.echo(ctx.get_help(), color=ctx.color)


@candidates.command("list")
@file_option
@click.option("--keyword", help="Only candidates whose keyword contains this (any case).")
def candidates_list(readme: Readme, year: int | None, keyword: str | None) -> None:
    """Print the candidate list: title [keyword], then its links.

    \b
    Examples:
      mdstudy candidates list
      mdstudy candidates list --keyword pruning
    """
    from mdstudy.edits import require_candidate_table
    from mdstudy.show import candidate_lines

    doc = load_document(readme, year)
    require_candidate_table(doc)
    for line in candidate_lines(doc, keyword):
        click.echo(line)


@candidates.command("add")
@file_option
@click.argument("title")
@click.option("--link", "links", multiple=True, help="An http(s) URL (repeatable).")
@click.option("--keyword", help="Text for the keyword column.")
@writing_options
def candidates_add(
    readme: Readme, year: int | None, title: str, links: tuple[str, ...], keyword: str | None
) -> None:
    """Append a candidate paper to the candidate list.

    \b
    Examples:
      mdstudy candidates add 'QLoRA' --link https://arxiv.org/abs/2305.14314
      mdstudy candidates add 'SparseGPT' --keyword pruning --dry-run
    """
    from mdstudy import edits

    run_edit(
        readme,
        year,
        _planned(lambda doc: edits.add_candidate(doc, title, links=links, keyword=keyword)),
        lambda _: f"added candidate {title!r}",
    )


@candidates.command("remove")
@file_option
@click.argument("query")
@writing_options
def candidates_remove(readme: Readme, year: int | None, query: str) -> None:
    """Delete the one candidate whose title contains QUERY (any case).

    \b
    Examples:
      mdstudy candidates remove qlora
      mdstudy candidates remove 'Sparse' --dry-run
    """
    from mdstudy import edits

    def say(change: Change) -> str:
        gone = change.candidates[0]
        return f"removed candidate {gone[0].title!r}" if len(gone) == 1 else f"removed {query!r}"

    run_edit(readme, year, _planned(lambda doc: edits.remove_candidate(doc, query)), say)
