"""Where Gemma Desk keeps things, from platformdirs (never hard-coded home folders)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP_NAME = "gemma-desk"


def config_folder() -> Path:
    return Path(user_config_dir(APP_NAME))


def data_folder() -> Path:
    return Path(user_data_dir(APP_NAME))


def cache_folder() -> Path:
    return Path(user_cache_dir(APP_NAME))


def models_folder() -> Path:
    return data_folder() / "models"


def private_folder(folder: Path) -> Path:
    """`folder`, created if needed, readable by the user alone (0700): it holds conversations,
    pictures and recordings. An existing folder left open by an older version is closed."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) & 0o077:
        folder.chmod(0o700)
    return folder


def make_private(path: Path) -> None:
    """Take group and others' access away from an existing file (0600)."""
    if os.name == "posix" and path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)


def write_text_atomically(path: Path, content: str) -> None:
    """The whole text or, on any failure (full disk, no permission), the file as it was; raises OSError."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
