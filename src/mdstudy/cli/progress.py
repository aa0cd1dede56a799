"""A spinner on standard error while long work runs: only on a terminal, only after a second.

The work itself is not touched: a background thread waits, and if the work is still
running after DELAY seconds it draws `- mdstudy: reading README.md (3 s)` on standard
error, redrawn a few times a second, and wipes it when the work ends (before the
command prints its result, or its error). In a pipe or a file nothing is drawn and no
thread is started, so a pre-commit hook's output stays as it was.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

DELAY = 1.0  # seconds of work before the spinner appears
FRAMES = "-\\|/"  # ASCII: any terminal encoding can show it


def _delay() -> float:
    # MDSTUDY_PROGRESS_DELAY (seconds) lets tests see the spinner on a smaller README.
    try:
        return max(float(os.environ.get("MDSTUDY_PROGRESS_DELAY", DELAY)), 0.0)
    except ValueError:
        return DELAY


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


@contextmanager
def working(action: str, path: object, *, streams_to_stdout: bool = False) -> Iterator[None]:
    """Show a spinner saying `action path` while the block runs longer than DELAY seconds.

    `streams_to_stdout`: the block writes its result to standard output as it goes;
    when that is the same terminal the spinner would tangle with it, so none is drawn.
    """
    if not _is_terminal(sys.stderr) or (streams_to_stdout and _is_terminal(sys.stdout)):
        yield
        return
    import threading

    done = threading.Event()
    spinner = threading.Thread(target=_spin, args=(action, str(path), done, _delay()), daemon=True)
    spinner.start()
    try:
        yield
    finally:
        done.set()
        spinner.join()


def _spin(action: str, path: str, done: threading.Event, delay: float) -> None:
    if done.wait(delay):
        return
    import shutil

    begun = time.monotonic() - delay
    room = shutil.get_terminal_size().columns - 1  # one line: a wrapped one cannot be redrawn
    frame = 0
    try:
        while not done.is_set():
            head = f"{FRAMES[frame % len(FRAMES)]} mdstudy: {action} "
            tail = f" ({time.monotonic() - begun:.0f} s)"
            sys.stderr.write(f"\r{head}{_cut(path, room - len(head) - len(tail))}{tail}\x1b[K")
            sys.stderr.flush()
            frame += 1
            done.wait(0.125)
        sys.stderr.write("\r\x1b[K")  # the line left empty for what the command prints next
        sys.stderr.flush()
    except (OSError, ValueError, UnicodeError):  # a closed or narrow-encoded stderr: no spinner
        return


def _cut(path: str, room: int) -> str:
    """The path's end (its file name) within `room` columns: one line can be redrawn, a
    wrapped one cannot. Wide characters are counted as two columns."""
    room = max(room if path.isascii() else room // 2, 1)
    return path if len(path) <= room else "…" + path[len(path) - room + 1 :]
