"""The one owner of the user's settings while the app runs: reads the file at start, saves every
change, and tells its subscribers. Nobody pushes settings into anybody: whoever needs one connects
to `changed` (or reads `current`)."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.engine.options import SamplingOptions
from app.core.load_plan import sampling_options_from_settings
from app.core.storage.settings import (
    Settings,
    SettingsSaveError,
    default_settings_path,
    load_settings,
    save_settings,
)
from app.core.storage.settings_rules import SettingsError
from app.ui.common.i18n import error_text


class SettingsModel(QObject):
    changed = Signal(object, object)  # old Settings, new Settings (after saving)
    saveFailed = Signal(str)  # the sentence saying why the file could not be written

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path) if path is not None else default_settings_path()
        self._settings, self.warnings = load_settings(self.path)

    @property
    def current(self) -> Settings:
        """A copy: change it and hand it to `update`, never edit the one in use."""
        return copy.deepcopy(self._settings)

    @property
    def sampling(self) -> SamplingOptions:
        return sampling_options_from_settings(self._settings)

    @property
    def system_prompt(self) -> str:
        return self._settings.generation.system_prompt

    def update(self, new: Settings) -> None:
        """Make `new` the settings in use: save it, then tell the subscribers (also when saving
        failed: the choice holds for this session and `saveFailed` says why it will not last)."""
        old, self._settings = self._settings, copy.deepcopy(new)
        try:
            save_settings(self._settings, self.path)
        except (SettingsError, SettingsSaveError) as error:
            self.saveFailed.emit(error_text(error))
        self.changed.emit(old, self.current)
