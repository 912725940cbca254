"""Images in the real window: drop, paste, presets, history, bad files, no projector."""

import io
import time

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel

from app.core.engine.options import LoadOptions
from app.core.chat.images import prepare_image
from tests.projector_factory import GEMMA3NV_IMAGE_TOKENS, write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS, wait_for_answer


@pytest.fixture
def vision_window(make_window, qtbot, tmp_path, gemma_model_path):
    window = make_window(load=False)
    projector = write_gemma3nv_projector(tmp_path / "mmproj-gemma3nv.gguf")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    return window


def photo(tmp_path, name="photo.png", color=(20, 120, 220)):
    path = tmp_path / name
    Image.new("RGB", (64, 48), color).save(path)
    return path


def drop(window, mime: QMimeData) -> None:
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)


def wait_for_tray(qtbot, window, count):
    qtbot.waitUntil(lambda: len(window.composer.tray.images()) == count, timeout=WAIT_MS)


def test_dropped_file_is_described_through_libmtmd(qtbot, vision_window, tmp_path):
    window = vision_window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo(tmp_path)))])
    dropped_at = time.perf_counter()
    drop(window, mime)
    wait_for_tray(qtbot, window, 1)
    first_token = []
    window.chat.answerStarted.connect(lambda request: request.streamed.connect(
        lambda _: first_token or first_token.append(time.perf_counter())))
    with wait_for_answer(qtbot, window) as blocker:
        window.composer.presets.describe_button.click()
    result = blocker.args[0]
    print(f"\ndrop → first answer token: {(first_token[0] - dropped_at) * 1000:.0f} ms")
    assert result.token_ids and result.media_encodes == 1
    plan = window.host.worker.engine.plan(window.chat.conversation.engine_messages()[:1])
    assert plan.token_ids.count(2) == 1
    assert [unit.n_tokens for unit in plan.media_units] == [GEMMA3NV_IMAGE_TOKENS]
    stored = window.store.messages(window.chat.conversation.conversation_id)
    assert stored[0].text == "Describe this image in detail."
    sha = stored[0].attachments[0].sha256
    assert window.store.media_path(sha).read_bytes() == (tmp_path / "photo.png").read_bytes()
    assert window.composer.tray.images() == []


def test_dropped_image_data_and_paste(qtbot, vision_window):
    window = vision_window
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(Qt.red)
    mime = QMimeData()
    mime.setImageData(image)
    drop(window, mime)
    wait_for_tray(qtbot, window, 1)
    pasted = QImage(20, 20, QImage.Format_RGB32)
    pasted.fill(Qt.green)
    QApplication.clipboard().setImage(pasted)
    window.composer.editor.setFocus()
    window.composer.editor.paste()
    wait_for_tray(qtbot, window, 2)
    assert window.composer.editor.toPlainText() == ""
    window.composer.editor.setPlainText("Which one is red?")
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send()
    assert blocker.args[0].media_encodes == 2


def test_images_survive_reopening_and_regenerate_reuses_them(qtbot, vision_window, tmp_path):
    window = vision_window
    window.composer.tray.add(prepare_image(photo(tmp_path, "kept.png")))
    with wait_for_answer(qtbot, window):
        window.chat.send("What is this?")
    conversation_id = window.chat.conversation.conversation_id
    window.chat.new_conversation()
    window.chat.open_conversation(conversation_id)
    assert window.chat_view.bubbles[0].thumbnails.count() == 2  # the thumbnail and the stretch
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.regenerate()
    assert blocker.args[0].token_ids
    messages = window.chat.conversation.engine_messages()
    assert messages[0].media[0].key == prepare_image(tmp_path / "kept.png").sha256


def test_a_lost_stored_image_leaves_the_chat_answerable_and_is_told_once(qtbot, vision_window, tmp_path):
    # Issue 19 #7: one missing stored image used to make every later turn fail with [Errno 2].
    window = vision_window
    window.composer.tray.add(prepare_image(photo(tmp_path, "holiday.png")))
    with wait_for_answer(qtbot, window):
        window.chat.send("What is this?")
    conversation_id = window.chat.conversation.conversation_id
    sha = window.chat.conversation.messages[0].attachments[0].sha256
    window.store.media_path(sha).unlink()
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):  # as after a restart: nothing cached
        window.load_model(window.loaded.options)
    window.chat.new_conversation()
    window.chat.open_conversation(conversation_id)
    window.notice.hide()
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send("And now?")
    assert blocker.args[0].skipped_media == ["holiday.png"] and blocker.args[0].token_ids
    assert window.notice.isVisible() and "holiday.png" in window.notice.label.text()
    window.notice.hide()
    with wait_for_answer(qtbot, window):
        window.chat.send("Once more?")
    assert not window.notice.isVisible()


@pytest.mark.parametrize("damage", ["deleted", "garbled"])
def test_a_lost_stored_image_shows_as_missing_and_can_be_removed(qtbot, vision_window, tmp_path, damage):
    # Issue 19 #7: the lost image is shown as missing, with a way to remove it from the message.
    window = vision_window
    window.composer.tray.add(prepare_image(photo(tmp_path, "holiday.png")))
    with wait_for_answer(qtbot, window):
        window.chat.send("What is this?")
    conversation_id = window.chat.conversation.conversation_id
    sha = window.chat.conversation.messages[0].attachments[0].sha256
    stored_file = window.store.media_path(sha)
    if damage == "deleted":
        stored_file.unlink()
    else:
        stored_file.write_bytes(b"not a picture any more")
    window.chat.new_conversation()
    window.chat.open_conversation(conversation_id)
    bubble = window.chat_view.bubbles[0]
    [lost] = bubble.lost_images()
    assert "holiday.png" in lost.findChild(QLabel).text()
    qtbot.mouseClick(lost.remove_button, Qt.LeftButton)
    assert bubble.lost_images() == []
    assert window.store.messages(conversation_id)[0].attachments == ()
    assert window.chat.conversation.messages[0].media == ()
    if damage == "garbled":
        assert not stored_file.exists()  # no other message uses it
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send("And now?")
    assert blocker.args[0].skipped_media == [] and blocker.args[0].token_ids
    window.chat.new_conversation()
    window.chat.open_conversation(conversation_id)
    assert window.chat_view.bubbles[0].lost_images() == []


def test_bad_image_is_a_message_naming_the_file(qtbot, vision_window, tmp_path):
    window = vision_window
    fake = tmp_path / "holiday.png"
    fake.write_text("this is not a picture")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fake))])
    drop(window, mime)
    qtbot.waitUntil(window.notice.isVisible, timeout=WAIT_MS)
    assert "holiday.png" in window.notice.label.text()
    assert window.composer.tray.images() == []


def test_without_projector_image_controls_are_disabled(qtbot, make_window, tmp_path):
    window = make_window()
    presets = window.composer.presets
    assert not presets.add_image_button.isEnabled()
    assert "mmproj" in presets.add_image_button.toolTip()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo(tmp_path)))])
    drop(window, mime)
    assert "no vision projector" in window.notice.label.text()


def test_projector_beside_the_model_is_found(qtbot, make_window, tmp_path, gemma_model_path):
    folder = tmp_path / "models"
    folder.mkdir()
    model = folder / "gemma-3-270m-q4_k_m.gguf"
    model.symlink_to(gemma_model_path)
    write_gemma3nv_projector(folder / "mmproj-F16.gguf")
    window = make_window(load=False)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        window.loader.open_model(model)  # the app's road: the plan finds what goes with the model
    assert ready.args[0].options.projector_path == folder / "mmproj-F16.gguf"
    assert window.composer.presets.add_image_button.isEnabled()



