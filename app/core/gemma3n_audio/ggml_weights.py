"""The audio encoder's weights placed on a ggml backend.

Matrices keep the type they are stored in (F16, or Q8_0 and other ggml types) and go to the
device as they are, or quantised to Q8_0 at load when asked (half the memory of F16). On the
CPU backend, unquantised, they are not copied at all: the tensors point into the
memory-mapped file, and the encoder hands each block's pages back after the block ran, so the
resident size stays near one block's weights. Norms, kernels and the few derived values (the
query scale, the transposed depthwise kernel) go in as float32.
"""

from __future__ import annotations

import gguf
import numpy as np

from app.core.gemma3n_audio.ggml_api import GGML_TYPE_F32, GGML_TYPE_Q8_0, Ggml, GgmlUnavailable, InitParams
from app.core.gemma3n_audio.features import MelSettings
from app.core.gemma3n_audio.ggml_graph import q_scale, spectrum_matrix
from app.core.gemma3n_audio.names import block_name, tensor_shapes
from app.core.gemma3n_audio.weights import AudioProjectorWeights

# Read only on the host (the hard embedding path), never by the graph.
_HOST_ONLY = frozenset({"mm.a.embedding.weight"})


def matrix_names(weights: AudioProjectorWeights) -> list[str]:
    return [name for name, dims in tensor_shapes(weights.shape).items()
            if len(dims) == 2 and name not in _HOST_ONLY]


class BackendWeights:
    """`weights[name]` → the ggml tensor of `name` on `backend`."""

    def __init__(self, ggml: Ggml, backend: int, weights: AudioProjectorWeights, mel: MelSettings,
                 zero_copy: bool, quantize: bool = False) -> None:
        self._g = ggml
        self._quantize = quantize
        zero_copy = zero_copy and not quantize
        self._tensors: dict[str, int] = {}
        self._contexts: list[int] = []
        self._buffers: list[int] = []
        self._file = weights.mapped_file() if zero_copy else None
        try:
            self._place_small(backend, weights, mel)
            self._place_matrices(backend, weights)
        except BaseException:
            self.close()
            raise

    def __getitem__(self, name: str) -> int:
        return self._tensors[name]

    def close(self) -> None:
        for buffer in self._buffers:
            self._g.backend_buffer_free(buffer)
        for ctx in self._contexts:
            self._g.free(ctx)
        self._buffers, self._contexts, self._file = [], [], None

    def _context(self, count: int) -> int:
        ctx = self._g.init(InitParams(count * self._g.tensor_overhead() + 1024, None, True))
        if not ctx:
            raise GgmlUnavailable("ggml_init failed")
        self._contexts.append(ctx)
        return ctx

    def _place_small(self, backend: int, weights: AudioProjectorWeights, mel: MelSettings) -> None:
        shape = weights.shape
        arrays: dict[str, np.ndarray] = {
            "features.spectrum": spectrum_matrix(mel),
            "features.mel_filters": mel.mel_filters.T,
        }
        for name, dims in tensor_shapes(shape).items():
            if len(dims) != 2 and not name.endswith(("per_dim_scale", "conv_dw.weight")):
                arrays[name] = weights.small(name)
        for block in range(shape.block_count):
            arrays[block_name(block, "q_scale")] = q_scale(weights.small(block_name(block, "per_dim_scale")),
                                                           shape.head_dim)
            kernel = weights.small(block_name(block, "conv_dw.weight"))  # (hidden, 1, kernel)
            arrays[block_name(block, "conv_dw_t")] = kernel[:, 0, :].T  # (kernel, hidden)
        ctx = self._context(len(arrays))
        for name, array in arrays.items():
            self._tensors[name] = _new_tensor(self._g, ctx, GGML_TYPE_F32, array.shape[::-1])
        buffer = self._g.backend_alloc_ctx_tensors(ctx, backend)
        if not buffer:
            raise GgmlUnavailable("cannot allocate the encoder's small weights on the backend")
        self._buffers.append(buffer)
        for name, array in arrays.items():
            data = np.ascontiguousarray(array, dtype=np.float32)
            self._g.backend_tensor_set(self._tensors[name], data.ctypes.data, 0, data.nbytes)

    def _place_matrices(self, backend: int, weights: AudioProjectorWeights) -> None:
        names = matrix_names(weights)
        ctx = self._context(len(names))
        for name in names:
            stored = weights.stored(name)
            rows, columns = stored.shape
            block, _ = gguf.GGML_QUANT_SIZES[stored.ggml_type]
            if columns % block:
                raise GgmlUnavailable(f"{name} is {stored.ggml_type.name} with rows ggml cannot split")
            if self._quantizes(stored):
                self._tensors[name] = _new_tensor(self._g, ctx, GGML_TYPE_Q8_0, (columns, rows))
                continue
            tensor = _new_tensor(self._g, ctx, int(stored.ggml_type), (columns, rows))
            if self._g.nbytes(tensor) != stored.n_bytes:
                raise GgmlUnavailable(f"{name}: ggml and the file disagree on its size")
            self._tensors[name] = tensor
        if self._file is not None:
            base = self._file.ctypes.data
            buffer = self._g.backend_cpu_buffer_from_ptr(base, self._file.nbytes)
            if not buffer:
                raise GgmlUnavailable("cannot wrap the mapped file in a ggml buffer")
            self._buffers.append(buffer)
            for name in names:
                if self._g.backend_tensor_alloc(buffer, self._tensors[name], base + weights.stored(name).offset):
                    raise GgmlUnavailable(f"cannot point {name} into the mapped file")
            return
        buffer = self._g.backend_alloc_ctx_tensors(ctx, backend)
        if not buffer:
            raise GgmlUnavailable("not enough device memory for the audio encoder's weights")
        self._buffers.append(buffer)
        file = weights.mapped_file()
        base = file.ctypes.data
        for name in names:
            stored = weights.stored(name)
            if self._quantizes(stored):
                self._set_quantized(self._tensors[name], weights.matrix(name, np.empty(int(np.prod(stored.shape)), np.float32)))
            else:
                self._g.backend_tensor_set(self._tensors[name], base + stored.offset, 0, stored.n_bytes)
            weights.drop_pages(name)
        del file

    def _quantizes(self, stored) -> bool:
        return (self._quantize and stored.ggml_type in (gguf.GGMLQuantizationType.F16, gguf.GGMLQuantizationType.F32)
                and stored.shape[-1] % gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType.Q8_0][0] == 0)

    def _set_quantized(self, tensor: int, matrix: np.ndarray) -> None:
        """ggml's own Q8_0 quantiser (the one llama.cpp's quantize tool uses), row blocks of 32."""
        matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        rows, columns = matrix.shape
        packed = np.empty(self._g.nbytes(tensor), np.uint8)
        written = self._g.quantize_chunk(GGML_TYPE_Q8_0, matrix.ctypes.data, packed.ctypes.data, 0, rows, columns, None)
        if written != packed.nbytes:
            raise GgmlUnavailable(f"ggml's Q8_0 quantiser wrote {written} bytes, not {packed.nbytes}")
        self._g.backend_tensor_set(tensor, packed.ctypes.data, 0, packed.nbytes)


def _new_tensor(g: Ggml, ctx: int, ggml_type: int, ne: tuple[int, ...]) -> int:
    ne = tuple(int(n) for n in ne) or (1,)
    maker = {1: g.new_tensor_1d, 2: g.new_tensor_2d, 3: g.new_tensor_3d, 4: g.new_tensor_4d}[len(ne)]
    tensor = maker(ctx, ggml_type, *ne)
    if not tensor:
        raise GgmlUnavailable("ggml could not create a tensor (context full)")
    return tensor


__all__ = ["BackendWeights", "matrix_names"]
