import gc
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.storage.store import ConversationStore
from app.ui.engine.engine_worker import EngineHost
from app.ui.main_window import MainWindow

WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def no_leaked_engine_threads(qapp):
    """Fail a test that leaves an engine worker thread running (and stop it, for the next test)."""
    yield
    leaked = [obj for obj in gc.get_objects() if isinstance(obj, EngineHost) and obj.thread.isRunning()]
    for host in leaked:
        host.shutdown()
    assert not leaked, f"{len(leaked)} engine thread(s) left running: close the window or shut the host down"


@pytest.fixture
def make_window(qtbot, tmp_path, gemma_model_path):
    """Build a real main window on a store in tmp, with the real model loaded."""
    windows = []

    def make(load: bool = True, store_folder: Path | None = None, **window_options) -> MainWindow:
        """`window_options`: MainWindow's keywords (settings=SettingsModel(path), read_status=…)."""
        store = ConversationStore.in_folder(store_folder or tmp_path / "store")
        window = MainWindow(store, **window_options)
        qtbot.addWidget(window)
        # Answers of exactly max_tokens: end-of-turn and end-of-text are banned.
        never_stop = {106: -100.0, 1: -100.0}
        if "settings" in window_options:  # the saved sampling applies; only the ban is added
            window.chat.sampling = replace(window.chat.sampling, logit_bias=never_stop)
        else:
            window.chat.sampling = SamplingOptions(temperature=0.0, max_tokens=16, logit_bias=never_stop)
        windows.append(window)
        window.show()
        if load:
            with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
                window.load_model(LoadOptions(model_path=gemma_model_path, n_ctx=2048, n_threads=2))
        return window

    yield make
    for window in windows:
        if window.host.thread.isRunning():
            window.close()
        window.store.close()


def wait_for_answer(qtbot, window, timeout=WAIT_MS):
    return qtbot.waitSignal(window.chat.answerFinished, timeout=timeout)

