"""An audio file's chunks, decoded, resampled and cut on a background thread a few ahead of the
model, so a long file needs little memory and the window never waits for the decoder."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.audio.audio_file import AudioFileError, iter_audio_file
from app.core.speech.chunker import AudioChunk, ChunkingSettings, SpeechChunker

_END = object()


def file_chunks(path: Path, chunking: ChunkingSettings) -> Iterator[AudioChunk]:
    """Decode, resample and cut a file piece by piece."""
    chunker = SpeechChunker(chunking)
    for block in iter_audio_file(path):
        yield from chunker.feed(block)
    yield from chunker.flush()


class FileChunkReader:
    def __init__(self, path: Path, chunking: ChunkingSettings, ahead: int = 3) -> None:
        self.path = path
        self.ended = False
        self._queue: queue.Queue = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(file_chunks(path, chunking),),
                                        name=f"read {path.name}", daemon=True)
        self._thread.start()

    def _read(self, chunks: Iterator[AudioChunk]) -> None:
        try:
            for chunk in chunks:
                if not self._put(chunk):
                    return
            self._put(_END)
        except AudioFileError as error:
            self._put(error)
        except Exception as error:  # noqa: BLE001 - a decoder bug still ends the job with a sentence
            self._put(AudioFileError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Could not read '{name}': {error}",
                ),
                name=self.path.name, error=error,
            ))
        finally:
            chunks.close()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def take(self, wait: bool) -> AudioChunk | None:
        """The next chunk; None when the file has ended (``ended``) or, without ``wait``, when the
        next chunk is not decoded yet. A file that breaks half-way raises AudioFileError."""
        if self.ended:
            return None
        try:
            item = self._queue.get(block=wait)
        except queue.Empty:
            return None
        if item is _END:
            self.ended = True
            return None
        if isinstance(item, AudioFileError):
            self.ended = True
            raise item
        return item

    def close(self) -> None:
        self.ended = True
        self._stop.set()
        self._thread.join(timeout=5)
