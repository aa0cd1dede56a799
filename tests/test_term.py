"""A term's dates, `init`'s README, `plan`'s rows, `next` and `stats`, in process.

Expected values come from reading the input: dates are counted off a calendar
day by day (not with the code's own stepping), GitHub's renderer (cmark-gfm)
says which tables a written README has, and the seed's rows are read by eye.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from gfm_oracle import github_tables
from shared_files import SEED, corpus_files, require_corpus

from mdstudy import MdStudyError
from mdstudy.announce import as_json, as_markdown, as_template, as_text, upcoming
from mdstudy.check import Settings, check_document
from mdstudy.document import Document, load, loads
from mdstudy.reader import DESCENDING
from mdstudy.rules import RULES
from mdstudy.source import Source
from mdstudy.stats import bar, compute
from mdstudy.term import parse_every, parse_skip, plan_term, readme_text, term_dates

DAY = dt.timedelta(days=1)


def calendar_days(first: dt.date, last: dt.date, weekday: int) -> list[dt.date]:
    """Every `weekday` (0 = Monday) from first to last, counted one day at a time."""
    days, day = [], first
    while day <= last:
        if day.weekday() == weekday:
            days.append(day)
        day += DAY
    return days


# --- the term's dates --------------------------------------------------------------------------


def test_until_gives_every_wednesday_but_the_skipped_ones() -> None:
    start, until = dt.date(2024, 3, 6), dt.date(2024, 5, 29)
    skip = parse_skip(["2024-04-10,2024-05-01..2024-05-08"])
    dates, skipped = term_dates(start, parse_every("1w"), until=until, skip=skip)
    wednesdays = calendar_days(start, until, 2)
    holidays = {dt.date(2024, 4, 10), dt.date(2024, 5, 1), dt.date(2024, 5, 8)}
    assert dates == [d for d in wednesdays if d not in holidays]
    assert skipped == sorted(holidays)


def test_count_counts_the_steps_and_a_skipped_step_gets_no_row() -> None:
    start = dt.date(2024, 11, 6)
    dates, skipped = term_dates(
        start, parse_every("2w"), count=6, skip=parse_skip(["2024-12-30..2025-01-03"])
    )
    every_other = calendar_days(start, start + 10 * 7 * DAY, 2)[::2][:6]
    assert skipped == [dt.date(2025, 1, 1)]
    assert dates == [d for d in every_other if d != dt.date(2025, 1, 1)]


@pytest.mark.parametrize(
    ("text", "days"), [("1w", 7), ("2w", 14), ("1d", 1), ("3 days", 3), ("1 week", 7)]
)
def test_every(text: str, days: int) -> None:
    assert parse_every(text) == dt.timedelta(days=days)


@pytest.mark.parametrize("text", ["", "w", "0w", "-1w", "1m", "1.5w", "60w"])
def test_bad_every_is_refused(text: str) -> None:
    with pytest.raises(MdStudyError, match="--every"):
        parse_every(text)


@pytest.mark.parametrize("text", ["2024-13-01", "3/6", "2024-05-08..2024-05-01", "x..y"])
def test_bad_skip_is_refused(text: str) -> None:
    with pytest.raises(MdStudyError, match="--skip"):
        parse_skip([text])


def test_term_needs_one_length_and_a_sane_one() -> None:
    start, week = dt.date(2024, 3, 6), dt.timedelta(days=7)
    with pytest.raises(MdStudyError, match="--count N or --until"):
        term_dates(start, week)
    with pytest.raises(MdStudyError, match="--count N or --until"):
        term_dates(start, week, count=3, until=dt.date(2024, 5, 1))
    with pytest.raises(MdStudyError, match="before the start"):
        term_dates(start, week, until=dt.date(2024, 3, 1))
    with pytest.raises(MdStudyError, match="--count"):
        term_dates(start, week, count=0)
    with pytest.raises(MdStudyError, match="no session"):
        term_dates(start, week, count=2, skip=parse_skip(["2024-03-01..2024-03-31"]))


# --- init ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    ("start", "until"),
    [(dt.date(2024, 3, 6), dt.date(2024, 5, 29)), (dt.date(2024, 11, 6), dt.date(2025, 2, 26))],
    ids=["spring", "across-new-year"],
)
def test_init_readme_reads_back_renders_and_checks_clean(
    lang: str, start: dt.date, until: dt.date
) -> None:
    holidays = parse_skip(["2024-04-10,2024-12-25..2025-01-01"])
    dates, _ = term_dates(start, parse_every("1w"), until=until, skip=holidays)
    text = readme_text("Efficient AI Study", dates, lang)
    doc = loads(text)
    expected = [
        d for d in calendar_days(start, until, 2) if not any(a <= d <= b for a, b in holidays)
    ]
    assert [s.date for s in doc.sessions] == expected
    assert all(s.presenter is None and s.title is None for s in doc.sessions)
    assert doc.study.start == expected[0] and doc.study.end == expected[-1]
    assert doc.candidate_table is not None and doc.candidates == []
    rendered = github_tables(text)
    assert len(rendered) == 2
    assert len(rendered[0].rows) == len(expected) and rendered[1].rows == []
    assert check_document(doc, Settings(frozenset(RULES))) == []


def test_init_lines_columns_up_in_display_width() -> None:
    from mdstudy.layout import width

    text = readme_text("스터디", [dt.date(2024, 3, 6), dt.date(2024, 12, 11)], "ko")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert "| 날짜 " in rows[0] and "미정" in text
    assert len({width(row) for row in rows[:4]}) == 1  # the schedule's rows
    assert len({width(row) for row in rows[4:]}) == 1  # the candidate table's


@pytest.mark.parametrize("title", ["", "  ", "two\nlines"])
def test_init_refuses_a_title_that_is_not_one_line(title: str) -> None:
    with pytest.raises(MdStudyError, match="TITLE"):
        readme_text(title, [dt.date(2024, 3, 6)])


# --- plan ----------------------------------------------------------------------------------------


def _changed_lines(before: Source, after: Source) -> tuple[list[str], list[str]]:
    """Lines only in before, lines only in after (a line-level diff)."""
    import difflib

    old, new = list(before.lines), list(after.lines)
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def test_plan_on_the_seed_appends_rows_in_its_spelling() -> None:
    doc = load(SEED)
    dates, _ = term_dates(dt.date(2023, 8, 2), parse_every("1w"), count=4)
    done = plan_term(doc, dates)
    removed, added = _changed_lines(doc.source, done.source)
    assert removed == []
    assert added == [f"{d} | TBD | - | - | - | -\n" for d in ("8/2", "8/9", "8/16", "8/23")]
    lines = done.source.lines
    at = lines.index(added[0])
    assert lines[at - 1] == "7/26 | TBD | - | - | - | -\n"  # right after the last row
    for day in dates:  # and back: removing the sessions gives the file back
        after = Document(done.source)
        after.remove_session(day.isoformat())
        done = done._replace(source=after.source)
    assert done.source == doc.source


def test_plan_leaves_dates_already_there_alone() -> None:
    doc = load(SEED)
    dates, _ = term_dates(dt.date(2023, 7, 19), parse_every("1w"), count=3)
    done = plan_term(doc, dates)
    assert done.present == [dt.date(2023, 7, 19), dt.date(2023, 7, 26)]
    assert done.added == [dt.date(2023, 8, 2)]
    assert _changed_lines(doc.source, done.source) == ([], ["8/2 | TBD | - | - | - | -\n"])


@pytest.mark.parametrize("new_term", [None, "Winter"])
def test_plan_across_new_year_keeps_the_table_spelling(new_term: str | None) -> None:
    doc = load(SEED)
    dates = [dt.date(2023, 12, 20) + 7 * k * DAY for k in range(3)]
    done = plan_term(doc, dates, new_term)
    rows = [f"{d} | TBD | - | - | - | -\n" for d in ("12/20", "12/27", "1/3")]
    added = _changed_lines(doc.source, done.source)[1]
    assert [line for line in added if "TBD" in line] == rows
    assert [s.date for s in Document(done.source).sessions][-3:] == dates


@pytest.mark.parametrize("new_term", [None, "Again"])
def test_plan_of_dates_all_there_changes_nothing(new_term: str | None) -> None:
    doc = load(SEED)
    done = plan_term(doc, [dt.date(2023, 5, 3), dt.date(2023, 5, 10)], new_term)
    assert (done.source, done.added) == (doc.source, [])
    assert done.present == [dt.date(2023, 5, 3), dt.date(2023, 5, 10)]


def test_plan_new_term_writes_a_new_table_after_the_section() -> None:
    doc = load(SEED)
    dates, _ = term_dates(dt.date(2024, 3, 6), parse_every("1w"), count=3)
    done = plan_term(doc, dates, "2024 Spring")
    removed, added = _changed_lines(doc.source, done.source)
    assert removed == []
    lines = doc.source.lines
    header = next(i for i, line in enumerate(lines) if line.startswith("When | Who"))
    new_rows = [f"{d} | TBD | - | - | - | -\n" for d in ("3/6", "3/13", "3/20")]
    assert added == ["## 2024 Spring\n", "\n", lines[header], lines[header + 1], *new_rows, "\n"]
    text = "".join(done.source.lines)
    # Before the candidates' section, after the schedule's.
    assert text.index("## 2024 Spring") < text.index("## 논문 후보")
    after = Document(done.source)
    assert [s.date for s in after.sessions][-3:] == dates
    assert len(github_tables(text)) == 3


def test_plan_refuses_a_readme_without_a_schedule() -> None:
    with pytest.raises(MdStudyError, match="no schedule table"):
        plan_term(loads("# x\n\ntext\n"), [dt.date(2024, 3, 6)])


def _newest_first() -> list[Path]:
    found = []
    for path in corpus_files():
        try:
            doc = load(path, year=2022)
            if doc.schedules and doc.schedules[0].order == DESCENDING and doc.sessions:
                found.append(path)
        except MdStudyError:
            continue
    return found


def test_plan_on_newest_first_readmes_inserts_at_the_top() -> None:
    require_corpus()
    paths = _newest_first()
    assert len(paths) >= 4
    checked = 0
    for path in paths:
        doc = load(path, year=2022)
        table = doc.schedules[0]
        newest = max(d for d in table.days if d is not None)
        dates = [newest + 7 * k * DAY for k in (1, 2, 3)]
        if doc.schedules.index(table) != 0 or max(s.date for s in doc.sessions) != newest:
            continue
        done = plan_term(doc, dates)
        removed, added = _changed_lines(doc.source, done.source)
        assert removed == [], path.name
        after = Document(done.source, year=2022)
        new_table = after.schedules[0]
        dated = [d for d in new_table.days if d is not None]
        assert dated[:3] == dates[::-1], path.name  # newest first, above the old top row
        assert new_table.days[: len(added)].count(None) == 0, path.name
        checked += 1
    assert checked >= 4


def test_plan_new_term_in_a_newest_first_readme_goes_before_the_section() -> None:
    require_corpus()
    path = next(p for p in _newest_first() if "davian-lab-paper-study" in p.name)
    doc = load(path, year=2022)
    dates = [dt.date(2031, 3, 5) + 7 * k * DAY for k in range(3)]
    done = plan_term(doc, dates, "2031 Spring")
    assert _changed_lines(doc.source, done.source)[0] == []
    after = Document(done.source, year=2022)
    first = after.schedules[0]
    assert [d for d in first.days if d is not None] == dates[::-1]
    assert first.table.start < doc.schedules[0].table.start + 10


def _schedule_files() -> list[Path]:
    """The corpus READMEs that have sessions (the others have nothing to plan)."""
    found = []
    for path in corpus_files():
        try:
            if load(path, year=2022).sessions:
                found.append(path)
        except MdStudyError:
            continue
    return found


@pytest.mark.parametrize("path", _schedule_files(), ids=lambda p: p.name[:2])
def test_plan_then_remove_gives_the_file_back(path: Path) -> None:
    doc = load(path, year=2022)
    sessions = doc.sessions
    last = max(s.date for s in sessions)
    dates = [last + 7 * k * DAY for k in (1, 2)]
    try:
        done = plan_term(doc, dates)
    except MdStudyError as err:
        # Refused (never half-written) when the re-read finds other sessions changed: the
        # bilingual README of the corpus, whose twin table would no longer repeat this one.
        assert str(err).endswith("; nothing written")
        return
    removed, _ = _changed_lines(doc.source, done.source)
    after = Document(done.source, year=2022)
    assert sorted(s.date for s in after.sessions) == sorted([*(s.date for s in sessions), *dates])
    for day in dates:
        after.remove_session(day.isoformat())
    if removed:  # a padded column was widened for the new rows; it stays wide
        return
    assert after.source == doc.source


# --- next and stats on the seed ------------------------------------------------------------------


def test_next_from_may_20_is_the_free_session_of_may_24() -> None:
    found = upcoming(load(SEED).sessions, dt.date(2023, 5, 20), 1)
    assert [s.date for s in found] == [dt.date(2023, 5, 24)]
    assert as_text(found) == "Wed 2023-05-24  (not yet assigned)\n"


def test_next_three_from_june_1() -> None:
    found = upcoming(load(SEED).sessions, dt.date(2023, 6, 1), 3)
    assert [s.date for s in found] == [dt.date(2023, 6, d) for d in (7, 14, 21)]
    data = json.loads(as_json(found, dt.date(2023, 6, 1), "o/n"))
    assert [s["date"] for s in data["sessions"]] == ["2023-06-07", "2023-06-14", "2023-06-21"]
    assert data["sessions"][0]["issue_url"] == "https://github.com/o/n/issues/6"
    markdown = as_markdown(found, "o/n")
    assert "**Wednesday, June 7, 2023**" in markdown
    lora = "[LoRA: Low-Rank Adaptation of Large Language Models]"
    assert f"{lora}(<https://openreview.net/forum?id=nZeVKeeFYf9>)" in markdown
    assert "[#6](https://github.com/o/n/issues/6)" in markdown


def test_next_after_the_last_session_is_nothing() -> None:
    assert upcoming(load(SEED).sessions, dt.date(2023, 7, 27), 1) == []


def test_next_skips_cancelled_sessions() -> None:
    text = (
        "# S 2024\n\nWhen | Who | What\n--- | --- | ---\n"
        "2024-03-06 | No meeting | -\n2024-03-13 | Ada | Paper\n"
    )
    found = upcoming(loads(text).sessions, dt.date(2024, 3, 1), 5)
    assert [s.date for s in found] == [dt.date(2024, 3, 13)]


def test_template_fields_and_refusals() -> None:
    found = upcoming(load(SEED).sessions, dt.date(2023, 6, 1), 1)
    out = as_template(found, "{date:%m/%d} {weekday} {presenter} {issue} {issue_url}", "o/n")
    assert out == "06/07 Wednesday 전은주 #6 https://github.com/o/n/issues/6\n"
    for bad in ("{date.year}", "{0}", "{nope}", "{date"):
        with pytest.raises(MdStudyError, match="--template"):
            as_template(found, bad, None)


def test_stats_on_the_seed() -> None:
    doc = load(SEED)
    stats = compute(doc.sessions, doc.candidates, dt.date(2023, 6, 1))
    assert (stats.sessions, stats.assigned, stats.unassigned) == (13, 10, 3)
    assert (stats.held, stats.upcoming, stats.cancelled) == (5, 8, 0)
    names = [p.name for p in stats.presenters]
    assert names[0] == "김태수" and len(names) == 10
    assert all(len(p.dates) == 1 for p in stats.presenters)
    assert dict(stats.keywords) == {"Quantization": 11, "Pruning": 10, "Compression": 4}
    assert sum(n for _, n in stats.keywords) == len(doc.candidates) == 25
    assert "GPTQ" not in " ".join(c.title for c, _ in stats.presented)
    doc.assign("5/24", "X", candidate="GPTQ")
    after = compute(doc.sessions, doc.candidates, dt.date(2023, 6, 1))
    assert [c.title[:4] for c, _ in after.presented] == ["GPTQ"]
    assert Counter(p.name for p in after.presenters)["X"] == 1


def test_bar_scales_to_the_room() -> None:
    assert bar(4, 4, 10) == "█" * 10
    assert bar(1, 4, 10) == "██▌"
    assert bar(0, 4, 10) == "▏"  # visible, but the least
