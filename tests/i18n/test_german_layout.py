"""German is the longest of our languages: at 14 pt the Settings tabs and the dictation panel
must show every button, check box and label whole (nothing cut off), and the window with the
dictation panel open must still fit a 1366×768 laptop."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QRadioButton

from tests.i18n.test_window_languages import open_settings
from tests.ui.conftest import make_window  # noqa: F401 - the fixture, used by name


def clipped(widget) -> list[str]:
    """The visible buttons and one-line labels under `widget` narrower than their text needs."""
    cut = []
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        if not child.isVisible() or not child.text() or (isinstance(child, QLabel) and child.wordWrap()):
            continue
        needed = (child.sizeHint() if isinstance(child, (QCheckBox, QRadioButton, QLabel))
                  else child.minimumSizeHint()).width()
        if child.width() < needed:
            cut.append(f"{child.text()!r}: {child.width()} < {needed}")
    return cut


def test_german_settings_tabs_show_every_text_whole_at_14pt(qtbot, ui_language, font_size):
    ui_language("de")
    font_size(14)
    dialog = open_settings(qtbot)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.waitUntil(dialog.tabs.currentWidget().isVisible)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768, (dialog.tabs.tabText(index), hint)
        dialog.resize(dialog.size().expandedTo(hint))
        assert clipped(dialog.tabs.currentWidget()) == [], dialog.tabs.tabText(index)
    assert clipped(dialog.buttons) == []


def test_german_window_with_dictation_fits_a_laptop_at_14pt(qtbot, ui_language, font_size, make_window):
    ui_language("de")
    font_size(14)
    window = make_window(load=False)
    window.dictation_panel.show()
    qtbot.waitUntil(window.dictation_panel.isVisible)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    panel = window.dictation_panel
    assert panel.record_button.text() == "● Aufnehmen"  # the catalog is in use
    assert clipped(panel) == []
