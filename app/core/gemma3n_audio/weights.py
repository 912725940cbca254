"""The Gemma 3n audio encoder's weights in a projector GGUF, memory-mapped and read on use.

The F16 matrices (1.4 GB for the real encoder) are never all in float32 at once: each one is
converted into a reusable float32 buffer just before its matmul. Read pages are handed back to
the kernel afterwards, so the file does not pile up in the process's resident memory either.
Quantized (and BF16) tensors are dequantized with the `gguf` package's own routines.
"""

from __future__ import annotations

import mmap
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import gguf
import numpy as np
from gguf import GGMLQuantizationType

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.gemma3n_audio.half import HALF_BLOCK, half_to_float
from app.core.gemma3n_audio.names import EncoderShape, all_gguf_names, block_name, tensor_shapes
from app.core.gemma3n_audio.parallel import SliceRunner
from app.core.errors import UserError

_PAGE = mmap.ALLOCATIONGRANULARITY
_NATIVE = {GGMLQuantizationType.F32: np.float32, GGMLQuantizationType.F16: np.float16}


class AudioProjectorError(UserError, ValueError):
    """A file that holds no usable Gemma 3n audio encoder; the message names the file."""


@dataclass(frozen=True)
class StoredTensor:
    name: str
    shape: tuple[int, ...]  # numpy order (ggml order reversed)
    ggml_type: GGMLQuantizationType
    offset: int  # absolute, in the file
    n_bytes: int


class AudioProjectorWeights:
    """Open `path` and check it holds a complete `gemma3na` audio encoder."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._tensors, keys = _read_table(self.path)
        self.shape = _encoder_shape(self.path.name, self._tensors, keys)
        self._check_types()
        self._file = self.path.open("rb")
        try:
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            self._file.close()
            raise AudioProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Cannot map {name}: {exc}",
                ),
                name=self.path.name, exc=exc,
            ) from exc
        self._small: dict[str, np.ndarray] = {}

    def small(self, name: str) -> np.ndarray:
        """A norm, scale, convolution kernel or the audio vocabulary, float32, kept in memory."""
        cached = self._small.get(name)
        if cached is None:
            cached = self._small[name] = self._to_float32(self._tensors[name], out=None)
        return cached

    def matrix(self, name: str, out: np.ndarray, runner: SliceRunner | None = None) -> np.ndarray:
        """`name` as float32, written into (a prefix of) the flat buffer `out` where it can be;
        `runner` spreads an F16 conversion over its threads."""
        return self._to_float32(self._tensors[name], out=out, runner=runner)

    def shape_of(self, name: str) -> tuple[int, ...]:
        return self._tensors[name].shape

    def stored(self, name: str) -> StoredTensor:
        """Where and how `name` is stored (for a caller that reads the mapped bytes itself)."""
        return self._tensors[name]

    def mapped_file(self) -> np.ndarray:
        """The whole file, memory-mapped, as read-only uint8 (hold it only while the weights are open)."""
        return np.frombuffer(self._map, dtype=np.uint8)

    def drop_pages(self, name: str) -> None:
        """Hand the pages holding `name` back to the kernel: lowers resident memory only."""
        self._drop_pages(self._tensors[name])

    def largest_matrix_size(self) -> int:
        return max(int(np.prod(t.shape)) for t in self._tensors.values())

    def close(self) -> None:
        self._small.clear()
        if not self._map.closed:
            try:
                self._map.close()
            except BufferError:  # a caller still holds a view; the map goes with it
                pass
        self._file.close()

    def __enter__(self) -> AudioProjectorWeights:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def _to_float32(self, tensor: StoredTensor, out: np.ndarray | None,
                    runner: SliceRunner | None = None) -> np.ndarray:
        raw = np.frombuffer(self._map, dtype=np.uint8, count=tensor.n_bytes, offset=tensor.offset)
        native = _NATIVE.get(tensor.ggml_type)
        if native is None:
            rows = int(np.prod(tensor.shape[:-1]))
            result = gguf.quants.dequantize(raw.reshape(rows, -1), tensor.ggml_type)
            result = result.reshape(tensor.shape).astype(np.float32, copy=False)
        else:
            stored = raw.view(native)
            size = stored.size
            target = np.empty(size, np.float32) if out is None or out.size < size else out[:size]
            if native is np.float16 and runner is not None:
                runner.run(lambda start, stop: half_to_float(stored[start:stop], target[start:stop]),
                           size, align=HALF_BLOCK)
            elif native is np.float16:
                half_to_float(stored, target)
            else:
                np.copyto(target, stored)
            result = target.reshape(tensor.shape)
        del raw
        self._drop_pages(tensor)
        return result

    def _drop_pages(self, tensor: StoredTensor) -> None:
        # The mapping is read-only and file-backed: dropping its pages only lowers our resident
        # size; the kernel keeps them in its page cache for the next clip.
        if not hasattr(self._map, "madvise") or sys.platform == "win32":
            return
        start = tensor.offset - tensor.offset % _PAGE
        try:
            self._map.madvise(mmap.MADV_DONTNEED, start, tensor.offset + tensor.n_bytes - start)
        except (OSError, ValueError, AttributeError):
            pass

    def _check_types(self) -> None:
        for ggml_type in {t.ggml_type for t in self._tensors.values()}:
            if ggml_type in _NATIVE:
                continue
            _, type_size = gguf.GGML_QUANT_SIZES[ggml_type]
            try:
                gguf.quants.dequantize(np.zeros((1, type_size), dtype=np.uint8), ggml_type)
            except (NotImplementedError, ValueError, KeyError) as exc:
                raise AudioProjectorError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "{name} stores audio weights as {name_2}, which this app cannot read "
                        "yet.",
                    ),
                    name=self.path.name, name_2=ggml_type.name,
                ) from exc


def _read_table(path: Path) -> tuple[dict[str, StoredTensor], dict[str, object]]:
    name = path.name
    try:
        reader = gguf.GGUFReader(path, "r")
    except OSError as exc:
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot read {name}: {value}.",
            ),
            name=name, value=exc.strerror or exc,
        ) from exc
    except Exception as exc:  # the reader raises ValueError, IndexError, struct.error… on junk
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is not a GGUF file, or it is damaged.",
            ),
            name=name,
        ) from exc
    keys: dict[str, object] = {}
    for key, field in reader.fields.items():
        if key.startswith(("clip.", "general.architecture")) and field.types and \
                field.types[0] != gguf.GGUFValueType.ARRAY:
            keys[key] = field.contents()
    tensors = {
        t.name: StoredTensor(
            name=t.name,
            shape=tuple(int(n) for n in reversed(t.shape.tolist())),
            ggml_type=GGMLQuantizationType(int(t.tensor_type)),
            offset=int(t.data_offset),
            n_bytes=int(t.n_bytes),
        )
        for t in reader.tensors
    }
    return tensors, keys


def _encoder_shape(name: str, tensors: dict[str, StoredTensor], keys: dict[str, object]) -> EncoderShape:
    if keys.get("general.architecture") not in (None, "clip"):
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is a language model, not a projector (mmproj) file.",
            ),
            name=name,
        )
    audio_type = keys.get("clip.audio.projector_type") or keys.get("clip.projector_type")
    if not keys.get("clip.has_audio_encoder") or audio_type != "gemma3na":
        what = f"a {audio_type} audio encoder" if keys.get("clip.has_audio_encoder") else "no audio encoder"
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} has {what}, not Gemma 3n's (gemma3na).",
            ),
            name=name, what=what,
        )

    def need(tensor: str) -> tuple[int, ...]:
        if tensor not in tensors:
            raise AudioProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} is incomplete: it has no {tensor} tensor.",
                ),
                name=name, tensor=tensor,
            )
        return tensors[tensor].shape

    block_count = int(keys.get("clip.audio.block_count") or 0)
    head_count = int(keys.get("clip.audio.attention.head_count") or 0)
    if block_count < 1 or head_count < 1:
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} does not say how many audio blocks or heads it has.",
            ),
            name=name,
        )
    for tensor in all_gguf_names(block_count):
        need(tensor)
    try:
        c0, _, *kernel0 = need("a.conv1d.0.weight")
        c1, _, *kernel1 = need("a.conv1d.1.weight")
        hidden, flattened = need("a.pre_encode.out.weight")
        feed_forward, _ = need(block_name(0, "ffn_up.weight"))
        *_, conv_kernel = need(block_name(0, "conv_dw.weight"))
        vocab, _ = need("mm.a.embedding.weight")
        text_width, _ = need("mm.a.input_projection.weight")
        (kt0, kf0), (kt1, kf1) = kernel0, kernel1
    except ValueError as exc:
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name}: its audio tensors do not have Gemma 3n's shapes.",
            ),
            name=name,
        ) from exc
    shape = EncoderShape(
        block_count=block_count, hidden_size=hidden, head_count=head_count,
        feed_forward_size=feed_forward, conv_kernel_size=conv_kernel,
        sscp_channels=(c0, c1), sscp_kernels=((kt0, kf0), (kt1, kf1)),
        sscp_output_size=flattened, mel_bins=int(keys.get("clip.audio.num_mel_bins") or 128),
        audio_vocab_size=vocab, text_width=text_width,
    )
    if hidden % head_count:
        raise AudioProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name}: width {hidden} does not split into {head_count} heads.",
            ),
            name=name, hidden=hidden, head_count=head_count,
        )
    for tensor, dims in tensor_shapes(shape).items():
        if tensors[tensor].shape != dims:
            raise AudioProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name}: {tensor} has shape {shape}, expected {dims}.",
                ),
                name=name, tensor=tensor, shape=tensors[tensor].shape, dims=dims,
            )
    return shape
