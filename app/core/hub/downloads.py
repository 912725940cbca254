"""Downloading a GGUF from the Hugging Face Hub into our models folder, through huggingface_hub.

Why not `hf_hub_download`: in huggingface_hub 2.x it writes to a temporary file unique to each
call and deletes it on failure, so an interrupted 5 GB download starts again from zero. We keep
our own partial file beside the target and hand it to the library's `http_get`, which sends the
`Range` header, retries dropped connections by itself and reports through a tqdm-like class.
The expected SHA-256 comes from the hub's paths-info (the LFS object id) and is checked before
the file gets its final name, so a damaged download is never listed as a model.

Only `HfApi.get_paths_info` (one POST) and the file's `resolve` URL are requested; both go to
`HF_ENDPOINT` when it is set, and carry the user's token when one is given or stored.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core import paths
from app.core.errors import UserError

DISK_MARGIN = 256 * 1024 * 1024
HASH_BLOCK = 8 * 1024 * 1024
PROGRESS_CHUNK = 1024 * 1024  # huggingface_hub reads 10 MB per step by default: too coarse for a progress bar
LIBRARY_NAME = "gemma-desk"

__all__ = [
    "CancelToken", "ChecksumMismatch", "DownloadCancelled", "DownloadError", "DownloadProgress",
    "NotEnoughDiskSpace", "ProgressReporter", "RemoteFile", "discard_partial_download", "download_file",
    "hub_endpoint", "hub_error", "kept_after_failure", "partial_path", "refuse_offline", "remote_file_info", "repo_folder",
]


class DownloadError(UserError):
    """A download failed; the message says why and what to do."""


class NotEnoughDiskSpace(DownloadError):
    pass


class ChecksumMismatch(DownloadError):
    pass


class DownloadCancelled(DownloadError):
    """Stopped on request; the partial file is kept so the next attempt resumes."""


class _Stop(BaseException):
    # Raised inside huggingface_hub's read loop; a BaseException so that its retry handler,
    # which catches network errors, cannot swallow it.
    pass


class CancelToken:
    """Set from any thread (the Pause/Cancel button); the download stops at the next chunk."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class DownloadProgress:
    filename: str
    downloaded: int  # bytes on disk, including what an earlier attempt left
    total: int | None
    bytes_per_second: float | None  # over the last few seconds
    eta_seconds: float | None
    stage: str  # "downloading", "verifying" or "done"

    @property
    def fraction(self) -> float | None:
        return self.downloaded / self.total if self.total else None


class ProgressReporter:
    """What huggingface_hub's `http_get` takes as `tqdm_class`: created with total/initial,
    used as a context manager, and told `update(n)` after every chunk it reads."""

    REPORT_EVERY = 0.2  # seconds
    SPEED_WINDOW = 5.0

    def __init__(self, *, name: str, report: Callable[[DownloadProgress], None], cancel: CancelToken,
                 total: int | None = None, initial: int = 0, **_: Any) -> None:
        self.name = name
        self.report = report
        self.cancel = cancel
        self.total = total
        self.n = initial
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), initial)])
        self._last_report = 0.0
        self._send(force=True)

    @classmethod
    def factory(cls, name: str, report: Callable[[DownloadProgress], None], cancel: CancelToken) -> Callable[..., "ProgressReporter"]:
        return functools.partial(cls, name=name, report=report, cancel=cancel)

    def __enter__(self) -> "ProgressReporter":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def update(self, n: int = 1) -> None:
        if self.cancel.cancelled:
            raise _Stop()
        self.n += n
        now = time.monotonic()
        self._samples.append((now, self.n))
        while len(self._samples) > 2 and now - self._samples[0][0] > self.SPEED_WINDOW:
            self._samples.popleft()
        self._send(force=self.total is not None and self.n >= self.total)

    def close(self) -> None:
        pass

    def _send(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_report < self.REPORT_EVERY:
            return
        self._last_report = now
        (first_time, first_bytes), (last_time, last_bytes) = self._samples[0], self._samples[-1]
        elapsed = last_time - first_time
        speed = (last_bytes - first_bytes) / elapsed if elapsed > 0 and last_bytes > first_bytes else None
        eta = (self.total - self.n) / speed if speed and self.total is not None else None
        self.report(DownloadProgress(self.name, self.n, self.total, speed, eta, "downloading"))


@dataclass(frozen=True)
class RemoteFile:
    repo_id: str
    filename: str
    revision: str
    size: int
    sha256: str | None  # the LFS object id; None for small files kept in git
    git_blob_id: str  # git's SHA-1 of the blob, used when there is no LFS id
    endpoint: str


def hub_endpoint(endpoint: str | None = None) -> str:
    """`endpoint`, else HF_ENDPOINT as set now (huggingface_hub reads it only at import)."""
    from huggingface_hub import constants

    return (endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def repo_folder(repo_id: str, models_folder: Path | None = None) -> Path:
    """Where files of one repository go: `<models>/<owner>__<name>/`, so projectors pair by folder."""
    return (models_folder or paths.models_folder()) / repo_id.replace("/", "__")


def remote_file_info(
    repo_id: str, filename: str, *, revision: str = "main", token: str | bool | None = None,
    endpoint: str | None = None,
) -> RemoteFile:
    """Size and checksum of one file in a model repository, asked from the hub."""
    from huggingface_hub import HfApi

    endpoint = hub_endpoint(endpoint)
    refuse_offline()
    try:
        entries = HfApi(endpoint=endpoint, token=token, library_name=LIBRARY_NAME).get_paths_info(
            repo_id, [filename], revision=revision
        )
    except Exception as error:  # noqa: BLE001 - every failure becomes one message
        raise hub_error(error, repo_id, filename, endpoint) from error
    entry = next((item for item in entries if getattr(item, "path", None) == filename and hasattr(item, "size")), None)
    if entry is None:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{filename} is not in {repo_id} (revision {revision}). Check the file name.",
            ),
            filename=filename, repo_id=repo_id, revision=revision,
        )
    sha256 = entry.lfs.sha256 if entry.lfs is not None else None
    return RemoteFile(repo_id, filename, revision, int(entry.size), sha256, entry.blob_id, endpoint)


def download_file(
    repo_id: str,
    filename: str,
    *,
    folder: Path | None = None,
    revision: str = "main",
    token: str | bool | None = None,
    endpoint: str | None = None,
    on_progress: Callable[[DownloadProgress], None] | None = None,
    cancel: CancelToken | None = None,
    free_space: Callable[[Path], int] = lambda folder: shutil.disk_usage(folder).free,
) -> Path:
    """Download `filename` from `repo_id` into `folder` (default: its folder under models) and
    return the verified file. Resumes a partial file left by an earlier attempt.

    Raises NotEnoughDiskSpace before any byte is fetched, DownloadCancelled (the partial file is
    kept for resuming), ChecksumMismatch (the partial file is deleted), or DownloadError.
    """
    from huggingface_hub import constants, hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    remote = remote_file_info(repo_id, filename, revision=revision, token=token, endpoint=endpoint)
    folder = Path(folder) if folder is not None else repo_folder(repo_id)
    name = Path(filename).name
    target = folder / name
    report = on_progress or (lambda progress: None)
    cancel = cancel or CancelToken()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot create {folder}: {value}.",
            ),
            folder=folder, value=error.strerror or error,
        ) from error
    if target.exists() and target.stat().st_size == remote.size and _matches(target, remote, name, report, cancel):
        report(DownloadProgress(name, remote.size, remote.size, None, 0.0, "done"))
        return target

    partial = partial_path(folder, name, remote)
    done = partial.stat().st_size if partial.exists() else 0
    if done > remote.size:
        partial.unlink()
        done = 0
    available = free_space(folder)
    if remote.size - done + DISK_MARGIN > available:
        raise NotEnoughDiskSpace(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Not enough disk space for {name}: it needs {needed} ({gb} for the file and "
                "{margin} to spare) and {available} is free in {folder}. Free some space, then retry.",
            ),
            name=name, needed=_gb(remote.size - done + DISK_MARGIN), gb=_gb(remote.size - done),
            margin=_gb(DISK_MARGIN), available=_gb(available), folder=folder,
        )

    url = hf_hub_url(repo_id, filename, revision=revision, endpoint=remote.endpoint)
    headers = build_hf_headers(token=token, library_name=LIBRARY_NAME)
    reporter = ProgressReporter.factory(name, report, cancel)
    constants.DOWNLOAD_CHUNK_SIZE = min(constants.DOWNLOAD_CHUNK_SIZE, PROGRESS_CHUNK)
    try:
        with partial.open("ab") as stream:
            http_get(url, stream, resume_size=done, headers=headers, expected_size=remote.size,
                     displayed_filename=name, tqdm_class=reporter)
    except _Stop as error:
        kept = partial.stat().st_size if partial.exists() else 0
        raise DownloadCancelled(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Download of {name} stopped; {kept} of {size} kept, it resumes from there.",
            ),
            name=name, kept=_gb(kept), size=_gb(remote.size),
        ) from error
    except Exception as error:  # noqa: BLE001 - network, HTTP and disk errors all become one message
        kept = partial.stat().st_size if partial.exists() else 0
        raise kept_after_failure(hub_error(error, repo_id, filename, remote.endpoint), _gb(kept), _gb(remote.size)) from error

    if not _matches(partial, remote, name, report, cancel):
        partial.unlink(missing_ok=True)
        raise ChecksumMismatch(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} arrived damaged: its checksum does not match the one the hub "
                "publishes. The download was deleted; retry it.",
            ),
            name=name,
        )
    try:
        os.replace(partial, target)
    except OSError as error:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot move {name} into {folder}: {value}.",
            ),
            name=name, folder=folder, value=error.strerror or error,
        ) from error
    report(DownloadProgress(name, remote.size, remote.size, None, 0.0, "done"))
    return target


def partial_path(folder: Path, name: str, remote: RemoteFile) -> Path:
    """The file a download grows in; named after the expected checksum, so a changed upstream
    file never resumes into the old bytes."""
    checksum = remote.sha256 or remote.git_blob_id
    return folder / f".{name}.{checksum[:16]}.part"


def discard_partial_download(folder: Path, filename: str) -> int:
    """Delete the partial files of `filename` in `folder` (for "Cancel" rather than "Pause")."""
    removed = 0
    for partial in Path(folder).glob(f".{Path(filename).name}.*.part"):
        partial.unlink(missing_ok=True)
        removed += 1
    return removed


def _matches(path: Path, remote: RemoteFile, name: str, report: Callable[[DownloadProgress], None],
             cancel: CancelToken) -> bool:
    if remote.sha256:
        digest = hashlib.sha256()
        expected = remote.sha256.lower()
    else:  # a small file kept in git: its id is the SHA-1 of "blob <size>\0" + content
        digest = hashlib.sha1()
        digest.update(f"blob {remote.size}\0".encode())
        expected = remote.git_blob_id.lower()
    done = 0
    started = time.monotonic()
    with path.open("rb") as stream:
        while block := stream.read(HASH_BLOCK):
            if cancel.cancelled:
                raise DownloadCancelled(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Checking {name} was stopped.",
                    ),
                    name=name,
                )
            digest.update(block)
            done += len(block)
            elapsed = time.monotonic() - started
            speed = done / elapsed if elapsed > 0 else None
            eta = (remote.size - done) / speed if speed else None
            report(DownloadProgress(name, done, remote.size, speed, eta, "verifying"))
    return digest.hexdigest() == expected


def refuse_offline() -> None:
    """Raise DownloadError when the user has turned downloads off (HF_HUB_OFFLINE)."""
    from huggingface_hub import constants

    if constants.is_offline_mode():
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Downloads are off: HF_HUB_OFFLINE is set. Unset it to download models.",
            ))


def hub_error(error: Exception, repo_id: str, filename: str, endpoint: str) -> DownloadError:
    """One sentence for the user about a failed request to the hub."""
    from huggingface_hub import errors

    if isinstance(error, errors.GatedRepoError):
        return DownloadError(QT_TRANSLATE_NOOP(
            "UserError",
            "{repo_id} is gated: accept its licence on the Hugging Face website, then give your access "
            "token (the Model manager's “Hugging Face token”, or --token) or run `hf auth login`.",
        ), repo_id=repo_id)
    if isinstance(error, errors.RepositoryNotFoundError):
        return DownloadError(QT_TRANSLATE_NOOP(
            "UserError", "{repo_id} was not found on {endpoint} (or it is private and needs a token).",
        ), repo_id=repo_id, endpoint=endpoint)
    if isinstance(error, errors.RevisionNotFoundError):
        return DownloadError(QT_TRANSLATE_NOOP("UserError", "{repo_id} has no such revision."), repo_id=repo_id)
    if isinstance(error, (errors.RemoteEntryNotFoundError, errors.EntryNotFoundError)):
        return DownloadError(QT_TRANSLATE_NOOP("UserError", "{filename} is not in {repo_id}."),
                             filename=filename, repo_id=repo_id)
    if isinstance(error, errors.OfflineModeIsEnabled):
        return DownloadError(QT_TRANSLATE_NOOP("UserError", "Downloads are off: HF_HUB_OFFLINE is set."))
    if isinstance(error, errors.HfHubHTTPError):
        status = error.response.status_code if error.response is not None else "?"
        return DownloadError(QT_TRANSLATE_NOOP("UserError", "The hub answered {status} for {filename} from {repo_id}."),
                             status=status, filename=filename, repo_id=repo_id)
    if isinstance(error, OSError) and error.errno == 28:
        return DownloadError(QT_TRANSLATE_NOOP("UserError", "The disk filled up while downloading {filename}."),
                             filename=filename)
    return DownloadError(QT_TRANSLATE_NOOP("UserError", "Could not download {filename} from {endpoint}: {reason}."),
                         filename=filename, endpoint=endpoint, reason=f"{error.__class__.__name__}: {error}")


def kept_after_failure(reason: DownloadError, kept: str, total: str) -> DownloadError:
    """`reason`, and that the bytes fetched so far stay for Retry."""
    return DownloadError(QT_TRANSLATE_NOOP("UserError", "{reason} {kept} of {total} is kept; Retry resumes from there."),
                         reason=reason, kept=kept, total=total)


def _gb(count: int) -> str:
    return f"{count / 1e9:.2f} GB" if count >= 10_000_000 else f"{count / 1e6:.1f} MB"
