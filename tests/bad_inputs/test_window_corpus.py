"""Every bad model or projector through the window's load path (the engine worker in an
offscreen window): the window stays up, says what is wrong, and keeps the model it had."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.core.engine.options import LoadOptions
from app.core.models.memory_estimate import GB
from app.core.models.system_memory import MemoryStatus
from app.core.storage.store import ConversationStore
from app.ui.application import load_first_model
from app.ui.main_window import MainWindow
from app.ui.settings.settings_model import SettingsModel
from tests.bad_inputs.cases import CASES
from tests.bad_inputs.conftest import record

WAIT_MS = 180_000
WINDOW_CASES = [case for case in CASES if case.name.startswith(("model:", "projector:"))]


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    window.store.close()


def load_and_wait(qtbot, window: MainWindow, options: LoadOptions, beside: bool = False) -> tuple[str, object]:
    """Load exactly `options`, or (`beside`) open the model as File ▸ Open does, which also takes
    the projector found beside it."""
    outcome: list[tuple[str, object]] = []
    window.modelReady.connect(lambda loaded: outcome.append(("loaded", loaded)))
    window.modelLoadFailed.connect(lambda message: outcome.append(("failed", message)))
    if beside:
        window.loader.open_model(options.model_path)
    else:
        window.load_model(options)
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    for signal in (window.modelReady, window.modelLoadFailed):
        signal.disconnect()
    return outcome[0]


def test_every_bad_file_through_the_window_load_path(qtbot, window, gemma_model_path, tmp_path) -> None:
    kind, good = load_and_wait(qtbot, window, LoadOptions(model_path=gemma_model_path, n_ctx=512, n_threads=2))
    assert kind == "loaded"
    problems = []
    for number, case in enumerate(WINDOW_CASES):
        folder = tmp_path / f"case-{number}"
        folder.mkdir()
        built = case.build(folder, gemma_model_path)
        if built.model is None:
            continue
        options = LoadOptions(model_path=built.model, projector_path=built.projector, n_ctx=512, n_threads=2)
        window.notice.hide()
        kind, value = load_and_wait(qtbot, window, options, beside=case.window == "loads without projector")
        shown = window.notice.label.text() if window.notice.isVisible() else ""
        record("window", crashed=False, traceback="Traceback" in shown)
        expected = "failed" if case.window == "refused" else "loaded"
        if kind != expected or not window.isVisible():
            problems.append(f"{case.name}: {kind} (expected {expected}), window visible {window.isVisible()}")
            continue
        if case.window == "refused":
            named = {path.name for path in (built.model, built.projector) if path is not None}
            if not any(name in shown for name in named):
                problems.append(f"{case.name}: the notice does not name the file: {shown!r}")
            if window.loaded is None or window.loaded.options.model_path != good.options.model_path:
                problems.append(f"{case.name}: the previous model is gone")
            if not window.composer.send_button.isEnabled():
                problems.append(f"{case.name}: Send is disabled with a model loaded")
            continue
        if case.window == "loads without projector" and (value.supports_images or "mmproj" not in shown):
            problems.append(f"{case.name}: loaded without saying why the projector was left out: {shown!r}")
        kind, good = load_and_wait(qtbot, window, LoadOptions(model_path=gemma_model_path, n_ctx=512, n_threads=2))
    assert problems == []


def test_a_damaged_projector_beside_a_good_model_leaves_text_chat_working(qtbot, window, gemma_model_path, tmp_path) -> None:
    # Issue 19 #6: a truncated mmproj-F16.gguf picked up automatically used to leave "No model".
    case = next(case for case in CASES if "truncated" in case.name)
    built = case.build(tmp_path, gemma_model_path)
    outcome: list[tuple[str, object]] = []
    window.modelReady.connect(lambda loaded: outcome.append(("loaded", loaded)))
    window.modelLoadFailed.connect(lambda message: outcome.append(("failed", message)))
    assert window.loader.open_model(built.model)  # File ▸ Open model: the projector beside it is picked up
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    kind, loaded = outcome[0]
    assert kind == "loaded"
    assert loaded.options.projector_path is None and not loaded.supports_images
    assert window.composer.send_button.isEnabled()
    assert "mmproj-F16.gguf" in window.notice.label.text()
    assert "File ▸ Open projector" in window.notice.label.text()
    record("window", crashed=False, traceback=False)


def test_a_bad_active_model_in_the_settings_is_skipped_at_start_up(qtbot, gemma_model_path, tmp_path) -> None:
    case = next(case for case in CASES if "block_count 513" in case.name)
    built = case.build(tmp_path, gemma_model_path)
    settings_path = tmp_path / "settings.json"
    settings_path.write_text(json.dumps({"model": {"active_model": str(built.model)}}))
    roomy = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), settings=SettingsModel(settings_path),
                        read_status=lambda gpu: roomy)
    qtbot.addWidget(window)
    window.show()
    try:
        failed: list[str] = []
        window.modelLoadFailed.connect(failed.append)
        if load_first_model(argparse.Namespace(model=None, mmproj=None), window.loader):
            qtbot.waitUntil(lambda: bool(failed) or window.loaded is not None, timeout=WAIT_MS)
        notice = window.notice.label.text()
        assert window.loaded is None or window.loaded.options.model_path != built.model
        assert window.isVisible()
        assert built.model.name in notice and "512" in notice
        record("window", crashed=False, traceback="Traceback" in notice)
    finally:
        window.close()
        window.store.close()
