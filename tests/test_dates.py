"""A date's format read and written by one module: what dates.spell_date writes, dates reads back.

The writer spells a new date like the column's own dates (the examples), then keeps
the spelling only if it reads back as the date. Each style below is written out by
hand here (not by the code under test); for every style the writer uses, a date
spelled like an example of that style must read back as the date, and in the
numeric and Korean styles the spelling must be the style itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mdstudy.dates import implied_year, parse_date, spell_date

Style = Callable[[dt.date], str]
KOREAN_DAYS = "월화수목금토일"
MONTHS = "January February March April May June July August September October November December"
ENGLISH_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _ordinal(day: int) -> str:
    return "th" if 10 < day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _korean_day(d: dt.date) -> str:
    return KOREAN_DAYS[d.weekday()]


def _month(d: dt.date) -> str:
    return MONTHS.split()[d.month - 1]


# name -> (the style, whether it is day first, whether it leaves the year out)
STYLES: dict[str, tuple[Style, bool, bool]] = {
    "iso": (lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}", False, False),
    "iso unpadded": (lambda d: f"{d.year}-{d.month}-{d.day}", False, False),
    "dotted": (lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}", False, False),
    "m/d": (lambda d: f"{d.month}/{d.day}", False, True),
    "mm/dd": (lambda d: f"{d.month:02d}/{d.day:02d}", False, True),
    "m/d/yyyy": (lambda d: f"{d.month}/{d.day}/{d.year}", False, False),
    "d/m": (lambda d: f"{d.day}/{d.month}", True, True),
    "dd/mm/yyyy": (lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}", True, False),
    "m.d.": (lambda d: f"{d.month}.{d.day}.", False, True),
    "korean": (lambda d: f"{d.month}월 {d.day}일", False, True),
    "korean weekday": (
        lambda d: f"{d.month}월 {d.day}일 ({KOREAN_DAYS[d.weekday()]})",
        False,
        True,
    ),
    "korean year": (lambda d: f"{d.year}년 {d.month}월 {d.day}일", False, False),
    "weekday m/d": (lambda d: f"{ENGLISH_DAYS[d.weekday()]} {d.month}/{d.day}", False, True),
}
# Month names: the writer picks the full or short name by the example's length.
NAMED: dict[str, tuple[Style, bool, bool]] = {
    "month d, yyyy": (lambda d: f"{_month(d)} {d.day}, {d.year}", False, False),
    "mon d": (lambda d: f"{_month(d)[:3]} {d.day}", False, True),
    "dth mon yyyy": (lambda d: f"{d.day}{_ordinal(d.day)} {_month(d)[:3]} {d.year}", True, False),
}
# A second example with a one-digit month and day: it shows whether the style pads them.
SMALL = dt.date(2024, 1, 5)
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))


def spelled(style: Style, day_first: bool, example: dt.date, new: dt.date) -> str:
    examples = [(style(example), example), (style(SMALL), SMALL)]
    return spell_date(examples, new, year_implied=True, day_first=day_first)


def read_back(text: str, day_first: bool, year: int) -> dt.date:
    partial = parse_date(text, day_first=day_first)
    assert partial is not None, text
    return partial.resolve(year)


@pytest.mark.parametrize("name", [*STYLES, *NAMED])
@settings(derandomize=True, deadline=None, max_examples=60)
@given(example=DATES, new=DATES)
def test_a_spelled_date_reads_back_as_the_date(name: str, example: dt.date, new: dt.date) -> None:
    style, day_first, _ = {**STYLES, **NAMED}[name]
    text = spelled(style, day_first, example, new)
    assert read_back(text, day_first, new.year) == new


@pytest.mark.parametrize("name", list(STYLES))
@settings(derandomize=True, deadline=None, max_examples=60)
@given(example=DATES, new=DATES)
def test_a_date_is_spelled_in_the_columns_style(name: str, example: dt.date, new: dt.date) -> None:
    # An example such as 1/1 cannot tell the day from the month: the spelling then only
    # reads back (`1/13` in a day-first column is still January 13), see the test above.
    assume(example.day != example.month)
    style, day_first, _ = STYLES[name]
    assert spelled(style, day_first, example, new) == style(new)


@pytest.mark.parametrize("name", list(NAMED))
@settings(derandomize=True, deadline=None, max_examples=60)
@given(example=DATES, new=DATES)
def test_a_named_month_is_spelled_with_a_name(name: str, example: dt.date, new: dt.date) -> None:
    style, day_first, _ = NAMED[name]
    text = spelled(style, day_first, example, new)
    assert text != new.isoformat()
    assert _month(new)[:3] in text


@pytest.mark.parametrize("name", [n for n, (_, _, yearless) in STYLES.items() if yearless])
@given(example=DATES, new=DATES)
@settings(derandomize=True, deadline=None, max_examples=30)
def test_without_an_implied_year_a_yearless_style_gives_the_year(
    name: str, example: dt.date, new: dt.date
) -> None:
    style, day_first, _ = STYLES[name]
    examples = [(style(example), example), (style(SMALL), SMALL)]
    text = spell_date(examples, new, year_implied=False, day_first=day_first)
    assert text == new.isoformat()


def test_no_example_gives_iso() -> None:
    assert spell_date([], dt.date(2024, 3, 6), year_implied=True) == "2024-03-06"


@pytest.mark.parametrize(
    ("previous", "study_year", "new", "implied"),
    [
        (None, 2023, dt.date(2023, 5, 24), True),
        (None, 2022, dt.date(2023, 5, 24), False),
        (None, None, dt.date(2023, 5, 24), False),
        (dt.date(2023, 12, 27), None, dt.date(2024, 1, 3), True),  # rolls over New Year
        (dt.date(2023, 12, 27), None, dt.date(2023, 12, 30), True),
        (dt.date(2023, 3, 1), None, dt.date(2024, 3, 8), False),  # a year later is not implied
        (dt.date(2023, 6, 1), None, dt.date(2024, 2, 29), False),  # 2/29 of 2023 does not exist
        # The reader tries 2023 first, where 2/29 does not exist (resolve_years): not implied.
        (dt.date(2023, 10, 1), None, dt.date(2024, 2, 29), False),
    ],
)
def test_implied_year(
    previous: dt.date | None, study_year: int | None, new: dt.date, implied: bool
) -> None:
    assert implied_year(previous, study_year, new) is implied
