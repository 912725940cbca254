"""The Gemma 3n audio-encoder file, from the settings to a real llama.cpp engine: found beside the
model, and a missing or damaged one costs the hearing, never the load, with the reason in words."""

from __future__ import annotations

import errno
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.engine.engine import ChatEngine
from app.core.engine.options import LoadOptions
from app.core.gemma3n_audio import Gemma3nAudioEncoder, write_audio_projector
from app.core.models.memory_estimate import GB
from app.core.storage.settings import Settings
from app.core.load_plan import plan_load
from app.core.models.system_memory import MemoryStatus
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n

CPU_ONLY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)


@pytest.fixture(scope="module")
def gemma3n_model(gemma_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cached_random_gemma3n(tmp_path_factory.mktemp("gemma3n"), preset="tiny", vocab_from=gemma_model_path)


@pytest.fixture(scope="module")
def encoder_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An audio encoder for the tiny model (text width 256)."""
    weights = random_audio_weights(replace(TINY_SHAPE, text_width=256))
    return write_audio_projector(tmp_path_factory.mktemp("encoder") / "encoder.gguf", weights)


def open_engine(model: Path, encoder: Path | None) -> ChatEngine:
    return ChatEngine(LoadOptions(model_path=model, audio_encoder_path=encoder, n_ctx=512, n_threads=2))


def hearing(model: Path, encoder: Path | None) -> tuple[bool, str | None]:
    engine = open_engine(model, encoder)
    try:
        assert engine.tokenize_text("still talks"), "the text model loaded"
        unavailable = engine.speech_unavailable
        return engine.supports_audio, None if unavailable is None else str(unavailable)
    finally:
        engine.close()


def test_automatic_finds_the_encoder_beside_the_model(gemma3n_model: Path, encoder_file: Path, tmp_path: Path) -> None:
    model = tmp_path / "gemma-3n-E2B-it-Q4_0.gguf"
    model.symlink_to(gemma3n_model)
    encoder = Path(shutil.copyfile(encoder_file, tmp_path / "gemma-3n-E2B-it-audio-encoder-F16.gguf"))
    settings = Settings()
    settings.model.active_model = model

    options = plan_load(settings, status=CPU_ONLY).options
    assert (options.projector_path, options.audio_encoder_path) == (None, encoder)
    assert hearing(model, options.audio_encoder_path) == (True, None)


def test_a_chosen_file_that_is_gone_is_named(gemma3n_model: Path, tmp_path: Path) -> None:
    gone = tmp_path / "moved" / "gemma-3n-E2B-it-audio-encoder-F16.gguf"
    can_hear, reason = hearing(gemma3n_model, gone)
    assert not can_hear
    assert reason == (
        f"This Gemma 3n model cannot hear: the audio-encoder file {gone} is not there any more. "
        "Choose its audio-encoder file in Settings ▸ Model ▸ Audio encoder, or set that to Automatic."
    )


def test_a_truncated_file_is_named(gemma3n_model: Path, encoder_file: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut-audio-encoder.gguf"
    cut.write_bytes(encoder_file.read_bytes()[:-4096])
    can_hear, reason = hearing(gemma3n_model, cut)
    assert not can_hear
    assert "cannot hear: cut-audio-encoder.gguf is truncated: its tensors need" in reason
    assert "Download it again." in reason


@pytest.mark.parametrize(("make", "words"), [
    (lambda folder, encoder: write_audio_projector(folder / "narrow.gguf", random_audio_weights()),
     "narrow.gguf makes 48-wide audio embeddings but the model needs 256."),
    (lambda folder, encoder: folder,
     "is not a file."),
    (lambda folder, encoder: (folder / "junk.gguf").write_bytes(b"GGUF" + b"\xff" * 64) and folder / "junk.gguf",
     "junk.gguf is damaged or truncated"),
], ids=["other-width", "a-folder", "junk"])
def test_a_file_that_is_not_this_model_s_encoder_is_named(gemma3n_model, encoder_file, tmp_path, make, words) -> None:
    can_hear, reason = hearing(gemma3n_model, make(tmp_path, encoder_file))
    assert not can_hear and words in reason


def test_a_disk_error_while_reading_the_weights_costs_only_the_hearing(
        gemma3n_model: Path, encoder_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_disk(path, *args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(Gemma3nAudioEncoder, "from_gguf", classmethod(lambda cls, path, *a, **k: failing_disk(path)))
    can_hear, reason = hearing(gemma3n_model, encoder_file)
    assert not can_hear
    assert "encoder.gguf could not be read as Gemma 3n's audio encoder ([Errno 5] Input/output error" in reason


def test_a_gemma3_model_ignores_the_audio_encoder(gemma_model_path: Path, encoder_file: Path) -> None:
    engine = open_engine(gemma_model_path, encoder_file)
    try:
        assert engine.own_speech is None and engine.audio_encoder_problem is None
        assert "has no projector" in str(engine.speech_unavailable)
    finally:
        engine.close()
