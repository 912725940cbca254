"""The welcome cards on a real X server, built the way the start-up builds the window: the labels
take Settings ▸ Appearance's font when first shown, after the layout measured them in the font they
were built in. (The offscreen platform the other tests use does not restyle them that way.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

FIRST_SHOW = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QLabel
    from app.core.storage.store import ConversationStore
    from app.ui.main_window import MainWindow
    from app.ui.settings.settings_controller import attach_settings
    from app.ui.settings.settings_model import SettingsModel

    folder = Path(sys.argv[1])
    (folder / "settings.json").write_text(json.dumps({"appearance": {"theme": "dark", "font_size": 11}}))
    app = QApplication([])
    window = MainWindow(ConversationStore.in_folder(folder / "store"), settings=SettingsModel(folder / "settings.json"))
    attach_settings(window)
    window.resize(1180, 780)
    window.show()
    for _ in range(20):
        app.processEvents()
    cards = []
    for card in window.chat_view.welcome.cards:
        title, body = card.findChildren(QLabel)
        margins = card.layout().contentsMargins()
        needed = (margins.top() + title.sizeHint().height() + card.layout().spacing()
                  + body.heightForWidth(card.width() - margins.left() - margins.right()) + margins.bottom())
        cards.append({"kind": card.example.kind, "height": card.height(), "needed": needed})
    print(json.dumps(cards))
    window.close()
""")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed")
def test_no_welcome_card_clips_its_text_on_a_real_x_server(tmp_path):
    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    run = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x860x24", sys.executable, "-c", FIRST_SHOW,
                          str(tmp_path)], capture_output=True, text=True, timeout=120, env=environment)
    assert run.returncode == 0, run.stderr[-2000:]
    cards = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(cards) == 3
    for card in cards:
        assert card["height"] >= card["needed"], card
