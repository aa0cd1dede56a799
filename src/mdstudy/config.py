"""`.mdstudy.toml` next to the README: project settings that command-line options override."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdstudy.errors import MdStudyError

if TYPE_CHECKING:
    from mdstudy.columns import Column

CONFIG_NAME = ".mdstudy.toml"


def config_path(readme: Path) -> Path:
    return readme.absolute().parent / CONFIG_NAME


def load_config(readme: Path) -> dict[str, Any]:
    """The settings table of `.mdstudy.toml` beside the README ({} when there is none)."""
    path = config_path(readme)
    if not path.is_file():
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            settings: dict[str, Any] = tomllib.load(handle)
            return settings
    except (OSError, UnicodeDecodeError) as err:
        raise MdStudyError(f"{path}: cannot read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise MdStudyError(f"{path}: not valid TOML ({err})") from None


def column_names(readme: Path) -> dict[Column, list[str]] | None:
    """The `[columns]` table: role -> header texts (`date = "스터디날짜"`, `presenter = [...]`)."""
    if not config_path(readme).is_file():
        return None
    from mdstudy.columns import Column

    table = load_config(readme).get("columns")
    if table is None:
        return None
    where = f"{config_path(readme)} [columns]"
    if not isinstance(table, dict):
        raise MdStudyError(f"{config_path(readme)}: 'columns' must be a table ([columns])")
    roles = {role.value: role for role in Column}
    names: dict[Column, list[str]] = {}
    for key, value in table.items():
        if key not in roles:
            raise MdStudyError(f"{where}: unknown role '{key}' (roles: {', '.join(roles)})")
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise MdStudyError(f"{where}: '{key}' must be a header text or a list of them")
        names[roles[key]] = texts
    return names
