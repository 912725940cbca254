"""An answer from a remote server carries no token ids; the window keeps its text for the next prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.remote.open_engine import open_engine
from app.core.remote.server_address import RemoteServer
from tests.remote.conftest import llama_server  # noqa: F401
from tests.ui.conftest import make_window, no_leaked_engine_threads, wait_for_answer  # noqa: F401


def test_a_remote_answer_stays_in_the_prompt_after_switching_back_to_this_computer(qtbot, make_window, llama_server):
    window = make_window()
    window.chat.system_prompt = "Answer in English."
    worker = window.host.worker
    local = worker.engine
    remote = open_engine(RemoteServer.from_user(llama_server.url))
    worker.engine = remote  # the window's engine thread is idle here
    try:
        window.composer.editor.setPlainText("Count from one to twenty.")
        with wait_for_answer(qtbot, window) as blocker:
            qtbot.keyClick(window.composer.editor, Qt.Key_Return)
    finally:
        worker.engine = local
        remote.close()
    answer = blocker.args[0]
    assert answer.text and not answer.token_ids, "a remote server sends text, not this model's token ids"
    plan = local.plan(window.chat.conversation.engine_messages())
    prompt = local.llama.detokenize(plan.token_ids).decode("utf-8", "replace")
    assert answer.text.strip() in prompt, "the remote answer is part of the next local prompt"


def test_the_engine_thread_connects_to_a_server_and_an_unreachable_one_keeps_it(qtbot, llama_server):
    from app.ui.engine.engine_worker import EngineHost
    from tests.remote.conftest import free_port

    host = EngineHost()
    try:
        with qtbot.waitSignal(host.worker.modelLoaded, timeout=30_000) as loaded:
            host.load(RemoteServer.from_user(llama_server.url))
        described = loaded.args[0]
        assert described.source == f"Answers from {llama_server.model_id} on the server at {llama_server.url}"
        assert described.projector_problem is None
        connected = host.worker.engine
        with qtbot.waitSignal(host.worker.modelFailed, timeout=30_000) as failed:
            host.load(RemoteServer.from_user(f"http://127.0.0.1:{free_port()}"))
        assert "127.0.0.1" in failed.args[0] and failed.args[0].endswith("The previous model is still loaded.")
        assert host.worker.engine is connected
    finally:
        assert host.shutdown()
