"""Fetching Gemma 3n's audio encoder from a (fake) Google checkpoint by byte range, into a GGUF."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest

from app.core.hub.audio_encoder_download import audio_encoder_file_name, fetch_audio_encoder, parts_folder
from app.core.hub.audio_encoder_source import official_repo_for, plan_audio_fetch
from app.core.hub.downloads import CancelToken, DownloadCancelled, DownloadError, NotEnoughDiskSpace, ProgressReporter
from app.core.gemma3n_audio import Gemma3nAudioEncoder, write_audio_projector
from tests.core.gemma3n_audio.random_weights import noise_clip
from tests.fake_checkpoint import SHARDS, build_checkpoint

REPO = "google/gemma-3n-E2B-it"


@pytest.fixture(scope="module")
def checkpoint():
    return build_checkpoint()


def tensors_of(path: Path) -> dict[str, np.ndarray]:
    reader = gguf.GGUFReader(path)
    return {tensor.name: np.array(tensor.data) for tensor in reader.tensors}


def test_official_repositories_by_size() -> None:
    assert official_repo_for("E2B") == "google/gemma-3n-E2B-it"
    assert official_repo_for("e4b") == "google/gemma-3n-E4B-it"
    assert official_repo_for("270M") is None
    assert audio_encoder_file_name(Path("/m/gemma-3n-E2B-it-Q4_K_M.gguf")) == "gemma-3n-E2B-it-audio-encoder-F16.gguf"


def test_plan_fetches_only_the_audio_bytes_in_few_ranges(hub, checkpoint, tmp_path: Path) -> None:
    checkpoint.host(hub, REPO)
    plan = plan_audio_fetch(REPO, tmp_path)
    audio_bytes = sum(bits.nbytes for bits in checkpoint.audio_bits.values())
    assert sorted(t.name for t in plan.tensors) == sorted(checkpoint.audio_bits)
    assert plan.total_bytes == audio_bytes  # the filler between the audio tensors is skipped
    assert [r.shard.filename for r in plan.ranges] == [SHARDS[0], SHARDS[1], SHARDS[1]]
    shard_headers = [entry for entry in hub.gets() if entry.range and entry.range.startswith("bytes=0-")]
    assert all(hub.body_bytes_of(shard) < 100_100 for shard in SHARDS), shard_headers


def test_fetch_writes_the_same_file_as_converting_the_whole_checkpoint(hub, checkpoint, tmp_path: Path) -> None:
    checkpoint.host(hub, REPO)
    progress = []
    target = tmp_path / "gemma-3n-E2B-it-audio-encoder-F16.gguf"
    fetched = fetch_audio_encoder(REPO, target, on_progress=progress.append)

    direct = write_audio_projector(tmp_path / "direct.gguf", checkpoint.audio_float32())
    ours, expected = tensors_of(fetched), tensors_of(direct)
    assert ours.keys() == expected.keys() and len(ours) == 2 * 22 + 9
    for name in expected:
        assert np.array_equal(ours[name], expected[name]), name
    with Gemma3nAudioEncoder.from_gguf(fetched) as from_fetch, Gemma3nAudioEncoder.from_gguf(direct) as reference:
        clip = noise_clip(2.0)
        assert np.array_equal(from_fetch.encode_clip(clip), reference.encode_clip(clip))

    fetched_bytes = sum(hub.body_bytes_of(shard) for shard in SHARDS)
    assert fetched_bytes < checkpoint.filler_bytes / 4  # header reads + audio ranges, never the filler
    stages = [p.stage for p in progress]
    assert stages[0] == "downloading" and "converting" in stages and stages[-1] == "done"
    downloaded = [p.downloaded for p in progress if p.stage == "downloading"]
    assert downloaded == sorted(downloaded) and downloaded[-1] == progress[-1].total
    assert not parts_folder(target).exists() and not Path(f"{target}.part").exists()


def test_gated_repository_needs_a_token_which_every_request_carries(hub, checkpoint, tmp_path: Path) -> None:
    checkpoint.host(hub, REPO)
    hub.gated.add(REPO)
    with pytest.raises(DownloadError, match="gated"):
        fetch_audio_encoder(REPO, tmp_path / "audio.gguf", token=False)
    hub.requests.clear()
    fetch_audio_encoder(REPO, tmp_path / "audio.gguf", token="hf_user_token")
    assert hub.requests and all(entry.authorization == "Bearer hf_user_token" for entry in hub.requests)


def test_pause_keeps_the_fetched_ranges_and_resume_does_not_fetch_them_again(
    hub, checkpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    checkpoint.host(hub, REPO)
    monkeypatch.setattr(ProgressReporter, "REPORT_EVERY", 0.0)  # loopback is too fast for the 0.2 s throttle
    target = tmp_path / "audio.gguf"
    cancel = CancelToken()

    def stop_midway(progress) -> None:
        if progress.stage == "downloading" and progress.downloaded > 150_000:
            cancel.cancel()

    with pytest.raises(DownloadCancelled, match="resumes"):
        fetch_audio_encoder(REPO, target, on_progress=stop_midway, cancel=cancel)
    kept = sum(part.stat().st_size for part in parts_folder(target).glob("*.part"))
    assert kept > 150_000 and not target.exists()

    assert hub.wait_until_idle()  # the cancelled stream's bytes are counted before, not after
    before = sum(hub.body_bytes_of(shard) for shard in SHARDS)
    fetch_audio_encoder(REPO, target)
    again = sum(hub.body_bytes_of(shard) for shard in SHARDS) - before
    audio_bytes = sum(bits.nbytes for bits in checkpoint.audio_bits.values())
    assert again <= audio_bytes - kept + 2 * (100_001 + 8)  # the rest, plus the two shards' headers again
    assert set(tensors_of(target)) == set(tensors_of(write_audio_projector(tmp_path / "d.gguf", checkpoint.audio_float32())))


def test_a_dropped_connection_is_resumed_within_the_same_fetch(hub, checkpoint, tmp_path: Path) -> None:
    checkpoint.host(hub, REPO, **{SHARDS[0]: {"cut_after": 120_000}})
    target = fetch_audio_encoder(REPO, tmp_path / "audio.gguf")
    assert len(tensors_of(target)) == 53


def test_not_enough_disk_space_is_said_before_any_weight_is_fetched(hub, checkpoint, tmp_path: Path) -> None:
    checkpoint.host(hub, REPO)
    with pytest.raises(NotEnoughDiskSpace, match="Free some space"):
        fetch_audio_encoder(REPO, tmp_path / "audio.gguf", free_space=lambda folder: 10_000_000)
    ranged = [entry for entry in hub.gets() if entry.range and not entry.range.startswith("bytes=0-")]
    assert ranged == []


def test_damaged_weights_are_refused_and_no_file_is_left(hub, checkpoint, tmp_path: Path) -> None:
    damaged = bytearray(checkpoint.shards[SHARDS[0]])
    damaged[-64:] = b"\xc0\x7f" * 32  # bfloat16 NaNs in the last audio tensor of the shard
    checkpoint.host(hub, REPO, **{SHARDS[0]: {"served": bytes(damaged)}})
    target = tmp_path / "audio.gguf"
    with pytest.raises(DownloadError, match="damaged"):
        fetch_audio_encoder(REPO, target)
    assert not target.exists() and not Path(f"{target}.part").exists()


def test_a_checkpoint_without_audio_is_refused(hub, tmp_path: Path) -> None:
    build_checkpoint(with_audio=False).host(hub, "google/gemma-3-1b-it")
    with pytest.raises(DownloadError, match="no Gemma 3n audio encoder"):
        fetch_audio_encoder("google/gemma-3-1b-it", tmp_path / "audio.gguf")


def test_a_server_that_ignores_byte_ranges_is_refused_without_sending_the_shard(hub, checkpoint, tmp_path: Path) -> None:
    big = SHARDS[1]
    checkpoint.host(hub, REPO, **{big: {"ignore_range": True}})
    with pytest.raises(DownloadError, match="did not answer a byte-range request"):
        fetch_audio_encoder(REPO, tmp_path / "audio.gguf")
    assert hub.body_bytes_of(big) < len(checkpoint.shards[big]) / 2
