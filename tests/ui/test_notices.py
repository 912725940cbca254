"""A notice belongs to the state that raised it: when that state is fixed, the notice goes, in a
real window on the real 270M model. Other notices stay."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog

from app.core.models.memory_estimate import GB
from app.core.models.system_memory import MemoryStatus
from app.ui.settings.settings_model import SettingsModel
from tests.projector_factory import write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS, wait_for_answer
from tests.ui.test_image_chat import drop, photo, wait_for_tray

ROOMY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)


def window_with_saved_model(qtbot, make_window, tmp_path, model_path: Path):
    """A window whose settings name the 270M model, loaded the way a start-up loads it."""
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"model": {"active_model": str(model_path)},
                                    "generation": {"context_size": 1024}, "hardware": {"threads": 2}}))
    window = make_window(load=False, settings=SettingsModel(settings), read_status=lambda gpu: ROOMY)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        assert window.loader.load_saved()
    return window


def window_that_sees(qtbot, make_window, tmp_path, model_path: Path):
    """A window with the 270M model and a tiny vision projector loaded."""
    from app.core.engine.options import LoadOptions

    window = make_window(load=False)
    projector = write_gemma3nv_projector(tmp_path / "mmproj-gemma3nv.gguf")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=model_path, projector_path=projector, n_ctx=1024, n_threads=2))
    return window


def drop_files(window, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    drop(window, mime)


def open_projector(qtbot, monkeypatch, window, path: Path, signal) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    with qtbot.waitSignal(signal, timeout=WAIT_MS):
        window.open_projector_action.trigger()


def test_a_good_projector_takes_down_the_projector_notices(qtbot, make_window, tmp_path, gemma_model_path,
                                                          monkeypatch):
    window = window_with_saved_model(qtbot, make_window, tmp_path, gemma_model_path)
    drop_files(window, photo(tmp_path))
    assert window.notice.isVisible() and "no vision projector" in window.notice.label.text()

    good = write_gemma3nv_projector(tmp_path / "mmproj-gemma3nv.gguf")
    open_projector(qtbot, monkeypatch, window, good, window.modelReady)
    assert not window.notice.isVisible(), "the model can see now: the hint about the projector is gone"

    bad = tmp_path / "mmproj-broken.gguf"
    bad.write_text("not a projector")
    open_projector(qtbot, monkeypatch, window, bad, window.modelLoadFailed)
    assert window.notice.isVisible() and "projector could not be used" in window.notice.label.text()
    assert window.loaded.supports_images, "the model with the good projector stays"

    open_projector(qtbot, monkeypatch, window, good, window.modelReady)
    assert not window.notice.isVisible(), "a good projector loaded: the error about the bad one is gone"


def test_attaching_an_image_takes_down_attach_one_first(qtbot, make_window, tmp_path, gemma_model_path):
    window = window_that_sees(qtbot, make_window, tmp_path, gemma_model_path)
    window.composer.presets.describe_button.click()
    assert window.notice.isVisible() and window.notice.label.text().startswith("Attach an image first")

    window.images.loader.load_file(photo(tmp_path))
    wait_for_tray(qtbot, window, 1)
    assert not window.notice.isVisible()


def test_sending_a_new_message_takes_down_the_failed_answer(qtbot, make_window):
    window = make_window()
    window.chat.send("word " * 3000)  # far more than the 2,048-token context
    qtbot.waitUntil(lambda: not window.chat.generating, timeout=WAIT_MS)
    assert window.notice.isVisible() and window.notice.label.text().startswith("The answer failed")

    window.chat.new_conversation()  # the long message would fail again in this one
    assert window.notice.isVisible()
    with wait_for_answer(qtbot, window):
        window.chat.send("Name a colour.")
        assert not window.notice.isVisible(), "the new message's send takes the old failure down"
    window.notice.show_message("Something about the microphone.", kind="warning", key="microphone")
    with wait_for_answer(qtbot, window):
        window.chat.send("And another?")
    assert window.notice.isVisible(), "a notice that sending does not fix stays"


def test_a_refused_file_is_named_for_what_it_is_and_the_model_in_use_stays(
        qtbot, make_window, tmp_path, gemma_model_path, monkeypatch):
    window = window_with_saved_model(qtbot, make_window, tmp_path, gemma_model_path)

    bad = tmp_path / "mmproj-broken.gguf"
    bad.write_text("not a projector")
    open_projector(qtbot, monkeypatch, window, bad, window.modelLoadFailed)
    said = window.notice.label.text()
    assert said.startswith("The projector could not be used."), said
    assert said.endswith("The previous model is still loaded."), said
    assert window.loaded.options.model_path == gemma_model_path

    not_a_model = tmp_path / "notes.gguf"
    not_a_model.write_text("a text file, renamed")
    with qtbot.waitSignal(window.modelLoadFailed, timeout=WAIT_MS):
        window.loader.open_model(not_a_model)
    said = window.notice.label.text()
    assert said.startswith("The model could not be loaded.") and "notes.gguf" in said, said
    assert said.endswith("The previous model is still loaded."), said


def test_a_new_attempt_at_attaching_takes_down_the_last_ones_refusal(qtbot, make_window, tmp_path, gemma_model_path):
    window = window_that_sees(qtbot, make_window, tmp_path, gemma_model_path)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")

    def offer(*paths: Path) -> None:
        drop_files(window, *paths)

    offer(empty)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=WAIT_MS)
    assert window.notice.label.text() == "empty.png is empty (0 bytes)."
    offer(photo(tmp_path))
    wait_for_tray(qtbot, window, 1)
    assert not window.notice.isVisible(), "a good image attached: the refusal of the empty one is moot"

    offer(empty, photo(tmp_path, "blue.png", (0, 0, 255)))  # one drop: the good one does not hide its sibling's refusal
    wait_for_tray(qtbot, window, 2)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=WAIT_MS)
    assert window.notice.label.text() == "empty.png is empty (0 bytes)."


def test_sending_a_message_takes_down_a_refused_images_notice(qtbot, make_window, tmp_path, gemma_model_path):
    window = window_that_sees(qtbot, make_window, tmp_path, gemma_model_path)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    drop_files(window, empty)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=WAIT_MS)
    assert window.notice.label.text() == "empty.png is empty (0 bytes)."
    window.composer.editor.setPlainText("Never mind the picture: hello.")
    with qtbot.waitSignal(window.chat.answerStarted, timeout=WAIT_MS):
        assert window.chat.send_typed()
    assert not window.notice.isVisible(), "the user has moved on: the refusal of the image is moot"
    wait_for_answer(qtbot, window)


def test_another_engine_takes_down_the_failed_answer_of_the_last_one(qtbot, make_window, gemma_model_path):
    from app.core.engine.options import LoadOptions

    window = make_window()
    window.chat.send("word " * 3000)  # far more than the 2,048-token context
    qtbot.waitUntil(lambda: not window.chat.generating, timeout=WAIT_MS)
    assert window.notice.isVisible() and window.notice.label.text().startswith("The answer failed")

    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, n_ctx=4096, n_threads=2))
    assert not window.notice.isVisible(), "the failure was the last engine's: the status bar names another now"
