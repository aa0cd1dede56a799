"""Injection: no command-line value can add a table cell or row, a calendar property or
event, or send a write somewhere other than the README named by `-f`.

Table structure is judged by GitHub's own renderer (cmarkgfm, via gfm_oracle), and
calendar structure by icalendar's parser, never by mdstudy's own reading alone.
Each value is either written (and then must add nothing) or refused for a reason that
the value itself shows; which one is decided here, per value, so a refusal can never
pass for safety by accident. The matrices run in process; the calendar and path cases
keep one real process each.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import icalendar
import pytest
from gfm_oracle import github_tables, render_cell
from shared_files import SEED, Ran, mdstudy_in_process, run_mdstudy

import mdstudy
from mdstudy.inline import plain

SEED_TEXT = SEED.read_text(encoding="utf-8")
COMPACT = "# 2023 Study\n\n|When|Who|What|\n|-|-|-|\n|5/24|TBD|-|\n|5/31|TBD|-|\n"

# Values that carry a cell separator, or something that could end one.
SEPARATOR_VALUES = [
    "a | b", "|", "||", "a\\|b", "\\|", "x\\", "\\", "x\\\\", "a<br>b", "<br>", "`|`",
    "| 5/25 | evil |", "&#124;", "a|b\\",
]  # fmt: skip
LINE_BREAKS = ["a\nb", "a\rb", "a\r\nb", "\n", "x\n| 6/1 | evil | - |"]
# The separator values no table cell can hold as typed, and why: GFM reads `\|` as an
# escaped pipe, so the backslash itself cannot be kept; `<br>` alone shows as nothing.
# Every other value must be written, escaped so that it stays one cell.
REFUSED = {
    "a\\|b": r"a backslash right before '\|' cannot be written in a table",
    "\\|": r"a backslash right before '\|' cannot be written in a table",
    "<br>": r"'<br>' shows as nothing on GitHub",
}
assert set(REFUSED) < set(SEPARATOR_VALUES)


def run(folder: Path, *arguments: str) -> Ran:
    return mdstudy_in_process(*arguments, cwd=folder)


def assert_refused(result: Ran, folder: Path, readme: str, reason: str) -> None:
    """Exit 2, one line that gives the reason, and the README as it was."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert re.search(reason, lines[0]), (reason, lines[0])
    assert (folder / "README.md").read_text(encoding="utf-8") == readme


def schedule_of(text: str) -> tuple[list[str], list[list[str]]]:
    """GitHub's schedule table: header cells and body rows (inner HTML of each cell)."""
    tables = github_tables(text)
    assert tables, "GitHub sees no table"
    return tables[0].header, tables[0].rows


def edited_schedule(
    folder: Path, readme: str, *arguments: str
) -> tuple[str, list[str], list[list[str]]]:
    """Run an edit that must be written: the new text and GitHub's schedule header and
    rows, checked to be as many rows as before, each as wide as the header."""
    result = run(folder, *arguments)
    assert result.returncode == 0, result.stderr
    after = (folder / "README.md").read_text(encoding="utf-8")
    header, rows = schedule_of(readme)
    header_after, rows_after = schedule_of(after)
    assert header_after == header
    assert len(rows_after) == len(rows)
    assert all(len(row) == len(header) for row in rows_after)
    return after, header_after, rows_after


@pytest.mark.parametrize("readme", [SEED_TEXT, COMPACT], ids=["padded", "compact"])
@pytest.mark.parametrize("field", ["who", "title"])
@pytest.mark.parametrize("value", SEPARATOR_VALUES)
def test_separators_in_a_value_add_no_cell_or_row(
    tmp_path: Path, readme: str, field: str, value: str
) -> None:
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    who, extra = (value, []) if field == "who" else ("Alice", ["--title", value])
    if value in REFUSED:
        result = run(tmp_path, "assign", "5/24", who, *extra)
        assert_refused(result, tmp_path, readme, REFUSED[value])
        return
    # GitHub: the same rows, each as wide as the header.
    after, _, rows_after = edited_schedule(tmp_path, readme, "assign", "5/24", who, *extra)
    row = 0 if readme is COMPACT else 3  # the 5/24 row
    index = 1 if field == "who" else 2
    # A value is Markdown: GitHub shows its cell as it shows that value in a cell alone.
    assert rows_after[row][index] == render_cell(value), after.splitlines()[row + 4]

    # mdstudy reads back the value as GitHub shows it (Markdown removed, <br> as "; ").
    session = mdstudy.loads(after).sessions[row]
    assert (session.presenter if field == "who" else session.title) == plain(value)


@pytest.mark.parametrize("value", LINE_BREAKS)
@pytest.mark.parametrize("option", ["WHO", "--title", "--note", "candidate"])
def test_line_breaks_in_a_value_are_refused(tmp_path: Path, value: str, option: str) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(SEED_TEXT, encoding="utf-8")
    if option == "WHO":
        arguments = ["assign", "5/24", value]
    elif option == "candidate":
        arguments = ["candidates", "add", value]
    else:
        arguments = ["assign", "5/24", "Alice", option, value]
    result = run(tmp_path, *arguments)
    assert "Traceback" not in result.stderr
    assert_refused(result, tmp_path, SEED_TEXT, r"cannot hold a line break")


# --- calendar -----------------------------------------------------------------------

CALENDAR_ATTACKS = [
    "Room 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil",
    "Room 1\nLOCATION:elsewhere",
    "Room 1\rATTENDEE:mailto:x@example.com",
    "END:VCALENDAR",
    "a;b,c\\",
]


def events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize("location", CALENDAR_ATTACKS)
def test_location_cannot_add_properties_or_events(tmp_path: Path, location: str) -> None:
    (tmp_path / "README.md").write_text(SEED_TEXT, encoding="utf-8")
    # Every location is written: a calendar text value can hold any character, escaped.
    # The first attack goes through a real process (bytes on a real stdout).
    run_ics = run_mdstudy if location == CALENDAR_ATTACKS[0] else mdstudy_in_process
    result = run_ics("ics", "--location", location, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ics = result.stdout_bytes
    found = events(ics)
    assert len(found) == 13  # the seed's 13 sessions, 5/3 to 7/26
    assert ics.count(b"\r\nBEGIN:VEVENT\r\n") == 13
    assert ics.count(b"\r\nEND:VCALENDAR") == 1
    for event in found:
        # The value survives whole; only its line breaks are normalised to LF.
        assert str(event["LOCATION"]) == location.replace("\r\n", "\n").replace("\r", "\n")
        assert "ATTENDEE" not in event
        assert [str(value) for value in event.get("SUMMARY", [])][:1] != ["evil"]


@pytest.mark.parametrize(
    "title", ["END:VEVENT BEGIN:VEVENT", "x\\", "a;b,c", "SUMMARY:evil", "END:VCALENDAR"]
)
def test_readme_values_cannot_add_properties_or_events(tmp_path: Path, title: str) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(SEED_TEXT, encoding="utf-8")
    assert run(tmp_path, "assign", "5/24", "Alice", "--title", title).returncode == 0
    result = run(tmp_path, "ics")
    assert result.returncode == 0, result.stderr
    found = events(result.stdout_bytes)
    assert len(found) == 13
    may_24 = [event for event in found if event.decoded("DTSTART").isoformat() == "2023-05-24"]
    assert len(may_24) == 1
    assert title in str(may_24[0]["SUMMARY"])
    assert title in str(may_24[0]["DESCRIPTION"])


# --- paths --------------------------------------------------------------------------


def test_a_relative_path_edits_that_file_and_nothing_else(tmp_path: Path) -> None:
    work, other = tmp_path / "work", tmp_path / "other"
    work.mkdir()
    other.mkdir()
    (other / "README.md").write_text(SEED_TEXT, encoding="utf-8")
    result = run_mdstudy("assign", "-f", "../other/README.md", "5/24", "Alice", cwd=work)
    assert result.returncode == 0, result.stderr
    assert os.listdir(work) == []  # no temporary file in the working folder
    assert os.listdir(other) == ["README.md"]
    expected = SEED_TEXT.replace("\n5/24 | TBD |", "\n5/24 | Alice |")
    assert (other / "README.md").read_text(encoding="utf-8") == expected


def test_a_symlinked_readme_stays_a_link_and_its_target_is_edited(tmp_path: Path) -> None:
    work, real = tmp_path / "work", tmp_path / "real"
    work.mkdir()
    real.mkdir()
    (real / "README.md").write_text(SEED_TEXT, encoding="utf-8")
    (work / "README.md").symlink_to("../real/README.md")
    result = run(work, "assign", "5/24", "Alice")
    assert result.returncode == 0, result.stderr
    link = work / "README.md"
    assert link.is_symlink()
    assert os.readlink(link) == "../real/README.md"
    expected = SEED_TEXT.replace("\n5/24 | TBD |", "\n5/24 | Alice |")
    assert (real / "README.md").read_text(encoding="utf-8") == expected
    assert sorted(os.listdir(work)) == ["README.md"]
    assert sorted(os.listdir(real)) == ["README.md"]


def test_ics_output_never_replaces_the_readme_through_a_link(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "study.ics").symlink_to("README.md")
    result = run(tmp_path, "ics", "-o", "study.ics")
    assert_refused(result, tmp_path, SEED_TEXT, r"study\.ics")


@pytest.mark.parametrize("field", ["title", "keyword"])
@pytest.mark.parametrize("value", SEPARATOR_VALUES)
def test_separators_in_a_new_candidate_add_no_cell_or_row(
    tmp_path: Path, field: str, value: str
) -> None:
    (tmp_path / "README.md").write_text(SEED_TEXT, encoding="utf-8")
    before = github_tables(SEED_TEXT)[1]  # the candidate table: Title | Link | Keyword
    arguments = [value] if field == "title" else ["A New Paper", "--keyword", value]
    result = run(tmp_path, "candidates", "add", *arguments)
    if value in REFUSED:
        assert_refused(result, tmp_path, SEED_TEXT, REFUSED[value])
        return
    assert result.returncode == 0, result.stderr
    after = (tmp_path / "README.md").read_text(encoding="utf-8")
    tables = github_tables(after)
    assert len(tables) == 2
    assert tables[1].header == before.header
    assert tables[1].rows[:-1] == before.rows
    assert len(tables[1].rows[-1]) == 3
    assert tables[1].rows[-1][0 if field == "title" else 2] == render_cell(value)
    candidate = mdstudy.loads(after).candidates[-1]
    assert (candidate.title if field == "title" else candidate.keyword) == plain(value)


# A link is a URL: a pipe must be percent-encoded, and a space or `<` makes no URL.
LINK_REFUSED = {
    "https://e.x/a|b": r"contains '\|'; write it as %7C",
    "https://e.x/<br>": r"not an absolute http\(s\) URL",
    "https://e.x/a | b": r"not an absolute http\(s\) URL",
}


@pytest.mark.parametrize("link", [*LINK_REFUSED, "https://e.x/a\\"])
def test_separators_in_a_link_add_no_cell_or_row(tmp_path: Path, link: str) -> None:
    (tmp_path / "README.md").write_text(SEED_TEXT, encoding="utf-8")
    if link in LINK_REFUSED:
        result = run(tmp_path, "assign", "5/24", "Alice", "--link", link)
        assert_refused(result, tmp_path, SEED_TEXT, re.escape(link) + ".*" + LINK_REFUSED[link])
        return
    after, _, rows_after = edited_schedule(
        tmp_path, SEED_TEXT, "assign", "5/24", "Alice", "--link", link
    )
    assert rows_after[3][0] == "5/24" and rows_after[3][1] == "Alice"
    assert rows_after[3][2:] == ["-", rows_after[3][3], "-", "-"]
    assert mdstudy.loads(after).sessions[3].links == (link,)
