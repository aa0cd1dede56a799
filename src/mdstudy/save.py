"""Atomic writes: a temporary file in the same folder, renamed over the original."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from mdstudy.errors import MdStudyError


def write_atomic(path: Path, text: str, *, expected: str | None = None) -> None:
    """Replace the file's contents with text, all or nothing.

    A symlinked file stays a link (its target is written); permissions are kept.
    With `expected`, the write is refused when the file no longer holds that text,
    so an edit made by someone else since the file was read is never lost.
    """
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    try:
        if expected is not None and target.read_bytes() != expected.encode("utf-8"):
            raise MdStudyError(f"{path}: file changed on disk since it was read; try again")
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except FileNotFoundError:
        raise MdStudyError(f"{path}: no such file") from None
    except OSError as err:
        raise MdStudyError(f"{path}: cannot write ({err.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise MdStudyError(f"{path}: cannot write ({err.strerror})") from None
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
