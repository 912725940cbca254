"""The official route at full size: time and peak memory to cut Gemma 3n's audio encoder out of a
Google-sized checkpoint and write it as a GGUF.

Builds a stand-in for google/gemma-3n-E2B-it on disk (random bfloat16 audio tower and embedder at
their real shapes, 681 M values, plus 600 MB of other tensors, in three safetensors shards with the
shard index), serves it from the loopback hub of the tests (tests/fake_hub.py), and runs
`fetch_audio_encoder` in a fresh process. Peak memory = that process's peak resident size (VmHWM)
minus its size once the modules are imported: the fetch converts and writes one tensor at a time.

Run: .venv/bin/python bench/gemma3n_audio_fetch.py   (needs ≈ 6 GB of free disk in /tmp)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.gemma3n_audio.names import GEMMA3N_AUDIO_SHAPE, tensor_shapes, transformers_name  # noqa: E402

REPO = "google/gemma-3n-E2B-it"
FILLER = {"model.language_model.embed_tokens.weight": (75_000, 2048),  # 300 MB of bfloat16 each
          "model.vision_tower.timm_model.blocks.0.weight": (75_000, 2048)}


def write_checkpoint(folder: Path) -> int:
    """Three shards and the index, as `save_pretrained` lays them out; returns the audio bytes."""
    import safetensors

    from tests.fake_checkpoint import to_bfloat16_bits

    rng = np.random.default_rng(0)
    audio = {}
    for name, shape in tensor_shapes(GEMMA3N_AUDIO_SHAPE).items():
        scale = np.float32(int(np.prod(shape[1:])) ** -0.5) if len(shape) >= 2 else np.float32(0.1)
        audio[transformers_name(name)] = to_bfloat16_bits(rng.standard_normal(shape, dtype=np.float32) * scale)
    names = sorted(audio)
    half = len(names) // 2
    shards = {
        "model-00001-of-00003.safetensors": {name: audio[name] for name in names[:half]},
        "model-00002-of-00003.safetensors": {name: audio[name] for name in names[half:]},
        "model-00003-of-00003.safetensors": {
            name: to_bfloat16_bits(rng.standard_normal(shape, dtype=np.float32)) for name, shape in FILLER.items()},
    }
    weight_map = {}
    for shard, tensors in shards.items():
        specs = {name: safetensors.TensorSpec(dtype="bfloat16", shape=list(bits.shape), data_ptr=bits.ctypes.data,
                                              data_len=bits.nbytes) for name, bits in tensors.items()}
        safetensors.serialize_file(specs, str(folder / shard), metadata={"format": "pt"})
        weight_map |= {name: shard for name in tensors}
    (folder / "model.safetensors.index.json").write_text(json.dumps({"metadata": {}, "weight_map": weight_map}))
    return sum(bits.nbytes for bits in audio.values())


MEASURE = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from app.core.hub.audio_encoder_download import fetch_audio_encoder
def kb(field):
    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(field + ':'))
before = kb('VmRSS')
start = time.perf_counter()
fetch_audio_encoder(sys.argv[2], Path(sys.argv[3]), token='hf_bench')
print(f'{time.perf_counter() - start:.1f} {(kb("VmHWM") - before) / 1024:.0f}')
"""


def main() -> None:
    from tests.fake_hub import start_fake_hub

    with tempfile.TemporaryDirectory(dir="/tmp", prefix="gemma3n-fetch-bench-") as work:
        folder = Path(work) / "checkpoint"
        folder.mkdir()
        start = time.perf_counter()
        audio_bytes = write_checkpoint(folder)
        total = sum(f.stat().st_size for f in folder.iterdir())
        print(f"stand-in checkpoint: {total / 1e9:.2f} GB in 3 shards, audio {audio_bytes / 1e9:.2f} GB "
              f"(written in {time.perf_counter() - start:.0f} s)")
        hub, server, _thread = start_fake_hub()
        for file in folder.iterdir():
            hub.add(REPO, file.name, file.read_bytes(), lfs=file.suffix == ".safetensors")
        target = Path(work) / "gemma-3n-E2B-it-audio-encoder-F16.gguf"
        env = {**os.environ, "HF_ENDPOINT": hub.url}
        result = subprocess.run([sys.executable, "-c", MEASURE, str(ROOT), REPO, str(target)],
                                env=env, check=True, capture_output=True, text=True)
        seconds, peak_mb = result.stdout.split()
        fetched = sum(hub.bytes_by_file.get(name, 0) for name in hub.bytes_by_file if name.endswith(".safetensors"))
        server.shutdown()
        print(f"fetched {fetched / 1e9:.2f} GB of {total / 1e9:.2f} GB (the filler shard: "
              f"{hub.bytes_by_file.get('model-00003-of-00003.safetensors', 0)} bytes)")
        print(f"written {target.stat().st_size / 1e9:.2f} GB GGUF in {seconds} s over loopback; "
              f"peak extra memory of the fetching process: {peak_mb} MB")


if __name__ == "__main__":
    main()
