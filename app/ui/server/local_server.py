"""Server ▸ Local server…: the window's engine behind an OpenAI-compatible API on this computer.

One engine: the server's requests queue on the window's engine thread (WindowEnginePort); the
status bar shows the address and how many server requests are waiting or running."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.storage.settings import LocalServerSettings
from app.ui.common.i18n import error_text
from app.ui.engine.engine_worker import LoadedModel
from app.ui.server.window_engine_port import WindowEnginePort

if TYPE_CHECKING:
    from app.core.server.http_server import HttpServer

NOTICE_KEY = "local-server"

# The server's own modules (Starlette, uvicorn) are imported when it is first opened or started:
# they cost a fifth of a second on two cores, and the window's first frame needs none of them.


class LocalServerDialog(QDialog):
    def __init__(self, running_url: str | None, chosen: LocalServerSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Local server"))
        explanation = QLabel(self.tr(
            "Serve the loaded model to other programs on this computer through an OpenAI-compatible "
            "API. Requests queue behind the window's own answers. Another address than 127.0.0.1 "
            "needs an API key."))
        explanation.setWordWrap(True)
        self.host_edit = QLineEdit(chosen.host)
        self.port_spin = QSpinBox()
        self.port_spin.setRange(0, 65535)
        self.port_spin.setValue(chosen.port)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.Password)
        self.key_edit.setPlaceholderText(self.tr("none (this computer only)"))
        self.start_on_launch = QCheckBox(self.tr("Start the server when Gemma Desk starts"))
        self.start_on_launch.setChecked(chosen.start_on_launch)
        self.start_on_launch.setToolTip(self.tr(
            "The API key is not saved: a server on another address than 127.0.0.1 is started here, "
            "with its key."))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.host_edit)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("API key:"), self.key_edit)
        form.addRow(self.start_on_launch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.start_button = self.buttons.addButton(
            self.tr("Stop") if running_url else self.tr("Start"), QDialogButtonBox.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.host_edit, self.port_spin, self.key_edit):
            field.setEnabled(running_url is None)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        if running_url:
            layout.addWidget(QLabel(self.tr("Serving at {url}").format(url=running_url)))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


class LocalServer(QObject):
    """Starts and stops the window's server; owns the HTTP server and the engine port."""

    def __init__(self, window, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.port = WindowEnginePort(window.host, self)
        self.http: HttpServer | None = None
        self.status_label = QLabel()
        self.status_label.setContentsMargins(12, 0, 4, 0)
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        menu = QMenu(self.tr("&Server"), window)
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
        self.menu = menu
        self.action = menu.addAction(self.tr("Local server…"))
        self.action.triggered.connect(self.open_dialog)
        self.port.busyChanged.connect(self._show_status)
        window.modelReady.connect(self._model_ready)
        window.closing.connect(self.stop)
        if window.loaded is not None:
            self._model_ready(window.loaded)
        chosen = window.settings.current.local_server
        if chosen.start_on_launch:
            self._start_on_launch(chosen)

    @property
    def url(self) -> str | None:
        return f"{self.http.url}/v1" if self.http is not None else None

    def start(self, host: str, port: int, api_key: str | None) -> str | None:
        """Serve; None when it runs, else a sentence saying why it cannot."""
        from app.core.server.application import create_app
        from app.core.server.http_server import HttpServer
        from app.core.server.security import DEFAULT_HOST, ServerSettings

        try:
            settings = ServerSettings.create(host.strip() or DEFAULT_HOST, port, api_key or None)
            self.http = HttpServer(create_app(self.port, settings), settings, log_level="warning")
        except UserError as error:
            return error_text(error)
        self.http.start_in_thread()
        self.window.notice.notices.clear(NOTICE_KEY)
        self._show_status(self.port.busy)
        return None

    def stop(self) -> None:
        if self.http is not None:
            self.http.stop()
            self.http = None
        self._show_status(0)

    def open_dialog(self) -> None:
        settings = self.window.settings.current
        chosen = settings.local_server
        dialog = LocalServerDialog(self.url, chosen, self.window)
        while dialog.exec() == QDialog.Accepted:
            if self.http is not None:
                self.stop()
                break
            problem = self.start(dialog.host_edit.text(), dialog.port_spin.value(), dialog.key_edit.text())
            if problem is None:
                # Kept once it served: an address that was refused would only be refused again.
                chosen.host, chosen.port = self.http.settings.host, self.http.settings.port
                break
            dialog.show_problem(problem)
        chosen.start_on_launch = dialog.start_on_launch.isChecked()
        if chosen != self.window.settings.current.local_server:
            self.window.settings.update(settings)

    def _start_on_launch(self, chosen: LocalServerSettings) -> None:
        problem = self.start(chosen.host, chosen.port, None)
        if problem is not None:
            self.window.notice.notices.show_message(
                self.tr("The local server did not start: {problem}").format(problem=problem), key=NOTICE_KEY)

    def _model_ready(self, loaded: LoadedModel) -> None:
        self.port.set_loaded(loaded)

    def _show_status(self, busy: int) -> None:
        if self.http is None:
            self.status_label.hide()
            return
        text = self.tr("Serving at {url}").format(url=self.url)
        if busy:
            text += self.tr(" · %n request(s) running", "", busy)
        self.status_label.setText(text)
        self.status_label.show()
