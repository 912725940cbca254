"""Fixtures for the audio tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile



@pytest.fixture
def sine_wav(tmp_path: Path) -> Callable[..., Path]:
    """Factory: write a float WAV holding a sine; returns its path."""

    def write(
        name: str,
        rate: int,
        seconds: float,
        frequency: float = 1000.0,
        amplitude: float = 0.5,
        channels: int = 1,
    ) -> Path:
        t = np.arange(int(rate * seconds)) / rate
        wave = (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)
        data = np.repeat(wave[:, None], channels, axis=1) if channels > 1 else wave
        path = tmp_path / name
        soundfile.write(str(path), data, rate, subtype="FLOAT")
        return path

    return write
