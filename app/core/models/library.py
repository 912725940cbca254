"""The models installed on this machine: every GGUF in the models folder and the user's folders.

Each language model is listed with its family and size (Gemma 3n E2B/E4B, Gemma 4, Gemma 3),
quantization, size on disk, context length and the projector that pairs with it; projector files
are listed as projectors, and files that cannot be used are listed with the reason, so one bad
download never hides the others.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from app.core import paths
from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.file_checks import resolved_or_none
from app.core.models.gguf_file import ModelFileError, inspect_model, open_gguf
from app.core.models.gguf_header import GGUFHeader
from app.core.models.importing import ImportResult, ModelImportError, import_model
from app.core.models.projector_file import (
    ProjectorError,
    ProjectorInfo,
    check_projector_pairs_with,
    find_audio_encoder_beside,
    find_projector_beside,
    inspect_projector,
)

__all__ = [
    "BrokenFile", "ImportResult", "InstalledModel", "InstalledProjector", "ModelImportError", "ModelLibrary",
    "default_model_folders", "describe_model", "import_model", "main_tensor_type", "scan_models", "size_label",
    "size_label_of", "unreadable_file",
]

SCAN_DEPTH = 3  # the models folder holds one sub-folder per repository or import
FAMILY_NAMES = {"gemma3n": "Gemma 3n", "gemma4": "Gemma 4", "gemma3": "Gemma 3"}
# Block counts as llama.cpp reads them (src/models/gemma3n.cpp, gemma4.cpp, gemma3.cpp).
SIZE_BY_BLOCKS = {
    "gemma3n": {30: "E2B", 35: "E4B"},
    "gemma4": {35: "E2B", 42: "E4B", 30: "26B A4B", 60: "31B"},
    "gemma3": {18: "270M", 26: "1B", 34: "4B", 48: "12B", 62: "27B"},
}
# Where the block count is unfamiliar: Gemma 4's widths differ by size; Gemma 3n's do not.
SIZE_BY_WIDTH = {"gemma4": {1536: "E2B", 2560: "E4B"}}


@dataclass(frozen=True)
class InstalledProjector:
    path: Path
    size_bytes: int
    has_vision: bool
    has_audio: bool
    audio_in_libmtmd: bool  # False for Gemma 3n's audio encoder, which libmtmd skips
    projection_dim: int | None

    @classmethod
    def from_info(cls, info: ProjectorInfo) -> "InstalledProjector":
        return cls(info.path, info.size_bytes, info.has_vision, info.has_audio, info.runs_audio, info.projection_dim)


@dataclass(frozen=True)
class InstalledModel:
    path: Path
    name: str
    architecture: str
    family: str  # "Gemma 3n"
    size_label: str | None  # "E2B", "E4B", "270M"; None when the layout is unfamiliar
    quantization: str  # from general.file_type, e.g. "Q4_K_M"
    main_tensor_type: str  # the type most of the block weights are stored in, e.g. "Q5_0"
    size_bytes: int
    context_length: int
    embedding_length: int
    block_count: int
    projector: InstalledProjector | None = None
    projector_problem: UserError | None = None  # why the projector beside it cannot be used
    audio_encoder: Path | None = None  # Gemma 3n: the file our own encoder hears with (may be the projector)

    @property
    def label(self) -> str:
        """'Gemma 3n E4B · Q8_0'."""
        family = f"{self.family} {self.size_label}" if self.size_label else self.family
        return f"{family} · {self.quantization}"

    @property
    def audio_encoder_repo(self) -> str | None:
        """Google's checkpoint that Gemma 3n's audio encoder can be cut from; None for other models."""
        from app.core.hub.audio_encoder_source import official_repo_for  # its encoder code: only when asked

        return official_repo_for(self.size_label) if self.architecture == "gemma3n" else None

    @property
    def capabilities(self) -> tuple[str, ...]:
        found = ["text"]
        if self.projector and self.projector.has_vision:
            found.append("image")
        if (self.projector and self.projector.has_audio) or self.audio_encoder is not None:
            found.append("audio")
        return tuple(found)


@dataclass(frozen=True)
class BrokenFile:
    path: Path
    error: UserError  # str() is the English sentence; the window shows error_text(error)


def unreadable_file(path: Path, error: OSError) -> UserError:
    return UserError(QT_TRANSLATE_NOOP("UserError", "Cannot read {name}: {value}."),
                     name=Path(path).name, value=error.strerror or error)


@dataclass
class ModelLibrary:
    models: list[InstalledModel] = field(default_factory=list)
    projectors: list[InstalledProjector] = field(default_factory=list)
    broken: list[BrokenFile] = field(default_factory=list)

    def find(self, path: Path) -> InstalledModel | None:
        wanted = Path(path)
        return next((model for model in self.models if model.path == wanted), None)


def default_model_folders(extra_folders: Iterable[Path] = ()) -> list[Path]:
    folders = [paths.models_folder()]
    for folder in extra_folders:
        if Path(folder) not in folders:
            folders.append(Path(folder))
    return folders


def scan_models(folders: Iterable[Path] | None = None) -> ModelLibrary:
    """List every GGUF under `folders` (default: the models folder). Never raises for a bad file."""
    library = ModelLibrary()
    seen: set[Path] = set()
    for folder in default_model_folders() if folders is None else folders:
        for file in _gguf_files(Path(folder)):
            key = resolved_or_none(file) or file  # a symbolic-link loop is listed as broken
            if key in seen:
                continue
            seen.add(key)
            _add_file(library, file)
    library.models.sort(key=lambda model: (model.family, model.size_label or "", model.quantization, str(model.path)))
    library.projectors.sort(key=lambda projector: str(projector.path))
    library.broken.sort(key=lambda broken: str(broken.path))
    return library


def _gguf_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    if not folder.is_dir():
        return found
    base_depth = len(folder.parts)
    for root, directories, files in os.walk(folder):
        depth = len(Path(root).parts) - base_depth
        directories[:] = [] if depth >= SCAN_DEPTH else sorted(d for d in directories if not d.startswith("."))
        found.extend(Path(root) / name for name in sorted(files) if name.lower().endswith(".gguf"))
    return found


def _add_file(library: ModelLibrary, file: Path) -> None:
    try:
        header = open_gguf(file)
        if header.get("general.architecture") == "clip":
            library.projectors.append(InstalledProjector.from_info(inspect_projector(file)))
        else:
            library.models.append(describe_model(file, header))
    except (ModelFileError, ProjectorError) as error:
        library.broken.append(BrokenFile(file, error))
    except OSError as error:
        library.broken.append(BrokenFile(file, unreadable_file(file, error)))


def describe_model(path: Path, header: GGUFHeader | None = None) -> InstalledModel:
    """Everything the model list shows for one language-model GGUF (ModelFileError if unusable)."""
    info = inspect_model(path)
    header = header or open_gguf(path)
    projector, problem = _paired_projector(path, info.embedding_length)
    return InstalledModel(
        path=Path(path),
        name=info.name,
        architecture=info.architecture,
        family=FAMILY_NAMES.get(info.architecture, info.architecture),
        size_label=size_label(header),
        quantization=info.file_type,
        main_tensor_type=main_tensor_type(header),
        size_bytes=info.size_bytes,
        context_length=info.context_length,
        embedding_length=info.embedding_length,
        block_count=info.block_count,
        projector=projector,
        projector_problem=problem,
        audio_encoder=find_audio_encoder_beside(path) if info.architecture == "gemma3n" else None,
    )


def size_label(header: GGUFHeader) -> str | None:
    """E2B / E4B (and Gemma 3's sizes) from the block count, else from the embedding width."""
    architecture = str(header.get("general.architecture", ""))
    blocks = int(header.get(f"{architecture}.block_count", 0) or 0)
    width = int(header.get(f"{architecture}.embedding_length", 0) or 0)
    return size_label_of(architecture, blocks, width)


def size_label_of(architecture: str, blocks: int, width: int) -> str | None:
    return SIZE_BY_BLOCKS.get(architecture, {}).get(blocks) or SIZE_BY_WIDTH.get(architecture, {}).get(width)


def main_tensor_type(header: GGUFHeader) -> str:
    """The ggml type holding most of the bytes of the blocks' weight matrices."""
    totals: Counter[str] = Counter()
    for tensor in header.tensors:
        if tensor.name.startswith("blk.") and len(tensor.shape) >= 2:
            totals[tensor.ggml_type.name] += tensor.n_bytes
    return totals.most_common(1)[0][0] if totals else "unknown"


def _paired_projector(model_path: Path, n_embd: int) -> tuple[InstalledProjector | None, UserError | None]:
    candidate = find_projector_beside(model_path)
    if candidate is None:
        return None, None
    try:
        info = inspect_projector(candidate)
        check_projector_pairs_with(info, n_embd)
    except ProjectorError as error:
        return None, error
    return InstalledProjector.from_info(info), None
