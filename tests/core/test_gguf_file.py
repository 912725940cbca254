"""Bad model files are refused in Python, with a message naming the file, before llama.cpp."""

import pytest

from app.core.models.gguf_file import ModelFileError, inspect_model
from tests.gguf_factory import write_tiny_gguf


def test_real_model_is_described(gemma_model_path):
    info = inspect_model(gemma_model_path)
    assert info.architecture == "gemma3"
    assert info.embedding_length == 640
    assert info.context_length == 32768
    assert info.file_type == "Q4_K_M"
    assert info.size_bytes == gemma_model_path.stat().st_size


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="does not exist"):
        inspect_model(tmp_path / "nowhere.gguf")


def test_text_file_renamed_gguf(tmp_path):
    path = tmp_path / "notes.gguf"
    path.write_text("just some notes, not a model\n" * 10)
    with pytest.raises(ModelFileError, match="notes.gguf is not a GGUF file"):
        inspect_model(path)


def test_truncated_model(tmp_path, gemma_model_path):
    path = tmp_path / "half.gguf"
    with gemma_model_path.open("rb") as source:
        path.write_bytes(source.read(gemma_model_path.stat().st_size // 2))
    with pytest.raises(ModelFileError, match="half.gguf is (truncated|damaged)"):
        inspect_model(path)


def test_truncated_inside_header(tmp_path, gemma_model_path):
    path = tmp_path / "header.gguf"
    with gemma_model_path.open("rb") as source:
        path.write_bytes(source.read(4096))
    with pytest.raises(ModelFileError, match="header.gguf"):
        inspect_model(path)


def test_unsupported_architecture(tmp_path):
    path = tmp_path / "llama.gguf"
    write_tiny_gguf(path, "llama")
    with pytest.raises(ModelFileError, match="'llama' model"):
        inspect_model(path)


def test_model_without_tokenizer(tmp_path):
    path = tmp_path / "bare.gguf"
    write_tiny_gguf(path, "gemma3", with_tokenizer=False)
    with pytest.raises(ModelFileError, match="no tokenizer"):
        inspect_model(path)


def test_projector_is_not_a_model(tmp_path):
    path = tmp_path / "mmproj.gguf"
    write_tiny_gguf(path, "clip", with_tokenizer=False)
    with pytest.raises(ModelFileError, match="projector"):
        inspect_model(path)
