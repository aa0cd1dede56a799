"""Reading cell values: placeholders, links and issue references."""

from __future__ import annotations

import re

# Cell texts that mean "nothing here yet", compared case-insensitively.
PLACEHOLDERS = frozenset({
    "", "tbd", "tba", "tbc", "-", "--", "---", "—", "–", "_", ".", "?", "??", "...", "…",
    "미정", "n/a", "na", "none", "no presenter", "待定", "未定", "未定義", "暂无", "무",
})  # fmt: skip

_MARKUP_CHARS = "*_~`"
_MARKUP_EDGES = re.compile(r"^[*_~`\s]+|[*_~`\s]+$")


def is_placeholder(value: str) -> bool:
    core = value.strip()  # the same characters as the pattern's \s
    if not core:
        return True
    if core[0] not in _MARKUP_CHARS and core[-1] not in _MARKUP_CHARS:
        return core.casefold() in PLACEHOLDERS  # no markup at the edges: skip the regex
    return _MARKUP_EDGES.sub("", value).casefold() in PLACEHOLDERS


def or_none(value: str) -> str | None:
    """The value, or None where the cell holds a placeholder."""
    return None if is_placeholder(value) else value


# Markdown links, autolinks, HTML hrefs and bare URLs, in the order they appear.
_URL_CHARS = r"[^\s<>\"'`]+"
# Case is ignored only where it matters (`HREF`, `HTTPS://`): case-folding the negated
# character classes too made this the costliest pattern to compile at start-up.
_LINK = re.compile(
    r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<md>[^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?(?:\s+[^)]*)?\)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
    r"|(?i:href)\s*=\s*[\"'](?P<href>[^\"']*)[\"']"
    r"|(?P<bare>(?i:https?://|www\.)" + _URL_CHARS + ")"
)
# Every link but a Markdown link or an autolink holds one of these.
_MAY_LINK = re.compile(r"http|www\.|href", re.I)
_TRAILING_PUNCTUATION = ".,;:!?*_~'\""


def extract_links(value: str) -> list[str]:
    """Every URL in a links cell, in order (empty Markdown link targets are skipped)."""
    if "[" not in value and "<" not in value and not _MAY_LINK.search(value):
        return []  # most titles hold no link: no search for the four kinds of link
    links = []
    for m in _LINK.finditer(value):
        url = m["md"] or m["auto"] or m["href"] or _trim_bare(m["bare"] or "")
        if url:
            links.append(url)
    return links


def link_separator(value: str) -> str | None:
    """The text between the first two links of a cell (`" , "`, `"<br>"`), if it has two."""
    found = list(_LINK.finditer(value))
    if len(found) < 2:
        return None
    first = found[0]
    end = first.end()
    if first["bare"]:  # a bare URL's trailing punctuation belongs to the separator
        end = first.start() + len(_trim_bare(first["bare"]))
    return value[end : found[1].start()]


def _trim_bare(url: str) -> str:
    """Trailing punctuation after a bare URL is prose, as in GitHub's autolinker."""
    while url and (
        url[-1] in _TRAILING_PUNCTUATION or (url[-1] == ")" and url.count(")") > url.count("("))
    ):
        url = url[:-1]
    return url


_WEB_URL = re.compile(r"(?i:https?://)[^\s/?#<>]+(?:[/?#][^\s<>]*)?$")


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host: what edits accept and `check` does not flag."""
    return _WEB_URL.match(url) is not None


def web_links(value: str) -> list[str]:
    """The http(s) URLs of a cell, in order: relative and other links are not the session's."""
    return [url for url in extract_links(value) if is_web_url(url)]


_ISSUE = re.compile(
    r"^\s*\[?\s*#?(?P<n>\d+)\s*\]?(?:\([^)]*\))?\s*$|/(?:issues|pull)/(?P<url>\d+)(?:[/#?)\s]|$)"
)


def parse_issue(value: str) -> int | None:
    """`#7`, `7`, `[#7](...)` or a link to `.../issues/7`: the issue number, else None."""
    m = _ISSUE.search(value)
    if not m:
        return None
    return int(m["n"] or m["url"])
