"""Read a multimodal projector (mmproj GGUF) with the `gguf` reader before libmtmd sees it.

libmtmd aborts the whole process on some bad files (a GGML_ASSERT on a key of the wrong type)
and refuses a mismatched projector with its own wording, so we check what we can here first.
Gemma 3n's audio encoder, which libmtmd skips, may come as a file of its own: those are found
and checked here too, from the header alone.
"""

from __future__ import annotations

import functools
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.file_checks import regular_file_size, resolved_or_none
from app.core.models.gguf_file import ModelFileError, open_gguf
from app.core.models.projector_checks import check_projector_layout
from app.core.errors import UserError, same_message
from app.core.models.gguf_header import gguf_constants

if TYPE_CHECKING:
    import gguf

# The projector types libmtmd 0.3.36 knows (PROJECTOR_TYPE_NAMES in tools/mtmd/clip-impl.h).
KNOWN_PROJECTOR_TYPES: frozenset[str] = frozenset({
    "mlp", "ldp", "ldpv2", "resampler", "adapter", "qwen2vl_merger", "qwen2.5vl_merger",
    "qwen3vl_merger", "ling3vl", "step3vl", "gemma3", "gemma3nv", "gemma3na", "gemma4v", "gemma4a",
    "gemma4uv", "gemma4ua", "phi4", "idefics3", "pixtral", "ultravox", "internvl", "llama4",
    "qwen2a", "qwen3a", "glma", "qwen2.5o", "voxtral", "meralion", "musicflamingo", "lfm2",
    "kimivl", "paddleocr", "lightonocr", "cogvlm", "janus_pro", "dots_ocr", "dots3note_v",
    "dots3note_a", "deepseekocr", "deepseekocr2", "deepseek4v", "lfm2a", "glm4v", "glm5v",
    "youtuvl", "yasa2", "kimik25", "nemotron_v2_vl", "exaone4_5", "hunyuanvl", "minicpmv4_6",
    "granite_speech", "mimovl", "minimax_m3", "granite4_vision", "mimo_audio", "parakeet",
    "qwen3tts_spkenc", "qwen3tts_gen", "pockettts_spkenc", "pockettts_gen", "muse-glimmer",
})
# Known to libmtmd but never run by it: Gemma 3n's audio encoder is skipped next to gemma3nv.
AUDIO_TYPES_LIBMTMD_SKIPS: frozenset[str] = frozenset({"gemma3na"})

# Where the width of the embeddings a projector hands the text model can be read:
# (tensor, ggml dimension), as clip_n_mmproj_embd() in clip.cpp reads it.
_OUTPUT_WIDTH: dict[str, tuple[str, int]] = {
    "gemma3": ("mm.input_projection.weight", 0),
    "gemma3nv": ("mm.input_projection.weight", 0),
    "gemma4v": ("mm.input_projection.weight", 1),
    "gemma4uv": ("mm.input_projection.weight", 1),
    "gemma3na": ("mm.a.input_projection.weight", 1),
    "gemma4a": ("mm.a.input_projection.weight", 1),
    "gemma4ua": ("mm.a.input_projection.weight", 1),
    "ultravox": ("mm.a.mlp.2.weight", 1),
    "voxtral": ("mm.a.mlp.2.weight", 1),
    "musicflamingo": ("mm.a.mlp.2.weight", 1),
    "qwen2a": ("mm.a.fc.weight", 1),
    "mlp": ("mm.2.weight", 1),
    "pixtral": ("mm.2.weight", 1),
    "lfm2": ("mm.2.weight", 1),
    "idefics3": ("mm.model.fc.weight", 1),
    "llama4": ("mm.model.fc.weight", 1),
    "qwen2vl_merger": ("mm.2.bias", 0),
    "qwen2.5vl_merger": ("mm.2.bias", 0),
    "internvl": ("mm.model.mlp.3.weight", 1),
}

@functools.cache
def _key_types() -> dict[str, gguf.GGUFValueType]:
    """Keys libmtmd reads with a typed getter that asserts (aborts) on any other stored type."""
    kind = gguf_constants().GGUFValueType
    return {
        **{suffix: kind.UINT32 for suffix in (
            "embedding_length", "feed_forward_length", "block_count", "projection_dim",
            "attention.head_count", "attention.head_count_kv", "attention.head_dim", "image_size",
            "patch_size", "num_mel_bins", "projector.scale_factor", "projector.stack_factor",
            "spatial_merge_size", "image_min_pixels", "image_max_pixels", "n_wa_pattern",
            "window_size", "minicpmv_query_num")},
        "attention.layer_norm_epsilon": kind.FLOAT32,
        "projector_type": kind.STRING,
        "has_vision_encoder": kind.BOOL,
        "has_audio_encoder": kind.BOOL,
        "use_gelu": kind.BOOL,
        "use_silu": kind.BOOL,
    }


class ProjectorError(UserError, ValueError):
    """A projector file cannot be used (with this model); the message names the file."""


@dataclass(frozen=True)
class ProjectorInfo:
    path: Path
    has_vision: bool
    has_audio: bool
    vision_projector_type: str | None
    audio_projector_type: str | None
    projection_dim: int | None  # width of the embeddings it makes; None where it cannot be read
    size_bytes: int

    @property
    def runs_audio(self) -> bool:
        """Whether libmtmd will load the audio encoder (it skips Gemma 3n's)."""
        return self.has_audio and self.audio_projector_type not in AUDIO_TYPES_LIBMTMD_SKIPS


def inspect_projector(path: Path) -> ProjectorInfo:
    """Read `path` as an mmproj GGUF; raise ProjectorError if it is not one libmtmd can load."""
    path = Path(path)
    name = path.name
    size_bytes = regular_file_size(path, ProjectorError, QT_TRANSLATE_NOOP("UserError", "a projector (mmproj) file"))
    try:
        # GGUFReader parses every key up front: ~40 s for a language model's 262k-token
        # vocabulary here, so a file that says it is not a projector is turned away first.
        _refuse_other_architecture(name, _first_architecture(path))
        from gguf import GGUFReader  # imported here: see gguf_header.gguf_constants

        reader = GGUFReader(path)
    except OSError as exc:
        raise ProjectorError(
            QT_TRANSLATE_NOOP("UserError", "Cannot read {name}: {value}."),
            name=name, value=exc.strerror or exc,
        ) from exc
    except ProjectorError:
        raise
    except Exception as exc:  # the reader raises ValueError, IndexError, struct.error… on junk
        raise ProjectorError(
            QT_TRANSLATE_NOOP("UserError", "{name} is not a GGUF file, or it is damaged."),
            name=name,
        ) from exc

    _refuse_other_architecture(name, _string(reader, "general.architecture") or "")
    _check_key_types(reader, name)

    has_vision = _bool(reader, "clip.has_vision_encoder")
    has_audio = _bool(reader, "clip.has_audio_encoder")
    if not (has_vision or has_audio):
        raise ProjectorError(
            QT_TRANSLATE_NOOP("UserError", "{name} has neither a vision nor an audio encoder."),
            name=name,
        )
    shared_type = _string(reader, "clip.projector_type")
    vision_type = audio_type = None
    if has_vision:
        vision_type = shared_type or _string(reader, "clip.vision.projector_type")
    if has_audio:
        audio_type = shared_type or _string(reader, "clip.audio.projector_type")
    for modality, present, projector_type in (
        ("vision", has_vision, vision_type),
        ("audio", has_audio, audio_type),
    ):
        if present and projector_type not in KNOWN_PROJECTOR_TYPES:
            raise ProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} uses the {modality} projector type {projector_type!r}, which "
                    "this version of llama.cpp does not know.",
                ),
                name=name, modality=modality, projector_type=projector_type,
            )
    if shared_type == "qwen2.5o":  # libmtmd renames it per modality
        vision_type = "qwen2.5vl_merger" if has_vision else None
        audio_type = "qwen2a" if has_audio else None

    # libmtmd compares the text model with the vision encoder's width when there is one.
    if has_vision:
        width = _output_width(reader, name, "vision", vision_type)
    else:
        width = _output_width(reader, name, "audio", audio_type)
    for modality, present, projector_type in (("vision", has_vision, vision_type), ("audio", has_audio, audio_type)):
        if present and not (modality == "audio" and projector_type in AUDIO_TYPES_LIBMTMD_SKIPS):
            check_projector_layout(reader, name, modality, projector_type, ProjectorError)

    return ProjectorInfo(
        path=path,
        has_vision=has_vision,
        has_audio=has_audio,
        vision_projector_type=vision_type,
        audio_projector_type=audio_type,
        projection_dim=width,
        size_bytes=size_bytes,
    )


def check_projector_pairs_with(info: ProjectorInfo, text_n_embd: int) -> None:
    """Raise ProjectorError unless `info` makes embeddings as wide as the text model's."""
    name = info.path.name
    if not (info.has_vision or info.runs_audio):
        raise ProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} only has a {audio_projector_type} audio encoder, which llama.cpp "
                "cannot run yet.",
            ),
            name=name, audio_projector_type=info.audio_projector_type,
        )
    if info.projection_dim is not None and info.projection_dim != text_n_embd:
        raise ProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} makes {projection_dim}-wide embeddings but the model needs "
                "{text_n_embd}: this projector belongs to another model.",
            ),
            name=name, projection_dim=info.projection_dim, text_n_embd=text_n_embd,
        )


_QUANTIZATION = re.compile(
    r"(?:^|[-_.])(ud[-_])?(i?q\d[a-z0-9_]*|bf16|f16|f32|fp16|fp32)$", re.IGNORECASE
)
_PRECISION_ORDER = ("bf16", "f16", "f32", "q8_0")


@dataclass(frozen=True)
class Companions:
    """The files that go with a language model: its projector and (Gemma 3n) its audio encoder."""

    projector: Path | None
    audio_encoder: Path | None


def companions_for(model_path: Path, *, projector: Path | None = None,
                   audio_encoder: Path | None = None) -> Companions:
    """The one decision of which projector and audio encoder go with `model_path`: the ones chosen,
    else the likeliest beside the model (the encoder never being the projector itself)."""
    projector = projector_for(model_path, projector)
    audio_encoder = audio_encoder or find_audio_encoder_beside(model_path, exclude=projector)
    return Companions(projector, audio_encoder)


def projector_for(model_path: Path, chosen: Path | None = None) -> Path | None:
    """The projector half of `companions_for`, for callers that need only that (no encoder scan)."""
    return chosen or find_projector_beside(model_path)


def find_projector_beside(model_path: Path) -> Path | None:
    """The mmproj file next to `model_path` that most likely belongs to it, if any.

    Prefers a projector named after the model (quantization ignored), then a generic one
    (`mmproj-F16.gguf`); one named after a different model is taken only when it is alone.
    """
    model_path = Path(model_path)
    try:
        candidates = [
            entry for entry in model_path.parent.iterdir()
            if entry.is_file() and entry.suffix.lower() == ".gguf"
            and "mmproj" in entry.name.lower() and entry.name != model_path.name
        ]
    except OSError:
        return None
    if not candidates:
        return None
    model_base = _base_name(model_path.stem)

    def rank(candidate: Path) -> tuple[int, int, str]:
        quantization = _QUANTIZATION.search(candidate.stem)
        precision = quantization.group(2).lower() if quantization else ""
        base = _base_name(re.sub("mmproj", "", candidate.stem, flags=re.IGNORECASE))
        if base == model_base:
            match = 3
        elif not base:
            match = 2
        elif base.startswith(model_base) or model_base.startswith(base):
            match = 1
        else:
            match = 0
        order = _PRECISION_ORDER.index(precision) if precision in _PRECISION_ORDER else 99
        return (-match, order, candidate.name)

    best = min(candidates, key=rank)
    if rank(best)[0] == 0 and len(candidates) > 1:
        return None
    return best


# Enough of Gemma 3n's audio encoder to tell its tensors are there, not only declared (the usual
# Gemma 3n mmproj declares gemma3na but carries no audio tensors).
GEMMA3N_AUDIO_TENSORS = (
    "a.conv1d.0.weight", "a.blk.0.attn_q.weight", "mm.a.embedding.weight", "mm.a.input_projection.weight",
)
_ENCODER_WORDS = re.compile(r"mmproj|audio[-_ ]?(?:encoder|tower)", re.IGNORECASE)


@dataclass(frozen=True)
class AudioEncoderFile:
    """A GGUF holding Gemma 3n's audio encoder (gemma3na) with its tensors."""

    path: Path
    has_vision: bool
    text_width: int  # n_embd of the text model its embeddings are for
    size_bytes: int


def inspect_audio_encoder(path: Path) -> AudioEncoderFile:
    """Read `path`'s header; ProjectorError (naming the file) unless it holds Gemma 3n's audio encoder."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ProjectorError(QT_TRANSLATE_NOOP("UserError", "{path} does not exist.") if not path.exists() else
                             QT_TRANSLATE_NOOP("UserError", "{path} is not a file."), path=path)
    try:
        # A language model's header takes a while to walk; its first key says what it is.
        _refuse_language_model(name, _first_architecture(path))
        header = open_gguf(path)
    except ModelFileError as exc:
        raise same_message(ProjectorError, exc) from exc
    except OSError as exc:
        raise ProjectorError(
            QT_TRANSLATE_NOOP("UserError", "Cannot read {name}: {value}."),
            name=name, value=exc.strerror or exc,
        ) from exc
    _refuse_language_model(name, header.get("general.architecture"))
    audio_type = header.get("clip.audio.projector_type") or header.get("clip.projector_type")
    if header.get("clip.has_audio_encoder") is not True or audio_type != "gemma3na":
        what = f"a {audio_type} audio encoder" if header.get("clip.has_audio_encoder") is True else "no audio encoder"
        raise ProjectorError(
            QT_TRANSLATE_NOOP("UserError", "{name} is not Gemma 3n's audio encoder: it has {what}."),
            name=name, what=what,
        )
    tensors = {tensor.name: tensor for tensor in header.tensors}
    missing = [tensor for tensor in GEMMA3N_AUDIO_TENSORS if tensor not in tensors]
    if missing:
        raise ProjectorError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} declares Gemma 3n's audio encoder but does not hold it (it has no "
                "{value} tensor). Choose the separate audio-encoder file made for this model.",
            ),
            name=name, value=missing[0],
        )
    projection = tensors["mm.a.input_projection.weight"].shape
    return AudioEncoderFile(
        path=path,
        has_vision=header.get("clip.has_vision_encoder") is True,
        text_width=int(projection[1]) if len(projection) > 1 else 0,
        size_bytes=path.stat().st_size,
    )


def audio_encoders_beside(model_path: Path, *, exclude: Path | None = None) -> list[AudioEncoderFile]:
    """Every Gemma 3n audio-encoder GGUF in `model_path`'s folder, the likeliest first.

    Named after the model before generic names before strangers; audio-only files before those
    that also hold a vision encoder. The model and `exclude` (the chosen projector) are left out;
    files that cannot be read are skipped.
    """
    model_path = Path(model_path)
    left_out = {resolved_or_none(model_path)} | ({resolved_or_none(Path(exclude))} if exclude is not None else set())
    try:
        entries = sorted(model_path.parent.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.suffix.lower() != ".gguf" or resolved_or_none(entry) in left_out | {None}:
            continue
        try:
            found.append(inspect_audio_encoder(entry))
        except ProjectorError:
            continue
    model_base = _base_name(model_path.stem)
    return sorted(found, key=lambda encoder: _encoder_rank(encoder, model_base))


def find_audio_encoder_beside(model_path: Path, *, exclude: Path | None = None) -> Path | None:
    """The Gemma 3n audio-encoder file beside `model_path` most likely made for it, if any; one
    named after another model only when it is the only one there."""
    return likeliest_audio_encoder(audio_encoders_beside(model_path, exclude=exclude), model_path)


def likeliest_audio_encoder(found: list[AudioEncoderFile], model_path: Path) -> Path | None:
    """Of `found` (as audio_encoders_beside orders them), the one taken automatically, if any."""
    stranger = bool(found) and _encoder_rank(found[0], _base_name(Path(model_path).stem))[0]
    return None if not found or (stranger and len(found) > 1) else found[0].path


def _encoder_rank(encoder: AudioEncoderFile, model_base: str) -> tuple[bool, bool, int, int, str]:
    base = _base_name(_ENCODER_WORDS.sub("", encoder.path.stem))
    if base == model_base:
        match = 2
    elif not base or base.startswith(model_base) or model_base.startswith(base):
        match = 1
    else:
        match = 0
    quantization = _QUANTIZATION.search(encoder.path.stem)
    precision = quantization.group(2).lower() if quantization else ""
    order = _PRECISION_ORDER.index(precision) if precision in _PRECISION_ORDER else 99
    return (match == 0, encoder.has_vision, -match, order, encoder.path.name)


def _refuse_language_model(name: str, architecture: object) -> None:
    if architecture not in (None, "clip"):
        raise ProjectorError(
            QT_TRANSLATE_NOOP("UserError", "{name} is a {architecture} language model, not Gemma 3n's audio encoder."),
            name=name, architecture=architecture,
        )


def without_quantization(stem: str) -> str:
    """'gemma-3n-E2B-it' for 'gemma-3n-E2B-it-UD-Q4_K_XL' (and for 'mmproj-…-F16' less 'mmproj')."""
    stem = stem.strip(" -_.")
    while (match := _QUANTIZATION.search(stem)) is not None:
        stem = stem[: match.start()]
    return stem.strip(" -_.")


def _base_name(stem: str) -> str:
    return without_quantization(stem).lower()


def _first_architecture(path: Path) -> str | None:
    """general.architecture when it is the file's first key (as every converter writes it)."""
    with path.open("rb") as file:
        head = file.read(512)
    key = b"general.architecture"
    # magic, version, tensor count, key count (24 bytes), then the key as length + bytes.
    if head[:4] != b"GGUF" or head[24 : 32 + len(key)] != struct.pack("<Q", len(key)) + key:
        return None
    value_at = 32 + len(key) + 12
    value_type, value_length = struct.unpack_from("<IQ", head, value_at - 12)
    if value_type != gguf_constants().GGUFValueType.STRING or value_at + value_length > len(head):
        return None
    return head[value_at : value_at + value_length].decode("utf-8", errors="replace")


def _refuse_other_architecture(name: str, architecture: str | None) -> None:
    if architecture is None or architecture == "clip":
        return
    what = f"a {architecture} language model" if architecture else "not a model file we know"
    raise ProjectorError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{name} is {what}, not a vision/audio projector (mmproj). Choose the "
            "mmproj-….gguf file that comes with the model.",
        ),
        name=name, what=what,
    )


def _output_width(
    reader: gguf.GGUFReader, name: str, modality: str, projector_type: str | None
) -> int | None:
    where = _OUTPUT_WIDTH.get(projector_type or "")
    if where is not None:
        tensor_name, dimension = where
        tensor = next((t for t in reader.tensors if t.name == tensor_name), None)
        if tensor is None:
            raise ProjectorError(
                QT_TRANSLATE_NOOP("UserError", "{name} is incomplete: it has no {tensor_name} tensor."),
                name=name, tensor_name=tensor_name,
            )
        shape = [int(n) for n in tensor.shape]
        if projector_type == "gemma3nv" and len(shape) == 2 and shape[0] != shape[1]:
            # libmtmd checks ne[0] but the graph outputs ne[1]; a real Gemma 3n has them equal.
            raise ProjectorError(
                QT_TRANSLATE_NOOP("UserError", "{name} has an inconsistent projection ({value}×{value_2})."),
                name=name, value=shape[0], value_2=shape[1],
            )
        return shape[dimension]
    field = reader.get_field(f"clip.{modality}.projection_dim")
    return int(field.contents()) if field is not None else None


def _check_key_types(reader: gguf.GGUFReader, name: str) -> None:
    for key, field in reader.fields.items():
        if not key.startswith("clip."):
            continue
        expected = next(
            (kind for suffix, kind in _key_types().items() if key.endswith("." + suffix)), None
        )
        if expected is not None and field.types != [expected]:
            stored = "/".join(kind.name for kind in field.types)
            raise ProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} is damaged: {key} is stored as {stored} but llama.cpp needs "
                    "{name_2}.",
                ),
                name=name, key=key, stored=stored, name_2=expected.name,
            )


def _string(reader: gguf.GGUFReader, key: str) -> str | None:
    field = reader.get_field(key)
    if field is None or field.types != [gguf_constants().GGUFValueType.STRING]:
        return None
    return str(field.contents())


def _bool(reader: gguf.GGUFReader, key: str) -> bool:
    field = reader.get_field(key)
    return field is not None and field.types == [gguf_constants().GGUFValueType.BOOL] and bool(field.contents())
