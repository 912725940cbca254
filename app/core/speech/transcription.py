"""Speech to text with the model itself: each audio chunk goes into one exact Gemma user turn."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from app.core.speech.chunker import AudioChunk
from app.core.speech.transcript_export import TranscriptSegment
from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage, MediaItem
from app.core.task_presets import speech_prompt

# Greedy decoding: a transcript should not be creative. About 4 tokens per second of speech is
# plenty (fast speech is ~3 words/s), plus room for the start.
TOKENS_PER_SECOND_OF_AUDIO = 6


@dataclass(frozen=True)
class SpeechTask:
    target_language: str | None = None  # None: transcribe in the spoken language

    @property
    def prompt(self) -> str:
        return speech_prompt(self.target_language)

    @property
    def label(self) -> str:
        return f"Translate to {self.target_language}" if self.target_language else "Transcribe"


def audio_key(samples: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(samples, dtype=np.float32).tobytes()).hexdigest()


def chunk_message(chunk: AudioChunk, task: SpeechTask) -> ChatMessage:
    item = MediaItem(kind="audio", key=audio_key(chunk.samples), payload=chunk.samples)
    return ChatMessage(role="user", text=task.prompt, media=(item,))


def chunk_sampling(chunk: AudioChunk, max_tokens: int | None = None) -> SamplingOptions:
    budget = max_tokens or int(chunk.duration_s * TOKENS_PER_SECOND_OF_AUDIO) + 32
    return SamplingOptions(temperature=0.0, max_tokens=budget)


def transcribe_chunk(
    engine: ChatEngine,
    chunk: AudioChunk,
    task: SpeechTask,
    should_stop: Callable[[], bool] = lambda: False,
    max_tokens: int | None = None,
) -> Iterator[TokenPiece | GenerationResult]:
    return engine.generate([chunk_message(chunk, task)], "", chunk_sampling(chunk, max_tokens), should_stop)


def segment_for(chunk: AudioChunk, text: str) -> TranscriptSegment:
    return TranscriptSegment(chunk.start_s, chunk.end_s, text.strip())
