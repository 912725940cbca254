"""The real window on the real model: send, stream, stop, save, reopen, bad files."""

import time
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer

from app.core.engine.options import LoadOptions
from app.core.storage.store import ConversationStore
from tests.gguf_factory import write_tiny_gguf
from tests.ui.conftest import WAIT_MS, wait_for_answer


def test_message_streams_into_the_view_and_is_saved(qtbot, make_window):
    window = make_window()
    streamed = []
    window.chat.answerStarted.connect(lambda request: request.streamed.connect(streamed.append))
    window.composer.editor.setPlainText("Write one sentence about rivers.")
    with wait_for_answer(qtbot, window) as blocker:
        qtbot.keyClick(window.composer.editor, Qt.Key_Return)
    result = blocker.args[0]
    assert len(streamed) >= 2, "tokens arrive one by one"
    assert "".join(streamed) == result.text
    bubbles = window.chat_view.bubbles
    assert [b.role for b in bubbles] == ["user", "model"]
    assert bubbles[1].text == result.text
    stored = window.store.messages(window.chat.conversation.conversation_id)
    assert [(m.role, m.text, m.status) for m in stored] == [
        ("user", "Write one sentence about rivers.", "complete"),
        ("model", result.text, "complete"),
    ]
    assert "tok/s" in window.speed_label.text()
    assert window.context_label.text() == f"context {result.context_used}/2048"


def test_shift_enter_makes_a_new_line_and_does_not_send(qtbot, make_window):
    window = make_window()
    qtbot.keyClicks(window.composer.editor, "first")
    qtbot.keyClick(window.composer.editor, Qt.Key_Return, Qt.ShiftModifier)
    qtbot.keyClicks(window.composer.editor, "second")
    assert window.composer.editor.toPlainText() == "first\nsecond"
    assert window.chat_view.bubbles == []


def test_stop_keeps_the_partial_answer(qtbot, make_window):
    window = make_window()
    window.chat.sampling = replace(window.chat.sampling, max_tokens=400)
    first_token = []
    window.chat.answerStarted.connect(lambda request: request.streamed.connect(
        lambda _: first_token or (first_token.append(1), window.chat.stop())))
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send("Tell me a very long story about a lighthouse keeper.")
    result = blocker.args[0]
    assert result.stop_reason == "cancelled"
    assert 1 <= len(result.token_ids) <= 3, "cancel acts within one token"
    stored = window.store.messages(window.chat.conversation.conversation_id)
    assert stored[-1].status == "stopped" and stored[-1].text == result.text
    assert window.composer.send_button.isVisible()


def test_conversation_is_there_after_the_window_is_rebuilt(qtbot, make_window, tmp_path):
    window = make_window(store_folder=tmp_path / "kept")
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send("Remember this: blue giraffe.")
    answer = blocker.args[0].text
    window.close()
    window.store.close()

    again = make_window(load=False, store_folder=tmp_path / "kept")
    assert again.conversation_list.count() == 1
    assert again.conversation_list.item(0).text() == "Remember this: blue giraffe."
    again.conversation_list.setCurrentRow(0)
    assert [b.text for b in again.chat_view.bubbles] == ["Remember this: blue giraffe.", answer]


def test_regenerate_replaces_the_last_answer(qtbot, make_window):
    window = make_window()
    with wait_for_answer(qtbot, window):
        window.chat.send("Pick a number.")
    with wait_for_answer(qtbot, window) as blocker:
        window.regenerate_action.trigger()
    stored = window.store.messages(window.chat.conversation.conversation_id)
    assert [m.role for m in stored] == ["user", "model"]
    assert stored[-1].text == blocker.args[0].text
    assert len(window.chat_view.bubbles) == 2


def test_event_loop_keeps_turning_while_generating(qtbot, make_window):
    window = make_window()
    window.chat.sampling = replace(window.chat.sampling, max_tokens=48)
    ticks = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    with wait_for_answer(qtbot, window):
        window.chat.send("Describe a mountain in detail.")
    timer.stop()
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:]))
    longest = gaps[-1]
    p99 = gaps[int(len(gaps) * 0.99)]
    print(f"\nevent loop while streaming: {len(ticks)} ticks, longest gap {longest * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    assert len(ticks) > 20
    assert longest < 0.25, f"the GUI thread was blocked for {longest * 1000:.0f} ms"


def test_closing_during_generation_saves_the_partial_answer(qtbot, make_window, tmp_path):
    window = make_window(store_folder=tmp_path / "closing")
    window.chat.sampling = replace(window.chat.sampling, max_tokens=2000)
    with qtbot.waitSignal(window.chat.answerStarted, timeout=WAIT_MS) as started:
        window.chat.send("Write an endless poem.")
    with qtbot.waitSignal(started.args[0].streamed, timeout=WAIT_MS):
        pass
    conversation_id = window.chat.conversation.conversation_id
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 5, "closing does not hang"
    assert not window.host.thread.isRunning()
    store = ConversationStore.in_folder(tmp_path / "closing")
    stored = store.messages(conversation_id)
    store.close()
    assert stored[-1].role == "model" and stored[-1].status == "stopped"
    assert stored[-1].text.strip()


def test_bad_model_files_are_messages_and_the_window_stays_usable(qtbot, make_window, tmp_path, gemma_model_path):
    window = make_window()
    text_file = tmp_path / "readme.gguf"
    text_file.write_text("not a model")
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(gemma_model_path.read_bytes()[:1_000_000])
    for path, expected in [
        (tmp_path / "missing.gguf", "does not exist"),
        (text_file, "not a GGUF file"),
        (truncated, "truncated"),
        (write_tiny_gguf(tmp_path / "llama.gguf", "llama"), "'llama' model"),
    ]:
        with qtbot.waitSignal(window.modelLoadFailed, timeout=WAIT_MS) as failed:
            window.load_model(LoadOptions(model_path=path))
        assert expected in failed.args[0]
        assert window.notice.isVisible() and expected in window.notice.label.text()
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send("Still there?")
    assert blocker.args[0].token_ids, "the window still answers after the failed loads"


def test_rename_and_delete_conversation(qtbot, make_window, monkeypatch):
    window = make_window()
    with wait_for_answer(qtbot, window):
        window.chat.send("First chat")
    conversation_id = window.chat.conversation.conversation_id
    window.store.rename_conversation(conversation_id, "Renamed")
    window.chat.refresh_conversation_list()
    assert window.conversation_list.item(0).text() == "Renamed"
    window.chat.delete_conversation(conversation_id)
    assert window.conversation_list.count() == 0
    assert window.chat_view.bubbles == []
