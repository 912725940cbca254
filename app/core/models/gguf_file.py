"""Reading and validating model GGUF files in Python, before llama.cpp ever opens them.

llama.cpp aborts the whole process on some malformed files (GGML_ASSERT), so every file the user
hands us is checked here first and refused with a message that names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.file_checks import regular_file_size
from app.core.models.gguf_header import BRACKETS, ArrayInfo, GGUFHeader, read_header
from app.core.errors import UserError

SUPPORTED_ARCHITECTURES = ("gemma3n", "gemma3", "gemma4")
LLAMA_MAX_LAYERS = 512  # src/llama-hparams.h: more blocks overrun fixed arrays (abort)
# No GGUF model declares more; llama-cpp-python turns a length near 2**32 into a negative array.
MAX_CONTEXT_LENGTH = 1 << 24
# The shapes of Gemma's markers: `<start_of_image>`, `<end_of_audio>`, `<image_soft_token>`
# (Gemma 3/3n), `<|turn>`, `<turn|>`, `<|image|>`, `<|"|>` (Gemma 4), `[multimodal]` (Gemma 3).
# Each starts with one of gguf_header.BRACKETS, whose tokens the header reader keeps.
MARKER_SHAPE = re.compile(r"<\|[^<>]*>|<[^<>]*\|>|<(?:start|end)_of_\w+>|<\w*soft_token>|\[multimodal\]")


class ModelFileError(UserError):
    """A model file that cannot be used; the message is meant for the user."""


@dataclass(frozen=True)
class ModelFileInfo:
    path: Path
    architecture: str
    name: str
    context_length: int
    embedding_length: int
    block_count: int
    file_type: str
    size_bytes: int
    tensor_bytes: int
    has_chat_template: bool
    # (id, text) of the vocabulary's tokens shaped like a marker, as the file spells them: the
    # ones the engine's plain-text tokenizer asks llama.cpp about. None: not known.
    marker_tokens: tuple[tuple[int, str], ...] | None = field(default=None, compare=False)

    @property
    def family_label(self) -> str:
        return {"gemma3n": "Gemma 3n", "gemma3": "Gemma 3", "gemma4": "Gemma 4"}[self.architecture]


def open_gguf(path: Path) -> GGUFHeader:
    """Read a GGUF's metadata and tensor table, turning every failure into a ModelFileError."""
    path = Path(path)
    size = regular_file_size(path, ModelFileError, QT_TRANSLATE_NOOP("UserError", "a GGUF model file"))
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot read {path}: {value}.",
            ),
            path=path, value=error.strerror or error,
        ) from error
    if magic != b"GGUF":
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is not a GGUF file (it does not start with 'GGUF').",
            ),
            name=path.name,
        )
    if size < 24:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is too small to be a GGUF model file.",
            ),
            name=path.name,
        )
    try:
        header = read_header(path)
    except (ValueError, OverflowError) as error:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is damaged or truncated: {error}",
            ),
            name=path.name, error=error,
        ) from error
    _check_tensor_data_present(path, header)
    return header


def _check_tensor_data_present(path: Path, header: GGUFHeader) -> None:
    if not header.tensors:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} holds no tensors.",
            ),
            name=path.name,
        )
    size = path.stat().st_size
    if header.data_end > size:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is truncated: its tensors need {data_end:,} bytes but the file has "
                "{size:,}. Download it again.",
            ),
            name=path.name, data_end=header.data_end, size=size,
        )


def inspect_model(path: Path, header: GGUFHeader | None = None) -> ModelFileInfo:
    """Validate a text-model GGUF and return what the app needs to know about it; `header`: its
    header as `open_gguf` just read it."""
    path = Path(path)
    header = header or open_gguf(path)
    architecture = str(header.get("general.architecture", ""))
    if architecture == "clip":
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is a projector (mmproj) file, not a language model. Choose the model "
                "file and add this one as its projector.",
            ),
            name=path.name,
        )
    if architecture not in SUPPORTED_ARCHITECTURES:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is a '{value}' model; Gemma Desk runs Gemma 3n, Gemma 4 and Gemma 3 "
                "GGUF files.",
            ),
            name=path.name, value=architecture or 'unknown',
        )
    tokens = header.get("tokenizer.ggml.tokens")
    if not tokens or (isinstance(tokens, ArrayInfo) and tokens.length == 0):
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} has no tokenizer in it, so it cannot be used for chat.",
            ),
            name=path.name,
        )
    block_count = checked_block_count(path, header)
    context_length = _whole_number(path, header, f"{architecture}.context_length", 1, MAX_CONTEXT_LENGTH, 8192)
    return ModelFileInfo(
        path=path,
        architecture=architecture,
        name=str(header.get("general.name", path.stem)),
        context_length=context_length,
        embedding_length=int(header.get(f"{architecture}.embedding_length", 0)),
        block_count=block_count,
        file_type=quantization_name(header.get("general.file_type")),
        size_bytes=path.stat().st_size,
        tensor_bytes=sum(tensor.n_bytes for tensor in header.tensors),
        has_chat_template="tokenizer.chat_template" in header.fields,
        marker_tokens=_marker_shaped(tokens),
    )


def _marker_shaped(tokens: ArrayInfo | list) -> tuple[tuple[int, str], ...]:
    bracketed = tokens.bracketed if isinstance(tokens, ArrayInfo) else [
        (index, text) for index, text in enumerate(tokens) if isinstance(text, str) and text[:1] in BRACKETS]
    return tuple((index, text) for index, text in bracketed if MARKER_SHAPE.fullmatch(text))


def checked_block_count(path: Path, header: GGUFHeader) -> int:
    """The model's layer count, ModelFileError when llama.cpp could not take it."""
    architecture = str(header.get("general.architecture", ""))
    return _whole_number(Path(path), header, f"{architecture}.block_count", 1, LLAMA_MAX_LAYERS)


def _whole_number(path: Path, header: GGUFHeader, key: str, low: int, high: int, default: int | None = None) -> int:
    """A metadata number llama.cpp trusts, checked against the range it can take."""
    value = header.get(key, default)
    if value is None:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is damaged: it has no {key}.",
            ),
            name=path.name, key=key,
        )
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is damaged or not made for this version of llama.cpp: its {key} is "
                "{value!r}, and llama.cpp takes {low:,} to {high:,}.",
            ),
            name=path.name, key=key, value=value, low=low, high=high,
        )
    return value


def quantization_name(file_type: int | None) -> str:
    if file_type is None:
        return "unknown"
    from gguf import LlamaFileType  # imported here: see gguf_header.gguf_constants

    try:
        name = LlamaFileType(int(file_type)).name
    except ValueError:
        return f"type {file_type}"
    return name.removeprefix("MOSTLY_").removeprefix("ALL_")
