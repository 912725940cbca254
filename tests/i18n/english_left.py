"""The harness that finds English still showing in a translated window.

`visible_texts(widget)` lists every text a person can read in a widget tree (labels, buttons,
check boxes, group titles, tab titles, combo items, menu actions, placeholders, window titles).
`english_texts(texts, language)` keeps those that are still English:
  - any text equal to an English source in our catalog whose translation differs from it, and
  - in zh_CN, any text without a CJK character that holds a Latin word not in ALLOWED_WORDS
    (German and English share the alphabet, so only the first rule applies to de).
Wave 2 widens `OPENERS` in test_window_languages.py and flips `STRICT` there."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu, QPlainTextEdit, QTabBar, QTabWidget,
    QTextEdit, QWidget,
)

ROOT = Path(__file__).resolve().parents[2]

# Names and units that stay as they are in every language.
ALLOWED_WORDS = {
    "gemma", "desk", "gguf", "gpu", "cpu", "ram", "vram", "kv", "mmap", "mlock", "top", "min", "pt", "dbfs",
    "mmproj", "llama", "cpp", "hugging", "face", "hf", "ok", "ctrl", "shift", "alt", "mb", "gb", "kb", "url",
    "http", "https", "pip", "install", "demo", "flash", "attention", "english", "deutsch", "json", "wav",
    "mp3", "flac", "png", "jpg", "jpeg", "webp", "api", "openai", "localhost", "id", "ids", "token", "tokens",
}
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CJK = re.compile(r"[\u3400-\u9fff]")


def catalog_sources(language: str) -> dict[str, str]:
    """English source → its translation, for every finished entry of our catalog."""
    root = ElementTree.parse(ROOT / "resources" / "i18n" / f"gemma_desk_{language}.ts").getroot()
    found = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None and translation.text:
            found[message.findtext("source")] = translation.text
    return found


def visible_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for each readable text under `widget`, hidden widgets included (tabs)."""
    texts = [("window title", widget.windowTitle())]
    for child in [widget, *widget.findChildren(QWidget)]:
        name = f"{type(child).__name__} {child.objectName()}".strip()
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append((name, child.text()))
        if isinstance(child, QGroupBox):
            texts.append((name, child.title()))
        if isinstance(child, (QTabWidget, QTabBar)):
            texts += [(f"{name} tab", child.tabText(i)) for i in range(child.count())]
        if isinstance(child, QComboBox):
            texts += [(f"{name} item", child.itemText(i)) for i in range(child.count())]
        if isinstance(child, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append((f"{name} placeholder", child.placeholderText()))
        if isinstance(child, QMenu):
            texts += [(f"{name} action", action.text()) for action in child.actions()]
        if child.toolTip():
            texts.append((f"{name} tooltip", child.toolTip()))
    for action in widget.actions():
        texts.append(("action", action.text()))
    return [(where, text) for where, text in texts if text and text.strip()]


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&&", "&").replace("&", "")


def english_texts(texts: list[tuple[str, str]], language: str, data: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """`data`: texts that are the user's own (device names, file names), right in any language."""
    from app.ui.common.i18n import LANGUAGE_NAMES  # each language's own name is right in every UI

    translated = {source: text for source, text in catalog_sources(language).items() if source != text}
    left = []
    for where, text in texts:
        if text in LANGUAGE_NAMES.values() or text in data:
            continue
        if text in translated:
            left.append((where, text))
        elif language.startswith("zh") and not _CJK.search(text):
            words = {word.lower() for word in _LATIN_WORD.findall(_plain(text))}
            if words - ALLOWED_WORDS:
                left.append((where, text))
    return left
