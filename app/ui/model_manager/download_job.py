"""One download (a model, its projector, a Gemma 3n audio encoder) on a thread-pool thread,
reported through signals.

`download_file` runs off the GUI thread; its progress callbacks emit signals from that thread,
which Qt queues to the dialog in the GUI thread. Pause and Cancel set the CancelToken, which the
download checks after every chunk; Cancel also deletes the partial files once it has stopped.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from app.core.hub.audio_encoder_download import discard_audio_encoder_parts, fetch_audio_encoder
from app.core.hub.downloads import (
    CancelToken,
    DownloadCancelled,
    DownloadError,
    DownloadProgress,
    discard_partial_download,
    download_file,
)
from app.ui.common.background import run_in_background
from app.ui.common.i18n import error_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DownloadItem:
    """One file of a repository, fetched whole and checked against the hub's SHA-256."""

    repo_id: str
    filename: str
    folder: Path

    @property
    def label(self) -> str:
        return Path(self.filename).name

    def fetch(self, **options) -> Path:
        return download_file(self.repo_id, self.filename, folder=self.folder, **options)

    def discard_partials(self) -> None:
        discard_partial_download(self.folder, self.filename)


@dataclass(frozen=True)
class AudioEncoderItem:
    """Gemma 3n's audio encoder, cut out of Google's checkpoint `repo_id` into `target`."""

    repo_id: str
    target: Path

    @property
    def label(self) -> str:
        return self.target.name

    def fetch(self, **options) -> Path:
        return fetch_audio_encoder(self.repo_id, self.target, **options)

    def discard_partials(self) -> None:
        discard_audio_encoder_parts(self.target)


def format_speed(bytes_per_second: float | None) -> str:
    if not bytes_per_second:
        return "—"
    if bytes_per_second >= 1e6:
        return f"{bytes_per_second / 1e6:.1f} MB/s"
    return f"{bytes_per_second / 1e3:.0f} kB/s"


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("DownloadJob", "time left unknown")
    seconds = int(round(seconds))
    if seconds < 60:
        return QCoreApplication.translate("DownloadJob", "{seconds} s left").format(seconds=seconds)
    if seconds < 3600:
        return QCoreApplication.translate("DownloadJob", "{minutes} min {seconds} s left").format(
            minutes=seconds // 60, seconds=f"{seconds % 60:02d}")
    return QCoreApplication.translate("DownloadJob", "{hours} h {minutes} min left").format(
        hours=seconds // 3600, minutes=f"{seconds % 3600 // 60:02d}")


class DownloadJob(QObject):
    """Downloads `items` in order. Signals: progressed(index, DownloadProgress), finished(paths),
    failed(message), stopped(message, discarded)."""

    progressed = Signal(int, object)
    finished = Signal(list)
    failed = Signal(str)
    stopped = Signal(str, bool)

    def __init__(self, items: Sequence[DownloadItem | AudioEncoderItem], *, pool: QThreadPool, token: str | bool | None = None,
                 free_space: Callable[[Path], int] = lambda folder: shutil.disk_usage(folder).free,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items = list(items)
        self.pool = pool
        self.token = token
        self.free_space = free_space
        self._cancel = CancelToken()
        self._discard = False
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        self._cancel = CancelToken()
        self._discard = False
        self.running = True
        run_in_background(self._run, self.pool)

    def pause(self) -> None:
        """Stop and keep what has arrived: the next start resumes from there."""
        self._cancel.cancel()

    def cancel(self) -> None:
        """Stop and delete the partial files."""
        self._discard = True
        self._cancel.cancel()
        if not self.running:
            self.discard_partials()

    def discard_partials(self) -> None:
        for item in self.items:
            item.discard_partials()

    def _run(self) -> None:
        cancel = self._cancel
        paths: list[Path] = []
        outcome: tuple[Signal, tuple] | None = None
        try:
            for index, item in enumerate(self.items):
                paths.append(item.fetch(
                    token=self.token, cancel=cancel, free_space=self.free_space,
                    on_progress=lambda progress, index=index: self._report(index, progress),
                ))
            outcome = (self.finished, (paths,))
        except DownloadCancelled as error:
            if self._discard:
                self.discard_partials()
                outcome = (self.stopped, (self.tr("Download cancelled; the partial files were deleted."), True))
            else:
                outcome = (self.stopped, (error_text(error), False))
        except DownloadError as error:
            outcome = (self.failed, (error_text(error),))
        except Exception as error:  # noqa: BLE001 - the worker edge: every failure becomes a message
            log.exception("download failed")
            outcome = (self.failed, (self.tr("The download failed: {error}").format(
                error=f"{error.__class__.__name__}: {error}"),))
        finally:
            self.running = False
            if outcome is not None:
                signal, args = outcome
                signal.emit(*args)

    def _report(self, index: int, progress: DownloadProgress) -> None:
        self.progressed.emit(index, progress)
