"""Server ▸ Local server: the window's engine behind the OpenAI API, shared with the window's own
chat. The official `openai` client asks while the window answers; both get their own answers."""

from __future__ import annotations

import threading

import openai

from tests.ui.conftest import WAIT_MS, wait_for_answer


def ask_in_thread(url: str, question: str, results: dict, key: str = "none") -> threading.Thread:
    def ask() -> None:
        client = openai.OpenAI(base_url=url, api_key=key, timeout=120)
        try:
            answer = client.chat.completions.create(
                model="any", messages=[{"role": "user", "content": question}], max_tokens=12, temperature=0)
            results[question] = answer
        except Exception as error:  # noqa: BLE001 - the test reads it
            results[question] = error

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread


def test_the_window_serves_its_engine_while_it_chats(qtbot, make_window):
    window = make_window()
    server = window.local_server
    assert server.start("127.0.0.1", 0, None) is None
    url = server.url
    assert window.local_server.status_label.isVisible() and url in server.status_label.text()
    results: dict = {}
    busy = []
    server.port.busyChanged.connect(busy.append)
    with wait_for_answer(qtbot, window) as window_answer:
        window.chat.send("Name a colour.")
        threads = [ask_in_thread(url, q, results) for q in ("Count to three.", "Say hello.")]
        qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    for question in ("Count to three.", "Say hello."):
        answer = results[question]
        assert not isinstance(answer, Exception), answer
        assert answer.choices[0].message.content and answer.usage.completion_tokens > 0
    assert window_answer.args[0].token_ids and window.chat.conversation.messages[-1].text == window_answer.args[0].text
    assert max(busy) >= 1 and busy[-1] == 0  # the status bar counted the server's requests
    assert window.chat_view.bubbles[-1].text == window_answer.args[0].text  # nothing mixed in
    for thread in threads:
        thread.join(5)
    server.stop()
    assert not server.status_label.isVisible()


def test_another_address_needs_a_key_and_a_busy_port_is_a_sentence(qtbot, make_window):
    window = make_window(load=False)
    server = window.local_server
    problem = server.start("0.0.0.0", 0, None)
    assert problem and "API key" in problem and server.url is None
    assert server.start("127.0.0.1", 0, "secret") is None
    taken = server.http.port
    other = type(server)(window)
    problem = other.start("127.0.0.1", taken, None)
    assert problem and str(taken) in problem
    server.stop()


def test_a_key_is_checked_on_every_request(qtbot, make_window):
    window = make_window()
    server = window.local_server
    assert server.start("127.0.0.1", 0, "secret") is None
    results: dict = {}
    ask_in_thread(server.url, "Wrong key?", results, key="wrong")
    ask_in_thread(server.url, "Right key?", results, key="secret")
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    assert isinstance(results["Wrong key?"], openai.AuthenticationError)
    assert results["Right key?"].choices[0].message.content
    server.stop()


def test_the_menu_opens_the_dialog(qtbot, make_window, monkeypatch):
    from app.ui.server.local_server import LocalServerDialog

    window = make_window(load=False)
    seen = []
    monkeypatch.setattr(LocalServerDialog, "exec", lambda self: seen.append(self.port_spin.value()) or 0)
    window.local_server.action.trigger()
    assert seen == [8080]
    assert window.local_server.menu.title().replace("&", "") == "Server"


def test_a_busy_port_is_told_in_the_dialog_and_start_works_again_with_the_proposed_port(qtbot, make_window, monkeypatch):
    import re
    import socket

    from PySide6.QtWidgets import QDialog

    from app.ui.server.local_server import LocalServerDialog

    window = make_window(load=False)
    server = window.local_server
    seen = []

    def press_start(dialog):
        """First Start on the taken port; then Start again on the port the sentence proposes."""
        if dialog.problem.isHidden():
            dialog.port_spin.setValue(taken_port)
            return QDialog.Accepted
        seen.append((dialog.problem.text(), dialog.start_button.isEnabled(), dialog.start_button.text(),
                     dialog.port_spin.isEnabled(), server.status_label.isVisible(), server.url))
        dialog.port_spin.setValue(int(re.search(r"for example (\d+)", dialog.problem.text())[1]))
        return QDialog.Accepted

    monkeypatch.setattr(LocalServerDialog, "exec", press_start)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        taken_port = taken.getsockname()[1]
        server.action.trigger()
    problem, start_enabled, start_text, port_editable, serving_shown, url = seen[0]
    assert problem.startswith(f"Port {taken_port} on 127.0.0.1 is in use by another program. Choose another port")
    assert "while attempting" not in problem and "Address already in use" not in problem
    assert (start_enabled, start_text, port_editable, serving_shown, url) == (True, "Start", True, False, None)
    assert server.url is not None and server.status_label.isVisible()  # the proposed port was free
    server.stop()
    assert not server.status_label.isVisible()


def test_the_chosen_address_comes_back_and_starting_on_launch_is_the_users_choice(qtbot, make_window, tmp_path, monkeypatch):
    import socket

    from PySide6.QtWidgets import QDialog

    from app.ui.server.local_server import LocalServerDialog
    from app.ui.settings.settings_model import SettingsModel

    settings_path = tmp_path / "config" / "settings.json"

    def restart(window):
        window.close()
        window.store.close()
        return make_window(load=False, settings=SettingsModel(settings_path))

    def answer_dialog_with(choose):
        monkeypatch.setattr(LocalServerDialog, "exec", lambda dialog: choose(dialog))

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    window = make_window(load=False, settings=SettingsModel(settings_path))

    def start_on_localhost(dialog):
        dialog.host_edit.setText("localhost")
        dialog.port_spin.setValue(port)
        return QDialog.Accepted

    answer_dialog_with(start_on_localhost)
    window.local_server.action.trigger()
    assert window.local_server.url.endswith(f":{port}/v1")

    window = restart(window)
    assert window.local_server.url is None, "the server starts by itself only when the user asked for that"
    shown = []

    def read_and_ask_to_start_on_launch(dialog):
        shown.append((dialog.host_edit.text(), dialog.port_spin.value(), dialog.start_on_launch.isChecked()))
        dialog.start_on_launch.setChecked(True)
        return QDialog.Rejected  # Close

    answer_dialog_with(read_and_ask_to_start_on_launch)
    window.local_server.action.trigger()
    assert shown == [("localhost", port, False)]

    window = restart(window)
    assert window.local_server.url is not None and window.local_server.url.endswith(f":{port}/v1")
    assert window.local_server.status_label.isVisible()

    window.local_server.stop()
    with socket.create_server(("127.0.0.1", port)):
        window = restart(window)
        assert window.local_server.url is None and not window.local_server.status_label.isVisible()
        notices = window.notice.notices
        assert notices.showing and f"Port {port} on localhost is in use by another program" in notices.text
