"""What each GPU-layer choice would mean for this model on this machine (no Qt here).

The dialog shows the result next to each choice ("≈ 3.1 GB RAM + 1.2 GB VRAM"), using the same
resolution as the load itself (`settings_to_engine`), so the number shown is the one checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.memory_estimate import MemoryEstimate, MemoryFitError, check_fits, format_bytes
from app.core.load_plan import _resolve_gpu_layers
from app.core.models.system_memory import MemoryStatus

GPU_CHOICES = ("auto", "all", "none", "number")


@dataclass(frozen=True)
class GpuChoiceEstimate:
    choice: str  # "auto" | "all" | "none" | "number"
    n_gpu_layers: int
    text: str  # "≈ 3.1 GB RAM + 1.2 GB VRAM" or why it does not fit
    fits: bool
    reason: str  # what the choice resolves to, in words


def estimate_gpu_choices(estimate: MemoryEstimate, status: MemoryStatus, layers: int,
                         translate: Callable[[str], str] = lambda text: text,
                         explain: Callable[[Exception], str] = str) -> dict[str, GpuChoiceEstimate]:
    """One estimate per choice; `layers` is the number the "N layers" choice holds. The window
    passes `translate` (context "GpuLayers") and `explain` (its error_text) for its language."""
    found = {}
    for choice in GPU_CHOICES:
        setting: str | int = layers if choice == "number" else choice
        n_gpu, reason = _resolve_gpu_layers(setting, estimate, status, translate=translate)
        try:
            split = check_fits(estimate, n_gpu, free_ram=status.free_ram, free_vram=status.free_vram)
        except MemoryFitError as error:
            template = (QT_TRANSLATE_NOOP("GpuLayers", "does not fit: ≈ {needed} GPU memory needed, {free} free")
                        if error.where == "VRAM" else
                        QT_TRANSLATE_NOOP("GpuLayers", "does not fit: ≈ {needed} RAM needed, {free} free"))
            text = translate(template).format(needed=format_bytes(error.needed_bytes), free=format_bytes(error.free_bytes))
            found[choice] = GpuChoiceEstimate(choice, n_gpu, text, False, explain(error))
            continue
        found[choice] = GpuChoiceEstimate(choice, n_gpu, split.describe(), True, reason)
    return found


BACKEND_CONTEXT = "Backend"
CPU_ONLY = QT_TRANSLATE_NOOP("Backend", "CPU only: this build of llama.cpp has no GPU backend.")
GPU_OFFLOAD = QT_TRANSLATE_NOOP("Backend", "GPU offload: {backends} (llama.cpp)")
GPU_OFFLOAD_UNNAMED = QT_TRANSLATE_NOOP("Backend", "GPU offload: available (llama.cpp)")


def backend_description(gpu_offload: bool, system_info: str | None = None,
                        translate: Callable[[str], str] = lambda text: text) -> str:
    """'CPU only (this llama.cpp build has no GPU backend)' or 'GPU offload: CUDA'. `translate`
    turns a marked sentence (context BACKEND_CONTEXT) into the window's language."""
    names = _backends(system_info if system_info is not None else _system_info())
    gpus = [name for name in names if name.upper() not in ("CPU", "BLAS")]
    if not gpu_offload:
        return translate(CPU_ONLY)
    if not gpus:
        return translate(GPU_OFFLOAD_UNNAMED)
    return translate(GPU_OFFLOAD).format(backends=", ".join(gpus))


def _system_info() -> str:
    try:
        import llama_cpp
    except ImportError:
        return ""
    raw = llama_cpp.llama_print_system_info()
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _backends(system_info: str) -> list[str]:
    # Each backend prints "NAME : feature = value | …" (llama_print_system_info).
    names = []
    for part in system_info.split("|"):
        if " : " in part:
            name = part.split(" : ", 1)[0].strip()
            if name and name not in names:
                names.append(name)
    return names
