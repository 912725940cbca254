"""Start the window's pieces in German and Simplified Chinese, open them, and list the English
still showing (tests/i18n/english_left.py says how English is recognised).

Each opener names the parts already translated: those are strict. A whole window is strict when
its opener is in STRICT; the others report what is left (xfail) until their last part is wrapped.
Settings: every tab but Model (wrapped by another change) and the dialog's own frame.
Screenshots land in $I18N_SCREENSHOTS when set."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app.core.models.catalog import load_catalog
from app.core.models.system_memory import MemoryStatus
from app.core.storage.settings import Settings
from app.core.storage.store import ConversationStore
from app.ui.chat.system_prompt_dialog import SystemPromptDialog
from app.ui.main_window import MainWindow
from app.ui.model_manager.model_manager_dialog import ModelManagerDialog
from app.ui.settings.settings_dialog import SettingsDialog
from app.ui.speech.dictation_panel import DictationPanel
from tests.i18n.english_left import english_texts, visible_texts
from tests.ui.settings_support import MICROPHONES, ROOMY_GPU

LANGUAGES = ("de", "zh_CN")
STRICT = {"model-manager", "dictation", "settings", "main-window", "system-prompt", "shortcut-sheet", "local-server"}
DATA = frozenset(device.name for device in MICROPHONES)  # the user's own names, never translated


def open_settings(qtbot) -> SettingsDialog:
    dialog = SettingsDialog(Settings(), read_status=lambda gpu: ROOMY_GPU, input_devices=lambda: MICROPHONES)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def open_main_window(qtbot, tmp_path) -> MainWindow:
    """No model loaded (what a first start shows), with one exchange on screen for the bubbles."""
    folder = tempfile.mkdtemp(prefix="gemma-desk-i18n-")
    window = MainWindow(ConversationStore.in_folder(Path(folder)))
    qtbot.addWidget(window)
    window.show()
    window.chat_view.add_message("user", "…")
    window.chat_view.add_message("model", "…", "stopped")
    window.notice.show_message("…")
    return window


def main_window_parts(window: MainWindow) -> list:
    menus = [action.menu() for action in window.menuBar().actions()]
    return [window.menuBar(), *menus, window.toolbar, window.composer, window.sidebar,
            window.chat_view, window.statusBar(), window.notice]


def open_system_prompt(qtbot, tmp_path) -> SystemPromptDialog:
    dialog = SystemPromptDialog(None, "", None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def open_model_manager(qtbot, tmp_path) -> ModelManagerDialog:
    status = MemoryStatus(free_ram=6_000_000_000, gpu_offload=False, free_vram=None)
    dialog = ModelManagerDialog(load_catalog(), read_status=lambda gpu: status, token=False, models_folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.catalog_list.setCurrentItem(dialog.catalog_list.topLevelItem(0))  # fills the details
    return dialog


def open_dictation(qtbot, tmp_path) -> DictationPanel:
    panel = DictationPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def settings_frame(dialog: SettingsDialog) -> list:
    """The dialog's own texts: title, tab titles, OK/Cancel."""
    return [dialog.buttons, dialog.tabs.tabBar()]


def open_shortcut_sheet(qtbot, tmp_path) -> QWidget:
    from app.ui.help_dialogs import ShortcutSheet

    window = open_main_window(qtbot, tmp_path)
    sheet = ShortcutSheet(window)
    sheet.show()
    return sheet


def open_local_server(qtbot, tmp_path) -> QWidget:
    from app.core.storage.settings import LocalServerSettings
    from app.ui.server.local_server import LocalServerDialog

    dialog = LocalServerDialog(None, LocalServerSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_problem(dialog.tr("Serving at {url}").format(url="http://127.0.0.1:8080/v1"))
    return dialog


# Texts inside a strict part that another file owns and wraps: none left since wave 2.
ELSEWHERE: dict[str, frozenset] = {}

# name → (open it, the parts already translated: strict)
OPENERS = {
    "settings": (lambda qtbot, tmp_path: open_settings(qtbot),
                 lambda d: [d.model_tab, d.hardware_tab, d.generation_tab, d.speech_tab, d.appearance_tab,
                            *settings_frame(d)]),
    "model-manager": (open_model_manager, lambda d: [d]),
    "dictation": (open_dictation, lambda d: [d]),
    "main-window": (open_main_window, main_window_parts),
    "system-prompt": (open_system_prompt, lambda d: [d]),
    "shortcut-sheet": (open_shortcut_sheet, lambda d: [d]),
    "local-server": (open_local_server, lambda d: [d]),
}


def screenshot(widget, name: str) -> None:
    folder = os.environ.get("I18N_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("opener", sorted(OPENERS))
def test_translated_parts_show_no_english(qtbot, tmp_path, ui_language, language, opener):
    ui_language(language)
    open_it, done_parts = OPENERS[opener]
    widget = open_it(qtbot, tmp_path)
    left = []
    for part in done_parts(widget):
        left += english_texts(visible_texts(part), language, DATA | ELSEWHERE.get(opener, frozenset()))
    assert left == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("opener", sorted(OPENERS))
def test_whole_window_shows_no_english(qtbot, tmp_path, ui_language, language, opener):
    ui_language(language)
    widget = OPENERS[opener][0](qtbot, tmp_path)
    if hasattr(widget, "tabs"):
        for index in range(widget.tabs.count()):
            widget.tabs.setCurrentIndex(index)
            screenshot(widget, f"{opener}-{index}-{language}")
    else:
        screenshot(widget, f"{opener}-{language}")
    left = english_texts(visible_texts(widget), language, DATA)
    if left and opener not in STRICT:
        pytest.xfail(f"{len(left)} English text(s) left for wave 2: {left[:8]}")
    assert left == []


def test_the_harness_sees_english(qtbot, ui_language):
    """The detector itself: an untranslated window in zh_CN is reported."""
    ui_language("en")
    dialog = open_settings(qtbot)
    assert english_texts(visible_texts(dialog.appearance_tab), "zh_CN")
