"""Record the microphone as 16 kHz mono float32, through an injected ``sounddevice`` module.

The recorder is Qt-free and polled: PortAudio's callback only copies each block into a
thread-safe queue; the consumer (a UI timer, a worker thread) calls ``read_available()`` to get
the 16 kHz blocks recorded since its last call. Everything recorded stays available through
``captured_audio()``, also after the device failed.
"""

from __future__ import annotations

import importlib
import math
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.audio.resample import TARGET_RATE, StreamingResampler, to_mono
from app.core.errors import UserError

BLOCK_S = 0.1
LEVEL_FLOOR_DBFS = -100.0


class CaptureProblem(Enum):
    """What went wrong, for the UI to choose its advice without reading message text."""

    AUDIO_SYSTEM_UNAVAILABLE = "audio_system_unavailable"
    NO_INPUT_DEVICE = "no_input_device"
    DEVICE_NOT_FOUND = "device_not_found"
    OPEN_FAILED = "open_failed"
    DEVICE_LOST = "device_lost"


class CaptureError(UserError):
    """A microphone problem the person can do something about; the message says what."""

    def __init__(self, problem: CaptureProblem, message: str, /, **arguments: object) -> None:
        super().__init__(message, **arguments)
        self.problem = problem


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    max_input_channels: int
    default_sample_rate: float
    is_default: bool


@dataclass(frozen=True)
class AudioLevel:
    """Loudness of the latest block, for a level meter."""

    rms_dbfs: float = LEVEL_FLOOR_DBFS
    peak_dbfs: float = LEVEL_FLOOR_DBFS


def dbfs(amplitude: float) -> float:
    """Amplitude (1.0 = full scale) in dBFS, never below LEVEL_FLOOR_DBFS."""
    if amplitude <= 0.0:
        return LEVEL_FLOOR_DBFS
    return max(LEVEL_FLOOR_DBFS, 20.0 * math.log10(amplitude))


def block_level(block: np.ndarray) -> AudioLevel:
    if block.size == 0:
        return AudioLevel()
    as_double = block.astype(np.float64, copy=False)
    return AudioLevel(
        rms_dbfs=dbfs(float(np.sqrt(np.mean(as_double * as_double)))),
        peak_dbfs=dbfs(float(np.max(np.abs(as_double)))),
    )


def _import_sounddevice() -> Any:
    return importlib.import_module("sounddevice")


class MicrophoneRecorder:
    """One recording at a time from one input device.

    ``sounddevice`` is the module (or a stand-in with the same surface: ``query_devices``,
    ``default.device``, ``check_input_settings``, ``InputStream``, ``PortAudioError``). Left out,
    the real module is imported on first use, so a machine without PortAudio only fails when
    someone records. ``on_failure`` is called from the audio thread when the device fails
    mid-recording; polling ``failure`` works as well.
    """

    def __init__(
        self,
        sounddevice: Any | None = None,
        *,
        block_s: float = BLOCK_S,
        on_failure: Callable[[CaptureError], None] | None = None,
    ) -> None:
        self._sd = sounddevice
        self._block_s = block_s
        self._on_failure = on_failure
        self._lock = threading.Lock()
        self._stream: Any | None = None
        self._device: InputDevice | None = None
        self._capture_rate: int | None = None
        self._stopping = False
        self._failure: CaptureError | None = None
        self._raw_blocks: queue.SimpleQueue[np.ndarray] = queue.SimpleQueue()
        self._resampler: StreamingResampler | None = None
        self._captured: list[np.ndarray] = []
        self._unread: list[np.ndarray] = []
        self._raw_frames = 0
        self._overflows = 0
        self._level = AudioLevel()

    # -- devices ---------------------------------------------------------------------------

    def input_devices(self, rescan: bool = False) -> list[InputDevice]:
        """Devices that can record, the system default first.

        ``rescan`` asks PortAudio to look again for plugged or unplugged devices; it is ignored
        while recording, since that would pull the device out from under the stream.
        """
        sd = self._module()
        try:
            if rescan and self._stream is None and hasattr(sd, "_terminate"):
                sd._terminate()
                sd._initialize()
            raw_devices = list(sd.query_devices())
            default_index = _default_input_index(sd)
        except sd.PortAudioError as error:
            raise CaptureError(
                CaptureProblem.AUDIO_SYSTEM_UNAVAILABLE,
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The sound system could not list the microphones: {error}",
                ),
                error=error,
            ) from error
        devices = [
            InputDevice(
                index=int(info.get("index", position)),
                name=str(info["name"]),
                max_input_channels=int(info["max_input_channels"]),
                default_sample_rate=float(info["default_samplerate"]),
                is_default=int(info.get("index", position)) == default_index,
            )
            for position, info in enumerate(raw_devices)
            if int(info["max_input_channels"]) > 0
        ]
        return sorted(devices, key=lambda device: not device.is_default)

    # -- recording -------------------------------------------------------------------------

    def start(self, device: int | None = None) -> None:
        """Start recording from ``device`` (a device index), or the default input device."""
        if self._stream is not None:
            raise RuntimeError("already recording; call stop() first")
        sd = self._module()
        chosen = self._choose_device(device)
        rate, channels = self._choose_settings(sd, chosen)
        self._reset(chosen, rate)
        stream = None
        try:
            stream = sd.InputStream(
                device=chosen.index,
                samplerate=rate,
                channels=channels,
                dtype="float32",
                blocksize=max(1, int(rate * self._block_s)),
                callback=self._on_audio,
                finished_callback=self._on_stream_finished,
            )
            stream.start()
        except sd.PortAudioError as error:
            if stream is not None:
                _close_quietly(sd, stream)
            raise CaptureError(
                CaptureProblem.OPEN_FAILED,
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Could not open the microphone '{name}': {error}. It may be in use by "
                    "another program, or Gemma Desk may not be allowed to use the microphone "
                    "(check the system's privacy settings).",
                ),
                name=chosen.name, error=error,
            ) from error
        self._stream = stream

    def stop(self) -> None:
        """Stop and release the device. Never raises: a device already gone is just closed."""
        stream = self._stream
        if stream is None:
            return
        self._stopping = True
        sd = self._module()
        try:
            stream.stop()
        except sd.PortAudioError:
            pass  # The device vanished; the failure (if any) is already recorded.
        _close_quietly(sd, stream)
        self._stream = None
        with self._lock:
            self._convert_pending()
            if self._resampler is not None:
                self._keep(self._resampler.flush())

    @property
    def is_recording(self) -> bool:
        return self._stream is not None and self._failure is None

    @property
    def failure(self) -> CaptureError | None:
        """Set when the device failed mid-recording (the audio so far is kept)."""
        return self._failure

    @property
    def device(self) -> InputDevice | None:
        return self._device

    @property
    def capture_rate(self) -> int | None:
        """The rate the device records at (16000 unless it cannot)."""
        return self._capture_rate

    @property
    def elapsed_s(self) -> float:
        if not self._capture_rate:
            return 0.0
        return self._raw_frames / self._capture_rate

    @property
    def level(self) -> AudioLevel:
        return self._level

    @property
    def overflow_count(self) -> int:
        """Blocks where the system reported lost input (the machine was too busy)."""
        return self._overflows

    def read_available(self) -> list[np.ndarray]:
        """16 kHz mono float32 blocks recorded since the last call (possibly none)."""
        self._check_stream_alive()
        with self._lock:
            self._convert_pending()
            blocks, self._unread = self._unread, []
        return blocks

    def captured_audio(self) -> np.ndarray:
        """Everything recorded so far (or in the last recording), as 16 kHz mono float32."""
        with self._lock:
            self._convert_pending()
            if not self._captured:
                return np.zeros(0, dtype=np.float32)
            whole = np.concatenate(self._captured)
            self._captured = [whole]
            return whole.copy()

    # -- internals -------------------------------------------------------------------------

    def _module(self) -> Any:
        if self._sd is None:
            try:
                self._sd = _import_sounddevice()
            except (ImportError, OSError) as error:
                raise CaptureError(
                    CaptureProblem.AUDIO_SYSTEM_UNAVAILABLE,
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Recording needs the PortAudio sound library, which could not be "
                        "loaded: {error}",
                    ),
                    error=error,
                ) from error
        return self._sd

    def _choose_device(self, wanted: int | None) -> InputDevice:
        devices = self.input_devices()
        if not devices:
            raise CaptureError(
                CaptureProblem.NO_INPUT_DEVICE,
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "No microphone was found. Connect one (or enable it in the system's "
                    "sound settings) and try again.",
                ),
            )
        if wanted is None:
            return devices[0]
        for device in devices:
            if device.index == wanted:
                return device
        raise CaptureError(
            CaptureProblem.DEVICE_NOT_FOUND,
            QT_TRANSLATE_NOOP(
                "UserError",
                "The chosen microphone (device {wanted}) is no longer available; pick "
                "another one.",
            ),
            wanted=wanted,
        )

    def _choose_settings(self, sd: Any, device: InputDevice) -> tuple[int, int]:
        native_rate = int(round(device.default_sample_rate))
        candidates = [(TARGET_RATE, 1), (native_rate, 1), (native_rate, device.max_input_channels)]
        for rate, channels in candidates:
            try:
                sd.check_input_settings(
                    device=device.index, channels=channels, dtype="float32", samplerate=rate
                )
            except (sd.PortAudioError, ValueError):
                continue
            return rate, channels
        raise CaptureError(
            CaptureProblem.OPEN_FAILED,
            QT_TRANSLATE_NOOP(
                "UserError",
                "The microphone '{name}' accepts neither 16 kHz nor its own rate of "
                "{native_rate} Hz for recording.",
            ),
            name=device.name, native_rate=native_rate,
        )

    def _reset(self, device: InputDevice, rate: int) -> None:
        self._device = device
        self._capture_rate = rate
        self._stopping = False
        self._failure = None
        self._raw_blocks = queue.SimpleQueue()
        self._resampler = StreamingResampler(rate, TARGET_RATE)
        self._captured = []
        self._unread = []
        self._raw_frames = 0
        self._overflows = 0
        self._level = AudioLevel()

    def _on_audio(self, indata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        # PortAudio's thread: copy and hand over, nothing slow.
        if getattr(status, "input_overflow", False):
            self._overflows += 1
        block = np.array(indata[:frames], dtype=np.float32, copy=True)
        self._raw_blocks.put(block)
        self._raw_frames += frames
        self._level = block_level(block)

    def _on_stream_finished(self) -> None:
        if not self._stopping:
            self._fail_device_lost()

    def _check_stream_alive(self) -> None:
        # Some host APIs stop calling back when a device is unplugged without finishing the
        # stream; an inactive stream that nobody stopped is a lost device too.
        stream = self._stream
        if stream is None or self._stopping or self._failure is not None:
            return
        try:
            active = bool(stream.active)
        except self._module().PortAudioError:
            active = False
        if not active:
            self._fail_device_lost()

    def _fail_device_lost(self) -> None:
        with self._lock:
            if self._failure is not None:
                return
            name = self._device.name if self._device else "microphone"
            self._failure = CaptureError(
                CaptureProblem.DEVICE_LOST,
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The microphone '{name}' stopped delivering audio after {elapsed_s:.1f} "
                    "s (was it unplugged?). The audio recorded until then is kept.",
                ),
                name=name, elapsed_s=self.elapsed_s,
            )
            failure = self._failure
        if self._on_failure is not None:
            self._on_failure(failure)

    def _convert_pending(self) -> None:
        if self._resampler is None:
            return
        while True:
            try:
                raw = self._raw_blocks.get_nowait()
            except queue.Empty:
                return
            self._keep(self._resampler.process(to_mono(raw)))

    def _keep(self, block: np.ndarray) -> None:
        if block.size:
            self._captured.append(block)
            self._unread.append(block)


def _default_input_index(sd: Any) -> int | None:
    try:
        value = sd.default.device[0]
    except (IndexError, KeyError, TypeError):
        return None
    # PortAudio says -1 when there is no default input.
    if isinstance(value, (int, np.integer)) and value >= 0:
        return int(value)
    return None


def _close_quietly(sd: Any, stream: Any) -> None:
    try:
        stream.close()
    except sd.PortAudioError:
        pass  # Closing a stream whose device is gone can fail; nothing is left to release.
