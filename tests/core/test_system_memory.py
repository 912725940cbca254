"""Free-memory probes (fed fake /proc/meminfo and nvidia-smi output) and what Auto decides."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.core.models.memory_estimate import GB, MB, MemoryEstimate, ModelMemoryFacts
from app.core.models.system_memory import (
    MemoryStatus,
    auto_gpu_layers,
    query_free_vram,
    read_free_ram,
    read_memory_status,
)

MEMINFO = """MemTotal:       24576000 kB
MemFree:         1000000 kB
MemAvailable:    6291456 kB
Buffers:          100000 kB
"""


def estimate() -> MemoryEstimate:
    facts = ModelMemoryFacts(
        name="Synthetic", layer_bytes=(100 * MB,) * 10, kv_values_per_token=(1000,) * 10, input_bytes=300 * MB,
        per_layer_table_bytes=0, output_bytes=MB, tied_output_bytes=300 * MB, n_embd=1000, n_ff=4000,
        n_head=8, n_vocab=100_000, context_length=32768,
    )
    return MemoryEstimate(facts, n_ctx=4096, flash_attention="on")


def test_free_ram_is_mem_available(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text(MEMINFO)
    assert read_free_ram(meminfo) == 6291456 * 1024
    meminfo.write_text("MemTotal: 1 kB\n")
    assert read_free_ram(meminfo) is None
    assert read_free_ram(tmp_path / "missing") is None


def test_free_vram_from_nvidia_smi() -> None:
    calls = []

    def fake_run(command, **kwargs):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, stdout="79000\n40000\n", stderr="")

    assert query_free_vram(0, run=fake_run) == 79000 * 1024 * 1024
    assert query_free_vram(1, run=fake_run) == 40000 * 1024 * 1024
    assert query_free_vram(2, run=fake_run) is None
    assert calls[0][:2] == ["nvidia-smi", "--query-gpu=memory.free"]


def test_free_vram_unknown_when_nvidia_smi_fails() -> None:
    def failing(command, **kwargs):
        raise FileNotFoundError("nvidia-smi")

    def error_status(command, **kwargs):
        return subprocess.CompletedProcess(command, 9, stdout="", stderr="NVIDIA-SMI has failed")

    assert query_free_vram(0, run=failing) is None
    assert query_free_vram(0, run=error_status) is None


def test_status_does_not_ask_for_vram_without_a_gpu_backend() -> None:
    asked = []
    status = read_memory_status(free_ram=lambda: 8 * GB, gpu_offload=lambda: False,
                                free_vram=lambda gpu: asked.append(gpu) or 1)
    assert status == MemoryStatus(free_ram=8 * GB, gpu_offload=False, free_vram=None)
    assert asked == []
    assert status.describe() == "8.0 GB RAM free · CPU only"


def test_auto_on_cpu_only_build() -> None:
    choice = auto_gpu_layers(estimate(), MemoryStatus(free_ram=8 * GB, gpu_offload=False, free_vram=None))
    assert choice.n_gpu_layers == 0 and "no GPU backend" in choice.reason


def test_auto_with_known_vram() -> None:
    everything = auto_gpu_layers(estimate(), MemoryStatus(8 * GB, True, 80 * GB))
    assert everything.n_gpu_layers == 11 and everything.reason.startswith("11 of 11 layers on the GPU")
    some = auto_gpu_layers(estimate(), MemoryStatus(8 * GB, True, 1 * GB))
    assert 0 < some.n_gpu_layers < 11
    none = auto_gpu_layers(estimate(), MemoryStatus(8 * GB, True, 100 * MB))
    assert none.n_gpu_layers == 0 and "Not even one layer" in none.reason


def test_auto_with_unknown_vram() -> None:
    unknown = auto_gpu_layers(estimate(), MemoryStatus(8 * GB, True, None))
    assert unknown.n_gpu_layers == 0 and "unknown" in unknown.reason
    unified = auto_gpu_layers(estimate(), MemoryStatus(8 * GB, True, None, unified_memory=True))
    assert unified.n_gpu_layers == 11
