"""A fast reader for a GGUF file's metadata and tensor table, without the tensor data.

`gguf.GGUFReader` builds a numpy view for every element of every array; on a Gemma tokenizer
(262,144 strings, scores and types) that takes 10–25 s on two cores, which is too slow to run on
every model load and every scan of the models folder. This walks the same layout (using the `gguf`
package's own constants) and keeps big arrays as their length only. Use GGUFReader where tensor
data or whole arrays are needed.
"""

from __future__ import annotations

import functools
import mmap
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError

if TYPE_CHECKING:
    from gguf.constants import GGMLQuantizationType, GGUFValueType

_SMALL_ARRAY = 64
_LENGTH_AND_FIRST_BYTE = struct.Struct("<QB")
# The first characters of the strings a big string array keeps (ArrayInfo.bracketed): a
# vocabulary's marker tokens start with them (`<start_of_image>`, `[multimodal]`), so the model
# checks find the marker-shaped few there and the engine asks llama.cpp about those alone, not
# about each of 262,144 tokens.
BRACKETS = "<["
_BRACKET_BYTES = frozenset(BRACKETS.encode())


class GGUFFormatError(UserError, ValueError):
    pass


@functools.cache
def gguf_constants():
    """The `gguf` package's constants, imported on the first header read: importing `gguf` brings
    its writer and yaml along (30 ms on two cores), and a known model's load reads no header."""
    from gguf import constants

    return constants


@functools.cache
def _scalars() -> dict:
    kind = gguf_constants().GGUFValueType
    return {
        kind.UINT8: "<B", kind.INT8: "<b", kind.UINT16: "<H", kind.INT16: "<h", kind.UINT32: "<I",
        kind.INT32: "<i", kind.FLOAT32: "<f", kind.UINT64: "<Q", kind.INT64: "<q", kind.FLOAT64: "<d",
        kind.BOOL: "<?",
    }


@dataclass(frozen=True)
class ArrayInfo:
    """A metadata array longer than a few items: its element type and length, values not read."""

    element_type: GGUFValueType
    length: int
    # Strings only: (index, text) of each element that starts with one of BRACKETS.
    bracketed: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]  # ggml order (ne0 first)
    ggml_type: GGMLQuantizationType
    offset: int  # absolute, in the file
    n_bytes: int


@dataclass(frozen=True)
class GGUFHeader:
    version: int
    fields: dict[str, Any]
    tensors: list[TensorInfo]

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    @property
    def data_end(self) -> int:
        return max((t.offset + t.n_bytes for t in self.tensors), default=0)


def read_header(path: Path) -> GGUFHeader:
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            return _Walker(data).read()
        except (struct.error, IndexError) as error:
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "the header runs past the end of the file ({size:,} bytes)",
                ),
                size=len(data),
            ) from error
        except UnicodeDecodeError as error:
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP("UserError", "a name in the header is not UTF-8 text"),
            ) from error


class _Walker:
    def __init__(self, data: mmap.mmap) -> None:
        self.data = data
        self.offset = 0
        self.gguf = gguf_constants()
        self.scalars = _scalars()

    def read(self) -> GGUFHeader:
        magic, version = self._unpack("<II")
        if magic != self.gguf.GGUF_MAGIC:
            raise GGUFFormatError(QT_TRANSLATE_NOOP("UserError", "not a GGUF file"))
        if version not in (2, 3):
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "GGUF version {version} is not supported",
                ),
                version=version,
            )
        tensor_count, kv_count = self._unpack("<QQ")
        if tensor_count > 1_000_000 or kv_count > 1_000_000:
            raise GGUFFormatError(QT_TRANSLATE_NOOP("UserError", "implausible tensor or key count"))
        fields = {}
        for _ in range(kv_count):
            key = self._string()
            (value_type,) = self._unpack("<I")
            fields[key] = self._value(self.gguf.GGUFValueType(value_type))
        infos = [self._tensor_info() for _ in range(tensor_count)]
        alignment = fields.get("general.alignment", self.gguf.GGUF_DEFAULT_ALIGNMENT)
        if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
            # llama.cpp divides by it (and asserts it is a power of two).
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "its general.alignment is {alignment!r}, not a power of two",
                ),
                alignment=alignment,
            )
        data_start = -(-self.offset // alignment) * alignment
        tensors = [TensorInfo(name, shape, kind, data_start + offset, size) for name, shape, kind, offset, size in infos]
        return GGUFHeader(version, fields, tensors)

    def _unpack(self, layout: str):
        values = struct.unpack_from(layout, self.data, self.offset)
        self.offset += struct.calcsize(layout)
        return values

    def _string(self) -> str:
        (length,) = self._unpack("<Q")
        if self.offset + length > len(self.data):
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "a string runs past the end of the file",
                ))
        text = self.data[self.offset : self.offset + length].decode("utf-8")
        self.offset += length
        return text

    def _value(self, value_type: GGUFValueType) -> Any:
        kinds = self.gguf.GGUFValueType
        if value_type == kinds.STRING:
            return self._string()
        if value_type in self.scalars:
            return self._unpack(self.scalars[value_type])[0]
        if value_type == kinds.ARRAY:
            element_type, length = self._unpack("<IQ")
            element_type = kinds(element_type)
            if length <= _SMALL_ARRAY:
                return [self._value(element_type) for _ in range(length)]
            if element_type == kinds.STRING:
                return ArrayInfo(element_type, length, self._skip_strings(length))
            self._skip_array(element_type, length)
            return ArrayInfo(element_type, length)
        raise GGUFFormatError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "unknown metadata type {value_type}",
            ),
            value_type=value_type,
        )

    def _skip_array(self, element_type: GGUFValueType, length: int) -> None:
        if element_type in self.scalars:
            self.offset += struct.calcsize(self.scalars[element_type]) * length
        else:
            for _ in range(length):
                self._value(element_type)
        self._check_inside()

    def _skip_strings(self, length: int) -> tuple[tuple[int, str], ...]:
        """Step over `length` strings (one struct call each: this loop is most of a Gemma header's
        reading time); the bracketed ones are kept."""
        unpack, data, offset, starts = _LENGTH_AND_FIRST_BYTE.unpack_from, self.data, self.offset, []
        for index in range(length):
            size, first = unpack(data, offset)  # `first` is the next field's byte when size is 0
            if size and first in _BRACKET_BYTES:
                starts.append((index, offset + 8, size))
            offset += 8 + size
        self.offset = offset
        self._check_inside()
        return tuple((index, data[start:start + size].decode("utf-8", "replace")) for index, start, size in starts)

    def _check_inside(self) -> None:
        if self.offset > len(self.data):
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "an array runs past the end of the file",
                ))

    def _tensor_info(self):
        name = self._string()
        (n_dims,) = self._unpack("<I")
        if n_dims > 8:
            raise GGUFFormatError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "tensor {name} has {n_dims} dimensions",
                ),
                name=name, n_dims=n_dims,
            )
        shape = self._unpack(f"<{n_dims}Q")
        raw_type, offset = self._unpack("<IQ")
        kind = self.gguf.GGMLQuantizationType(raw_type)
        block_size, type_size = self.gguf.GGML_QUANT_SIZES[kind]
        elements = 1
        for size in shape:
            elements *= size
        return name, tuple(shape), kind, offset, elements * type_size // block_size
