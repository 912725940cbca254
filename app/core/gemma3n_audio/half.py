"""float16 → float32 for the encoder's weights, about 680 million values a clip.

numpy converts halves one at a time (≈ 2.5 ns each here: 1.7 s a clip). ggml, which
llama-cpp-python already ships, converts eight at a time with the CPU's F16C instructions
(≈ 0.4 ns); where its library cannot be found, a numpy bit trick does half the work of numpy's cast.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

HALF_BLOCK = 1 << 16  # elements a pass handles at once: small enough to stay in cache

# f32 bits = sign | (exponent and mantissa of the half) << 13, then × 2^112 to re-bias the
# exponent (15 → 127); exact for every finite half, subnormals and ±0 included.
_RESCALE = np.float32(2.0**112)
_SIGN_AND_MAGNITUDE = np.int32(-0x70000001)  # 0x8FFFFFFF: the sign, without its smear


def half_to_float_numpy(half: np.ndarray, out: np.ndarray) -> None:
    """Contiguous float16 `half` → float32 `out` (same size) in numpy alone; infinities and NaNs,
    which no weight holds, come out finite."""
    bits = half.view(np.uint16).reshape(-1)
    out_bits = out.reshape(-1).view(np.int32)
    out_float = out.reshape(-1)
    # The half goes into the high 16 bits of a zeroed int32; an arithmetic shift by 3 then puts
    # exponent and mantissa in place, and the mask clears the copies of the sign it shifted in.
    staging = np.zeros(min(HALF_BLOCK, len(bits)), dtype=np.int32)
    staging_high = staging.view(np.uint16).reshape(-1, 2)[:, 1 if sys.byteorder == "little" else 0]
    for start in range(0, len(bits), HALF_BLOCK):
        stop = min(start + HALF_BLOCK, len(bits))
        count = stop - start
        staging_high[:count] = bits[start:stop]
        block = out_bits[start:stop]
        np.right_shift(staging[:count], 3, out=block)
        np.bitwise_and(block, _SIGN_AND_MAGNITUDE, out=block)
        np.multiply(out_float[start:stop], _RESCALE, out=out_float[start:stop])


def _ggml_converter() -> Callable[[np.ndarray, np.ndarray], None] | None:
    """ggml_cpu_fp16_to_fp32 from llama-cpp-python's libggml-cpu, if it loads and is exact."""
    try:
        import llama_cpp
        from llama_cpp._ctypes_extensions import load_shared_library

        library = load_shared_library("ggml-cpu", Path(llama_cpp.__file__).parent / "lib")
        convert = library.ggml_cpu_fp16_to_fp32
        convert.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
        convert.restype = None
        library.ggml_cpu_init.argtypes = []
        library.ggml_cpu_init.restype = None
        library.ggml_cpu_init()  # fills ggml's conversion tables; llama.cpp calls it too
    except (ImportError, OSError, AttributeError, RuntimeError, FileNotFoundError):
        return None

    def ggml_half_to_float(half: np.ndarray, out: np.ndarray) -> None:
        if half.size != out.size or not (half.flags.c_contiguous and out.flags.c_contiguous):
            raise ValueError("half_to_float needs contiguous arrays of one size")
        convert(half.ctypes.data, out.ctypes.data, half.size)

    every_half = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
    check = np.empty(every_half.size, dtype=np.float32)
    ggml_half_to_float(every_half, check)
    if not np.array_equal(check, every_half.astype(np.float32), equal_nan=True):
        return None
    return ggml_half_to_float


@functools.cache
def _converter() -> Callable[[np.ndarray, np.ndarray], None]:
    return _ggml_converter() or half_to_float_numpy


def half_to_float(half: np.ndarray, out: np.ndarray) -> None:
    """Contiguous float16 `half` → float32 `out` of the same size; frees the GIL while it runs."""
    _converter()(half, out)


def uses_ggml() -> bool:
    return _converter() is not half_to_float_numpy
