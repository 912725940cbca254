"""Seconds per 30-s clip and peak extra memory of our numpy Gemma 3n audio encoder.

Writes a full-size random-weight Gemma 3n audio projector (1536 wide, 12 blocks, F16 matrices:
≈ 1.4 GB) to /tmp, encodes a 30-s clip in a fresh process several times, and deletes the file.
Peak extra memory = the process's peak resident size (VmHWM) minus its size before the encoder
was opened. Targets: ≤ 7.5 s per 30-s clip (0.25 × real time) on 2 cores, ≤ 400 MB extra.
Wall time depends on what else runs; CPU time per clip (all threads) much less so: on two idle
cores the wall time is about half of it.

Run: .venv/bin/python bench/gemma3n_audio_encoder.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.gemma3n_audio import Gemma3nAudioEncoder, write_audio_projector  # noqa: E402
from app.core.gemma3n_audio.names import GEMMA3N_AUDIO_SHAPE, tensor_shapes, transformers_name  # noqa: E402

CLIP_SECONDS = 30.0


def random_full_size_weights(seed: int = 0) -> dict[str, np.ndarray]:
    """Gemma 3n's audio tensors at their real shapes, float16, scaled for unit-size outputs."""
    rng = np.random.default_rng(seed)
    weights = {}
    for name, shape in tensor_shapes(GEMMA3N_AUDIO_SHAPE).items():
        if len(shape) >= 2:
            fan_in = int(np.prod(shape[1:]))
            values = rng.standard_normal(shape, dtype=np.float32) * np.float32(fan_in ** -0.5)
        else:
            values = 1.0 + 0.1 * rng.standard_normal(shape, dtype=np.float32)
        weights[transformers_name(name)] = values.astype(np.float16)
    return weights


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def measure(path: Path, runs: int) -> None:
    rng = np.random.default_rng(1)
    seconds = np.arange(int(CLIP_SECONDS * 16_000), dtype=np.float32) / np.float32(16_000)
    tone = 0.3 * np.sin(2 * np.pi * 220 * seconds)
    clip = (tone + 0.05 * rng.standard_normal(len(seconds))).astype(np.float32)
    before_kb = _status_kb("VmRSS")
    start = time.perf_counter()
    encoder = Gemma3nAudioEncoder.from_gguf(path)
    open_s = time.perf_counter() - start
    timings, cpu_timings = [], []
    load_before = os.getloadavg()[0]
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        embeddings = encoder.encode_clip(clip)
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu_start)
    assert embeddings.shape == (188, 2048) and embeddings.dtype == np.float32
    assert np.isfinite(embeddings).all()
    peak_kb, after_kb = _status_kb("VmHWM"), _status_kb("VmRSS")
    encoder.close()
    median = statistics.median(timings)
    print(f"cores: {os.cpu_count()}; load average before: {load_before:.2f}, after: {os.getloadavg()[0]:.2f} "
          "(anything above 0 is other work competing for the cores)")
    print(f"open: {open_s:.2f} s")
    print(
        f"encode 30-s clip: median {median:.2f} s over {runs} runs "
        f"(min {min(timings):.2f}, max {max(timings):.2f}) = {median / CLIP_SECONDS:.3f} × real time "
        f"[target ≤ 7.5 s]"
    )
    print(f"CPU time per clip (all threads): median {statistics.median(cpu_timings):.2f} s")
    print(
        f"peak extra memory: {(peak_kb - before_kb) / 1024:.0f} MB "
        f"(resident after: +{(after_kb - before_kb) / 1024:.0f} MB) [target ≤ 400 MB]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.runs)
        return
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="gemma3n-audio-bench-") as folder:
        path = Path(folder) / "mmproj-gemma3n-audio-random-F16.gguf"
        start = time.perf_counter()
        write_audio_projector(path, random_full_size_weights())
        seconds = time.perf_counter() - start
        print(f"wrote {path.stat().st_size / 1e9:.2f} GB random projector in {seconds:.0f} s")
        # A fresh process, so the peak resident size is the encoder's alone.
        command = [sys.executable, __file__, "--measure", str(path), "--runs", str(args.runs)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
