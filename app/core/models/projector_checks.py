"""The tensors a projector of a type we know must hold, with the shapes libmtmd's graph assumes.

clip.cpp builds its graph from whatever tensors the file has: one missing (`v.patch_embd.weight`)
is a NULL pointer at the first image (SIGSEGV), one of the wrong shape or a head count that does
not divide the width fails a GGML_ASSERT (SIGABRT). Both take the whole window down, so for the
transformer projectors whose layout is certain (SigLIP-style `gemma3`, whisper-style `ultravox`)
it is checked here, and the head count of any encoder with attention blocks. The rest (Gemma 3n's
MobileNet, whose tensors are mostly optional) is left to the child-process probe
(app/core/models/containment.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import gguf

# A 30-s clip is 3000 mel frames, 1500 after whisper's stride-2 convolution; libmtmd stacks
# `stack_factor` frames per token and asserts that they come out even.
WHISPER_FRAMES_PER_CHUNK = 1500
_VIT_TYPES = frozenset({"gemma3", "ultravox"})
_PREFIX = {"vision": "v", "audio": "a"}

Error = Callable[[str], Exception]


class _Layout:
    def __init__(self, reader: gguf.GGUFReader, name: str, error: Error) -> None:
        self.shapes = {tensor.name: [int(n) for n in tensor.shape] for tensor in reader.tensors}
        self.reader = reader
        self.name = name
        self.error = error

    def number(self, key: str, default: int | None = None) -> int:
        field = self.reader.get_field(key)
        if field is None:
            if default is None:
                raise self.error(f"{self.name} is incomplete: it has no {key}.")
            return default
        return int(field.contents())

    def require(self, tensor: str, *allowed: list[int]) -> list[int]:
        shape = self.shapes.get(tensor)
        if shape is None:
            raise self.error(f"{self.name} is incomplete: it has no {tensor} tensor.")
        if allowed and shape not in allowed:
            wanted = " or ".join("×".join(map(str, option)) for option in allowed)
            raise self.error(
                f"{self.name} is damaged: its {tensor} tensor is {'×'.join(map(str, shape))}, "
                f"where this projector needs {wanted}."
            )
        return shape


def check_projector_layout(reader: gguf.GGUFReader, name: str, modality: str, projector_type: str | None,
                           error: Error) -> None:
    """Raise `error(sentence)` when the `modality` encoder of a known type lacks a tensor, has one
    of the wrong shape, or a head count that does not divide its width."""
    layout = _Layout(reader, name, error)
    prefix = _PREFIX[modality]
    key = f"clip.{modality}"
    width = layout.number(f"{key}.embedding_length", 0)
    heads = layout.number(f"{key}.attention.head_count", 0)
    has_attention = f"{prefix}.blk.0.attn_q.weight" in layout.shapes or projector_type in _VIT_TYPES
    if has_attention and (heads <= 0 or width <= 0 or width % heads):
        raise error(
            f"{name} is damaged: its {modality} encoder is {width} wide with {heads} attention heads, "
            "and the width must split evenly between the heads."
        )
    if projector_type in _VIT_TYPES:
        _check_blocks(layout, prefix, key, width)
    check = _TYPE_CHECKS.get(projector_type or "")
    if check is not None:
        check(layout, width)


def _check_blocks(layout: _Layout, prefix: str, key: str, width: int) -> None:
    feed_forward = layout.number(f"{key}.feed_forward_length")
    square, vector = [width, width], [width]
    for block in range(layout.number(f"{key}.block_count")):
        stem = f"{prefix}.blk.{block}"
        for part in ("attn_q", "attn_k", "attn_v", "attn_out"):
            layout.require(f"{stem}.{part}.weight", square)
        for norm in ("ln1", "ln2"):
            layout.require(f"{stem}.{norm}.weight", vector)
        # clip.cpp accepts the feed-forward pair either way round (it swaps them when needed).
        for part in ("ffn_up", "ffn_down"):
            layout.require(f"{stem}.{part}.weight", [width, feed_forward], [feed_forward, width])


def _check_gemma3(layout: _Layout, width: int) -> None:
    patch = layout.number("clip.vision.patch_size")
    image = layout.number("clip.vision.image_size")
    if patch <= 0 or image < patch:
        raise layout.error(f"{layout.name} is damaged: image size {image} with patch size {patch}.")
    layout.require("v.patch_embd.weight", [patch, patch, 3, width])
    layout.require("v.position_embd.weight", [width, (image // patch) ** 2])
    layout.require("v.post_ln.weight", [width])
    layout.require("mm.soft_emb_norm.weight", [width])
    projection = layout.require("mm.input_projection.weight")
    if len(projection) != 2 or projection[1] != width:
        raise layout.error(
            f"{layout.name} is damaged: its mm.input_projection.weight tensor is "
            f"{'×'.join(map(str, projection))}, where the vision encoder is {width} wide "
            "(the tensor may be transposed)."
        )


def _check_ultravox(layout: _Layout, width: int) -> None:
    stack = layout.number("clip.audio.projector.stack_factor", 0)
    if stack <= 0 or WHISPER_FRAMES_PER_CHUNK % stack:
        raise layout.error(
            f"{layout.name} is damaged: its stack factor {stack} does not divide the "
            f"{WHISPER_FRAMES_PER_CHUNK} frames of a 30-s chunk."
        )
    for tensor in ("a.conv1d.1.weight", "a.conv1d.2.weight", "a.position_embd.weight", "mm.a.mlp.2.weight"):
        layout.require(tensor)
    first = layout.require("mm.a.mlp.1.weight")
    if first[0] != width * stack:
        raise layout.error(
            f"{layout.name} is damaged: mm.a.mlp.1.weight takes {first[0]} values, where "
            f"{stack} stacked frames of width {width} make {width * stack}."
        )


_TYPE_CHECKS: dict[str, Callable[[_Layout, int], None]] = {
    "gemma3": _check_gemma3,
    "ultravox": _check_ultravox,
}
