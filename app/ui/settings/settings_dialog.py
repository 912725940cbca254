"""The Settings dialog: five tabs over one copy of the settings, checked as they are edited.

Every value goes through the schema's `validate_value`; a value it refuses is named under the
tabs and OK stays disabled until it is fixed. The Hardware tab shows, next to each GPU-layer
choice, what the chosen model would need with the context size and KV type set here.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.audio.capture import CaptureError, InputDevice
from app.core.models.gguf_file import ModelFileError
from app.core.models.memory_estimate import ModelMemoryFacts, estimate_memory, read_memory_facts
from app.core.models.library import ModelLibrary, scan_models
from app.core.models.projector_file import projector_for
from app.core.storage.settings import Settings
from app.core.storage.settings_rules import SettingsError, validate_value
from app.core.models.system_memory import MemoryStatus, read_memory_status
from app.core.models.gpu_layers import BACKEND_CONTEXT, backend_description, estimate_gpu_choices
from app.ui.common.i18n import error_text
from app.ui.settings.hardware_tab import HardwareTab
from app.ui.settings.model_picker import ModelPicker
from app.ui.settings.model_tab import ModelTab
from app.ui.settings.server_choice import ServerChoice
from app.ui.settings.preference_tabs import AppearanceTab, GenerationTab, SpeechTab
from app.ui.settings.settings_fields import SettingField, setting_fields
from app.ui.settings.appearance import message_style

log = logging.getLogger(__name__)


def system_input_devices() -> list[InputDevice]:
    from app.core.audio.capture import MicrophoneRecorder

    return MicrophoneRecorder().input_devices()


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        *,
        loaded_model: Path | None = None,
        read_status: Callable[[int], MemoryStatus] = read_memory_status,
        scan: Callable[[list[Path]], ModelLibrary] = scan_models,
        input_devices: Callable[[], list[InputDevice]] = system_input_devices,
        models_folder: Path | None = None,
        system_info: str | None = None,
        server_key: str | None = None,  # the server's API key typed this session (never saved)
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(760, 600)
        self._original = copy.deepcopy(settings)
        self._read_status = read_status
        self._status_gpu: int | None = None
        self.status: MemoryStatus | None = None
        self._facts: dict[Path, ModelMemoryFacts] = {}
        self.problems: list[str] = []

        self.model_tab = ModelTab()
        self.hardware_tab = HardwareTab()
        self.generation_tab = GenerationTab()
        self.speech_tab = SpeechTab()
        self.appearance_tab = AppearanceTab()
        self.tabs = QTabWidget()
        self.tab_titles = {"Model": self.tr("Model"), "Hardware": self.tr("Hardware"),
                           "Generation": self.tr("Generation"), "Speech": self.tr("Speech"),
                           "Appearance": self.tr("Appearance")}  # SettingField.tab → shown title
        for tab, title in ((self.model_tab, self.tab_titles["Model"]), (self.hardware_tab, self.tab_titles["Hardware"]),
                           (self.generation_tab, self.tab_titles["Generation"]), (self.speech_tab, self.tab_titles["Speech"]),
                           (self.appearance_tab, self.tab_titles["Appearance"])):
            self.tabs.addTab(tab, title)
        self.message = QLabel()
        self.message.setObjectName("settings-problems")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        gpu_offload = self._memory_status(settings.hardware.main_gpu).gpu_offload
        self.hardware_tab.backend_label.setText(backend_description(
            gpu_offload, system_info, translate=lambda text: QCoreApplication.translate(BACKEND_CONTEXT, text)))
        self.hardware_tab.main_gpu_spin.setEnabled(gpu_offload)
        self._fill_input_devices(input_devices)
        self.fields = setting_fields(self.hardware_tab, self.generation_tab, self.speech_tab, self.appearance_tab)
        self._write_fields(self._original)
        self.picker = ModelPicker(
            self.model_tab, active_model=settings.model.active_model, projector=settings.model.projector,
            audio_encoder=settings.model.audio_encoder,
            extra_folders=settings.model.extra_model_folders, loaded_model=loaded_model, scan=scan,
            models_folder=models_folder, parent=self,
        )
        for field in self.fields:
            for signal in field.changed:
                signal.connect(self._edited)
        self.picker.changed.connect(self._edited)
        self.server = ServerChoice(self.model_tab, settings.model, api_key=server_key,
                                   local_only=[self.hardware_tab], parent=self)
        self.server.changed.connect(self._edited)
        self.generation_tab.reset_button.clicked.connect(self.reset_to_gemma_defaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._edited()

    # -- values in and out -------------------------------------------------------------------
    def _write_fields(self, settings: Settings, only: str | None = None) -> None:
        for field in self.fields:
            if only is None or field.section == only:
                field.write(getattr(getattr(settings, field.section), field.name))

    def edited_settings(self) -> Settings:
        """A copy of the settings with the dialog's values; SettingsError while any is invalid."""
        edited = copy.deepcopy(self._original)
        for field in self.fields:
            setattr(getattr(edited, field.section), field.name, validate_value(field.section, field.name, field.read()))
        edited.model.active_model = self.picker.active_model()
        edited.model.projector = self.picker.projector()
        edited.model.audio_encoder = self.picker.audio_encoder()
        edited.model.extra_model_folders = list(self.picker.extra_folders)
        edited.model.run_on = self.server.run_on()
        edited.model.server_url = self.server.server_url()
        edited.model.server_model = self.server.server_model()
        return edited

    def reset_to_gemma_defaults(self) -> None:
        draft = copy.deepcopy(self._original)
        for field in self.fields:
            if field.section == "generation":
                try:
                    setattr(draft.generation, field.name, validate_value(field.section, field.name, field.read()))
                except SettingsError:
                    pass
        draft.generation.reset_to_gemma_defaults()
        self._write_fields(draft, only="generation")

    def _fill_input_devices(self, input_devices: Callable[[], list[InputDevice]]) -> None:
        combo, note = self.speech_tab.input_device_combo, self.speech_tab.input_device_note
        combo.addItem(self.tr("System default microphone"), None)
        try:
            devices = input_devices()
        except (CaptureError, OSError, ImportError) as error:
            note.setText(self.tr("The microphones could not be listed: {error}").format(error=error_text(error)))
            note.show()
            return
        for device in devices:
            combo.addItem(device.name + (self.tr("  (system default)") if device.is_default else ""), device.name)
        if not devices:
            note.setText(self.tr("No microphone is connected."))
            note.show()

    # -- checking -----------------------------------------------------------------------------
    def _edited(self, *_: object) -> None:
        self.problems = [self._problem(field) for field in self.fields]
        self.problems = [problem for problem in [*self.problems, self.server.problem()] if problem]
        self.ok_button.setEnabled(not self.problems)
        warning = self._update_estimates()
        if self.problems:
            self._show_message("\n".join(self.problems), message_style("error"))
        elif warning:
            self._show_message(warning, message_style("warning"))
        else:
            self.message.hide()

    def _problem(self, field: SettingField) -> str:
        try:
            validate_value(field.section, field.name, field.read())
        except SettingsError as error:
            title = self.tab_titles.get(field.tab, field.tab)
            return self.tr("{tab} ▸ {problem}.").format(tab=title, problem=error_text(error).replace(field.key, field.label, 1))
        return ""

    def _show_message(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.show()

    def accept(self) -> None:
        if not self.problems:
            super().accept()

    # -- memory estimates ---------------------------------------------------------------------
    def _memory_status(self, main_gpu: int) -> MemoryStatus:
        if self.status is None or self._status_gpu != main_gpu:
            self.status, self._status_gpu = self._read_status(main_gpu), main_gpu
        return self.status

    def _update_estimates(self) -> str:
        """Refresh the text beside each GPU-layer choice; returns a warning when the choice does not fit."""
        tab = self.hardware_tab
        status = self._memory_status(tab.main_gpu_spin.value())
        tab.memory_label.setText(self.tr("Free now: {memory}").format(
            memory=status.describe(translate=lambda text: QCoreApplication.translate("MemoryStatus", text))))
        model = self.picker.active_model()
        for label in tab.gpu_estimates.values():
            label.setText("")
        if model is None:
            tab.gpu_reason.setText(self.tr("Choose a model on the Model tab to see what it needs."))
            return ""
        try:
            estimate = estimate_memory(
                model, n_ctx=self.generation_tab.context_size_spin.value(),
                kv_cache_type=tab.kv_cache_combo.currentData(), flash_attention=tab.flash_attention_combo.currentData(),
                projector_path=projector_for(model, self.picker.projector()), facts=self._facts_for(model),
            )
        except (ModelFileError, OSError, ValueError, TypeError, KeyError) as error:
            # An odd file must not break the dialog: say so where the estimate would be.
            tab.gpu_reason.setText(self.tr("No estimate: {error}").format(error=error_text(error)))
            return ""
        choices = estimate_gpu_choices(
            estimate, status, tab.gpu_layers_spin.value(),
            translate=lambda text: QCoreApplication.translate("GpuLayers", text), explain=error_text)
        for choice, found in choices.items():
            label = tab.gpu_estimates[choice]
            label.setText(found.text)
            label.setStyleSheet("" if found.fits else message_style("error"))
        chosen = choices[tab.gpu_choice()]
        tab.gpu_reason.setText(chosen.reason if chosen.fits else "")
        return "" if chosen.fits else self.tr("Not enough memory for this choice: {reason}").format(reason=chosen.reason)

    def _facts_for(self, model: Path) -> ModelMemoryFacts:
        if model not in self._facts:
            self._facts[model] = read_memory_facts(model)
        return self._facts[model]
