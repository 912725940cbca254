"""Where ggml cannot run Gemma 3n's audio encoder (here: a ggml without a function the encoder
needs), the numpy encoder hears instead and the reason is shown once: a notice in the window,
a line on stderr from `transcribe`. The tiny random Gemma 3n model in real llama.cpp."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile

from app.cli import main
from app.core.engine.options import LoadOptions
from app.core.gemma3n_audio import choice as encoder_choice
from app.core.gemma3n_audio import ggml_api, write_audio_projector
from app.core.gemma3n_audio.ggml_api import load_ggml
from app.core.storage.store import ConversationStore
from app.ui.main_window import MainWindow
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, noise_clip, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.ui.conftest import WAIT_MS


@pytest.fixture
def ggml_without_a_needed_function(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ggml_api, "_SIGNATURES", dict(ggml_api._SIGNATURES, ggml_op_from_the_future=(None, [])))
    monkeypatch.setattr(encoder_choice, "_reasons_told", set())
    load_ggml.cache_clear()
    yield
    load_ggml.cache_clear()


@pytest.fixture
def gemma3n_with_encoder(tmp_path: Path, gemma_model_path: Path) -> tuple[Path, Path]:
    model = cached_random_gemma3n(tmp_path, preset="tiny", vocab_from=gemma_model_path)
    encoder = write_audio_projector(model.parent / f"{model.stem}-audio-encoder.gguf",
                                    random_audio_weights(replace(TINY_SHAPE, text_width=256)))
    return model, encoder


def test_the_window_says_once_why_the_audio_encoder_runs_in_numpy(qtbot, tmp_path, gemma3n_with_encoder,
                                                                  ggml_without_a_needed_function):
    model, encoder = gemma3n_with_encoder
    options = LoadOptions(model_path=model, audio_encoder_path=encoder, n_ctx=1024, n_threads=2,
                          audio_encoder_device="cpu")
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
            window.load_model(options)
        reason = str(ready.args[0].audio_encoder_fallback)
        assert "ggml_op_from_the_future" in reason and "numpy" in reason
        assert ready.args[0].supports_audio, "dictation still works"
        assert window.notice.isVisibleTo(window) and window.notice.label.text() == reason

        window.notice.hide()
        with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as again:
            window.load_model(options)
        assert str(again.args[0].audio_encoder_fallback) == reason
        assert not window.notice.isVisibleTo(window), "told once, not at every reload"
    finally:
        window.close()
        window.store.close()


def test_transcribe_says_why_the_audio_encoder_runs_in_numpy(tmp_path, capsys, gemma3n_with_encoder,
                                                             ggml_without_a_needed_function):
    model, encoder = gemma3n_with_encoder
    wav = tmp_path / "talk.wav"
    soundfile.write(str(wav), noise_clip(3.0).astype(np.float32), 16_000)
    code = main(["transcribe", "--model", str(model), "--audio-encoder", str(encoder),
                 "--audio-encoder-device", "cpu", "--ctx", "1024", "--max-tokens", "2", str(wav)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    told = [line for line in captured.err.splitlines() if "ggml_op_from_the_future" in line]
    assert len(told) == 1 and "numpy" in told[0]
    assert captured.out.count("[") == 1, "the clip was transcribed all the same"
