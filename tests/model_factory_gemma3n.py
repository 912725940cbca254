"""Random-weight GGUF files with the real Gemma 3n text architecture (altup, LAuReL, per-layer
embeddings), for tests and benchmarks that need Gemma 3n's shapes without a download.

The output is noise; the compute and memory are those of the real model. Names, shapes and keys
follow llama.cpp's gemma3n loader (vendored `src/models/gemma3n.cpp`) and the `gguf` constants
(`MODEL_TENSORS[MODEL_ARCH.GEMMA3N]`). That loader fixes some hyper-parameters whatever the
file says: per-layer input width 256, LAuReL rank 64, 4 altup inputs, KV sharing from layer 20 and
activation sparsity on the first 10 layers, so every preset here uses exactly those.

- "e2b": Gemma 3n E2B's text model (30 layers, width 2048, FFN 8192, 8 heads of 256, 2 KV
  heads). Written as F16/F32, then quantized to Q4_K_M with `llama_model_quantize`
  (≈ 3 GB; the F16 intermediate, ≈ 9 GB, is deleted). Minutes on two cores.
- "tiny": the same architecture at width 256 with 4 layers (llama.cpp accepts fewer than 20
  layers: no layer then shares another's KV cache). Written directly, with the two vocabulary
  tables as Q4_0 (≈ 190 MB); about a second.

The tokenizer is the Gemma 3 one copied from the 270M file, padded to Gemma 3n's 262,400 entries
with Gemma 3n's multimodal tokens at their ids (256000 becomes <start_of_audio>).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

import gguf
import numpy as np

from tests.random_gguf import RandomTensor, add_tokenizer, quantize, read_tokenizer, write_once, write_random_gguf

FACTORY_VERSION = 1  # bump when the files this writes change
ARCH = "gemma3n"
VOCAB_SIZE = 262_400
PER_LAYER_WIDTH = 256  # llama.cpp: hparams.n_embd_altup
LAUREL_RANK = 64
ALTUP_INPUTS = 4
KV_SHARED_FROM_LAYER = 20  # llama.cpp: n_layer_kv_from_start
SPARSE_LAYERS = 10  # llama.cpp: n_layer_sparsity
SPARSITY_STD_MULTIPLIER = 1.6448533535003662  # normal icdf(0.95), as the converter writes it

GEMMA3N_SPECIAL_TOKENS = {
    256_000: "<start_of_audio>",
    262_144: "<end_of_image>",
    262_145: "<image_soft_token>",
    262_272: "<end_of_audio>",
    262_273: "<audio_soft_token>",
}
_TOKEN_TYPE_CONTROL = 3
_TOKEN_TYPE_UNUSED = 5
F16, F32 = gguf.GGMLQuantizationType.F16, gguf.GGMLQuantizationType.F32


@dataclass(frozen=True)
class Gemma3nShape:
    n_embd: int
    n_layer: int
    n_head: int
    n_head_kv: int
    head_dim: int
    n_ff: int
    context_length: int = 32_768
    sliding_window: int = 512
    vocab_table_type: gguf.GGMLQuantizationType | None = None  # None: F16, then quantized
    quantize_to: str | None = None  # "Q4_K_M" or None

    @property
    def shared_kv_layers(self) -> int:
        return max(0, self.n_layer - KV_SHARED_FROM_LAYER)

    @property
    def sliding_window_pattern(self) -> list[bool]:
        # Gemma 3n: four sliding-window layers, then one global one.
        return [(layer % 5) != 4 for layer in range(self.n_layer)]


PRESETS: dict[str, Gemma3nShape] = {
    "e2b": Gemma3nShape(n_embd=2048, n_layer=30, n_head=8, n_head_kv=2, head_dim=256, n_ff=8192,
                        quantize_to="Q4_K_M"),
    "tiny": Gemma3nShape(n_embd=256, n_layer=4, n_head=2, n_head_kv=1, head_dim=128, n_ff=512,
                         vocab_table_type=gguf.GGMLQuantizationType.Q4_0),
}


@dataclass(frozen=True)
class Vocabulary:
    tokens: list[bytes]
    scores: np.ndarray
    token_types: np.ndarray
    scalars: dict  # the other tokenizer.ggml.* keys: (value, GGUFValueType)


def write_random_gemma3n_gguf(
    path: Path,
    *,
    preset: str = "e2b",
    vocab_from: Path,
    n_embd: int | None = None,
    n_layer: int | None = None,
    seed: int = 0,
) -> Path:
    """Write a random-weight Gemma 3n text GGUF to `path` and return it.

    `vocab_from` is a Gemma 3 GGUF (the 270M file) or an .npz from `tests.random_gguf.save_tokenizer`.
    `n_embd` / `n_layer` override the preset (e.g. a tiny model as wide as a test projector).
    """
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose from {sorted(PRESETS)}")
    shape = PRESETS[preset]
    if n_embd is not None:
        shape = replace(shape, n_embd=n_embd)
    if n_layer is not None:
        shape = replace(shape, n_layer=n_layer)
    path = Path(path)
    vocabulary = gemma3n_vocabulary(Path(vocab_from))
    tensors = gemma3n_tensors(shape)

    def metadata(file_type: gguf.LlamaFileType):
        def add(writer: gguf.GGUFWriter) -> None:
            _add_metadata(writer, shape, file_type)
            add_tokenizer(writer, vocabulary.tokens, vocabulary.scores, vocabulary.token_types, vocabulary.scalars)
        return add

    if shape.quantize_to is None:
        return write_random_gguf(path, ARCH, tensors, metadata(gguf.LlamaFileType.MOSTLY_Q4_0), seed)
    staging = path.with_name(path.name + ".f16.tmp")
    try:
        write_random_gguf(staging, ARCH, tensors, metadata(gguf.LlamaFileType.MOSTLY_F16), seed)
        quantize(staging, path, shape.quantize_to)
    finally:
        staging.unlink(missing_ok=True)
    return path


def random_gemma3n_file_name(preset: str, **overrides) -> str:
    suffix = "".join(f"-{key}{value}" for key, value in sorted(overrides.items()))
    return f"gemma3n-{preset}{suffix}-random-v{FACTORY_VERSION}.gguf"


def cached_random_gemma3n(folder: Path, *, preset: str = "tiny", vocab_from: Path, **overrides) -> Path:
    """The file for `preset` in `folder`, written once (atomically) and reused after that."""
    target = Path(folder) / random_gemma3n_file_name(preset, **overrides)
    return write_once(target, lambda partial: write_random_gemma3n_gguf(
        partial, preset=preset, vocab_from=vocab_from, **overrides))


# -- tokenizer ---------------------------------------------------------------------------------

def gemma3n_vocabulary(vocab_from: Path) -> Vocabulary:
    """The Gemma 3 tokenizer of `vocab_from`, padded to Gemma 3n's vocabulary."""
    stat = vocab_from.stat()
    return _padded_vocabulary(str(vocab_from.resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _padded_vocabulary(path: str, _size: int, _mtime: int) -> Vocabulary:
    fields = read_tokenizer(Path(path))
    tokens = list(fields.pop("tokenizer.ggml.tokens")[0])
    scores = np.asarray(fields.pop("tokenizer.ggml.scores")[0], dtype=np.float32)
    types = np.asarray(fields.pop("tokenizer.ggml.token_type")[0], dtype=np.int32)
    if len(tokens) > VOCAB_SIZE:
        raise ValueError(f"{Path(path).name} has {len(tokens)} tokens, more than Gemma 3n's {VOCAB_SIZE}")
    control_type = int(types[255_999])  # <start_of_image>, the same in both families
    extra = VOCAB_SIZE - len(tokens)
    tokens += [f"<unused_mm_{index}>".encode() for index in range(len(tokens), VOCAB_SIZE)]
    scores = np.concatenate([scores, np.zeros(extra, np.float32)])
    types = np.concatenate([types, np.full(extra, _TOKEN_TYPE_UNUSED, np.int32)])
    for token_id, text in GEMMA3N_SPECIAL_TOKENS.items():
        tokens[token_id] = text.encode()
        types[token_id] = control_type or _TOKEN_TYPE_CONTROL
    return Vocabulary(tokens, scores, types, fields)


# -- tensors and metadata ----------------------------------------------------------------------

def gemma3n_tensors(shape: Gemma3nShape) -> list[RandomTensor]:
    """Every tensor llama.cpp's gemma3n loader creates (the output head is tied to token_embd)."""
    table = shape.vocab_table_type or F16
    e, per_layer, n_layer = shape.n_embd, PER_LAYER_WIDTH, shape.n_layer
    q_width, kv_width = shape.n_head * shape.head_dim, shape.n_head_kv * shape.head_dim
    tensors = [
        RandomTensor("token_embd.weight", (VOCAB_SIZE, e), "matrix", table),
        RandomTensor("per_layer_token_embd.weight", (VOCAB_SIZE, per_layer * n_layer), "matrix", table),
        RandomTensor("per_layer_model_proj.weight", (per_layer * n_layer, e), "matrix", F16),
        RandomTensor("per_layer_proj_norm.weight", (per_layer,), "norm", F32),
        RandomTensor("altup_proj.weight", (ALTUP_INPUTS - 1, e, e), "matrix", F16),
        RandomTensor("altup_unembd_proj.weight", (ALTUP_INPUTS - 1, e, e), "matrix", F16),
        RandomTensor("output_norm.weight", (e,), "norm", F32),
    ]
    for layer in range(n_layer):
        b = f"blk.{layer}."
        tensors += [
            RandomTensor(b + "attn_norm.weight", (e,), "norm", F32),
            RandomTensor(b + "attn_q.weight", (q_width, e), "matrix", F16),
            RandomTensor(b + "attn_k.weight", (kv_width, e), "matrix", F16),
            RandomTensor(b + "attn_v.weight", (kv_width, e), "matrix", F16),
            RandomTensor(b + "attn_output.weight", (e, q_width), "matrix", F16),
            RandomTensor(b + "attn_q_norm.weight", (shape.head_dim,), "norm", F32),
            RandomTensor(b + "attn_k_norm.weight", (shape.head_dim,), "norm", F32),
            RandomTensor(b + "post_attention_norm.weight", (e,), "norm", F32),
            RandomTensor(b + "ffn_norm.weight", (e,), "norm", F32),
            RandomTensor(b + "ffn_gate.weight", (shape.n_ff, e), "matrix", F16),
            RandomTensor(b + "ffn_up.weight", (shape.n_ff, e), "matrix", F16),
            RandomTensor(b + "ffn_down.weight", (e, shape.n_ff), "matrix", F16),
            RandomTensor(b + "post_ffw_norm.weight", (e,), "norm", F32),
            RandomTensor(b + "inp_gate.weight", (per_layer, e), "matrix", F16),
            RandomTensor(b + "proj.weight", (e, per_layer), "matrix", F16),
            RandomTensor(b + "post_norm.weight", (e,), "norm", F32),
            RandomTensor(b + "altup_correct_coef.weight", (ALTUP_INPUTS, ALTUP_INPUTS), "small", F32),
            RandomTensor(b + "altup_correct_scale.weight", (e,), "norm", F32),
            RandomTensor(b + "altup_predict_coef.weight", (ALTUP_INPUTS * ALTUP_INPUTS, ALTUP_INPUTS), "small", F32),
            RandomTensor(b + "altup_router.weight", (ALTUP_INPUTS, e), "small", F32),
            RandomTensor(b + "altup_router_norm.weight", (e,), "norm", F32),
            RandomTensor(b + "laurel_l.weight", (LAUREL_RANK, e), "matrix", F16),
            RandomTensor(b + "laurel_r.weight", (e, LAUREL_RANK), "matrix", F16),
            RandomTensor(b + "laurel_post_norm.weight", (e,), "norm", F32),
        ]
    return tensors


def _add_metadata(writer: gguf.GGUFWriter, shape: Gemma3nShape, file_type: gguf.LlamaFileType) -> None:
    writer.add_type("model")
    writer.add_name(f"Gemma 3n random {shape.n_layer}L-{shape.n_embd} (random weights, not a model)")
    writer.add_file_type(int(file_type))
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
    writer.add_context_length(shape.context_length)
    writer.add_embedding_length(shape.n_embd)
    writer.add_block_count(shape.n_layer)
    writer.add_feed_forward_length([shape.n_ff] * shape.n_layer)
    writer.add_head_count(shape.n_head)
    writer.add_head_count_kv(shape.n_head_kv)
    writer.add_key_length(shape.head_dim)
    writer.add_value_length(shape.head_dim)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_rope_freq_base(1_000_000.0)
    writer.add_rope_freq_base_swa(10_000.0)
    writer.add_sliding_window(shape.sliding_window)
    writer.add_sliding_window_pattern(shape.sliding_window_pattern)
    writer.add_final_logit_softcapping(30.0)
    writer.add_altup_active_idx(0)
    writer.add_altup_num_inputs(ALTUP_INPUTS)
    writer.add_embedding_length_per_layer_input(PER_LAYER_WIDTH)
    writer.add_shared_kv_layers(shape.shared_kv_layers)
    writer.add_activation_sparsity_scale(
        [SPARSITY_STD_MULTIPLIER if layer < SPARSE_LAYERS else 0.0 for layer in range(shape.n_layer)]
    )
