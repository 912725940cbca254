"""Loads the settings at start, opens the Settings dialog and the Model manager from the File
menu, saves what the user chose and applies it: sampling and system prompt at once, the look of
the application, and a model reload in the engine thread when a loading setting changed.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from app.core.audio.capture import InputDevice
from app.core.models.catalog import Catalog, CatalogError, load_catalog
from app.core.engine.options import LoadOptions
from app.core.models.gguf_file import ModelFileError
from app.core.models.memory_estimate import MemoryFitError
from app.core.models.library import ModelLibrary, describe_model, scan_models
from app.core.errors import UserError
from app.core.models.projector_file import find_audio_encoder_beside
from app.core.storage.settings import Settings, SettingsError, SettingsSaveError, default_settings_path, load_settings, save_settings
from app.core.load_plan import LoadPlan, plan_load, sampling_options_from_settings
from app.core.models.system_memory import MemoryStatus, read_memory_status
from app.ui.model_manager.model_manager_dialog import ModelManagerDialog
from app.ui.settings.appearance import apply_appearance
from app.ui.settings.model_picker import model_name
from app.ui.settings.settings_dialog import SettingsDialog, system_input_devices

# Settings the loaded model was made with: changing one means unloading and loading again.
RELOAD_SETTINGS = (
    ("model", "active_model"), ("model", "projector"), ("model", "audio_encoder"), ("generation", "context_size"),
    ("hardware", "gpu_layers"), ("hardware", "main_gpu"), ("hardware", "flash_attention"),
    ("hardware", "kv_cache_type"), ("hardware", "threads"), ("hardware", "use_mmap"), ("hardware", "use_mlock"),
)
PLAN_ERRORS = (UserError, OSError)


def needs_reload(old: Settings, new: Settings) -> bool:
    return any(getattr(getattr(old, s), n) != getattr(getattr(new, s), n) for s, n in RELOAD_SETTINGS)


class SettingsController(QObject):
    settingsApplied = Signal(object)  # Settings, after each change is saved and applied

    def __init__(
        self,
        window,
        settings_path: Path | None = None,
        *,
        read_status: Callable[[int], MemoryStatus] = read_memory_status,
        scan: Callable[[list[Path]], ModelLibrary] = scan_models,
        input_devices: Callable[[], list[InputDevice]] = system_input_devices,
        catalog: Callable[[], Catalog] = load_catalog,
        download_token: str | bool | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path = Path(settings_path) if settings_path is not None else default_settings_path()
        self.read_status = read_status
        self.scan = scan
        self.input_devices = input_devices
        self.load_catalog = catalog
        self.download_token = download_token
        self.dialog: SettingsDialog | None = None
        self.manager: ModelManagerDialog | None = None
        self.last_plan: LoadPlan | None = None
        self.settings, warnings = load_settings(self.path)
        if warnings:
            window.notice.show_message("Settings: " + " ".join(warnings), kind="warning")

        self.settings_action = QAction("Settings…", window)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.model_manager_action = QAction("Model manager…", window)
        self.model_manager_action.triggered.connect(self.open_model_manager)
        self._add_to_file_menu(self.model_manager_action, self.settings_action)
        window.installEventFilter(self)
        self.apply_generation()
        self.apply_appearance()

    def _add_to_file_menu(self, *actions: QAction) -> None:
        menu = self.window.file_menu
        existing = menu.actions()
        quit_index = existing.index(self.window.quit_action) if self.window.quit_action in existing else len(existing)
        anchor = existing[quit_index] if quit_index < len(existing) else None
        if anchor is not None and quit_index > 0 and existing[quit_index - 1].isSeparator():
            anchor = existing[quit_index - 1]
        menu.insertSeparator(anchor)
        for action in actions:
            menu.insertAction(anchor, action)

    # -- the dialogs --------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        loaded = self.window.loaded.options.model_path if self.window.loaded is not None else None
        if self.settings.model.active_model is None and loaded is not None:
            # Nothing chosen yet (the demo, or a model opened by path): the loaded one is the choice,
            # so that OK without a change reloads nothing.
            self.settings = copy.deepcopy(self.settings)
            self.settings.model.active_model = loaded
        dialog = SettingsDialog(self.settings, loaded_model=loaded, read_status=self.read_status, scan=self.scan,
                                input_devices=self.input_devices, parent=self.window)
        dialog.accepted.connect(lambda: self.apply(dialog.edited_settings()))
        dialog.finished.connect(self._settings_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

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
                self.window.notice.show_message(str(error))
                return None
            self.manager = ModelManagerDialog(
                catalog, read_status=self.read_status, extra_folders=self.settings.model.extra_model_folders,
                scan=self.scan, token=self.download_token, parent=self.window,
            )
            self.manager.useModel.connect(self.use_model)
            self.manager.downloadFinished.connect(self.files_arrived)
        self.manager.show()
        self.manager.raise_()
        self.manager.activateWindow()
        return self.manager

    def files_arrived(self, files: list[Path]) -> None:
        """A Gemma 3n audio encoder that lands beside the loaded model is taken at once, so the
        model can hear without the user reloading it."""
        loaded = self.window.loaded
        if loaded is None or loaded.options.audio_encoder_path is not None:
            return
        options = loaded.options
        found = find_audio_encoder_beside(options.model_path, exclude=options.projector_path)
        if found is None or found not in files:
            return
        self.window.load_model(options.with_changes(audio_encoder_path=found), self.label_for(options.model_path))
        self.window.notice.show_message(f"Reloading with the audio encoder {found.name}, so the model can hear.",
                                        kind="info")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Close and self.manager is not None:
            self.manager.pause()  # the partial file stays, so the download resumes next time
        return False

    # -- applying ------------------------------------------------------------------------------
    def apply(self, new: Settings) -> None:
        """Save `new`, then apply it; reload the model when a setting it was loaded with changed."""
        old, self.settings = self.settings, new
        try:
            save_settings(new, self.path)
        except (SettingsError, SettingsSaveError) as error:
            self.window.notice.show_message(str(error))
        self.apply_generation()
        if (old.appearance.theme, old.appearance.font_size) != (new.appearance.theme, new.appearance.font_size):
            self.apply_appearance()
        if needs_reload(old, new):
            self.reload_model()
        self.settingsApplied.emit(new)

    def use_model(self, path: Path) -> None:
        new = copy.deepcopy(self.settings)
        new.model.active_model, new.model.projector, new.model.audio_encoder = Path(path), None, None
        self.apply(new)

    def apply_generation(self) -> None:
        chat = self.window.chat
        # Settings do not hold a logit bias; keep whatever the chat uses.
        chat.sampling = replace(sampling_options_from_settings(self.settings), logit_bias=chat.sampling.logit_bias)
        chat.system_prompt = self.settings.generation.system_prompt

    def apply_appearance(self) -> None:
        app = QApplication.instance()
        if app is not None:
            apply_appearance(app, self.settings.appearance.theme, self.settings.appearance.font_size)

    def reload_model(self) -> bool:
        """Plan the load with the current settings and hand it to the engine thread; False (with a
        message in the window) when nothing is chosen or the model cannot fit."""
        plan = self._plan(self.settings)
        if plan is None:
            return False
        if self.window.chat.generating:
            self.window.chat.stop()
        self.window.load_model(plan.options, self.label_for(plan.options.model_path))
        return True

    def initial_load_options(self, model: Path | None = None, projector: Path | None = None,
                             label: str = "") -> tuple[LoadOptions, str] | None:
        """What to load at start with the saved hardware and context settings: `model` when given
        (the command line), else the saved active model. None when there is neither, or when it
        cannot be loaded (the reason is then shown in the window)."""
        settings = copy.deepcopy(self.settings)
        if model is not None:
            if Path(model) != settings.model.active_model:
                settings.model.audio_encoder = None  # another model's choice: look beside this one
            settings.model.active_model, settings.model.projector = Path(model), projector
        path = settings.model.active_model
        if path is None:
            return None
        if not path.exists():
            self.window.notice.show_message(
                f"The saved model {path} is no longer there. Choose another in File ▸ Settings… ▸ Model.",
                kind="warning")
            return None
        plan = self._plan(settings)
        return (plan.options, label or self.label_for(path)) if plan is not None else None

    def _plan(self, settings: Settings) -> LoadPlan | None:
        if settings.model.active_model is None:
            return None
        try:
            self.last_plan = plan_load(settings, read_status=self.read_status)
        except MemoryFitError as error:
            self.window.notice.show_message(f"{settings.model.active_model.name} was not loaded. {error}")
            return None
        except PLAN_ERRORS as error:
            self.window.notice.show_message(f"The model could not be loaded. {error}")
            return None
        return self.last_plan

    @staticmethod
    def label_for(path: Path) -> str:
        try:
            return model_name(describe_model(path))
        except (ModelFileError, OSError):
            return Path(path).name
