"""The one error type of mdstudy: its message is meant for the user, as is."""

from __future__ import annotations


class MdStudyError(Exception):
    """Bad input or a refused operation; the message names the file or row and the problem.

    A message that tells the caller what to pass says it in Python (`force=True`,
    `year=YYYY`); `hint` is that text, exactly as the message spells it, so that the
    command line can say its own option instead (`--force`, `--year YYYY`).
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
