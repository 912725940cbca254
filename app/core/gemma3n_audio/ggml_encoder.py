"""Gemma 3n's audio encoder run by ggml (through llama-cpp-python's own libraries), on the GPU
backend the user built or on the CPU backend. Same input and output as Gemma3nAudioEncoder.

On a GPU the whole clip is one graph, weights uploaded once. On the CPU backend the weights
stay in the memory-mapped file and each stage (sub-sampling, each conformer block, the
embedder, each quarter of a conformer block) is its own graph, so the file pages of its
matrices can be handed back after it ran.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np

from app.core.gemma3n_audio.embedder import END_OF_AUDIO_ROW, AudioEmbedder
from app.core.gemma3n_audio.encoder import EncoderFacts, fill_prompt_slots
from app.core.gemma3n_audio.features import MelFeatures, padded_clip
from app.core.gemma3n_audio.ggml_api import (
    DEVICE_CPU, DEVICE_GPU, DEVICE_IGPU, GGML_TYPE_F32, Ggml, GgmlUnavailable, InitParams, load_ggml,
)
from app.core.gemma3n_audio.ggml_graph import (
    BLOCK_PARTS, AudioGraph, BlockInputs, ClipGeometry, block_input_arrays, clip_geometry, waveform_rows,
)
from app.core.gemma3n_audio.ggml_weights import BackendWeights
from app.core.gemma3n_audio.names import block_name
from app.core.gemma3n_audio.parallel import SliceRunner
from app.core.gemma3n_audio.settings import GEMMA3N_AUDIO, AudioEncoderSettings
from app.core.gemma3n_audio.weights import AudioProjectorWeights

PRECISIONS = ("f16", "q8_0")
_NODES_PER_STAGE = 160  # generous: the biggest stage (sub-sampling, 30 s) builds 113 nodes


@dataclass(frozen=True)
class _Stage:
    build: Callable[[AudioGraph, _GraphRun, int | None], int]
    matrices: tuple[str, ...]  # handed back to the kernel after the stage (CPU backend)


class GgmlAudioEncoder(EncoderFacts):
    """The audio tower and embedder of one projector file on one ggml backend.

    device: "gpu" (the first GPU ggml has), "cpu", or "best" (a GPU if there is one).
    precision: "f16" (the matrices as stored) or "q8_0" (quantised at load). Raises
    GgmlUnavailable when ggml cannot run it here (no such device, a missing op, an old library).
    Not thread-safe: use one per thread.
    """

    def __init__(self, weights: AudioProjectorWeights, settings: AudioEncoderSettings = GEMMA3N_AUDIO,
                 device: str = "best", threads: int | None = None, precision: str = "f16") -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"audio encoder precision must be one of {PRECISIONS}, not {precision!r}")
        self.check_mel_bins(weights, settings)
        self.weights, self.settings = weights, settings
        self._g = load_ggml()
        self._backend, self.device_name, self.on_cpu = _open_backend(self._g, device, threads)
        self._placed: BackendWeights | None = None
        self._allocator = 0
        try:
            self._placed = BackendWeights(self._g, self._backend, weights, settings.mel, zero_copy=self.on_cpu,
                                          quantize=precision == "q8_0")
            self._buffer_type = self._g.backend_get_default_buffer_type(self._backend)
            self._allocator = self._g.gallocr_new(self._buffer_type)
            projection = weights.shape_of("mm.a.input_projection.weight")
            self._embedder = AudioEmbedder(weights, settings.rms_norm_eps,
                                           np.empty(projection[0] * projection[1], np.float32), SliceRunner(1))
            self._check_supported()
        except BaseException:
            self.close()
            raise

    @classmethod
    def from_gguf(cls, path: Path | str, settings: AudioEncoderSettings = GEMMA3N_AUDIO,
                  device: str = "best", threads: int | None = None, precision: str = "f16") -> GgmlAudioEncoder:
        weights = AudioProjectorWeights(Path(path))
        try:
            return cls(weights, settings, device, threads, precision)
        except BaseException:
            weights.close()
            raise

    def encode_clip(self, samples_16k: np.ndarray) -> np.ndarray:
        """Mono float32 samples at 16 kHz (cut to 30 s) → (188, text_width) float32; the
        log-mel features are computed in the graph too. Raises AudioClipError like numpy's."""
        clip = padded_clip(samples_16k, self.settings.mel)
        rows = waveform_rows(clip.waveform, clip.frame_count, self.settings.mel)
        return self._encode(clip.frame_count, clip.mask, waveform=rows)

    def encode_features(self, features: MelFeatures) -> np.ndarray:
        """As encode_clip, from features already computed."""
        return self._encode(len(features.frames), features.mask, mel=features.frames)

    def _encode(self, mel_frames: int, mel_valid: np.ndarray, waveform: np.ndarray | None = None,
                mel: np.ndarray | None = None) -> np.ndarray:
        geometry = clip_geometry(mel_frames, self.weights.shape, self.settings)
        stride = int(np.prod([st for st, _ in self.settings.conv_strides]))
        indices = np.minimum(np.arange(geometry.frames) * stride, len(mel_valid) - 1)
        valid = mel_valid[indices]
        embeddings = self._run(self._stages(geometry, valid, waveform=waveform, mel=mel))
        padding = self._embedder.embed_row(self._embedder.padding_row)
        reduction = self.settings.reduction_factor
        return fill_prompt_slots(embeddings, valid[::reduction], padding, self.settings.soft_tokens_per_clip)

    def end_of_audio_embedding(self) -> np.ndarray:
        return self._embedder.embed_row(END_OF_AUDIO_ROW).copy()

    def padding_embedding(self) -> np.ndarray:
        return self._embedder.embed_row(self._embedder.padding_row).copy()

    def close(self) -> None:
        if self._allocator:
            self._g.gallocr_free(self._allocator)
            self._allocator = 0
        if self._placed is not None:
            self._placed.close()
            self._placed = None
        if self._backend:
            self._g.backend_free(self._backend)
            self._backend = 0
        self.weights.close()

    def __enter__(self) -> GgmlAudioEncoder:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # --- running the graph ------------------------------------------------------------------

    def _stages(self, geometry: ClipGeometry, valid: np.ndarray, waveform: np.ndarray | None = None,
                mel: np.ndarray | None = None) -> list[_Stage]:
        """The graph in stages; the first starts from the waveform's rows or from mel features."""
        shape = self.weights.shape
        last, reduction = shape.block_count - 1, self.settings.reduction_factor

        def subsample(graph: AudioGraph, run: _GraphRun, _: int | None) -> int:
            if waveform is not None:
                features = graph.log_mel(run.input(waveform), geometry.mel_frames, self.settings.mel)
            else:
                features = run.input(mel)
            return graph.subsample(features, geometry)

        def block_part(index: int, part: str) -> Callable[[AudioGraph, _GraphRun, int | None], int]:
            def build(graph: AudioGraph, run: _GraphRun, x: int | None) -> int:
                if run.block_inputs is None and part == "attention":
                    arrays = block_input_arrays(geometry, valid, shape.hidden_size)
                    run.block_inputs = BlockInputs(geometry, **{k: run.input(a) for k, a in arrays.items()})
                return graph.block_part(part, x, index, run.block_inputs, reduction if index == last else 1)
            return build

        def embed(graph: AudioGraph, run: _GraphRun, x: int | None) -> int:
            return graph.embed(x)

        return [
            _Stage(subsample, ("a.pre_encode.out.weight",)),
            *(_Stage(block_part(i, part), tuple(block_name(i, m) for m in matrices))
              for i in range(shape.block_count) for part, matrices in BLOCK_PARTS.items()),
            _Stage(embed, ()),
        ]

    def _run(self, stages: list[_Stage]) -> np.ndarray:
        if not self.on_cpu:  # one graph: no host round trips between the stages
            with self._one_graph(stages) as (run, x):
                return run.compute(x, self._allocator, self._backend)
        host, allocator = None, 0
        try:
            for index, stage in enumerate(stages):
                # The sub-sampling stage needs the most working memory (its first convolution's
                # output, 49 MB for 30 s); the blocks need less. Each gets its own, and each clip
                # lets go of both, so they are never held at once.
                if index < 2:
                    if allocator:
                        self._g.gallocr_free(allocator)
                    allocator = self._g.gallocr_new(self._buffer_type)
                if index == 1:
                    self._reserve(allocator, stages[1:1 + len(BLOCK_PARTS)], host)
                with self._graph_run(_NODES_PER_STAGE) as (graph, run):
                    x = None if host is None else run.input(host)
                    host = run.compute(stage.build(graph, run, x), allocator, self._backend)
                for name in stage.matrices:
                    self.weights.drop_pages(name)
        finally:
            if allocator:
                self._g.gallocr_free(allocator)
            _return_free_heap()
        return host

    def _reserve(self, allocator: int, stages: list[_Stage], host: np.ndarray) -> None:
        """Size the pool once for the largest of `stages` (one graph of them all, from `host`).

        A pool that grows frees its smaller buffer, which glibc keeps resident on its heap (see
        _return_free_heap) while the blocks go on with the bigger one."""
        with self._one_graph(stages, host) as (run, x):
            self._g.build_forward_expand(run.graph, x)
            if not self._g.gallocr_reserve(allocator, run.graph):
                raise MemoryError("ggml could not allocate the audio encoder's working memory")

    @contextmanager
    def _one_graph(self, stages: list[_Stage], host: np.ndarray | None = None) -> Iterator[tuple[_GraphRun, int]]:
        """`stages` built as one graph, from `host` or (the first stage) from the clip; gives its output."""
        with self._graph_run(len(stages) * _NODES_PER_STAGE) as (graph, run):
            x = None if host is None else run.input(host)
            for stage in stages:
                x = stage.build(graph, run, x)
            yield run, x

    @contextmanager
    def _graph_run(self, nodes: int) -> Iterator[tuple[AudioGraph, _GraphRun]]:
        run = _GraphRun(self._g, nodes)
        try:
            yield AudioGraph(self._g, run.ctx, self._placed.__getitem__, run.input,
                             self.weights.shape, self.settings), run
        finally:
            run.close()

    def _check_supported(self) -> None:
        """Build (not run) a 1-s clip's graph and ask the backend about every node in it."""
        frames = self.settings.mel.sample_rate // self.settings.mel.hop_length
        geometry = clip_geometry(frames, self.weights.shape, self.settings)
        rows = waveform_rows(np.zeros(frames * self.settings.mel.hop_length, np.float32), frames, self.settings.mel)
        stages = self._stages(geometry, np.ones(geometry.frames, bool), waveform=rows)
        with self._one_graph(stages) as (run, x):
            self._g.build_forward_expand(run.graph, x)
            for index in range(self._g.graph_n_nodes(run.graph)):
                node = self._g.graph_node(run.graph, index)
                if not self._g.backend_supports_op(self._backend, node):
                    raise GgmlUnavailable(
                        f"{self.device_name} cannot run ggml's {self._g.op_desc(node).decode()} op")


class _GraphRun:
    """One ggml context and graph: inputs recorded as they are made, set once allocated."""

    def __init__(self, ggml: Ggml, nodes: int) -> None:
        self._g = ggml
        size = nodes * 2 * ggml.tensor_overhead() + ggml.graph_overhead_custom(nodes, False)
        self.ctx = ggml.init(InitParams(size, None, True))
        if not self.ctx:
            raise GgmlUnavailable("ggml_init failed")
        self.graph = ggml.new_graph_custom(self.ctx, nodes, False)
        self._inputs: list[tuple[int, np.ndarray]] = []
        self.block_inputs: BlockInputs | None = None

    def input(self, array: np.ndarray) -> int:
        array = np.ascontiguousarray(array, dtype=np.float32)
        ne = array.shape[::-1] or (1,)
        maker = {1: self._g.new_tensor_1d, 2: self._g.new_tensor_2d, 3: self._g.new_tensor_3d,
                 4: self._g.new_tensor_4d}[len(ne)]
        tensor = maker(self.ctx, GGML_TYPE_F32, *ne)
        self._g.set_input(tensor)
        self._inputs.append((tensor, array))
        return tensor

    def compute(self, output: int, allocator: int, backend: int) -> np.ndarray:
        g = self._g
        g.set_output(output)
        g.build_forward_expand(self.graph, output)
        if not g.gallocr_alloc_graph(allocator, self.graph):
            raise MemoryError("ggml could not allocate the audio encoder's working memory")
        for tensor, array in self._inputs:
            if g.tensor(tensor).buffer:  # an input no node reads is not allocated
                g.backend_tensor_set(tensor, array.ctypes.data, 0, array.nbytes)
        status = g.backend_graph_compute(backend, self.graph)
        if status != 0:
            raise RuntimeError(f"ggml could not run the audio encoder (status {status})")
        ne = g.tensor(output).ne
        out = np.empty((ne[1] * ne[2] * ne[3], ne[0]), dtype=np.float32)
        g.backend_tensor_get(output, out.ctypes.data, 0, out.nbytes)
        return out

    def close(self) -> None:
        if self.ctx:
            self._g.free(self.ctx)
            self.ctx = 0
        self._inputs.clear()


def _return_free_heap() -> None:
    """Hand the C heap's free memory back to the kernel (glibc; elsewhere nothing to do).

    glibc raises its mmap threshold to the size of any block it unmapped, up to 32 MB: from the
    second clip on, a pool of less than that comes from the heap, and once freed stays resident,
    under the next clip's sub-sampling pool too (measured: +31 MB at that peak)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return getattr(ctypes.CDLL(None), "malloc_trim", None)  # musl has none


def _open_backend(g: Ggml, device: str, threads: int | None) -> tuple[int, str, bool]:
    """(backend, device label, is it the CPU backend) for "gpu", "cpu" or "best"."""
    if device not in ("gpu", "cpu", "best"):
        raise ValueError(f"unknown device {device!r}")
    devices = g.devices()
    gpus = [d for d in devices if d[1] in (DEVICE_GPU, DEVICE_IGPU)]
    cpus = [d for d in devices if d[1] == DEVICE_CPU]
    if device == "gpu" and not gpus:
        raise GgmlUnavailable("this llama-cpp-python has no GPU backend")
    chosen = (gpus or cpus)[0] if device != "cpu" else (cpus[0] if cpus else None)
    if chosen is None:
        raise GgmlUnavailable("ggml has no CPU backend")
    handle, kind, label = chosen
    backend = g.backend_dev_init(handle, None)
    if not backend:
        raise GgmlUnavailable(f"ggml could not start {label}")
    if kind == DEVICE_CPU:
        g.set_threads(backend, max(1, threads or os.cpu_count() or 1))
    return backend, label, kind == DEVICE_CPU
