"""The shipped catalog: well-formed, honest about sizes, filterable, and a sensible suggestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.models.catalog import CATALOG_PATH, CatalogError, load_catalog
from app.core.models.memory_estimate import DEFAULT_RAM_MARGIN, GB


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_catalog_covers_the_models_the_issue_names(catalog) -> None:
    combos = {(model.family, model.size, model.publisher) for model in catalog.models}
    for size in ("E2B", "E4B"):
        for publisher in ("ggml-org", "unsloth", "bartowski"):
            assert ("gemma3n", size, publisher) in combos
        assert any(family == "gemma4" and s == size for family, s, _ in combos)
    assert all(model.file.endswith(".gguf") and "/" in model.repo for model in catalog.models)
    assert len({model.id for model in catalog.models}) == len(catalog.models)


def test_sizes_are_exact_approximate_or_unknown(catalog) -> None:
    for model in catalog.models:
        if model.size_bytes is None:
            assert not model.size_exact
        else:
            assert 1 * GB < model.size_bytes < 10 * GB
    exact = catalog.get("g3n-e2b-q4km-unsloth")
    assert exact.size_bytes == 3_026_881_888 and exact.size_exact
    assert "size unknown" in catalog.get("g3n-e2b-udq4kxl-unsloth").describe()
    assert "≈ 2.8 GB" in catalog.get("g4-e2b-q4_0-ggml").describe()


def test_gemma4_projectors_are_marked_audio_capable(catalog) -> None:
    for model in catalog.models:
        if model.family == "gemma4":
            assert model.capabilities == ("text", "image", "audio")
            assert all(projector.audio for projector in model.projectors)
        else:
            assert "audio" not in model.capabilities  # libmtmd does not run Gemma 3n's audio encoder
    e4b = catalog.get("g4-e4b-q4km-unsloth")
    assert e4b.projector_for(("audio",)).recommended_for_audio


def test_filter_by_capability_and_size(catalog) -> None:
    text_only = {model.id for model in catalog.filter(needs=("text",))}
    assert text_only == {model.id for model in catalog.models}
    with_images = catalog.filter(needs=("image",))
    assert "g3n-e4b-q8-ggml" not in {model.id for model in with_images}
    small = catalog.filter(max_bytes=4 * GB)
    assert small and all(model.download_bytes() <= 4 * GB for model in small)
    assert all(model.size == "E2B" for model in catalog.filter(size="E2B"))
    small_with_audio = catalog.filter(needs=("audio",), max_bytes=int(3.5 * GB))
    assert [model.id for model in small_with_audio] == ["g4-e2b-q4_0-ggml"]


def test_suggestion_fits_the_machine(catalog) -> None:
    roomy = catalog.suggest(free_ram=16 * GB)
    snug = catalog.suggest(free_ram=5 * GB)
    assert roomy.ram_bytes > snug.ram_bytes
    assert snug.ram_bytes <= 5 * GB
    assert snug.model.size_bytes is not None
    assert catalog.suggest(free_ram=2 * GB) is None
    with_gpu = catalog.suggest(free_ram=4 * GB, free_vram=8 * GB)
    assert with_gpu is not None and "VRAM" in with_gpu.reason
    audio = catalog.suggest(free_ram=16 * GB, needs=("text", "audio"))
    assert audio.model.family == "gemma4" and audio.projector is not None and audio.projector.audio


def test_a_broken_catalog_file_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "catalog.json"
    broken.write_text("{")
    with pytest.raises(CatalogError, match="malformed"):
        load_catalog(broken)
    data = json.loads(CATALOG_PATH.read_text())
    data["models"][0]["projectors"] = ["no-such-projector"]
    broken.write_text(json.dumps(data))
    with pytest.raises(CatalogError, match="unknown projectors"):
        load_catalog(broken)
    with pytest.raises(CatalogError, match="Cannot read"):
        load_catalog(tmp_path / "missing.json")


@pytest.mark.parametrize("free_ram", [5 * GB, 16 * GB])
def test_the_suggestion_can_do_what_the_app_does_when_such_a_model_fits(catalog, free_ram) -> None:
    """A desktop assistant that reads images and dictation: a text-only file is suggested only when
    nothing that can see or hear fits, and the suggestion's memory counts the projector it comes with."""
    suggestion = catalog.suggest(free_ram=free_ram)
    most = max(len(model.capabilities) for model in catalog.models
               if (ram := model.ram_estimate(8192, model.projector_for(model.capabilities))) is not None
               and ram <= free_ram - DEFAULT_RAM_MARGIN)
    assert len(suggestion.model.capabilities) == most, suggestion.model.label
    assert suggestion.projector is not None
    assert suggestion.ram_bytes == suggestion.model.ram_estimate(8192, suggestion.projector)
