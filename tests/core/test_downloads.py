"""Downloads through huggingface_hub against a loopback stand-in for the hub (HF_ENDPOINT)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.hub.downloads import (
    CancelToken,
    ChecksumMismatch,
    DownloadCancelled,
    DownloadError,
    DownloadProgress,
    NotEnoughDiskSpace,
    ProgressReporter,
    discard_partial_download,
    download_file,
    remote_file_info,
    repo_folder,
)

REPO = "ggml-org/gemma-3n-E2B-it-GGUF"
FILE = "gemma-3n-E2B-it-Q4_K_M.gguf"
SIZE = 3 * 1024 * 1024 + 12345


@pytest.fixture
def content() -> bytes:
    return os.urandom(SIZE)


def test_download_reports_progress_and_verifies(hub, content, tmp_path: Path) -> None:
    hub.add(REPO, FILE, content)
    seen: list[DownloadProgress] = []

    path = download_file(REPO, FILE, folder=tmp_path, token=False, on_progress=seen.append)

    assert path == tmp_path / FILE
    assert path.read_bytes() == content
    downloading = [p for p in seen if p.stage == "downloading"]
    assert len(downloading) >= 2
    assert [p.downloaded for p in downloading] == sorted(p.downloaded for p in downloading)
    assert downloading[-1].downloaded == SIZE and downloading[-1].total == SIZE
    assert any(p.bytes_per_second and p.bytes_per_second > 0 for p in downloading)
    assert downloading[-1].eta_seconds == pytest.approx(0.0)
    assert [p.stage for p in seen][-1] == "done"
    assert any(p.stage == "verifying" for p in seen)
    assert not list(tmp_path.glob(".*.part"))


def test_default_folder_is_per_repository_under_models(hub, content) -> None:
    hub.add(REPO, FILE, content)
    path = download_file(REPO, FILE, token=False)
    assert path == repo_folder(REPO) / FILE
    assert path.parent.name == "ggml-org__gemma-3n-E2B-it-GGUF"


def test_connection_cut_halfway_resumes_with_range(hub, content, tmp_path: Path) -> None:
    hub.add(REPO, FILE, content, cut_after=SIZE // 2)

    path = download_file(REPO, FILE, folder=tmp_path, token=False)

    assert path.read_bytes() == content
    ranges = [request.range for request in hub.gets()]
    assert ranges[0] is None
    assert len(ranges) == 2 and ranges[1].startswith("bytes=")
    resumed_from = int(ranges[1].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_from <= SIZE // 2
    assert hub.body_bytes_sent == SIZE // 2 + (SIZE - resumed_from)


def test_failed_attempt_keeps_partial_and_retry_resumes(
    hub, content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hosted = hub.add(REPO, FILE, content)
    monkeypatch.setattr(ProgressReporter, "REPORT_EVERY", 0.0)  # report every chunk
    token = CancelToken()

    def stop_halfway(progress: DownloadProgress) -> None:
        if progress.stage == "downloading" and progress.downloaded >= SIZE // 3:
            token.cancel()

    with pytest.raises(DownloadCancelled, match="resumes"):
        download_file(REPO, FILE, folder=tmp_path, token=False, on_progress=stop_halfway, cancel=token)
    partials = list(tmp_path.glob(".*.part"))
    assert len(partials) == 1
    kept = partials[0].stat().st_size
    assert 0 < kept < SIZE
    assert not (tmp_path / FILE).exists()

    hosted.fail_gets = 1  # the next attempt meets a server error first
    with pytest.raises(DownloadError, match="503.*Retry resumes"):
        download_file(REPO, FILE, folder=tmp_path, token=False)
    assert partials[0].stat().st_size == kept

    path = download_file(REPO, FILE, folder=tmp_path, token=False)
    assert path.read_bytes() == content
    assert hub.gets()[-1].range == f"bytes={kept}-"


def test_corrupted_download_is_rejected_by_checksum(hub, content, tmp_path: Path) -> None:
    damaged = bytearray(content)
    damaged[SIZE // 2] ^= 0xFF
    hub.add(REPO, FILE, content, served=bytes(damaged))

    with pytest.raises(ChecksumMismatch, match="checksum"):
        download_file(REPO, FILE, folder=tmp_path, token=False)

    assert not (tmp_path / FILE).exists()
    assert not list(tmp_path.glob(".*.part"))


def test_full_disk_is_refused_before_downloading(hub, content, tmp_path: Path) -> None:
    hub.add(REPO, FILE, content)

    with pytest.raises(NotEnoughDiskSpace, match="Not enough disk space") as error:
        download_file(REPO, FILE, folder=tmp_path, token=False, free_space=lambda folder: 100 * 1024 * 1024)

    assert "free" in str(error.value)
    assert hub.gets() == []


def test_token_is_sent_to_the_hub(hub, content, tmp_path: Path) -> None:
    hub.gated.add(REPO)
    hub.add(REPO, FILE, content)

    download_file(REPO, FILE, folder=tmp_path, token="hf_test_token")

    assert {request.authorization for request in hub.requests} == {"Bearer hf_test_token"}


def test_gated_repository_without_token_explains(hub, content, tmp_path: Path) -> None:
    hub.gated.add(REPO)
    hub.add(REPO, FILE, content)
    with pytest.raises(DownloadError, match="gated.*token"):
        download_file(REPO, FILE, folder=tmp_path, token=False)


def test_missing_file_and_repository_are_named(hub, content, tmp_path: Path) -> None:
    hub.add(REPO, FILE, content)
    with pytest.raises(DownloadError, match="nothing.gguf is not in"):
        download_file(REPO, "nothing.gguf", folder=tmp_path, token=False)
    with pytest.raises(DownloadError, match="not found"):
        download_file("someone/missing-GGUF", FILE, folder=tmp_path, token=False)


def test_small_git_file_is_checked_by_blob_id(hub, tmp_path: Path) -> None:
    hub.add(REPO, "README.md", b"# model card\n", lfs=False)
    info = remote_file_info(REPO, "README.md", token=False)
    assert info.sha256 is None
    path = download_file(REPO, "README.md", folder=tmp_path, token=False)
    assert path.read_bytes() == b"# model card\n"


def test_already_downloaded_file_is_not_fetched_again(hub, content, tmp_path: Path) -> None:
    hub.add(REPO, FILE, content)
    download_file(REPO, FILE, folder=tmp_path, token=False)
    before = len(hub.gets())
    download_file(REPO, FILE, folder=tmp_path, token=False)
    assert len(hub.gets()) == before


def test_offline_mode_refuses(hub, content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub import constants

    hub.add(REPO, FILE, content)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(DownloadError, match="HF_HUB_OFFLINE"):
        download_file(REPO, FILE, folder=tmp_path, token=False)
    assert hub.requests == []


def test_discard_partial_download(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / f".{FILE}.0123456789abcdef.part").write_bytes(b"x")
    (folder / "other.gguf").write_bytes(b"y")
    assert discard_partial_download(folder, FILE) == 1
    assert [p.name for p in folder.iterdir()] == ["other.gguf"]


def test_a_refusal_for_disk_space_never_says_less_is_needed_than_is_free(hub, content, tmp_path: Path) -> None:
    from app.core.hub.downloads import DISK_MARGIN, _gb

    hub.add(REPO, FILE, content)
    free = SIZE + DISK_MARGIN // 2  # room for the file, not for the margin kept beside it

    with pytest.raises(NotEnoughDiskSpace) as error:
        download_file(REPO, FILE, folder=tmp_path, token=False, free_space=lambda folder: free)

    message = str(error.value)
    assert f"it needs {_gb(SIZE + DISK_MARGIN)} " in message and f" {_gb(free)} is free" in message
