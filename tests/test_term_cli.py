"""`init`, `plan`, `next` and `stats` as a user runs them: real files, real processes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from gfm_oracle import github_tables
from shared_files import SEED, mdstudy_in_process, run_mdstudy

run = mdstudy_in_process  # real processes: init and plan below, as smoke tests
DAY = dt.timedelta(days=1)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(SEED.read_bytes())
    return path


def wednesdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() == 2:
            days.append(day)
        day += DAY
    return days


def shown_dates(path: Path) -> list[str]:
    result = run("show", "-f", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [s["date"] for s in json.loads(result.stdout)["sessions"]]


def test_a_readme_built_only_through_commands_checks_clean(tmp_path: Path) -> None:
    """init, plan, assign, check: the term across New Year, a skipped range of weeks."""
    path = tmp_path / "README.md"
    first, last = dt.date(2024, 11, 6), dt.date(2025, 2, 26)
    result = run_mdstudy(
        "init", "Efficient AI Study", "--start", first, "--until", last, "--every", "2w",
        "--skip", "2024-12-25..2025-01-08", "-f", path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The weeks in between, then one session assigned from a candidate added by command.
    result = run_mdstudy("plan", "-f", path, "2024-11-13", "--until", last, "--every", "2w",
                         "--skip", "2024-12-25..2025-01-08")  # fmt: skip
    assert result.returncode == 0, result.stderr
    result = run("candidates", "add", "-f", path, "GPTQ", "--link", "https://example.org/gptq",
                 "--keyword", "Quantization")  # fmt: skip
    assert result.returncode == 0, result.stderr
    result = run("assign", "-f", path, "2024-11-13", "Ada", "--candidate", "GPTQ", "--issue", "3")
    assert result.returncode == 0, result.stderr
    result = run("check", path)
    assert (result.returncode, result.stdout.count("MS")) == (0, 0), result.stdout
    text = path.read_text(encoding="utf-8")
    tables = github_tables(text)
    expected = [
        d for d in wednesdays(first, last) if not dt.date(2024, 12, 25) <= d <= dt.date(2025, 1, 8)
    ]
    assert [len(t.rows) for t in tables] == [len(expected), 1]
    assert shown_dates(path) == [d.isoformat() for d in expected]
    result = run("stats", "-f", path, "--format", "json", "--today", "2024-12-01")
    data = json.loads(result.stdout)
    assert data["sessions"]["total"] == len(expected)
    assert data["presenters"] == [{"name": "Ada", "count": 1, "dates": ["2024-11-13"]}]
    assert [c["title"] for c in data["candidates"]["presented"]] == ["GPTQ"]


def test_init_refuses_an_existing_file_and_leaves_it(seed: Path) -> None:
    before = seed.read_bytes()
    result = run("init", "X", "--start", "2024-03-06", "--count", "3", "-f", seed)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "already exists" in result.stderr
    assert seed.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["--start", "2024-3-6x", "--count", "3"],
        ["--start", "2024-03-06", "--count", "3", "--every", "1m"],
        ["--start", "2024-03-06", "--count", "3", "--every", "0w"],
        ["--start", "2024-03-06"],
        ["--start", "2024-03-06", "--until", "2024-02-01"],
        ["--start", "2024-03-06", "--count", "3", "--skip", "2024-03-40"],
    ],
)
def test_init_bad_input_is_one_line_and_no_file(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "README.md"
    result = run("init", "X", *args, "-f", path)
    assert result.returncode == 2, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_plan_on_the_seed_appends_four_rows(seed: Path) -> None:
    before = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    dry = run("plan", "-f", seed, "2023-08-02", "--count", "4", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert seed.read_text(encoding="utf-8").splitlines(keepends=True) == before
    rows = [f"{d} | TBD | - | - | - | -\n" for d in ("8/2", "8/9", "8/16", "8/23")]
    assert [line[1:] for line in dry.stdout.splitlines(keepends=True) if line[:2] == "+8"] == rows
    result = run("plan", "-f", seed, "2023-08-02", "--count", "4")
    assert result.returncode == 0, result.stderr
    at = before.index("7/26 | TBD | - | - | - | -\n") + 1
    assert seed.read_text(encoding="utf-8").splitlines(keepends=True) == [
        *before[:at],
        *rows,
        *before[at:],
    ]
    for day in ("8/2", "8/9", "8/16", "8/23"):
        assert run("remove-session", "-f", seed, day).returncode == 0
    assert seed.read_bytes() == SEED.read_bytes()


def test_plan_says_which_dates_were_already_there(seed: Path) -> None:
    result = run("plan", "-f", seed, "2023-07-19", "--count", "3")
    assert result.returncode == 0
    assert "2023-07-19 is already in the schedule" in result.stderr
    assert "2023-07-26 is already in the schedule" in result.stderr
    assert shown_dates(seed)[-3:] == ["2023-07-19", "2023-07-26", "2023-08-02"]


def test_plan_new_term(seed: Path) -> None:
    result = run("plan", "-f", seed, "2024-03-06", "--count", "13", "--new-term", "2024 Spring",
                 "--skip", "2024-04-10")  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = wednesdays(dt.date(2024, 3, 6), dt.date(2024, 5, 29))
    expected.remove(dt.date(2024, 4, 10))
    old = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
    text = seed.read_text(encoding="utf-8")
    assert all(line in text.splitlines() for line in old)  # the old table is untouched
    assert shown_dates(seed) == shown_dates(SEED) + [d.isoformat() for d in expected]
    assert len(github_tables(text)) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["2023-08-02"],
        ["2023-08-02", "--count", "4", "--every", "fortnight"],
        ["8/2", "--count", "4"],
        ["2023-08-02", "--count", "4", "--skip", "2023-08-09..2023-08-01"],
        ["2023-08-02", "--count", "4", "--new-term", " "],
    ],
)
def test_plan_bad_input_is_one_line_and_the_file_untouched(seed: Path, args: list[str]) -> None:
    result = run("plan", "-f", seed, *args)
    assert result.returncode == 2, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert seed.read_bytes() == SEED.read_bytes()


def test_plan_on_a_missing_file(tmp_path: Path) -> None:
    result = run("plan", "-f", tmp_path / "nope.md", "2023-08-02", "--count", "1")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_next_on_the_seed(seed: Path) -> None:
    result = run("next", "-f", seed, "--today", "2023-05-20")
    assert (result.returncode, result.stdout) == (0, "Wed 2023-05-24  (not yet assigned)\n")
    result = run("next", "-f", seed, "--count", "3", "--today", "2023-06-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["date"] for s in data["sessions"]] == ["2023-06-07", "2023-06-14", "2023-06-21"]
    result = run("next", "-f", seed, "--today", "2023-07-27")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{seed}: no session from 2023-07-27 on\n"


def test_next_markdown_links_the_issue_to_the_repo(seed: Path) -> None:
    result = run("next", "-f", seed, "--today", "2023-06-01", "--format", "markdown",
                 "--repo", "owner/study")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("**Wednesday, June 7, 2023**\n")
    assert "[#6](https://github.com/owner/study/issues/6)" in result.stdout


def test_next_template(seed: Path) -> None:
    result = run("next", "-f", seed, "--today", "2023-06-01", "--count", "2",
                 "--template", "{date:%m/%d} {presenter}")  # fmt: skip
    assert (result.returncode, result.stdout) == (0, "06/07 전은주\n06/14 강병하\n")
    result = run("next", "-f", seed, "--today", "2023-06-01", "--template", "{date.year}")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_next_bad_input(seed: Path) -> None:
    result = run("next", "-f", seed, "--today", "6/1")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize(
    "args",
    [["next", "--count", "0"], ["next", "--format", "xml"], ["stats", "--format", "xml"],
     ["init", "X", "--start", "2024-03-06", "--count", "3", "--lang", "fr"]],
)  # fmt: skip
def test_option_values_click_refuses_end_in_one_error_line(seed: Path, args: list[str]) -> None:
    """Values click checks (choices, ranges) get its usage note, as in every other command."""
    result = run(*args[:1], "-f", seed, *args[1:])
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] != []
    assert seed.read_bytes() == SEED.read_bytes()


def test_stats_on_the_seed_before_and_after_an_assign(seed: Path) -> None:
    result = run("stats", "-f", seed, "--today", "2023-06-01")
    assert result.returncode == 0, result.stderr
    assert "Sessions: 13 (5 held, 8 upcoming from 2023-06-01, 0 cancelled)" in result.stdout
    assert "With a presenter: 10; without: 3" in result.stdout
    assert "  Quantization: 11\n  Pruning: 10\n  Compression: 4\n" in result.stdout
    assert "김태수  1 █" in result.stdout
    data = json.loads(run("stats", "-f", seed, "--format", "json").stdout)
    assert [k["count"] for k in data["keywords"]] == [11, 10, 4]
    left = [c["title"] for c in data["candidates"]["left"]]
    assert any(t.startswith("GPTQ") for t in left) and len(left) == 25
    assert run("assign", "-f", seed, "5/24", "X", "--candidate", "GPTQ").returncode == 0
    data = json.loads(run("stats", "-f", seed, "--format", "json").stdout)
    assert [c["title"][:4] for c in data["candidates"]["presented"]] == ["GPTQ"]
    assert data["sessions"]["assigned"] == 11


# (arguments, exit status on the seed, must load, must not load)
IMPORTS = [
    (["next", "--today", "2023-05-20"], 0, {"mistune"}, {"tabulate", "icalendar", "difflib"}),
    (["stats"], 0, {"mdstudy.stats"}, {"tabulate", "icalendar"}),
    (["plan", "2023-08-02", "--count", "2"], 0, {"mdstudy.render"}, {"tabulate", "icalendar"}),
    (["init", "X", "--start", "2024-03-06", "--count", "2", "-f", "NEW.md"], 0, {"tabulate"},
     {"icalendar", "mistune"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "status", "needed", "unwanted"), IMPORTS, ids=[c[0][0] for c in IMPORTS]
)
def test_term_commands_load_only_what_they_use(
    tmp_path: Path, args: list[str], status: int, needed: set[str], unwanted: set[str]
) -> None:
    from test_imports import loaded, top_level

    code, modules = loaded(tmp_path, *args)
    names = top_level(modules) | modules
    assert code == status
    assert needed <= names, f"mdstudy {' '.join(args)} did not load {needed - names}"
    assert not unwanted & names, f"mdstudy {' '.join(args)} loaded {unwanted & names}"
