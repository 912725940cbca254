"""Transcripts as plain text and SubRip (SRT) subtitles, and SRT back into segments."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError
from app.core.paths import write_text_atomically


@dataclass(frozen=True)
class TranscriptSegment:
    """The model's text for one chunk, placed on the recording's timeline."""

    start_s: float
    end_s: float
    text: str


class TranscriptExportError(UserError):
    """The transcript could not be written or read; the message names the file."""


_TIMING = re.compile(
    r"^\s*(\d+):(\d{2}):(\d{2})[,.](\d{3})\s*-->\s*(\d+):(\d{2}):(\d{2})[,.](\d{3})"
)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def format_srt_timestamp(seconds: float) -> str:
    """``HH:MM:SS,mmm``, rounded to the millisecond."""
    total_ms = max(0, int(round(seconds * 1000)))
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{millis:03d}"


def format_clock(seconds: float) -> str:
    """``H:MM:SS`` (or ``MM:SS`` under an hour), for on-screen time ranges."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _cue_text(text: str) -> str:
    # A blank line ends an SRT cue, so blank lines inside the text are folded away.
    lines = [line.strip() for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def transcript_to_srt(segments: Iterable[TranscriptSegment]) -> str:
    """SRT text; segments with no text are left out, cues are numbered from 1."""
    cues: list[str] = []
    for segment in segments:
        text = _cue_text(segment.text)
        if not text:
            continue
        timing = (
            f"{format_srt_timestamp(segment.start_s)} --> {format_srt_timestamp(segment.end_s)}"
        )
        cues.append(f"{len(cues) + 1}\n{timing}\n{text}\n")
    return "\n".join(cues)


def transcript_to_text(segments: Iterable[TranscriptSegment], with_times: bool = False) -> str:
    """Plain text: one paragraph per segment, optionally led by its time range."""
    paragraphs: list[str] = []
    for segment in segments:
        text = segment.text.strip()
        if not text:
            continue
        if with_times:
            text = f"[{format_clock(segment.start_s)} - {format_clock(segment.end_s)}] {text}"
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def parse_srt(text: str) -> list[TranscriptSegment]:
    """Segments from SRT text (tolerates CRLF, a BOM, and '.' as the millisecond separator)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    segments: list[TranscriptSegment] = []
    if not text.strip():
        return segments
    for number, block in enumerate(_BLANK_LINES.split(text.strip()), start=1):
        lines = block.split("\n")
        timing_at = 1 if len(lines) > 1 and lines[0].strip().isdigit() else 0
        match = _TIMING.match(lines[timing_at]) if len(lines) > timing_at else None
        if match is None:
            raise ValueError(f"SRT cue {number} has no 'start --> end' line: {block[:60]!r}")
        parts = [int(value) for value in match.groups()]
        start = parts[0] * 3600 + parts[1] * 60 + parts[2] + parts[3] / 1000
        end = parts[4] * 3600 + parts[5] * 60 + parts[6] + parts[7] / 1000
        cue_text = "\n".join(lines[timing_at + 1 :]).strip()
        segments.append(TranscriptSegment(start_s=start, end_s=end, text=cue_text))
    return segments


def write_srt(path: str | Path, segments: Sequence[TranscriptSegment]) -> None:
    _write(Path(path), transcript_to_srt(segments))


def write_txt(
    path: str | Path, segments: Sequence[TranscriptSegment], with_times: bool = False
) -> None:
    _write(Path(path), transcript_to_text(segments, with_times=with_times))


def read_srt(path: str | Path) -> list[TranscriptSegment]:
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TranscriptExportError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Could not read subtitles from '{path}': {error}",
            ),
            path=path, error=error,
        ) from error
    try:
        return parse_srt(content)
    except ValueError as error:
        raise TranscriptExportError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "'{path}' is not valid SRT: {error}",
            ),
            path=path, error=error,
        ) from error


def _write(path: Path, content: str) -> None:
    try:
        write_text_atomically(path, content)
    except OSError as error:
        raise TranscriptExportError(
            QT_TRANSLATE_NOOP("UserError", "Could not write the transcript to '{path}': {error}"),
            path=path, error=error,
        ) from error
