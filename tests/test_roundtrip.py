"""Contract 1: parse then write gives the same text, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from gfm_oracle import github_tables
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_docs import document
from shared_files import SEED, corpus_files, require_corpus

import mdstudy

REAL_FILES = [SEED, *corpus_files()]


def variants(text: str) -> dict[str, str]:
    """The same README with other line endings, a BOM and no final newline."""
    return {
        "as is": text,
        "CRLF": text.replace("\n", "\r\n"),
        "CR": text.replace("\n", "\r"),
        "mixed": "".join(
            line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(text.split("\n"))
        ),
        "BOM": "\ufeff" + text,
        "no final newline": text.rstrip("\n"),
    }


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_readmes_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rendered = len(github_tables(text))  # file 39: GitHub renders none (empty delimiter cells)
    for name, variant in variants(text).items():
        doc = mdstudy.loads(variant)
        assert len(doc.tables) == rendered, name  # the views are read, not just stored
        assert doc.dumps() == variant, name


def test_corpus_is_present() -> None:
    require_corpus()
    assert len(corpus_files()) == 49


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_rows_rebuild_their_lines(path: Path) -> None:
    """Every table row's trivia and cells concatenate back to its exact source line."""
    doc = mdstudy.loads(path.read_text(encoding="utf-8").replace("\n", "\r\n"))
    for table in doc.tables:
        rows = [table.header_row, table.delimiter_row, *table.body_rows]
        for offset, row in enumerate(rows):
            assert row.text() == doc.source.lines[table.start + offset]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(document())
def test_generated_documents_round_trip(text: str) -> None:
    doc = mdstudy.loads(text)
    for table in doc.tables:
        for offset, row in enumerate([table.header_row, table.delimiter_row, *table.body_rows]):
            assert row.text() == doc.source.lines[table.start + offset]
    assert doc.dumps() == text


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text())
def test_any_text_round_trips(text: str) -> None:
    doc = mdstudy.loads(text)
    _ = doc.tables
    assert doc.dumps() == text
