"""Images waiting in the composer: thumbnails with a remove button, prepared off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.core.chat.images import PASTED_IMAGE_NAME, ImageError, PreparedImage, prepare_image
from app.ui.common.background import run_in_background
from app.ui.common.i18n import error_text


class AttachmentTray(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachment-tray")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)
        self._items: list[tuple[PreparedImage, QWidget]] = []
        self.hide()

    def images(self) -> list[PreparedImage]:
        return [image for image, _ in self._items]

    def add(self, image: PreparedImage) -> bool:
        """Show `image` in the tray; False when the same picture is already there."""
        if any(existing.sha256 == image.sha256 for existing in self.images()):
            return False
        tile = QWidget()
        tile.setObjectName("attachment-tile")
        thumbnail = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(image.original)
        thumbnail.setPixmap(pixmap.scaled(72, 72, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        thumbnail.setToolTip(f"{image.name} · {image.width}×{image.height}")
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove {name}").format(name=image.name))
        remove.clicked.connect(lambda: self.remove(image.sha256))
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(thumbnail)
        layout.addWidget(remove, 0, Qt.AlignHCenter)
        self.row.insertWidget(self.row.count() - 1, tile)
        self._items.append((image, tile))
        self.show()
        self.changed.emit()
        return True

    def remove(self, sha256: str) -> None:
        for index, (image, tile) in enumerate(self._items):
            if image.sha256 == sha256:
                del self._items[index]
                tile.deleteLater()
                break
        self.setVisible(bool(self._items))
        self.changed.emit()

    def take_all(self) -> list[PreparedImage]:
        images = self.images()
        for _, tile in self._items:
            tile.deleteLater()
        self._items.clear()
        self.hide()
        self.changed.emit()
        return images


class ImageLoader(QObject):
    """Decodes and checks images on Qt's thread pool; results come back as signals."""

    prepared = Signal(object)  # PreparedImage
    failed = Signal(str)
    finishedOne = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()

    def load_file(self, path: Path) -> None:
        run_in_background(lambda: self._prepare(Path(path), Path(path).name), self.pool)

    def load_bytes(self, content: bytes, name: str = PASTED_IMAGE_NAME) -> None:
        run_in_background(lambda: self._prepare(content, name), self.pool)

    def _prepare(self, source: Path | bytes, name: str | None) -> None:
        """On the pool: decode and check one image, then say how it went."""
        try:
            image = prepare_image(source, name=name)
        except ImageError as error:
            self.failed.emit(error_text(error))
        except OSError as error:
            self.failed.emit(f"{name or source}: {error.strerror or error}")
        else:
            self.prepared.emit(image)
        finally:
            self.finishedOne.emit()


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files in a drop or paste, in the order they were given."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def pasted_image(mime: QMimeData) -> bytes | None:
    """A copied picture (not a file) as PNG bytes, if the clipboard or drop carries one."""
    if not mime.hasImage():
        return None
    image = QImage(mime.imageData())
    return None if image.isNull() else png_bytes(image)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def mime_has_images(mime: QMimeData) -> bool:
    return mime.hasImage() or any(url.isLocalFile() for url in mime.urls())
