"""Importing GGUF files (copy or link) off the GUI thread: a copy of a 5 GB file takes a while."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QObject, QThreadPool, Signal

from app.core.models.importing import ImportResult, ModelImportError, import_model
from app.ui.common.background import run_in_background
from app.ui.common.i18n import error_text

log = logging.getLogger(__name__)


class ModelImporter(QObject):
    """Imports files one after the other; reports each result and each failure as a signal."""

    started = Signal(str)  # file name
    imported = Signal(object)  # ImportResult
    failed = Signal(str)  # message naming the file
    finished = Signal()

    def __init__(self, parent: QObject | None = None, *, models_folder: Path | None = None,
                 importer: Callable[..., ImportResult] = import_model) -> None:
        super().__init__(parent)
        self.models_folder = models_folder
        self._import = importer
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.busy = False

    def start(self, files: Sequence[Path], copy: bool = True) -> bool:
        if self.busy or not files:
            return False
        self.busy = True
        run_in_background(lambda: self._run([Path(file) for file in files], copy), self.pool)
        return True

    def _run(self, files: list[Path], copy: bool) -> None:
        try:
            for file in files:
                self.started.emit(file.name)
                try:
                    self.imported.emit(self._import(file, copy=copy, models_folder=self.models_folder))
                except ModelImportError as error:
                    self.failed.emit(error_text(error))
                except OSError as error:
                    self.failed.emit(self.tr("Could not import {file}: {reason}.").format(file=file.name, reason=error.strerror or error))
                except Exception as error:  # noqa: BLE001 - the worker edge: every failure is a message
                    log.exception("import of %s failed", file)
                    self.failed.emit(self.tr("Could not import {file}: {reason}").format(file=file.name, reason=error))
        finally:
            self.busy = False
            self.finished.emit()
