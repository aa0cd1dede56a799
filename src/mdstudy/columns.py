"""Which column of a table holds what: roles by the header's meaning, then by the cells.

Groups name their columns every way (`When`, `Date & Time (JST)`, `발표 날짜`,
`Speaker(s)`, `Presenter #1`, `Discussion Leads`, `报告人`, `発表者`). A header is
compared after removing Markdown, emoji, punctuation, numbering and a plural
`(s)`; a word list per role then matches it whole, as a compound ending in the
word (`스터디날짜`, `발표자료`) or as one of its words (`Paper link`). Where
headers do not decide, the cells do (see reader.py).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING

from mdstudy.patterns import compiled

if TYPE_CHECKING:
    from mdstudy.tables import Table


class Column(str, Enum):
    DATE = "date"
    PRESENTER = "presenter"
    TITLE = "title"
    LINKS = "links"
    ISSUE = "issue"
    NOTE = "note"
    KEYWORD = "keyword"
    TIME = "time"
    PLACE = "place"
    NUMBER = "number"  # a session number or week label: `#`, `No.`, `Week`, `주차`


class TableKind(str, Enum):
    """Which of the study's tables a table is, by the columns it has."""

    SCHEDULE = "schedule"
    CANDIDATE = "candidate"


# Words per role, lower case. A strong word decides a column; a weak word only when no
# other column has a strong word for that role (`Theme` beside `Reading`, `主持人` beside `报告人`).
_STRONG: dict[Column, tuple[str, ...]] = {
    Column.DATE: (
        "when", "date", "dates", "datetime", "day", "날짜", "일시", "일자", "발표일", "진행일",
        "일정일", "日期", "日付", "開催日", "日程", "発表日", "날",
    ),
    Column.PRESENTER: (
        "who", "presenter", "speaker", "lead", "leads", "leader", "moderator", "mc",
        "host", "presented by", "discussant", "facilitator", "person", "발표자", "담당자",
        "담당", "진행자", "발제자", "발표", "이름", "报告人", "汇报人", "主讲人", "讲者",
        "发表人", "分享人", "発表者", "担当", "担当者", "登壇者", "報告者", "講演者",
    ),
    Column.TITLE: (
        "what", "topic", "title", "paper", "subject", "reading", "talk",
        "주제", "제목", "논문", "내용", "토픽", "분량", "발표주제", "文献", "主题",
        "题目", "标题", "论文", "内容", "タイトル", "輪読対象", "テーマ", "内容", "論文",
    ),
    Column.LINKS: (
        "links", "link", "slides", "slide", "materials", "material", "resources",
        "resource", "url", "video", "videos", "recording", "presentation", "pdf",
        "자료", "링크", "발표자료", "슬라이드", "영상", "链接", "幻灯片", "课件", "资料",
        "路由", "資料", "スライド", "リンク",
    ),
    Column.ISSUE: ("issue #", "issue", "issue no", "issues", "이슈"),
    Column.NOTE: (
        "etc", "notes", "note", "remarks", "remark", "comment", "comments", "memo",
        "비고", "메모", "备注", "備考",
    ),
    Column.KEYWORD: ("keyword", "keywords", "tag", "tags", "키워드", "关键词", "キーワード"),
    Column.TIME: ("time", "시간", "时间", "時間"),
    Column.PLACE: (
        "place", "location", "venue", "room", "where", "장소", "地点", "场地", "開催場所",
        "場所",
    ),
    Column.NUMBER: (
        "#", "no", "number", "idx", "index", "week", "session", "s no", "주차", "주",
        "회차", "차수", "순서", "번호", "期号", "期数", "回", "週",
    ),
}  # fmt: skip
_WEAK: dict[Column, tuple[str, ...]] = {
    Column.PRESENTER: ("name", "format", "主持人", "司会"),
    Column.TITLE: ("theme", "description", "chapter", "챕터", "章节", "章"),
}
# Words that make a header someone else's, never a role (`Presentation Links` is links,
# `Authors` of a paper are not its presenters).
_NEVER = ("author", "authors", "저자", "作者", "著者")

_WORDS: dict[str, tuple[Column, int]] = {}
for _strength, _table in ((1, _WEAK), (2, _STRONG)):
    for _role, _words in _table.items():
        for _word in _words:
            _WORDS[_word] = (_role, _strength)

_MARKUP = r"<[^>]*>|!?\[([^\]]*)\]\([^)]*\)|[*_`~]|:[a-z_]+:"
_PLURAL = r"\(s\)|\(es\)|\[\d+\]|#\s*\d+|\d+$"


# Headers repeat (every row of a table is read with the same header, every edit re-reads the
# README): both lookups are pure, so they are remembered.
@lru_cache(maxsize=1024)
def normal_header(header: str) -> str:
    """A header as compared: no markup, emoji, punctuation or numbering; lower case."""
    text = header.strip()
    if any(c in text for c in "<[*_`~:"):
        text = compiled(_MARKUP).sub(lambda m: m[1] or " ", text).strip()
    if any(c in text for c in "([#") or text[-1:].isdigit():
        text = compiled(_PLURAL).sub(" ", text)
    # Letters and digits stay; punctuation, symbols (emoji) and spaces separate words.
    kept = "".join(char if char.isalnum() or char == "#" else " " for char in text)
    return " ".join(kept.casefold().split())


@lru_cache(maxsize=1024)
def header_role(header: str) -> tuple[Column, int] | None:
    """The role a header names, with its strength (2 strong, 1 weak), or None."""
    text = normal_header(header)
    if not text:
        return None
    if text in _WORDS:
        return _WORDS[text]
    if _singular(text) in _WORDS:
        return _WORDS[_singular(text)]
    words = [_singular(word) for word in text.split()]
    if any(word in _NEVER for word in words):
        return None
    # A compound ending in a role word (`스터디날짜`, `발표자료`, `开会日期`): the longest ending.
    for size in range(len(text) - 1, 0, -1):
        ending = text[-size:]
        if ending in _WORDS and not ending.isascii():
            return _WORDS[ending]
    # Words: the last names the thing in English compounds (`Paper link`); `X of Y`,
    # `X and Y` and `X / Y` name X (`Title of Paper & Link to Paper`, `주제/분량`).
    found = [(i, _WORDS[w]) for i, w in enumerate(words) if w in _WORDS]
    found += [
        (i, _WORDS[" ".join(words[i : i + 2])])
        for i in range(len(words) - 1)
        if " ".join(words[i : i + 2]) in _WORDS
    ]
    strong = [(i, found_role) for i, found_role in found if found_role[1] == 2]
    found = strong or found  # `Paper Name` is a paper's title, not a person's name
    if not found:
        return None
    joined = re.search(r"\b(?:of|and|for|to)\b|[/&+,]", _no_markup(header)) is not None
    found.sort()
    return found[0][1] if joined or len(words) > 2 else found[-1][1]


def _singular(word: str) -> str:
    """`speakers` → `speaker` when only the plural is unknown."""
    if word not in _WORDS and word.endswith("s") and word[:-1] in _WORDS:
        return word[:-1]
    return word


def is_someone_elses(header: str) -> bool:
    """A header such as `Authors`: people, but never the session's presenters."""
    return any(word in _NEVER for word in normal_header(header).split())


def _no_markup(header: str) -> str:
    return compiled(_MARKUP).sub(lambda m: m[1] or " ", header).casefold()


def header_roles(header: list[str]) -> dict[Column, int]:
    """Role → column index, by header text alone: a strong word wins, then the first column."""
    best: dict[Column, tuple[int, int]] = {}  # role -> (-strength, index)
    for index, text in enumerate(header):
        found = header_role(text)
        if found is None:
            continue
        role, strength = found
        key = (-strength, index)
        if role not in best or key < best[role]:
            best[role] = key
    return {role: index for role, (_, index) in best.items()}


def column_of(header: str) -> Column | None:
    """The role a header names (strong or weak word), or None."""
    found = header_role(header)
    return found[0] if found else None


def column_map(table: Table) -> dict[Column, int]:
    """Which column index holds which field, by header (the first column of each kind wins)."""
    return header_roles(table.header)
