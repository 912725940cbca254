"""Shared pieces for the settings, model-manager and model-switch tests (import the fixtures
by name: `from tests.ui.settings_support import restore_look`; the fake hub is the `hub` fixture in tests/conftest.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.core.audio.capture import InputDevice
from app.core.models.memory_estimate import GB
from app.core.models.system_memory import MemoryStatus

ROOMY_GPU = MemoryStatus(free_ram=16 * GB, gpu_offload=True, free_vram=8 * GB)
MICROPHONES = [
    InputDevice(index=3, name="USB microphone", max_input_channels=1, default_sample_rate=48000.0, is_default=True),
    InputDevice(index=5, name="Laptop microphone", max_input_channels=2, default_sample_rate=44100.0, is_default=False),
]


class ThrottledBytes:
    """Bytes the fake hub serves at about `rate` bytes a second (it slices its body in 64 kB
    pieces, so each slice waits its share). `gate`, when given, holds every piece until set."""

    def __init__(self, data: bytes, rate: float, gate: threading.Event | None = None) -> None:
        self.data, self.rate, self.gate = data, rate, gate

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, key: slice) -> "ThrottledBytes | bytes":
        if key.stop is None:  # the body from the requested offset: still throttled
            return ThrottledBytes(self.data[key], self.rate, self.gate)
        piece = self.data[key]
        if self.gate is not None:
            self.gate.wait(30)
        time.sleep(len(piece) / self.rate)  # pacing the stand-in server's output, not synchronising the test
        return piece


@pytest.fixture
def restore_look(qapp):
    """Settings change the application's palette, style and font; put them back afterwards."""
    style, palette, font = qapp.style().name(), QPalette(qapp.palette()), qapp.font()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def requantized_copy(request: pytest.FixtureRequest, source: Path, ftype: str = "Q8_0") -> Path:
    """The 270M file re-quantized by llama.cpp, made once and kept in pytest's cache."""
    from tests.model_factory import make_requantized_copy

    target = Path(request.config.cache.mkdir("models")) / f"gemma-3-270m-{ftype.lower()}.gguf"
    if not target.exists():
        partial = target.with_suffix(".partial.gguf")
        make_requantized_copy(source, partial, ftype)
        partial.replace(target)
    return target


def window_with_settings(make_window, path: Path, status: MemoryStatus = ROOMY_GPU, *, load: bool = False,
                         **controller_options):
    """A real window on the settings file `path`, with its Settings dialog and Model manager
    attached the app's way; `status` stands in for the machine's free memory everywhere."""
    from app.ui.settings.settings_controller import attach_settings
    from app.ui.settings.settings_model import SettingsModel

    window = make_window(load=load, settings=SettingsModel(path), read_status=lambda gpu: status)
    controller_options.setdefault("input_devices", lambda: MICROPHONES)
    return window, attach_settings(window, read_status=lambda gpu: status, **controller_options)


def wait_until_pool_done(*pools) -> None:
    for pool in pools:
        assert pool.waitForDone(30_000), "a pool task is still running"
    QApplication.processEvents()
