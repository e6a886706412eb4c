"""Where things live: the library root, and the cache, state and config folders.

Every path is resolved here once and passed in; no other module reaches for `~` or the
working directory. Environment variables override the platform folders (tests use them
to stay inside a temporary directory):

- `READER_LIBRARY`: the library when `--library` is not given;
- `READER_DATA_DIR`: where the user's own library lives when nothing else names one;
- `READER_CACHE_DIR`: the search index and other derived data;
- `READER_STATE_DIR`: reading positions and other small state (each library's in a
  folder of its own there, the user's preferences shared by all libraries beside them);
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


def user_library(env: Mapping[str, str] | None = None) -> Path:
    """The user's own library: `library/` in the platform's data folder
    ($READER_DATA_DIR overrides), used when nothing else names one."""
    env = os.environ if env is None else env
    base = Path(env["READER_DATA_DIR"]) if env.get("READER_DATA_DIR") else None
    base = base or Path(platformdirs.user_data_dir(APP_NAME))
    return base / "library"


def init_library(root: Path) -> bool:
    """Make `root` a library (`texts/`, `annotations/`); False when it already was one.

    An existing folder is adopted only when it is empty or already a library, so that
    `reader init` never scatters folders into an unrelated project."""
    if (root / "texts").is_dir():
        return False
    if root.exists():
        if not root.is_dir():
            raise ReaderError(f"{root}: exists and is not a folder")
        if any(root.iterdir()):
            raise ReaderError(
                f"{root}: the folder is not empty and holds no texts/; choose a new or empty folder"
            )
    try:
        (root / "texts").mkdir(parents=True, exist_ok=True)
        (root / "annotations").mkdir(exist_ok=True)
    except OSError as exc:
        raise ReaderError(f"{root}: cannot create the library: {exc.strerror or exc}") from None
    return True


def resolve_library(
    option: str | None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path:
    """The library root: `--library`, else $READER_LIBRARY, else the working directory
    if it holds `texts/`, else the user's own library (created, empty, on first use)."""
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
    own = user_library(env)
    init_library(own)
    return own.resolve()


def _library_key(root: Path) -> str:
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"{root.name or 'library'}-{digest}"


def cache_dir(root: Path, env: Mapping[str, str] | None = None) -> Path:
    """The cache folder for one library (the search index lives below it)."""
    env = os.environ if env is None else env
    base = Path(env["READER_CACHE_DIR"]) if env.get("READER_CACHE_DIR") else None
    base = base or Path(platformdirs.user_cache_dir(APP_NAME))
    return base / _library_key(root)


def state_base(env: Mapping[str, str] | None = None) -> Path:
    """The user's state folder, shared by every library (each library's own folder is
    below it): $READER_STATE_DIR, else the platform's user state folder."""
    env = os.environ if env is None else env
    if env.get("READER_STATE_DIR"):
        return Path(env["READER_STATE_DIR"])
    return Path(platformdirs.user_state_dir(APP_NAME))


def state_dir(root: Path, env: Mapping[str, str] | None = None) -> Path:
    """The state folder for one library (reading positions, marks)."""
    return state_base(env) / _library_key(root)


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
    shared_state: Path | None = None
    """The user's state folder, shared by all libraries (None: the one `state` is in)."""

    @property
    def user_state(self) -> Path:
        """Where the user's own state shared by all libraries lives (the theme and the
        reading column's width, in `preferences.json`)."""
        return self.state.parent if self.shared_state is None else self.shared_state

    @classmethod
    def for_library(cls, root: Path, env: Mapping[str, str] | None = None) -> Folders:
        """The folders for the library at `root` (environment variables override)."""
        return cls(cache_dir(root, env), state_dir(root, env), config_dir(env), state_base(env))
