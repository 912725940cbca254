"""Dictation: microphone → chunker → queue → model, one chunk at a time; transcript saved as it grows."""

from __future__ import annotations

import io
import time
from datetime import datetime
from pathlib import Path

import soundfile
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog

from app.core.audio.audio_file import AudioFileError, load_audio_file
from app.core.audio.capture import CaptureError, MicrophoneRecorder
from app.core.speech.chunker import AudioChunk, SpeechChunker, chunk_audio
from app.core.speech.transcript_export import (
    TranscriptExportError,
    TranscriptSegment,
    format_clock,
    transcript_to_text,
    write_srt,
    write_txt,
)
from app.core.storage.store import ConversationStore, StoreError
from app.core.speech.transcription import ChunkQueue, SpeechTask, audio_key, chunk_message, chunk_sampling
from app.ui.engine.engine_worker import EngineHost, EngineRequest, GenerationRequest
from app.ui.speech.dictation_panel import DictationPanel

POLL_MS = 50


class DictationController(QObject):
    segmentFinished = Signal(object)  # TranscriptSegment
    queueDrained = Signal()

    def __init__(self, panel: DictationPanel, host: EngineHost, store: ConversationStore, notice, sounddevice=None) -> None:
        super().__init__(panel)
        self.panel, self.host, self.store, self.notice = panel, host, store, notice
        self.recorder = MicrophoneRecorder(sounddevice)
        self.chunker = SpeechChunker()
        self.queue = ChunkQueue()
        self.segments: list[TranscriptSegment] = []
        self.speech_unavailable: str | None = "No model is loaded yet."
        self.session_id: int | None = None
        self.task = SpeechTask()
        self._current: tuple[EngineRequest, AudioChunk] | None = None
        self._partial = ""
        self._chunk_ready_at: dict[int, float] = {}
        self.first_token_latencies: list[float] = []
        self.max_tokens_per_chunk: int | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_microphone)
        self._connect()

    def _connect(self) -> None:
        panel = self.panel
        panel.record_button.clicked.connect(self.toggle_recording)
        panel.refresh_devices.clicked.connect(lambda: self.refresh_devices(rescan=True))
        panel.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(self.plain_text()))
        panel.export_txt_button.clicked.connect(lambda: self._export("txt"))
        panel.export_srt_button.clicked.connect(lambda: self._export("srt"))
        panel.import_button.clicked.connect(self._pick_audio_file)
        panel.sessions.activated.connect(lambda index: self.open_session(panel.sessions.itemData(index)))
        QApplication.instance().installEventFilter(self)

    # -- devices and model ------------------------------------------------------------------
    def refresh_devices(self, rescan: bool = False) -> None:
        combo = self.panel.device
        combo.clear()
        try:
            devices = self.recorder.input_devices(rescan=rescan)
        except CaptureError as error:
            combo.addItem("No microphone", None)
            combo.setToolTip(str(error))
            return
        for device in devices:
            combo.addItem(device.name + (" (default)" if device.is_default else ""), device.index)
        if not devices:
            combo.addItem("No microphone", None)

    def set_model_hearing(self, unavailable_reason: str | None) -> None:
        self.speech_unavailable = unavailable_reason
        self.panel.record_button.setToolTip(unavailable_reason or "Start or stop dictation (F9)")

    # -- recording --------------------------------------------------------------------------
    @property
    def recording(self) -> bool:
        return self.recorder.is_recording

    def toggle_recording(self) -> None:
        if self.recording:
            self.stop_recording()
        else:
            self.start_recording()

    def start_recording(self) -> bool:
        if self.speech_unavailable:
            self.notice.show_message(self.speech_unavailable, kind="warning")
            return False
        try:
            self.recorder.start(self.panel.device.currentData())
        except CaptureError as error:
            self.notice.show_message(str(error))
            return False
        self.chunker = SpeechChunker()
        self.task = SpeechTask(self.panel.target_language())
        self._begin_session()
        self.panel.set_recording(True)
        self._poll.start()
        return True

    def stop_recording(self) -> None:
        self._poll.stop()
        self.recorder.stop()
        self._drain_microphone()
        self._enqueue(self.chunker.flush())
        self.panel.set_recording(False)

    def _drain_microphone(self) -> None:
        for block in self.recorder.read_available():
            self._enqueue(self.chunker.feed(block))

    def _poll_microphone(self) -> None:
        self._drain_microphone()
        level = self.recorder.level.rms_dbfs
        self.panel.level.setValue(max(0, int(level + 60)))
        elapsed = self.recorder.elapsed_s
        self.panel.elapsed.setText(f"{int(elapsed // 60)}:{int(elapsed % 60):02d}")
        failure = self.recorder.failure
        if failure is not None and self._poll.isActive():
            self.stop_recording()
            seconds = len(self.recorder.captured_audio()) / 16_000
            self.notice.show_message(f"{failure} The {seconds:.1f} s recorded before it are kept and transcribed.")

    # -- files ------------------------------------------------------------------------------
    def _pick_audio_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.panel, "Transcribe an audio file", "", "Audio (*.wav *.flac *.mp3 *.ogg)")
        if path:
            self.transcribe_file(Path(path))

    def transcribe_file(self, path: Path) -> bool:
        if self.speech_unavailable:
            self.notice.show_message(self.speech_unavailable, kind="warning")
            return False
        try:
            samples = load_audio_file(path)
        except AudioFileError as error:
            self.notice.show_message(str(error))
            return False
        self.task = SpeechTask(self.panel.target_language())
        self._begin_session(title=path.name)
        self._enqueue(chunk_audio(samples))
        return True

    # -- the queue --------------------------------------------------------------------------
    def _begin_session(self, title: str | None = None) -> None:
        self.segments = []
        self._partial = ""
        title = title or f"Dictation {datetime.now():%Y-%m-%d %H:%M}"
        try:
            self.session_id = self.store.create_transcription(title, self.task.label, self.task.target_language or "")
        except StoreError as error:
            self.session_id = None
            self.notice.show_message(f"This session will not be saved: {error}")
        self.refresh_sessions()
        self._render()

    def _enqueue(self, chunks: list[AudioChunk]) -> None:
        for chunk in chunks:
            self._chunk_ready_at[chunk.index] = time.perf_counter()
        self.queue.push(chunks)
        self._next()

    def _next(self, after_chunk: bool = False) -> None:
        if self._current is not None:
            self._update_waiting()
            return
        chunk = self.queue.pop()
        if chunk is None:
            self._update_waiting()
            if after_chunk and not self.recording:
                self.queueDrained.emit()
            return
        sampling = chunk_sampling(chunk, self.max_tokens_per_chunk)
        request = GenerationRequest([chunk_message(chunk, self.task)], "", sampling)
        handle = self.host.generate(request)
        handle.token.connect(lambda text: self._token(handle, text))
        handle.finished.connect(lambda result: self._finished(handle, result))
        handle.failed.connect(lambda message: self._failed(handle, message))
        self._current = (handle, chunk)
        self._partial = ""
        self._update_waiting()

    def _update_waiting(self) -> None:
        busy = 1 if self._current else 0
        waiting = len(self.queue)
        self.panel.waiting.setText(
            f"Transcribing chunk {self._current[1].index + 1}… {waiting} waiting" if busy else
            (f"{waiting} chunks waiting" if waiting else "")
        )

    def _token(self, request_id: int, text: str) -> None:
        if self._current is None or request_id != self._current[0]:
            return
        if not self._partial:
            ready = self._chunk_ready_at.pop(self._current[1].index, None)
            if ready is not None:
                self.first_token_latencies.append(time.perf_counter() - ready)
        self._partial += text
        self._render()

    def _finished(self, request_id: int, result) -> None:
        if self._current is None or request_id != self._current[0]:
            return
        _, chunk = self._current
        self._current = None
        segment = TranscriptSegment(chunk.start_s, chunk.end_s, result.text.strip())
        self.segments.append(segment)
        self._partial = ""
        self._save_segment(chunk, segment)
        self._render()
        self.segmentFinished.emit(segment)
        self._next(after_chunk=True)

    def _failed(self, request_id: int, message: str) -> None:
        if self._current is None or request_id != self._current[0]:
            return
        self._current = None
        self.notice.show_message(f"A chunk could not be transcribed: {message}")
        self._next(after_chunk=True)

    def _save_segment(self, chunk: AudioChunk, segment: TranscriptSegment) -> None:
        if self.session_id is None:
            return
        wav = io.BytesIO()
        soundfile.write(wav, chunk.samples, chunk.sample_rate, format="WAV", subtype="PCM_16")
        try:
            self.store.add_segment(
                self.session_id, len(self.segments) - 1, segment.start_s, segment.end_s, segment.text,
                audio_wav=wav.getvalue(), audio_sha256=audio_key(chunk.samples),
            )
        except StoreError as error:
            self.notice.show_message(f"Could not save this part of the transcript: {error}")

    # -- transcript -------------------------------------------------------------------------
    def plain_text(self) -> str:
        return transcript_to_text(self.segments)

    def _render(self) -> None:
        lines = [f"[{format_clock(s.start_s)} – {format_clock(s.end_s)}] {_one_line(s.text)}" for s in self.segments]
        if self._current is not None:
            chunk = self._current[1]
            lines.append(f"[{format_clock(chunk.start_s)} – {format_clock(chunk.end_s)}] {_one_line(self._partial)}▌")
        self.panel.transcript.setPlainText("\n".join(lines))
        scroll = self.panel.transcript.verticalScrollBar()
        scroll.setValue(scroll.maximum())

    def export(self, path: Path, kind: str) -> None:
        (write_srt if kind == "srt" else write_txt)(path, self.segments)

    def _export(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.panel, f"Export {kind.upper()}", f"transcript.{kind}", f"*.{kind}")
        if not path:
            return
        try:
            self.export(Path(path), kind)
        except (TranscriptExportError, OSError) as error:
            self.notice.show_message(f"Could not export: {error}")

    # -- sessions ---------------------------------------------------------------------------
    def refresh_sessions(self) -> None:
        combo = self.panel.sessions
        combo.clear()
        for session in self.store.transcriptions():
            combo.addItem(f"{session.title} · {session.task}", session.id)
        if self.session_id is not None:
            combo.setCurrentIndex(max(0, combo.findData(self.session_id)))

    def open_session(self, session_id: int | None) -> None:
        if session_id is None or self.recording:
            return
        self.session_id = session_id
        self.segments = [TranscriptSegment(s.start_s, s.end_s, s.text) for s in self.store.segments(session_id)]
        self._render()

    # -- keys -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.KeyPress, QEvent.KeyRelease) and not event.isAutoRepeat():
            if event.key() == Qt.Key_F9 and kind == QEvent.KeyPress:
                self.toggle_recording()
                return True
            if event.key() == Qt.Key_F8 and self.panel.push_to_talk.isChecked():
                if kind == QEvent.KeyPress and not self.recording:
                    self.start_recording()
                elif kind == QEvent.KeyRelease and self.recording:
                    self.stop_recording()
                return True
        return False

    def shutdown(self) -> None:
        """On close: stop the microphone and keep the audio of every chunk not yet transcribed."""
        QApplication.instance().removeEventFilter(self)
        if self.recording:
            self.recorder.stop()
            self._poll.stop()
            self.queue.push(self.chunker.flush())
        pending = ([self._current[1]] if self._current else []) + list(self.queue.waiting)
        self._current = None
        self.queue.waiting.clear()
        for chunk in pending:
            segment = TranscriptSegment(chunk.start_s, chunk.end_s, "(not transcribed: the app was closed)")
            self.segments.append(segment)
            self._save_segment(chunk, segment)


def _one_line(text: str) -> str:
    return " ".join(text.split())
