"""The strategies' own helper: `picks` must draw what lists of sampled_from draw."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from markdown_docs import picks


def test_picks_draw_every_list_of_the_options_and_nothing_else() -> None:
    seen: set[tuple[str, ...]] = set()

    @settings(max_examples=100, derandomize=True, deadline=None, database=None)
    @given(picks(["a", "b", "c"], min_size=1, max_size=3))
    def draw(drawn: list[str]) -> None:
        seen.add(tuple(drawn))

    draw()
    # 3 + 9 + 27 lists: few enough for hypothesis to draw each of them.
    assert seen == {lists for size in (1, 2, 3) for lists in product("abc", repeat=size)}
