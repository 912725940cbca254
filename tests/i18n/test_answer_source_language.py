"""The status bar's "Answers from …" is a core sentence: the window shows it in the UI language."""

from __future__ import annotations

from tests.ui.conftest import make_window  # noqa: F401 - the fixture, used by name


def test_where_answers_come_from_reads_in_german(qtbot, ui_language, make_window):
    ui_language("de")
    window = make_window()
    assert window.source_label.text().startswith("Antworten von gemma")
    assert window.source_label.text().endswith("auf diesem Computer")
    assert window.loaded.source.startswith("Answers from")  # the English one stays for the log and CLI
