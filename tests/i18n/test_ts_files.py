"""The translation sources: nothing obsolete, nothing unfinished, placeholders kept.

Every string in the catalogs is translated, so whoever wraps a string also runs
packaging/update_translations.py and fills both languages (docs/i18n-wave2.md)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh_CN", "de")


def messages(language: str):
    root = ElementTree.parse(ROOT / "resources" / "i18n" / f"gemma_desk_{language}.ts").getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_obsolete_entries(language):
    stale = [(context, m.findtext("source")) for context, m in messages(language)
             if m.find("translation").get("type") in ("obsolete", "vanished")]
    assert stale == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_unfinished_entries(language):
    unfinished = [(context, m.findtext("source")) for context, m in messages(language)
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_mnemonics(language):
    broken = []
    for context, message in messages(language):
        translation = message.find("translation")
        forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
        source = message.findtext("source")
        if translation.get("type") == "unfinished":
            continue
        for text in forms:
            if set(re.findall(r"\{\w+[^}]*\}", source)) != set(re.findall(r"\{\w+[^}]*\}", text)):
                broken.append((context, source, text, "placeholders"))
            if ("%n" in source) != ("%n" in text):
                broken.append((context, source, text, "%n"))
            if re.search(r"&[^& ]", source) and not re.search(r"&[^& ]", text):
                broken.append((context, source, text, "mnemonic"))
    assert broken == []


def test_the_catalogs_match_the_code(tmp_path):
    """lupdate over app/ finds no string the .ts lacks: whoever wraps a string also runs
    packaging/update_translations.py."""
    copy = tmp_path / "gemma_desk_de.ts"
    copy.write_bytes((ROOT / "resources" / "i18n" / "gemma_desk_de.ts").read_bytes())
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))
    result = subprocess.run(
        [str(Path(sys.executable).with_name("pyside6-lupdate")), "-no-obsolete", *sources, "-ts", str(copy)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert "(0 new and" in result.stdout + result.stderr, result.stdout + result.stderr
