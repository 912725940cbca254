"""English has a catalog of its plurals only: "1 request running", not "1 request(s) running"
(seen in the local server's status in a walkthrough screenshot)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]


def running(count: int) -> str:
    return QCoreApplication.translate("LocalServer", " · %n request(s) running", "", count)


@pytest.mark.parametrize("language", ["en", "fr"])  # fr: no catalog, so the window stays English
def test_english_counts_read_as_english(ui_language, language):
    ui_language(language)
    assert running(1) == " · 1 request running"
    assert running(3) == " · 3 requests running"


def test_every_plural_has_its_english_forms():
    root = ElementTree.parse(ROOT / "resources" / "i18n" / "gemma_desk_en.ts").getroot()
    messages = root.findall("./context/message")
    assert messages and all(message.get("numerus") == "yes" for message in messages)
    for message in messages:
        translation = message.find("translation")
        forms = [form.text for form in translation.findall("numerusform")]
        assert translation.get("type") is None and len(forms) == 2 and all(forms), message.find("source").text
