"""`gemma-desk transcribe` on the real engine: chunk N of M, Ctrl+C, and files refused at once."""

import os
import signal
import subprocess
import sys

import numpy as np
import soundfile

from app.cli import main
from app.core.speech.transcript_export import read_srt
from tests.projector_factory import write_audio_projector


def speech_like(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * rng.standard_normal(t.size))).astype(np.float32)


def test_transcribe_says_which_chunk_of_how_many(gemma_model_path, tmp_path, capsys):
    projector = write_audio_projector(tmp_path / "mmproj-audio.gguf", kind="gemma4ua")
    wav = tmp_path / "talk.wav"
    soundfile.write(str(wav), np.concatenate([speech_like(40), np.zeros(16_000 * 30, np.float32)]), 16_000)
    code = main(["transcribe", "--model", str(gemma_model_path), "--mmproj", str(projector),
                 "--max-tokens", "2", str(wav)])
    captured = capsys.readouterr()
    assert code == 0
    assert "talk.wav: chunk 1 of 3" in captured.err and "talk.wav: chunk 2 of 3" in captured.err
    assert "talk.wav: done, 2 chunks, 1 silent skipped" in captured.err
    assert captured.out.count("[") == 2


def test_ctrl_c_stops_after_the_chunk_in_hand_and_keeps_what_is_done(gemma_model_path, tmp_path):
    projector = write_audio_projector(tmp_path / "mmproj-audio.gguf", kind="gemma4ua")
    wav, srt = tmp_path / "long.wav", tmp_path / "long.srt"
    soundfile.write(str(wav), speech_like(170), 16_000)
    command = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", "transcribe", "--model", str(gemma_model_path),
               "--mmproj", str(projector), "--max-tokens", "2", "--srt", str(srt), str(wav)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=os.getcwd())
    errors = []
    for line in process.stderr:
        errors.append(line)
        if "long.wav: chunk 2 of" in line:
            process.send_signal(signal.SIGINT)
            break
    errors += process.stderr.readlines()
    assert process.wait(timeout=120) == 130
    assert any("cancelled after" in line and "(interrupted)" in line for line in errors), "".join(errors[-5:])
    segments = read_srt(srt)
    assert 1 <= len(segments) < 6 and segments[0].start_s == 0.0


def test_a_file_with_an_absurd_sample_rate_is_refused_before_the_model_loads(tmp_path, capsys):
    path = tmp_path / "one_hertz.wav"
    soundfile.write(str(path), speech_like(2), 16_000, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    data[24:28] = (1).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert main(["transcribe", "--model", str(tmp_path / "no-model.gguf"), str(path)]) == 2
    assert "declares a sample rate of 1 Hz" in capsys.readouterr().err


def test_a_fifo_is_refused(tmp_path, capsys):
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    assert main(["transcribe", "--model", str(tmp_path / "no-model.gguf"), str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
