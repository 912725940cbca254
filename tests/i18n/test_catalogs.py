"""The compiled catalogs ship and load, and the language setting picks them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.core.storage.settings import load_settings
from app.i18n import catalog_folder
from app.ui.common.i18n import SHIPPED_CATALOGS, ui_locale


@pytest.mark.parametrize(("language", "theme"), [("de", "Design:"), ("zh_CN", "主题：")])
def test_compiled_catalog_loads_and_translates(qapp, language, theme):
    translator = QTranslator()
    assert translator.load(f"gemma_desk_{language}", str(catalog_folder()))
    assert translator.translate("AppearanceTab", "Theme:") == theme


def test_every_shipped_language_has_a_compiled_catalog():
    assert {path.stem for path in catalog_folder().glob("gemma_desk_*.qm")} == {
        f"gemma_desk_{language}" for language in (*SHIPPED_CATALOGS, "en")  # en: its plurals only
    }


@pytest.mark.parametrize(("language", "theme"), [("de", "Design:"), ("zh_CN", "主题："), ("en", "Theme:")])
def test_installing_a_language_translates_the_application(ui_language, language, theme):
    ui_language(language)
    assert QCoreApplication.translate("AppearanceTab", "Theme:") == theme


def test_qt_own_strings_are_translated_too(ui_language):
    """Standard buttons come from Qt's qtbase catalog, installed beside ours."""
    ui_language("de")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_an_unknown_language_in_the_settings_file_falls_back_to_the_system(tmp_path, ui_language):
    path = tmp_path / "settings.json"
    path.write_text('{"appearance": {"language": "klingon"}}', encoding="utf-8")
    settings, warnings = load_settings(path)
    assert settings.appearance.language == "system"
    assert any("appearance.language" in str(warning) for warning in warnings)
    assert ui_language(settings.appearance.language) == QLocale.system()
    assert ui_locale("klingon") == QLocale.system()
