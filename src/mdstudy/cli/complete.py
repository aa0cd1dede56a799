"""Shell completion: the session dates for WHEN, rule codes, time-zone names.

Loaded only when a shell asks (common.completion), never on a command's path.
A completion that cannot be computed offers nothing rather than an error: the
shell would print it in the middle of the user's line.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem


def session_dates(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The schedule's dates (ISO, which WHEN always accepts), with who presents as help."""
    readme = ctx.params.get("readme")  # a cli.readme.Readme: -f, or the README found
    path = readme.path if readme is not None else None
    if path is None:  # standard input cannot be read twice; no README found
        return []
    try:
        from mdstudy.document import load

        sessions = load(path, year=ctx.params.get("year")).sessions
    except Exception:  # a README that cannot be read offers nothing
        return []
    items: dict[str, CompletionItem] = {}
    for session in sessions:
        day = session.date.isoformat()
        if day.startswith(incomplete) and day not in items:
            about = " · ".join(x for x in (session.presenter, session.title) if x)
            items[day] = CompletionItem(day, help=about or "free")
    return list(items.values())


def rule_codes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule codes and names; after a comma, the next item of the list."""
    from mdstudy.rules import RULES

    done, comma, last = incomplete.rpartition(",")
    before = done + comma
    wanted = last.upper()
    items = [
        CompletionItem(before + rule.code, help=rule.summary)
        for rule in RULES.values()
        if rule.code.startswith(wanted)
    ]
    items += [
        CompletionItem(before + rule.name, help=rule.code)
        for rule in RULES.values()
        if last and rule.name.startswith(last.lower())
    ]
    return items


def zone_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """IANA zone names (Asia/Seoul), matched without regard to case."""
    import zoneinfo

    wanted = incomplete.casefold()
    zones = sorted(z for z in zoneinfo.available_timezones() if z.casefold().startswith(wanted))
    return [CompletionItem(zone) for zone in zones]
