"""Which README a command works on: `-f FILE`, `-f -` (standard input), or the nearest README.md.

Without `-f`, the README is looked for as git looks for `.git`: in the current folder,
then each parent, stopping at the repository root (the folder holding `.git`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from mdstudy.errors import MdStudyError

# Paths are strings here (os.path), as in source.py: pathlib would cost `check` start-up.

README = "README.md"
STDIN = "<stdin>"  # what messages call standard input
STDOUT = "<stdout>"  # and standard output, where `init -f -` writes a new README


class Readme:
    """The README a command reads: a file, or standard input (`path` None)."""

    __slots__ = ("label", "path")  # a plain class: a NamedTuple costs start-up time to create

    def __init__(self, path: str | None, label: str = STDIN) -> None:
        self.path = path
        self.label = label  # the name of standard input (or output)

    def __repr__(self) -> str:
        return f"Readme({self.path!r})"

    @property
    def stdin(self) -> bool:
        return self.path is None

    @property
    def name(self) -> str:
        return self.label if self.path is None else self.path

    @property
    def anchor(self) -> str:
        """The README `.mdstudy.toml` is looked for beside: for standard input, the
        current folder's."""
        return README if self.path is None else self.path


def tidy(name: str) -> str:
    """A path as it is printed: no `.` parts, no doubled or trailing separator
    (`./docs//README.md` is `docs/README.md`); `..` stays, as it may cross a link."""
    if os.altsep:
        name = name.replace(os.altsep, os.sep)
    parts = [part for part in name.split(os.sep) if part not in ("", ".")]
    root = os.sep if name.startswith(os.sep) else ""
    return root + os.sep.join(parts) or "."


def given(value: str | None) -> Readme:
    """The README named by `-f`: `-` is standard input, nothing means the nearest one."""
    if value == "-":
        return Readme(None)
    return Readme(find_readme() if value is None else tidy(value))


def _parents(folder: str) -> Iterator[str]:
    """The folder, then each parent up to the root."""
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def find_readme(start: str | None = None) -> str:
    """README.md in `start` (the current folder) or the nearest parent that has one,
    up to the repository root; relative to the current folder, as a user would type it."""
    here = os.getcwd()
    folder = start or here
    for candidate in _parents(folder):
        path = os.path.join(candidate, README)
        if os.path.isfile(path):
            return os.path.relpath(path, here) if candidate != here else README
        if os.path.exists(os.path.join(candidate, ".git")):
            where = (
                f"{folder} (the repository root)" if candidate == folder
                else f"{folder} or its parent folders up to the repository root {candidate}"
            )  # fmt: skip
            raise MdStudyError(
                f"no {README} in {where}; name the file with -f FILE (or -f - for standard input)"
            )
    raise MdStudyError(
        f"no {README} in {folder} or any parent folder; "
        "name the file with -f FILE (or -f - for standard input)"
    )


def read_stdin() -> str:
    """Standard input as text, refused in one line when it is empty or not a UTF-8 README."""
    from mdstudy.source import MAX_BYTES, decode

    stream = sys.stdin
    if stream is None:  # started with standard input closed
        raise MdStudyError(f"{STDIN}: standard input is closed; -f - reads the README from it")
    try:
        data = stream.buffer.read(MAX_BYTES + 1)
    except OSError as err:
        raise MdStudyError(f"{STDIN}: cannot read ({err.strerror})") from None
    if not data:
        raise MdStudyError(
            f"{STDIN}: empty; -f - reads the README from standard input "
            "(cat README.md | mdstudy show -f -)"
        )
    if len(data) > MAX_BYTES:
        raise MdStudyError(
            f"{STDIN}: too large for a README (over {MAX_BYTES // (1024 * 1024)} MB); "
            "mdstudy reads files up to that size"
        )
    return decode(data, STDIN)


def write_stdout(text: str) -> None:
    """The README's text to standard output as bytes: line endings and BOM as they are."""
    out = sys.stdout.buffer
    out.write(text.encode("utf-8"))
    out.flush()


def readmes_under(folder: str) -> list[str]:
    """The README.md files in a folder and below, in a stable order; hidden folders (.git)
    and node_modules are not entered."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f != "node_modules")
        if README in files:
            found.append(tidy(os.path.join(root, README)))
    if not found:
        raise MdStudyError(
            f"{folder}: a directory with no {README} in it or below "
            "(hidden folders and node_modules are skipped)"
        )
    return found


def expand(value: str) -> list[Readme]:
    """The READMEs one name stands for, where a command takes several: `-` is standard
    input, a folder the README.md files under it."""
    if value == "-":
        return [Readme(None)]
    if os.path.isdir(value):
        return [Readme(path) for path in readmes_under(tidy(value))]
    return [Readme(tidy(value))]


def each(names: tuple[str, ...]) -> Iterator[Readme | MdStudyError]:
    """Every README the names stand for, in order (none: the nearest README); a name that
    stands for none is its error, for the command to report before going on."""
    for name in names or (None,):
        try:
            found = [given(None)] if name is None else expand(name)
        except MdStudyError as err:
            yield err
            continue
        yield from found
