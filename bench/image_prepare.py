"""Time prepare_image on a generated 12-megapixel JPEG (4000×3000): median of 5 runs.

Run: .venv/bin/python bench/image_prepare.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.chat.images import prepare_image  # noqa: E402

WIDTH, HEIGHT, RUNS = 4000, 3000, 5


def twelve_megapixel_jpeg() -> bytes:
    # A photo-like mix of smooth gradients and noise, so the JPEG is of realistic size.
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    noise = Image.effect_noise((WIDTH, HEIGHT), 40)
    picture = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def timed_prepare(data: bytes, runs: int = RUNS):
    """(the last prepared image, seconds of each of `runs` preparations)."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        prepared = prepare_image(data, name="bench.jpg")
        timings.append(time.perf_counter() - start)
    return prepared, timings


def main() -> None:
    data = twelve_megapixel_jpeg()
    prepared, timings = timed_prepare(data)
    assert (prepared.width, prepared.height) == (WIDTH, HEIGHT)
    print(
        f"prepare_image, {WIDTH}×{HEIGHT} JPEG ({len(data) / 1e6:.1f} MB): "
        f"median {statistics.median(timings) * 1000:.0f} ms over {RUNS} runs "
        f"(min {min(timings) * 1000:.0f}, max {max(timings) * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
