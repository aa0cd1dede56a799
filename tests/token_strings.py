"""Sequences of tokens in one Hypothesis draw.

`st.lists(st.sampled_from(tokens))` costs a draw per element, and a draw costs far more
than most tests' use of it. `tokens_of` draws the same lists as one text over a stand-in
alphabet (one character per token) and maps each character back to its token: the same
lists, from 0 to `max_size` tokens, each token picked uniformly, shrinking towards the
first token and shorter lists as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

# Hypothesis picks a text's characters uniformly from an alphabet of at most 256.
_MAX_TOKENS = 256
_FIRST = 0x4E00  # stand-ins: CJK ideographs, one code point each, never special to Hypothesis


def tokens_of(
    tokens: Sequence[T], min_size: int = 0, max_size: int | None = None
) -> st.SearchStrategy[list[T]]:
    """`st.lists(st.sampled_from(tokens), min_size=, max_size=)` in one draw."""
    return _tokens_of(tuple(tokens), min_size, max_size)


@cache  # built once per arguments: a strategy built anew for every draw costs time too
def _tokens_of(
    tokens: tuple[T, ...], min_size: int, max_size: int | None
) -> st.SearchStrategy[list[T]]:
    assert 0 < len(tokens) <= _MAX_TOKENS, "one stand-in character per token, at most 256"
    table = {chr(_FIRST + index): token for index, token in enumerate(tokens)}
    alphabet = "".join(table)
    return st.text(alphabet, min_size=min_size, max_size=max_size).map(
        lambda text: [table[char] for char in text]
    )


def joined(
    tokens: Sequence[str], min_size: int = 0, max_size: int | None = None, sep: str = ""
) -> st.SearchStrategy[str]:
    """`st.lists(st.sampled_from(tokens), ...).map(sep.join)` in one draw."""
    return _joined(tuple(tokens), min_size, max_size, sep)


@cache
def _joined(
    tokens: tuple[str, ...], min_size: int, max_size: int | None, sep: str
) -> st.SearchStrategy[str]:
    return _tokens_of(tokens, min_size, max_size).map(sep.join)
