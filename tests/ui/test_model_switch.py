"""Switching models live in a real window on the real llama.cpp: two quantizations of the Gemma 3
270M file (the second made by llama.cpp's own quantizer), a conversation open throughout."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import pytest

from app.core import paths
from app.core.models.catalog import Catalog
from app.core.engine.engine import ChatEngine, GenerationResult
from app.core.engine.options import LoadOptions
from app.core.models.memory_estimate import GB, MB
from app.core.storage.settings import load_settings
from app.core.models.system_memory import MemoryStatus
from app.ui.application import load_first_model
from tests.ui.conftest import WAIT_MS, wait_for_answer
from tests.ui.settings_support import (  # noqa: F401
    requantized_copy, restore_look, wait_until_pool_done, window_with_settings,
)

pytestmark = pytest.mark.usefixtures("restore_look")
ROOMY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)


@pytest.fixture
def two_quantizations(request, gemma_model_path) -> tuple[Path, Path]:
    """The Q4_K_M file and a Q4_0 copy, side by side in the models folder (as links).

    Q4_0, not Q8_0: a Q8_0 made from the Q4_K_M file holds the same weights almost exactly and
    answers token for token the same, so it could not show which file answered."""
    q4_0 = requantized_copy(request, gemma_model_path, "Q4_0")
    folder = paths.models_folder() / "gemma-3-270m"
    folder.mkdir(parents=True)
    links = folder / gemma_model_path.name, folder / q4_0.name
    os.symlink(gemma_model_path, links[0])
    os.symlink(q4_0, links[1])
    return links


def window_for(make_window, tmp_path: Path, active: Path, status: MemoryStatus = ROOMY, load: bool = True):
    """A window on saved settings whose active model is `active`; loaded (exactly, the way the app's
    tests load) unless `load` is False."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({
        "model": {"active_model": str(active)},
        "generation": {"context_size": 2048, "temperature": 0.0, "max_tokens": 16},
        "hardware": {"threads": 2},
    }))
    return window_with_settings(make_window, path, status, load=load, catalog=lambda: Catalog(1, "", []))


def choose_quantization(dialog, path: Path) -> None:
    combo = dialog.model_tab.quantization_combo
    index = combo.findData(str(path))
    assert index >= 0, f"{path.name} is not offered as a quantization"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def switch_to(qtbot, window, controller, path: Path) -> tuple[float, int]:
    dialog = controller.open_settings()
    choose_quantization(dialog, path)
    progress = []
    window.host.worker.loadProgress.connect(progress.append)
    started = time.perf_counter()
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        dialog.ok_button.click()
        assert window.model_label.text().startswith("Loading Gemma 3 270M")
    elapsed = time.perf_counter() - started
    window.host.worker.loadProgress.disconnect(progress.append)
    return elapsed, len(progress)


def greedy_tokens(model: Path, messages, sampling) -> list[int]:
    engine = ChatEngine(LoadOptions(model_path=model, n_ctx=2048, n_threads=2))
    try:
        results = [event for event in engine.generate(messages, "", sampling) if isinstance(event, GenerationResult)]
    finally:
        engine.close()
    return list(results[-1].token_ids)


def test_live_switch_between_quantizations_keeps_the_conversation(qtbot, make_window, tmp_path, two_quantizations):
    q4, q4_0 = two_quantizations
    window, controller = window_for(make_window, tmp_path, q4)  # the Q4_K_M file, loaded the tests' way
    assert window.chat.sampling.temperature == 0.0 and window.chat.sampling.logit_bias, "the chat keeps its bias"

    with wait_for_answer(qtbot, window) as first:
        window.chat.send("Name a colour.")
    conversation_id = window.chat.conversation.conversation_id

    seconds, progress_reports = switch_to(qtbot, window, controller, q4_0)
    print(f"\nswitch Q4_K_M → Q4_0 (270M, n_ctx 2048, 2 threads): {seconds:.2f} s, {progress_reports} progress reports")
    assert window.loaded.options.model_path == q4_0
    assert window.host.worker.engine.options.model_path == q4_0
    assert window.loaded.info.file_type == "Q4_0"
    assert str(q4_0) in window.model_label.text() and "Q4_0" in window.model_label.text()
    assert window.loaded.options.n_ctx == 2048 and window.loaded.options.n_threads == 2
    assert progress_reports >= 2, "the reload reports its progress"
    assert [b.text for b in window.chat_view.bubbles] == ["Name a colour.", first.args[0].text]
    assert window.chat.conversation.conversation_id == conversation_id

    with wait_for_answer(qtbot, window) as second:
        window.chat.send("Describe a cat in a sentence.")
    assert second.args[0].text and len(second.args[0].token_ids) == 16
    asked = window.chat.conversation.engine_messages()[:-1]
    from_q4_0 = greedy_tokens(q4_0, asked, window.chat.sampling)
    from_q4 = greedy_tokens(q4, asked, window.chat.sampling)
    assert from_q4 != from_q4_0, "the two files answer differently, so the answer tells them apart"
    assert list(second.args[0].token_ids) == from_q4_0, "the answer after the switch comes from the Q4_0 file"
    stored = window.store.messages(conversation_id)
    assert [m.role for m in stored] == ["user", "model", "user", "model"]
    assert stored[-1].text == second.args[0].text
    assert [b.text for b in window.chat_view.bubbles][-1] == second.args[0].text
    assert load_settings(window.settings.path)[0].model.active_model == q4_0

    back, _ = switch_to(qtbot, window, controller, q4)
    print(f"switch Q4_0 → Q4_K_M: {back:.2f} s")
    assert window.loaded.info.file_type == "Q4_K_M" and str(q4) in window.model_label.text()
    assert len(window.chat_view.bubbles) == 4


def test_a_model_that_cannot_fit_is_refused_with_the_numbers(qtbot, make_window, tmp_path, two_quantizations):
    q4, q4_0 = two_quantizations
    window, controller = window_for(make_window, tmp_path, q4,
                                    MemoryStatus(free_ram=100 * MB, gpu_offload=False, free_vram=None))
    label_before = window.model_label.text()
    dialog = controller.open_settings()
    choose_quantization(dialog, q4_0)
    dialog.ok_button.click()
    text = window.notice.label.text()
    assert text.startswith(f"{q4_0.name} was not loaded. ")
    assert "of RAM with a 2,048-token context and a f16 KV cache, but only 100 MB is free" in text
    assert window.model_label.text() == label_before, "no load was started"
    assert window.loaded.options.model_path != q4_0


def test_use_this_model_in_the_model_manager_loads_it(qtbot, make_window, tmp_path, two_quantizations):
    q4, q4_0 = two_quantizations
    window, controller = window_for(make_window, tmp_path, q4)
    manager = controller.open_model_manager()
    items = [manager.installed_list.item(i) for i in range(manager.installed_list.count())]
    assert [item.text().split(" · ")[1] for item in items] == ["Q4_0", "Q4_K_M"]
    manager.installed_list.setCurrentItem(items[0])
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        manager.use_button.click()
    assert window.loaded.options.model_path == q4_0
    assert load_settings(window.settings.path)[0].model.active_model == q4_0
    manager.close()
    wait_until_pool_done(manager.pool)


def test_startup_uses_the_saved_model_with_the_saved_hardware_settings(qtbot, make_window, tmp_path, two_quantizations):
    q4, q4_0 = two_quantizations
    window, _ = window_for(make_window, tmp_path, q4_0, load=False)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        assert load_first_model(argparse.Namespace(model=None, mmproj=None), window.loader)
        assert window.model_label.text() == "Loading Gemma 3 270M…"
    options = ready.args[0].options
    assert (options.model_path, options.n_ctx, options.n_threads, options.n_gpu_layers) == (q4_0, 2048, 2, 0)
    assert str(q4_0) in window.model_label.text()

    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as given:
        assert load_first_model(argparse.Namespace(model=str(q4), mmproj=None), window.loader)
    assert given.args[0].options.model_path == q4 and given.args[0].options.n_ctx == 2048
    assert load_settings(window.settings.path)[0].model.active_model == q4_0, "the command line is a one-off"

    q4_0.unlink()
    assert not window.loader.load_saved()
    assert "is no longer there" in window.notice.label.text() and window.notice.isVisible()
