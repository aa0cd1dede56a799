"""`mdstudy ics` as users run it: real files, exit statuses and stderr. In process through
`mdstudy.cli.main`, except where only a real process can show it (hash seeds, the time-zone
search path, bytes on a real stdout)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
import vobject
from shared_files import SEED, Ran, mdstudy_in_process, run_mdstudy

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
UTC = dt.timezone.utc


def run(
    *args: str, cwd: Path | None = None, epoch: str | None = EPOCH, hash_seed: str | None = None
) -> Ran:
    """`mdstudy ics ARGS` with SOURCE_DATE_EPOCH set (None: unset); a hash seed needs a
    real process."""
    if hash_seed is None:
        return mdstudy_in_process("ics", *args, cwd=cwd, env={"SOURCE_DATE_EPOCH": epoch})
    env = {"SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": hash_seed}
    return run_mdstudy("ics", *args, cwd=cwd, env=env, timeout=60)


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A copy of the seed README in its own folder (no git checkout, no config)."""
    path = tmp_path / "README.md"
    shutil.copyfile(SEED, path)
    return path


def events(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's raw text by its UID."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.DOTALL)
    found = {}
    for block in blocks:
        m = re.search(rb"\r\nUID:([^\r]*)\r\n", block)
        assert m
        found[m[1].decode()] = block
    assert len(found) == len(blocks)
    return found


def test_seed_figures(study: Path) -> None:
    timed = run("-f", str(study), "--time", "19:00", "--tz", "Asia/Seoul", "--duration", "90m")
    assert timed.returncode == 0, timed.stderr
    assert timed.stderr == ""
    calendar = vobject.readOne(timed.stdout_bytes.decode())
    starts = {
        e.dtstart.value.astimezone(UTC): e.dtend.value.astimezone(UTC) for e in calendar.vevent_list
    }
    assert len(starts) == 13
    assert starts[dt.datetime(2023, 5, 10, 10, tzinfo=UTC)] == dt.datetime(
        2023, 5, 10, 11, 30, tzinfo=UTC
    )
    assigned = run("-f", str(study), "--time", "19:00", "--tz", "Asia/Seoul", "--assigned-only")
    assert assigned.stdout_bytes.count(b"BEGIN:VEVENT") == 10
    all_day = run("-f", str(study))
    parsed = icalendar.Calendar.from_ical(all_day.stdout_bytes)
    dates = [e.decoded("DTSTART") for e in parsed.walk("VEVENT")]
    assert len(dates) == 13 and all(type(d) is dt.date for d in dates)
    assert dates[0] == dt.date(2023, 5, 3) and dates[-1] == dt.date(2023, 7, 26)


def test_two_runs_are_byte_identical(study: Path) -> None:
    args = ("-f", str(study), "--time", "19:00", "--tz", "Europe/Berlin", "--location", "Zoom")
    first = run(*args, hash_seed="1")
    second = run(*args, hash_seed="2")
    assert first.returncode == 0 and first.stdout_bytes
    assert first.stdout_bytes == second.stdout_bytes
    assert b"DTSTAMP:20231114T221320Z\r\n" in first.stdout_bytes


def test_without_source_date_epoch_the_stamp_is_the_readme_mtime(study: Path) -> None:
    when = dt.datetime(2024, 2, 29, 12, 34, 56, tzinfo=UTC).timestamp()
    os.utime(study, (when, when))
    first = run("-f", str(study), epoch=None)
    assert first.stdout_bytes.count(b"DTSTAMP:20240229T123456Z\r\n") == 13
    assert run("-f", str(study), epoch=None).stdout_bytes == first.stdout_bytes


def test_editing_one_session_changes_that_event_only(study: Path) -> None:
    args = ("-f", str(study), "--time", "19:00", "--tz", "Asia/Seoul")
    before = events(run(*args).stdout_bytes)
    text = study.read_text(encoding="utf-8")
    edited = text.replace("6/14 | 강병하 | - |", "6/14 | 강병하 | Pruning at Scale |")
    assert edited != text
    study.write_text(edited, encoding="utf-8")
    after = events(run(*args).stdout_bytes)
    assert before.keys() == after.keys()
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert len(changed) == 1
    assert (
        b"SUMMARY:Pruning at Scale \xe2\x80\x94 \xea\xb0\x95\xeb\xb3\x91\xed\x95\x98"
        in after[changed[0]]
    )
    assert b"DTSTART;TZID=Asia/Seoul:20230614T190000" in after[changed[0]]


def test_adding_and_removing_sessions_keeps_the_other_uids(study: Path) -> None:
    before = events(run("-f", str(study)).stdout_bytes)
    text = study.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("5/24 |")]
    index = next(i for i, line in enumerate(lines) if line.startswith("7/26 |"))
    lines.insert(index + 1, "8/2 | 김민수 | Wrap-up | - | - | -\n")
    study.write_text("".join(lines), encoding="utf-8")
    after = events(run("-f", str(study)).stdout_bytes)
    assert len(before) == len(after) == 13
    kept = before.keys() & after.keys()
    assert len(kept) == 12
    assert all(before[uid] == after[uid] for uid in kept)


def test_output_file_is_written_atomically(study: Path) -> None:
    out = study.parent / "study.ics"
    out.write_bytes(b"old calendar")
    done = run("-f", str(study), "-o", str(out), "--tz", "Asia/Seoul")
    assert done.returncode == 0 and done.stdout_bytes == b"" and done.stderr == ""
    assert out.read_bytes() == run("-f", str(study), "--tz", "Asia/Seoul").stdout_bytes
    assert sorted(p.name for p in study.parent.iterdir()) == ["README.md", "study.ics"]


def test_refuses_to_write_over_the_readme(study: Path) -> None:
    original = study.read_bytes()
    done = run("-f", str(study), "-o", str(study))
    assert done.returncode == 2
    assert done.stderr.startswith("mdstudy: ")
    assert study.read_bytes() == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--time", "25:00", "--tz", "Asia/Seoul"], "--time: '25:00' is not a time of day"),
        (["--time", "19:00", "--tz", "Mars/Olympus"], "--tz: unknown time zone 'Mars/Olympus'"),
        (["--time", "19:00", "--tz", "UTC", "--duration", "-5m"], "--duration: '-5m' is negative"),
        (["--time", "19:00"], "--time: a start time needs a time zone"),
        (["--repo", "just-a-name"], "--repo: 'just-a-name' is not a GitHub repository"),
    ],
)
def test_bad_option_values(study: Path, args: list[str], message: str) -> None:
    original = study.read_bytes()
    out = study.parent / "study.ics"
    done = run("-f", str(study), "-o", str(out), *args)
    assert done.returncode == 2
    assert done.stdout_bytes == b""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mdstudy: {message}")
    assert study.read_bytes() == original
    assert not out.exists()


def test_missing_readme_and_bad_epoch(tmp_path: Path, study: Path) -> None:
    missing = run("-f", str(tmp_path / "nope.md"))
    assert missing.returncode == 2
    assert missing.stderr == f"mdstudy: {tmp_path / 'nope.md'}: no such file\n"
    bad_epoch = run("-f", str(study), epoch="soon")
    assert bad_epoch.returncode == 2
    assert bad_epoch.stderr.startswith("mdstudy: SOURCE_DATE_EPOCH: 'soon'")


def test_settings_from_config_and_command_line_wins(study: Path) -> None:
    (study.parent / ".mdstudy.toml").write_text(
        'time = "19:00"\nduration = "1:30"\ntimezone = "Asia/Seoul"\n'
        'location = "Zoom"\nrepo = "Efficient-AI/study-2023"\n',
        encoding="utf-8",
    )
    from_config = icalendar.Calendar.from_ical(run("-f", str(study)).stdout_bytes)
    may10 = next(e for e in from_config.walk("VEVENT") if "권세중" in e["SUMMARY"])
    assert may10.decoded("DTSTART").astimezone(UTC) == dt.datetime(2023, 5, 10, 10, tzinfo=UTC)
    assert may10.decoded("DTEND").astimezone(UTC) == dt.datetime(2023, 5, 10, 11, 30, tzinfo=UTC)
    assert may10["LOCATION"] == "Zoom"
    assert may10["URL"] == "https://github.com/Efficient-AI/study-2023/issues/2"
    overridden = icalendar.Calendar.from_ical(
        run("-f", str(study), "--time", "20:00", "--duration", "45m", "--repo", "a/b").stdout_bytes
    )
    may10 = next(e for e in overridden.walk("VEVENT") if "권세중" in e["SUMMARY"])
    assert may10.decoded("DTSTART").astimezone(UTC) == dt.datetime(2023, 5, 10, 11, tzinfo=UTC)
    assert may10.decoded("DTEND").astimezone(UTC) == dt.datetime(2023, 5, 10, 11, 45, tzinfo=UTC)
    assert may10["URL"] == "https://github.com/a/b/issues/2"


def test_bad_config_value_names_the_file(study: Path) -> None:
    config = study.parent / ".mdstudy.toml"
    config.write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    done = run("-f", str(study))
    assert done.returncode == 2
    assert done.stderr == (
        f"mdstudy: {config}: timezone: unknown time zone 'Mars/Olympus' "
        "(use an IANA name such as Asia/Seoul)\n"
    )


def test_config_year_feeds_the_dates(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Paper club\n\n| Date | Who |\n|---|---|\n| 3/6 | Ann |\n", encoding="utf-8"
    )
    no_year = run("-f", str(readme))
    assert no_year.returncode == 2 and "cannot tell the year" in no_year.stderr
    (tmp_path / ".mdstudy.toml").write_text("year = 2025\n", encoding="utf-8")
    assert b"DTSTART;VALUE=DATE:20250306\r\n" in run("-f", str(readme)).stdout_bytes
    assert (
        b"DTSTART;VALUE=DATE:20240306\r\n" in run("-f", str(readme), "--year", "2024").stdout_bytes
    )


def test_repository_from_the_git_origin_remote(study: Path) -> None:
    folder = study.parent
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(folder),
            "remote",
            "add",
            "origin",
            "https://github.com/Kim/ai-study.git",
        ],
        check=True,
    )
    data = run("-f", "README.md", cwd=folder).stdout_bytes
    assert b"URL:https://github.com/Kim/ai-study/issues/2\r\n" in data
    # The remote is the study's identity: the same UIDs as with --repo.
    assert (
        events(data).keys()
        == events(run("-f", str(study), "--repo", "kim/AI-study").stdout_bytes).keys()
    )


def test_location_with_line_breaks_cannot_inject(study: Path) -> None:
    done = run("-f", str(study), "--location", "Room 1\r\nEND:VEVENT\r\nBEGIN:VEVENT")
    assert done.returncode == 0
    lines = done.stdout_bytes.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 13
    for event in vobject.readOne(done.stdout_bytes.decode()).vevent_list:
        assert event.location.value == "Room 1\nEND:VEVENT\nBEGIN:VEVENT"


def test_works_without_a_system_time_zone_database(study: Path, tmp_path: Path) -> None:
    # An empty search path stands for a fresh machine: the tzdata package answers.
    (tmp_path / "no-tz").mkdir()
    env = {"PYTHONTZPATH": str(tmp_path / "no-tz"), "SOURCE_DATE_EPOCH": EPOCH}
    done = run_mdstudy(
        "ics", "-f", study, "--time", "19:00", "--tz", "Asia/Seoul", env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout_bytes
        == run("-f", str(study), "--time", "19:00", "--tz", "Asia/Seoul").stdout_bytes
    )


def test_move_keeps_the_uid_of_a_session_with_an_issue(study: Path) -> None:
    before = events(run("-f", str(study), "--time", "19:00", "--tz", "Asia/Seoul").stdout_bytes)
    lora = next(uid for uid, block in before.items() if b"20230607T190000" in block)
    moved = mdstudy_in_process("move", "6/7", "6/9", "-f", study)
    assert moved.returncode == 0, moved.stderr
    after = events(run("-f", str(study), "--time", "19:00", "--tz", "Asia/Seoul").stdout_bytes)
    assert after.keys() == before.keys()  # the issue (#6) keys the event, not the date
    assert b"DTSTART;TZID=Asia/Seoul:20230609T190000\r\n" in after[lora]
    assert [uid for uid in before if before[uid] != after[uid]] == [lora]


def test_skip_cancelled_and_refresh_interval(study: Path) -> None:
    done = run("-f", str(study), "--skip-cancelled")
    assert done.returncode == 0, done.stderr
    assert done.stdout_bytes.count(b"BEGIN:VEVENT") == 13  # the seed cancels nothing
    assert (
        b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\nX-PUBLISHED-TTL:PT12H\r\n"
        in done.stdout_bytes
    )
    assert done.stdout_bytes.count(b"\r\nSEQUENCE:28333333\r\n") == 13  # EPOCH in minutes
