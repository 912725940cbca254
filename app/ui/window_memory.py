"""What a restart gives back of the window itself: its geometry, which panels were open, and the
message typed but not sent. Kept on close, read once when the window is built."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from app.core.storage.draft import read_draft, save_draft

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

WINDOW_STATE_FILE_NAME = "window-state.ini"  # beside settings.json


def _window_state(window: MainWindow) -> QSettings:
    return QSettings(str(Path(window.settings.path).with_name(WINDOW_STATE_FILE_NAME)), QSettings.IniFormat)


def _draft_folder(window: MainWindow) -> Path:
    return window.store.database_path.parent


def restore_window(window: MainWindow) -> None:
    state = _window_state(window)
    geometry, layout = state.value("geometry"), state.value("state")
    if geometry is not None:
        window.restoreGeometry(geometry)
    if layout is not None:
        window.restoreState(layout)
    draft = read_draft(_draft_folder(window))
    if draft:
        window.composer.editor.setPlainText(draft)


def remember_window(window: MainWindow) -> None:
    """Best effort on the way out: a folder that refuses these files is logged, not asked about."""
    state = _window_state(window)
    state.setValue("geometry", window.saveGeometry())
    state.setValue("state", window.saveState())
    state.sync()
    if state.status() != QSettings.NoError:
        log.warning("could not keep the window's size and panels in %s", state.fileName())


def keep_unsent_message(window: MainWindow) -> bool:
    """Keep the message typed but not sent for the next start. When the disk refuses it, ask:
    True to go on quitting, False to stay (the text is still in the box)."""
    try:
        save_draft(_draft_folder(window), window.composer.editor.toPlainText())
        return True
    except OSError as error:
        log.warning("could not keep the unsent message: %s", error.strerror or error)
        choice = QMessageBox.question(
            window, QCoreApplication.translate("WindowMemory", "Unsent message"),
            QCoreApplication.translate(
                "WindowMemory",
                "Your unsent message could not be kept for the next start ({reason}). Quit anyway and lose it, "
                "or stay and copy it somewhere?").format(reason=error.strerror or error),
            QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
        return choice == QMessageBox.Discard
