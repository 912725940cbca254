"""The official route against transformers: a tiny Gemma 3n saved by transformers itself as a
sharded bfloat16 checkpoint (like google/gemma-3n-E2B-it), served by the loopback hub, cut into
an audio-encoder GGUF by our fetch, gives the embeddings transformers hands its language model.

Skipped where torch or transformers are not installed (see test_parity.py).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from app.core.hub.audio_encoder_download import fetch_audio_encoder  # noqa: E402
from app.core.hub.audio_encoder_source import plan_audio_fetch  # noqa: E402
from app.core.gemma3n_audio import Gemma3nAudioEncoder  # noqa: E402
from tests.core.gemma3n_audio.random_weights import noise_clip  # noqa: E402
from tests.core.gemma3n_audio.test_parity import assert_close_relative  # noqa: E402
from tests.core.gemma3n_audio.tiny_gemma3n import reference_embeddings, tiny_checkpoint_model  # noqa: E402

GOOGLE = "google/gemma-3n-E2B-it"


def test_fetched_encoder_matches_transformers_on_its_own_checkpoint(hub, tmp_path: Path) -> None:
    model = tiny_checkpoint_model(seed=7)
    saved = tmp_path / "checkpoint"
    # Saved from a copy: casting the model itself would also round its float buffers (timescales).
    copy.deepcopy(model).to(torch.bfloat16).save_pretrained(saved, max_shard_size="300KB")
    for file in saved.iterdir():
        hub.add(GOOGLE, file.name, file.read_bytes(), lfs=file.suffix == ".safetensors")

    plan = plan_audio_fetch(GOOGLE, tmp_path / "plan")
    shards = {byte_range.shard.filename for byte_range in plan.ranges}
    assert len(shards) >= 2, "the audio tower spans several shards, as in Google's checkpoint"
    assert all(tensor.dtype == "BF16" and tensor.name.startswith("model.") for tensor in plan.tensors)

    fetched = fetch_audio_encoder(GOOGLE, tmp_path / "gemma-3n-E2B-it-audio-encoder-F16.gguf")
    clip = noise_clip(5.5, seed=55)
    reference = reference_embeddings(model.model, clip)
    with Gemma3nAudioEncoder.from_gguf(fetched) as encoder:
        ours = encoder.encode_clip(clip)
        assert_close_relative(ours, reference.soft_tokens)
        assert_close_relative(encoder.end_of_audio_embedding(), reference.end_of_audio)
    worst = abs(ours - reference.soft_tokens).max() / abs(reference.soft_tokens).max()
    print(f"\nofficial route, 5.5-s clip: 188 embeddings within {worst:.2e} of transformers' (relative)")
