"""Images and audio inside requests: inline bytes only, size-checked, decoded by the app's own code.

The app works offline, so a remote image URL is refused, never fetched. Decoding errors are the
core's own UserErrors (the same sentences the window shows); only the file name differs."""

from __future__ import annotations

import base64
import binascii
import re
import tempfile
from pathlib import Path

import numpy as np

from app.core.audio.audio_file import AudioFileError, load_audio_file
from app.core.chat.chat_request import image_item
from app.core.chat.images import prepare_image
from app.core.engine.prompt_format import MediaItem
from app.core.server.api_errors import ApiError
from app.core.speech.chunker import chunk_audio
from app.core.speech.transcription import audio_key

MiB = 1024 * 1024
MAX_IMAGE_BYTES = 20 * MiB
MAX_AUDIO_BYTES = 32 * MiB
AUDIO_FORMATS = ("wav", "mp3", "flac", "ogg")

_DATA_URI = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?P<params>(;[^,;]*)*),(?P<data>.*)$", re.DOTALL)


def image_from_url(url: str, name: str) -> MediaItem:
    """An `image_url` part's URL (a data: URI) as a prepared image ready for the engine."""
    if not isinstance(url, str) or not url:
        raise ApiError(422, f"{name} has no URL.", param="image_url")
    if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        raise ApiError(
            400,
            f"{name} is a remote URL ({url.split('://', 1)[0]}://…). Gemma Desk works offline and "
            "never fetches from the network: send the image inline as a data: URI "
            "(data:image/png;base64,…).",
            param="image_url",
        )
    match = _DATA_URI.match(url)
    if match is None or ";base64" not in match["params"]:
        raise ApiError(400, f"{name} is not a base64 data: URI (data:image/png;base64,…).", param="image_url")
    data = decode_base64(match["data"], name, MAX_IMAGE_BYTES, "image_url")
    return image_item(prepare_image(data, name=name))


def decode_base64(text: str, name: str, limit: int, param: str) -> bytes:
    """Base64 text as bytes; 413 when the bytes would pass `limit` (checked before decoding)."""
    if not isinstance(text, str):
        raise ApiError(422, f"{name} must be a base64 string.", param=param)
    text = "".join(text.split())
    if len(text) // 4 * 3 > limit + 2:
        raise ApiError(413, f"{name} is over {limit // MiB} MB; the limit is {limit // MiB} MB.", param=param)
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, f"{name} is not valid base64.", param=param) from None
    check_size(len(data), name, limit, param)
    return data


def check_size(size: int, name: str, limit: int, param: str | None = None) -> None:
    if size > limit:
        raise ApiError(413, f"{name} is {size / MiB:.1f} MB; the limit is {limit // MiB} MB.", param=param)


def audio_samples(data: bytes, name: str, suffix: str = "") -> np.ndarray:
    """An uploaded audio file (WAV, MP3, FLAC, …; any rate) as 16 kHz mono float32.

    It goes through the app's own file reader, which needs a path: a private temporary folder
    holds the bytes for that long (the suffix helps the decoder tell MP3 from the rest)."""
    check_size(len(data), name, MAX_AUDIO_BYTES)
    if not data:
        raise ApiError(400, f"{name} is empty (0 bytes).")
    suffix = re.sub(r"[^\w]", "", suffix or Path(name).suffix)[:8]
    with tempfile.TemporaryDirectory(prefix="gemma-desk-upload-") as folder:
        path = Path(folder) / f"upload.{suffix or 'audio'}"
        path.write_bytes(data)
        try:
            samples = load_audio_file(path)
        except AudioFileError as error:
            # The reader names the temporary path; the client should see its own file's name.
            raise AudioFileError(str(error).replace(str(path), name)) from None
    if samples.size == 0:
        raise ApiError(400, f"{name} holds no audio samples.")
    return samples


def audio_items(samples: np.ndarray) -> tuple[MediaItem, ...]:
    """A clip cut into ≤ 30-s chunks exactly as dictation cuts it, each one media item in order."""
    return tuple(
        MediaItem(kind="audio", key=audio_key(chunk.samples), payload=chunk.samples) for chunk in chunk_audio(samples)
    )


def input_audio_items(part: dict, name: str) -> tuple[MediaItem, ...]:
    """An `input_audio` part ({"data": base64, "format": "wav"|"mp3"|…}) as audio chunks."""
    audio = part.get("input_audio")
    if not isinstance(audio, dict):
        raise ApiError(422, f"{name} needs an input_audio object with data and format.", param="input_audio")
    audio_format = str(audio.get("format") or "wav").lower()
    if audio_format not in AUDIO_FORMATS:
        raise ApiError(
            422, f"{name} has format {audio_format!r}; use one of {', '.join(AUDIO_FORMATS)}.", param="input_audio"
        )
    data = decode_base64(audio.get("data"), name, MAX_AUDIO_BYTES, "input_audio")
    return audio_items(audio_samples(data, name, audio_format))
