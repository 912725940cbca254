"""Dictation jobs in the order they were asked for, one chunk at a time to the model.

A job is one recording or one audio file. It owns its chunker (so its clock starts at 00:00),
its chunks, its segments and its stored session. Jobs wait behind each other: the chunks of the
second job go to the model only after the first job is done. The session does not call the
model itself; a driver (the window's controller, or ``gemma-desk transcribe``) asks it for the
next chunk, runs the model, and hands the text back.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.audio.audio_file import AudioFileError, audio_file_info, wav_bytes
from app.core.speech.chunker import AudioChunk, ChunkingSettings, SpeechChunker
from app.core.speech.file_reader import FileChunkReader
from app.core.speech.transcript_export import TranscriptSegment
from app.core.speech.transcription import SpeechTask, audio_key, segment_for
from app.core.storage.store import ConversationStore, StoreError

# Shorter than this is a key bounce or a click, not speech: it never goes to the model.
MIN_CLIP_S = 0.3
NOT_TRANSCRIBED = QT_TRANSLATE_NOOP("DictationSession", "(not transcribed: the app was closed)")


class JobState(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


class JobKind(Enum):
    RECORDING = "recording"
    FILE = "file"


@dataclass(frozen=True)
class ChunkWork:
    """The chunk the model should transcribe now, and the job it belongs to."""

    job: DictationJob
    chunk: AudioChunk


class DictationJob:
    """One recording or one file: its own chunks, clock, segments and stored session."""

    def __init__(self, kind: JobKind, title: str, task: SpeechTask, chunking: ChunkingSettings,
                 source: FileChunkReader | None = None, expected_chunks: int | None = None,
                 wait_for_reads: bool = True) -> None:
        self.kind, self.title, self.task = kind, title, task
        self.state = JobState.QUEUED
        self.segments: list[TranscriptSegment] = []
        self.chunks_sent = 0
        self.skipped_silence = 0
        self.skipped_short = 0
        self.failed_chunks = 0
        self.transcription_id: int | None = None
        self.unsaved = False  # the store refused this job's session
        self.expected_chunks = expected_chunks
        self._chunker = SpeechChunker(chunking)
        self._ready: deque[AudioChunk] = deque()
        self._source = source
        self._wait_for_reads = wait_for_reads
        self._open = kind is JobKind.RECORDING

    # -- a recording feeds its job ----------------------------------------------------------
    def feed(self, block) -> None:
        if self._open:
            self._ready.extend(self._chunker.feed(block))

    def close(self) -> None:
        """The recording stopped: what is left becomes the last chunk."""
        if self._open:
            self._open = False
            self._ready.extend(self._chunker.flush())

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def unheard_s(self) -> float | None:
        """Seconds recorded with nothing above the silence level yet; None once a sound was heard."""
        return None if self._chunker.heard_sound else self._chunker.fed_s

    # -- chunks -----------------------------------------------------------------------------
    def _pull(self) -> AudioChunk | None:
        """The next chunk worth the model's time; silence and clicks are counted and skipped."""
        while True:
            chunk = self._take()
            if chunk is None:
                return None
            if chunk.is_silence:
                self.skipped_silence += 1
            elif chunk.duration_s < MIN_CLIP_S:
                self.skipped_short += 1
            else:
                return chunk

    def _take(self) -> AudioChunk | None:
        if self._ready:
            return self._ready.popleft()
        if self._source is not None:
            chunk = self._source.take(wait=self._wait_for_reads)
            if chunk is not None:
                return chunk
            if self._source.ended:
                self._source.close()
                self._source = None
        return None

    @property
    def has_more(self) -> bool:
        """More chunks may come: the recording is still open, or chunks are left to read."""
        return self._open or bool(self._ready) or self._source is not None

    def _drop_pending(self) -> list[AudioChunk]:
        pending = list(self._ready)
        self._ready.clear()
        if self._source is not None:
            self._source.close()
            self._source = None
        return pending

    # -- what the panel and the command line show -------------------------------------------
    @property
    def total_chunks(self) -> int | None:
        """Chunks for the model in all, once known (a closed recording), else the estimate."""
        if self.kind is JobKind.RECORDING:
            return None if self._open else self.chunks_sent + len(self._ready)
        return max(self.expected_chunks or 0, self.chunks_sent)

    @property
    def status(self) -> str:
        if self.state is JobState.QUEUED:
            return "queued"
        if self.state is JobState.CANCELLED:
            return f"cancelled after {_chunks(len(self.segments))}"
        if self.state is JobState.DONE:
            skipped = f", {self.skipped_silence} silent skipped" if self.skipped_silence else ""
            return f"done, {_chunks(len(self.segments))}{skipped}"
        if self.chunks_sent == 0:
            return "recording" if self._open else "reading"
        total = self.total_chunks
        return f"chunk {self.chunks_sent} of {total}" if total else f"chunk {self.chunks_sent}"


def _chunks(count: int) -> str:
    return f"{count} chunk" if count == 1 else f"{count} chunks"


class DictationSession:
    """The jobs waiting for the model, oldest first, and the one chunk it is working on."""

    def __init__(self, store: ConversationStore | None = None,
                 on_problem: Callable[[str], None] = lambda message: None,
                 chunking: ChunkingSettings | None = None, wait_for_reads: bool = True,
                 translate: Callable[[str], str] = lambda text: text,
                 explain: Callable[[Exception], str] = str) -> None:
        """`translate` (context "DictationSession") and `explain` word the problems and the
        recording titles in the window's language; the command line keeps the English."""
        self.store = store
        self.translate, self.explain = translate, explain
        self.wait_for_reads = wait_for_reads  # False: a file chunk not decoded yet is not waited for
        self.on_problem = on_problem
        self.chunking = chunking or ChunkingSettings()
        self.jobs: deque[DictationJob] = deque()
        self.finished: list[DictationJob] = []
        self.current: ChunkWork | None = None

    # -- new jobs ---------------------------------------------------------------------------
    def record(self, task: SpeechTask, title: str | None = None) -> DictationJob:
        """A live recording job; feed it blocks, close it on Stop."""
        job = DictationJob(JobKind.RECORDING, title or self.translate(QT_TRANSLATE_NOOP("DictationSession", "Dictation {time}")).format(
            time=f"{datetime.now():%Y-%m-%d %H:%M}"), task,
                           self.chunking)
        self.jobs.append(job)
        return job

    def add_file(self, path: str | Path, task: SpeechTask) -> DictationJob:
        """A file job, read lazily as the model gets to it. Raises AudioFileError with a sentence."""
        path = Path(path)
        info = audio_file_info(path)
        if info.duration_s < MIN_CLIP_S:
            raise AudioFileError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "'{name}' holds only {duration_s:.2f} s of audio; at least {min_clip_s} "
                    "s is needed to hear anything.",
                ),
                name=path.name, duration_s=info.duration_s, min_clip_s=MIN_CLIP_S,
            )
        # Cuts fall at a quiet moment in the last search_s before the limit: about half-way on average.
        typical_chunk_s = self.chunking.max_chunk_s - self.chunking.search_s / 2
        expected = max(1, math.ceil(info.duration_s / typical_chunk_s))
        job = DictationJob(JobKind.FILE, path.name, task, self.chunking, FileChunkReader(path, self.chunking),
                           expected, self.wait_for_reads)
        self.jobs.append(job)
        return job

    # -- the one chunk at a time ------------------------------------------------------------
    @property
    def is_idle(self) -> bool:
        return self.current is None and not self.jobs

    @property
    def reading_a_file(self) -> bool:
        """The next job is a file whose next chunk is still being decoded: ask again soon."""
        return self.current is None and bool(self.jobs) and self.jobs[0].kind is JobKind.FILE

    def start_next_chunk(self) -> ChunkWork | None:
        """The next chunk for the model, or None when nothing is ready (or a chunk is in flight).

        Jobs stay in order: an open recording at the head holds the jobs behind it.
        """
        if self.current is not None:
            return None
        while self.jobs:
            job = self.jobs[0]
            try:
                chunk = job._pull()
            except AudioFileError as error:
                self.on_problem(self.explain(error))
                chunk = None
                job._drop_pending()
            if chunk is not None:
                job.state = JobState.RUNNING
                job.chunks_sent += 1
                self.current = ChunkWork(job, chunk)
                return self.current
            if job.has_more:
                job.state = JobState.RUNNING  # at the head: recording, or its file being read
                return None
            self._retire(job, JobState.DONE)
        return None

    def finish_chunk(self, text: str) -> TranscriptSegment:
        """The model's text for the chunk in flight: a segment of that chunk's job, saved."""
        work = self._take_current()
        segment = segment_for(work.chunk, text)
        work.job.segments.append(segment)
        self._save(work.job, work.chunk, segment)
        return segment

    def fail_chunk(self, message: str) -> None:
        work = self._take_current()
        work.job.failed_chunks += 1
        self.on_problem(self.translate(QT_TRANSLATE_NOOP(
            "DictationSession", "A chunk of {title} could not be transcribed: {reason}")).format(
            title=work.job.title, reason=message))

    def _take_current(self) -> ChunkWork:
        if self.current is None:
            raise RuntimeError("no chunk is being transcribed")
        work, self.current = self.current, None
        return work

    def cancel(self, job: DictationJob) -> bool:
        """Stop a job: its waiting chunks are dropped, what it transcribed stays.

        True when its chunk was in flight: the driver should cancel that request and ignore it.
        """
        in_flight = self.current is not None and self.current.job is job
        if in_flight:
            self.current = None
        job._drop_pending()
        job._open = False
        if job in self.jobs:
            self.jobs.remove(job)
            self._finish(job, JobState.CANCELLED)
        return in_flight

    def _retire(self, job: DictationJob, state: JobState) -> None:
        self.jobs.remove(job)
        self._finish(job, state)

    def _finish(self, job: DictationJob, state: JobState) -> None:
        job.state = state
        self.finished.append(job)

    # -- closing ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """On close: keep the audio of every recorded chunk not transcribed yet, as segments
        that say so. A file's untranscribed rest is still in the file: its transcript just ends early."""
        pending: list[tuple[DictationJob, AudioChunk]] = []
        if self.current is not None:
            pending.append((self.current.job, self.current.chunk))
            self.current = None
        for job in list(self.jobs):
            job.close()
            if job.kind is JobKind.RECORDING:
                pending.extend((job, chunk) for chunk in job._drop_pending() if not chunk.is_silence)
            else:
                job._drop_pending()
        for job, chunk in pending:
            segment = TranscriptSegment(chunk.start_s, chunk.end_s, self.translate(NOT_TRANSCRIBED))
            job.segments.append(segment)
            self._save(job, chunk, segment)
        for job in list(self.jobs):
            self._retire(job, JobState.CANCELLED)

    # -- the store --------------------------------------------------------------------------
    def transcription_id(self, job: DictationJob) -> int | None:
        """The job's stored session, made when it is first needed (a job with nothing never clutters
        the list)."""
        if job.transcription_id is None and self.store is not None and not job.unsaved:
            try:
                job.transcription_id = self.store.create_transcription(
                    job.title, job.task.label, job.task.target_language or "")
            except StoreError as error:
                job.unsaved = True
                self.on_problem(self.translate(QT_TRANSLATE_NOOP(
                    "DictationSession", "{title} will not be saved: {reason}")).format(
                    title=job.title, reason=self.explain(error)))
        return job.transcription_id

    def _save(self, job: DictationJob, chunk: AudioChunk, segment: TranscriptSegment) -> None:
        session_id = self.transcription_id(job)
        if session_id is None or self.store is None:
            return
        try:
            self.store.add_segment(
                session_id, len(job.segments) - 1, segment.start_s, segment.end_s, segment.text,
                audio_wav=wav_bytes(chunk.samples, chunk.sample_rate), audio_sha256=audio_key(chunk.samples),
            )
        except StoreError as error:
            self.on_problem(self.translate(QT_TRANSLATE_NOOP(
                "DictationSession", "Could not save this part of the transcript: {reason}")).format(
                reason=self.explain(error)))
