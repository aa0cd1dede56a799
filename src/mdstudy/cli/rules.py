"""`mdstudy rules [CODE]`: the rules of `check`, and what one of them means."""

from __future__ import annotations

import click


@click.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the rules of `mdstudy check`, or explain one.

    CODE is a rule's code (MS007) or name (duplicate-link). A rule is turned off
    in .mdstudy.toml ([check] ignore) or for one line by a comment
    `<!-- mdstudy: ignore MS007 -->`.

    \b
    Examples:
      mdstudy rules
      mdstudy rules MS007
      mdstudy rules duplicate-link
    """
    from mdstudy.rule_docs import explain, listing
    from mdstudy.rules import RULES

    if code is None:
        click.echo(listing(), nl=False)
        return
    wanted = code.strip()
    found = RULES.get(wanted.upper()) or next(
        (r for r in RULES.values() if r.name == wanted.lower()), None
    )
    if found is None:
        import difflib

        names = [*RULES, *(r.name for r in RULES.values())]
        close = difflib.get_close_matches(wanted, names, n=1)
        hint = f"; did you mean {close[0]}?" if close else f" (rules: {', '.join(RULES)})"
        raise click.UsageError(f"unknown rule '{wanted}'{hint}")
    click.echo(explain(found), nl=False)
