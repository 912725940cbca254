"""Refresh the translation sources and the catalogs the app loads.

    python packaging/update_translations.py            # lupdate + lrelease
    python packaging/update_translations.py --release  # only compile the .ts into .qm

`pyside6-lupdate` reads every .py under app/ and updates resources/i18n/gemma_desk_<lang>.ts,
keeping the translations already made and dropping strings the code no longer has
(-no-obsolete). `pyside6-lrelease` compiles each .ts into app/i18n/gemma_desk_<lang>.qm, which is
committed and installed as package data (the app never compiles at run time)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("zh_CN", "de")  # add a language here, then run this script
# English needs a catalog only for its plurals ("%n message(s)" → "1 message" / "2 messages"):
# lupdate -pluralonly keeps just those entries.
PLURALS_ONLY = ("en",)
SOURCES_FOLDER = ROOT / "resources" / "i18n"
CATALOG_FOLDER = ROOT / "app" / "i18n"


def tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships {name}).")
    return found


def ts_path(language: str) -> Path:
    return SOURCES_FOLDER / f"gemma_desk_{language}.ts"


def update_sources(languages: tuple[str, ...]) -> None:
    sources = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "app").rglob("*.py"))
    SOURCES_FOLDER.mkdir(parents=True, exist_ok=True)
    for language in languages:
        plurals = ["-pluralonly"] if language in PLURALS_ONLY else []
        subprocess.run(
            [tool("pyside6-lupdate"), "-no-obsolete", *plurals, "-locations", "relative", "-target-language", language,
             *sources, "-ts", str(ts_path(language).relative_to(ROOT))],
            cwd=ROOT, check=True,
        )


def release(languages: tuple[str, ...]) -> None:
    for language in languages:
        target = CATALOG_FOLDER / f"gemma_desk_{language}.qm"
        subprocess.run([tool("pyside6-lrelease"), str(ts_path(language)), "-qm", str(target)], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .ts files into .qm")
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES + PLURALS_ONLY), help="default: %(default)s")
    args = parser.parse_args(argv)
    languages = tuple(args.languages)
    if not args.release:
        update_sources(languages)
    release(languages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
