"""How much RAM and VRAM a model needs, read from its GGUF tensor table, and how many layers fit.

What llama.cpp (0.3.36) does, and what the numbers follow:
- `n_gpu_layers = N` offloads the last N blocks; N > block_count also moves the output head
  (for Gemma, whose output is tied to token_embd, a second copy of that table). The input
  tensors — token_embd and Gemma 3n/4's per_layer_token_embd — always stay in CPU memory.
- The KV cache lives with its layer. The engine sets swa_full=True, so sliding-window layers
  hold the whole context too; Gemma 3n keeps KV only for its first 20 layers and Gemma 4 for
  all but `shared_kv_layers`; n_ctx is padded to a multiple of 256.
- Without flash attention, prompt processing materialises the attention scores (and their
  softmax) for one micro-batch: 2 × n_ubatch × n_ctx × n_head floats. This dominates the working
  set at long contexts. "auto" counts as on: llama.cpp's context keeps it on unless the flash
  attention of some layer lands on another device than the layer's own (`resolve_fused_ops`: the
  backend lacks the kernel), which for layers on the CPU never happens. On a GPU the compute
  buffer is reserved up front, with room for the logits of a whole micro-batch when the output
  head is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.gguf_file import checked_block_count, open_gguf
from app.core.models.gguf_header import ArrayInfo, GGUFHeader
from app.core.errors import UserError

GB = 1_000_000_000
MB = 1_000_000
KV_BYTES_PER_VALUE = {"f16": 2.0, "q8_0": 34 / 32}
N_UBATCH = 512
RUNTIME_OVERHEAD = 64 * MB  # vocabulary, output buffer, thread pools
DEFAULT_VRAM_MARGIN = 512 * MB
DEFAULT_RAM_MARGIN = 256 * MB
_SWA_PATTERN_DEFAULTS = {"gemma3": 6, "gemma3n": 5}
_GEMMA3N_KV_LAYERS = 20  # llama.cpp hard-codes it (src/models/gemma3n.cpp)


class MemoryFitError(UserError):
    """The model cannot be loaded in the memory that is free; the message gives the numbers."""

    def __init__(
        self, message: str, *, needed_bytes: int, free_bytes: int, where: str, **arguments: object
    ) -> None:
        super().__init__(message, **arguments)
        self.needed_bytes = needed_bytes
        self.free_bytes = free_bytes
        self.where = where


@dataclass(frozen=True)
class ModelMemoryFacts:
    """The sizes that matter, per place they can live. Built from a GGUF or by hand in tests."""

    name: str
    layer_bytes: tuple[int, ...]  # weights of blk.N
    kv_values_per_token: tuple[int, ...]  # K+V values one cached token costs in layer N
    input_bytes: int  # token_embd: always CPU
    per_layer_table_bytes: int  # per_layer_token_embd: always CPU
    output_bytes: int  # every other non-block tensor; on the GPU only with all layers
    tied_output_bytes: int  # a GPU copy of token_embd when the output head is tied to it
    n_embd: int
    n_ff: int
    n_head: int
    n_vocab: int
    context_length: int
    architecture: str = ""  # general.architecture: with n_layer and n_embd, the model's family and size

    @property
    def n_layer(self) -> int:
        return len(self.layer_bytes)

    @property
    def weight_bytes(self) -> int:
        return sum(self.layer_bytes) + self.input_bytes + self.per_layer_table_bytes + self.output_bytes


@dataclass(frozen=True)
class MemorySplit:
    ram_bytes: int
    vram_bytes: int
    n_gpu_layers: int

    def describe(self) -> str:
        text = f"≈ {format_bytes(self.ram_bytes)} RAM"
        if self.vram_bytes:
            text += f" + {format_bytes(self.vram_bytes)} VRAM"
        return text


@dataclass(frozen=True)
class MemoryEstimate:
    facts: ModelMemoryFacts
    n_ctx: int
    kv_cache_type: str = "f16"
    flash_attention: str = "auto"  # "auto", "on" or "off", as the load options hold it
    projector_bytes: int = 0
    n_ubatch: int = N_UBATCH

    @property
    def max_gpu_layers(self) -> int:
        """Blocks plus the output head: the `n_gpu_layers` that means "everything"."""
        return self.facts.n_layer + 1

    @property
    def cached_tokens(self) -> int:
        n_ctx = min(self.n_ctx, self.facts.context_length) if self.facts.context_length else self.n_ctx
        return -(-n_ctx // 256) * 256

    @property
    def kv_layer_bytes(self) -> tuple[int, ...]:
        per_value = KV_BYTES_PER_VALUE[self.kv_cache_type]
        return tuple(int(values * self.cached_tokens * per_value) for values in self.facts.kv_values_per_token)

    @property
    def kv_bytes(self) -> int:
        return sum(self.kv_layer_bytes)

    @property
    def working_buffer_bytes(self) -> int:
        """Activations of one micro-batch at a full context: touched while a long prompt runs."""
        facts = self.facts
        activations = self.n_ubatch * 4 * (facts.n_embd * 6 + facts.n_ff * 3)
        # Only "off" with an f16 cache goes without (a quantized V cache forces it on: loading.py).
        if self.flash_attention == "off" and self.kv_cache_type == "f16":
            activations += 2 * self.n_ubatch * self.cached_tokens * facts.n_head * 4
        return activations

    def split(self, n_gpu_layers: int) -> MemorySplit:
        facts = self.facts
        n_gpu = max(0, min(n_gpu_layers, self.max_gpu_layers))
        first_gpu_layer = facts.n_layer - min(n_gpu, facts.n_layer)
        kv = self.kv_layer_bytes
        cpu_layers = sum(facts.layer_bytes[i] + kv[i] for i in range(first_gpu_layer))
        gpu_layers = sum(facts.layer_bytes[i] + kv[i] for i in range(first_gpu_layer, facts.n_layer))
        output_on_gpu = n_gpu > facts.n_layer
        activations = self.working_buffer_bytes
        ram = (facts.input_bytes + facts.per_layer_table_bytes + cpu_layers + activations
               + facts.n_vocab * 4 * 2 + RUNTIME_OVERHEAD)
        vram = 0
        if n_gpu:
            vram = gpu_layers + activations + self.projector_bytes
            if output_on_gpu:
                vram += facts.output_bytes + facts.tied_output_bytes + self.n_ubatch * facts.n_vocab * 4
            else:
                ram += facts.output_bytes
        else:
            ram += facts.output_bytes + self.projector_bytes
        return MemorySplit(ram_bytes=ram, vram_bytes=vram, n_gpu_layers=n_gpu)

    def describe(self, n_gpu_layers: int = 0) -> str:
        return self.split(n_gpu_layers).describe()


def format_bytes(count: int) -> str:
    """'3.1 GB', '540 MB', '455 kB' (decimal units, as Hugging Face shows file sizes)."""
    if count >= GB:
        return f"{count / GB:.1f} GB"
    if count >= MB:
        return f"{count / MB:.0f} MB"
    return f"{max(count, 0) / 1000:.0f} kB"


def _arch(header: GGUFHeader, key: str, default: object = None) -> object:
    return header.get(f"{header.get('general.architecture', '')}.{key}", default)


def _layer_of(tensor_name: str) -> int | None:
    parts = tensor_name.split(".", 2)
    if parts[0] != "blk" or len(parts) < 3 or not parts[1].isdigit():
        return None
    return int(parts[1])


def read_memory_facts(path: Path, header: GGUFHeader | None = None) -> ModelMemoryFacts:
    """The sizes of a model GGUF, from its tensor table and attention metadata."""
    header = header or open_gguf(path)
    n_layer = checked_block_count(path, header)  # a damaged count is named, not priced at 800 GB
    layer_bytes = [0] * n_layer
    input_bytes = per_layer_table = output_bytes = 0
    has_output = False
    token_embd_bytes = 0
    for tensor in header.tensors:
        layer = _layer_of(tensor.name)
        if layer is not None and layer < n_layer:
            layer_bytes[layer] += tensor.n_bytes
        elif tensor.name == "token_embd.weight":
            input_bytes += tensor.n_bytes
            token_embd_bytes = tensor.n_bytes
        elif tensor.name == "per_layer_token_embd.weight":
            per_layer_table += tensor.n_bytes
        else:
            output_bytes += tensor.n_bytes
            has_output = has_output or tensor.name == "output.weight"
    n_embd = int(_arch(header, "embedding_length", 0))
    n_head = _per_layer(_arch(header, "attention.head_count", 1), n_layer)
    tokens = header.get("tokenizer.ggml.tokens")
    n_vocab = tokens.length if isinstance(tokens, ArrayInfo) else len(tokens or [])
    return ModelMemoryFacts(
        name=str(header.get("general.name", Path(path).stem)),
        layer_bytes=tuple(layer_bytes),
        kv_values_per_token=_kv_values_per_token(header, n_layer, n_embd, n_head),
        input_bytes=input_bytes,
        per_layer_table_bytes=per_layer_table,
        output_bytes=output_bytes,
        tied_output_bytes=0 if has_output else token_embd_bytes,
        n_embd=n_embd,
        n_ff=max(_per_layer(_arch(header, "feed_forward_length", 0), n_layer) or [0]),
        n_head=max(n_head or [1]),
        n_vocab=n_vocab,
        context_length=int(_arch(header, "context_length", 0)),
        architecture=str(header.get("general.architecture", "")),
    )


def _per_layer(value: object, n_layer: int) -> list[int]:
    if isinstance(value, list):
        return [int(item) for item in value][:n_layer] + [0] * max(0, n_layer - len(value))
    return [int(value or 0)] * n_layer


def _sliding_layers(header: GGUFHeader, n_layer: int) -> list[bool]:
    pattern = _arch(header, "attention.sliding_window_pattern")
    if isinstance(pattern, list):
        return [bool(item) for item in pattern][:n_layer] + [False] * max(0, n_layer - len(pattern))
    if _arch(header, "attention.sliding_window") is None:
        return [False] * n_layer
    n_pattern = int(pattern) if pattern is not None else _SWA_PATTERN_DEFAULTS.get(str(header.get("general.architecture")), 0)
    return [n_pattern == 0 or (layer % n_pattern < n_pattern - 1) for layer in range(n_layer)]


def _kv_values_per_token(header: GGUFHeader, n_layer: int, n_embd: int, n_head: list[int]) -> tuple[int, ...]:
    head_count_kv = _per_layer(_arch(header, "attention.head_count_kv", n_head), n_layer)
    default_head_dim = n_embd // max(max(n_head or [1]), 1)
    key_full = int(_arch(header, "attention.key_length", default_head_dim))
    value_full = int(_arch(header, "attention.value_length", key_full))
    key_swa = int(_arch(header, "attention.key_length_swa", key_full))
    value_swa = int(_arch(header, "attention.value_length_swa", value_full))
    sliding = _sliding_layers(header, n_layer)
    shared = _arch(header, "attention.shared_kv_layers")
    if shared is not None:
        kv_layers = n_layer - int(shared)
    elif header.get("general.architecture") == "gemma3n":
        kv_layers = min(_GEMMA3N_KV_LAYERS, n_layer)
    else:
        kv_layers = n_layer
    values = []
    for layer in range(n_layer):
        if layer >= kv_layers:
            values.append(0)
            continue
        key, value = (key_swa, value_swa) if sliding[layer] else (key_full, value_full)
        values.append(head_count_kv[layer] * (key + value))
    return tuple(values)


def estimate_memory(
    model_path: Path,
    *,
    n_ctx: int,
    kv_cache_type: str = "f16",
    flash_attention: str = "auto",
    projector_path: Path | None = None,
    facts: ModelMemoryFacts | None = None,
) -> MemoryEstimate:
    """Estimate for loading `model_path` (and its projector) with this context and KV type."""
    if kv_cache_type not in KV_BYTES_PER_VALUE:
        raise ValueError(f"Unknown KV cache type {kv_cache_type!r}; use one of {', '.join(KV_BYTES_PER_VALUE)}.")
    projector_bytes = Path(projector_path).stat().st_size if projector_path else 0
    return MemoryEstimate(
        facts=facts or read_memory_facts(Path(model_path)),
        n_ctx=n_ctx,
        kv_cache_type=kv_cache_type,
        flash_attention=flash_attention,
        projector_bytes=projector_bytes,
    )


def choose_gpu_layers(estimate: MemoryEstimate, free_vram: int, margin: int = DEFAULT_VRAM_MARGIN) -> int:
    """The most layers (0 … block_count + 1) whose VRAM need leaves `margin` bytes free."""
    best = 0
    for n_gpu in range(1, estimate.max_gpu_layers + 1):
        if estimate.split(n_gpu).vram_bytes + margin <= free_vram:
            best = n_gpu
        else:
            break
    return best


def check_fits(
    estimate: MemoryEstimate,
    n_gpu_layers: int,
    *,
    free_ram: int | None,
    free_vram: int | None,
    ram_margin: int = DEFAULT_RAM_MARGIN,
    vram_margin: int = DEFAULT_VRAM_MARGIN,
) -> MemorySplit:
    """The split for `n_gpu_layers`, or MemoryFitError when a known free amount is too small."""
    split = estimate.split(n_gpu_layers)
    context = f"with a {estimate.n_ctx:,}-token context and a {estimate.kv_cache_type} KV cache"
    name = estimate.facts.name
    if free_vram is not None and split.vram_bytes and split.vram_bytes + vram_margin > free_vram:
        raise MemoryFitError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} needs ≈ {vram_bytes} of GPU memory for {n_gpu_layers} layers "
                "{context}, but only {free_vram} is free. Offload fewer layers or choose "
                "Auto.",
            ),
            needed_bytes=split.vram_bytes, free_bytes=free_vram, where="VRAM",
            name=name,
            vram_bytes=format_bytes(split.vram_bytes),
            n_gpu_layers=split.n_gpu_layers,
            context=context,
            free_vram=format_bytes(free_vram),
        )
    if free_ram is not None and split.ram_bytes + ram_margin > free_ram:
        raise MemoryFitError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} needs ≈ {ram_bytes} of RAM {context}, but only {free_ram} is free. "
                "Choose a smaller quantization, a shorter context, a q8_0 KV cache, or close "
                "other programs.",
            ),
            needed_bytes=split.ram_bytes, free_bytes=free_ram, where="RAM",
            name=name,
            ram_bytes=format_bytes(split.ram_bytes),
            context=context,
            free_ram=format_bytes(free_ram),
        )
    return split
