"""Fetch Gemma 3n's audio encoder from Google's checkpoint and write it as an audio-projector GGUF.

For Gemma 3n GGUF projectors published without the audio tensors (llama.cpp's converter failed on
one of their names). Only the audio bytes are fetched, by byte range (see audio_encoder_source);
each range grows in its own `.part` file, so a pause or a dropped connection resumes where it
stopped. The ranges have no published checksum (the hub hashes whole shards), so every value is
checked to be finite and the finished file is opened by our encoder before it gets its name.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

import numpy as np

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.hub.audio_encoder_source import AudioFetchPlan, ByteRange, TensorSlice, plan_audio_fetch
from app.core.hub.downloads import (
    DISK_MARGIN,
    LIBRARY_NAME,
    PROGRESS_CHUNK,
    CancelToken,
    DownloadCancelled,
    DownloadError,
    DownloadProgress,
    NotEnoughDiskSpace,
    ProgressReporter,
    hub_error,
    kept_after_failure,
)
from app.core.gemma3n_audio import AudioProjectorError, Gemma3nAudioEncoder
from app.core.gemma3n_audio.writer import AudioWeightsError, DeferredTensor, bfloat16_to_float32, write_audio_projector
from app.core.models.memory_estimate import format_bytes
from app.core.models.projector_file import without_quantization

__all__ = ["audio_encoder_file_name", "discard_audio_encoder_parts", "fetch_audio_encoder", "parts_folder"]


def audio_encoder_file_name(model_path: Path) -> str:
    """`gemma-3n-E2B-it-audio-encoder-F16.gguf` for `gemma-3n-E2B-it-Q4_K_M.gguf`."""
    stem = Path(model_path).stem
    return f"{without_quantization(stem) or stem}-audio-encoder-F16.gguf"


def parts_folder(target: Path) -> Path:
    return target.parent / f".{target.name}.parts"


def discard_audio_encoder_parts(target: Path) -> None:
    """Delete what a stopped fetch left (for "Cancel" rather than "Pause")."""
    shutil.rmtree(parts_folder(Path(target)), ignore_errors=True)
    Path(f"{target}.part").unlink(missing_ok=True)


def fetch_audio_encoder(
    repo_id: str,
    target: Path,
    *,
    revision: str = "main",
    token: str | bool | None = None,
    endpoint: str | None = None,
    on_progress: Callable[[DownloadProgress], None] | None = None,
    cancel: CancelToken | None = None,
    free_space: Callable[[Path], int] = lambda folder: shutil.disk_usage(folder).free,
) -> Path:
    """Write the audio encoder of `repo_id` (e.g. google/gemma-3n-E2B-it) to `target` and return it.

    Raises NotEnoughDiskSpace before any weight is fetched, DownloadCancelled (what arrived is
    kept for resuming), or DownloadError (gated repository, network, damaged data).
    """
    target = Path(target)
    report = on_progress or (lambda progress: None)
    cancel = cancel or CancelToken()
    work = parts_folder(target)
    try:
        work.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot create {work}: {value}.",
            ),
            work=work, value=error.strerror or error,
        ) from error
    plan = plan_audio_fetch(repo_id, work, revision=revision, token=token, endpoint=endpoint)
    _check_space(plan, work, target, free_space)
    _fetch_ranges(plan, work, token, report, cancel)
    _write(plan, work, target, report, cancel)
    shutil.rmtree(work, ignore_errors=True)
    report(DownloadProgress(target.name, plan.total_bytes, plan.total_bytes, None, 0.0, "done"))
    return target


def _check_space(plan: AudioFetchPlan, work: Path, target: Path, free_space: Callable[[Path], int]) -> None:
    arrived = sum(_arrived(work, byte_range) for byte_range in plan.ranges)
    needed = plan.total_bytes - arrived + plan.gguf_bytes + DISK_MARGIN
    available = free_space(target.parent)
    if needed > available:
        raise NotEnoughDiskSpace(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Not enough disk space for the audio encoder: it needs {needed} (the "
                "{total_bytes} of weights, then the {gguf_bytes} file) and {available} is "
                "free in {parent}. Free some space, then retry.",
            ),
            needed=format_bytes(needed),
            total_bytes=format_bytes(plan.total_bytes),
            gguf_bytes=format_bytes(plan.gguf_bytes),
            available=format_bytes(available),
            parent=target.parent,
        )


def _arrived(work: Path, byte_range: ByteRange) -> int:
    path = work / byte_range.part_name
    return min(path.stat().st_size, byte_range.size) if path.exists() else 0


def _fetch_ranges(plan: AudioFetchPlan, work: Path, token: str | bool | None,
                  report: Callable[[DownloadProgress], None], cancel: CancelToken) -> None:
    from huggingface_hub import constants, hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    name = f"{plan.repo_id} audio encoder"
    arrived = sum(_arrived(work, byte_range) for byte_range in plan.ranges)
    reporter = ProgressReporter(name=name, report=report, cancel=cancel, total=plan.total_bytes, initial=arrived)
    constants.DOWNLOAD_CHUNK_SIZE = min(constants.DOWNLOAD_CHUNK_SIZE, PROGRESS_CHUNK)
    for byte_range in plan.ranges:
        path = work / byte_range.part_name
        done = _arrived(work, byte_range)
        if path.exists() and path.stat().st_size > byte_range.size:
            path.unlink()
            done = 0
        if done == byte_range.size:
            continue
        shard = byte_range.shard
        url = hf_hub_url(plan.repo_id, shard.filename, revision=plan.revision, endpoint=shard.endpoint)
        headers = {**build_hf_headers(token=token, library_name=LIBRARY_NAME),
                   "Range": f"bytes={byte_range.start}-{byte_range.end - 1}"}
        try:
            with path.open("ab") as stream:
                http_get(url, stream, resume_size=done, headers=headers, expected_size=byte_range.size,
                         displayed_filename=shard.filename, tqdm_class=lambda *args, **kwargs: reporter)
        except BaseException as error:
            if cancel.cancelled:
                raise DownloadCancelled(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Fetching the audio encoder stopped; {n} of {total_bytes} kept, it "
                        "resumes from there.",
                    ),
                    n=format_bytes(reporter.n), total_bytes=format_bytes(plan.total_bytes),
                ) from error
            if not isinstance(error, Exception):
                raise
            raise kept_after_failure(hub_error(error, plan.repo_id, shard.filename, shard.endpoint),
                                     format_bytes(reporter.n), format_bytes(plan.total_bytes)) from error


def _write(plan: AudioFetchPlan, work: Path, target: Path, report: Callable[[DownloadProgress], None],
           cancel: CancelToken) -> None:
    weights: dict[str, DeferredTensor] = {}
    for byte_range in plan.ranges:
        for tensor in byte_range.tensors:
            weights[tensor.name] = DeferredTensor(tensor.shape, _loader(work / byte_range.part_name, byte_range, tensor))

    def written(done: int, total: int) -> None:
        if cancel.cancelled:
            raise DownloadCancelled(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Writing the audio encoder was stopped; the fetched weights are kept.",
                ))
        report(DownloadProgress(target.name, done, total, None, None, "converting"))

    partial = Path(f"{target}.part")
    try:
        write_audio_projector(partial, weights, name=f"{plan.repo_id} audio encoder", on_tensor=written)
        with Gemma3nAudioEncoder.from_gguf(partial):
            pass
        os.replace(partial, target)
    except AudioWeightsError as error:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The audio weights from {repo_id} are not usable: {error} They were deleted; "
                "retry to fetch them again.",
            ),
            repo_id=plan.repo_id, error=error,
        ) from error
    except AudioProjectorError as error:
        partial.unlink(missing_ok=True)
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The written audio encoder did not open: {error}",
            ),
            error=error,
        ) from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot write {name}: {value}.",
            ),
            name=target.name, value=error.strerror or error,
        ) from error


def _loader(path: Path, byte_range: ByteRange, tensor: TensorSlice) -> Callable[[], np.ndarray]:
    def load() -> np.ndarray:
        raw_type = {"BF16": np.uint16, "F16": np.float16, "F32": np.float32}[tensor.dtype]
        raw = np.fromfile(path, dtype=raw_type, count=(tensor.end - tensor.start) // np.dtype(raw_type).itemsize,
                          offset=tensor.start - byte_range.start)
        values = bfloat16_to_float32(raw) if tensor.dtype == "BF16" else raw.astype(np.float32)
        if not np.isfinite(values).all():
            raise AudioWeightsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} arrived damaged (it holds values that are not numbers).",
                ),
                name=tensor.name,
            )
        return values.reshape(tensor.shape)

    return load
