"""`mdstudy ics`: the sessions as an iCalendar file."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from mdstudy.cli.common import completion, file_option, load_document
from mdstudy.cli.readme import Readme


@click.command()
@file_option
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the calendar to this file (atomically); - is standard output, the default.",
)
@click.option(
    "--time",
    "start_time",
    metavar="HH:MM",
    help="Start time of every session (default: all-day events; a time in the README wins).",
)
@click.option("--duration", metavar="90m|1h30m|1:30", help="Length of every session (default 1h).")
@click.option(
    "--tz",
    "timezone",
    metavar="Area/City",
    shell_complete=completion("zone_names"),
    help="Time zone of --time (IANA name such as Asia/Seoul).",
)
@click.option("--location", metavar="TEXT", help="Where the sessions take place.")
@click.option(
    "--repo", metavar="OWNER/NAME", help="GitHub repository, to link issues (default: origin)."
)
@click.option("--assigned-only", is_flag=True, help="Only sessions that have a presenter.")
@click.option(
    "--skip-cancelled",
    is_flag=True,
    help="Leave out cancelled sessions (by default they are events marked cancelled).",
)
def ics(
    readme: Readme,
    year: int | None,
    out: str | None,
    start_time: str | None,
    duration: str | None,
    timezone: str | None,
    location: str | None,
    repo: str | None,
    assigned_only: bool,
    skip_cancelled: bool,
) -> None:
    """Export the schedule as an iCalendar file (.ics).

    Import it once, or publish it and subscribe to it. Events are all-day unless
    --time (with --tz) or the README gives a time.
    time, duration, timezone, location, repo and year can be set in .mdstudy.toml
    beside the README; options given here win.

    \b
    Examples:
      mdstudy ics -o study.ics
      mdstudy ics --time 19:30 --tz Asia/Seoul --duration 90m -o study.ics
    """
    from mdstudy import ics as calendar
    from mdstudy.config import Config
    from mdstudy.errors import MdStudyError

    doc = load_document(readme, year)  # the file's settings come with it, --year merged in
    config = (doc.config or Config()).with_options(
        time=start_time, duration=duration, timezone=timezone, location=location, repo=repo
    )
    settings = calendar.resolve_settings(
        config, assigned_only=assigned_only, skip_cancelled=skip_cancelled
    )
    target = None if out in (None, "-") else Path(out)
    if (
        target is not None
        and readme.path is not None
        and target.absolute().resolve() == Path(readme.path).absolute().resolve()
    ):
        raise MdStudyError(f"{out}: is the README itself; write the calendar to another file")
    if sys.stderr.isatty():  # a spinner while a large calendar is built, until the command ends
        from mdstudy.cli.progress import working

        working_on = working("exporting", readme.name, streams_to_stdout=target is None)
        click.get_current_context().with_resource(working_on)
    doc.require_schedule()
    origin = None
    if settings.repo is None:
        from mdstudy.repo import origin_repo

        origin = origin_repo(Path(readme.anchor).absolute().parent)
    stamp = _stamp(readme)
    if target is None:
        # Bytes, a few hundred events at a time: the CRLF line ends must reach the
        # file as they are, and a large calendar need not be held whole.
        stdout = sys.stdout.buffer
        calendar.write_calendar(doc, settings, stdout.write, stamp=stamp, repo=origin)
        stdout.flush()
    else:
        from mdstudy.save import write_atomic

        def write(out: Callable[[bytes], object]) -> None:  # streamed into the temporary file
            calendar.write_calendar(doc, settings, out, stamp=stamp, repo=origin)

        write_atomic(target, write)


def _stamp(readme: Readme) -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH, else the README's mtime; standard input has none, so the
    time it was read."""
    from mdstudy import ics as calendar

    if readme.path is not None or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return calendar.dtstamp(Path(readme.anchor))  # the epoch, when set, is read before any file
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
