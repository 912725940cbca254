"""Memory estimates: GPU-layer maths on synthetic sizes, KV layouts, and the real 270M file
against the RSS a real llama.cpp load adds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.models.memory_estimate import (
    GB,
    MB,
    MemoryEstimate,
    MemoryFitError,
    ModelMemoryFacts,
    check_fits,
    choose_gpu_layers,
    estimate_memory,
    format_bytes,
    read_memory_facts,
)
from tests.model_factory import make_requantized_copy, write_synthetic_model


def synthetic(n_layer: int = 10, layer_mb: int = 100, kv_values: int = 1000) -> ModelMemoryFacts:
    return ModelMemoryFacts(
        name="Synthetic", layer_bytes=(layer_mb * MB,) * n_layer, kv_values_per_token=(kv_values,) * n_layer,
        input_bytes=300 * MB, per_layer_table_bytes=0, output_bytes=1 * MB, tied_output_bytes=300 * MB,
        n_embd=1000, n_ff=4000, n_head=8, n_vocab=100_000, context_length=32768,
    )


def test_split_moves_the_last_layers_and_then_the_output_head() -> None:
    estimate = MemoryEstimate(synthetic(), n_ctx=4096, flash_attention="on")
    kv_layer = 1000 * 4096 * 2  # values per token × tokens × 2 bytes (f16)
    assert estimate.kv_layer_bytes == (kv_layer,) * 10
    work = estimate.working_buffer_bytes
    assert work == 512 * 4 * (1000 * 6 + 4000 * 3)  # no attention scores with flash attention

    cpu = estimate.split(0)
    assert cpu.vram_bytes == 0
    three = estimate.split(3)
    assert three.vram_bytes == 3 * (100 * MB + kv_layer) + work
    assert cpu.ram_bytes - three.ram_bytes == 3 * (100 * MB + kv_layer)
    everything = estimate.split(11)
    assert everything.vram_bytes == 10 * (100 * MB + kv_layer) + work + 301 * MB + 512 * 100_000 * 4
    assert estimate.split(99) == everything  # more than n_layer + 1 means all


def test_choose_gpu_layers_takes_as_many_as_fit_with_the_margin() -> None:
    estimate = MemoryEstimate(synthetic(), n_ctx=4096, flash_attention="on")
    per_layer = 100 * MB + 1000 * 4096 * 2
    base = estimate.working_buffer_bytes
    margin = 500 * MB
    for layers in (0, 1, 4, 10):
        free = base + layers * per_layer + margin
        assert choose_gpu_layers(estimate, free, margin) == layers
        assert choose_gpu_layers(estimate, free - 1, margin) == max(layers - 1, 0)
    assert choose_gpu_layers(estimate, 100 * GB, margin) == 11
    assert choose_gpu_layers(estimate, 0, margin) == 0


def test_choose_gpu_layers_counts_the_projector_and_attention_scores() -> None:
    facts = synthetic()
    plain = MemoryEstimate(facts, n_ctx=8192, flash_attention="on")
    with_projector = MemoryEstimate(facts, n_ctx=8192, flash_attention="on", projector_bytes=600 * MB)
    without_flash = MemoryEstimate(facts, n_ctx=8192, flash_attention="off")
    free = 1800 * MB  # ten layers fit with flash attention and the default 512 MB margin
    assert choose_gpu_layers(with_projector, free) < choose_gpu_layers(plain, free)
    assert without_flash.working_buffer_bytes - plain.working_buffer_bytes == 2 * 512 * 8192 * 8 * 4
    assert choose_gpu_layers(plain, free) == 10
    assert choose_gpu_layers(without_flash, free) == 8
    assert choose_gpu_layers(with_projector, free) == 5


def test_automatic_flash_attention_is_counted_as_on() -> None:
    # llama.cpp's auto keeps flash attention on unless a layer's device cannot run it there
    # (llama_context::resolve_fused_ops); the estimate takes it as on, like llama.cpp on the CPU.
    facts = synthetic()
    on = MemoryEstimate(facts, n_ctx=8192, flash_attention="on")
    assert MemoryEstimate(facts, n_ctx=8192).flash_attention == "auto"
    assert MemoryEstimate(facts, n_ctx=8192, flash_attention="auto").working_buffer_bytes == on.working_buffer_bytes
    assert MemoryEstimate(facts, n_ctx=8192, flash_attention="off", kv_cache_type="q8_0").working_buffer_bytes == \
        MemoryEstimate(facts, n_ctx=8192, flash_attention="on", kv_cache_type="q8_0").working_buffer_bytes


def test_q8_0_kv_cache_is_17_32_of_f16_and_context_is_padded() -> None:
    facts = synthetic()
    f16 = MemoryEstimate(facts, n_ctx=1000, kv_cache_type="f16")
    q8 = MemoryEstimate(facts, n_ctx=1000, kv_cache_type="q8_0")
    assert f16.cached_tokens == 1024
    assert q8.kv_bytes == pytest.approx(f16.kv_bytes * 17 / 32, rel=1e-6)
    capped = MemoryEstimate(facts, n_ctx=100_000)
    assert capped.cached_tokens == 32768  # never more than the model's context


def test_check_fits_refuses_with_the_numbers() -> None:
    estimate = MemoryEstimate(synthetic(), n_ctx=8192)
    need = estimate.split(0).ram_bytes
    assert check_fits(estimate, 0, free_ram=need + 300 * MB, free_vram=None).ram_bytes == need
    with pytest.raises(MemoryFitError) as error:
        check_fits(estimate, 0, free_ram=1 * GB, free_vram=None)
    message = str(error.value)
    assert f"needs ≈ {format_bytes(need)} of RAM" in message and "only 1.0 GB is free" in message
    assert "8,192-token context" in message
    assert error.value.needed_bytes == need and error.value.where == "RAM"
    with pytest.raises(MemoryFitError, match="GPU memory for 11 layers"):
        check_fits(estimate, 11, free_ram=None, free_vram=1 * GB)
    check_fits(estimate, 0, free_ram=None, free_vram=None)  # unknown amounts are not refused


def test_gemma3n_keeps_kv_for_its_first_20_layers(tmp_path: Path) -> None:
    path = write_synthetic_model(tmp_path / "e4b.gguf", architecture="gemma3n", block_count=35)
    facts = read_memory_facts(path)
    assert facts.kv_values_per_token == (2 * (256 + 256),) * 20 + (0,) * 15
    assert facts.per_layer_table_bytes > 0 and facts.n_layer == 35


def test_gemma4_shared_layers_and_sliding_head_sizes(tmp_path: Path) -> None:
    pattern = [True, True, True, True, False] * 7
    path = write_synthetic_model(
        tmp_path / "g4.gguf", architecture="gemma4", block_count=35, embedding_length=1536, head_count_kv=1,
        key_length=512,
        extra_keys={"gemma4.attention.shared_kv_layers": 20, "gemma4.attention.sliding_window_pattern": pattern,
                    "gemma4.attention.key_length_swa": 256, "gemma4.attention.value_length_swa": 256},
    )
    values = read_memory_facts(path).kv_values_per_token
    assert values[:5] == (512, 512, 512, 512, 1024)
    assert values[15:] == (0,) * 20


def test_format_bytes_and_description() -> None:
    assert format_bytes(3_140_000_000) == "3.1 GB"
    assert format_bytes(540_000_000) == "540 MB"
    assert format_bytes(455_056) == "455 kB"
    estimate = MemoryEstimate(synthetic(), n_ctx=4096)
    assert estimate.describe(0).startswith("≈ ") and estimate.describe(0).endswith(" RAM")
    assert " RAM + " in estimate.describe(5) and estimate.describe(5).endswith(" VRAM")


def test_the_real_270m_file(gemma_model_path: Path) -> None:
    estimate = estimate_memory(gemma_model_path, n_ctx=8192)
    facts = estimate.facts
    assert facts.n_layer == 18 and facts.n_head == 4 and facts.n_vocab == 262144
    # llama.cpp logs 24 MiB (3 full layers) + 120 MiB (15 sliding layers) for this file at 8192.
    assert estimate.kv_bytes == 144 * 1024 * 1024
    assert facts.tied_output_bytes == facts.input_bytes  # Gemma ties the output head to token_embd


_MEASURE = """
import json, sys
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS'):
            return int(line.split()[1]) * 1024
import llama_cpp
before = rss()
llm = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=8192, swa_full=True, n_threads=2, verbose=False)
print(json.dumps({"after_load": rss() - before}))
"""


def _measured_rss_increase(path: Path) -> int:
    # A fresh process, so nothing else this test session loaded is counted.
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                            timeout=300, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["after_load"]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="RSS is read from /proc")
def test_estimate_against_measured_rss_for_two_quantizations(gemma_model_path: Path, tmp_path: Path) -> None:
    q8_path = make_requantized_copy(gemma_model_path, tmp_path / "gemma-3-270m-Q8_0.gguf", "Q8_0")
    report = {}
    for path in (gemma_model_path, q8_path):
        estimate = estimate_memory(path, n_ctx=8192)
        measured = _measured_rss_increase(path)
        total = estimate.split(0).ram_bytes
        report[path.name] = (total, measured)
        # Right after loading, the attention-score buffers of a long prompt are not touched yet:
        # the rest of the estimate should match what the load adds, and the whole estimate must
        # not be below it.
        assert measured <= total
        assert total - estimate.working_buffer_bytes == pytest.approx(measured, rel=0.2)
    print("estimate vs RSS increase after load:", report)
