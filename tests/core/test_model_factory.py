"""The test helper that makes a second quantization with llama.cpp's own quantizer."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.models.gguf_file import inspect_model
from app.core.models.library import describe_model
from tests.model_factory import make_requantized_copy


def test_requantized_copy_is_a_different_quantization_of_the_same_model(gemma_model_path: Path,
                                                                       tmp_path: Path) -> None:
    copy = make_requantized_copy(gemma_model_path, tmp_path / "gemma-3-270m-Q4_0.gguf", "Q4_0")
    original, requantized = inspect_model(gemma_model_path), inspect_model(copy)
    assert (original.file_type, requantized.file_type) == ("Q4_K_M", "Q4_0")
    assert requantized.block_count == original.block_count and requantized.embedding_length == 640
    assert describe_model(copy).main_tensor_type == "Q4_0"


def test_unknown_quantization_is_refused(gemma_model_path: Path, tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        make_requantized_copy(gemma_model_path, tmp_path / "x.gguf", "Q3_XYZ")
