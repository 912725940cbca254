"""llama.cpp load and context settings that llama_cpp.Llama has no argument for.

`Llama.__init__` builds its `llama_model_params` and `llama_context_params` from llama.cpp's
defaults and uses them at once, so the only door is the defaults themselves: while a model loads
we hand it defaults that carry our extra fields (more sequences, a unified KV cache, tensor
buffer-type overrides). Everything else Llama sets on top as usual.

Flash attention is the exception: Llama takes it as a bool and writes `flash_attn_type` itself
(ENABLED or DISABLED) after reading the defaults, so llama.cpp's AUTO cannot come through them.
The context is created by `llama_cpp.llama_init_from_model`, which `_internals.LlamaContext`
looks up at call time; while a model loads that function sets the type on the params first.
"""

from __future__ import annotations

import ctypes
from contextlib import contextmanager
from typing import Callable, Iterator

from llama_cpp import llama_cpp


class TensorBuftOverride(ctypes.Structure):
    # struct llama_model_tensor_buft_override { const char * pattern; ggml_backend_buffer_type_t buft; }
    _fields_ = [("pattern", ctypes.c_char_p), ("buft", ctypes.c_void_p)]


class TensorOverrides:
    """Tensor-name patterns (regular expressions, searched) → the device whose buffer type holds them."""

    def __init__(self) -> None:
        self.rules: list[tuple[str, str]] = []  # (pattern, "CPU")
        self._array = None

    def add(self, pattern: str, device: str) -> None:
        if device != "CPU":
            raise ValueError(f"only CPU overrides are supported, not {device!r}")
        self.rules.append((pattern, device))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def as_native(self) -> ctypes.Array:
        """The NULL-terminated array llama.cpp reads; kept alive by this object."""
        if self._array is None:
            array = (TensorBuftOverride * (len(self.rules) + 1))()
            for index, (pattern, _device) in enumerate(self.rules):
                array[index].pattern = pattern.encode()
                array[index].buft = cpu_buffer_type()
            self._array = array
        return self._array


def cpu_buffer_type() -> int:
    """ggml's plain CPU buffer type (host memory; mmap-backed when the model is memory-mapped)."""
    # libllama's handle reaches ggml's symbols (its dependency), wherever the libraries were
    # loaded from; llama_cpp._ggml looks only in the package's own lib/ folder, which a build
    # pointed at by LLAMA_CPP_LIB_PATH does not fill (seen on the GPU machine).
    libggml = llama_cpp._lib
    libggml.ggml_backend_dev_by_type.restype = ctypes.c_void_p
    libggml.ggml_backend_dev_by_type.argtypes = [ctypes.c_int]
    libggml.ggml_backend_dev_buffer_type.restype = ctypes.c_void_p
    libggml.ggml_backend_dev_buffer_type.argtypes = [ctypes.c_void_p]
    device = libggml.ggml_backend_dev_by_type(0)  # GGML_BACKEND_DEVICE_TYPE_CPU
    if not device:
        raise RuntimeError("llama.cpp has no CPU device")
    buffer_type = libggml.ggml_backend_dev_buffer_type(device)
    if not buffer_type:
        raise RuntimeError("llama.cpp's CPU device has no buffer type")
    return buffer_type


@contextmanager
def native_params(
    *, flash_attn_type: int, n_seq_max: int | None = None, kv_unified: bool | None = None,
    overrides: TensorOverrides | None = None, on_progress: Callable[[float], None] | None = None,
) -> Iterator[None]:
    """Within the block, llama.cpp's default model/context params carry these fields (one given as
    None keeps llama.cpp's default), and every context is created with `flash_attn_type` (a
    LLAMA_FLASH_ATTN_TYPE_*).

    `on_progress` gets llama.cpp's own load progress (0..1, as it reads and uploads tensors)."""
    model_defaults = llama_cpp.llama_model_default_params
    context_defaults = llama_cpp.llama_context_default_params
    init_from_model = llama_cpp.llama_init_from_model
    progress_callback = None if on_progress is None else _progress_callback(on_progress)

    def model_params():
        params = model_defaults()
        if overrides:
            params.tensor_buft_overrides = ctypes.cast(overrides.as_native(), ctypes.c_void_p)
        if progress_callback is not None:
            params.progress_callback = progress_callback  # kept alive by this frame for the load
        return params

    def context_params():
        params = context_defaults()
        if n_seq_max is not None:
            params.n_seq_max = n_seq_max
        if kv_unified is not None:
            params.kv_unified = kv_unified
        return params

    def init_context(model, params):
        # The same params object Llama keeps as `context_params`, so it too says what was asked.
        params.flash_attn_type = flash_attn_type
        return init_from_model(model, params)

    llama_cpp.llama_model_default_params = model_params
    llama_cpp.llama_context_default_params = context_params
    llama_cpp.llama_init_from_model = init_context
    try:
        yield
    finally:
        llama_cpp.llama_model_default_params = model_defaults
        llama_cpp.llama_context_default_params = context_defaults
        llama_cpp.llama_init_from_model = init_from_model


def _progress_callback(on_progress: Callable[[float], None]):
    """llama.cpp calls back once per tensor (hundreds of times); we pass on whole percents."""
    last = [-1]

    def report(progress: float, _user_data) -> bool:
        percent = int(progress * 100)
        if percent != last[0]:
            last[0] = percent
            on_progress(percent / 100)
        return True  # go on loading

    return llama_cpp.llama_progress_callback(report)
