"""Tiny random-weight mmproj GGUF files that the real libmtmd loads and pairs with the
Gemma 3 270M model (n_embd 640). No download; each file is written in milliseconds.

Shapes are given in numpy order; the gguf writer reverses them into ggml order, so a numpy
(out, in) matrix is ggml ne = [in, out]. Integer keys are UINT32: libmtmd asserts on INT32.

Token counts with the real libmtmd 0.3.36 (tests/core/test_projector_factory_loads.py):
gemma3nv → 16 per image, gemma3 → 16 per image, gemma4ua → 25 per second of audio in one chunk,
ultravox → 375 per started 30 s (every clip is padded to 30 s; 65 s gives 3 chunks).
"""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np

TEXT_N_EMBD = 640
GEMMA3NV_IMAGE_TOKENS = 16
GEMMA3_IMAGE_TOKENS = 16
GEMMA4UA_TOKENS_PER_SECOND = 25
ULTRAVOX_TOKENS_PER_CHUNK = 375
ULTRAVOX_CHUNK_SECONDS = 30
AUDIO_KINDS = ("gemma4ua", "ultravox")


class _Tensors:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.items: dict[str, np.ndarray] = {}

    def random(self, name: str, *shape: int, scale: float = 0.02) -> None:
        self.items[name] = (self.rng.standard_normal(shape) * scale).astype(np.float32)

    def ones(self, name: str, *shape: int) -> None:
        self.items[name] = np.ones(shape, dtype=np.float32)

    def zeros(self, name: str, *shape: int) -> None:
        self.items[name] = np.zeros(shape, dtype=np.float32)


def _modality_keys(writer: gguf.GGUFWriter, prefix: str, *, n_embd: int, n_ff: int, n_layer: int,
                   n_head: int, projection_dim: int, eps: float = 1e-6) -> None:
    writer.add_uint32(f"clip.{prefix}.embedding_length", n_embd)
    writer.add_uint32(f"clip.{prefix}.feed_forward_length", n_ff)
    writer.add_uint32(f"clip.{prefix}.block_count", n_layer)
    writer.add_uint32(f"clip.{prefix}.attention.head_count", n_head)
    writer.add_uint32(f"clip.{prefix}.projection_dim", projection_dim)
    writer.add_float32(f"clip.{prefix}.attention.layer_norm_epsilon", eps)


def _vision_keys(writer: gguf.GGUFWriter, projector_type: str, *, image_size: int, patch_size: int,
                 mean: float, std: float) -> None:
    writer.add_bool("clip.has_vision_encoder", True)
    writer.add_string("clip.vision.projector_type", projector_type)
    writer.add_uint32("clip.vision.image_size", image_size)
    writer.add_uint32("clip.vision.patch_size", patch_size)
    writer.add_array("clip.vision.image_mean", [float(mean)] * 3)
    writer.add_array("clip.vision.image_std", [float(std)] * 3)


def _write(path: Path, name: str, configure, tensors: _Tensors) -> Path:
    path = Path(path)
    writer = gguf.GGUFWriter(str(path), "clip")
    writer.add_type("mmproj")
    writer.add_name(name)
    configure(writer)
    for tensor_name, data in tensors.items.items():
        writer.add_tensor(tensor_name, data)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_gemma3nv_projector(path: Path, n_embd: int = TEXT_N_EMBD, with_gemma3na_header: bool = False) -> Path:
    """Gemma 3n's MobileNetV5 cut down to a stem and one edge-residual block: 16 px in, 16 tokens out.

    libmtmd requires the last feature map's channel count to equal clip.vision.embedding_length,
    and it compares that width with the text model's n_embd.
    """
    stem, expanded = 8, 16
    tensors = _Tensors(seed=3)
    tensors.random("v.conv_stem.conv.weight", stem, 3, 3, 3, scale=0.2)
    tensors.random("v.blk.0.0.conv_exp.weight", expanded, stem, 3, 3, scale=0.2)
    tensors.ones("v.blk.0.0.bn1.weight", expanded)
    tensors.random("v.blk.0.0.conv_pwl.weight", n_embd, expanded, 1, 1, scale=0.2)
    tensors.ones("v.blk.0.0.bn2.weight", n_embd)
    tensors.ones("v.msfa.norm.weight", n_embd)
    tensors.ones("mm.soft_emb_norm.weight", n_embd)
    tensors.random("mm.input_projection.weight", n_embd, n_embd)

    def configure(writer: gguf.GGUFWriter) -> None:
        # token count = image_size / patch_size (libmtmd's formula); the graph gives (16/4)² = 16.
        _vision_keys(writer, "gemma3nv", image_size=16, patch_size=1, mean=0.0, std=1.0)
        _modality_keys(writer, "vision", n_embd=n_embd, n_ff=2 * n_embd, n_layer=1, n_head=1,
                       projection_dim=n_embd)
        if with_gemma3na_header:
            # As in a real Gemma 3n projector: the audio encoder is declared next to the vision
            # one; libmtmd 0.3.36 skips it (no tensors needed for that).
            _audio_keys(writer, "gemma3na", 128)
            _modality_keys(writer, "audio", n_embd=1536, n_ff=6144, n_layer=12, n_head=8,
                           projection_dim=n_embd)

    return _write(path, "tiny gemma3nv", configure, tensors)


def write_gemma3_projector(path: Path, n_embd: int = TEXT_N_EMBD) -> Path:
    """SigLIP-style Gemma 3 projector: 64 px, patch 8, one block, 2×2 pooling → 16 tokens."""
    hidden, ff, image_size, patch = 64, 128, 64, 8  # ff ≠ hidden, else libmtmd swaps up/down
    n_patches = (image_size // patch) ** 2
    tensors = _Tensors(seed=4)
    tensors.random("v.patch_embd.weight", hidden, 3, patch, patch)
    tensors.zeros("v.patch_embd.bias", hidden)
    tensors.random("v.position_embd.weight", n_patches, hidden)
    for part in ("attn_q", "attn_k", "attn_v", "attn_out"):
        tensors.random(f"v.blk.0.{part}.weight", hidden, hidden)
        tensors.zeros(f"v.blk.0.{part}.bias", hidden)
    tensors.random("v.blk.0.ffn_up.weight", ff, hidden)
    tensors.zeros("v.blk.0.ffn_up.bias", ff)
    tensors.random("v.blk.0.ffn_down.weight", hidden, ff)
    tensors.zeros("v.blk.0.ffn_down.bias", hidden)
    for norm in ("v.blk.0.ln1", "v.blk.0.ln2", "v.post_ln"):
        tensors.ones(f"{norm}.weight", hidden)
        tensors.zeros(f"{norm}.bias", hidden)
    tensors.ones("mm.soft_emb_norm.weight", hidden)
    tensors.random("mm.input_projection.weight", hidden, n_embd)  # ggml ne [n_embd, hidden]

    def configure(writer: gguf.GGUFWriter) -> None:
        _vision_keys(writer, "gemma3", image_size=image_size, patch_size=patch, mean=0.5, std=0.5)
        _modality_keys(writer, "vision", n_embd=hidden, n_ff=ff, n_layer=1, n_head=4,
                       projection_dim=n_embd)
        writer.add_bool("clip.use_gelu", True)
        # The default pooling (4) would leave 2×2 patches → 1 token; 2 gives 4×4 = 16.
        writer.add_uint32("clip.vision.projector.scale_factor", 2)

    return _write(path, "tiny gemma3", configure, tensors)


def write_audio_projector(path: Path, n_embd: int = TEXT_N_EMBD, kind: str = "gemma4ua") -> Path:
    """An audio-only projector: `gemma4ua` (Gemma 4 style, 25 tokens/s, one chunk) or
    `ultravox` (whisper encoder, clips padded to and split at 30 s)."""
    if kind == "gemma4ua":
        return _write_gemma4ua(path, n_embd)
    if kind == "ultravox":
        return _write_ultravox(path, n_embd)
    raise ValueError(f"unknown audio projector kind {kind!r}; choose from {AUDIO_KINDS}")


def write_mismatched_projector(path: Path) -> Path:
    """A Gemma 3n-style projector for a 512-wide text model: it does not fit the 640-wide 270M."""
    return write_gemma3nv_projector(path, n_embd=512)


def _audio_keys(writer: gguf.GGUFWriter, projector_type: str, n_mel_bins: int) -> None:
    writer.add_bool("clip.has_audio_encoder", True)
    writer.add_string("clip.audio.projector_type", projector_type)
    writer.add_uint32("clip.audio.num_mel_bins", n_mel_bins)


def _write_gemma4ua(path: Path, n_embd: int) -> Path:
    frame = 640  # raw 16 kHz samples per token: 16000 / 640 = 25 tokens/s
    tensors = _Tensors(seed=5)
    tensors.random("mm.a.input_projection.weight", n_embd, frame)  # ggml ne [640, n_embd]

    def configure(writer: gguf.GGUFWriter) -> None:
        _audio_keys(writer, "gemma4ua", frame)
        _modality_keys(writer, "audio", n_embd=frame, n_ff=frame, n_layer=0, n_head=1,
                       projection_dim=n_embd)

    return _write(path, "tiny gemma4ua", configure, tensors)


def _write_ultravox(path: Path, n_embd: int) -> Path:
    # A 30-s chunk is 3000 mel frames → 1500 after the stride-2 conv; the stack factor must
    # divide 1500 or libmtmd's token count and graph disagree (GGML_ASSERT).
    hidden, ff, n_mel, stack, mid, positions = 64, 128, 128, 4, 128, 1500
    tensors = _Tensors(seed=6)
    tensors.random("a.conv1d.1.weight", hidden, n_mel, 3, scale=0.05)
    tensors.zeros("a.conv1d.1.bias", hidden, 1)
    tensors.random("a.conv1d.2.weight", hidden, hidden, 3, scale=0.05)
    tensors.zeros("a.conv1d.2.bias", hidden, 1)
    tensors.random("a.position_embd.weight", positions, hidden)
    for part in ("attn_q", "attn_k", "attn_v", "attn_out"):
        tensors.random(f"a.blk.0.{part}.weight", hidden, hidden)
        if part != "attn_k":  # whisper has no key bias; libmtmd asserts on one
            tensors.zeros(f"a.blk.0.{part}.bias", hidden)
    tensors.random("a.blk.0.ffn_up.weight", ff, hidden)
    tensors.zeros("a.blk.0.ffn_up.bias", ff)
    tensors.random("a.blk.0.ffn_down.weight", hidden, ff)
    tensors.zeros("a.blk.0.ffn_down.bias", hidden)
    for norm in ("a.blk.0.ln1", "a.blk.0.ln2", "a.post_ln"):
        tensors.ones(f"{norm}.weight", hidden)
        tensors.zeros(f"{norm}.bias", hidden)
    tensors.ones("mm.a.norm_pre.weight", hidden * stack)
    tensors.random("mm.a.mlp.1.weight", 2 * mid, hidden * stack)
    tensors.ones("mm.a.norm_mid.weight", mid)
    tensors.random("mm.a.mlp.2.weight", n_embd, mid)

    def configure(writer: gguf.GGUFWriter) -> None:
        _audio_keys(writer, "ultravox", n_mel)
        writer.add_uint32("clip.audio.projector.stack_factor", stack)
        _modality_keys(writer, "audio", n_embd=hidden, n_ff=ff, n_layer=1, n_head=4,
                       projection_dim=n_embd, eps=1e-5)

    return _write(path, "tiny ultravox", configure, tensors)
