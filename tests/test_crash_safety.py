"""Contract 4, crashes: a killed `mdstudy` leaves the README either old or new, never partial.

Real processes toggle a session of a large README (so that writing takes a while)
with `assign` / `unassign` and are killed with SIGKILL, the one signal nothing can
clean up after: at random moments of their run, and at random moments after their
temporary file appeared (that is, in the middle of the write). After every kill the
README must hold exactly the bytes before or the bytes after the edit.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from shared_files import MDSTUDY, SEED

PADDING = b"A line of prose that makes this README large, so that writing it takes a while.\n"
LARGE = SEED.read_bytes() + PADDING * 40_000  # about 3 MB
ASSIGNED = LARGE.replace(b"\n5/24 | TBD |", b"\n5/24 | Alice |", 1)
ROUNDS = 24


def toggle(readme: Path) -> list[str]:
    """The edit that turns the README into the other of its two versions."""
    if readme.read_bytes() == LARGE:
        return [*MDSTUDY, "assign", "-f", readme.name, "5/24", "Alice"]
    return [*MDSTUDY, "unassign", "-f", readme.name, "5/24"]


def temporary_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_the_two_versions_differ_only_in_the_edited_row() -> None:
    assert ASSIGNED != LARGE
    assert len(ASSIGNED) == len(LARGE) + len("Alice") - len("TBD")


def test_a_normal_run_leaves_no_temporary_file(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(LARGE)
    readme.chmod(0o640)
    for expected in (ASSIGNED, LARGE):
        done = subprocess.run(toggle(readme), cwd=tmp_path, capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert readme.read_bytes() == expected
        assert sorted(os.listdir(tmp_path)) == ["README.md"]
        assert readme.stat().st_mode & 0o777 == 0o640  # permissions kept across the rename


def _normal_run_seconds(folder: Path, readme: Path) -> float:
    started = time.monotonic()
    subprocess.run(toggle(readme), cwd=folder, capture_output=True, timeout=60, check=True)
    return time.monotonic() - started


def _kill_and_check(readme: Path, process: subprocess.Popen[bytes]) -> bytes:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert readme.exists(), "the README vanished"
    now = readme.read_bytes()
    assert now in (LARGE, ASSIGNED), f"partial README: {len(now)} bytes"
    return now


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(LARGE)
    duration = min(_normal_run_seconds(tmp_path, readme) for _ in range(2))
    chance = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for _ in range(ROUNDS):
        before = readme.read_bytes()
        process = subprocess.Popen(toggle(readme), cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(chance.uniform(0.3, 1.3) * duration)
        after = _kill_and_check(readme, process)
        outcomes["old" if after == before else "new"] += 1
    # Kills before and after the rename both happened: the moments spanned the write.
    assert outcomes["old"] and outcomes["new"], outcomes


def test_sigkill_in_the_middle_of_the_write(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(LARGE)
    chance = random.Random(11)
    mid_write = 0
    for _ in range(ROUNDS):
        for stale in temporary_files(tmp_path):  # left by the previous kill
            (tmp_path / stale).unlink()
        process = subprocess.Popen(toggle(readme), cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while not temporary_files(tmp_path) and process.poll() is None:
            if time.monotonic() > deadline:
                pytest.fail("mdstudy neither finished nor started writing within 60 s")
        if process.poll() is None:
            mid_write += 1
            time.sleep(chance.uniform(0, 0.004))
        _kill_and_check(readme, process)
    assert mid_write >= ROUNDS // 2, f"only {mid_write} of {ROUNDS} kills landed mid-write"
