"""An OpenAI chat-completions request body as the engine job the app itself would make.

System (and developer) messages become the app's system prompt, which the chat format folds into
the first user turn; consecutive user turns are joined exactly as the window's conversation joins
them. Only the format module emits control tokens, so `<bos>` typed by a client stays text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.chat.conversation import Conversation, ConversationMessage
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import MediaItem
from app.core.server.api_errors import ApiError, invalid
from app.core.server.engine_port import ChatJob, ServedModel
from app.core.server.media_input import image_from_url, input_audio_items

DEFAULT_MAX_TOKENS = 1024
MAX_STOP_STRINGS = 4
_ROLES = {"user": "user", "assistant": "model", "system": "system", "developer": "system"}


@dataclass(frozen=True)
class ChatCompletionRequest:
    job: ChatJob
    stream: bool
    include_usage: bool
    stop: tuple[str, ...]


def parse_chat_request(body: Any, model: ServedModel) -> ChatCompletionRequest:
    """Validate the body and build the job; decodes images and audio (call it off the event loop)."""
    if not isinstance(body, dict):
        raise invalid("The request body must be a JSON object.")
    _refuse_unsupported(body)
    sampling = sampling_options(body, model.vocab_size)
    stop = _stop_strings(body.get("stop"))
    stream = _boolean(body, "stream", False)
    stream_options = body.get("stream_options") or {}
    if not isinstance(stream_options, dict):
        raise invalid("stream_options must be an object.", "stream_options")
    # Messages last: they decode images and audio, the costly part, once the rest is known good.
    system_texts, conversation = _conversation(body.get("messages"), model)
    return ChatCompletionRequest(
        job=ChatJob(tuple(conversation.engine_messages()), "\n\n".join(system_texts), sampling),
        stream=stream,
        include_usage=bool(stream_options.get("include_usage", False)),
        stop=stop,
    )


def sampling_options(body: dict, vocab_size: int) -> SamplingOptions:
    """The request's sampling fields over the app's defaults (the Gemma team's recommendation)."""
    defaults = SamplingOptions()
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    return SamplingOptions(
        temperature=_number(body, "temperature", defaults.temperature, 0.0, 2.0),
        top_p=_number(body, "top_p", defaults.top_p, 0.0, 1.0),
        top_k=int(_number(body, "top_k", defaults.top_k, 0, 1_000_000, integer=True)),
        max_tokens=DEFAULT_MAX_TOKENS if max_tokens is None else _positive_int(max_tokens, "max_tokens"),
        seed=_seed(body),
        logit_bias=_logit_bias(body.get("logit_bias"), vocab_size),
    )


def _seed(body: dict) -> int | None:
    if body.get("seed") is None:
        return None
    # OpenAI seeds are 64-bit; llama.cpp's sampler takes 32 bits.
    return int(_number(body, "seed", 0, -(2**63), 2**63 - 1, integer=True)) & 0xFFFFFFFF


def _refuse_unsupported(body: dict) -> None:
    if body.get("n", 1) != 1:
        raise invalid("This server gives one answer per request; n must be 1.", "n")
    if body.get("tools") or body.get("functions"):
        raise invalid("This server does not run tools or functions.", "tools")
    response_format = body.get("response_format")
    if response_format not in (None, {"type": "text"}):
        raise invalid("Only plain-text answers are supported (response_format type 'text').", "response_format")


def _conversation(raw_messages: Any, model: ServedModel) -> tuple[list[str], Conversation]:
    if not isinstance(raw_messages, list) or not raw_messages:
        raise invalid("messages must be a non-empty list.", "messages")
    system_texts: list[str] = []
    conversation = Conversation()
    for number, raw in enumerate(raw_messages, start=1):
        if not isinstance(raw, dict) or raw.get("role") not in _ROLES:
            raise invalid(
                f"Message {number} needs a role of system, developer, user or assistant.", "messages"
            )
        role = _ROLES[raw["role"]]
        text, media = _content(raw.get("content"), number, model if role == "user" else None)
        if role == "system":
            system_texts.append(text.strip())
        else:
            conversation.messages.append(ConversationMessage(role=role, text=text, media=media))
    if not conversation.messages or conversation.messages[-1].role != "user":
        raise invalid("The last message (after any system messages) must be from the user.", "messages")
    return [text for text in system_texts if text], conversation


def _content(content: Any, number: int, model: ServedModel | None) -> tuple[str, tuple[MediaItem, ...]]:
    """The message's text and media; `model` is None where media are not allowed (non-user turns)."""
    if isinstance(content, str):
        return content, ()
    if not isinstance(content, list):
        raise invalid(f"Message {number} needs content: a string or a list of parts.", "messages")
    texts: list[str] = []
    media: list[MediaItem] = []
    for part in content:
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
        elif kind in ("image_url", "input_audio") and model is None:
            raise invalid(f"Message {number}: only user messages can carry images or audio.", "messages")
        elif kind == "image_url":
            _check_support(model, "image")
            url = part.get("image_url")
            url = url.get("url") if isinstance(url, dict) else url
            media.append(image_from_url(url, f"image {_count(media, 'image') + 1} in message {number}"))
        elif kind == "input_audio":
            _check_support(model, "audio")
            media.extend(input_audio_items(part, f"audio {_count(media, 'audio') + 1} in message {number}"))
        else:
            raise invalid(
                f"Message {number} has a content part of type {kind!r}; use text, image_url or input_audio.",
                "messages",
            )
    return "\n".join(texts), tuple(media)


def _count(media: list[MediaItem], kind: str) -> int:
    return sum(1 for item in media if item.kind == kind)


def _check_support(model: ServedModel, kind: str) -> None:
    """Refused before anything is decoded: the model could not use it anyway."""
    if kind == "image" and not model.supports_images:
        raise ApiError(
            400,
            f"{model.model_id} cannot see images: start `gemma-desk serve` with --mmproj and a "
            "projector that has a vision encoder.",
        )
    if kind == "audio" and model.speech_unavailable_reason:
        raise ApiError(400, model.speech_unavailable_reason)


def _stop_strings(stop: Any) -> tuple[str, ...]:
    if stop is None:
        return ()
    stops = [stop] if isinstance(stop, str) else stop
    if not isinstance(stops, list) or len(stops) > MAX_STOP_STRINGS or not all(isinstance(s, str) for s in stops):
        raise invalid(f"stop must be a string or a list of at most {MAX_STOP_STRINGS} strings.", "stop")
    return tuple(s for s in stops if s)


def _boolean(body: dict, key: str, default: bool) -> bool:
    value = body.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise invalid(f"{key} must be true or false.", key)
    return value


def _number(body: dict, key: str, default: float, low: float, high: float, integer: bool = False) -> float:
    value = body.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not float(value).is_integer()):
        raise invalid(f"{key} must be {'an integer' if integer else 'a number'}.", key)
    if not low <= value <= high:
        raise invalid(f"{key} must be between {low} and {high}; got {value}.", key)
    return value


def _positive_int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise invalid(f"{key} must be a positive integer.", key)
    return value


def _logit_bias(raw: Any, vocab_size: int) -> dict[int, float]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise invalid("logit_bias must map token ids to numbers between -100 and 100.", "logit_bias")
    bias: dict[int, float] = {}
    for token, value in raw.items():
        try:
            token_id = int(token)
        except (TypeError, ValueError):
            token_id = -1
        if not 0 <= token_id < vocab_size:  # llama.cpp would index past its logits
            raise invalid(f"logit_bias key {token!r} is not a token id of this model.", "logit_bias")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -100 <= value <= 100:
            raise invalid("logit_bias values must be numbers between -100 and 100.", "logit_bias")
        bias[token_id] = float(value)
    return bias
