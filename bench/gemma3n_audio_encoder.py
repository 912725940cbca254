"""Gemma 3n's audio encoder, numpy and ggml side by side: seconds per 30-s clip, peak extra
memory, and how far ggml's embeddings are from numpy's (numpy is the reference).

Writes a full-size random-weight Gemma 3n audio projector (1536 wide, 12 blocks, F16 matrices:
≈ 1.4 GB) to /tmp unless --projector names one, then for each encoder starts a fresh process
that opens it, encodes a 30-s clip once to warm up and --runs times more, and encodes the
parity clips (1, 5.5, 12, 30, 31 s). Peak extra memory = the process's peak resident size
(VmHWM) minus its size before the encoder was opened (llama-cpp-python's libraries are loaded
before that: the app has them loaded anyway). The tiny random encoder's parity is checked too.

Targets (issue 17): H200 ggml ≤ 0.05 s per 30-s clip; 2 CPU cores ggml ≤ 0.5 × numpy; CPU
backend peak extra memory ≤ numpy's; max |ggml − numpy| / max |numpy| ≤ 2e-3.

Run: .venv/bin/python bench/gemma3n_audio_encoder.py [--device cpu|gpu] [--runs 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.gemma3n_audio import Gemma3nAudioEncoder, log_mel_features, write_audio_projector  # noqa: E402
from app.core.gemma3n_audio.names import GEMMA3N_AUDIO_SHAPE, tensor_shapes, transformers_name  # noqa: E402

CLIP_SECONDS = 30.0
PARITY_SECONDS = (1.0, 5.5, 12.0, 30.0, 31.0)
TOLERANCE = 2e-3
PRECISION = "f16"  # ggml's matrices (--precision)


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


def clip_of(seconds: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16_000), dtype=np.float32) / np.float32(16_000)
    return (0.3 * np.sin(2 * np.pi * 220 * t) + 0.05 * rng.standard_normal(len(t))).astype(np.float32)


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def open_encoder(engine: str, path: Path, device: str, threads: int | None, precision: str = "f16"):
    if engine == "numpy":
        return Gemma3nAudioEncoder.from_gguf(path, threads=threads)
    from app.core.gemma3n_audio.ggml_encoder import GgmlAudioEncoder

    return GgmlAudioEncoder.from_gguf(path, device=device, threads=threads, precision=precision)


def measure(engine: str, path: Path, device: str, threads: int | None, runs: int, out: Path) -> None:
    """In a fresh process: time one encoder, keep its parity clips' embeddings in `out`."""
    if engine == "ggml":
        from app.core.gemma3n_audio.ggml_api import load_ggml

        load_ggml()  # the libraries, as the app has them loaded already
    clip = clip_of(CLIP_SECONDS)
    before_kb = _status_kb("VmRSS")
    start = time.perf_counter()
    encoder = open_encoder(engine, path, device, threads, PRECISION)
    open_s = time.perf_counter() - start
    encoder.encode_clip(clip)  # warm-up: page cache, GPU kernels, cuBLAS handles
    load_before = os.getloadavg()[0]
    timings, cpu_timings = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        embeddings = encoder.encode_clip(clip)
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu_start)
    load_after = os.getloadavg()[0]
    assert embeddings.shape == (188, encoder.text_width) and np.isfinite(embeddings).all()
    peak_kb = _status_kb("VmHWM")
    parity = {str(s): encoder.encode_clip(clip_of(s, seed=3)) for s in PARITY_SECONDS}
    np.savez(out, **parity)
    start = time.perf_counter()
    log_mel_features(clip)
    features_s = time.perf_counter() - start
    result = {
        "engine": engine, "runs_on": getattr(encoder, "device_name", "numpy (CPU)"),
        "open_s": round(open_s, 3), "median_s": round(statistics.median(timings), 4),
        "min_s": round(min(timings), 4), "max_s": round(max(timings), 4),
        "cpu_s": round(statistics.median(cpu_timings), 3), "features_s": round(features_s, 4),
        "peak_extra_mb": round((peak_kb - before_kb) / 1024), "load_before": round(load_before, 2),
        "load_after": round(load_after, 2), "runs": runs,
    }
    encoder.close()
    print("RESULT " + json.dumps(result), flush=True)


def tiny_parity(device: str) -> dict[str, float]:
    """The two-block random encoder of the tests, numpy against ggml, per clip length."""
    from app.core.gemma3n_audio.ggml_encoder import GgmlAudioEncoder
    from tests.core.gemma3n_audio.random_weights import noise_clip, random_audio_weights

    with tempfile.TemporaryDirectory(prefix="gemma3n-audio-tiny-") as folder:
        path = write_audio_projector(Path(folder) / "tiny.gguf", random_audio_weights())
        with Gemma3nAudioEncoder.from_gguf(path) as reference, \
                GgmlAudioEncoder.from_gguf(path, device=device, precision=PRECISION) as ours:
            return {str(s): relative_difference(ours.encode_clip(noise_clip(s)), reference.encode_clip(noise_clip(s)))
                    for s in PARITY_SECONDS}


def relative_difference(ours: np.ndarray, reference: np.ndarray) -> float:
    return float(np.abs(ours - reference).max() / np.abs(reference).max())


def run_side_by_side(path: Path, args: argparse.Namespace) -> dict:
    results, embeddings = {}, {}
    with tempfile.TemporaryDirectory(prefix="gemma3n-audio-out-") as folder:
        for engine in ("numpy", "ggml"):
            out = Path(folder) / f"{engine}.npz"
            command = [sys.executable, __file__, "--measure", engine, "--projector", str(path), "--device",
                       args.device, "--runs", str(args.runs), "--out", str(out)]
            if args.threads:
                command += ["--threads", str(args.threads)]
            command += ["--precision", args.precision]
            finished = subprocess.run(command, capture_output=True, text=True)
            if finished.returncode:
                sys.exit(f"the {engine} run failed:\n{finished.stderr[-4000:]}")
            lines = finished.stdout.splitlines()
            results[engine] = json.loads(next(l for l in lines if l.startswith("RESULT "))[7:])
            with np.load(out) as saved:
                embeddings[engine] = {k: saved[k] for k in saved.files}
    results["full_size_parity"] = {k: relative_difference(embeddings["ggml"][k], embeddings["numpy"][k])
                                   for k in embeddings["numpy"]}
    return results


def report(results: dict) -> None:
    numpy_r, ggml_r = results["numpy"], results["ggml"]
    print(f"cores: {os.cpu_count()}; load average (numpy runs): {numpy_r['load_before']}–{numpy_r['load_after']}, "
          f"(ggml runs): {ggml_r['load_before']}–{ggml_r['load_after']}")
    for r in (numpy_r, ggml_r):
        print(f"{r['engine']:>5} on {r['runs_on']}: 30-s clip median {r['median_s']:.4f} s "
              f"(min {r['min_s']:.4f}, max {r['max_s']:.4f}, {r['runs']} runs), CPU time {r['cpu_s']:.2f} s, "
              f"open {r['open_s']:.2f} s, peak extra memory {r['peak_extra_mb']} MB")
    print(f"ggml / numpy time: {ggml_r['median_s'] / numpy_r['median_s']:.3f} (wall), "
          f"{ggml_r['cpu_s'] / numpy_r['cpu_s']:.3f} (CPU time: steadier on a loaded machine); "
          f"numpy encoder's host mel features (ggml computes them in its graph): {ggml_r['features_s'] * 1000:.1f} ms")
    for name in ("full_size_parity", "tiny_parity"):
        worst = max(results[name].values())
        clips = ", ".join(f"{k} s: {v:.2e}" for k, v in results[name].items())
        print(f"{name}: {clips} → worst {worst:.2e} [{'ok' if worst <= TOLERANCE else 'OVER'} ≤ {TOLERANCE}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--device", default="best", choices=("best", "cpu", "gpu"), help="ggml's device")
    parser.add_argument("--threads", type=int, help="CPU threads for both (default: all cores)")
    parser.add_argument("--precision", default="f16", choices=("f16", "q8_0"),
                        help="ggml's matrices: as stored (f16) or quantised to Q8_0 at load")
    parser.add_argument("--projector", type=Path, help="an existing audio projector (default: write a random one)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    global PRECISION
    PRECISION = args.precision
    if args.measure:
        measure(args.measure, args.projector, args.device, args.threads, args.runs, args.out)
        return
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="gemma3n-audio-bench-") as folder:
        path = args.projector
        if path is None:
            path = Path(folder) / "mmproj-gemma3n-audio-random-F16.gguf"
            start = time.perf_counter()
            write_audio_projector(path, random_full_size_weights())
            print(f"wrote {path.stat().st_size / 1e9:.2f} GB random projector in {time.perf_counter() - start:.0f} s")
        results = run_side_by_side(path, args)
    results["tiny_parity"] = tiny_parity(args.device)
    results["when"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
