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
