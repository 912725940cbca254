"""A stand-in for the ``sounddevice`` module that replays WAV files as microphones.

It has the surface MicrophoneRecorder uses: ``query_devices``, ``default.device``,
``check_input_settings``, ``InputStream`` (callback mode, with ``finished_callback``),
``PortAudioError`` and ``_terminate``/``_initialize`` for a device rescan. Each input stream
runs a thread that calls the callback with real-time-sized blocks, paced at ``speed`` times real
time, writing into one reused buffer as PortAudio does. After the file it stays open and idle
until stopped, like a microphone in a silent room that the test does not need to hear.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import soundfile


class FakePortAudioError(Exception):
    pass


@dataclass
class ReplayDevice:
    """An input device whose 'microphone' plays ``wav_path``.

    It records only at the file's rate and channel count, except that a mono request is also
    accepted when ``accepts_mono`` (the fake then mixes down). ``vanish_after_s``: the device is
    unplugged after that much audio; ``reports_finish`` False mimics host APIs that then just
    stop calling back, without the finished callback. ``open_error``: opening it fails with
    this PortAudio text.
    """

    name: str
    wav_path: Path | None = None
    accepts_mono: bool = True
    vanish_after_s: float | None = None
    reports_finish: bool = True
    open_error: str | None = None
    output_only: bool = False


class ReplayInputStream:
    def __init__(
        self,
        fake: FakeSoundDevice,
        device: ReplayDevice,
        samplerate: float,
        channels: int,
        blocksize: int,
        callback: Callable[[np.ndarray, int, Any, Any], None],
        finished_callback: Callable[[], None] | None,
    ) -> None:
        assert device.wav_path is not None
        audio, rate = soundfile.read(str(device.wav_path), dtype="float32", always_2d=True)
        if int(samplerate) != rate:
            raise FakePortAudioError(f"Invalid sample rate [PaErrorCode -9997] ({samplerate})")
        if channels == 1 and audio.shape[1] > 1:
            audio = audio.mean(axis=1, keepdims=True)
        self.audio = audio
        self.samplerate = rate
        self.channels = channels
        self.blocksize = blocksize or 1024
        self._fake = fake
        self._device = device
        self._callback = callback
        self._finished_callback = finished_callback
        self._stop_requested = threading.Event()
        self.replay_done = threading.Event()
        self.vanished = threading.Event()
        self.blocks_delivered = 0
        self._active = False
        self._thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        self._active = True
        self._thread = threading.Thread(target=self._replay, name="fake-portaudio", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop_requested.set()
        if self._thread is not None:
            self._thread.join()
        if self.vanished.is_set():
            raise FakePortAudioError("Error stopping stream: Unanticipated host error [-9999]")
        if self._active:
            self._active = False
            if self._finished_callback is not None:
                self._finished_callback()

    def close(self) -> None:
        if self._active:
            self.stop()
        if self.vanished.is_set():
            raise FakePortAudioError("Error closing stream: Unanticipated host error [-9999]")

    def _replay(self) -> None:
        buffer = np.zeros((self.blocksize, self.channels), dtype=np.float32)
        pause = self.blocksize / self.samplerate / self._fake.speed
        vanish_at = (
            None
            if self._device.vanish_after_s is None
            else int(round(self._device.vanish_after_s * self.samplerate))
        )
        position = 0
        flags = SimpleNamespace(input_overflow=False)
        while position < self.audio.shape[0]:
            if vanish_at is not None and position >= vanish_at:
                self._vanish()
                return
            # Pacing, so the consumer sees audio arrive over time as from a microphone.
            if self._stop_requested.wait(pause):
                return
            frames = min(self.blocksize, self.audio.shape[0] - position)
            if vanish_at is not None:
                frames = min(frames, vanish_at - position)
            buffer[:frames] = self.audio[position : position + frames]
            self._callback(buffer[:frames], frames, None, flags)
            self.blocks_delivered += 1
            position += frames
        self.replay_done.set()
        self._stop_requested.wait()

    def _vanish(self) -> None:
        self._active = False
        self.vanished.set()
        if self._device.reports_finish and self._finished_callback is not None:
            self._finished_callback()
        self.replay_done.set()


class FakeSoundDevice:
    """The module stand-in. ``devices`` in PortAudio order; ``default_input`` is an index."""

    PortAudioError = FakePortAudioError

    def __init__(
        self,
        devices: list[ReplayDevice],
        default_input: int | None = 0,
        speed: float = 1.0,
    ) -> None:
        self.devices = list(devices)
        self.speed = speed
        self.default = SimpleNamespace(device=[-1 if default_input is None else default_input, -1])
        self.streams: list[ReplayInputStream] = []
        self.plugged_in_on_rescan: list[ReplayDevice] = []

    def query_devices(self, device: int | None = None, kind: str | None = None) -> Any:
        if device is None and kind is None:
            return [self._info(index) for index in range(len(self.devices))]
        if device is None:
            device = self.default.device[0 if kind == "input" else 1]
        if device is None or device < 0 or device >= len(self.devices):
            raise FakePortAudioError(f"Error querying device {device}")
        return self._info(device)

    def check_input_settings(
        self,
        device: int | None = None,
        channels: int | None = None,
        dtype: str | None = None,
        samplerate: float | None = None,
    ) -> None:
        replay = self._device(device)
        info = self._info(self.devices.index(replay))
        if dtype not in (None, "float32"):
            raise FakePortAudioError(f"Sample format not supported [-9994] ({dtype})")
        if samplerate is not None and int(samplerate) != int(info["default_samplerate"]):
            raise FakePortAudioError(f"Invalid sample rate [PaErrorCode -9997] ({samplerate})")
        wanted = channels or 1
        if wanted != info["max_input_channels"] and not (wanted == 1 and replay.accepts_mono):
            raise FakePortAudioError(f"Invalid number of channels [PaErrorCode -9998] ({wanted})")

    def InputStream(  # noqa: N802 - the real module's name
        self,
        samplerate: float,
        channels: int,
        dtype: str,
        blocksize: int = 0,
        device: int | None = None,
        callback: Callable[[np.ndarray, int, Any, Any], None] | None = None,
        finished_callback: Callable[[], None] | None = None,
        **_: Any,
    ) -> ReplayInputStream:
        replay = self._device(device)
        if replay.open_error is not None:
            raise FakePortAudioError(replay.open_error)
        self.check_input_settings(device, channels, dtype, samplerate)
        assert callback is not None, "the recorder uses callback mode"
        stream = ReplayInputStream(
            self, replay, samplerate, channels, blocksize, callback, finished_callback
        )
        self.streams.append(stream)
        return stream

    def _terminate(self) -> None:
        pass

    def _initialize(self) -> None:
        self.devices.extend(self.plugged_in_on_rescan)
        self.plugged_in_on_rescan = []

    def _device(self, index: int | None) -> ReplayDevice:
        if index is None:
            index = self.default.device[0]
        if index is None or not 0 <= index < len(self.devices):
            raise FakePortAudioError(f"Invalid device [PaErrorCode -9996] ({index})")
        return self.devices[index]

    def _info(self, index: int) -> dict[str, Any]:
        replay = self.devices[index]
        if replay.output_only or replay.wav_path is None:
            rate, channels = 48000, 0
        else:
            info = soundfile.info(str(replay.wav_path))
            rate, channels = info.samplerate, info.channels
        return {
            "name": replay.name,
            "index": index,
            "hostapi": 0,
            "max_input_channels": channels,
            "max_output_channels": 2 if replay.output_only else 0,
            "default_samplerate": float(rate),
        }
