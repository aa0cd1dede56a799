"""`.mdstudy.toml` next to the README: project settings that command-line options override."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mdstudy.errors import MdStudyError

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
