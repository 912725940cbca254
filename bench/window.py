"""The app's own path, as a user drives it: the main window (offscreen), its ChatController, the
EngineHost worker thread and its request handles, tokens streaming into the chat view."""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Slot  # noqa: E402

from app.core.engine.options import LoadOptions, SamplingOptions  # noqa: E402
from app.core.storage.store import ConversationStore  # noqa: E402
from app.ui.application import create_application  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from bench.measure import Answer  # noqa: E402

WAIT_MS = 30 * 60 * 1000


class WaitTimeout(RuntimeError):
    pass


def wait_for(signal, timeout_ms: int = WAIT_MS) -> tuple:
    """Run the GUI event loop until `signal` fires; returns its arguments."""
    loop = QEventLoop()
    received: list[tuple] = []

    def done(*args) -> None:
        received.append(args)
        loop.quit()

    signal.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    try:
        loop.exec()
    finally:
        timer.stop()
        signal.disconnect(done)
    if not received:
        raise WaitTimeout(f"no signal within {timeout_ms / 1000:.0f} s")
    return received[0]


class TokenArrivals(QObject):
    """Times each delivery of streamed text of every chat answer as the GUI thread gets it (the
    handle's signals are delivered there, queued from the engine thread; one delivery can carry
    several tokens)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def watch(self, chat) -> None:
        chat.answerStarted.connect(lambda request: request.streamed.connect(self.arrived))

    @Slot(str)
    def arrived(self, _text: str) -> None:
        self.times.append(time.perf_counter())


class TickRecorder(QObject):
    """A 1-ms precise timer on the GUI thread: the gaps between its ticks show how long the
    event loop was busy."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    @Slot()
    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks.clear()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return [(b - a) * 1000.0 for a, b in zip(self.ticks, self.ticks[1:])]


class WindowSession:
    """One main window with a model loaded, on a store in a scratch folder."""

    def __init__(self, options: LoadOptions, scratch: Path) -> None:
        self.app = create_application()
        self.store = ConversationStore.in_folder(Path(scratch) / "store")
        self.window = MainWindow(self.store)
        self.window.show()
        started = time.perf_counter()
        self.window.load_model(options)
        wait_for(self.window.modelReady)
        self.load_seconds = time.perf_counter() - started
        self.arrivals = TokenArrivals()
        self.arrivals.watch(self.window.chat)
        self.ticks = TickRecorder()
        # The engine itself, for benchmarks that plan prompts between answers (the worker is idle).
        self.engine = self.on_engine_thread_with(lambda engine: engine)

    def on_engine_thread(self, function):
        """`function()` run on the engine worker's thread, queued like any request; its result.

        ggml's CPU backend (built with OpenMP) keeps one thread team per calling thread; a team that
        has just worked spins for a while, so the reference decoding from the GUI thread while the
        worker's team spins ran up to 5× slower here. Running both paths on one thread keeps them fair.
        """
        return self.on_engine_thread_with(lambda _engine: function())

    def on_engine_thread_with(self, function):
        def job(engine, _send_token, _should_stop):
            try:
                return ("ok", function(engine))
            except Exception as error:  # noqa: BLE001 - handed back to the GUI thread and raised there
                return ("error", error)

        request = self.window.host.submit(job)  # held here: the signal alone does not keep it alive
        status, value = wait_for(request.finished)[0]
        if status == "error":
            raise value
        return value

    def ask(self, text: str, sampling: SamplingOptions, new_conversation: bool = True) -> Answer:
        chat = self.window.chat
        if new_conversation:
            chat.new_conversation()
        chat.sampling = sampling
        self.arrivals.times = []
        sent_at = time.perf_counter()
        if not chat.send(text):
            raise RuntimeError("the window refused to send the message")
        (result,) = wait_for(chat.answerFinished)
        answer = Answer(result, sent_at, list(self.arrivals.times), time.perf_counter())
        return answer

    def history(self) -> list:
        """The conversation as the engine sees it (finished turns)."""
        return self.window.chat.conversation.engine_messages()

    def idle(self, seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        self.store.close()
