"""The writer's import directions, read from the source (ARCHITECTURE.md, "The writer").

Edits decide, the writer spells: neither imports the other. The writer's parts import
only the parts below them, a diff is printed without the writer, and `check` (run on
every commit) loads none of it. Only module-level imports count: an import inside a
function is paid for only when that function runs.
"""

from __future__ import annotations

import ast
import typing
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mdstudy"
WRITER = {"render", "splice", "habits", "layout", "cell_text"}


def _path(module: str) -> Path | None:
    path = PACKAGE.joinpath(*module.split(".")).with_suffix(".py")
    package = PACKAGE.joinpath(*module.split("."), "__init__.py")
    return path if path.exists() else package if package.exists() else None


@cache
def imports(module: str) -> frozenset[str]:
    """The mdstudy modules `module` imports when it is loaded (not under TYPE_CHECKING).

    `from mdstudy.rules import links` names the module `rules.links` as well as `rules`.
    """
    path = _path(module)
    assert path is not None, module
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "mdstudy" or node.module.startswith("mdstudy."):
                base = node.module.removeprefix("mdstudy").removeprefix(".")
                if base:
                    found.add(base)
                for alias in node.names:
                    name = f"{base}.{alias.name}" if base else alias.name
                    if _path(name) is not None:
                        found.add(name)
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("mdstudy.") for a in node.names if a.name.startswith("mdstudy.")
            )
        else:
            assert not (isinstance(node, ast.ImportFrom) and node.level), "relative import"
    return frozenset(found)


def loaded(module: str) -> set[str]:
    """Every mdstudy module that loading `module` loads."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(imports(name))
    return seen


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("render", {"cell_text", "dates", "diff", "habits", "model", "plan", "source", "splice"}
         | {"tables", "values"}),
        ("splice", {"cell_text", "errors", "habits", "layout", "source", "tables"}),
        ("habits", {"layout", "tables", "values"}),
        ("layout", set()),
        ("cell_text", {"errors", "values"}),
        ("diff", set()),
        ("plan", {"model", "tables"}),
    ],
)  # fmt: skip
def test_each_part_imports_only_what_the_architecture_says(module: str, allowed: set[str]) -> None:
    assert imports(module) <= allowed


def test_the_parts_never_import_the_plan_reader() -> None:
    """render.py sits on top: no part of the writer imports it (no cycle)."""
    for part in WRITER - {"render"}:
        assert "render" not in loaded(part), part


def test_deciding_and_writing_do_not_import_each_other() -> None:
    assert not (loaded("edits") | loaded("plan")) & WRITER
    assert "edits" not in loaded("render")


def test_check_loads_no_part_of_the_writer() -> None:
    assert not loaded("check") & (WRITER | {"plan", "diff"})


def test_printing_a_diff_loads_no_part_of_the_writer() -> None:
    assert loaded("diff") == {"diff"}


def test_every_row_operation_has_its_own_writer() -> None:
    """A row operation added to plan.RowOp without a writer in render.py fails here."""
    from mdstudy import plan, render

    base = render._write.dispatch(object)
    for op in typing.get_args(plan.RowOp):
        assert render._write.dispatch(op) is not base, op.__name__


def test_edits_import_the_document_and_never_the_other_way() -> None:
    """edits -> document, one way: the document loads mdstudy.edits only inside the
    functions that run an edit (check imports document on every commit)."""
    assert "document" in imports("edits")
    assert not loaded("document") & {"edits", "plan", *WRITER}


def test_every_edit_method_is_an_operation_of_edits() -> None:
    """Document declares no edit's parameters: each method runs the edits function."""
    import inspect

    from mdstudy import edits
    from mdstudy.document import Document

    for name in ("assign", "unassign", "swap", "move", "add_session", "remove_session"):
        assert callable(getattr(edits, name)) and getattr(Document, name).__name__ == name
    source = inspect.getsource(Document)
    assert "def assign" not in source and "title:" not in source
