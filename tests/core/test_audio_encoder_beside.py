"""Gemma 3n's separate audio-encoder file: told apart from its header, found beside the model."""

from __future__ import annotations

import shutil
from pathlib import Path

import gguf
import numpy as np
import pytest

from app.core.gemma3n_audio import write_audio_projector
from app.core.models.projector_file import (
    GEMMA3N_AUDIO_TENSORS,
    ProjectorError,
    audio_encoders_beside,
    find_audio_encoder_beside,
    inspect_audio_encoder,
)
from tests.core.gemma3n_audio.random_weights import random_audio_weights
from tests.model_factory import write_synthetic_model
from tests.projector_factory import write_audio_projector as write_other_audio_projector
from tests.projector_factory import write_gemma3nv_projector

MODEL = "gemma-3n-E2B-it-Q4_K_M.gguf"


@pytest.fixture(scope="module")
def encoder_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real (tiny, random) Gemma 3n audio encoder written by our writer; copied where needed."""
    return write_audio_projector(tmp_path_factory.mktemp("encoder") / "encoder.gguf", random_audio_weights())


def place(encoder_file: Path, folder: Path, name: str) -> Path:
    return Path(shutil.copyfile(encoder_file, folder / name))


def gemma3n_mmproj_with_audio(path: Path) -> Path:
    """Vision and audio declared, and the audio tensors there (zeros): a combined projector."""
    writer = gguf.GGUFWriter(str(path), "clip")
    writer.add_bool("clip.has_vision_encoder", True)
    writer.add_bool("clip.has_audio_encoder", True)
    writer.add_string("clip.vision.projector_type", "gemma3nv")
    writer.add_string("clip.audio.projector_type", "gemma3na")
    for name in GEMMA3N_AUDIO_TENSORS:
        writer.add_tensor(name, np.zeros((2048, 4) if name.startswith("mm.a.input") else (4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_our_encoder_file_is_recognised(encoder_file: Path) -> None:
    found = inspect_audio_encoder(encoder_file)
    assert (found.path, found.has_vision, found.text_width) == (encoder_file, False, 48)
    assert found.size_bytes == encoder_file.stat().st_size


@pytest.mark.parametrize(("make", "message"), [
    (lambda folder: write_gemma3nv_projector(folder / "mmproj-F16.gguf", with_gemma3na_header=True),
     "mmproj-F16.gguf declares Gemma 3n's audio encoder but does not hold it (it has no a.conv1d.0.weight tensor)"),
    (lambda folder: write_gemma3nv_projector(folder / "mmproj-vision.gguf"),
     "mmproj-vision.gguf is not Gemma 3n's audio encoder: it has no audio encoder."),
    (lambda folder: write_other_audio_projector(folder / "mmproj-gemma4.gguf", kind="gemma4ua"),
     "mmproj-gemma4.gguf is not Gemma 3n's audio encoder: it has a gemma4ua audio encoder."),
    (lambda folder: write_synthetic_model(folder / MODEL),
     f"{MODEL} is a gemma3n language model, not Gemma 3n's audio encoder."),
    (lambda folder: (folder / "notes.gguf").write_bytes(b"hello") and folder / "notes.gguf",
     "notes.gguf is not a GGUF file"),
    (lambda folder: folder / "gone.gguf", "gone.gguf does not exist."),
], ids=["declared-only", "vision-only", "gemma4-audio", "language-model", "junk", "missing"])
def test_what_is_not_a_gemma3n_audio_encoder_is_named(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(ProjectorError) as error:
        inspect_audio_encoder(make(tmp_path))
    assert message in str(error.value)


def test_a_truncated_encoder_says_so(tmp_path: Path, encoder_file: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(encoder_file.read_bytes()[:-1000])
    with pytest.raises(ProjectorError, match=r"cut\.gguf is truncated: its tensors need [\d,]+ bytes"):
        inspect_audio_encoder(cut)


def test_found_beside_the_model_skipping_the_model_projector_and_broken_files(
        tmp_path: Path, encoder_file: Path) -> None:
    model = write_synthetic_model(tmp_path / MODEL)
    write_gemma3nv_projector(tmp_path / "mmproj-F16.gguf", with_gemma3na_header=True)
    (tmp_path / "broken.gguf").write_bytes(b"GGUF\x03\x00\x00\x00garbage")
    (tmp_path / "empty.gguf").write_bytes(b"")
    assert find_audio_encoder_beside(model) is None

    encoder = place(encoder_file, tmp_path, "gemma-3n-E2B-it-audio-encoder-F16.gguf")
    assert find_audio_encoder_beside(model) == encoder
    assert find_audio_encoder_beside(model, exclude=tmp_path / "mmproj-F16.gguf") == encoder
    assert find_audio_encoder_beside(model, exclude=encoder) is None, "the chosen projector is not offered again"


def test_audio_only_and_the_model_s_own_name_come_first(tmp_path: Path, encoder_file: Path) -> None:
    model = write_synthetic_model(tmp_path / MODEL)
    combined = gemma3n_mmproj_with_audio(tmp_path / "mmproj-gemma-3n-E2B-it-F16.gguf")
    generic = place(encoder_file, tmp_path, "audio-encoder-F16.gguf")
    own = place(encoder_file, tmp_path, "gemma-3n-E2B-it-audio-encoder-F16.gguf")
    other = place(encoder_file, tmp_path, "gemma-3n-E4B-it-audio-encoder-F16.gguf")

    assert [found.path for found in audio_encoders_beside(model)] == [own, generic, combined, other]
    assert find_audio_encoder_beside(model) == own
    own.unlink()
    generic.unlink()
    assert find_audio_encoder_beside(model) == combined, "a combined projector rather than another model's encoder"


def test_another_model_s_encoder_only_when_it_is_alone(tmp_path: Path, encoder_file: Path) -> None:
    model = write_synthetic_model(tmp_path / MODEL)
    other = place(encoder_file, tmp_path, "gemma-3n-E4B-it-audio-encoder-F16.gguf")
    assert find_audio_encoder_beside(model) == other
    place(encoder_file, tmp_path, "some-other-audio-encoder-F16.gguf")
    assert find_audio_encoder_beside(model) is None


def test_a_missing_folder_finds_nothing(tmp_path: Path) -> None:
    assert find_audio_encoder_beside(tmp_path / "nowhere" / MODEL) is None
