"""The Gemma chat formats, as the models were trained on them.

Only this module emits control tokens. Everything the user typed becomes `PlainText`, which the
engine tokenizes with special-token parsing switched off and with the vocabulary's media markers
cut apart (plain_text.py), so typing `<end_of_turn>`, `<bos>` or `<start_of_image>` gives those
characters, never a turn break, a second BOS or an image marker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Sequence, Union

Role = Literal["user", "model"]


@dataclass(frozen=True)
class MediaItem:
    """An image or audio clip that goes into a user turn. `key` identifies its content."""

    kind: Literal["image", "audio"]
    key: str
    payload: object = field(compare=False, repr=False)


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    text: str
    media: tuple[MediaItem, ...] = ()
    # The exact token ids the model produced for this reply, when known: feeding them back
    # unchanged keeps the KV cache valid on the next turn.
    token_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class ControlToken:
    text: str


@dataclass(frozen=True)
class PlainText:
    text: str


@dataclass(frozen=True)
class GeneratedTokens:
    token_ids: tuple[int, ...]


@dataclass(frozen=True)
class MediaSlot:
    item: MediaItem


Segment = Union[ControlToken, PlainText, GeneratedTokens, MediaSlot]


class ChatFormat:
    """Turns a conversation into segments; subclasses fix the turn markers."""

    bos = "<bos>"
    stop_markers: tuple[str, ...] = ()

    def render(
        self,
        messages: Sequence[ChatMessage],
        system_prompt: str = "",
        add_generation_prompt: bool = True,
    ) -> list[Segment]:
        raise NotImplementedError


class GemmaTurnFormat(ChatFormat):
    """Gemma 3 and Gemma 3n: `<start_of_turn>user\\n…<end_of_turn>\\n`, no system role."""

    start, end = "<start_of_turn>", "<end_of_turn>"
    stop_markers = ("<end_of_turn>",)

    def render(self, messages, system_prompt="", add_generation_prompt=True):
        segments: list[Segment] = [ControlToken(self.bos)]
        system = system_prompt.strip()
        for index, message in enumerate(messages):
            segments.append(ControlToken(self.start))
            segments.append(PlainText(f"{message.role}\n"))
            if index == 0 and message.role == "user" and system:
                segments.append(PlainText(f"{system}\n\n"))
            if message.role == "model" and message.token_ids is not None:
                segments.append(GeneratedTokens(message.token_ids))
            else:
                segments.extend(_media_then_text(message))
            segments.append(ControlToken(self.end))
            segments.append(PlainText("\n"))
        if add_generation_prompt:
            segments += [ControlToken(self.start), PlainText("model\n")]
        return segments


class Gemma4TurnFormat(ChatFormat):
    """Gemma 4: `<|turn>user\\n…<turn|>\\n`, a real system turn, thinking switched off."""

    start, end = "<|turn>", "<turn|>"
    stop_markers = ("<turn|>",)

    def render(self, messages, system_prompt="", add_generation_prompt=True):
        segments: list[Segment] = [ControlToken(self.bos)]
        system = system_prompt.strip()
        if system:
            segments += [ControlToken(self.start), PlainText(f"system\n{system}")]
            segments += [ControlToken(self.end), PlainText("\n")]
        for message in messages:
            segments.append(ControlToken(self.start))
            segments.append(PlainText(f"{message.role}\n"))
            if message.role == "model" and message.token_ids is not None:
                segments.append(GeneratedTokens(message.token_ids))
            else:
                segments.extend(_media_then_text(message, media_padding=""))
            segments.append(ControlToken(self.end))
            segments.append(PlainText("\n"))
        if add_generation_prompt:
            segments += [ControlToken(self.start), PlainText("model\n")]
            segments += [ControlToken("<|channel>"), PlainText("thought\n"), ControlToken("<channel|>")]
        return segments


def _media_then_text(message: ChatMessage, media_padding: str = "\n\n") -> list[Segment]:
    # Gemma 3n's processor puts "\n\n" on both sides of every image or audio placeholder.
    segments: list[Segment] = []
    for item in message.media:
        segments += [PlainText(media_padding), MediaSlot(item), PlainText(media_padding)]
    segments.append(PlainText(message.text.strip()))
    return [segment for segment in segments if not (isinstance(segment, PlainText) and not segment.text)]


def format_for_architecture(architecture: str) -> ChatFormat:
    if architecture == "gemma4":
        return Gemma4TurnFormat()
    return GemmaTurnFormat()


def merge_plain_text(segments: Sequence[Segment]) -> list[Segment]:
    """Join neighbouring plain texts, so they tokenize as one piece as in the trained template."""
    merged: list[Segment] = []
    for segment in segments:
        if isinstance(segment, PlainText) and merged and isinstance(merged[-1], PlainText):
            merged[-1] = PlainText(merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def render_as_text(segments: Sequence[Segment], detokenize=None) -> str:
    """The prompt as a person reads it; media show as `<image:key>` / `<audio:key>`."""
    parts = []
    for segment in segments:
        if isinstance(segment, (ControlToken, PlainText)):
            parts.append(segment.text)
        elif isinstance(segment, GeneratedTokens):
            parts.append(detokenize(segment.token_ids) if detokenize else f"<{len(segment.token_ids)} tokens>")
        else:
            parts.append(f"<{segment.item.kind}:{segment.item.key[:12]}>")
    return "".join(parts)
