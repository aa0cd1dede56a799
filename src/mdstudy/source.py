"""The text of a README exactly as read: lines with their own endings, BOM remembered."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string
# annotation of its fields into a ForwardRef (see rules/context.py); real types cost nothing.
import os
import re
from typing import NamedTuple

from mdstudy.errors import MdStudyError

BOM = "\ufeff"
# Markdown knows only these three line endings; str.splitlines() knows more
# (form feed, U+2028, ...), which would split lines GitHub keeps whole.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class Source(NamedTuple):  # not a frozen dataclass: cheaper to create at start-up
    """A document's text split into lines that each keep their own ending."""

    lines: tuple[str, ...]
    bom: bool = False

    @classmethod
    def from_text(cls, text: str) -> "Source":
        bom = text.startswith(BOM)
        body = text[len(BOM) :] if bom else text
        return cls(tuple(_LINE.findall(body)), bom)

    def text(self) -> str:
        return (BOM if self.bom else "") + "".join(self.lines)

    def replace_lines(self, start: int, stop: int, new: list[str]) -> "Source":
        """A new Source with lines[start:stop] replaced (0-based, stop exclusive)."""
        return Source((*self.lines[:start], *new, *self.lines[stop:]), self.bom)


def line_body(line: str) -> str:
    """The line without its ending."""
    return line.rstrip("\r\n")


def line_ending(line: str) -> str:
    return line[len(line_body(line)) :]


def decode(data: bytes, name: str) -> str:
    """UTF-8 text from bytes, or one clear error for binary and other encodings."""
    if b"\0" in data:
        raise MdStudyError(f"{name}: binary file (contains NUL bytes), not a Markdown README")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise MdStudyError(
            f"{name}: not UTF-8 text (bad byte 0x{data[err.start]:02x} on line {line}); "
            "save the file as UTF-8"
        ) from None


# The settings file beside a README (config.py reads it). Named here, among the files as
# read, so that a command can ask whether there is one without loading config.py.
CONFIG_NAME = ".mdstudy.toml"


# A file name as commands and the API take it. Paths stay strings on the way of `check`
# (os.path): importing pathlib would cost its start-up more than all of its path work.
StrPath = str | os.PathLike[str]


def config_path(readme: StrPath) -> str:
    """Where the `.mdstudy.toml` of a README would be (it may not exist)."""
    return os.path.join(os.path.dirname(os.path.abspath(readme)), CONFIG_NAME)


# A README of 100,000 schedule rows is about 11 MB; anything far past that is not a README.
MAX_BYTES = 32 * 1024 * 1024


def read_text(path: StrPath) -> str:
    """The file's text, with every way reading can fail turned into MdStudyError."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise MdStudyError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MdStudyError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise MdStudyError(f"{path}: permission denied") from None
    except OSError as err:
        raise MdStudyError(f"{path}: cannot read ({err.strerror})") from None
    if len(data) > MAX_BYTES:
        raise MdStudyError(
            f"{path}: too large for a README (over {MAX_BYTES // (1024 * 1024)} MB); "
            "mdstudy reads files up to that size"
        )
    return decode(data, str(path))
