"""Atomic writes: a temporary file in the same folder, renamed over the original."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from mdstudy.errors import MdStudyError
from mdstudy.source import StrPath

try:  # POSIX; elsewhere the compare-then-rename window is merely kept short
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


# What a file is given: its text, or a function that writes its bytes through the `write`
# it is passed (a large calendar is then never held whole).
Content = str | Callable[[Callable[[bytes], object]], None]


def write_atomic(file: StrPath, text: Content, *, expected: str | None = None) -> None:
    """Replace the file's contents with text, all or nothing.

    A symlinked file stays a link (its target is written); permissions are kept.
    With `expected`, the write is refused when the file no longer holds that text,
    so an edit made by someone else since the file was read is never lost.
    """
    path = Path(file)
    target = Path(os.path.realpath(path))
    try:
        if expected is not None:
            _refuse_if_changed(path, target, expected)  # fail early, before any work
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        temporary = _temporary(target.parent, target.name, text, mode)
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as err:
        raise MdStudyError(f"{path}: cannot write ({err.strerror})") from None
    try:
        # Compare and rename under a lock, so two mdstudy processes cannot both pass
        # the comparison and then rename one after the other (a lost update).
        with _locked(target if expected is not None else None):
            if expected is not None:
                _refuse_if_changed(path, target, expected)
            os.replace(temporary, target)
        _sync_folder(target.parent)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, FileNotFoundError):
            raise _missing(path) from None
        if isinstance(err, OSError):
            raise MdStudyError(f"{path}: cannot write ({err.strerror})") from None
        raise


def _missing(path: Path) -> MdStudyError:
    """The file, or the folder it should be in, is not there: say which."""
    folder = path.absolute().parent
    if not folder.is_dir():
        return MdStudyError(f"{path}: no such folder: {folder}")
    return MdStudyError(f"{path}: no such file")


def write_new(path: Path, text: str, why: str) -> None:
    """Write a file that must not exist yet, all or nothing: a temporary file in the same
    folder, linked to its name (which fails, atomically, when the name is taken)."""
    if path.exists() or path.is_symlink():
        raise MdStudyError(f"{path}: already exists; {why}")
    folder = path.absolute().parent
    try:
        temporary = _temporary(folder, path.name, text, _default_mode())
    except FileNotFoundError:
        raise MdStudyError(f"{path}: no such folder: {folder}") from None
    except OSError as err:
        raise MdStudyError(f"{path}: cannot write ({err.strerror})") from None
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise MdStudyError(f"{path}: already exists; {why}") from None
    except OSError as err:
        raise MdStudyError(f"{path}: cannot write ({err.strerror})") from None
    finally:
        os.unlink(temporary)
    _sync_folder(folder)


def _temporary(folder: Path, name: str, content: Content, mode: int) -> str:
    """A temporary file beside `name` in `folder`, holding `content` on disk with `mode`."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(content, str):
                out.write(content.encode("utf-8"))
            else:
                content(out.write)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _refuse_if_changed(path: Path, target: Path, expected: str) -> None:
    if target.read_bytes() != expected.encode("utf-8"):
        raise MdStudyError(f"{path}: file changed on disk since it was read; try again")


@contextlib.contextmanager
def _locked(target: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on the file now at `target` (none for None or without fcntl).

    The lock lives on the file itself, not on a lock file, so a killed process never
    leaves a stale lock behind (the kernel drops it) nor an extra file in the repository.
    A rename replaces the file: a lock won on a file that has since been replaced
    protects nothing, so that case locks again.
    """
    if target is None or fcntl is None:
        yield
        return
    while True:
        descriptor = os.open(target, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            if os.fstat(descriptor).st_ino == os.stat(target).st_ino:
                break
        except OSError as err:
            if isinstance(err, FileNotFoundError):
                os.close(descriptor)
                raise
            break  # a file system without locks (some network mounts): compare unlocked
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)
    try:
        yield
    finally:
        os.close(descriptor)  # closing drops the lock


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
