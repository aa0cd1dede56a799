"""Contract 4, concurrent edits: two `mdstudy` processes editing one README never lose an edit.

Each round starts two real processes that edit different sessions of the same
README at (nearly) the same moment. Each must either land, or fail cleanly with
"file changed ... try again" and exit 2; re-reading the README must show exactly the
edits of the processes that reported success. How often the two overlap depends on the
machine's load, so only that invariant is asserted, never that a refusal happened; the
refusal itself is shown for certain by a hand edit between reading and saving (below).
The README is large so that each process reads, edits and writes for a while: in 10
rounds on a loaded 2-core machine every round overlapped (one edit landed, the other
was refused), so three rounds exercise the race without twelve processes.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import time
from pathlib import Path

from shared_files import MDSTUDY, SEED

import mdstudy

PADDING = b"Prose that makes the README large enough for writing it to take a moment.\n"
BASE = SEED.read_bytes() + PADDING * 15_000  # about 1.1 MB: writing it takes a moment
ROUNDS = 3

# (command, the row before, the row after)
EDITS = {
    "alice": (["assign", "-f", "README.md", "5/24", "Alice"],
              b"\n5/24 | TBD |", b"\n5/24 | Alice |"),
    "bob": (["assign", "-f", "README.md", "7/19", "Bob"],
            b"\n7/19 | TBD |", b"\n7/19 | Bob |"),
}  # fmt: skip


def expected_text(landed: list[str]) -> bytes:
    text = BASE
    for name in landed:
        _, old, new = EDITS[name]
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def test_two_writers_never_lose_an_update(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    chance = random.Random(3)
    for _ in range(ROUNDS):
        readme.write_bytes(BASE)
        processes = {}
        for name, (arguments, _, _) in EDITS.items():
            processes[name] = subprocess.Popen(
                [*MDSTUDY, *arguments], cwd=tmp_path, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            time.sleep(chance.uniform(0, 0.01))
        landed = []
        for name, process in processes.items():
            out, err = process.communicate(timeout=60)
            assert "Traceback" not in out + err
            if process.returncode == 0:
                landed.append(name)
            else:
                assert process.returncode == 2, err
                lines = err.strip().splitlines()
                assert len(lines) == 1, err
                assert re.search(r"README\.md: file changed.*try again", lines[0]), err
        assert landed, "a round where neither edit landed"
        assert readme.read_bytes() == expected_text(landed), f"lost update: {landed} landed"


def test_a_hand_edit_after_reading_is_never_overwritten(tmp_path: Path) -> None:
    """Same size, same mtime: the comparison is by content, so it still sees the change."""
    readme = tmp_path / "README.md"
    readme.write_bytes(BASE)
    doc = mdstudy.load(readme)
    doc.assign("5/24", "Alice")
    stat = readme.stat()
    by_hand = BASE.replace(b"\n7/19 | TBD |", b"\n7/19 | Zed |")
    assert len(by_hand) == len(BASE)
    readme.write_bytes(by_hand)
    os.utime(readme, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    try:
        doc.save()
    except mdstudy.MdStudyError as err:
        assert "changed" in str(err) and "try again" in str(err)
    else:
        raise AssertionError("the save overwrote a hand edit")
    assert readme.read_bytes() == by_hand
    assert sorted(os.listdir(tmp_path)) == ["README.md"]
