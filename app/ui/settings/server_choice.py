"""Settings ▸ Model ▸ Run on ▸ A server: the server's address, its API key and the model to ask for.

"Check" asks the server for its models off the GUI thread and says in one sentence why it could
not. The API key lives in memory only: the dialog hands it to the model loader, never to the
settings file."""

from __future__ import annotations

import logging
from typing import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.core.remote.server_address import RemoteError, RemoteServer, normalize_base_url
from app.core.remote.server_client import RouteMissing, ServerRefused
from app.core.remote.server_model import list_server_models
from app.core.storage.settings import ModelSettings
from app.ui.common.background import run_in_background
from app.ui.common.i18n import error_text
from app.ui.settings.appearance import message_style

log = logging.getLogger(__name__)


class ServerRow(QWidget):
    """The server's fields (layout only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("server-url")
        self.url_edit.setPlaceholderText("http://192.168.1.20:8080")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("server-key")
        self.key_edit.setEchoMode(QLineEdit.Password)
        self.key_edit.setPlaceholderText(self.tr("None"))
        self.key_edit.setToolTip(self.tr("Kept only until Gemma Desk closes; never saved"))
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Ask the server which models it offers"))
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("server-model")
        self.status_label = QLabel()
        self.status_label.setObjectName("server-status")
        self.status_label.setWordWrap(True)
        models = QHBoxLayout()
        models.addWidget(self.model_combo, 1)
        models.addWidget(self.check_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Server address:"), self.url_edit)
        form.addRow(self.tr("API key:"), self.key_edit)
        form.addRow(self.tr("Model:"), models)
        form.addRow("", self.status_label)


class ServerChoice(QObject):
    """Wires the Run on combo and the server's fields of a ModelTab; the dialog reads the choice here."""

    changed = Signal()
    checkFinished = Signal(object)  # the model ids, or the sentence saying why there are none
    _listed = Signal(object, object)  # (server, ids or sentence), from the background job

    def __init__(self, tab, saved: ModelSettings, *, api_key: str | None = None,
                 local_only: Iterable[QWidget] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab, self.row = tab, tab.server_row
        self.local_only = [tab.this_computer, *local_only]
        self._asked: RemoteServer | None = None  # the server the running Check asks
        row = self.row
        row.url_edit.setText(saved.server_url)
        row.key_edit.setText(api_key or "")
        self._fill_models([], chosen=saved.server_model)
        tab.run_on_combo.setCurrentIndex(max(0, tab.run_on_combo.findData(saved.run_on)))
        tab.run_on_combo.currentIndexChanged.connect(self._run_on_changed)
        row.url_edit.textChanged.connect(self.changed)
        row.model_combo.currentIndexChanged.connect(self.changed)
        row.check_button.clicked.connect(self.check)
        self._listed.connect(self._show_listed)
        self._run_on_changed()

    # -- what the dialog reads --------------------------------------------------------------
    def run_on(self) -> str:
        return self.tab.run_on_combo.currentData()

    def server_url(self) -> str:
        return self.row.url_edit.text().strip()

    def server_model(self) -> str:
        return self.row.model_combo.currentData() or ""

    def api_key(self) -> str | None:
        return self.row.key_edit.text().strip() or None

    def problem(self) -> str:
        """Why OK cannot apply this choice ("" when it can)."""
        if self.run_on() != "server":
            return ""
        try:
            normalize_base_url(self.server_url())
        except RemoteError as error:
            return self.tr("Model ▸ {problem}").format(problem=error_text(error))
        return ""

    # -- Check --------------------------------------------------------------------------------
    def check(self) -> None:
        try:
            server = RemoteServer.from_user(self.server_url(), None, self.api_key())
        except RemoteError as error:
            self._say(error_text(error), error=True)
            self.checkFinished.emit(error_text(error))
            return
        self._asked = server
        self.row.check_button.setEnabled(False)
        self._say(self.tr("Checking {url}…").format(url=server.shown_url))
        listed = self._listed

        def ask() -> None:
            try:
                found: object = list_server_models(server)
            except RouteMissing:
                found = self.tr("{url} answered, but it is not an OpenAI-compatible server (it has no "
                                "/v1/models).").format(url=server.shown_url)
            except ServerRefused as error:
                found = self._refusal(error, server)
            except RemoteError as error:
                found = error_text(error)
            except Exception as error:  # noqa: BLE001 - a bug must not leave "Checking…" forever
                log.exception("checking the server failed")
                found = self.tr("Checking the server failed ({kind}); it was logged.").format(
                    kind=error.__class__.__name__)
            try:
                listed.emit(server, found)
            except RuntimeError:  # the dialog closed while the server was asked
                pass

        run_in_background(ask)

    def _refusal(self, error: ServerRefused, server: RemoteServer) -> str:
        if error.status in (401, 403):
            if server.api_key:
                return self.tr("The server at {url} refused this API key (HTTP {status}): check the key.").format(
                    url=server.shown_url, status=error.status)
            return self.tr("The server at {url} wants an API key (HTTP {status}): enter it above.").format(
                url=server.shown_url, status=error.status)
        return error_text(error)

    def _show_listed(self, server: RemoteServer, found: object) -> None:
        if server != self._asked:
            return  # an older Check's answer
        self._asked = None
        self.row.check_button.setEnabled(True)
        if isinstance(found, list):
            if found:
                self._fill_models(found, chosen=self.server_model())
                self._say(self.tr("{url} offers %n model(s).", "", len(found)).format(url=server.shown_url))
            else:
                self._say(self.tr("The server at {url} lists no models.").format(url=server.shown_url), error=True)
        else:
            self._say(str(found), error=True)
        self.checkFinished.emit(found)

    # -- showing ------------------------------------------------------------------------------
    def _fill_models(self, ids: list[str], chosen: str) -> None:
        combo = self.row.model_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("The first model the server lists"), "")
        for model_id in ids:
            combo.addItem(model_id, model_id)
        if chosen and combo.findData(chosen) < 0:
            combo.addItem(chosen, chosen)  # the saved choice, until a Check says otherwise
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        if not chosen and ids:
            combo.setCurrentIndex(1)
        combo.blockSignals(False)
        self.changed.emit()

    def _run_on_changed(self, *_: object) -> None:
        on_server = self.run_on() == "server"
        self.row.setVisible(on_server)
        reason = self.tr("Answers come from a server: these settings apply only to a model on this computer.")
        for widget in self.local_only:
            widget.setEnabled(not on_server)
            widget.setToolTip(reason if on_server else "")
        self.changed.emit()

    def _say(self, text: str, error: bool = False) -> None:
        self.row.status_label.setStyleSheet(message_style("error") if error else "")
        self.row.status_label.setText(text)
