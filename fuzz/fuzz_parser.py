"""Coverage-guided fuzzing of the parser with atheris (run by hand, not in CI).

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_parser.py -max_total_time=60 fuzz/corpus

Every input is decoded as UTF-8 (bytes that are not UTF-8 must be refused with
MdStudyError, as `mdstudy.load` does), parsed, read through every view and checked.
A crash is any exception other than MdStudyError, or a text that does not round-trip.
Whatever it finds belongs in tests/test_fuzz.py as a regression case.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import mdstudy
    from mdstudy.check import RULES, Settings, check_document
    from mdstudy.errors import MdStudyError
    from mdstudy.source import decode

ALL_RULES = Settings(frozenset(RULES), strict=True)


def test_one_input(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.md")
    except MdStudyError:
        return
    doc = mdstudy.loads(text)
    try:
        _ = doc.tables, doc.schedule_table, doc.candidate_table, doc.study
        _ = doc.sessions, doc.candidates
    except MdStudyError:
        pass
    check_document(doc, ALL_RULES, "fuzz.md")
    if doc.dumps() != text:
        raise AssertionError("round trip changed the text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
