"""Opens the Settings dialog and the Model manager, and hands what the user chose to the settings
model. It needs three things, not the window: the settings, the model loader and the notice bar.
Reloading after a loading setting changed is the loader's business (it subscribes to the settings).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.core.audio.capture import InputDevice
from app.core.models.catalog import Catalog, CatalogError, load_catalog
from app.core.models.library import ModelLibrary, scan_models
from app.core.models.system_memory import MemoryStatus, read_memory_status
from app.core.storage.settings import Settings
from app.ui.common.i18n import error_text, source_text
from app.ui.engine.model_loader import ModelLoader
from app.ui.common.notice_bar import NoticeBar
from app.ui.model_manager.model_manager_dialog import ModelManagerDialog
from app.ui.settings.appearance import apply_appearance
from app.ui.settings.settings_dialog import SettingsDialog, system_input_devices
from app.ui.settings.settings_model import SettingsModel

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

# The notice about the settings file (unreadable values at start, a failed save).
SETTINGS_NOTICE = "settings-file"


class SettingsController(QObject):
    def __init__(
        self,
        settings: SettingsModel,
        loader: ModelLoader,
        notice: NoticeBar,
        parent: QWidget,
        *,
        read_status: Callable[[int], MemoryStatus] = read_memory_status,
        scan: Callable[[list[Path]], ModelLibrary] = scan_models,
        input_devices: Callable[[], list[InputDevice]] = system_input_devices,
        catalog: Callable[[], Catalog] = load_catalog,
        download_token: str | bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.loader, self.notice, self.parent_widget = settings, loader, notice, parent
        self.read_status = read_status
        self.scan = scan
        self.input_devices = input_devices
        self.load_catalog = catalog
        self.download_token = download_token
        self.dialog: SettingsDialog | None = None
        self.manager: ModelManagerDialog | None = None
        if settings.warnings:
            notice.show_message(
                self.tr("Settings: {warnings}").format(warnings=" ".join(error_text(w) for w in settings.warnings)),
                kind="warning", key=SETTINGS_NOTICE,
            )
        settings.saveFailed.connect(self._save_failed)
        settings.changed.connect(self._settings_changed)
        self.apply_appearance(settings.current)

    # -- the dialogs --------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        loaded = self.loader.loaded.options.model_path if self.loader.loaded and not self.loader.on_server else None
        shown = self.settings.current
        if shown.model.active_model is None and loaded is not None:
            # Nothing saved yet (the demo, a model from the command line): show the loaded one as
            # the choice; the loader knows it is loaded, so OK without a change reloads nothing.
            shown.model.active_model = loaded
        dialog = SettingsDialog(shown, loaded_model=loaded, read_status=self.read_status, scan=self.scan,
                                input_devices=self.input_devices, server_key=self.loader.server_key,
                                parent=self.parent_widget)
        if self.loader.on_server:
            dialog.model_tab.loaded_label.setText(source_text(self.loader.loaded))  # no file here to name
        dialog.accepted.connect(lambda: self._apply(dialog))
        dialog.picker.importer.imported.connect(lambda _result: self.refresh_model_manager())
        dialog.finished.connect(self._settings_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _apply(self, dialog: SettingsDialog) -> None:
        self.loader.server_key = dialog.server.api_key()  # memory only, before the reload that uses it
        self.settings.update(dialog.edited_settings())
        self.loader.reload_for_new_key()

    def _settings_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def open_model_manager(self) -> ModelManagerDialog | None:
        # Modeless and kept: closing it leaves a download running; closing the window pauses it.
        if self.manager is None:
            try:
                catalog = self.load_catalog()
            except CatalogError as error:
                self.notice.show_message(error_text(error))
                return None
            self.manager = ModelManagerDialog(
                catalog, read_status=self.read_status, extra_folders=self.settings.current.model.extra_model_folders,
                scan=self.scan, token=self.download_token, parent=self.parent_widget,
            )
            self.manager.useModel.connect(self.loader.open_model)
            self.manager.downloadFinished.connect(self.loader.take_audio_encoder)
        else:
            self.refresh_model_manager()  # files may have come or gone while it was hidden
        self.manager.show()
        self.manager.raise_()
        self.manager.activateWindow()
        return self.manager

    def refresh_model_manager(self) -> None:
        """The installed models changed (an import, a folder added): the Model manager lists them now."""
        if self.manager is not None:
            self.manager.extra_folders = list(self.settings.current.model.extra_model_folders)
            self.manager.refresh_installed()

    def pause_downloads(self) -> None:
        if self.manager is not None:
            self.manager.pause()  # the partial file stays, so the download resumes next time

    # -- following the settings ---------------------------------------------------------------
    def _save_failed(self, message: str) -> None:
        self.notice.show_message(message, key=SETTINGS_NOTICE)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        if (old.appearance.theme, old.appearance.font_size) != (new.appearance.theme, new.appearance.font_size):
            self.apply_appearance(new)
        if old.model.extra_model_folders != new.model.extra_model_folders:
            self.refresh_model_manager()

    @staticmethod
    def apply_appearance(settings: Settings) -> None:
        app = QApplication.instance()
        if app is not None:
            apply_appearance(app, settings.appearance.theme, settings.appearance.font_size)


def attach_settings(window: MainWindow, **injected) -> SettingsController:
    """The Settings dialog and the Model manager for `window`: its File ▸ Settings… and Model
    manager… open them, and closing the window pauses a running download."""
    controller = SettingsController(window.settings, window.loader, window.notice, window, **injected)
    window.settings_action.triggered.connect(controller.open_settings)
    window.model_manager_action.triggered.connect(controller.open_model_manager)
    window.closing.connect(controller.pause_downloads)
    return controller
