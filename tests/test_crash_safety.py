"""Contract 4, crashes: a killed `mdstudy` leaves the README either old or new, never partial.

Real processes toggle a session of a large README (so that writing takes a while)
with `assign` / `unassign` and are killed with SIGKILL, the one signal nothing can
clean up after: at random moments of their run, and in the middle of the write. After
every kill the README must hold exactly the bytes before or the bytes after the edit.
Which of the two depends on timing, so only that invariant is asserted; the mid-write
case freezes the process (SIGSTOP) first, which makes its outcome certain: while the
temporary file still exists the rename has not happened, so the README is the old one.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from shared_files import MDSTUDY, SEED, mdstudy_in_process

PADDING = b"A line of prose that makes this README large, so that writing it takes a while.\n"
LARGE = SEED.read_bytes() + PADDING * 15_000  # about 1.2 MB
ASSIGNED = LARGE.replace(b"\n5/24 | TBD |", b"\n5/24 | Alice |", 1)
ROUNDS = 6  # kills at random moments
MID_WRITE = 4  # stops that land while the temporary file exists
ATTEMPTS = 3 * MID_WRITE


def toggle(readme: Path) -> list[str]:
    """The edit that turns the README into the other of its two versions."""
    if readme.read_bytes() == LARGE:
        return [*MDSTUDY, "assign", "-f", readme.name, "5/24", "Alice"]
    return [*MDSTUDY, "unassign", "-f", readme.name, "5/24"]


def temporary_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_a_normal_run_leaves_no_temporary_file(tmp_path: Path) -> None:
    """The kills' "old or new" is right (assign writes ASSIGNED, unassign LARGE), and a
    run that is not killed leaves no temporary file and keeps the permissions."""
    readme = tmp_path / "README.md"
    readme.write_bytes(LARGE)
    readme.chmod(0o640)
    for expected in (ASSIGNED, LARGE):  # in process: the kills below are the real processes
        done = mdstudy_in_process(*toggle(readme)[len(MDSTUDY) :], cwd=tmp_path)
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
    for _ in range(ROUNDS):
        process = subprocess.Popen(toggle(readme), cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        # Around the length of a normal run: before, during or after the write (which
        # of them depends on the machine's load, so no outcome is asserted).
        time.sleep(chance.uniform(0.3, 1.3) * duration)
        _kill_and_check(readme, process)
        for stale in temporary_files(tmp_path):  # left by a kill mid-write
            (tmp_path / stale).unlink()


def test_sigkill_in_the_middle_of_the_write(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(LARGE)
    chance = random.Random(11)
    mid_write = 0
    for _ in range(ATTEMPTS):
        for stale in temporary_files(tmp_path):  # left by the previous kill
            (tmp_path / stale).unlink()
        before = readme.read_bytes()
        process = subprocess.Popen(toggle(readme), cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while not temporary_files(tmp_path) and process.poll() is None:
            if time.monotonic() > deadline:
                pytest.fail("mdstudy neither finished nor started writing within 60 s")
            time.sleep(0.001)  # leave the CPU to the process being watched
        time.sleep(chance.uniform(0, 0.004))
        process.send_signal(signal.SIGSTOP)  # frozen: nothing changes until the kill
        frozen = readme.read_bytes()
        writing = bool(temporary_files(tmp_path)) and process.poll() is None
        if writing:  # the temporary file is renamed last: the README is still the old one
            mid_write += 1
            assert frozen == before, "the README changed before its temporary file was renamed"
        assert _kill_and_check(readme, process) == frozen
        if mid_write == MID_WRITE:
            break
    # Every attempt that found the process already done is a wasted one, not a failure;
    # a machine where none of them lands mid-write could not run this test at all.
    assert mid_write, f"no stop of {ATTEMPTS} landed while the temporary file existed"
