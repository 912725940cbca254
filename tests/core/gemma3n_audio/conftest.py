"""Fixtures for the Gemma 3n audio encoder tests (numpy only; the parity tests bring torch)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.core.gemma3n_audio import Gemma3nAudioEncoder, write_audio_projector
from tests.core.gemma3n_audio.random_weights import random_audio_weights


@pytest.fixture(scope="module")
def tiny_weights() -> dict[str, np.ndarray]:
    return random_audio_weights()


@pytest.fixture(scope="module")
def tiny_projector(tmp_path_factory: pytest.TempPathFactory, tiny_weights: dict[str, np.ndarray]) -> Path:
    """A two-block random Gemma 3n audio projector GGUF, written by our writer."""
    return write_audio_projector(tmp_path_factory.mktemp("audio") / "mmproj-tiny-audio.gguf", tiny_weights)


@pytest.fixture(scope="module")
def tiny_encoder(tiny_projector: Path) -> Iterator[Gemma3nAudioEncoder]:
    with Gemma3nAudioEncoder.from_gguf(tiny_projector) as encoder:
        yield encoder
