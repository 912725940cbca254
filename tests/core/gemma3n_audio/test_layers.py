from __future__ import annotations

import warnings

import numpy as np

from app.core.gemma3n_audio import layers


def test_silu_is_x_times_sigmoid_even_where_exp_overflows() -> None:
    x = np.array([[-200.0, -10.0, 0.0, 3.0, 90.0]] * 20_000, dtype=np.float32)  # several blocks
    expected = x.astype(np.float64) / (1.0 + np.exp(-x.astype(np.float64)))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = layers.silu(x.copy())

    np.testing.assert_allclose(result, expected, rtol=1e-6, atol=1e-30)
    assert result.dtype == np.float32


def test_silu_on_a_strided_view_writes_through() -> None:
    x = np.random.default_rng(0).standard_normal((50, 8)).astype(np.float32)
    original = x.copy()

    layers.silu(x[:, ::2])

    np.testing.assert_allclose(x[:, ::2], original[:, ::2] / (1 + np.exp(-original[:, ::2])), rtol=1e-6)
    np.testing.assert_array_equal(x[:, 1::2], original[:, 1::2])


def test_block_context_windows_reach_back_past_and_forward_future_frames() -> None:
    frames = np.arange(10)

    windows = layers.block_context(frames, chunk=4, past=3, future=1)

    # Block u covers u·4 − 3 … u·4 + 4, zero-padded outside the clip.
    assert windows.shape == (3, 8)
    np.testing.assert_array_equal(windows[0], [0, 0, 0, 0, 1, 2, 3, 4])
    np.testing.assert_array_equal(windows[1], [1, 2, 3, 4, 5, 6, 7, 8])
    np.testing.assert_array_equal(windows[2], [5, 6, 7, 8, 9, 0, 0, 0])


def test_each_query_sees_its_past_itself_and_its_future_context() -> None:
    mask = layers.local_attention_mask(chunk=4, past=3, future=1)

    # Query w sits at context index w + past; it may see indices w … w + past + future.
    assert mask.shape == (4, 8)
    assert [list(np.flatnonzero(row)) for row in mask] == [[0, 1, 2, 3, 4], [1, 2, 3, 4, 5],
                                                           [2, 3, 4, 5, 6], [3, 4, 5, 6, 7]]


def test_relative_shift_lines_position_scores_up_with_keys() -> None:
    chunk, span, context = 3, 4, 6
    scores = np.arange(1, chunk * span + 1, dtype=np.float32).reshape(1, chunk, span)

    shifted = layers.relative_shift(scores, context)

    # Query w's score for span index f lands on key c = w + f.
    for w in range(chunk):
        for f in range(span):
            assert shifted[0, w, w + f] == scores[0, w, f]


def test_cumulative_group_norm_uses_only_the_past() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 4, 3)).astype(np.float32)
    scale = np.array([1.0, 2.0, 0.5], dtype=np.float32)

    result = layers.cumulative_group_norm(x.copy(), scale, eps=1e-3)

    for t in range(6):
        seen = x[: t + 1].astype(np.float64)
        means = [seen[: s + 1].mean() for s in range(t + 1)]
        variance = sum(((seen[s] - means[s]) ** 2).sum() for s in range(t + 1)) / seen.size
        expected = (x[t] - means[t]) / np.sqrt(variance + 1e-3) * scale
        np.testing.assert_allclose(result[t], expected, rtol=1e-5, atol=1e-6)
