"""A user's walk through the journeys that state ownership changed, with a screenshot at each step.

Run under a real X server:
    xvfb-run -a -s "-screen 0 1280x860x24" .venv/bin/python packaging/walkthrough.py --out shots/walk
It switches chats mid-answer, queues two file jobs, opens a model with a projector and restarts,
and runs a chat turn after dictation; it prints what it saw at each step and exits non-zero when
something landed in the wrong place.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshots import grab, settle, wait_for  # noqa: E402

from app.core.engine.options import SamplingOptions  # noqa: E402
from app.core.models.demo import demo_model_path  # noqa: E402
from app.core.storage.store import ConversationStore  # noqa: E402
from app.ui.application import create_application, load_first_model  # noqa: E402
from app.ui.common.i18n import install_translators  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.settings.appearance import apply_appearance  # noqa: E402
from app.ui.settings.settings_model import SettingsModel  # noqa: E402
from tests.projector_factory import write_audio_projector  # noqa: E402

LONG = SamplingOptions(temperature=0.7, max_tokens=160, seed=7, logit_bias={1: -100.0, 106: -100.0})


def new_window(folder: Path) -> MainWindow:
    window = MainWindow(ConversationStore.in_folder(folder), settings=SettingsModel(folder / "settings.json"))
    window.resize(1180, 780)
    window.move(40, 30)
    window.show()
    return window


def check(condition: bool, what: str, problems: list[str]) -> None:
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        problems.append(what)


def switch_chats_mid_answer(window: MainWindow, out: Path, problems: list[str]) -> None:
    chat = window.chat
    chat.sampling = SamplingOptions(temperature=0.7, max_tokens=12, seed=7)
    chat.send("Chat A: say hello.")
    wait_for(chat.answerFinished)
    chat_a = chat.conversation.conversation_id
    chat.new_conversation()
    chat.sampling = LONG
    chat.send("Chat B: write a long story about a lighthouse keeper.")
    settle(1500)
    chat_b = chat.conversation.conversation_id
    chat.open_conversation(chat_a)  # the user clicks chat A while B is still answering
    grab(out / "1-chat-a-while-b-answers.png")
    wait_for(chat.answerFinished, 300_000)
    chat.open_conversation(chat_b)
    grab(out / "2-back-to-chat-b.png")
    stored_a = window.store.messages(chat_a)
    stored_b = window.store.messages(chat_b)
    check(len(stored_a) == 2, f"chat A kept its 2 messages ({len(stored_a)})", problems)
    check(len(stored_b) == 2 and stored_b[1].text.strip() != "", "chat B's answer was saved into chat B", problems)


def two_file_jobs(window: MainWindow, folder: Path, out: Path, problems: list[str]) -> None:
    rng = np.random.default_rng(1)
    files = []
    for name, seconds in (("first.wav", 62), ("second.wav", 40)):
        path = folder / name
        soundfile.write(str(path), (0.2 * rng.standard_normal(16_000 * seconds)).astype(np.float32), 16_000)
        files.append(path)
    window.dictation_panel.show()
    window.resizeDocks([window.dictation_panel], [460], Qt.Horizontal)
    dictation = window.dictation
    dictation.max_tokens_per_chunk = 4
    dictation.transcribe_file(files[0])
    dictation.transcribe_file(files[1])
    settle(800)
    status = window.dictation_panel.waiting.text()
    grab(out / "3-two-file-jobs-queued.png")
    wait_for(dictation.queueDrained, 600_000)
    sessions = window.store.transcriptions()
    by_title = {session.title: window.store.segments(session.id) for session in sessions}
    print(f"     queue status while busy: {status!r}; sessions: { {t: len(s) for t, s in by_title.items()} }")
    first, second = by_title.get("first.wav", []), by_title.get("second.wav", [])
    check(len(first) >= 3 and len(second) >= 2, f"each file kept its own chunks ({len(first)} and {len(second)})", problems)
    check(bool(second) and second[0].start_s == 0.0 and all(a.end_s <= b.start_s + 1e-6 for a, b in zip(second, second[1:])),
          "the second file's clock starts at 00:00 and runs forward", problems)
    grab(out / "4-two-file-jobs-done.png")


def chat_after_dictation(window: MainWindow, audio: Path, problems: list[str]) -> None:
    chat = window.chat
    chat.sampling = SamplingOptions(temperature=0.7, max_tokens=8, seed=7)
    chat.new_conversation()
    chat.send("First turn.")
    wait_for(chat.answerFinished)
    dictation = window.dictation
    dictation.transcribe_file(audio)  # a dictation job between two chat turns
    wait_for(dictation.queueDrained, 600_000)
    chat.send("Second turn.")
    (result,) = wait_for(chat.answerFinished)
    print(f"     second chat turn after dictation: evaluated {result.evaluated_units} units, "
          f"reused {result.reused_units} of {result.prompt_tokens} prompt tokens")
    check(result.reused_units > 0 and result.evaluated_units < result.prompt_tokens,
          "the chat turn after dictation read only its new tokens", problems)


def search_variants_and_server(window: MainWindow, out: Path, problems: list[str]) -> None:
    """Find an old chat by a word, regenerate its answer and flip back, then let a program ask the
    window's local server while the user chats."""
    import threading

    import openai

    chat = window.chat
    chat.new_conversation()
    window.search_field.setText("lighthouse")
    window.search.run()
    hits = window.search.hits
    check(bool(hits), f"searching 'lighthouse' finds the chat that asked for it ({len(hits)} hits)", problems)
    if hits:
        window.search.open_hit(hits[-1])
    grab(out / "7-search-opened-the-chat.png")
    window.search.clear()
    first = chat.conversation.messages[-1].text
    chat.sampling = SamplingOptions(temperature=0.9, max_tokens=24, seed=11)
    window.regenerate_action.trigger()
    wait_for(chat.answerFinished, 300_000)
    bubble = window.chat_view.bubbles[-1]
    check(bubble.actions.variant_label.text() == "2/2", f"the answer shows 2/2 after Regenerate ({bubble.actions.variant_label.text()!r})", problems)
    bubble.actions.previous_button.click()
    settle(200)
    shown = window.store.messages(chat.conversation.conversation_id)[-1].text
    check(shown == first, "flipping back shows (and keeps) the first answer", problems)
    grab(out / "8-regenerated-and-flipped-back.png")

    server = window.local_server
    check(server.start("127.0.0.1", 0, None) is None, f"the local server starts ({server.url})", problems)
    answers: dict = {}

    def ask() -> None:
        client = openai.OpenAI(base_url=server.url, api_key="none", timeout=300)
        answers["server"] = client.chat.completions.create(
            model="any", messages=[{"role": "user", "content": "Say hello."}], max_tokens=12)

    asking = threading.Thread(target=ask, daemon=True)
    chat.sampling = SamplingOptions(temperature=0.7, max_tokens=40, seed=7)
    finished = []  # listened to before sending: 40 tokens can be done before the screenshot is
    chat.answerFinished.connect(finished.append)
    chat.send("And one more line, please.")
    asking.start()
    settle(800)
    grab(out / "9-server-request-beside-the-chat.png")
    if not finished:
        wait_for(chat.answerFinished, 300_000)
    while asking.is_alive():
        settle(200)
    reply = answers.get("server")
    check(reply is not None and bool(reply.choices[0].message.content), "the server's client got its own answer", problems)
    stored = window.store.messages(chat.conversation.conversation_id)
    check(stored[-1].role == "model" and stored[-1].text.strip() != "", "the chat's answer was saved in the chat", problems)
    server.stop()


def open_model_then_restart(folder: Path, projector: Path, out: Path, problems: list[str]) -> None:
    window = new_window(folder / "restart")
    window.loader.open_model(demo_model_path(), projector)
    wait_for(window.modelReady)
    grab(out / "5-opened-model-with-projector.png")
    window.close()
    window.store.close()
    settle(300)
    window = new_window(folder / "restart")  # the restart: same data and settings folder
    load_first_model(argparse.Namespace(model=None, mmproj=None), window.loader)
    (loaded,) = wait_for(window.modelReady)
    grab(out / "6-after-restart.png")
    check(loaded.options.projector_path == projector, "after a restart the opened model and its projector are back", problems)
    window.close()
    window.store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("shots/walk"))
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    install_translators("en", app)  # as run_application does: English reads "1 request running"
    apply_appearance(app, args.theme, 10)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        projector = write_audio_projector(folder / "mmproj-audio.gguf")
        window = new_window(folder / "main")
        window.loader.open_model(demo_model_path(), projector)
        wait_for(window.modelReady)
        switch_chats_mid_answer(window, args.out, problems)
        two_file_jobs(window, folder, args.out, problems)
        chat_after_dictation(window, folder / "second.wav", problems)
        search_variants_and_server(window, args.out, problems)
        window.close()
        window.store.close()
        open_model_then_restart(folder, projector, args.out, problems)
    print("walkthrough:", "all journeys landed where the user put them" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
