"""The fast header reader agrees with gguf.GGUFReader on everything it reports."""

import gguf
import numpy as np
import pytest

from app.core.models.gguf_header import ArrayInfo, GGUFFormatError, read_header


@pytest.fixture
def sample_gguf(tmp_path):
    path = tmp_path / "sample.gguf"
    writer = gguf.GGUFWriter(str(path), "gemma3")
    writer.add_uint32("gemma3.block_count", 3)
    writer.add_float32("gemma3.rope.freq_base", 10000.0)
    writer.add_string("general.name", "Sample ünïcode")
    writer.add_bool("tokenizer.ggml.add_bos_token", True)
    writer.add_array("small.list", [1, 2, 3])
    writer.add_token_list([f"tok{i}" for i in range(500)])
    writer.add_token_scores([float(i) for i in range(500)])
    writer.add_tensor("a.weight", np.arange(24, dtype=np.float32).reshape(4, 6))
    writer.add_tensor("b.weight", np.zeros((2, 32), dtype=np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_matches_gguf_reader(sample_gguf):
    header = read_header(sample_gguf)
    reference = gguf.GGUFReader(sample_gguf)
    for key in ("gemma3.block_count", "general.name", "tokenizer.ggml.add_bos_token", "small.list"):
        assert header.get(key) == reference.get_field(key).contents()
    assert header.get("gemma3.rope.freq_base") == pytest.approx(10000.0)
    assert header.get("tokenizer.ggml.tokens") == ArrayInfo(gguf.GGUFValueType.STRING, 500)
    assert header.get("tokenizer.ggml.scores") == ArrayInfo(gguf.GGUFValueType.FLOAT32, 500)
    by_name = {t.name: t for t in reference.tensors}
    for tensor in header.tensors:
        expected = by_name[tensor.name]
        assert tensor.offset == expected.data_offset
        assert tensor.n_bytes == expected.n_bytes
        assert tensor.shape == tuple(int(d) for d in expected.shape)
        assert tensor.ggml_type == expected.tensor_type
    assert header.data_end <= sample_gguf.stat().st_size


def test_real_model_header(gemma_model_path):
    header = read_header(gemma_model_path)
    assert header.get("general.architecture") == "gemma3"
    assert header.get("tokenizer.ggml.tokens").length == 262144
    assert header.data_end == gemma_model_path.stat().st_size


def test_cut_header_is_a_format_error(sample_gguf, tmp_path):
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(sample_gguf.read_bytes()[:200])
    with pytest.raises(GGUFFormatError):
        read_header(cut)


@pytest.mark.parametrize("kept", [100, 5_000, 200_000])
def test_a_cut_header_is_told_in_the_users_words(gemma_model_path, tmp_path, kept):
    cut = tmp_path / "cut.gguf"
    with open(gemma_model_path, "rb") as whole:
        cut.write_bytes(whole.read(kept))
    with pytest.raises(GGUFFormatError) as raised:
        read_header(cut)
    sentence = str(raised.value)
    assert "runs past the end of the file" in sentence and f"{kept:,} bytes" in sentence
    assert "unpack" not in sentence and "buffer" not in sentence
