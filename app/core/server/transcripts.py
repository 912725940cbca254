"""Transcription answers in the five shapes OpenAI's audio endpoints give (json, text, srt, vtt,
verbose_json), built from the app's own transcript segments and exporters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from starlette.responses import JSONResponse, PlainTextResponse, Response

from app.core.server.api_errors import invalid
from app.core.speech.transcript_export import (
    TranscriptSegment,
    format_srt_timestamp,
    transcript_to_srt,
    transcript_to_text,
)

RESPONSE_FORMATS = ("json", "text", "srt", "vtt", "verbose_json")


@dataclass(frozen=True)
class TimedSegment:
    """One chunk the model heard: where it sits in the file, what it said, its token ids."""

    segment: TranscriptSegment
    token_ids: tuple[int, ...]
    prompt_tokens: int


@dataclass(frozen=True)
class Transcript:
    task: str  # "transcribe" | "translate"
    language: str
    duration_s: float
    segments: Sequence[TimedSegment]

    @property
    def text(self) -> str:
        return transcript_to_text(timed.segment for timed in self.segments).strip()


def check_response_format(value: str | None) -> str:
    value = value or "json"
    if value not in RESPONSE_FORMATS:
        raise invalid(f"response_format must be one of {', '.join(RESPONSE_FORMATS)}; got {value!r}.", "response_format")
    return value


def transcript_response(transcript: Transcript, response_format: str) -> Response:
    segments = [timed.segment for timed in transcript.segments]
    if response_format == "text":
        return PlainTextResponse(transcript.text)
    if response_format == "srt":
        return PlainTextResponse(transcript_to_srt(segments), media_type="application/x-subrip")
    if response_format == "vtt":
        return PlainTextResponse(transcript_to_vtt(segments), media_type="text/vtt")
    usage = _usage(transcript)
    if response_format == "json":
        return JSONResponse({"text": transcript.text, "usage": usage})
    return JSONResponse(
        {
            "task": transcript.task,
            "language": transcript.language,
            "duration": round(transcript.duration_s, 3),
            "text": transcript.text,
            "segments": [
                {
                    "id": index,
                    "seek": 0,
                    "start": round(timed.segment.start_s, 3),
                    "end": round(timed.segment.end_s, 3),
                    "text": timed.segment.text,
                    "tokens": list(timed.token_ids),
                    "temperature": 0.0,
                }
                for index, timed in enumerate(transcript.segments)
            ],
            "usage": usage,
        }
    )


def transcript_to_vtt(segments: Sequence[TranscriptSegment]) -> str:
    """WebVTT: the SRT cues with '.' before the milliseconds and no cue numbers."""
    cues = ["WEBVTT\n"]
    for segment in segments:
        text = "\n".join(line.strip() for line in segment.text.strip().splitlines() if line.strip())
        if text:
            start = format_srt_timestamp(segment.start_s).replace(",", ".")
            end = format_srt_timestamp(segment.end_s).replace(",", ".")
            cues.append(f"{start} --> {end}\n{text}\n")
    return "\n".join(cues)


def _usage(transcript: Transcript) -> dict:
    prompt = sum(timed.prompt_tokens for timed in transcript.segments)
    output = sum(len(timed.token_ids) for timed in transcript.segments)
    return {"type": "tokens", "input_tokens": prompt, "output_tokens": output, "total_tokens": prompt + output}
