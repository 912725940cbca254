"""The installed-model list: real files in two quantizations, projectors, broken files, imports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import paths
from app.core.models.library import (
    ImportResult,
    ModelImportError,
    import_model,
    scan_models,
)
from tests.model_factory import make_requantized_copy, write_synthetic_model
from tests.projector_factory import write_gemma3nv_projector, write_mismatched_projector


@pytest.fixture(scope="module")
def q8_model(gemma_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("requantized")
    return make_requantized_copy(gemma_model_path, folder / "gemma-3-270m-Q8_0.gguf", "Q8_0")


@pytest.fixture
def models(gemma_model_path: Path, q8_model: Path) -> Path:
    """The default models folder with both quantizations of the 270M file and their projector."""
    folder = paths.models_folder() / "gemma-3-270m"
    folder.mkdir(parents=True)
    (folder / "gemma-3-270m-Q4_K_M.gguf").symlink_to(gemma_model_path)
    (folder / "gemma-3-270m-Q8_0.gguf").symlink_to(q8_model)
    write_gemma3nv_projector(folder / "mmproj-gemma-3-270m-F16.gguf")
    return paths.models_folder()


def test_both_quantizations_are_listed_with_their_projector(models: Path, gemma_model_path: Path) -> None:
    library = scan_models()
    assert [model.quantization for model in library.models] == ["Q4_K_M", "Q8_0"]
    q4, q8 = library.models
    assert q4.label == "Gemma 3 270M · Q4_K_M"
    assert q8.label == "Gemma 3 270M · Q8_0"
    # K-quants need rows of 256; this model's 640-wide rows fall back to Q5_0 inside Q4_K_M.
    assert (q4.main_tensor_type, q8.main_tensor_type) == ("Q5_0", "Q8_0")
    assert q4.size_bytes == gemma_model_path.stat().st_size
    assert q8.size_bytes > q4.size_bytes
    assert q4.context_length == 32768 and q4.embedding_length == 640 and q4.block_count == 18
    for model in (q4, q8):
        assert model.projector is not None
        assert model.projector.path.name == "mmproj-gemma-3-270m-F16.gguf"
        assert model.capabilities == ("text", "image")
    assert [projector.path.name for projector in library.projectors] == ["mmproj-gemma-3-270m-F16.gguf"]
    assert library.broken == []
    assert library.find(q8.path) is q8


def test_broken_files_are_listed_not_fatal(models: Path, gemma_model_path: Path) -> None:
    broken = models / "broken"
    broken.mkdir()
    (broken / "notes.gguf").write_text("this is not a model")
    truncated = broken / "truncated-Q4_K_M.gguf"
    truncated.write_bytes(gemma_model_path.read_bytes()[:5_000_000])
    (broken / "empty.gguf").write_bytes(b"")

    library = scan_models()

    assert len(library.models) == 2
    errors = {item.path.name: str(item.error) for item in library.broken}
    assert set(errors) == {"notes.gguf", "truncated-Q4_K_M.gguf", "empty.gguf"}
    assert "not a GGUF file" in errors["notes.gguf"]
    assert "truncated" in errors["truncated-Q4_K_M.gguf"]


def test_a_projector_for_another_model_is_not_paired(tmp_path: Path, gemma_model_path: Path) -> None:
    folder = tmp_path / "pairs"
    folder.mkdir()
    shutil.copyfile(gemma_model_path, folder / "gemma-3-270m-Q4_K_M.gguf")
    write_mismatched_projector(folder / "mmproj-gemma-3-270m-F16.gguf")
    library = scan_models([folder])
    model = library.models[0]
    assert model.projector is None
    assert "belongs to another model" in str(model.projector_problem)
    assert model.capabilities == ("text",)


@pytest.mark.parametrize(("architecture", "blocks", "width", "label"), [
    ("gemma3n", 30, 2048, "Gemma 3n E2B · Q4_K_M"),
    ("gemma3n", 35, 2048, "Gemma 3n E4B · Q4_K_M"),
    ("gemma4", 35, 1536, "Gemma 4 E2B · Q4_K_M"),
    ("gemma4", 42, 2560, "Gemma 4 E4B · Q4_K_M"),
    ("gemma4", 44, 2560, "Gemma 4 E4B · Q4_K_M"),  # unfamiliar depth: the width decides
    ("gemma3n", 31, 2048, "Gemma 3n · Q4_K_M"),  # unknown size: said plainly
])
def test_family_and_size_come_from_the_metadata(tmp_path: Path, architecture: str, blocks: int, width: int,
                                                label: str) -> None:
    write_synthetic_model(tmp_path / "model.gguf", architecture=architecture, block_count=blocks,
                          embedding_length=width)
    (model,) = scan_models([tmp_path]).models
    assert model.label == label


def test_user_folders_and_hidden_or_deep_folders(tmp_path: Path) -> None:
    extra = tmp_path / "my-models"
    (extra / ".partial").mkdir(parents=True)
    (extra / "a" / "b" / "c" / "d").mkdir(parents=True)
    write_synthetic_model(extra / "e2b.gguf", block_count=30)
    write_synthetic_model(extra / ".partial" / "hidden.gguf")
    write_synthetic_model(extra / "a" / "b" / "c" / "d" / "too-deep.gguf")
    (extra / "e2b.gguf.part").write_bytes(b"partial download")
    library = scan_models([paths.models_folder(), extra])
    assert [model.path.name for model in library.models] == ["e2b.gguf"]


def test_import_by_copy_brings_the_projector(tmp_path: Path, gemma_model_path: Path) -> None:
    source = tmp_path / "downloads"
    source.mkdir()
    model = source / "gemma-3-270m-Q4_K_M.gguf"
    shutil.copyfile(gemma_model_path, model)
    write_gemma3nv_projector(source / "mmproj-F16.gguf")

    result = import_model(model, copy=True)

    assert isinstance(result, ImportResult)
    assert result.model_path == paths.models_folder() / "gemma-3-270m-Q4_K_M" / "gemma-3-270m-Q4_K_M.gguf"
    assert not result.model_path.is_symlink()
    assert result.projector_path.name == "mmproj-F16.gguf"
    listed = scan_models().models
    assert [m.path for m in listed] == [result.model_path] and listed[0].projector is not None
    assert import_model(model, copy=True) == result  # importing again changes nothing


def test_import_by_link(tmp_path: Path, gemma_model_path: Path) -> None:
    result = import_model(gemma_model_path, copy=False, with_projector=False)
    assert result.model_path.is_symlink()
    assert result.model_path.resolve() == gemma_model_path.resolve()


def test_import_checks_free_space_first(tmp_path: Path, gemma_model_path: Path) -> None:
    with pytest.raises(ModelImportError, match="Not enough disk space to copy"):
        import_model(gemma_model_path, copy=True, free_space=lambda folder: 10_000_000)
    assert not list(paths.models_folder().rglob("*.gguf"))


def test_import_refuses_what_is_not_a_model(tmp_path: Path) -> None:
    projector = write_gemma3nv_projector(tmp_path / "mmproj-F16.gguf")
    with pytest.raises(ModelImportError, match="is a projector"):
        import_model(projector)
    text = tmp_path / "readme.gguf"
    text.write_text("hello")
    with pytest.raises(ModelImportError, match="not a GGUF file"):
        import_model(text)


def test_import_refuses_to_overwrite_a_different_file(tmp_path: Path, gemma_model_path: Path) -> None:
    target = paths.models_folder() / gemma_model_path.stem / gemma_model_path.name
    target.parent.mkdir(parents=True)
    target.write_bytes(b"something else")
    with pytest.raises(ModelImportError, match="already exists and is a different file"):
        import_model(gemma_model_path, with_projector=False)
