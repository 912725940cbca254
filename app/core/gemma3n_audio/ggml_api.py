"""ctypes bindings to the ggml that llama-cpp-python ships (libggml-base, libggml), just the
functions the Gemma 3n audio graph uses. Signatures follow the vendored `ggml.h`,
`ggml-backend.h` and `ggml-alloc.h`.

Every pointer travels as a plain integer (c_void_p). A library that lacks a function, or whose
`ggml_tensor` is not laid out as below, raises GgmlUnavailable when it is opened, never later.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from ctypes import POINTER, c_bool, c_char, c_char_p, c_float, c_int, c_int32, c_int64, c_size_t, c_void_p
from pathlib import Path

GGML_TYPE_F32 = 0
GGML_TYPE_F16 = 1
GGML_TYPE_Q8_0 = 8
GGML_PREC_F32 = 10
DEVICE_CPU, DEVICE_GPU, DEVICE_IGPU = 0, 1, 2
_MAX_DIMS, _MAX_OP_PARAMS, _MAX_SRC, _MAX_NAME = 4, 64, 10, 64
_OBJECT_SIZE = 32  # struct ggml_object, which ggml_tensor_overhead() counts with the tensor


class GgmlUnavailable(RuntimeError):
    """The shipped ggml cannot run the encoder; the message says why (shown once to the user)."""


class InitParams(ctypes.Structure):
    _fields_ = [("mem_size", c_size_t), ("mem_buffer", c_void_p), ("no_alloc", c_bool)]


class Tensor(ctypes.Structure):
    """struct ggml_tensor (ggml.h); read for shapes and strides only."""

    _fields_ = [
        ("type", c_int), ("buffer", c_void_p),
        ("ne", c_int64 * _MAX_DIMS), ("nb", c_size_t * _MAX_DIMS),
        ("op", c_int), ("op_params", c_int32 * (_MAX_OP_PARAMS // 4)), ("flags", c_int32),
        ("src", c_void_p * _MAX_SRC), ("view_src", c_void_p), ("view_offs", c_size_t),
        ("data", c_void_p), ("name", c_char * _MAX_NAME), ("extra", c_void_p),
        ("padding", c_char * 8),
    ]


P, T = c_void_p, c_void_p  # any pointer; a tensor pointer
_I64 = c_int64

# name: (return type, argument types). Ops all take the context first.
_SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "ggml_init": (P, [InitParams]),
    "ggml_free": (None, [P]),
    "ggml_tensor_overhead": (c_size_t, []),
    "ggml_graph_overhead_custom": (c_size_t, [c_size_t, c_bool]),
    "ggml_new_tensor_1d": (T, [P, c_int, _I64]),
    "ggml_new_tensor_2d": (T, [P, c_int, _I64, _I64]),
    "ggml_new_tensor_3d": (T, [P, c_int, _I64, _I64, _I64]),
    "ggml_new_tensor_4d": (T, [P, c_int, _I64, _I64, _I64, _I64]),
    "ggml_set_name": (T, [T, c_char_p]),
    "ggml_set_input": (None, [T]),
    "ggml_set_output": (None, [T]),
    "ggml_nbytes": (c_size_t, [T]),
    "ggml_new_graph_custom": (P, [P, c_size_t, c_bool]),
    "ggml_build_forward_expand": (None, [P, T]),
    "ggml_graph_n_nodes": (c_int, [P]),
    "ggml_graph_node": (T, [P, c_int]),
    "ggml_op_desc": (c_char_p, [T]),
    # ops
    "ggml_mul_mat": (T, [P, T, T]),
    "ggml_prec_set_acc": (c_bool, [T, c_int]),
    "ggml_add": (T, [P, T, T]),
    "ggml_sub": (T, [P, T, T]),
    "ggml_mul": (T, [P, T, T]),
    "ggml_div": (T, [P, T, T]),
    "ggml_scale": (T, [P, T, c_float]),
    "ggml_scale_bias": (T, [P, T, c_float, c_float]),
    "ggml_clamp": (T, [P, T, c_float, c_float]),
    "ggml_rms_norm": (T, [P, T, c_float]),
    "ggml_silu": (T, [P, T]),
    "ggml_sigmoid": (T, [P, T]),
    "ggml_tanh": (T, [P, T]),
    "ggml_relu": (T, [P, T]),
    "ggml_sqr": (T, [P, T]),
    "ggml_sqrt": (T, [P, T]),
    "ggml_log": (T, [P, T]),
    "ggml_sum_rows": (T, [P, T]),
    "ggml_cumsum": (T, [P, T]),
    "ggml_soft_max_ext": (T, [P, T, T, c_float, c_float]),
    "ggml_cont": (T, [P, T]),
    "ggml_quantize_chunk": (c_size_t, [c_int, c_void_p, c_void_p, _I64, _I64, _I64, c_void_p]),
    "ggml_reshape_2d": (T, [P, T, _I64, _I64]),
    "ggml_reshape_3d": (T, [P, T, _I64, _I64, _I64]),
    "ggml_reshape_4d": (T, [P, T, _I64, _I64, _I64, _I64]),
    "ggml_view_1d": (T, [P, T, _I64, c_size_t]),
    "ggml_view_2d": (T, [P, T, _I64, _I64, c_size_t, c_size_t]),
    "ggml_view_3d": (T, [P, T, _I64, _I64, _I64, c_size_t, c_size_t, c_size_t]),
    "ggml_view_4d": (T, [P, T, _I64, _I64, _I64, _I64, c_size_t, c_size_t, c_size_t, c_size_t]),
    "ggml_permute": (T, [P, T, c_int, c_int, c_int, c_int]),
    "ggml_transpose": (T, [P, T]),
    "ggml_pad_ext": (T, [P, T] + [c_int] * 8),
    "ggml_concat": (T, [P, T, T, c_int]),
    "ggml_conv_2d_direct": (T, [P, T, T] + [c_int] * 6),
    # backends (ggml-backend.h) and the graph allocator (ggml-alloc.h)
    "ggml_backend_dev_count": (c_size_t, []),
    "ggml_backend_dev_get": (P, [c_size_t]),
    "ggml_backend_dev_type": (c_int, [P]),
    "ggml_backend_dev_name": (c_char_p, [P]),
    "ggml_backend_dev_description": (c_char_p, [P]),
    "ggml_backend_dev_init": (P, [P, c_char_p]),
    "ggml_backend_dev_backend_reg": (P, [P]),
    "ggml_backend_reg_get_proc_address": (P, [P, c_char_p]),
    "ggml_backend_get_device": (P, [P]),
    "ggml_backend_free": (None, [P]),
    "ggml_backend_supports_op": (c_bool, [P, T]),
    "ggml_backend_graph_compute": (c_int, [P, P]),
    "ggml_backend_synchronize": (None, [P]),
    "ggml_backend_get_default_buffer_type": (P, [P]),
    "ggml_backend_alloc_ctx_tensors": (P, [P, P]),
    "ggml_backend_buffer_free": (None, [P]),
    "ggml_backend_buffer_get_size": (c_size_t, [P]),
    "ggml_backend_cpu_buffer_from_ptr": (P, [c_void_p, c_size_t]),
    "ggml_backend_tensor_alloc": (c_int, [P, T, c_void_p]),
    "ggml_backend_tensor_set": (None, [T, c_void_p, c_size_t, c_size_t]),
    "ggml_backend_tensor_get": (None, [T, c_void_p, c_size_t, c_size_t]),
    "ggml_gallocr_new": (P, [P]),
    "ggml_gallocr_free": (None, [P]),
    "ggml_gallocr_reserve": (c_bool, [P, P]),
    "ggml_gallocr_alloc_graph": (c_bool, [P, P]),
    "ggml_gallocr_get_buffer_size": (c_size_t, [P, c_int]),
}

_SET_N_THREADS = ctypes.CFUNCTYPE(None, c_void_p, c_int)


class Ggml:
    """The ggml functions above, bound to the libraries next to llama-cpp-python's libllama."""

    def __init__(self, lib_dir: Path) -> None:
        self.lib_dir = lib_dir
        libraries = []
        for name in ("ggml-base", "ggml"):
            path = _library_path(lib_dir, name)
            try:
                # RTLD_GLOBAL like llama-cpp-python, so a backend loaded later sees the same ggml.
                libraries.append(ctypes.CDLL(str(path), mode=ctypes.RTLD_GLOBAL))
            except OSError as exc:
                raise GgmlUnavailable(f"cannot load {path.name}: {exc}") from exc
        for name, (restype, argtypes) in _SIGNATURES.items():
            function = next((getattr(lib, name) for lib in libraries if hasattr(lib, name)), None)
            if function is None:
                raise GgmlUnavailable(f"the installed ggml has no {name} (llama-cpp-python too old?)")
            function.restype, function.argtypes = restype, argtypes
            setattr(self, name.removeprefix("ggml_"), function)
        expected = self.tensor_overhead() - _OBJECT_SIZE
        if ctypes.sizeof(Tensor) != expected:
            raise GgmlUnavailable(
                f"the installed ggml's tensors are {expected} bytes, not {ctypes.sizeof(Tensor)}: "
                "a ggml version these bindings do not know")

    @staticmethod
    def tensor(pointer: int) -> Tensor:
        return ctypes.cast(pointer, POINTER(Tensor)).contents

    def set_threads(self, backend: int, threads: int) -> bool:
        """Set a CPU backend's thread count through its registry (False where it has none)."""
        registry = self.backend_dev_backend_reg(self.backend_get_device(backend))
        address = self.backend_reg_get_proc_address(registry, b"ggml_backend_set_n_threads")
        if not address:
            return False
        _SET_N_THREADS(address)(backend, threads)
        return True

    def devices(self) -> list[tuple[int, int, str]]:
        """(device, type, 'name (description)') for every device ggml registered."""
        found = []
        for index in range(self.backend_dev_count()):
            device = self.backend_dev_get(index)
            label = f"{self.backend_dev_name(device).decode()} ({self.backend_dev_description(device).decode()})"
            found.append((device, self.backend_dev_type(device), label))
        return found


def llama_lib_dir() -> Path:
    """Where llama-cpp-python loads libllama from (LLAMA_CPP_LIB_PATH, or its lib folder)."""
    override = os.environ.get("LLAMA_CPP_LIB_PATH")
    if override:
        return Path(override)
    try:
        from llama_cpp import llama_cpp as bindings
    except (ImportError, OSError) as exc:
        raise GgmlUnavailable(f"llama-cpp-python cannot be loaded: {exc}") from exc
    return Path(bindings._base_path)


@functools.cache
def load_ggml(lib_dir: Path | None = None) -> Ggml:
    """The bindings, loaded once per process; raises GgmlUnavailable."""
    return Ggml(lib_dir or llama_lib_dir())


def _library_path(lib_dir: Path, name: str) -> Path:
    """The names llama-cpp-python's own loader tries (lib<name>.so, .dylib, <name>.dll)."""
    if sys.platform == "win32":
        return lib_dir / f"{name}.dll"
    if sys.platform == "darwin" and not (lib_dir / f"lib{name}.so").exists():
        return lib_dir / f"lib{name}.dylib"
    return lib_dir / f"lib{name}.so"
