"""Why the model cannot hear (or see) is a core sentence: the window says it in the UI language,
the command line and the server in English."""

from __future__ import annotations

from tests.ui.conftest import make_window  # noqa: F401 - the fixture, used by name


def test_why_the_model_cannot_hear_reads_in_german(qtbot, ui_language, make_window):
    ui_language("de")
    window = make_window()  # the 270M model, no projector
    said = window.dictation.panel.record_button.toolTip()
    assert said.startswith(f"{window.loaded.info.path.name} hat keinen Projektor"), said
    assert "Einstellungen ▸ Modell" in said, said
    english = str(window.loaded.speech_unavailable)
    assert english.endswith("so it cannot hear audio. Add an audio-capable projector (e.g. Gemma 4's mmproj) in "
                            "Settings ▸ Model."), english


def test_a_nested_reason_is_translated_with_the_sentence_around_it(ui_language):
    from app.core.errors import UserError
    from app.core.i18n import QT_TRANSLATE_NOOP
    from app.ui.common.i18n import error_text

    ui_language("de")
    inner = UserError(QT_TRANSLATE_NOOP("UserError", "the header runs past the end of the file ({size:,} bytes)"),
                      size=1000)
    outer = UserError(QT_TRANSLATE_NOOP("UserError", "The conversation database cannot be opened: {reason}."),
                      reason=inner)
    assert str(outer) == ("The conversation database cannot be opened: the header runs past the end of the file "
                          "(1,000 bytes).")
    assert error_text(outer) == ("Die Unterhaltungsdatenbank lässt sich nicht öffnen: der Header reicht über das "
                                 "Ende der Datei hinaus (1,000 Bytes).")
