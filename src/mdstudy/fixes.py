"""`mdstudy check --fix`: fix what a rule found when it has one safe answer.

- MS006 bad-link: a web address written without its scheme (`arxiv.org/abs/…`,
  `www.example.org/x`), bare or as a link's target, gets `https://`;
- MS001 column-count: a row with fewer cells than its header gets the missing cells,
  holding the column's placeholder (a row with more cells is never cut: its text
  would be lost);
- MS008 broken-table: a delimiter row whose cell count differs from its header's is
  rewritten with one cell per header cell, in its own style.

Cells are written by the writer the edits use (splice.RowWriter: the table's
padding, its placeholders, a re-read of every written row). Fixing runs the rules
again after each pass (a fixed delimiter row makes a table whose rows may need
cells), at most a few passes; a finding counts as fixed when the rules no longer
report it. Lines are never added or removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from mdstudy.check import Finding, Settings, check_document, settings_for
from mdstudy.document import Document, load
from mdstudy.layout import fill_cell
from mdstudy.model import Column
from mdstudy.patterns import compiled
from mdstudy.rules import Context, TableView
from mdstudy.rules.links import SCHEMELESS, inside_url
from mdstudy.source import Source, line_body, line_ending
from mdstudy.splice import RowWriter, TableEdit
from mdstudy.tables import Row, Table, find_tables
from mdstudy.values import is_placeholder

FIXABLE = frozenset({"MS001", "MS006", "MS008"})
_PASSES = 4

# A link target that is a web address without its scheme (`](arxiv.org/abs/1)`).
_SCHEMELESS_TARGET = re.compile(
    r"\]\(\s*<?(?=(?:www\.[a-z0-9-]+\.|(?:[a-z0-9-]+\.)+[a-z]{2,}/))", re.I
)
_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*\Z")


class FixResult(NamedTuple):
    source: Source  # the text with the fixes (the document's own when nothing was fixed)
    fixed: list[Finding]  # what the rules reported and no longer do
    findings: list[Finding]  # what is left


def fix_document(doc: Document, settings: Settings, path: str | None = None) -> FixResult:
    """Fix the selected fixable findings; the Document itself is left as it is."""
    name = path if path is not None else doc.name
    findings = check_document(doc, settings, name)
    seen: dict[tuple[int, str, str], Finding] = {}
    current = doc
    for _ in range(_PASSES):
        fixable = [f for f in findings if f.code in FIXABLE]
        if not fixable:
            break
        for f in fixable:
            seen.setdefault((f.line, f.code, f.message), f)
        new = fix_pass(current, fixable)
        if new == current.source:
            break
        _verify(current.source, new, name)
        current = doc.with_source(new)
        findings = check_document(current, settings, name)
    left = {(f.line, f.code, f.message) for f in findings}
    fixed = sorted(
        (f for key, f in seen.items() if key not in left), key=lambda f: (f.line, f.column, f.code)
    )
    return FixResult(current.source, fixed, findings)


class FileFix(NamedTuple):
    doc: Document
    result: FixResult
    settings: Settings


def fix_file(
    path: str,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    strict: bool = False,
) -> FileFix:
    from pathlib import Path

    doc = load(Path(path))
    settings = settings_for(doc.config, select, ignore, strict)
    return FileFix(doc, fix_document(doc, settings, path), settings)


def fix_pass(doc: Document, findings: Iterable[Finding]) -> Source:
    """The document's text with one round of fixes for these findings."""
    lines: dict[str, set[int]] = {}
    for f in findings:
        lines.setdefault(f.code, set()).add(f.line)
    source = doc.source
    ctx = Context(doc)
    edits = []
    for view in ctx.views():
        edit = _fix_table(ctx, view, lines.get("MS001", set()), lines.get("MS006", set()), doc.name)
        if edit is not None:
            edits.append(edit)
    for edit in sorted(edits, key=lambda e: e.table.start, reverse=True):
        source = edit.apply(source)
    for line in sorted(lines.get("MS008", ())):
        source = _fix_delimiter(source, line - 1)
    return source


def _fix_table(
    ctx: Context, view: TableView, short: set[int], links: set[int], name: str
) -> TableEdit | None:
    """MS006 and MS001 fixes of one table's rows. A short session row (or candidate row)
    gets its columns' placeholders; another short row (a label such as `**2025**|`, a
    continuation) gets empty cells; a line without any pipe is left alone (in kramdown it
    may be no row at all, such as `{: .sessions-table }`)."""
    table = view.table
    links_column = view.columns.get(Column.LINKS)
    if view.schedule is not None:
        sessions = {index for index, _, _ in ctx.dated_rows(view)}
    else:
        sessions = set(range(len(view.rows)))
    writer: RowWriter | None = None
    placeholders: dict[int, str] = {}
    for index, row in enumerate(view.rows):
        if row.line not in short and row.line not in links:
            continue
        cells = row.row.cells
        texts: dict[int, str] = {}
        if row.line in links and links_column is not None and links_column < len(cells):
            content = cells[links_column].strip(" \t")
            fixed = add_schemes(content)
            if fixed != content:
                texts[links_column] = fixed
        if writer is None:
            writer = RowWriter(table, index, "")
            placeholders = _placeholders(view)
        has_pipe = row.row.leading_pipe or row.row.trailing_pipe or len(cells) > 1
        pad = row.line in short and len(cells) < table.width and has_pipe
        if pad and index in sessions:
            for column in range(len(cells), table.width):
                texts[column] = placeholders[column]
        writer.what = f"{name}:{row.line}"
        if texts:
            writer.set_cells(index, texts, placeholders)
        if pad and index not in sessions:
            rows = writer.rows_at(index + 2)
            writer.changed[index + 2] = (_with_empty_cells(rows[0], table, writer), *rows[1:])
    return writer.edit() if writer is not None and writer.changed else None


def _with_empty_cells(row: Row, table: Table, writer: RowWriter) -> Row:
    """The row with empty cells up to the header's width (and a pipe after the last)."""
    cells = list(row.cells)
    header = table.header_row.cells
    if cells and not row.trailing_pipe and cells[-1][-1:] not in (" ", "\t"):
        cells[-1] += " "
    for column in range(len(cells), table.width):
        cells.append(fill_cell(header[column], "", writer.layout.widths.get(column), True))
    return Row(row.prefix, row.leading_pipe, tuple(cells), True, row.tail, row.ending)


def _placeholders(view: TableView) -> dict[int, str]:
    """Each column's own placeholder, the spelling it uses most (`-` when it has none)."""
    counts: list[Counter[str]] = [Counter() for _ in range(view.table.width)]
    for row in view.rows:
        for column, value in enumerate(row.values):
            if value and is_placeholder(value):
                counts[column][value] += 1
    return {c: count.most_common(1)[0][0] if count else "-" for c, count in enumerate(counts)}


def add_schemes(text: str) -> str:
    """`https://` before each web address of a links cell that has no scheme."""
    text = _SCHEMELESS_TARGET.sub(lambda m: m[0] + "https://", text)
    out, last = [], 0
    for m in compiled(SCHEMELESS, re.I).finditer(text):
        if inside_url(text, m.start()) or "](" in m[0] or m[0].endswith("\\"):
            continue
        out.append(text[last : m.start()])
        out.append("https://")
        last = m.start()
    out.append(text[last:])
    return "".join(out)


def _fix_delimiter(source: Source, header: int) -> Source:
    """The delimiter row under line `header` (0-based) with one cell per header cell."""
    if header + 1 >= len(source.lines):
        return source
    header_line, line = source.lines[header], source.lines[header + 1]
    prefix = re.match(r"[ \t]*", line)[0]  # type: ignore[index]
    if line_body(header_line)[:4].lstrip(" ")[:1] in (">", "") or prefix != line[: len(prefix)]:
        return source  # inside a block quote (or nothing there): left to a person
    width = len(Row.parse(header_line).cells)
    row = Row.parse(line)
    cells = list(row.cells)
    if not cells or not all(_DELIMITER_CELL.match(cell) for cell in cells) or len(cells) == width:
        return source
    if len(cells) > width:
        cells = cells[:width]
    else:
        plain = next((c for c in reversed(cells) if ":" not in c), " --- ")
        template = re.sub(r"-+", "---", plain) if plain.strip(" \t") else " --- "
        if not row.trailing_pipe and template[:1] == " " and cells[-1][-1:] != " ":
            cells[-1] += " "  # `-- | --` + ` ---`: the space before the new pipe
        cells += [template] * (width - len(cells))
    trailing = row.trailing_pipe or (not row.leading_pipe and len(cells) == 1)
    new = Row(row.prefix, row.leading_pipe, tuple(cells), trailing, row.tail, line_ending(line))
    fixed = source.replace_lines(header + 1, header + 2, [new.text()])
    # Accepted only when GitHub's rule now sees a table on that header line.
    if not any(t.start == header for t in find_tables(fixed)):
        return source
    return fixed


def _verify(old: Source, new: Source, name: str) -> None:
    """No line added or removed, and every table still there with its rows (a fixed
    delimiter row may add a table)."""
    from mdstudy.errors import MdStudyError

    if len(old.lines) != len(new.lines) or old.bom != new.bom:
        raise MdStudyError(f"{name}: a fix would add or remove lines; please report this")
    after = {t.start: len(t.body_rows) for t in find_tables(new)}
    for table in find_tables(old):
        if after.get(table.start) != len(table.body_rows):
            raise MdStudyError(
                f"{name}:{table.line}: a fix would break this table; please report this"
            )
