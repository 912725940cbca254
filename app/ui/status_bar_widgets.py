"""Status-bar pieces that keep their text whole: an elided label and a one-line load progress."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """One line of text cut with "…" to the space it has (never mid-character); the full text is
    the tooltip and what text() returns. Used for the model path in the status bar."""

    def __init__(self, text: str = "", elide: Qt.TextElideMode = Qt.ElideMiddle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elide = elide
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)

    def displayed_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), self._elide, max(0, self.contentsRect().width()))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()) + 8, super().sizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.drawText(self.contentsRect(), int(Qt.AlignLeft | Qt.AlignVCenter | Qt.TextSingleLine), self.displayed_text())


class LoadProgress(QProgressBar):
    """"Loading model 95%" on one line at any font size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100)
        self.setFormat(self.tr("Loading model %p%"))
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self.format().replace("%p", "100")) + 4 * self.fontMetrics().averageCharWidth()
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
