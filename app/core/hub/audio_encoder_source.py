"""Where Gemma 3n's audio encoder lies inside Google's own checkpoint on the Hugging Face Hub.

The checkpoint (`google/gemma-3n-E2B-it`, `-E4B-it`) is 10–16 GB of safetensors shards; the audio
tower and audio embedder are about 1.4 GB of it. The shard index names the shards that hold them,
each shard's header gives their byte offsets, and nearby tensors are merged into a few byte
ranges, so that only those bytes are fetched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.hub.downloads import (
    LIBRARY_NAME,
    DownloadError,
    RemoteFile,
    download_file,
    hub_error,
    hub_endpoint,
    refuse_offline,
    remote_file_info,
)
from app.core.gemma3n_audio.names import gguf_name

OFFICIAL_REPOS = {"E2B": "google/gemma-3n-E2B-it", "E4B": "google/gemma-3n-E4B-it"}
INDEX_FILE = "model.safetensors.index.json"
SINGLE_FILE = "model.safetensors"
MERGE_GAP = 1024 * 1024  # fetch a small unneeded gap rather than open another request
DTYPE_BYTES = {"BF16": 2, "F16": 2, "F32": 4}


@dataclass(frozen=True)
class TensorSlice:
    """One audio tensor: its checkpoint name, dtype, shape and absolute bytes [start, end) in its shard."""

    name: str
    dtype: str
    shape: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True)
class ByteRange:
    """Bytes [start, end) of one shard, holding `tensors`."""

    shard: RemoteFile
    start: int
    end: int
    tensors: tuple[TensorSlice, ...]

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def part_name(self) -> str:
        checksum = self.shard.sha256 or self.shard.git_blob_id
        return f"{Path(self.shard.filename).stem}.{checksum[:12]}.{self.start}-{self.end}.part"


@dataclass(frozen=True)
class AudioFetchPlan:
    repo_id: str
    revision: str
    ranges: tuple[ByteRange, ...]

    @property
    def total_bytes(self) -> int:
        return sum(byte_range.size for byte_range in self.ranges)

    @property
    def tensors(self) -> list[TensorSlice]:
        return [tensor for byte_range in self.ranges for tensor in byte_range.tensors]

    @property
    def gguf_bytes(self) -> int:
        """About what the F16 GGUF takes: two bytes a value, plus headers."""
        values = sum(_count(tensor.shape) for tensor in self.tensors)
        return 2 * values + 16 * 1024 * 1024


def official_repo_for(size_label: str | None) -> str | None:
    """Google's repository for a Gemma 3n size ("E2B", "E4B"); None for anything else."""
    return OFFICIAL_REPOS.get((size_label or "").upper())


def plan_audio_fetch(
    repo_id: str, work_folder: Path, *, revision: str = "main", token: str | bool | None = None,
    endpoint: str | None = None,
) -> AudioFetchPlan:
    """Ask the hub where the audio tensors of `repo_id` are. `work_folder` receives the index.

    Raises DownloadError (gated, missing, offline, not a Gemma 3n checkpoint).
    """
    refuse_offline()
    endpoint = hub_endpoint(endpoint)
    weight_map = _weight_map(repo_id, work_folder, revision, token, endpoint)
    wanted: dict[str, list[str]] = {}
    for name, shard in weight_map.items():
        if gguf_name(name) is not None:
            wanted.setdefault(shard, []).append(name)
    if not wanted:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{repo_id} holds no Gemma 3n audio encoder (no audio_tower tensors in its "
                "index).",
            ),
            repo_id=repo_id,
        )
    ranges: list[ByteRange] = []
    for shard_name in sorted(wanted):
        shard = remote_file_info(repo_id, shard_name, revision=revision, token=token, endpoint=endpoint)
        slices = _tensor_slices(shard, wanted[shard_name], token)
        ranges += _merge(shard, slices)
    return AudioFetchPlan(repo_id, revision, tuple(ranges))


def _weight_map(repo_id: str, work_folder: Path, revision: str, token: str | bool | None,
                endpoint: str) -> dict[str, str]:
    try:
        index_path = download_file(repo_id, INDEX_FILE, folder=work_folder, revision=revision, token=token,
                                   endpoint=endpoint)
    except DownloadError as error:
        if "is not in" not in str(error):
            raise
        return {name: SINGLE_FILE for name in _header(repo_id, SINGLE_FILE, revision, token, endpoint)[1]}
    try:
        weight_map = json.loads(index_path.read_text(encoding="utf-8"))["weight_map"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The shard index of {repo_id} could not be read: {error}.",
            ),
            repo_id=repo_id, error=error,
        ) from error
    if not isinstance(weight_map, dict):
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The shard index of {repo_id} has no weight map.",
            ),
            repo_id=repo_id,
        )
    return {str(name): str(shard) for name, shard in weight_map.items()}


def _tensor_slices(shard: RemoteFile, names: list[str], token: str | bool | None) -> list[TensorSlice]:
    data_start, tensors = _header(shard.repo_id, shard.filename, shard.revision, token, shard.endpoint)
    slices = []
    for name in names:
        info = tensors.get(name)
        if info is None:
            raise DownloadError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{filename} of {repo_id} does not hold {name}, although the index says "
                    "so.",
                ),
                filename=shard.filename, repo_id=shard.repo_id, name=name,
            )
        if info.dtype not in DTYPE_BYTES:
            raise DownloadError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} is stored as {dtype}; only BF16, F16 and F32 can be converted.",
                ),
                name=name, dtype=info.dtype,
            )
        begin, end = info.data_offsets
        shape = tuple(int(d) for d in info.shape)
        if end - begin != _count(shape) * DTYPE_BYTES[info.dtype] or data_start + end > shard.size:
            raise DownloadError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The header of {filename} gives {name} an impossible size or place.",
                ),
                filename=shard.filename, name=name,
            )
        slices.append(TensorSlice(name, info.dtype, shape, data_start + begin, data_start + end))
    return sorted(slices, key=lambda tensor: tensor.start)


def _header(repo_id: str, filename: str, revision: str, token: str | bool | None, endpoint: str):
    """(where the data starts in the file, {name: huggingface_hub TensorInfo})."""
    from huggingface_hub import HfApi, hf_hub_url

    try:
        # First the file's first 8 bytes, the header's length (huggingface_hub does not keep it).
        # Streamed: a server that ignored the Range would otherwise send gigabytes into memory.
        header_length = _first_bytes(hf_hub_url(repo_id, filename, revision=revision, endpoint=endpoint), token)
        metadata = HfApi(endpoint=endpoint, token=token, library_name=LIBRARY_NAME).parse_safetensors_file_metadata(
            repo_id, filename, revision=revision)
    except DownloadError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure becomes one message
        raise hub_error(error, repo_id, filename, endpoint) from error
    return 8 + int.from_bytes(header_length, "little"), metadata.tensors


def _first_bytes(url: str, token: str | bool | None, count: int = 8) -> bytes:
    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    headers = {**build_hf_headers(token=token, library_name=LIBRARY_NAME), "Range": f"bytes=0-{count - 1}"}
    with get_session().stream("GET", url, headers=headers) as response:
        hf_raise_for_status(response)
        received = b""
        if response.status_code == 206:
            for chunk in response.iter_bytes():
                received += chunk
                if len(received) >= count:
                    break
    if len(received) != count:
        raise DownloadError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The hub did not answer a byte-range request for {value}; the audio tensors "
                "cannot be fetched on their own.",
            ),
            value=url.rsplit('/', 1)[-1],
        )
    return received


def _merge(shard: RemoteFile, slices: list[TensorSlice]) -> list[ByteRange]:
    ranges: list[ByteRange] = []
    group: list[TensorSlice] = []
    for tensor in slices:
        if group and tensor.start - max(t.end for t in group) > MERGE_GAP:
            ranges.append(_range(shard, group))
            group = []
        group.append(tensor)
    if group:
        ranges.append(_range(shard, group))
    return ranges


def _range(shard: RemoteFile, group: list[TensorSlice]) -> ByteRange:
    return ByteRange(shard, group[0].start, max(tensor.end for tensor in group), tuple(group))


def _count(shape: tuple[int, ...]) -> int:
    count = 1
    for dim in shape:
        count *= dim
    return count
