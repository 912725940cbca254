"""Help ▸ Keyboard shortcuts (read from the window's own actions) and Help ▸ About."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.i18n import QT_TRANSLATE_NOOP


_PLACES = {"conversation-list": QT_TRANSLATE_NOOP("ShortcutSheet", "in the chat list")}  # where a widget-only shortcut works


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, keys) for every action in the window that has a shortcut, by name."""
    rows: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        keys = action.shortcuts()  # the first is the one menus show; the others work as well
        if not keys or not action.text():
            continue
        name = action.text().replace("&", "").rstrip("…").strip()
        if action.shortcutContext() == Qt.WidgetShortcut and action.parent() is not None:
            place = _PLACES.get(action.parent().objectName())
            name = f"{name} ({QCoreApplication.translate('ShortcutSheet', place)})" if place else name
        rows.append((name, ", ".join(key.toString(QKeySequence.NativeText) for key in keys)))
    return sorted(rows, key=lambda row: row[0].lower())


class ShortcutSheet(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window) + [
            (self.tr("Send the message"), QKeySequence("Enter").toString(QKeySequence.NativeText)),
            (self.tr("New line in the message"), QKeySequence("Shift+Enter").toString(QKeySequence.NativeText)),
            (self.tr("Push-to-talk (while Dictation is open)"), self.tr("hold {key}").format(key="F8")),
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.NoSelection)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        table_height = self.table.horizontalHeader().height() + self.table.verticalHeader().length() + 4
        self.table.setMinimumHeight(min(table_height, self.screen().availableGeometry().height() * 2 // 3))
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.sizeHint().height())


def show_about(window: QWidget) -> None:
    QMessageBox.about(
        window,
        QCoreApplication.translate("About", "About Gemma Desk"),
        f"<h3>Gemma Desk {__version__}</h3><p>"
        + QCoreApplication.translate(
            "About",
            "An offline desktop assistant for Google's Gemma models: chat, images and dictation, "
            "all on this computer through llama.cpp.",
        )
        + f"</p><p>PySide6 {pyside_version} · "
        + QCoreApplication.translate(
            "About", "Gemma is a family of open models by Google; their use is governed by the Gemma terms."
        )
        + "</p>",
    )
