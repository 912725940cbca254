"""Small GGUF files written with the gguf package, for tests of file validation."""

from pathlib import Path

import gguf
import numpy as np


def write_tiny_gguf(path: Path, architecture: str, with_tokenizer: bool = True) -> Path:
    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_block_count(1)
    if with_tokenizer:
        writer.add_tokenizer_model("llama")
        writer.add_token_list(["<pad>", "<eos>", "<bos>"])
    writer.add_tensor("token_embd.weight", np.zeros((3, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
