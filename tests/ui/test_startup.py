"""Start-up: the first model's load runs while the window is being built, and the window then
shows that load (its progress, its end, or a notice about it) as if it had started it."""

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.core.engine.options import LoadOptions
from app.core.storage.store import ConversationStore
from app.ui.application import open_main_window, run_application, start_engine
from app.ui.engine.engine_worker import EngineHost
from app.ui.engine.model_loader import SAVED_MODEL_GONE_KEY
from app.ui.main_window import MainWindow
from app.ui.settings.settings_model import SettingsModel
from tests.ui.conftest import WAIT_MS


@pytest.fixture
def settings(tmp_path: Path) -> SettingsModel:
    return SettingsModel(tmp_path / "settings.json")


@pytest.fixture
def windows(qtbot, tmp_path):
    """Opens a window around a loader the way run_application does; closes them all after."""
    opened = []

    def open_window(loader) -> MainWindow:
        window = open_main_window(ConversationStore.in_folder(tmp_path / f"store-{len(opened)}"), loader)
        qtbot.addWidget(window)
        opened.append(window)
        return window

    yield open_window
    for window in opened:
        window.close()
        window.store.close()


def test_the_app_asks_for_its_first_model_before_it_builds_the_window(monkeypatch, gemma_model_path):
    """llama.cpp reads the model while the window's modules load and its widgets are laid out."""
    order, windows = [], []
    real_load, real_window = EngineHost.load, MainWindow.__init__
    monkeypatch.setattr(EngineHost, "load", lambda host, options: order.append("load") or real_load(host, options))
    monkeypatch.setattr(MainWindow, "__init__", lambda window, *args, **kwargs: (
        order.append("window"), windows.append(window), real_window(window, *args, **kwargs))[-1])
    monkeypatch.setattr(QApplication, "exec", lambda app: 0)  # back at once: the window stays open
    assert run_application(argparse.Namespace(model=str(gemma_model_path), mmproj=None)) == 0
    (window,) = windows
    try:
        assert order == ["load", "window"]
    finally:
        window.close()
        window.store.close()


def test_the_first_load_is_asked_for_before_the_widget_modules_are_imported(gemma_model_path):
    """Start-up as a user starts it, in a fresh process: when the first load goes to the engine
    thread, neither the notice bar, the app icon nor the window has been imported (the notice
    bar alone, with the first touch of Qt's enums, was 25 ms before llama.cpp could start)."""
    import subprocess
    import sys

    widget_modules = ("app.ui.common.notice_bar", "app.ui.app_icon", "app.ui.main_window")
    script = f"""
import argparse, os, sys
from app.ui import application
from app.ui.engine.engine_worker import EngineHost
from PySide6.QtWidgets import QApplication

def load(host, options):  # the request, not the load: this test is about what came before it
    print("imported at the load:", *[name for name in {widget_modules!r} if name in sys.modules], flush=True)

EngineHost.load = load
QApplication.exec = lambda app: 0
application.run_application(argparse.Namespace(model={str(gemma_model_path)!r}, mmproj=None))
print("window:", *[name for name in {widget_modules!r} if name in sys.modules], flush=True)
os._exit(0)  # the window and the engine thread go with the process
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    lines = done.stdout.splitlines()
    assert lines == ["imported at the load:", "window: " + " ".join(widget_modules)], done.stderr[-2000:]


def test_the_window_shows_the_progress_of_a_load_begun_before_it(qtbot, settings, windows, gemma_model_path):
    loader, loading = start_engine(settings, lambda loader: loader.open_model(gemma_model_path, remember=False))
    assert loading and loader.loading == "Gemma 3 270M"
    window = windows(loader)
    window.show()
    assert window.model_label.text() == "Loading Gemma 3 270M…"
    assert window.load_progress.isVisible() and not window.composer.send_button.isEnabled()
    seen = []
    window.load_progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        pass
    assert ready.args[0].options.model_path == gemma_model_path
    assert seen and seen[-1] == 100  # llama.cpp's own progress reached the status bar
    assert not window.load_progress.isVisible() and window.composer.send_button.isEnabled()
    assert window.model_label.text().startswith("Gemma 3 270M · Q4_K_M")


def test_a_model_ready_before_the_window_is_built_is_shown_by_it(qtbot, settings, windows, gemma_model_path):
    """A damaged-history question at start-up runs the event loop before the window exists."""
    loader, _ = start_engine(settings, lambda loader: loader.load_exact(LoadOptions(model_path=gemma_model_path, n_ctx=512)))
    with qtbot.waitSignal(loader.modelReady, timeout=WAIT_MS):
        pass
    window = windows(loader)
    window.show()
    assert window.loaded is loader.loaded and window.chat.loaded is loader.loaded
    assert not window.load_progress.isVisible() and window.composer.send_button.isEnabled()
    assert "Q4_K_M" in window.model_label.text()


def test_a_notice_from_the_first_load_waits_for_the_window_instead_of_opening_its_own(tmp_path, windows):
    settings = SettingsModel(tmp_path / "settings.json")
    choice = settings.current
    choice.model.active_model = tmp_path / "gone.gguf"
    settings.update(choice)
    widgets_before = set(QApplication.topLevelWidgets())
    loader, loading = start_engine(settings, lambda loader: loader.load_saved())
    assert not loading and loader.notices.key == SAVED_MODEL_GONE_KEY
    assert set(QApplication.topLevelWidgets()) == widgets_before  # no bar of its own: the window's shows it
    window = windows(loader)
    window.show()
    assert window.notice.notices is loader.notices and window.notice.isVisible()
    assert "gone.gguf is no longer there" in window.notice.label.text()


@pytest.fixture
def header_reads(monkeypatch, tmp_path) -> list:
    """Each reading of a GGUF header: on Gemma's 262k-token vocabulary, tens of milliseconds. The
    file checks start from an empty cache (a known file's header is not read at all)."""
    from app.core.models import containment, gguf_file

    monkeypatch.setattr(containment, "default_cache_path", lambda: tmp_path / "fresh-verdicts.json")
    reads = []
    real = gguf_file.read_header
    monkeypatch.setattr(gguf_file, "read_header", lambda path: reads.append(path) or real(path))
    return reads


def test_a_load_reads_the_models_header_once(qtbot, settings, windows, gemma_model_path, header_reads):
    """The file check's reading of the header is the engine's."""
    loader, _ = start_engine(settings, lambda loader: loader.load_exact(LoadOptions(model_path=gemma_model_path, n_ctx=512)))
    window = windows(loader)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        pass
    assert header_reads == [gemma_model_path]


def test_a_planned_load_reads_the_header_once_to_plan_and_label_it(qtbot, settings, windows, gemma_model_path,
                                                                   header_reads):
    """The memory estimate's reading names the model too; the engine thread's check reads it once more."""
    loader, _ = start_engine(settings, lambda loader: loader.open_model(gemma_model_path, remember=False))
    assert loader.loading == "Gemma 3 270M"
    window = windows(loader)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        pass
    assert header_reads == [gemma_model_path, gemma_model_path]


def test_a_known_models_load_is_planned_and_labelled_without_reading_its_header(qtbot, settings, windows,
                                                                              gemma_model_path, header_reads):
    """What the file checks kept when they passed the model plans its next load: Gemma's header
    (40-80 ms of Python) is not read on the GUI thread before llama.cpp can start."""
    loader, _ = start_engine(settings, lambda loader: loader.open_model(gemma_model_path, remember=False))
    window = windows(loader)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        pass
    assert header_reads == [gemma_model_path, gemma_model_path]  # planned, then checked: now known
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        assert loader.open_model(gemma_model_path, remember=False) and loader.loading == "Gemma 3 270M"
    assert header_reads == [gemma_model_path, gemma_model_path]
    assert window.model_label.text().startswith("Gemma 3 270M · Q4_K_M")


def test_the_window_imports_no_server_or_download_code_before_it_is_used():
    """Starlette and uvicorn (the local server), httpx (a remote engine) and the Gemma 3n audio
    encoder code (the hub) were a fifth of the window's imports, run while the model loads."""
    import subprocess
    import sys

    deferred = ("starlette", "uvicorn", "httpx", "app.core.gemma3n_audio", "app.core.remote.remote_engine")
    probe = ("import sys; import app.ui.application, app.ui.main_window; "
             f"print(' '.join(name for name in {deferred!r} if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_the_start_up_leaves_the_gguf_package_until_a_header_is_read():
    """`gguf` (with its writer and yaml) was 30 ms of the imports before the first load could be
    asked for, and a known model's load reads no header
    (test_a_known_models_load_is_planned_and_labelled_without_reading_its_header)."""
    import subprocess
    import sys

    probe = "import sys; import app.ui.application; print('gguf' in sys.modules, 'yaml' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
