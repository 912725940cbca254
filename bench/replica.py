"""A random-weight replica of a GGUF: the same metadata, tensor names, shapes and quantization
types (so the same size and compute), with noise for weights. For machines where the real file
cannot travel (the GPU machine takes 64 MiB per call; the 270M file is 253 MB).

    python -m bench.replica manifest MODEL.gguf OUT.json     # here, once
    python -m bench.replica tokenizer MODEL.gguf OUT.npz     # here, once
    python -m bench.replica write OUT.json TOKENIZER.npz REPLICA.gguf
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import gguf

from app.core.models.gguf_header import read_header
from bench.models import REPOSITORY

if str(REPOSITORY) not in sys.path:
    sys.path.insert(0, str(REPOSITORY))

from tests.random_gguf import RandomTensor, add_tokenizer, read_metadata, read_tokenizer, save_tokenizer  # noqa: E402
from tests.random_gguf import write_once, write_random_gguf  # noqa: E402

MANIFEST_270M = REPOSITORY / "bench" / "assets" / "gemma-3-270m-q4_k_m.manifest.json"


def write_manifest(model: Path, target: Path) -> Path:
    metadata = {}
    for key, (value, kind) in read_metadata(model).items():
        if key.startswith("tokenizer.") or key.startswith("GGUF."):
            continue
        if kind == gguf.GGUFValueType.ARRAY:
            items = value.tolist() if hasattr(value, "tolist") else [item.decode() for item in value]
            element = gguf.GGUFValueType.STRING if not hasattr(value, "tolist") else _element_type(value)
            metadata[key] = [items, int(kind), int(element)]
        else:
            metadata[key] = [value.decode() if isinstance(value, bytes) else value, int(kind)]
    header = read_header(model)
    tensors = [[tensor.name, list(tensor.shape), tensor.ggml_type.name] for tensor in header.tensors]
    manifest = {"source": model.name, "size_bytes": model.stat().st_size,
                "architecture": metadata["general.architecture"][0], "metadata": metadata, "tensors": tensors}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(manifest, indent=0))
    return target


def _element_type(array) -> gguf.GGUFValueType:
    return {"int32": gguf.GGUFValueType.INT32, "uint32": gguf.GGUFValueType.UINT32,
            "float32": gguf.GGUFValueType.FLOAT32, "bool": gguf.GGUFValueType.BOOL}[str(array.dtype)]


def write_replica(manifest_path: Path, tokenizer: Path, target: Path, seed: int = 0) -> Path:
    manifest = json.loads(Path(manifest_path).read_text())
    tensors = []
    for name, ggml_shape, type_name in manifest["tensors"]:
        ggml_type = gguf.GGMLQuantizationType[type_name]
        kind = "norm" if len(ggml_shape) == 1 else ("small" if ggml_type == gguf.GGMLQuantizationType.F32 else "matrix")
        tensors.append(RandomTensor(name, tuple(reversed(ggml_shape)), kind, ggml_type))
    fields = read_tokenizer(Path(tokenizer))

    def metadata(writer: gguf.GGUFWriter) -> None:
        for key, entry in manifest["metadata"].items():
            if key == "general.architecture":
                continue
            value, kind = entry[0], gguf.GGUFValueType(entry[1])
            if key == "general.name":
                value = f"{value} (random-weight replica, not a model)"
            sub_type = gguf.GGUFValueType(entry[2]) if len(entry) > 2 else None
            writer.add_key_value(key, value, kind, sub_type=sub_type)
        tokens = fields.pop("tokenizer.ggml.tokens")[0]
        scores = fields.pop("tokenizer.ggml.scores")[0]
        types = fields.pop("tokenizer.ggml.token_type")[0]
        add_tokenizer(writer, list(tokens), scores, types, fields)

    return write_random_gguf(Path(target), manifest["architecture"], tensors, metadata, seed)


def cached_replica(folder: Path, manifest_path: Path, tokenizer: Path) -> Path:
    name = Path(manifest_path).name.replace(".manifest.json", "-random-replica.gguf")
    return write_once(Path(folder) / name, lambda partial: write_replica(manifest_path, tokenizer, partial))


if __name__ == "__main__":
    verb, *paths = sys.argv[1:]
    if verb == "manifest":
        print(write_manifest(Path(paths[0]), Path(paths[1])))
    elif verb == "tokenizer":
        print(save_tokenizer(Path(paths[0]), Path(paths[1])))
    elif verb == "write":
        print(write_replica(Path(paths[0]), Path(paths[1]), Path(paths[2])))
    else:
        raise SystemExit(__doc__)
