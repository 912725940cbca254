from __future__ import annotations

import numpy as np
import pytest

from app.core.gemma3n_audio import half
from app.core.gemma3n_audio.parallel import SliceRunner


@pytest.mark.parametrize("convert", [half.half_to_float, half.half_to_float_numpy], ids=["chosen", "numpy"])
def test_every_finite_half_converts_exactly(convert) -> None:
    halves = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
    finite = halves[np.isfinite(halves)]
    out = np.empty(len(finite), dtype=np.float32)

    convert(finite, out)

    expected = finite.astype(np.float32)
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(np.signbit(out), np.signbit(expected))  # -0.0 stays -0.0


def test_llama_cpps_ggml_converts_when_it_is_installed() -> None:
    # llama-cpp-python is a dependency of the app: its F16C converter should be found.
    assert half.uses_ggml()


def test_conversion_split_over_threads_covers_every_element() -> None:
    rng = np.random.default_rng(0)
    halves = rng.standard_normal(5 * half.HALF_BLOCK + 123).astype(np.float16)
    out = np.full(len(halves), np.nan, dtype=np.float32)
    runner = SliceRunner(threads=3)
    try:
        runner.run(lambda start, stop: half.half_to_float(halves[start:stop], out[start:stop]),
                   len(halves), align=half.HALF_BLOCK)
    finally:
        runner.close()

    np.testing.assert_array_equal(out, halves.astype(np.float32))


def test_runner_pieces_are_aligned_and_cover_the_range_once() -> None:
    seen: list[tuple[int, int]] = []
    runner = SliceRunner(threads=4)
    try:
        runner.run(lambda start, stop: seen.append((start, stop)), 4_000_003, align=1000)
    finally:
        runner.close()

    seen.sort()
    assert len(seen) == 4
    assert seen[0][0] == 0 and seen[-1][1] == 4_000_003
    assert all(stop == next_start for (_, stop), (next_start, _) in zip(seen, seen[1:], strict=False))
    assert all(start % 1000 == 0 for start, _ in seen)
