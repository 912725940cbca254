"""The window's language: which catalogs to install at start-up, and translating what the core
marked (user errors, task presets, language names) without the core importing Qt.

The language is read once, before any widget exists; a change in Settings applies at the next
start. "system" follows the locale; an unknown value falls back to it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.errors import UserError, fill_template
from app.core.i18n import ERRORS_CONTEXT
from app.core.storage.settings_rules import UI_LANGUAGES
from app.core.task_presets import LANGUAGE_CONTEXT, PRESET_CONTEXT
from app.i18n import CATALOG_PREFIX, catalog_folder

log = logging.getLogger(__name__)

# What the Language combo offers: each name in its own language, "System" in the UI's.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文", "de": "Deutsch"}
SHIPPED_CATALOGS = ("zh_CN", "de")

_installed: list[QTranslator] = []  # kept alive while installed; Qt does not own them


def ui_locale(language: str) -> QLocale:
    """The locale the window speaks for the setting `language` ("system" or a catalog name)."""
    if language not in UI_LANGUAGES or language == "system":
        return QLocale.system()
    return QLocale(language)


def install_translators(language: str, app: QCoreApplication | None = None) -> QLocale:
    """Install our catalog and Qt's own (standard buttons, context menus) for `language`.

    Call it before building any widget. English, or a locale without a catalog, installs
    nothing. Returns the locale chosen, which also becomes the default QLocale."""
    app = app or QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = ui_locale(language)
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    # Tries each of the locale's UI languages (de_AT → de); none for English or an unshipped one.
    if not ours.load(locale, CATALOG_PREFIX.rstrip("_"), "_", str(catalog_folder())):
        # Not shipped: the window stays English, whose catalog holds only its plurals ("1 chunk").
        if ours.load(QLocale(QLocale.English), CATALOG_PREFIX.rstrip("_"), "_", str(catalog_folder())):
            app.installTranslator(ours)
            _installed.append(ours)
        return locale
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings (standard buttons, context menus), only beside ours
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return locale


def error_text(error: BaseException) -> str:
    """The sentence for `error` in the UI's language; English for anything not marked."""
    if isinstance(error, UserError) and error.template:
        translated = QCoreApplication.translate(ERRORS_CONTEXT, error.template)
        arguments = {name: error_text(value) if isinstance(value, UserError) else value
                     for name, value in error.arguments.items()}  # a reason inside the sentence
        try:
            return fill_template(translated, arguments)
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide the error
            log.warning("The translation of %r does not fit its arguments", error.template)
            return str(error)
    return str(error)


def language_label(english_name: str) -> str:
    """A translation target ("German") as the UI names it ("Deutsch", "德语")."""
    return QCoreApplication.translate(LANGUAGE_CONTEXT, english_name)


def preset_prompt(template: str, in_ui_language: bool, **arguments: str) -> str:
    """A task preset as it goes to the model: English by default, or in the UI's language when
    the user chose so (then a {language} argument is named in the UI's language too)."""
    if not in_ui_language:
        return fill_template(template, arguments)
    translated = QCoreApplication.translate(PRESET_CONTEXT, template)
    shown = {name: language_label(value) if name == "language" else value for name, value in arguments.items()}
    try:
        return fill_template(translated, shown)
    except (KeyError, IndexError, ValueError):
        return fill_template(template, arguments)


def source_text(loaded) -> str:
    """Where the loaded model's answers come from, in the UI language."""
    template, values = loaded.source_parts
    if not template:
        return loaded.source
    return QCoreApplication.translate("AnswerSource", template).format(**values)
