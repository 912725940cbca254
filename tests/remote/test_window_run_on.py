"""Settings ▸ Model ▸ Run on, end to end in the real window: llama-cpp-python's own server and Gemma
Desk's `serve` as the engine, a wrong key, a server that is no OpenAI server, and back again."""

from __future__ import annotations

import argparse
import http.server
import json
import threading

import pytest
from PySide6.QtCore import QThreadPool, Qt

from app.core.storage.settings import load_settings
from tests.remote.conftest import free_port, llama_cpp_python_server
from tests.server.conftest import text_server  # noqa: F401
from tests.ui.conftest import WAIT_MS, make_window, no_leaked_engine_threads, wait_for_answer  # noqa: F401
from tests.ui.settings_support import restore_look, wait_until_pool_done, window_with_settings  # noqa: F401

pytestmark = pytest.mark.usefixtures("restore_look")
KEY = "sesame-7f3a"
WRONG_KEY = "not-the-key-91c2"


@pytest.fixture(scope="module")
def keyed_llama_server(gemma_model_path, tmp_path_factory):
    with llama_cpp_python_server(gemma_model_path, tmp_path_factory.mktemp("llama") / "server.log",
                                 api_key=KEY) as server:
        yield server


def local_window(make_window, tmp_path, model):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({
        "model": {"active_model": str(model)},
        "generation": {"context_size": 2048, "temperature": 0.0, "max_tokens": 16},
        "hardware": {"threads": 2},
    }))
    window, controller = window_with_settings(make_window, path, load=True)
    return window, controller, path


def choose_server(qtbot, controller, url: str, key: str | None):
    """Open Settings, pick Run on ▸ A server, type the address and key, press Check."""
    dialog = controller.open_settings()
    tab = dialog.model_tab
    tab.run_on_combo.setCurrentIndex(tab.run_on_combo.findData("server"))
    assert not tab.this_computer.isEnabled() and not dialog.hardware_tab.isEnabled(), "local-only settings greyed"
    tab.server_row.url_edit.setText(url)
    tab.server_row.key_edit.setText(key or "")
    with qtbot.waitSignal(dialog.server.checkFinished, timeout=WAIT_MS) as checked:
        tab.server_row.check_button.click()
        assert tab.server_row.status_label.text().startswith("Checking ")
        assert not tab.server_row.check_button.isEnabled()
    assert tab.server_row.check_button.isEnabled()
    return dialog, checked.args[0]


def send(qtbot, window, text: str = "Count from one to twenty."):
    window.chat.system_prompt = "Answer in English."
    window.composer.editor.setPlainText(text)
    with wait_for_answer(qtbot, window) as blocker:
        qtbot.keyClick(window.composer.editor, Qt.Key_Return)
    return blocker.args[0]


def test_run_on_a_keyed_llama_cpp_server_and_back(qtbot, make_window, tmp_path, gemma_model_path, keyed_llama_server):
    server = keyed_llama_server
    window, controller, settings_path = local_window(make_window, tmp_path, gemma_model_path)
    local_text = window.model_label.text()

    # A wrong key: Check says so in one sentence; OK keeps the model on this computer.
    dialog, found = choose_server(qtbot, controller, server.url, WRONG_KEY)
    assert found == f"The server at {server.url} refused this API key (HTTP 401): check the key."
    assert dialog.model_tab.server_row.status_label.text() == found
    with qtbot.waitSignal(window.loader.loadFailed, timeout=WAIT_MS) as failed:
        dialog.ok_button.click()
    assert "refused the API key (HTTP 401)" in failed.args[0]
    assert failed.args[0].endswith("The previous model is still loaded.")
    assert "refused the API key (HTTP 401)" in window.notice.label.text()
    assert window.loaded.options.model_path == gemma_model_path and not window.loader.on_server
    assert window.source_label.text().endswith("on this computer")
    assert window.model_label.text() == local_text

    # The right key: Check lists the model; OK connects; the status bar says where answers come from.
    dialog, found = choose_server(qtbot, controller, server.url, KEY)
    assert found == [server.model_id]
    combo = dialog.model_tab.server_row.model_combo
    assert combo.currentData() == server.model_id
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        dialog.ok_button.click()
    assert window.loader.on_server
    assert window.source_label.text() == f"Answers from {server.model_id} on the server at {server.url}"
    assert window.model_label.text().startswith(f"{server.model_id} · server")
    assert window.model_label.text().endswith(f" · {server.url}")
    saved_text = settings_path.read_text()
    assert KEY not in saved_text and WRONG_KEY not in saved_text, "the API key is never written to settings.json"
    saved = load_settings(settings_path)[0].model
    assert (saved.run_on, saved.server_url, saved.server_model) == ("server", server.url, server.model_id)
    assert saved.active_model == gemma_model_path, "the local choice is kept for switching back"

    # Reopening Settings keeps the key typed this session (memory only).
    dialog = controller.open_settings()
    assert dialog.model_tab.server_row.key_edit.text() == KEY
    assert dialog.model_tab.loaded_label.text() == window.source_label.text()
    dialog.reject()

    # A chat message is answered by the server and stored on this computer.
    answer = send(qtbot, window)
    assert answer.text.strip() and not answer.token_ids, "text from the server, not this model's token ids"
    stored = window.store.messages(window.chat.conversation.conversation_id)
    assert [m.role for m in stored] == ["user", "model"]
    assert stored[1].text == answer.text and stored[1].model_name == server.model_id

    # Back to this computer: the local model is loaded again through the same route.
    dialog = controller.open_settings()
    tab = dialog.model_tab
    tab.run_on_combo.setCurrentIndex(tab.run_on_combo.findData("local"))
    assert tab.this_computer.isEnabled() and dialog.hardware_tab.isEnabled()
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        dialog.ok_button.click()
    assert not window.loader.on_server and window.loaded.options.model_path == gemma_model_path
    assert window.source_label.text() == f"Answers from {gemma_model_path.name} on this computer"
    assert str(gemma_model_path) in window.model_label.text()
    assert load_settings(settings_path)[0].model.run_on == "local"
    assert KEY not in settings_path.read_text()


def test_gemma_desk_serve_as_the_window_engine_greys_out_images(qtbot, make_window, tmp_path, gemma_model_path,
                                                                text_server):
    window, controller, _ = local_window(make_window, tmp_path, gemma_model_path)
    dialog, found = choose_server(qtbot, controller, text_server.url, None)
    assert isinstance(found, list) and len(found) == 1
    model_id = found[0]
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        dialog.ok_button.click()
    loaded = ready.args[0]
    assert loaded.supports_images is False, "Gemma Desk's serve says this model has no projector"
    assert window.source_label.text() == f"Answers from {model_id} on the server at {text_server.url}"
    reason = f"{model_id} on the server at {text_server.url} cannot see images (the server says so)."
    assert not window.attach_image_action.isEnabled() and window.attach_image_action.toolTip().startswith(reason)
    presets = window.composer.presets
    assert not presets.add_image_button.isEnabled() and presets.add_image_button.toolTip() == reason
    assert window.dictation.speech_unavailable == (
        f"{model_id} on the server at {text_server.url} cannot hear audio (the server says so).")
    # A projector goes with a local model: File ▸ Open projector says so instead of crashing.
    assert window.loader.open_projector(gemma_model_path) is False
    assert "a projector goes with a model on this computer" in window.notice.label.text()
    answer = send(qtbot, window)
    assert answer.text.strip()
    assert window.store.messages(window.chat.conversation.conversation_id)[1].text == answer.text


class _NotOpenAI(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_error(404)

    def log_message(self, *_):
        pass


@pytest.fixture
def not_openai_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_check_says_in_one_sentence_why_a_server_cannot_be_used(qtbot, make_window, tmp_path, gemma_model_path,
                                                                 not_openai_server):
    window, controller, _ = local_window(make_window, tmp_path, gemma_model_path)
    dialog, found = choose_server(qtbot, controller, not_openai_server, None)
    assert found == (f"{not_openai_server} answered, but it is not an OpenAI-compatible server "
                     "(it has no /v1/models).")
    dialog.reject()
    port = free_port()
    dialog, found = choose_server(qtbot, controller, f"127.0.0.1:{port}", None)
    assert found.startswith(f"The server at http://127.0.0.1:{port} did not answer: ")
    tab = dialog.model_tab
    tab.server_row.url_edit.setText("ftp://example.org")
    assert not dialog.ok_button.isEnabled()
    assert "must start with http:// or https://" in dialog.message.text()
    dialog.reject()
    wait_until_pool_done(QThreadPool.globalInstance())


def test_a_wanted_key_and_no_key_gives_the_sentence(qtbot, make_window, tmp_path, gemma_model_path, keyed_llama_server):
    window, controller, _ = local_window(make_window, tmp_path, gemma_model_path)
    dialog, found = choose_server(qtbot, controller, keyed_llama_server.url, None)
    assert found == f"The server at {keyed_llama_server.url} wants an API key (HTTP 401): enter it above."
    dialog.reject()


def test_a_saved_server_is_used_at_start_and_open_model_comes_back_here(qtbot, make_window, tmp_path,
                                                                        gemma_model_path, text_server):
    from app.ui.application import load_first_model

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({
        "model": {"active_model": str(gemma_model_path), "run_on": "server", "server_url": text_server.url},
        "generation": {"context_size": 2048, "temperature": 0.0, "max_tokens": 16},
        "hardware": {"threads": 2},
    }))
    window, controller = window_with_settings(make_window, path)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        assert load_first_model(argparse.Namespace(model=None, mmproj=None), window.loader)
    assert window.loader.on_server and window.source_label.text().endswith(f"on the server at {text_server.url}")

    # File ▸ Open model: the file runs on this computer, and that is remembered.
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        assert window.loader.open_model(gemma_model_path)
    assert not window.loader.on_server and window.loaded.options.model_path == gemma_model_path
    assert load_settings(path)[0].model.run_on == "local"
