"""Model files for tests: a second quantization of the real 270M file made by llama.cpp's own
quantizer, and tiny synthetic GGUFs whose metadata looks like Gemma 3n / Gemma 4 models.
"""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np

FTYPES = {"Q4_0": 2, "Q4_1": 3, "Q8_0": 7, "Q5_0": 8, "Q4_K_M": 15, "Q5_K_M": 17, "Q6_K": 18}


def make_requantized_copy(src: Path, dst: Path, ftype: str | int = "Q8_0", threads: int = 2) -> Path:
    """Write `src` re-quantized to `ftype` ("Q8_0", "Q4_0", … or a llama_ftype number) at `dst`.

    Uses `llama_cpp.llama_model_quantize` with allow_requantize, so a Q4_K_M file can become a
    Q8_0 one (the weights are dequantized first; the result is a different file of the same model).
    """
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = FTYPES[ftype] if isinstance(ftype, str) else int(ftype)
    params.allow_requantize = True
    params.nthread = threads
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    status = llama_cpp.llama_model_quantize(str(src).encode(), str(dst).encode(), params)
    if status != 0 or not dst.exists():
        raise RuntimeError(f"llama_model_quantize({src} → {dst}, {ftype}) failed with status {status}")
    return dst


def write_synthetic_model(
    path: Path,
    *,
    architecture: str = "gemma3n",
    block_count: int = 30,
    embedding_length: int = 2048,
    file_type: int = 15,
    head_count: int = 8,
    head_count_kv: int = 2,
    key_length: int = 256,
    context_length: int = 32768,
    tensor_type: str = "F16",
    per_layer_table: bool = True,
    extra_keys: dict | None = None,
) -> Path:
    """A small GGUF with a model's metadata and one tiny tensor per block (not runnable)."""
    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_name(f"synthetic {architecture}")
    writer.add_uint32(f"{architecture}.block_count", block_count)
    writer.add_uint32(f"{architecture}.embedding_length", embedding_length)
    writer.add_uint32(f"{architecture}.context_length", context_length)
    writer.add_uint32(f"{architecture}.feed_forward_length", embedding_length * 4)
    writer.add_uint32(f"{architecture}.attention.head_count", head_count)
    writer.add_uint32(f"{architecture}.attention.head_count_kv", head_count_kv)
    writer.add_uint32(f"{architecture}.attention.key_length", key_length)
    writer.add_uint32(f"{architecture}.attention.value_length", key_length)
    writer.add_uint32(f"{architecture}.attention.sliding_window", 512)
    for key, value in (extra_keys or {}).items():
        if isinstance(value, list):
            writer.add_array(key, value)
        else:
            writer.add_uint32(key, value)
    writer.add_file_type(file_type)
    writer.add_token_list(["<pad>", "<eos>", "<bos>", "hello"])
    dtype = np.float16 if tensor_type == "F16" else np.float32
    writer.add_tensor("token_embd.weight", np.zeros((4, 32), dtype=dtype))
    if per_layer_table:
        writer.add_tensor("per_layer_token_embd.weight", np.zeros((4, 64), dtype=dtype))
    writer.add_tensor("output_norm.weight", np.ones(32, dtype=np.float32))
    for block in range(block_count):
        writer.add_tensor(f"blk.{block}.attn_q.weight", np.zeros((32, 32), dtype=dtype))
        writer.add_tensor(f"blk.{block}.attn_norm.weight", np.ones(32, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return Path(path)
