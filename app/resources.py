"""Finding the files under `resources/` (icons, desktop entry, metainfo), wherever the app runs.

From a source checkout they sit beside the `app` package; in a PyInstaller bundle they are
unpacked under `sys._MEIPASS` (the bundle's `_internal` folder), where the spec puts them.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_ID = "io.github.gemma_desk.GemmaDesk"
ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)


def resources_folder() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str | Path) -> Path:
    """The absolute path of `relative` inside resources/ (it may not exist: callers check)."""
    return resources_folder() / relative


def icon_svg_path() -> Path:
    return resource_path(f"icons/{APP_ID}.svg")


def icon_png_path(size: int) -> Path:
    return resource_path(f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png")
