"""Writing large random-weight GGUF files quickly and in bounded memory, and copying a tokenizer
from one GGUF into another. Used by tests/model_factory_gemma3n.py and bench/replica.py."""

from __future__ import annotations

import json
import mmap
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import gguf
import numpy as np

Q = gguf.GGMLQuantizationType
Fields = dict[str, tuple[object, gguf.GGUFValueType]]

_SCALAR_FORMATS = {
    gguf.GGUFValueType.UINT8: "<B", gguf.GGUFValueType.INT8: "<b", gguf.GGUFValueType.UINT16: "<H",
    gguf.GGUFValueType.INT16: "<h", gguf.GGUFValueType.UINT32: "<I", gguf.GGUFValueType.INT32: "<i",
    gguf.GGUFValueType.FLOAT32: "<f", gguf.GGUFValueType.UINT64: "<Q", gguf.GGUFValueType.INT64: "<q",
    gguf.GGUFValueType.FLOAT64: "<d", gguf.GGUFValueType.BOOL: "<?",
}


# -- metadata ----------------------------------------------------------------------------------

def read_metadata(path: Path, prefix: str = "") -> Fields:
    """Every metadata key of a GGUF that starts with `prefix`, with its value type (arrays of
    numbers as numpy arrays, arrays of strings as lists of bytes).

    gguf.GGUFReader builds a numpy view per array element (20–45 s for Gemma's 262k tokens on
    two cores); walking the metadata directly takes well under a second.
    """
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        offset = 24
        n_kv = struct.unpack_from("<Q", data, 16)[0]
        fields: Fields = {}

        def string() -> bytes:
            nonlocal offset
            (length,) = struct.unpack_from("<Q", data, offset)
            offset += 8 + length
            return data[offset - length : offset]

        def value(kind: gguf.GGUFValueType):
            nonlocal offset
            if kind == gguf.GGUFValueType.STRING:
                return string()
            if kind in _SCALAR_FORMATS:
                layout = _SCALAR_FORMATS[kind]
                offset += struct.calcsize(layout)
                return struct.unpack_from(layout, data, offset - struct.calcsize(layout))[0]
            element, length = struct.unpack_from("<IQ", data, offset)
            offset += 12
            element = gguf.GGUFValueType(element)
            if element in _SCALAR_FORMATS:
                dtype = np.dtype(_SCALAR_FORMATS[element])
                array = np.frombuffer(data, dtype=dtype, count=length, offset=offset).copy()
                offset += dtype.itemsize * length
                return array
            return [value(element) for _ in range(length)]

        for _ in range(n_kv):
            key = string().decode()
            (kind,) = struct.unpack_from("<I", data, offset)
            offset += 4
            kind = gguf.GGUFValueType(kind)
            parsed = value(kind)
            if key.startswith(prefix):
                fields[key] = (parsed, kind)
        return fields


def save_tokenizer(gguf_path: Path, npz_path: Path) -> Path:
    """The `tokenizer.*` keys of a GGUF in a small .npz (1.7 MB for Gemma's), for machines that
    lack the GGUF itself."""
    arrays, scalars = {}, {}
    for key, (item, kind) in read_metadata(Path(gguf_path), "tokenizer.").items():
        if key == "tokenizer.ggml.tokens":
            arrays["token_bytes"] = np.frombuffer(b"".join(item), dtype=np.uint8)
            arrays["token_lengths"] = np.array([len(token) for token in item], dtype=np.int32)
        elif isinstance(item, np.ndarray):
            arrays[key] = item
        elif kind != gguf.GGUFValueType.ARRAY:
            scalars[key] = [item.decode() if isinstance(item, bytes) else item, int(kind)]
    np.savez_compressed(npz_path, scalars=np.array(json.dumps(scalars)), **arrays)
    return Path(npz_path)


def read_tokenizer(source: Path) -> Fields:
    """The `tokenizer.*` keys of a GGUF, or of an .npz written by `save_tokenizer`."""
    if source.suffix != ".npz":
        return read_metadata(source, "tokenizer.")
    with np.load(source) as saved:
        lengths = saved["token_lengths"].tolist()
        blob = saved["token_bytes"].tobytes()
        ends = np.cumsum(lengths).tolist()
        fields: Fields = {"tokenizer.ggml.tokens": ([blob[end - n : end] for end, n in zip(ends, lengths)],
                                                    gguf.GGUFValueType.ARRAY)}
        for key in saved.files:
            if key.startswith("tokenizer."):
                fields[key] = (saved[key], gguf.GGUFValueType.ARRAY)
        for key, (item, kind) in json.loads(str(saved["scalars"])).items():
            fields[key] = (item, gguf.GGUFValueType(kind))
    return fields


def add_tokenizer(writer: gguf.GGUFWriter, tokens: list[bytes], scores: np.ndarray, types: np.ndarray,
                  scalars: Fields) -> None:
    writer.add_token_list(tokens)
    writer.add_token_scores(np.asarray(scores, np.float32).tolist())
    writer.add_token_types(np.asarray(types, np.int32).tolist())
    for key, (item, kind) in scalars.items():
        if kind == gguf.GGUFValueType.ARRAY or key == "tokenizer.chat_template":
            continue
        writer.add_key_value(key, item.decode() if isinstance(item, bytes) else item, kind)


# -- tensors -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RandomTensor:
    name: str
    shape: tuple[int, ...]  # numpy order: the gguf writer reverses it into ggml's ne
    kind: str  # "norm" (ones), "small" (random F32) or "matrix" (random, F16 or quantized)
    ggml_type: gguf.GGMLQuantizationType

    @property
    def n_bytes(self) -> int:
        block, type_size = gguf.GGML_QUANT_SIZES[self.ggml_type]
        return int(np.prod(self.shape)) // block * type_size


# Where the f16 scales sit in a block of each k-quant (gguf-py can only quantize the simple types).
_K_QUANT_SCALES = {Q.Q4_K: (0, 2), Q.Q5_K: (0, 2), Q.Q6_K: (208,), Q.Q2_K: (80, 82), Q.Q3_K: (108,)}


class RandomSource:
    """Random values drawn once and reused, so writing gigabytes costs only the disk time."""

    POOL = 1 << 24  # 16 Mi values: 32 MB as F16

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.f16 = (self.rng.standard_normal(self.POOL, dtype=np.float32) * 0.02).astype(np.float16)
        self._blocks: dict[gguf.GGMLQuantizationType, np.ndarray] = {}

    def chunks(self, tensor: RandomTensor, chunk_bytes: int = 64 << 20) -> Iterator[np.ndarray]:
        count = int(np.prod(tensor.shape))
        if tensor.kind == "norm":
            yield np.ones(count, np.float32)
        elif tensor.kind == "small" or tensor.ggml_type == Q.F32:
            yield (self.rng.standard_normal(count, dtype=np.float32) * 0.1).astype(np.float32)
        elif tensor.ggml_type == Q.F16:
            start = zlib.crc32(tensor.name.encode()) % self.POOL
            yield from _cycle(self.f16, count, chunk_bytes // 2, start - start % 256)
        else:
            yield from _cycle(self._block_pool(tensor.ggml_type), tensor.n_bytes, chunk_bytes, 0)

    def _block_pool(self, ggml_type: gguf.GGMLQuantizationType) -> np.ndarray:
        """4096 × 256 values' worth of valid blocks; the stream of tensor bytes repeats them."""
        if ggml_type not in self._blocks:
            if ggml_type in _K_QUANT_SCALES:
                _block, type_size = gguf.GGML_QUANT_SIZES[ggml_type]
                blocks = self.rng.integers(0, 256, size=(4096, type_size), dtype=np.uint8)
                scale = np.frombuffer(np.float16(0.002).tobytes(), np.uint8)
                for offset in _K_QUANT_SCALES[ggml_type]:
                    blocks[:, offset : offset + 2] = scale
            else:
                sample = self.f16[: 1 << 20].astype(np.float32).reshape(-1, 256)
                blocks = gguf.quants.quantize(sample, ggml_type)
            self._blocks[ggml_type] = blocks.reshape(-1)
        return self._blocks[ggml_type]


def _cycle(pool: np.ndarray, count: int, chunk: int, position: int) -> Iterator[np.ndarray]:
    # The pool holds whole blocks, so wrapping around it keeps the stream block-aligned.
    while count > 0:
        size = min(count, chunk, len(pool) - position)
        yield pool[position : position + size]
        count -= size
        position = (position + size) % len(pool)


def write_random_gguf(path: Path, arch: str, tensors: list[RandomTensor],
                      add_metadata: Callable[[gguf.GGUFWriter], None], seed: int = 0) -> Path:
    """A GGUF with the metadata `add_metadata` writes and random data for `tensors`."""
    writer = gguf.GGUFWriter(str(path), arch)
    add_metadata(writer)
    for tensor in tensors:
        if tensor.ggml_type in (Q.F32, Q.F16):
            dtype = np.float32 if tensor.ggml_type == Q.F32 else np.float16
            writer.add_tensor_info(tensor.name, tensor.shape, np.dtype(dtype), tensor.n_bytes)
        else:
            writer.add_tensor_info(tensor.name, tensor.shape, np.dtype(np.float32), tensor.n_bytes,
                                   raw_dtype=tensor.ggml_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    source = RandomSource(seed)
    handle = writer.fout[0]
    # GGUFWriter.write_tensor_data needs each tensor whole in memory (4 GB for Gemma 3n E2B's
    # per-layer table), so the data goes out in chunks, with the writer's own alignment padding.
    for tensor in tensors:
        writer.write_padding(handle, handle.tell())
        written = 0
        for chunk in source.chunks(tensor):
            chunk.tofile(handle)
            written += chunk.nbytes
        writer.write_padding(handle, written)
    writer.close()
    return Path(path)


def quantize(source: Path, target: Path, file_type: str = "Q4_K_M", n_threads: int = 0) -> None:
    """llama.cpp's own quantizer, as `llama-quantize` runs it."""
    from llama_cpp import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{file_type}")
    params.nthread = n_threads or (os.cpu_count() or 2)
    result = llama_cpp.llama_model_quantize(str(source).encode(), str(target).encode(), params)
    if result != 0:
        raise RuntimeError(f"llama_model_quantize({source.name} → {file_type}) returned {result}")


def write_once(target: Path, write: Callable[[Path], object]) -> Path:
    """`target`, written by `write(partial_path)` unless it exists; atomic against interruption."""
    if target.exists():
        return target
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        write(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
