"""A cell's text as GitHub shows it: Markdown and HTML removed, links kept as their text.

The schedule reader reads every presenter, title and note through `plain`, so a
`[Ada Lovelace](https://…)` cell is the presenter `Ada Lovelace`. This is not a
Markdown renderer: it removes the inline markup table cells use (links, images,
emphasis, code, strikethrough, HTML tags and entities, `<br>`), quickly, with
regular expressions, and only for the cells a command reads.
"""

from __future__ import annotations

import re

from mdstudy.patterns import compiled

_COMMENT = r"<!--.*?-->"
_BREAK = r"<br\s*/?>"
# [text](url "title"), [text][ref], ![alt](url): the text (or alt) stays.
_LINK = (
    r"!?\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"(?:\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+[^)]*)?\)|\[[^\]]*\])"
)
_AUTOLINK = r"<((?:https?|mailto|ftp):[^\s<>]*)>"
_TAG = r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\s*/?>"
_CODE = r"(`+)(.+?)\1"
# Emphasis and strikethrough in pairs, the opener before and the closer after a non-space
# (`1장 ~ 2장 (~32p)` keeps its tildes); `_` only outside a word (snake_case stays).
_EMPHASIS = (
    r"(\*\*|__|~~|\*|~(?!~))(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![0-9A-Za-z_])_(?=\S)(.+?)(?<=\S)_(?![0-9A-Za-z_])"
)
_ESCAPE = r"\\([!-/:-@\[-`{-~])"
_SEPARATORS = r"\s*\x01(?:\s*\x01)*\s*"  # one or more <br> in a row


def is_plain_text(text: str) -> bool:
    """Whether a cell has no inline markup at all (so `plain` only tidies its spaces)."""
    return not _has_markup(text)


def plain(text: str) -> str:
    """The cell's text as a reader sees it on GitHub, with `<br>` as `; `."""
    if not _has_markup(text):
        return " ".join(text.split())
    # Each pattern runs only where its characters are present: most cells hold one kind
    # of markup (a link, or bold), and the reader reads every cell.
    if "<!--" in text:
        text = compiled(_COMMENT, re.S).sub("", text)
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:  # code is shown as written: protect it
        codes.append(m[2].strip())
        return f"\x00{len(codes) - 1}\x00"

    if "`" in text:
        text = compiled(_CODE).sub(keep_code, text)

    def keep_escaped(m: re.Match[str]) -> str:  # `\<b>`, `\*`: the character, as text
        codes.append(m[1])
        return f"\x00{len(codes) - 1}\x00"

    if "\\" in text:
        text = compiled(_ESCAPE).sub(keep_escaped, text)
    if "<" in text:
        text = compiled(_BREAK, re.I).sub("\x01", text)
    for _ in range(2):  # a link inside a link's text: `[[pdf]](…)`
        if "[" in text:
            text = compiled(_LINK).sub(r"\1", text)
    if "<" in text:
        text = compiled(_AUTOLINK).sub(r"\1", text)
        text = compiled(_TAG).sub("", text)
    for _ in range(3):  # nested: ***bold italic***, **~~struck~~**
        if "*" in text or "_" in text or "~" in text:
            text = compiled(_EMPHASIS).sub(lambda m: m[2] if m[1] else m[3], text)
    if "&" in text:
        from html import unescape  # entities are rare: keep html.entities off start-up

        text = unescape(text).replace("\xa0", " ")
    if codes:
        text = re.sub("\x00(\\d+)\x00", lambda m: codes[int(m[1])], text)
    if "\x01" in text:
        text = compiled(_SEPARATORS).sub("; ", text.strip(" \t\x01"))
    return " ".join(text.split())


_MARKUP_CHARS = frozenset("[]<>*_`~&\\!")


def _has_markup(text: str) -> bool:
    return not _MARKUP_CHARS.isdisjoint(text)
