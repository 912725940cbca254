"""The app's conversation as an OpenAI chat-completions body.

The server applies its own chat template, so nothing here writes a control token: the system
prompt is a system message, images are data: URIs of their original bytes, audio chunks are
16 kHz WAV `input_audio` parts."""

from __future__ import annotations

import base64
import io
from typing import Any, Sequence

import numpy as np
import soundfile
from PIL import Image

from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage, MediaItem
from app.core.speech.chunker import SAMPLE_RATE

# Formats every OpenAI-compatible server takes as a data: URI; the rest are re-encoded as PNG.
_WIRE_IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
_ROLES = {"user": "user", "model": "assistant"}


def chat_body(
    model: str,
    messages: Sequence[ChatMessage],
    system_prompt: str,
    sampling: SamplingOptions,
    stream: bool = True,
) -> dict[str, Any]:
    body: dict[str, Any] = {"model": model, "messages": openai_messages(messages, system_prompt), "stream": stream}
    body.update(sampling_fields(sampling))
    if stream:
        body["stream_options"] = {"include_usage": True}
    return body


def openai_messages(messages: Sequence[ChatMessage], system_prompt: str = "") -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    if system_prompt.strip():
        result.append({"role": "system", "content": system_prompt.strip()})
    for message in messages:
        result.append({"role": _ROLES[message.role], "content": _content(message)})
    return result


def sampling_fields(sampling: SamplingOptions) -> dict[str, Any]:
    """OpenAI's fields, plus top_k/min_p/repeat_penalty that llama.cpp's and vLLM's servers read."""
    fields: dict[str, Any] = {
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
        "max_tokens": sampling.max_tokens,
        "top_k": sampling.top_k,
        "min_p": sampling.min_p,
    }
    if sampling.repeat_penalty != 1.0:
        fields["repeat_penalty"] = sampling.repeat_penalty
    if sampling.seed is not None:
        fields["seed"] = sampling.seed
    if sampling.logit_bias:
        fields["logit_bias"] = {str(token): max(-100.0, min(100.0, bias)) for token, bias in sampling.logit_bias.items()}
    return fields


def _content(message: ChatMessage) -> str | list[dict[str, Any]]:
    if not message.media:
        return message.text
    # Media first, then the text: the order the app's own Gemma format uses.
    parts = [_media_part(item) for item in message.media]
    if message.text:
        parts.append({"type": "text", "text": message.text})
    return parts


def _media_part(item: MediaItem) -> dict[str, Any]:
    if item.kind == "image":
        return {"type": "image_url", "image_url": {"url": image_data_uri(item.payload)}}
    return {"type": "input_audio", "input_audio": {"data": base64.b64encode(wav_bytes(item.payload)).decode("ascii"), "format": "wav"}}


def image_data_uri(image) -> str:
    """A PreparedImage (or a StoredImage, which prepares itself) as a base64 data: URI."""
    prepared = image if hasattr(image, "original") else image.prepared
    mime = _WIRE_IMAGE_FORMATS.get(prepared.format)
    if mime is not None:
        data = prepared.original
    else:  # BMP, TIFF: the upright RGB the app decoded, as PNG
        buffer = io.BytesIO()
        Image.frombytes("RGB", (prepared.width, prepared.height), prepared.rgb).save(buffer, format="PNG")
        data, mime = buffer.getvalue(), "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def wav_bytes(samples: np.ndarray) -> bytes:
    """16 kHz mono float32 samples as a 16-bit PCM WAV file."""
    buffer = io.BytesIO()
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    soundfile.write(buffer, clipped, SAMPLE_RATE, format="WAV", subtype="PCM_16")
    return buffer.getvalue()
