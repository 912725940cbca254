"""The ggml graph's working memory, as ggml's own graph allocator sizes it (nothing is run)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.gemma3n_audio.ggml_api import DEVICE_CPU, GGML_TYPE_F32, Ggml, InitParams, load_ggml
from app.core.gemma3n_audio.ggml_graph import AudioGraph, clip_geometry
from app.core.gemma3n_audio.names import GEMMA3N_AUDIO_SHAPE, tensor_shapes
from app.core.gemma3n_audio.settings import GEMMA3N_AUDIO

THIRTY_SECONDS_OF_MEL_FRAMES = 2997
_NODES = 256


@pytest.fixture
def cpu_backend() -> Iterator[tuple[Ggml, int]]:
    g = load_ggml()
    device = next(d for d, kind, _ in g.devices() if kind == DEVICE_CPU)
    backend = g.backend_dev_init(device, None)
    yield g, backend
    g.backend_free(backend)


def test_sub_sampling_a_30_s_clip_holds_one_copy_of_the_first_convolution_s_output(
        cpu_backend: tuple[Ggml, int]) -> None:
    g, backend = cpu_backend
    shape, settings = GEMMA3N_AUDIO_SHAPE, GEMMA3N_AUDIO
    geometry = clip_geometry(THIRTY_SECONDS_OF_MEL_FRAMES, shape, settings)
    names = ["a.conv1d.0.weight", "a.conv1d.0.norm.weight", "a.conv1d.1.weight", "a.conv1d.1.norm.weight",
             "a.pre_encode.out.weight"]
    shapes = tensor_shapes(shape)
    weights_ctx = g.init(InitParams(len(names) * g.tensor_overhead() + 1024, None, True))
    ctx = g.init(InitParams(_NODES * 2 * g.tensor_overhead() + g.graph_overhead_custom(_NODES, False), None, True))
    weights = {name: _tensor(g, weights_ctx, shapes[name][::-1]) for name in names}
    weights_buffer = g.backend_alloc_ctx_tensors(weights_ctx, backend)
    allocator = g.gallocr_new(g.backend_get_default_buffer_type(backend))
    try:
        graph = AudioGraph(g, ctx, weights.__getitem__, lambda array: _input(g, ctx, array.shape[::-1]),
                           shape, settings)
        mel = _input(g, ctx, (shape.mel_bins, THIRTY_SECONDS_OF_MEL_FRAMES))
        cgraph = g.new_graph_custom(ctx, _NODES, False)
        g.build_forward_expand(cgraph, graph.subsample(mel, geometry))

        assert g.gallocr_alloc_graph(allocator, cgraph)

        (_, kf), (_, stride_f) = shape.sscp_kernels[0], settings.conv_strides[0]
        freqs = (shape.mel_bins + 2 - kf) // stride_f + 1
        first_output = 4 * freqs * geometry.conv_frames[0] * shape.sscp_channels[0]  # 49 MB
        # One copy of it, the squares of a few of its channels, and small things (it was two copies).
        assert g.gallocr_get_buffer_size(allocator, 0) <= 1.25 * first_output
    finally:
        g.gallocr_free(allocator)
        g.backend_buffer_free(weights_buffer)
        g.free(ctx)
        g.free(weights_ctx)


def _tensor(g: Ggml, ctx: int, ne: tuple[int, ...]) -> int:
    maker = {1: g.new_tensor_1d, 2: g.new_tensor_2d, 3: g.new_tensor_3d, 4: g.new_tensor_4d}[len(ne)]
    return maker(ctx, GGML_TYPE_F32, *ne)


def _input(g: Ggml, ctx: int, ne: tuple[int, ...]) -> int:
    tensor = _tensor(g, ctx, ne)
    g.set_input(tensor)
    return tensor
