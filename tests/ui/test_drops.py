"""What is dropped on the window gets a plain answer: models, recordings, too many or repeated images."""

import shutil

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.chat.images import prepare_image
from app.core.engine.options import LoadOptions
from tests.projector_factory import write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS


@pytest.fixture
def vision_window(make_window, qtbot, tmp_path, gemma_model_path):
    window = make_window(load=False)
    projector = write_gemma3nv_projector(tmp_path / "mmproj-gemma3nv.gguf")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    return window


def picture(folder, name, size=(64, 48), color=(20, 120, 220)):
    path = folder / name
    Image.new("RGB", size, color).save(path)
    return path


def drop(window, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))


def answer_next_question(button) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(0, press)


def test_dropped_gguf_is_offered_as_the_model(qtbot, make_window, tmp_path, gemma_model_path):
    window = make_window(load=False)
    model = tmp_path / "another-model.gguf"
    shutil.copyfile(gemma_model_path, model)
    answer_next_question(QMessageBox.Yes)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        drop(window, model)
    assert ready.args[0].options.model_path == model
    assert "image" not in window.notice.label.text()


def test_declined_gguf_changes_nothing(qtbot, make_window, tmp_path):
    window = make_window(load=False)
    model = tmp_path / "another-model.gguf"
    model.write_bytes(b"GGUF")
    answer_next_question(QMessageBox.No)
    with qtbot.assertNotEmitted(window.images.modelFileOffered):
        drop(window, model)
    assert not window.load_progress.isVisible()


@pytest.mark.parametrize("name", ["meeting.wav", "voice-note.MP3"])
def test_dropped_recording_points_to_dictation(qtbot, make_window, tmp_path, name):
    window = make_window(load=False)
    recording = tmp_path / name
    recording.write_bytes(b"RIFF....WAVEfmt ")
    drop(window, recording)
    text = window.notice.label.text()
    assert window.notice.isVisible()
    assert "Dictation" in text and "Transcribe a file" in text


def test_two_images_for_one_free_slot_keep_the_first(qtbot, vision_window, tmp_path):
    window = vision_window
    for index in range(3):
        window.composer.tray.add(prepare_image(picture(tmp_path, f"held-{index}.png", color=(index * 60, 10, 10))))
    # The first is large (slow to prepare), the second tiny: arrival order must not decide.
    first = picture(tmp_path, "first.png", size=(3000, 2400), color=(200, 30, 30))
    second = picture(tmp_path, "second.png", color=(30, 200, 30))
    drop(window, first, second)
    qtbot.waitUntil(lambda: len(window.composer.tray.images()) == 4
                    and "up to 4 images" in window.notice.label.text(), timeout=WAIT_MS)
    assert window.composer.tray.images()[-1].name == "first.png"
    assert "second.png" in window.notice.label.text() and "did not fit" in window.notice.label.text()


def test_a_repeated_image_is_reported(qtbot, vision_window, tmp_path):
    window = vision_window
    photo = picture(tmp_path, "cat.png")
    window.composer.tray.add(prepare_image(photo))
    drop(window, photo)
    qtbot.waitUntil(lambda: "cat.png" in window.notice.label.text(), timeout=WAIT_MS)
    assert "already attached" in window.notice.label.text()
    assert len(window.composer.tray.images()) == 1
