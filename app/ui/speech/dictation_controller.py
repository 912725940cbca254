"""Dictation in the window: microphone polling, the panel, keys and export dialogs.

The jobs themselves (recordings and files, in order, one chunk at a time, saved as they grow)
belong to the Qt-free DictationSession; this controller feeds it and shows it.
"""

from __future__ import annotations

import copy
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog

from app.core.audio.audio_file import AudioFileError
from app.core.audio.capture import CaptureError, MicrophoneRecorder
from app.core.speech.chunker import silence_rms_for_dbfs
from app.core.speech.session import MIN_CLIP_S, ChunkWork, DictationJob, DictationSession, JobKind, JobState
from app.core.speech.transcript_export import (
    TranscriptExportError,
    TranscriptSegment,
    format_clock,
    transcript_to_text,
    write_srt,
    write_txt,
)
from app.core.speech.transcription import SpeechTask, chunk_message, chunk_sampling
from app.core.storage.settings import Settings
from app.core.task_presets import TRANSCRIBE_AUDIO, TRANSLATE_AUDIO
from app.ui.common.i18n import error_text, preset_prompt
from app.core.storage.store import ConversationStore
from app.ui.engine.engine_worker import EngineHost, GenerationRequest
from app.ui.speech.dictation_panel import DictationPanel
from app.ui.speech.push_to_talk import DictationKeys

POLL_MS = 50
# Notices this controller owns, taken down when what caused them is fixed.
MICROPHONE_NOTICE = "microphone"
CANNOT_HEAR_NOTICE = "dictation-cannot-hear"
UNHEARD_NOTICE = "dictation-unheard"
# Time enough to start speaking; a muted microphone stays at silence however long it records.
UNHEARD_WARNING_S = 5.0


class DictationController(QObject):
    segmentFinished = Signal(object)  # TranscriptSegment
    queueDrained = Signal()
    settingsEdited = Signal(object)  # Settings: the panel changed the microphone or the task

    def __init__(self, panel: DictationPanel, host: EngineHost, store: ConversationStore, notice,
                 sounddevice=None, settings: Settings | None = None) -> None:
        super().__init__(panel)
        self.panel, self.host, self.store, self.notice = panel, host, store, notice
        self.recorder = MicrophoneRecorder(sounddevice)
        self.session = DictationSession(
            store, on_problem=self.notice.show_message, wait_for_reads=False, explain=error_text,
            translate=lambda text: QCoreApplication.translate("DictationSession", text))
        self.settings = settings or Settings()
        self.speech_unavailable: str | None = self.tr("No model is loaded yet.")
        self.first_token_latencies: list[float] = []
        self.max_tokens_per_chunk: int | None = None
        self._recording_job: DictationJob | None = None
        self._shown: DictationJob | None = None
        self._opened: tuple[int, list[TranscriptSegment]] | None = None
        self._request = None  # the engine request of the chunk in flight
        self._sent_at = 0.0
        self._partial = ""
        self._busy = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_microphone)
        self._file_poll = QTimer(self)  # a file's next chunk is decoded on a thread: look again soon
        self._file_poll.setSingleShot(True)
        self._file_poll.setInterval(POLL_MS)
        self._file_poll.timeout.connect(self._next)
        self.keys = DictationKeys(panel.parentWidget() or panel)
        self._connect()
        self.apply_settings(self.settings)

    def _connect(self) -> None:
        panel = self.panel
        panel.record_button.clicked.connect(self.toggle_recording)
        panel.refresh_devices.clicked.connect(lambda: self.refresh_devices(rescan=True))
        panel.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(self.plain_text()))
        panel.export_txt_button.clicked.connect(lambda: self._export("txt"))
        panel.export_srt_button.clicked.connect(lambda: self._export("srt"))
        panel.import_button.clicked.connect(self._pick_audio_file)
        panel.cancel_button.clicked.connect(self.cancel_file)
        panel.sessions.activated.connect(lambda index: self.open_session(panel.sessions.itemData(index)))
        panel.device.currentIndexChanged.connect(self._device_chosen)
        panel.task.currentIndexChanged.connect(self._task_chosen)
        panel.push_to_talk.toggled.connect(self.keys.set_push_to_talk)
        self.keys.toggle.connect(self.toggle_recording)
        self.keys.talkPressed.connect(lambda: self.recording or self.start_recording())
        self.keys.talkReleased.connect(lambda: self.recording and self.stop_recording())

    # -- settings: they own the microphone, the task and the silence level ------------------
    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        speech = settings.speech
        self.session.chunking = replace(self.session.chunking,
                                        silence_rms=silence_rms_for_dbfs(speech.silence_threshold_db))
        with QSignalBlocker(self.panel.device):
            self._select_device(speech.input_device)
        with QSignalBlocker(self.panel.task):
            self.panel.select_task(speech.target_language if speech.default_task == "translate" else None)

    def _select_device(self, name: str | None) -> None:
        combo = self.panel.device
        found = combo.findData(name) if name else -1
        combo.setCurrentIndex(found if found >= 0 else 0)

    def _device_chosen(self, index: int) -> None:
        name = self.panel.device.itemData(index)
        if name is not None and name != self.settings.speech.input_device:
            self._edit_speech(input_device=name)

    def _task_chosen(self, _index: int) -> None:
        language = self.panel.target_language()
        if language:
            self._edit_speech(default_task="translate", target_language=language)
        else:
            self._edit_speech(default_task="transcribe")

    def _edit_speech(self, **changes) -> None:
        edited = copy.deepcopy(self.settings)
        edited.speech = replace(edited.speech, **changes)
        self.settings = edited
        self.settingsEdited.emit(edited)

    def _task(self) -> SpeechTask:
        speech = self.settings.speech
        return SpeechTask(speech.target_language if speech.default_task == "translate" else None)

    # -- devices and model ------------------------------------------------------------------
    def refresh_devices(self, rescan: bool = False) -> None:
        combo = self.panel.device
        with QSignalBlocker(combo):
            combo.clear()
            try:
                devices = self.recorder.input_devices(rescan=rescan)
            except CaptureError as error:
                combo.addItem(self.tr("No microphone"), None)
                combo.setToolTip(error_text(error))
                return
            for device in devices:
                shown = self.tr("{device} (default)").format(device=device.name) if device.is_default else device.name
                combo.addItem(shown, device.name)
            if not devices:
                combo.addItem(self.tr("No microphone"), None)
            self._select_device(self.settings.speech.input_device)

    def _device_index(self) -> int | None:
        """The settings' microphone, or None for the system default when it is not connected."""
        name = self.settings.speech.input_device
        if name is None:
            return None
        try:
            devices = self.recorder.input_devices()
        except CaptureError:
            return None
        return next((device.index for device in devices if device.name == name), None)

    def set_model_hearing(self, unavailable_reason: str | None) -> None:
        self.speech_unavailable = unavailable_reason
        self.panel.record_button.setToolTip(unavailable_reason or self.tr("Start or stop dictation (F9)"))
        if unavailable_reason is None:
            self.notice.clear(CANNOT_HEAR_NOTICE)

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
            self.notice.show_message(self.speech_unavailable, kind="warning", key=CANNOT_HEAR_NOTICE)
            return False
        try:
            self.recorder.start(self._device_index())
        except CaptureError as error:
            self.notice.show_message(error_text(error), key=MICROPHONE_NOTICE)
            return False
        self.notice.clear(MICROPHONE_NOTICE)
        self._recording_job = self._add_job(self.session.record(self._task()))
        self.panel.set_recording(True)
        self._poll.start()
        return True

    def stop_recording(self) -> None:
        self._poll.stop()
        self.recorder.stop()
        self._drain_microphone()
        job = self._recording_job
        if job is not None:
            job.close()
            self._recording_job = None
            unheard = job.unheard_s
            self._say_whether_heard(job, warn=unheard is not None and unheard >= MIN_CLIP_S)
        self.panel.set_recording(False)
        self._next()

    def _drain_microphone(self) -> bool:
        blocks = self.recorder.read_available()
        if self._recording_job is not None:
            for block in blocks:
                self._recording_job.feed(block)
        return bool(blocks)

    def _poll_microphone(self) -> None:
        job = self._recording_job
        unheard_before = job.unheard_s if job is not None else None
        if self._drain_microphone():
            self._next()
        if job is not None:
            unheard = job.unheard_s
            # Once, as the silence passes the mark: a dismissed warning does not come back each poll.
            self._say_whether_heard(job, warn=unheard_before is not None and unheard is not None
                                    and unheard_before < UNHEARD_WARNING_S <= unheard)
        level = self.recorder.level.rms_dbfs
        self.panel.level.setValue(max(0, int(level + 60)))
        elapsed = self.recorder.elapsed_s
        self.panel.elapsed.setText(f"{int(elapsed // 60)}:{int(elapsed % 60):02d}")
        failure = self.recorder.failure
        if failure is not None and self._poll.isActive():
            self.stop_recording()
            self.notice.show_message(error_text(failure), key=MICROPHONE_NOTICE)  # it says what is kept

    def _say_whether_heard(self, job: DictationJob, warn: bool) -> None:
        """A recording that heard nothing (its chunker's silence level) names the microphone; the
        notice goes as soon as a recording hears a sound."""
        if job.unheard_s is None:
            self.notice.clear(UNHEARD_NOTICE)
        elif warn:
            self.notice.show_message(self.tr(
                "Nothing was heard from '{device}': is it muted, or is its level too low? Choose another "
                "microphone in the Dictation panel or check the system's sound settings.").format(
                device=self.recorder.device.name),
                kind="warning", key=UNHEARD_NOTICE)

    # -- files ------------------------------------------------------------------------------
    def _pick_audio_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.panel, self.tr("Transcribe an audio file"), "",
                                              self.tr("Audio (*.wav *.flac *.mp3 *.ogg)"))
        if path:
            self.transcribe_file(Path(path))

    def transcribe_file(self, path: Path) -> bool:
        """Queue a file behind the jobs already waiting; it is read piece by piece as its turn comes."""
        if self.speech_unavailable:
            self.notice.show_message(self.speech_unavailable, kind="warning", key=CANNOT_HEAR_NOTICE)
            return False
        try:
            job = self.session.add_file(path, self._task())
        except AudioFileError as error:
            self.notice.show_message(error_text(error))
            return False
        self._add_job(job)
        return True

    def cancel_file(self) -> None:
        """Stop the first file job (the one being transcribed, or the next one waiting)."""
        job = next((job for job in self.session.jobs if job.kind is JobKind.FILE), None)
        if job is None:
            return
        if self.session.cancel(job) and self._request is not None:
            self._request.cancel()
            self._request = None
        self._next()

    # -- the jobs -----------------------------------------------------------------------------
    def _add_job(self, job: DictationJob) -> DictationJob:
        self._busy = True
        self._opened = None
        self._next()
        self._name_shown_session()
        return job

    def _next(self) -> None:
        work = self.session.start_next_chunk()
        if work is not None:
            self._send(work)
        if self.session.current is not None:
            self._shown = self.session.current.job
        elif self.session.jobs:
            self._shown = self.session.jobs[0]
        if self.session.reading_a_file:
            self._file_poll.start()
        self._update_status()
        self._render()
        if self._busy and self.session.is_idle and self._recording_job is None:
            self._busy = False
            self.queueDrained.emit()

    def _send(self, work: ChunkWork) -> None:
        # one_off: a chunk runs beside the chat's KV cache, so the next chat turn reads only its new words
        message = replace(chunk_message(work.chunk, work.job.task), text=self.prompt(work.job.task))
        request = GenerationRequest([message], "",
                                    chunk_sampling(work.chunk, self.max_tokens_per_chunk), one_off=True)
        handle = self._generate(request)
        handle.streamed.connect(lambda text: self._streamed(handle, text))
        handle.finished.connect(lambda result: self._finished(handle, result))
        handle.failed.connect(lambda message: self._failed(handle, message))
        self._request, self._partial, self._sent_at = handle, "", time.perf_counter()

    def _generate(self, request: GenerationRequest):
        """The one call into the engine host; it returns the request's own handle
        (token, finished, failed, cancel)."""
        return self.host.generate(request)

    def _streamed(self, handle, text: str) -> None:
        if handle is not self._request:
            return
        if not self._partial:
            self.first_token_latencies.append(time.perf_counter() - self._sent_at)
        self._partial += text
        self._render()

    def _finished(self, handle, result) -> None:
        if handle is not self._request:
            return
        self._request, self._partial = None, ""
        job = self.session.current.job
        segment = self.session.finish_chunk(result.text)
        if len(job.segments) == 1:
            self.refresh_sessions()
        self.segmentFinished.emit(segment)
        self._next()

    def _failed(self, handle, message: str) -> None:
        if handle is not self._request:
            return
        self._request, self._partial = None, ""
        self.session.fail_chunk(message)
        self._next()

    def prompt(self, task: SpeechTask) -> str:
        """The chunk's instruction: English unless the user chose prompts in the UI language."""
        in_ui_language = self.settings.appearance.prompts_in_ui_language
        if task.target_language:
            return preset_prompt(TRANSLATE_AUDIO, in_ui_language, language=task.target_language)
        return preset_prompt(TRANSCRIBE_AUDIO, in_ui_language)

    def job_status(self, job: DictationJob) -> str:
        """What the panel shows for a job (the core's `job.status` is the English for the CLI)."""
        done = len(job.segments)
        if job.state is JobState.QUEUED:
            return self.tr("queued")
        if job.state is JobState.CANCELLED:
            return self.tr("cancelled after %n chunk(s)", "", done)
        if job.state is JobState.DONE:
            if job.skipped_silence:
                return self.tr("done, %n chunk(s), {silent} silent skipped", "", done).format(silent=job.skipped_silence)
            return self.tr("done, %n chunk(s)", "", done)
        if job.chunks_sent == 0:
            recording = job.kind is JobKind.RECORDING and job.total_chunks is None
            return self.tr("recording") if recording else self.tr("reading")
        total = job.total_chunks
        if total:
            return self.tr("chunk {number} of %n", "", total).format(number=job.chunks_sent)
        return self.tr("chunk {number}").format(number=job.chunks_sent)

    def task_label(self, stored: str) -> str:
        """A saved session's task ("Transcribe", "Translate to German") in the UI's language."""
        prefix = "Translate to "
        if stored.startswith(prefix):
            return self.panel.translate_label(stored[len(prefix):])
        return self.tr("Transcribe") if stored == "Transcribe" else stored

    def _update_status(self) -> None:
        jobs = list(self.session.jobs)
        # Once the queue is empty, how the last job ended stays said: a silent file leaves no line.
        shown = jobs or self.session.finished[-1:]
        self.panel.waiting.setText(" · ".join(f"{job.title}: {self.job_status(job)}" for job in shown))
        self.panel.cancel_button.setEnabled(any(job.kind is JobKind.FILE for job in jobs))

    # -- transcript -------------------------------------------------------------------------
    @property
    def segments(self) -> list[TranscriptSegment]:
        """The transcript in the panel: an opened earlier session, or the latest job."""
        if self._opened is not None:
            return self._opened[1]
        return self._shown.segments if self._shown is not None else []

    @property
    def session_id(self) -> int | None:
        if self._opened is not None:
            return self._opened[0]
        return self._shown.transcription_id if self._shown is not None else None

    def plain_text(self) -> str:
        return transcript_to_text(self.segments)

    def _render(self) -> None:
        lines = [f"[{format_clock(s.start_s)} – {format_clock(s.end_s)}] {_one_line(s.text)}" for s in self.segments]
        current = self.session.current
        if self._opened is None and current is not None and current.job is self._shown:
            chunk = current.chunk
            lines.append(f"[{format_clock(chunk.start_s)} – {format_clock(chunk.end_s)}] {_one_line(self._partial)}▌")
        self.panel.transcript.setPlainText("\n".join(lines))
        scroll = self.panel.transcript.verticalScrollBar()
        scroll.setValue(scroll.maximum())

    def export(self, path: Path, kind: str) -> None:
        (write_srt if kind == "srt" else write_txt)(path, self.segments)

    def _export(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.panel, self.tr("Export {kind}").format(kind=kind.upper()),
                                              f"transcript.{kind}", f"*.{kind}")
        if not path:
            return
        try:
            self.export(Path(path), kind)
        except (TranscriptExportError, OSError) as error:
            self.notice.show_message(self.tr("Could not export: {reason}").format(reason=error_text(error)))

    # -- sessions ---------------------------------------------------------------------------
    def refresh_sessions(self) -> None:
        combo = self.panel.sessions
        combo.clear()
        for session in self.store.transcriptions():
            combo.addItem(f"{session.title} · {self.task_label(session.task)}", session.id)
        if self._shown is None and self._opened is None and combo.count():
            self.open_session(combo.itemData(0))  # nothing dictated in this run yet: the last session
        self._name_shown_session()

    def _name_shown_session(self) -> None:
        """The list names the session whose transcript is shown, or none (a job not saved yet)."""
        combo = self.panel.sessions
        combo.setCurrentIndex(-1 if self.session_id is None else combo.findData(self.session_id))

    def open_session(self, session_id: int | None) -> None:
        """Show a saved session; a job of this run (recording or not) is shown live, as it grows."""
        if session_id is None:
            return
        live = self._shown is not None and self._shown.transcription_id == session_id
        self._opened = None if live else (session_id, [TranscriptSegment(s.start_s, s.end_s, s.text)
                                                       for s in self.store.segments(session_id)])
        self._render()
        self._name_shown_session()

    def shutdown(self) -> None:
        """On close: stop the microphone; the session keeps the audio of every chunk not transcribed."""
        self.keys.shutdown()
        self._file_poll.stop()
        if self.recording:
            self._poll.stop()
            self.recorder.stop()
            self._drain_microphone()
        if self._request is not None:
            self._request.cancel()
            self._request = None
        self._recording_job = None
        self.session.shutdown()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def share_speech_settings(dictation: DictationController, settings) -> None:
    """The settings (a SettingsModel) own the microphone, task and silence level; the panel shows
    them and hands its edits back."""
    dictation.apply_settings(settings.current)
    settings.changed.connect(lambda _old, new: dictation.apply_settings(new))
    dictation.settingsEdited.connect(settings.update)
