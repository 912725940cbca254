"""A spoken test recording made with espeak-ng and sox: sentences with silences between them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

SENTENCES = (
    "The morning train left the station exactly on time.",
    "Passengers read their newspapers and drank hot coffee.",
    "Outside the window, green fields rolled past for miles.",
    "A small dog barked at the cows near an old wooden fence.",
    "The conductor walked slowly down the aisle checking tickets.",
    "Somebody in the back was talking loudly on the telephone.",
    "After an hour the train crossed a long bridge over the river.",
    "Children pressed their faces against the glass to see the boats.",
    "The sun came out from behind the clouds and warmed the carriage.",
    "At the next stop a group of students climbed aboard with bicycles.",
    "They laughed and argued about where to have lunch in the city.",
    "Finally the tall towers of the capital appeared on the horizon.",
    "Everyone gathered their bags and coats and waited by the doors.",
    "On the platform, friends and families waved and called out names.",
    "It had been a long journey, but a pleasant one.",
)
PAUSES_S = (0.6, 0.9, 0.5, 0.8, 0.7, 1.0, 0.5, 0.9, 0.6, 0.8, 0.7, 0.5, 1.0, 0.6, 0.8)
ESPEAK_RATE = 22_050


@dataclass(frozen=True)
class SpokenRecording:
    """About 70 s of speech at 16 kHz with silences between sentences."""

    path: Path
    path_48k: Path
    samples: np.ndarray
    sentence_pauses_s: tuple[tuple[float, float], ...]

    @property
    def duration_s(self) -> float:
        return self.samples.shape[0] / 16_000


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def make_spoken_recording(folder: Path) -> SpokenRecording:
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(
            f"the audio tests need {' and '.join(missing)} (apt-get install espeak-ng sox)"
        )
    parts: list[str] = []
    pauses: list[tuple[float, float]] = []
    position_s = 0.0
    for number, (sentence, pause_s) in enumerate(zip(SENTENCES, PAUSES_S, strict=True)):
        spoken = folder / f"sentence{number}.wav"
        silence = folder / f"pause{number}.wav"
        _run(["espeak-ng", "-s", "150", "-w", str(spoken), sentence])
        _run(
            [
                "sox",
                "-n",
                "-r",
                str(ESPEAK_RATE),
                "-c",
                "1",
                "-b",
                "16",
                str(silence),
                "trim",
                "0",
                str(pause_s),
            ]
        )
        position_s += soundfile.info(str(spoken)).duration
        pauses.append((position_s, position_s + pause_s))
        position_s += pause_s
        parts += [str(spoken), str(silence)]
    path = folder / "speech_16k.wav"
    path_48k = folder / "speech_48k.wav"
    _run(["sox", *parts, "-r", "16000", str(path)])
    _run(["sox", str(path), "-r", "48000", str(path_48k)])
    samples, rate = soundfile.read(str(path), dtype="float32")
    assert rate == 16_000 and samples.shape[0] > 60 * 16_000
    return SpokenRecording(path, path_48k, samples, tuple(pauses))
