"""`.mdstudy.toml` beside the README: every setting declared once, with its type and default.

    time = "19:00"            # top-level keys: the calendar, the repository, the year
    [check]                   # which rules `check` runs
    ignore = ["MS102"]
    [columns]                 # which header names which column
    date = "스터디날짜"

`read_config` reads and checks the file: a key or table it does not know (`tiem`,
`[chek]`) is refused with its name, the file and the nearest valid key, and a value
of the wrong type is named likewise, so a typo never silently does nothing.
Command-line options win over the file: `Config.with_options` is the one place
that says so (each value read by the same reader as the file's, named by its option).

Sections are NamedTuples, not frozen dataclasses, for the reason source.py gives:
creating a dataclass costs about 1.5 ms of start-up each, a NamedTuple a fifth of
that. And this module is loaded only when a `.mdstudy.toml` exists or a command
has options to merge (`document.config_beside` reads the file only when there is one).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, get_type_hints

from mdstudy.durations import DEFAULT_DURATION, parse_clock, parse_duration
from mdstudy.errors import MdStudyError
from mdstudy.source import CONFIG_NAME, StrPath, config_path

if TYPE_CHECKING:
    from mdstudy.columns import Column

__all__ = [
    "CONFIG_NAME",
    "CheckConfig",
    "ColumnsConfig",
    "Config",
    "Key",
    "check_zone",
    "config_path",
    "keys",
    "read_config",
]


class Key(NamedTuple):
    """What a key holds: `read` turns the TOML value (or an option's text) into the typed
    value, or raises MdStudyError naming `where`; `kind` says it in the README's table."""

    read: Callable[[object, str], Any]
    kind: str
    option: str | None = None  # the command-line option that overrides it


# --- readers: one per kind of value ------------------------------------------


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _expected(where: str, what: str, value: object) -> MdStudyError:
    return MdStudyError(f"{where}: expected {what}, got {_shown(value)}")


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _expected(where, "text in quotes", value)
    return value


def _place(value: object, where: str) -> str | None:
    return _text(value, where).strip() or None


def _clock(value: object, where: str) -> dt.time:
    if isinstance(value, str):
        return parse_clock(value, what=where)
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value  # TOML's own local time, 19:00:00
    raise _expected(where, 'a time of day such as "19:00"', value)


def _duration(value: object, where: str) -> dt.timedelta:
    if isinstance(value, int) and not isinstance(value, bool):
        return parse_duration(f"{value}m", what=where)  # a bare number means minutes
    if isinstance(value, str):
        return parse_duration(value, what=where)
    raise _expected(where, 'a length such as "90m", "1h30m" or a number of minutes', value)


def check_zone(value: object, where: str) -> str:
    """An IANA time zone name that this Python knows (`Asia/Seoul`)."""
    name = _text(value, where)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a zone is given

    try:
        ZoneInfo(name)
    # ValueError: not even a well-formed key; OSError: a folder of zones such as "Asia".
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise MdStudyError(
            f"{where}: unknown time zone {name!r} (use an IANA name such as Asia/Seoul)"
        ) from None
    return name


def _repo(value: object, where: str) -> str:
    from mdstudy.repo import parse_repo  # it loads subprocess: only when a repo is given

    return parse_repo(_text(value, where), what=where)


def _year(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2999:
        raise _expected(where, "a year such as 2023", value)
    return value


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise _expected(where, "true or false", value)
    return value


def _codes(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise _expected(where, 'a list of rule codes, prefixes or names, e.g. ["MS102"]', value)


def _headers(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise _expected(where, 'a header text or a list of them, e.g. "Speaker"', value)


_HEADERS = Key(_headers, "text or list of text")

# --- the sections --------------------------------------------------------------


class CheckConfig(NamedTuple):
    """`[check]`: which rules `mdstudy check` runs, and whether warnings fail it."""

    select: Annotated[tuple[str, ...] | None, Key(_codes, "list of text", "--select")] = None
    ignore: Annotated[tuple[str, ...] | None, Key(_codes, "list of text", "--ignore")] = None
    strict: Annotated[bool, Key(_flag, "true or false", "--strict")] = False


class ColumnsConfig(NamedTuple):
    """`[columns]`: a role (columns.Column) -> the header text(s) that name it."""

    date: Annotated[tuple[str, ...], _HEADERS] = ()
    presenter: Annotated[tuple[str, ...], _HEADERS] = ()
    title: Annotated[tuple[str, ...], _HEADERS] = ()
    links: Annotated[tuple[str, ...], _HEADERS] = ()
    issue: Annotated[tuple[str, ...], _HEADERS] = ()
    note: Annotated[tuple[str, ...], _HEADERS] = ()
    keyword: Annotated[tuple[str, ...], _HEADERS] = ()
    time: Annotated[tuple[str, ...], _HEADERS] = ()
    place: Annotated[tuple[str, ...], _HEADERS] = ()
    number: Annotated[tuple[str, ...], _HEADERS] = ()

    def names(self) -> dict[Column, list[str]] | None:
        """Role -> header texts, as the reader takes them (None: nothing mapped)."""
        from mdstudy.columns import Column

        mapped = {Column(role): list(texts) for role, texts in self._asdict().items() if texts}
        return mapped or None


class Config(NamedTuple):
    """Everything `.mdstudy.toml` can say, typed and checked; `Config()` is every default.

    `path` is the file it was read from (None: none); `given` the keys a command-line
    option set (`with_options`), so that a message names the option, not the file.
    """

    year: Annotated[int | None, Key(_year, "integer", "--year")] = None
    time: Annotated[dt.time | None, Key(_clock, '"HH:MM"', "--time")] = None
    duration: Annotated[
        dt.timedelta, Key(_duration, '"90m", "1h30m", "1:30" or minutes', "--duration")
    ] = DEFAULT_DURATION
    timezone: Annotated[str | None, Key(check_zone, '"Area/City"', "--tz")] = None
    location: Annotated[str | None, Key(_place, "text", "--location")] = None
    repo: Annotated[str | None, Key(_repo, '"OWNER/NAME"', "--repo")] = None
    check: CheckConfig = CheckConfig()
    columns: ColumnsConfig = ColumnsConfig()
    path: Path | None = None
    given: frozenset[str] = frozenset()

    def where(self, key: str) -> str:
        """Where the value of `key` came from, to begin a message: its option or the file."""
        section, spec = _option_keys().get(key, ("", None))
        if key in self.given and spec is not None and spec.option is not None:
            return spec.option
        return _where(self.path, section, key)

    def with_options(self, **options: object) -> Config:
        """The command line over the file: each option not None replaces its key's value.

        Options are named as the keys (`timezone`, `select`); each value is checked by
        the key's own reader, and a bad one is named by its option (`--tz`).
        """
        config = self
        for key, value in options.items():
            if value is None:
                continue
            known = _option_keys()  # read from the annotations once, when first needed
            if key not in known:
                raise TypeError(
                    f"with_options: no option sets {key!r} (options: {', '.join(known)})"
                )
            section, spec = known[key]
            typed = spec.read(value, spec.option or key)
            if section:
                part = getattr(config, section)._replace(**{key: typed})
                config = config._replace(**{section: part})
            else:
                config = config._replace(**{key: typed})
            config = config._replace(given=config.given | {key})
        return config


# --- reading the file ------------------------------------------------------------

_SECTIONS: dict[str, type[CheckConfig] | type[ColumnsConfig]] = {
    "check": CheckConfig,
    "columns": ColumnsConfig,
}
_NOT_KEYS = ("check", "columns", "path", "given")


@cache
def _keys_of(section: str) -> dict[str, Key]:
    """The declared keys of a section ('' for the top), from its fields' annotations."""
    cls = _SECTIONS[section] if section else Config
    hints = get_type_hints(cls, include_extras=True)
    return {
        name: hints[name].__metadata__[0]
        for name in cls._fields
        if name not in _NOT_KEYS and hasattr(hints[name], "__metadata__")
    }


@cache
def _option_keys() -> dict[str, tuple[str, Key]]:
    """Every key a command-line option overrides -> (its section, its Key)."""
    found: dict[str, tuple[str, Key]] = {}
    for section, name, spec, _ in keys():
        if spec.option is not None:
            assert name not in found, f"two option keys named {name}"
            found[name] = (section, spec)
    return found


def keys() -> Iterator[tuple[str, str, Key, object]]:
    """Every declared key: (section, '' at the top; name; Key; default), in file order."""
    for section in ("", *_SECTIONS):
        defaults = (_SECTIONS[section] if section else Config)._field_defaults
        for name, spec in _keys_of(section).items():
            yield section, name, spec, defaults.get(name)


def _where(path: Path | None, section: str, key: str) -> str:
    place = str(path) if path is not None else CONFIG_NAME
    return f"{place}: [{section}] {key}" if section else f"{place}: {key}"


def read_config(file: StrPath) -> Config:
    """The settings of one `.mdstudy.toml`, every key and value checked."""
    path = Path(file)
    data = _load_toml(path)
    values: dict[str, Any] = {}
    for name, value in data.items():
        section = _SECTIONS.get(name)
        if section is None:
            values[name] = _read_key("", name, value, path)
        elif not isinstance(value, dict):
            raise MdStudyError(f"{path}: {name} must be a table: write [{name}] on its own line")
        else:
            read = {key: _read_key(name, key, item, path) for key, item in value.items()}
            values[name] = section(**read)
    return Config(**values, path=path)


def _read_key(section: str, key: str, value: object, path: Path) -> Any:
    spec = _keys_of(section).get(key)
    if spec is None:
        raise MdStudyError(_unknown(section, key, isinstance(value, dict), path))
    return spec.read(value, _where(path, section, key))


def _unknown(section: str, key: str, is_table: bool, path: Path) -> str:
    """`unknown key 'tiem'; did you mean 'time'?`, with the file, or the valid keys."""
    import difflib  # only on this error: `check` must not pay for it

    own = [name for sec, name, _, _ in keys() if sec == section]
    tables = list(_SECTIONS) if not section else []
    inside = f" in [{section}]" if section else ""
    what = f"table [{key}]" if is_table and not section else f"key '{key}'"
    elsewhere = [sec for sec, name, _, _ in keys() if name == key and sec != section]
    # A table is likelier a misspelt table, a value a misspelt key.
    candidates = tables if is_table and tables else own
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    if elsewhere:
        home = f"[{elsewhere[0]}]" if elsewhere[0] else "the top of the file (before any table)"
        hint = f"'{key}' belongs in {home}"
    elif close and close[0] in tables:
        hint = f"did you mean [{close[0]}]?"
    elif close:
        hint = f"did you mean '{close[0]}'?"
    else:
        listed = ", ".join([*own, *(f"[{t}]" for t in tables)])
        hint = f"known: {listed}"
    return f"{path}: unknown {what}{inside}; {hint}"


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except (OSError, UnicodeDecodeError) as err:
        raise MdStudyError(f"{path}: cannot read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise MdStudyError(f"{path}: not valid TOML ({err})") from None
