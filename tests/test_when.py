"""WHEN names one session: the messages when it names several stay one readable line."""

from __future__ import annotations

import datetime as dt

import pytest

from mdstudy.errors import MdStudyError
from mdstudy.when import Slot, find_slot


def _never_free(index: int) -> bool:
    return False


def test_a_date_in_many_years_lists_a_few_and_counts_the_rest() -> None:
    # 12/30 in each of 40 years, as in a schedule written without years that runs for decades
    slots = [Slot(dt.date(2000 + k, 12, 30), 10 + k) for k in range(40)]
    with pytest.raises(MdStudyError) as err:
        find_slot(slots, "12/30", "README.md", _never_free)
    message = str(err.value)
    assert "2000-12-30 (line 10), 2001-12-30 (line 11), 2002-12-30 (line 12)" in message
    assert "and 37 more" in message
    assert "2039-12-30" not in message
    assert message.endswith("give the year")


def test_two_talks_on_one_day_are_both_named() -> None:
    slots = [Slot(dt.date(2023, 5, 24), 7), Slot(dt.date(2023, 5, 24), 8)]
    with pytest.raises(MdStudyError) as err:
        find_slot(slots, "5/24", "README.md", _never_free)
    assert "5/24#1 (line 7), 5/24#2 (line 8)" in str(err.value)
    assert "more" not in str(err.value)


def test_many_talks_on_one_day_are_counted() -> None:
    slots = [Slot(dt.date(2023, 5, 24), line) for line in range(20, 30)]
    with pytest.raises(MdStudyError) as err:
        find_slot(slots, "5/24", "README.md", _never_free)
    message = str(err.value)
    assert "names 10 sessions" in message
    assert "5/24#3 (line 22), … and 7 more" in message
