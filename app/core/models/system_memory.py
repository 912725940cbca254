"""Free RAM and free GPU memory on this machine, each probe injectable for tests.

RAM comes from /proc/meminfo's MemAvailable on Linux (what the kernel can hand out without
swapping, page cache included) and GlobalMemoryStatusEx on Windows. Free VRAM comes from
`nvidia-smi` when it is installed; other GPUs (Metal, Vulkan, ROCm) report "unknown".
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.memory_estimate import DEFAULT_VRAM_MARGIN, MemoryEstimate, choose_gpu_layers, format_bytes

MEMINFO = Path("/proc/meminfo")
UNKNOWN = QT_TRANSLATE_NOOP("MemoryStatus", "unknown")
CPU_ONLY_FREE = QT_TRANSLATE_NOOP("MemoryStatus", "{ram} RAM free · CPU only")
GPU_FREE = QT_TRANSLATE_NOOP("MemoryStatus", "{ram} RAM free · GPU: {vram} free")
NO_GPU_BACKEND = QT_TRANSLATE_NOOP("GpuLayers", "This build of llama.cpp has no GPU backend: everything runs on the CPU.")


@dataclass(frozen=True)
class MemoryStatus:
    free_ram: int | None  # bytes; None = could not be read
    gpu_offload: bool  # the llama.cpp build has a GPU backend
    free_vram: int | None  # bytes on the main GPU; None = unknown or no GPU
    unified_memory: bool = False  # Apple silicon: the GPU shares RAM

    def describe(self, translate: Callable[[str], str] = lambda text: text) -> str:
        """"6.0 GB RAM free · GPU: 8.0 GB free"; `translate` (context "MemoryStatus") for the window."""
        unknown = translate(UNKNOWN)
        ram = format_bytes(self.free_ram) if self.free_ram is not None else unknown
        if not self.gpu_offload:
            return translate(CPU_ONLY_FREE).format(ram=ram)
        vram = format_bytes(self.free_vram) if self.free_vram is not None else unknown
        return translate(GPU_FREE).format(ram=ram, vram=vram)


@dataclass(frozen=True)
class GpuLayerChoice:
    n_gpu_layers: int
    reason: str


def read_free_ram(meminfo: Path = MEMINFO) -> int | None:
    if sys.platform == "win32":
        return _windows_free_ram()
    try:
        text = meminfo.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            parts = line.split()
            return int(parts[1]) * 1024 if len(parts) >= 2 and parts[1].isdigit() else None
    return None


def _windows_free_ram() -> int | None:
    class MemoryStatusEx(ctypes.Structure):
        _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong),
                    ("ullTotalPhys", ctypes.c_ulonglong), ("ullAvailPhys", ctypes.c_ulonglong),
                    ("ullTotalPageFile", ctypes.c_ulonglong), ("ullAvailPageFile", ctypes.c_ulonglong),
                    ("ullTotalVirtual", ctypes.c_ulonglong), ("ullAvailVirtual", ctypes.c_ulonglong),
                    ("ullAvailExtendedVirtual", ctypes.c_ulonglong)]

    status = MemoryStatusEx()
    status.dwLength = ctypes.sizeof(MemoryStatusEx)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.ullAvailPhys)


def query_free_vram(main_gpu: int = 0, run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> int | None:
    """Free memory of GPU `main_gpu` in bytes from nvidia-smi, or None when it cannot be asked."""
    if run is subprocess.run and shutil.which("nvidia-smi") is None:
        return None
    try:
        result = run(
            ["nvidia-smi", "--query-gpu=memory.free", "--format=csv,noheader,nounits"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    values = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    if not 0 <= main_gpu < len(values) or not values[main_gpu].isdigit():
        return None
    return int(values[main_gpu]) * 1024 * 1024  # nvidia-smi reports MiB


def gpu_offload_supported() -> bool:
    try:
        import llama_cpp
    except ImportError:
        return False
    return bool(llama_cpp.llama_supports_gpu_offload())


def read_memory_status(
    main_gpu: int = 0,
    *,
    free_ram: Callable[[], int | None] = read_free_ram,
    gpu_offload: Callable[[], bool] = gpu_offload_supported,
    free_vram: Callable[[int], int | None] = query_free_vram,
) -> MemoryStatus:
    offload = gpu_offload()
    return MemoryStatus(
        free_ram=free_ram(),
        gpu_offload=offload,
        free_vram=free_vram(main_gpu) if offload else None,
        unified_memory=offload and sys.platform == "darwin",
    )


def auto_gpu_layers(
    estimate: MemoryEstimate, status: MemoryStatus, margin: int = DEFAULT_VRAM_MARGIN,
    translate: Callable[[str], str] = lambda text: text,
) -> GpuLayerChoice:
    """What "Auto" means on this machine, with the reason in words for the settings dialog
    (`translate`, context "GpuLayers", puts it in the window's language)."""
    total = estimate.max_gpu_layers
    if not status.gpu_offload:
        return GpuLayerChoice(0, translate(NO_GPU_BACKEND))
    if status.free_vram is None:
        if status.unified_memory:
            return GpuLayerChoice(total, translate(QT_TRANSLATE_NOOP(
                "GpuLayers", "The GPU shares the system memory: all layers go to the GPU.")))
        return GpuLayerChoice(0, translate(QT_TRANSLATE_NOOP(
            "GpuLayers", "Free GPU memory is unknown (no nvidia-smi): layers stay on the CPU.")))
    chosen = choose_gpu_layers(estimate, status.free_vram, margin)
    split = estimate.split(chosen)
    if chosen == 0:
        return GpuLayerChoice(0, translate(QT_TRANSLATE_NOOP(
            "GpuLayers", "Not even one layer fits in {memory} of free GPU memory.")).format(
            memory=format_bytes(status.free_vram)))
    return GpuLayerChoice(chosen, translate(QT_TRANSLATE_NOOP(
        "GpuLayers", "{count} of {total} layers on the GPU: {split}.")).format(
        count=chosen, total=total, split=split.describe()))
