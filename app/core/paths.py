"""Where Gemma Desk keeps things, from platformdirs (never hard-coded home folders)."""

from __future__ import annotations

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
