"""Why ggml's CPU backend cannot beat the numpy audio encoder: one Gemma 3n audio feed-forward
matmul (1536 → 6144 over a 30-s clip's 750 frames) in ggml's CPU backend at F32, F16, Q8_0 and
Q4_0 weights, against numpy's (OpenBLAS) F32 on the same threads. The encoder is this matmul
shape ~70 % of its time, so where OpenBLAS already runs at the cores' speed, no weight type in
ggml's CPU backend makes the encoder 2× faster than numpy.

Run: .venv/bin/python bench/ggml_cpu_matmul.py [--threads 2] [--repeats 5]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.gemma3n_audio import ggml_encoder  # noqa: E402
from app.core.gemma3n_audio.ggml_api import InitParams, load_ggml  # noqa: E402

K, N, M = 1536, 6144, 750  # hidden size, feed-forward size, frames in 30 s
LAYERS, CONV_EXPANSION = 12, 2  # conformer blocks; the conv module's first projection doubles the width


def encoder_flops() -> int:
    """Multiply-adds ×2 of one 30-s clip through the conformer's projections (≈ 98 % of the work):
    per block two macaron feed-forwards (K→N→K), attention's q/k/v/out and relative-position
    projections (5 × K×K) and the conv module's K→2K and K→K."""
    per_frame = 2 * (2 * K * N) + 5 * K * K + CONV_EXPANSION * K * K + K * K
    return 2 * LAYERS * M * per_frame
WEIGHT_TYPES = {"F32": 0, "F16": 1, "Q8_0": 8, "Q4_0": 2}


def ggml_seconds(type_id: int, weights: np.ndarray, x: np.ndarray, threads: int, repeats: int) -> float:
    g = load_ggml()
    quantize = ctypes.CDLL(str(g.lib_dir / "libggml-base.so")).ggml_quantize_chunk
    quantize.restype = ctypes.c_size_t
    quantize.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p] + [ctypes.c_int64] * 3 + [ctypes.c_void_p]
    backend, _, _ = ggml_encoder._open_backend(g, "cpu", threads)
    ctx = g.init(InitParams(16 * g.tensor_overhead() + g.graph_overhead_custom(16, False), None, True))
    w = g.new_tensor_2d(ctx, type_id, K, N)
    a = g.new_tensor_2d(ctx, 0, K, M)
    graph = g.new_graph_custom(ctx, 16, False)
    g.build_forward_expand(graph, g.mul_mat(ctx, w, a))
    buffer = g.backend_alloc_ctx_tensors(ctx, backend)
    try:
        if type_id == 0:
            data = weights
        elif type_id == 1:
            data = weights.astype(np.float16)
        else:
            data = np.empty(g.nbytes(w), np.uint8)
            quantize(type_id, weights.ctypes.data, data.ctypes.data, 0, N, K, None)
        g.backend_tensor_set(w, data.ctypes.data, 0, g.nbytes(w))
        g.backend_tensor_set(a, x.ctypes.data, 0, x.nbytes)
        g.backend_graph_compute(backend, graph)
        start = time.perf_counter()
        for _ in range(repeats):
            g.backend_graph_compute(backend, graph)
        return (time.perf_counter() - start) / repeats
    finally:
        g.backend_buffer_free(buffer)
        g.free(ctx)
        g.backend_free(backend)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    weights = rng.standard_normal((N, K), dtype=np.float32)
    x = rng.standard_normal((M, K), dtype=np.float32)
    flops = 2 * K * N * M
    x @ weights.T
    start = time.perf_counter()
    for _ in range(args.repeats):
        x @ weights.T
    numpy_s = (time.perf_counter() - start) / args.repeats
    print(f"{os.cpu_count()} cores, {args.threads} threads, load {os.getloadavg()[0]:.2f}")
    print(f"numpy F32 (BLAS): {numpy_s * 1000:7.1f} ms  {flops / numpy_s / 1e9:5.0f} GFLOP/s  1.00×")
    for name, type_id in WEIGHT_TYPES.items():
        seconds = ggml_seconds(type_id, weights, x, args.threads, args.repeats)
        print(f"ggml {name:>4} weights: {seconds * 1000:7.1f} ms  {flops / seconds / 1e9:5.0f} GFLOP/s  "
              f"{seconds / numpy_s:.2f}× numpy")
    whole = encoder_flops()
    print(f"the whole encoder: {whole / 1e9:.0f} GFLOP per 30-s clip; at the best rate above (numpy's "
          f"{flops / numpy_s / 1e9:.0f} GFLOP/s) no F32 encoder on these threads can take less than "
          f"{whole / (flops / numpy_s):.2f} s")


if __name__ == "__main__":
    main()
