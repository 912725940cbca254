"""The main toolbar: the actions people look for first, each with an icon and its shortcut named.

The toolbar holds the same QAction objects as the menus (one action, one owner of its enabled
state and shortcut); it only adds icons and tooltips. Icons are Qt's standard pixmaps from the
current style, so they follow the style's light or dark rendering without bundled files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

TOOLBAR_OBJECT_NAME = "main-toolbar"


def icon_for(window: QMainWindow, pixmap: QStyle.StandardPixmap):
    return window.style().standardIcon(pixmap, None, window)


def tooltip_with_shortcut(text: str, action: QAction) -> str:
    shortcut = action.shortcut().toString(QKeySequence.NativeText)
    return f"{text} ({shortcut})" if shortcut else text


def add_main_toolbar(window: QMainWindow, entries: list[tuple[QAction, QStyle.StandardPixmap, str]]) -> QToolBar:
    """`entries`: (action, icon, what it does) in toolbar order."""
    toolbar = QToolBar(QCoreApplication.translate("MainToolbar", "Main toolbar"), window)
    toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    for action, pixmap, description in entries:
        action.setIcon(icon_for(window, pixmap))
        action.setToolTip(tooltip_with_shortcut(description, action))
        toolbar.addAction(action)
    window.addToolBar(toolbar)
    return toolbar
