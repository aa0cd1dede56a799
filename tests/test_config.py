""".mdstudy.toml: every key declared once, typos refused with a suggestion, options win.

Expected messages come from reading the config text: the misspelt key, the file's
path and the key it was meant to be. One case runs the real command line; the
matrix over every section runs `mdstudy.cli.main` in process.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from shared_files import ROOT, SEED, mdstudy_in_process, run_mdstudy
from test_imports import loaded

import mdstudy
from mdstudy.columns import Column
from mdstudy.config import CheckConfig, ColumnsConfig, Config, keys, read_config
from mdstudy.errors import MdStudyError


def project(folder: Path, toml: str) -> tuple[Path, Path]:
    """The seed README with a .mdstudy.toml beside it: (README, config)."""
    readme = folder / "README.md"
    readme.write_bytes(SEED.read_bytes())
    config = folder / ".mdstudy.toml"
    config.write_text(toml, encoding="utf-8")
    return readme, config


def run_in_process(*args: str) -> tuple[int, str, str]:
    ran = mdstudy_in_process(*args)
    return ran.returncode, ran.stdout, ran.stderr


# --- unknown keys and tables ---------------------------------------------------------


def test_unknown_key_through_the_real_command_line(tmp_path: Path) -> None:
    readme, config = project(tmp_path, 'tiem = "19:00"\ntimezone = "Asia/Seoul"\n')
    before = readme.read_bytes()
    done = run_mdstudy("assign", "-f", readme, "5/24", "홍길동")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"mdstudy: {config}: unknown key 'tiem'; did you mean 'time'?\n"
    assert readme.read_bytes() == before  # nothing written


# (config text, the name refused, what the message suggests)
TYPOS = [
    ('tiem = "19:00"', "key 'tiem'", "did you mean 'time'?"),
    ("durration = 90", "key 'durration'", "did you mean 'duration'?"),
    ('timzone = "Asia/Seoul"', "key 'timzone'", "did you mean 'timezone'?"),
    ('locaton = "Zoom"', "key 'locaton'", "did you mean 'location'?"),
    ('rpo = "a/b"', "key 'rpo'", "did you mean 'repo'?"),
    ("yaer = 2023", "key 'yaer'", "did you mean 'year'?"),
    ('[chek]\nignore = ["MS102"]', "table [chek]", "did you mean [check]?"),
    ('[colums]\ndate = "Day"', "table [colums]", "did you mean [columns]?"),
    ('[check]\nselct = ["MS1"]', "key 'selct' in [check]", "did you mean 'select'?"),
    ('[check]\nignores = ["MS1"]', "key 'ignores' in [check]", "did you mean 'ignore'?"),
    ("[check]\nstirct = true", "key 'stirct' in [check]", "did you mean 'strict'?"),
    ('[columns]\npresentr = "Host"', "key 'presentr' in [columns]", "did you mean 'presenter'?"),
    ('[columns]\ntitel = "Paper"', "key 'titel' in [columns]", "did you mean 'title'?"),
    # A key in the wrong place says where it belongs.
    ("strict = true", "key 'strict'", "'strict' belongs in [check]"),
    ('[check]\ntimezone = "UTC"', "key 'timezone' in [check]", "belongs in the top of the file"),
    # Nothing close: the valid keys are listed.
    ("colour = 1", "key 'colour'", "known: year, time, duration, timezone, location, repo"),
]
COMMANDS = [
    ["show"],
    ["check"],
    ["ics"],
    ["assign", "5/24", "X"],
    ["next", "--today", "2023-05-01"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(("toml", "name", "hint"), TYPOS, ids=[t[1] for t in TYPOS])
def test_unknown_key_is_refused_naming_it_the_file_and_the_nearest_key(
    tmp_path: Path,
    toml: str,
    name: str,
    hint: str,
    command: list[str],
) -> None:
    readme, config = project(tmp_path, toml + "\n")
    before = readme.read_bytes()
    option = [str(readme)] if command[0] == "check" else ["-f", str(readme)]
    code, out, err = run_in_process(command[0], *option, *command[1:])
    assert code == 2
    assert out == ""
    assert err.startswith(f"mdstudy: {config}: unknown {name}; ")
    assert hint in err
    assert err.count("\n") == 1  # one line
    assert readme.read_bytes() == before


def one_edit_typos(name: str) -> set[str]:
    """Two neighbouring letters swapped, or one letter left out."""
    swapped = {name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(len(name) - 1)}
    dropped = {name[:i] + name[i + 1 :] for i in range(len(name))}
    return (swapped | dropped) - {name}


@pytest.mark.parametrize(("section", "name"), [(s, n) for s, n, _, _ in keys()])
def test_every_one_edit_typo_of_every_key_suggests_that_key(
    tmp_path: Path, section: str, name: str
) -> None:
    path = tmp_path / ".mdstudy.toml"
    for typo in sorted(one_edit_typos(name)):
        path.write_text((f"[{section}]\n" if section else "") + f"{typo} = 1\n", encoding="utf-8")
        with pytest.raises(MdStudyError) as refused:
            read_config(path)
        assert str(refused.value).endswith(f"; did you mean '{name}'?"), typo


# (config text, where the message starts, what it says was expected)
WRONG_TYPES = [
    ("time = 19", "time", 'expected a time of day such as "19:00", got 19'),
    ("duration = true", "duration", "got true"),
    ("timezone = 9", "timezone", "expected text in quotes, got 9"),
    ("location = [1]", "location", "expected text in quotes, got [1]"),
    ('year = "2023"', "year", "expected a year such as 2023, got '2023'"),
    ("year = 12", "year", "expected a year such as 2023, got 12"),
    ("[repo]\nname = 'a'", "repo", "expected text in quotes, got a table"),
    ('[check]\nstrict = "yes"', "[check] strict", "expected true or false, got 'yes'"),
    ('[check]\nselect = "MS1"', "[check] select", "expected a list of rule codes"),
    ("[check]\nignore = [1]", "[check] ignore", "expected a list of rule codes"),
    ("[columns]\ndate = 3", "[columns] date", "expected a header text or a list of them"),
    ("[columns]\ndate = []", "[columns] date", "expected a header text or a list of them"),
]


@pytest.mark.parametrize(
    ("toml", "where", "expected"), WRONG_TYPES, ids=[t[0] for t in WRONG_TYPES]
)
def test_wrong_type_names_the_key_and_the_file(
    tmp_path: Path, toml: str, where: str, expected: str
) -> None:
    readme, config = project(tmp_path, toml + "\n")
    before = readme.read_bytes()
    code, out, err = run_in_process("assign", "-f", str(readme), "5/24", "X")
    assert (code, out) == (2, "")
    assert err.startswith(f"mdstudy: {config}: {where}: ")
    assert expected in err
    assert readme.read_bytes() == before


def test_a_section_written_as_a_value_and_bad_toml(tmp_path: Path) -> None:
    _, config = project(tmp_path, 'check = "MS1"\n')
    with pytest.raises(MdStudyError, match=r"\.mdstudy\.toml: check must be a table"):
        read_config(config)
    config.write_text("time = \n", encoding="utf-8")
    with pytest.raises(MdStudyError, match=r"\.mdstudy\.toml: not valid TOML"):
        read_config(config)


# --- the typed values ----------------------------------------------------------------


def test_every_key_read_as_its_type(tmp_path: Path) -> None:
    _, path = project(
        tmp_path,
        'year = 2023\ntime = 18:30:00\nduration = "1h30m"\ntimezone = "Asia/Seoul"\n'
        'location = " Zoom "\nrepo = "https://github.com/Study/club.git"\n'
        '[check]\nselect = ["MS0"]\nignore = ["MS102"]\nstrict = true\n'
        '[columns]\ndate = "스터디날짜"\npresenter = ["Research", "Literature"]\n',
    )
    config = read_config(path)
    assert config == Config(
        year=2023,
        time=dt.time(18, 30),
        duration=dt.timedelta(minutes=90),
        timezone="Asia/Seoul",
        location="Zoom",
        repo="Study/club",
        check=CheckConfig(select=("MS0",), ignore=("MS102",), strict=True),
        columns=ColumnsConfig(date=("스터디날짜",), presenter=("Research", "Literature")),
        path=path,
    )
    assert config.columns.names() == {
        Column.DATE: ["스터디날짜"],
        Column.PRESENTER: ["Research", "Literature"],
    }
    hash(config)  # frozen all the way down
    with pytest.raises(AttributeError):
        config.year = 2024  # type: ignore[misc]


def test_defaults_and_a_minute_count() -> None:
    assert Config().duration == dt.timedelta(hours=1)
    assert Config().check == CheckConfig(select=None, ignore=None, strict=False)
    assert Config().columns.names() is None


def test_the_command_line_wins_and_is_named_in_messages(tmp_path: Path) -> None:
    _, path = project(tmp_path, 'timezone = "Asia/Seoul"\nyear = 2023\n[check]\nignore = ["MS1"]\n')
    config = read_config(path)
    merged = config.with_options(timezone="UTC", year=None, ignore=["MS102"], strict=True)
    assert (merged.timezone, merged.year) == ("UTC", 2023)  # None: not given, the file's stays
    assert (merged.check.ignore, merged.check.strict) == (("MS102",), True)
    assert merged.where("timezone") == "--tz"
    assert merged.where("year") == f"{path}: year"
    assert merged.where("ignore") == "--ignore"
    assert config.where("ignore") == f"{path}: [check] ignore"
    with pytest.raises(MdStudyError, match=r"^--tz: unknown time zone 'Mars/Olympus'"):
        config.with_options(timezone="Mars/Olympus")
    with pytest.raises(MdStudyError, match=r"^--time: '7pm' is not a time of day"):
        config.with_options(time="7pm")


def test_config_year_and_columns_reach_every_command(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Club\n\n| Day | Host |\n| --- | --- |\n| 3/6 | Ann |\n| 3/13 | Bob |\n", encoding="utf-8"
    )
    (tmp_path / ".mdstudy.toml").write_text(
        'year = 2025\n[columns]\ndate = "Day"\npresenter = "Host"\n', encoding="utf-8"
    )
    doc = mdstudy.load(readme)
    assert [s.date for s in doc.sessions] == [dt.date(2025, 3, 6), dt.date(2025, 3, 13)]
    assert [s.date.year for s in mdstudy.load(readme, year=2024).sessions] == [2024, 2024]
    code, out, _ = run_in_process("show", "-f", str(readme), "--format", "json")
    assert code == 0 and '"date": "2025-03-06"' in out
    code, out, _ = run_in_process("show", "-f", str(readme), "--format", "json", "--year", "2024")
    assert code == 0 and '"date": "2024-03-06"' in out


def test_check_honours_the_config(tmp_path: Path) -> None:
    readme, config = project(tmp_path, '[check]\nselect = ["MS007"]\n')
    code, out, _ = run_in_process("check", str(readme))
    codes = set(re.findall(r" (MS\d{3}) ", out))
    assert code == 1 and codes == {"MS007"}
    config.write_text('[check]\nignore = ["duplicate-link"]\n', encoding="utf-8")
    code, out, _ = run_in_process("check", str(readme))
    assert "MS007" not in out


# --- start-up: nothing to pay without a file ----------------------------------------------


# (Without a config, check loads neither: tests/test_imports.py, `check README.md`.)


def test_check_with_a_valid_config_reads_it_without_difflib(tmp_path: Path) -> None:
    (tmp_path / ".mdstudy.toml").write_text('[check]\nignore = ["MS102"]\n', encoding="utf-8")
    code, modules = loaded(tmp_path, "check", "README.md")
    assert code == 1
    assert "mdstudy.config" in modules
    assert "difflib" not in modules  # only an unknown key needs a suggestion


# --- declared once, documented once ----------------------------------------------------------


def test_option_keys_are_unique_and_columns_are_the_roles() -> None:
    options = [name for _, name, key, _ in keys() if key.option is not None]
    assert len(options) == len(set(options))
    assert ColumnsConfig._fields == tuple(role.value for role in Column)


def readme_config_table() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration: `.mdstudy.toml`", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows[2:]]


def test_readme_table_lists_every_declared_key() -> None:
    documented: dict[tuple[str, str], tuple[str, str]] = {}
    for key_cell, kind, _default, option, _meaning in readme_config_table():
        section = re.match(r"`\[(\w+)\]`", key_cell)
        names = re.findall(r"`(\w+)`", key_cell)
        for name in names:
            where = (section[1] if section else "", name)
            documented[where] = (kind.replace("`", ""), option.replace("`", ""))
    declared = {(section, name): (key.kind, key.option or "") for section, name, key, _ in keys()}
    assert documented == declared
