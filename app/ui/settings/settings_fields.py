"""Which widget holds which setting: one row per setting, read and written as the schema's values.

Values are read raw (a seed typed as "abc" stays "abc") so that the schema's own validation
(`validate_value`) gives the message the dialog shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import QComboBox

from app.ui.settings.hardware_tab import HardwareTab
from app.ui.settings.preference_tabs import AppearanceTab, GenerationTab, SpeechTab

translate = QCoreApplication.translate


@dataclass(frozen=True)
class SettingField:
    section: str
    name: str
    label: str  # as the dialog names it
    tab: str
    read: Callable[[], Any]
    write: Callable[[Any], None]
    changed: tuple[SignalInstance, ...]  # any of these means the value may have changed

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"


def _combo_write(combo: QComboBox) -> Callable[[Any], None]:
    def write(value: Any) -> None:
        index = combo.findData(value)
        if index < 0 and value is not None:
            combo.addItem(QCoreApplication.translate("SettingFields", "{value} (not connected)").format(value=value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
    return write


def read_seed(text: str) -> Any:
    text = text.strip().replace(",", "").replace("_", "")
    if not text:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _write_gpu_layers(tab: HardwareTab) -> Callable[[Any], None]:
    def write(value: Any) -> None:
        if isinstance(value, int):
            tab.gpu_layers_spin.setValue(value)
            tab.gpu_buttons["number"].setChecked(True)
        else:
            tab.gpu_buttons.get(value, tab.gpu_buttons["auto"]).setChecked(True)
    return write


def _read_gpu_layers(tab: HardwareTab) -> Callable[[], Any]:
    def read() -> Any:
        choice = tab.gpu_choice()
        return tab.gpu_layers_spin.value() if choice == "number" else choice
    return read


def setting_fields(hardware: HardwareTab, generation: GenerationTab, speech: SpeechTab,
                   appearance: AppearanceTab) -> list[SettingField]:
    def spin(section: str, name: str, label: str, tab: str, box) -> SettingField:
        return SettingField(section, name, label, tab, box.value, box.setValue, (box.valueChanged,))

    def check(section: str, name: str, label: str, tab: str, box) -> SettingField:
        return SettingField(section, name, label, tab, box.isChecked, box.setChecked, (box.toggled,))

    def combo(section: str, name: str, label: str, tab: str, box: QComboBox) -> SettingField:
        return SettingField(section, name, label, tab, box.currentData, _combo_write(box), (box.currentIndexChanged,))

    h, g, s, a = hardware, generation, speech, appearance
    return [
        SettingField("hardware", "gpu_layers", translate("SettingFields", "GPU layers"), "Hardware", _read_gpu_layers(h),
                     _write_gpu_layers(h), (h.gpu_group.idToggled, h.gpu_layers_spin.valueChanged)),
        spin("hardware", "main_gpu", translate("SettingFields", "Main GPU"), "Hardware", h.main_gpu_spin),
        combo("hardware", "flash_attention", translate("SettingFields", "Flash attention"), "Hardware", h.flash_attention_combo),
        combo("hardware", "kv_cache_type", translate("SettingFields", "KV cache type"), "Hardware", h.kv_cache_combo),
        check("hardware", "per_layer_embeddings_on_cpu", translate("SettingFields", "Per-layer embeddings on CPU"), "Hardware",
              h.per_layer_embeddings_check),
        spin("hardware", "threads", translate("SettingFields", "CPU threads"), "Hardware", h.threads_spin),
        combo("hardware", "audio_encoder_device", translate("SettingFields", "Audio encoder runs on"), "Hardware",
              h.audio_encoder_device_combo),
        check("hardware", "use_mmap", translate("SettingFields", "mmap"), "Hardware", h.mmap_check),
        check("hardware", "use_mlock", translate("SettingFields", "mlock"), "Hardware", h.mlock_check),
        spin("generation", "temperature", translate("SettingFields", "Temperature"), "Generation", g.temperature_spin),
        spin("generation", "top_k", translate("SettingFields", "Top-k"), "Generation", g.top_k_spin),
        spin("generation", "top_p", translate("SettingFields", "Top-p"), "Generation", g.top_p_spin),
        spin("generation", "min_p", translate("SettingFields", "Min-p"), "Generation", g.min_p_spin),
        spin("generation", "repeat_penalty", translate("SettingFields", "Repeat penalty"), "Generation", g.repeat_penalty_spin),
        spin("generation", "max_tokens", translate("SettingFields", "Max tokens"), "Generation", g.max_tokens_spin),
        spin("generation", "context_size", translate("SettingFields", "Context size"), "Generation", g.context_size_spin),
        SettingField("generation", "seed", translate("SettingFields", "Seed"), "Generation", lambda: read_seed(g.seed_edit.text()),
                     lambda value: g.seed_edit.setText("" if value is None else str(value)), (g.seed_edit.textChanged,)),
        SettingField("generation", "system_prompt", translate("SettingFields", "System prompt"), "Generation", g.system_prompt_edit.toPlainText,
                     g.system_prompt_edit.setPlainText, (g.system_prompt_edit.textChanged,)),
        combo("speech", "input_device", translate("SettingFields", "Microphone"), "Speech", s.input_device_combo),
        combo("speech", "default_task", translate("SettingFields", "Default task"), "Speech", s.task_combo),
        SettingField("speech", "target_language", translate("SettingFields", "Language"), "Speech", s.language_edit.text,
                     s.language_edit.setText, (s.language_edit.textChanged,)),
        spin("speech", "silence_threshold_db", translate("SettingFields", "Silence threshold"), "Speech", s.silence_spin),
        combo("appearance", "theme", translate("SettingFields", "Theme"), "Appearance", a.theme_combo),
        spin("appearance", "font_size", translate("SettingFields", "Font size"), "Appearance", a.font_size_spin),
        combo("appearance", "language", translate("SettingFields", "Language"), "Appearance", a.language_combo),
        check("appearance", "prompts_in_ui_language", translate("SettingFields", "Prompts in the UI language"),
              "Appearance", a.prompts_in_ui_language_check),
    ]
