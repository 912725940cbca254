"""Creating the llama_cpp.Llama object for a validated model file, with load progress."""

from __future__ import annotations

from typing import Callable

from llama_cpp import Llama, llama_cpp

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.gil_turns import short_gil_turns
from app.core.engine.kv_sequence import N_SEQUENCES
from app.core.engine.native_params import TensorOverrides, native_params
from app.core.engine.options import LoadOptions
from app.core.models.gguf_file import ModelFileError, ModelFileInfo

_KV_TYPES = {"f16": llama_cpp.GGML_TYPE_F16, "q8_0": llama_cpp.GGML_TYPE_Q8_0}
_FLASH_ATTENTION_TYPES = {
    "auto": llama_cpp.LLAMA_FLASH_ATTN_TYPE_AUTO,  # llama.cpp's own default: on where the backend runs it
    "on": llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED,
    "off": llama_cpp.LLAMA_FLASH_ATTN_TYPE_DISABLED,
}


def load_llama(
    options: LoadOptions, info: ModelFileInfo, on_progress: Callable[[float], None] | None = None
) -> Llama:
    overrides = tensor_overrides(options)
    # The chat and one-off requests (dictation) get a sequence each in one unified cache.
    # Progress is llama.cpp's own (its load-progress callback): no extra pass over the file.
    with short_gil_turns():
        llama = create_llama(options, n_ctx=min(options.n_ctx, info.context_length), n_seq_max=N_SEQUENCES,
                             kv_unified=True, overrides=overrides, on_progress=on_progress)
    llama.gemma_desk_tensor_overrides = overrides  # the patterns must outlive the load
    if on_progress is not None:
        on_progress(1.0)
    return llama


def create_llama(
    options: LoadOptions, *, n_ctx: int | None = None, n_seq_max: int | None = None,
    kv_unified: bool | None = None, overrides: TensorOverrides | None = None,
    on_progress: Callable[[float], None] | None = None, **arguments,
) -> Llama:
    """`Llama(...)` for `options`, with what its constructor has no argument for (flash attention's
    type among them) set through `native_params`. The app's load, the load probe and the
    benchmarks' reference all open models here; `arguments` replace `llama_arguments`' own.
    A file llama.cpp refuses is a ModelFileError."""
    try:
        flash_attn_type = flash_attention_type(options)
        keywords = llama_arguments(options, n_ctx=n_ctx) | arguments
        with native_params(flash_attn_type=flash_attn_type, n_seq_max=n_seq_max, kv_unified=kv_unified,
                           overrides=overrides, on_progress=on_progress):
            return Llama(**keywords)
    except (ValueError, RuntimeError) as error:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "llama.cpp could not load {name}: {error}",
            ),
            name=options.model_path.name, error=error,
        ) from error


def flash_attention_type(options: LoadOptions) -> int:
    """llama.cpp's flash_attn_type for `options`: the one place the setting is decided."""
    if options.kv_cache_type != "f16":
        return llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED  # a quantized V cache needs flash attention
    if options.flash_attention not in _FLASH_ATTENTION_TYPES:
        raise ValueError(f"flash_attention must be one of {', '.join(_FLASH_ATTENTION_TYPES)}, "
                         f"not {options.flash_attention!r}")
    return _FLASH_ATTENTION_TYPES[options.flash_attention]


def llama_arguments(options: LoadOptions, *, n_ctx: int | None = None) -> dict:
    """The keyword arguments of `Llama(...)` for `options`. Open models with `create_llama`: Llama
    has only a bool for flash attention, and only create_llama gives llama.cpp its AUTO."""
    if options.kv_cache_type not in _KV_TYPES:
        raise ModelFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Unknown KV cache type {kv_cache_type!r}.",
            ),
            kv_cache_type=options.kv_cache_type,
        )
    kv_type = _KV_TYPES[options.kv_cache_type]
    return dict(
        model_path=str(options.model_path),
        n_ctx=options.n_ctx if n_ctx is None else n_ctx,
        n_batch=options.n_batch,
        n_ubatch=options.n_batch,
        n_threads=options.n_threads,
        n_threads_batch=options.n_threads,
        n_gpu_layers=options.n_gpu_layers,
        main_gpu=options.main_gpu,
        # What Llama records; the type llama.cpp gets is set by create_llama (AUTO has no bool).
        flash_attn=flash_attention_type(options) == llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED,
        type_k=kv_type,
        type_v=kv_type,
        use_mmap=options.use_mmap,
        use_mlock=options.use_mlock,
        # Keep the whole sliding-window cache, so rolling back to an earlier turn stays valid.
        swa_full=True,
        verbose=False,
    )


def tensor_overrides(options: LoadOptions) -> TensorOverrides:
    """Which tensors go to which buffer type, whatever llama.cpp would pick."""
    overrides = TensorOverrides()
    if options.per_layer_embeddings_on_cpu:
        # Gemma 3n / 4's per-layer embedding table is an "input" tensor, which llama.cpp puts in
        # host memory, but on a GPU build that is the GPU's pinned host buffer: the whole table
        # (gigabytes) is read into page-locked RAM. The plain CPU buffer type keeps it mapped from
        # the file instead, paged in as rows are used.
        overrides.add(PER_LAYER_TABLE_PATTERN, "CPU")
    return overrides


PER_LAYER_TABLE_PATTERN = r"^per_layer_token_embd\.weight$"

