"""Where things live: the library root, and the cache, state and config folders.

Every path is resolved here once and passed in; no other module reaches for `~` or the
working directory. Environment variables override the platform folders (tests use them
to stay inside a temporary directory):

- `READER_LIBRARY`: the library when `--library` is not given;
- `READER_CACHE_DIR`: the search index and other derived data;
- `READER_STATE_DIR`: reading positions and other small state;
- `READER_CONFIG_DIR`: the user's config (key bindings, theme).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.core.errors import ReaderError

APP_NAME = "reader"


def bundled_library() -> Path | None:
    """The library that ships with the project (the checkout's root), if present."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "texts").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return None


def resolve_library(
    option: str | None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path:
    """The library root: `--library`, else $READER_LIBRARY, else the working directory
    if it holds `texts/`, else the bundled library."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    for candidate, origin in ((option, "--library"), (env.get("READER_LIBRARY"), "READER_LIBRARY")):
        if candidate:
            path = Path(candidate).expanduser()
            if not path.is_dir():
                raise ReaderError(f"{origin}: {path} is not a folder")
            return path.resolve()
    if (cwd / "texts").is_dir():
        return cwd.resolve()
    bundled = bundled_library()
    if bundled is None:
        raise ReaderError("no library found: pass --library DIR (a folder with texts/)")
    return bundled


def _library_key(root: Path) -> str:
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"{root.name or 'library'}-{digest}"


def cache_dir(root: Path, env: Mapping[str, str] | None = None) -> Path:
    """The cache folder for one library (the search index lives below it)."""
    env = os.environ if env is None else env
    base = Path(env["READER_CACHE_DIR"]) if env.get("READER_CACHE_DIR") else None
    base = base or Path(platformdirs.user_cache_dir(APP_NAME))
    return base / _library_key(root)


def state_dir(root: Path, env: Mapping[str, str] | None = None) -> Path:
    """The state folder for one library (reading positions, marks)."""
    env = os.environ if env is None else env
    base = Path(env["READER_STATE_DIR"]) if env.get("READER_STATE_DIR") else None
    base = base or Path(platformdirs.user_state_dir(APP_NAME))
    return base / _library_key(root)


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """The user's config folder (keys.toml and settings)."""
    env = os.environ if env is None else env
    if env.get("READER_CONFIG_DIR"):
        return Path(env["READER_CONFIG_DIR"])
    return Path(platformdirs.user_config_dir(APP_NAME))


@dataclass(frozen=True)
class Folders:
    """The cache, state and config folders of one library, resolved once by the CLI
    and passed to everything that reads or writes there."""

    cache: Path
    state: Path
    config: Path

    @classmethod
    def for_library(cls, root: Path, env: Mapping[str, str] | None = None) -> Folders:
        """The folders for the library at `root` (environment variables override)."""
        return cls(cache_dir(root, env), state_dir(root, env), config_dir(env))
