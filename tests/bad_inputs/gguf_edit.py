"""Copies of GGUF files with chosen changes, for the bad-input corpus.

`edit_model_metadata` re-encodes only the metadata of a (large) model and copies its tensor table
and data unchanged, so a damaged copy of the 270M model costs a file copy. `edit_small_gguf`
rewrites a small file (a generated projector) through `gguf.GGUFReader`: keys set or dropped,
tensors dropped, replaced or transposed.
"""

from __future__ import annotations

import mmap
import shutil
import struct
from pathlib import Path
from typing import Any

import gguf
import numpy as np

from app.core.models.gguf_header import _Walker, read_header
from tests.random_gguf import _SCALAR_FORMATS, read_metadata

V = gguf.GGUFValueType
_DTYPE_TYPES = {np.dtype(layout): kind for kind, layout in _SCALAR_FORMATS.items()}


def edit_model_metadata(source: Path, target: Path, changes: dict[str, tuple[Any, V] | None],
                        alignment_for_layout: int | None = None) -> Path:
    """`source` with metadata keys set ((value, type)) or dropped (None); tensors untouched.

    The data start is aligned to `alignment_for_layout` (default: the alignment the new metadata
    declares, 32 when it declares none or a useless one)."""
    fields = read_metadata(source)
    for key, change in changes.items():
        if change is None:
            fields.pop(key, None)
        else:
            fields[key] = change
    version, tensor_count, table, data_start = _tensor_table(source)
    declared = fields.get("general.alignment", (32, V.UINT32))[0]
    alignment = alignment_for_layout or (int(declared) if int(declared) > 0 else 32)
    header = bytearray(b"GGUF" + struct.pack("<IQQ", version, tensor_count, len(fields)))
    for key, (value, kind) in fields.items():
        header += _string(key.encode()) + struct.pack("<I", kind) + _value(value, kind)
    header += table
    header += b"\x00" * (-len(header) % alignment)
    with open(source, "rb") as src, open(target, "wb") as dst:
        dst.write(header)
        src.seek(data_start)
        shutil.copyfileobj(src, dst, 16 << 20)
    return Path(target)


def _tensor_table(path: Path) -> tuple[int, int, bytes, int]:
    """(version, tensor count, the tensor table's bytes, where the aligned data starts)."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        walker = _Walker(data)
        _magic, version, tensor_count, kv_count = walker._unpack("<IIQQ")
        for _ in range(kv_count):
            walker._string()
            (kind,) = walker._unpack("<I")
            walker._value(V(kind))
        table_start = walker.offset
        for _ in range(tensor_count):
            walker._tensor_info()
        table = bytes(data[table_start:walker.offset])
    data_start = min(tensor.offset for tensor in read_header(path).tensors)
    return version, tensor_count, table, data_start


def _string(raw: bytes) -> bytes:
    return struct.pack("<Q", len(raw)) + raw


def _value(value: Any, kind: V) -> bytes:
    if kind == V.STRING:
        return _string(value if isinstance(value, bytes) else str(value).encode())
    if kind in _SCALAR_FORMATS:
        return struct.pack(_SCALAR_FORMATS[kind], value)
    if isinstance(value, np.ndarray):
        element = _DTYPE_TYPES[value.dtype.newbyteorder("<") if value.dtype.byteorder == ">" else value.dtype]
        return struct.pack("<IQ", element, len(value)) + value.astype(value.dtype.newbyteorder("<")).tobytes()
    items = list(value)
    return struct.pack("<IQ", V.STRING, len(items)) + b"".join(
        _string(item if isinstance(item, bytes) else str(item).encode()) for item in items)


def edit_small_gguf(source: Path, target: Path, *, set_uint32: dict[str, int] | None = None,
                    drop_tensors: tuple[str, ...] = (), transpose: tuple[str, ...] = (),
                    replace: dict[str, np.ndarray] | None = None) -> Path:
    """A rewritten copy of a small GGUF (a generated projector) with the given changes."""
    reader = gguf.GGUFReader(source)
    architecture = str(reader.get_field("general.architecture").contents())
    writer = gguf.GGUFWriter(str(target), architecture)
    set_uint32 = dict(set_uint32 or {})
    for key, field in reader.fields.items():
        if key.startswith("GGUF.") or key == "general.architecture":
            continue
        if key in set_uint32:
            writer.add_uint32(key, set_uint32.pop(key))
            continue
        kind = field.types[0]
        if kind == V.ARRAY:
            writer.add_array(key, field.contents())
        else:
            writer.add_key_value(key, field.contents(), kind)
    for key, value in set_uint32.items():
        writer.add_uint32(key, value)
    for tensor in reader.tensors:
        if tensor.name in drop_tensors:
            continue
        data = np.array(tensor.data).reshape([int(n) for n in reversed(tensor.shape)])
        if tensor.name in transpose:
            data = np.ascontiguousarray(data.T)
        if replace and tensor.name in replace:
            data = replace[tensor.name]
        writer.add_tensor(tensor.name, data)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return Path(target)
