"""The study's GitHub repository (OWNER/NAME): from an option, or the folder's `origin` remote."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from mdstudy.errors import MdStudyError

# GitHub's own rules: an owner is 1-39 letters, digits or inner hyphens; a name
# is letters, digits, '.', '-' and '_' (but not '.' or '..').
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"[A-Za-z0-9._-]{1,100}"
_SLUG = re.compile(rf"(?P<owner>{_OWNER})/(?P<name>{_NAME})")
_GITHUB_HOSTS = ("github.com", "www.github.com", "ssh.github.com")
# https://github.com/o/n(.git), ssh://git@github.com[:port]/o/n.git, git://github.com/o/n
_URL = re.compile(
    r"(?:https?|ssh|git|git\+ssh)://(?:[^@/]+@)?(?P<host>[^/:]+)(?::\d+)?/(?P<path>.+)",
    re.IGNORECASE,
)
# scp-like ssh: git@github.com:o/n.git
_SCP = re.compile(r"(?:[^@/]+@)?(?P<host>[^/:]+):(?P<path>[^/].*)")


def slug(owner_name: str) -> str | None:
    """'owner/name' when the text is one (a trailing '.git' or '/' is dropped), else None."""
    text = owner_name.strip().rstrip("/")
    text = text[: -len(".git")] if text.endswith(".git") else text
    m = _SLUG.fullmatch(text)
    if not m or m["name"] in (".", ".."):
        return None
    return f"{m['owner']}/{m['name']}"


def from_remote_url(url: str) -> str | None:
    """OWNER/NAME of a GitHub remote URL (https, ssh or scp-like), None for other hosts."""
    text = url.strip()
    m = _URL.fullmatch(text) or (None if "://" in text else _SCP.fullmatch(text))
    if not m or m["host"].lower() not in _GITHUB_HOSTS:
        return None
    return slug(m["path"])


def parse_repo(text: str, *, what: str = "repo") -> str:
    """A --repo value: OWNER/NAME or a GitHub URL of the repository."""
    found = slug(text) or from_remote_url(text)
    if found is None:
        raise MdStudyError(f"{what}: {text!r} is not a GitHub repository (OWNER/NAME)")
    return found


def origin_repo(folder: Path) -> str | None:
    """OWNER/NAME of the `origin` remote of the git checkout holding folder, if on GitHub.

    git itself answers, so worktrees, submodules and `url.insteadOf` rewrites work;
    no git, no checkout or no origin simply means "unknown".
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return from_remote_url(done.stdout.strip())
