"""Files llama.cpp would die on are opened in a child process first (app/core/models/containment.py)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from app.core.engine.options import LoadOptions
from app.core.models import containment
from app.core.models.containment import known_memory_facts, probe_in_child, vet_for_loading
from app.core.models.gguf_file import ModelFileInfo
from app.core.models.memory_estimate import read_memory_facts
from app.core.models.projector_file import ProjectorError
from tests.bad_inputs.gguf_edit import V, edit_model_metadata, edit_small_gguf
from tests.projector_factory import write_gemma3_projector, write_gemma3nv_projector


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> list[LoadOptions]:
    """Every child-process probe started, in order."""
    started: list[LoadOptions] = []
    real = containment.probe_in_child

    def counting(options, model, **kwargs):
        started.append(options)
        return real(options, model, **kwargs)

    monkeypatch.setattr(containment, "probe_in_child", counting)
    return started


@pytest.fixture
def stemless_projector(tmp_path: Path) -> Path:
    """A Gemma 3n-style projector without its stem convolution: Python's checks let it through
    (that MobileNet's tensors are mostly optional), libmtmd dies on it with SIGSEGV."""
    good = write_gemma3nv_projector(tmp_path / "good-nv.gguf")
    return edit_small_gguf(good, tmp_path / "mmproj-stemless.gguf", drop_tensors=("v.conv_stem.conv.weight",))


def options_for(model: Path, projector: Path | None = None) -> LoadOptions:
    return LoadOptions(model_path=model, projector_path=projector, n_ctx=512, n_threads=2)


def test_a_projector_that_kills_llama_cpp_is_refused_with_a_sentence(
        gemma_model_path, stemless_projector, tmp_path, probes) -> None:
    cache = tmp_path / "verdicts.json"
    with pytest.raises(ProjectorError) as refused:
        vet_for_loading(options_for(gemma_model_path, stemless_projector), cache_path=cache)
    message = str(refused.value)
    assert message.startswith("llama.cpp stopped while loading mmproj-stemless.gguf")
    assert "SIGSEGV" in message and "damaged or not made for this version" in message
    assert len(probes) == 1

    # Known now: refused again at once, without a child.
    with pytest.raises(ProjectorError, match="mmproj-stemless.gguf"):
        vet_for_loading(options_for(gemma_model_path, stemless_projector), cache_path=cache)
    assert len(probes) == 1


def test_a_bad_optional_projector_is_left_out_and_the_model_loads_for_text(
        gemma_model_path, stemless_projector, tmp_path) -> None:
    vetted = vet_for_loading(options_for(gemma_model_path, stemless_projector), projector_optional=True,
                             cache_path=tmp_path / "verdicts.json")
    assert vetted.options.projector_path is None and vetted.options.model_path == gemma_model_path
    assert "mmproj-stemless.gguf" in str(vetted.projector_problem)
    assert "File ▸ Open projector" in str(vetted.projector_problem)


def test_a_model_that_aborts_llama_cpp_is_refused_in_the_child(gemma_model_path, tmp_path) -> None:
    # 513 layers passes no Python check here (probe_in_child is called directly): llama.cpp aborts.
    damaged = edit_model_metadata(gemma_model_path, tmp_path / "deep.gguf", {"gemma3.block_count": (513, V.UINT32)})
    info = ModelFileInfo(damaged, "gemma3", "deep", 32768, 640, 513, "Q4_K_M", 0, 0, False)
    outcome = probe_in_child(options_for(damaged), info)
    assert outcome.crashed and not outcome.ok and outcome.stage == "model"
    assert outcome.message.startswith("llama.cpp stopped while loading deep.gguf (it was ended by SIGABRT")


def test_a_good_pair_is_probed_once_then_costs_nothing(gemma_model_path, tmp_path, probes, capsys) -> None:
    projector = write_gemma3_projector(tmp_path / "mmproj-good.gguf")
    cache = tmp_path / "verdicts.json"
    started = time.perf_counter()
    cpu_before = os.times()
    vetted = vet_for_loading(options_for(gemma_model_path, projector), cache_path=cache)
    first = time.perf_counter() - started
    cpu_after = os.times()
    child_cpu = (cpu_after.children_user + cpu_after.children_system) - (cpu_before.children_user + cpu_before.children_system)
    started = time.perf_counter()
    again = vet_for_loading(options_for(gemma_model_path, projector), cache_path=cache)
    second = time.perf_counter() - started

    assert vetted.options.projector_path == projector and again.options == vetted.options
    assert len(probes) == 1
    assert second < 1.0
    with capsys.disabled():
        print(f"\n[first open of the 270M model + tiny gemma3 projector: {first:.2f} s wall, "
              f"{child_cpu:.2f} s CPU in the child; known afterwards: {second * 1000:.0f} ms]")


def test_a_changed_file_is_probed_again(gemma_model_path, tmp_path, probes) -> None:
    projector = write_gemma3_projector(tmp_path / "mmproj.gguf")
    cache = tmp_path / "verdicts.json"
    vet_for_loading(options_for(gemma_model_path, projector), cache_path=cache)
    write_gemma3_projector(projector)  # rewritten in place: a new mtime
    os.utime(projector, ns=(time.time_ns(), time.time_ns() + 10**9))
    vet_for_loading(options_for(gemma_model_path, projector), cache_path=cache)
    assert len(probes) == 2


@pytest.fixture
def header_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each reading of a model's header in this process (Gemma's: tens of milliseconds of Python)."""
    from app.core.models import gguf_file

    reads: list[Path] = []
    real = gguf_file.read_header
    monkeypatch.setattr(gguf_file, "read_header", lambda path: reads.append(path) or real(path))
    return reads


def test_a_known_good_model_is_not_read_again(gemma_model_path, tmp_path, probes, header_reads) -> None:
    cache = tmp_path / "verdicts.json"
    first = vet_for_loading(options_for(gemma_model_path), cache_path=cache)
    assert header_reads == [gemma_model_path]
    again = vet_for_loading(options_for(gemma_model_path), cache_path=cache)
    assert header_reads == [gemma_model_path] and len(probes) == 1
    assert again.model == first.model and again.model.marker_tokens == first.model.marker_tokens
    assert ("<start_of_image>" in dict(again.model.marker_tokens).values())
    assert known_memory_facts(gemma_model_path, cache) == read_memory_facts(gemma_model_path)
    assert header_reads == [gemma_model_path] * 2  # the last, read_memory_facts' own


@pytest.mark.parametrize("spoil", [
    lambda record: record.update(app="0.0.0"),  # another version's checks
    lambda record: record.update(block_count="18"),
    lambda record: record.update(marker_tokens=[[5]]),
    lambda record: record.pop("memory"),  # a verdict kept before the memory facts were
    lambda record: record["memory"].update(layer_bytes=[1, -2]),
    lambda record: record["memory"].update(kv_values_per_token=[]),
    lambda record: record.clear(),
])
def test_a_kept_header_from_another_version_or_spoilt_is_read_again(gemma_model_path, tmp_path, probes, header_reads,
                                                                     spoil) -> None:
    cache = tmp_path / "verdicts.json"
    first = vet_for_loading(options_for(gemma_model_path), cache_path=cache)
    entries = json.loads(cache.read_text())
    for entry in entries.values():
        spoil(entry["model"])
    cache.write_text(json.dumps(entries))
    assert known_memory_facts(gemma_model_path, cache) is None
    again = vet_for_loading(options_for(gemma_model_path), cache_path=cache)
    assert header_reads == [gemma_model_path] * 2 and len(probes) == 1
    assert again.model == first.model
    assert known_memory_facts(gemma_model_path, cache) is not None  # kept again, whole


def test_an_unreadable_cache_is_an_empty_one(gemma_model_path, tmp_path, probes) -> None:
    cache = tmp_path / "verdicts.json"
    cache.write_text("[" * 100_000 + "]" * 100_000)
    vet_for_loading(options_for(gemma_model_path), cache_path=cache)
    assert len(probes) == 1
    assert any(entry["verdict"] == "ok" for entry in json.loads(cache.read_text()).values())



def test_the_bundle_runs_the_probe_through_its_own_entry_point(gemma_model_path, capsys) -> None:
    # In a frozen bundle there is no `python -m`: the app's executable takes PROBE_ARGUMENT first.
    from app.cli import main
    from app.core.models.load_probe import PROBE_ARGUMENT

    request = {"model": str(gemma_model_path), "projector": None, "n_ctx": 256, "n_threads": 2,
               "flash_attention": "auto", "kv_cache_type": "f16", "check_model": True}
    assert containment.probe_command(request)[-2:] != [PROBE_ARGUMENT, json.dumps(request)]
    assert main([PROBE_ARGUMENT, json.dumps(request)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == '{"done": true}'
