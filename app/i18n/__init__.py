"""The compiled translation catalogs (`gemma_desk_<lang>.qm`), shipped as package data.

Their sources are `resources/i18n/*.ts`; `packaging/update_translations.py` refreshes both."""

from __future__ import annotations

import sys
from pathlib import Path

CATALOG_PREFIX = "gemma_desk_"


def catalog_folder() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "app" / "i18n"
    return Path(__file__).resolve().parent
