"""The Hardware tab's layout: backend, GPU layers with their memory estimates, threads. No wiring."""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.engine.options import FLASH_ATTENTION_MODES, KV_CACHE_TYPES
from app.core.i18n import QT_TRANSLATE_NOOP

AUDIO_ENCODER_DEVICE_TEXT = {"auto": QT_TRANSLATE_NOOP("HardwareTab", "Automatic"), "cpu": "CPU", "gpu": "GPU"}
AUDIO_ENCODER_DEVICE_TIP = QT_TRANSLATE_NOOP(
    "HardwareTab",
    "Where Gemma 3n's audio encoder turns speech into what the model hears.\n"
    "Automatic: on the GPU when the model's layers are on the GPU, on the CPU otherwise.\n"
    "If ggml cannot run it there, the app's own CPU encoder takes over and says why once.")
GPU_CHOICE_TEXT = {"auto": QT_TRANSLATE_NOOP("HardwareTab", "Auto (as many as fit)"),
                   "all": QT_TRANSLATE_NOOP("HardwareTab", "All layers"),
                   "none": QT_TRANSLATE_NOOP("HardwareTab", "None (CPU only)"),
                   "number": QT_TRANSLATE_NOOP("HardwareTab", "This many:")}
FLASH_ATTENTION_TEXT = {"auto": QT_TRANSLATE_NOOP("HardwareTab", "Automatic"),
                        "on": QT_TRANSLATE_NOOP("HardwareTab", "On"),
                        "off": QT_TRANSLATE_NOOP("HardwareTab", "Off")}
FLASH_ATTENTION_TIP = QT_TRANSLATE_NOOP(
    "HardwareTab",
    "Flash attention reads prompts faster and needs less memory for long ones.\n"
    "Automatic: llama.cpp turns it on wherever its backend can run it (always on the CPU).\n"
    "A q8_0 KV cache turns it on whatever is chosen here.")
KV_CACHE_TEXT = {"f16": QT_TRANSLATE_NOOP("HardwareTab", "f16 (exact)"),
                 "q8_0": QT_TRANSLATE_NOOP("HardwareTab", "q8_0 (half the memory)")}


class HardwareTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend_label = QLabel()
        self.backend_label.setWordWrap(True)
        self.memory_label = QLabel()
        self.memory_label.setWordWrap(True)

        self.gpu_group = QButtonGroup(self)
        self.gpu_buttons: dict[str, QRadioButton] = {}
        self.gpu_estimates: dict[str, QLabel] = {}
        self.gpu_layers_spin = QSpinBox()
        self.gpu_layers_spin.setRange(0, 999)
        self.gpu_layers_spin.setSuffix(self.tr(" layers"))
        grid = QGridLayout()
        for row, (choice, text) in enumerate(GPU_CHOICE_TEXT.items()):
            button = QRadioButton(self.tr(text))
            button.setObjectName(f"gpu-{choice}")
            estimate = QLabel()
            estimate.setObjectName(f"gpu-{choice}-estimate")
            self.gpu_group.addButton(button, row)
            self.gpu_buttons[choice] = button
            self.gpu_estimates[choice] = estimate
            grid.addWidget(button, row, 0)
            if choice == "number":
                grid.addWidget(self.gpu_layers_spin, row, 1)
            grid.addWidget(estimate, row, 2)
        grid.setColumnStretch(2, 1)
        self.gpu_reason = QLabel()
        self.gpu_reason.setWordWrap(True)
        self.gpu_reason.setEnabled(False)
        gpu_box = QGroupBox(self.tr("Layers on the GPU"))
        gpu_layout = QVBoxLayout(gpu_box)
        gpu_layout.addLayout(grid)
        gpu_layout.addWidget(self.gpu_reason)

        self.main_gpu_spin = QSpinBox()
        self.main_gpu_spin.setRange(0, 15)
        self.flash_attention_combo = QComboBox()
        self.flash_attention_combo.setObjectName("flash-attention")
        for mode in FLASH_ATTENTION_MODES:
            self.flash_attention_combo.addItem(self.tr(FLASH_ATTENTION_TEXT[mode]), mode)
        self.flash_attention_combo.setToolTip(self.tr(FLASH_ATTENTION_TIP))
        self.kv_cache_combo = QComboBox()
        for kind in KV_CACHE_TYPES:
            self.kv_cache_combo.addItem(self.tr(KV_CACHE_TEXT[kind]) if kind in KV_CACHE_TEXT else kind, kind)
        self.per_layer_embeddings_check = QCheckBox(self.tr("Keep per-layer embeddings on the CPU (Gemma 3n)"))
        self.threads_spin = QSpinBox()
        self.threads_spin.setRange(0, 512)
        self.threads_spin.setSpecialValueText(self.tr("All cores ({count})").format(count=os.cpu_count() or 1))
        self.audio_encoder_device_combo = QComboBox()
        self.audio_encoder_device_combo.setObjectName("audio-encoder-device")
        for device, text in AUDIO_ENCODER_DEVICE_TEXT.items():
            self.audio_encoder_device_combo.addItem(self.tr(text), device)
        self.audio_encoder_device_combo.setToolTip(self.tr(AUDIO_ENCODER_DEVICE_TIP))
        self.mmap_check = QCheckBox(self.tr("Map the model file into memory (mmap)"))
        self.mlock_check = QCheckBox(self.tr("Lock the model in RAM (mlock)"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow(self.tr("Main GPU:"), self.main_gpu_spin)
        form.addRow(self.tr("KV cache type:"), self.kv_cache_combo)
        form.addRow(self.tr("CPU threads:"), self.threads_spin)
        form.addRow(self.tr("Audio encoder runs on:"), self.audio_encoder_device_combo)
        form.addRow(self.tr("Flash attention:"), self.flash_attention_combo)
        form.addRow("", self.per_layer_embeddings_check)
        form.addRow("", self.mmap_check)
        form.addRow("", self.mlock_check)

        layout = QVBoxLayout(self)
        layout.addWidget(self.backend_label)
        layout.addWidget(self.memory_label)
        layout.addWidget(gpu_box)
        layout.addLayout(form)
        layout.addStretch(1)

    def gpu_choice(self) -> str:
        return next((choice for choice, button in self.gpu_buttons.items() if button.isChecked()), "auto")
