"""Screenshots of the real window for the README and store listings.

Run under a real X server (e.g. `xvfb-run -s "-screen 0 1280x860x24" .venv/bin/python
packaging/screenshots.py chat --out shots/`). Each scene drives the app as a user would and grabs
the whole screen, window decorations and all.

The README's main-window pictures:
    screenshots.py chat --name main-window
    screenshots.py first-run
    screenshots.py search
    screenshots.py answer-sample --name answer-code-table
    screenshots.py answer-sample --theme dark --name main-window-dark --notice "The oldest 4 messages …"
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from app.core.models.demo import DEMO_LABEL, demo_model_path
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.chat.images import prepare_image
from app.core.storage.store import ConversationStore
from app.ui.application import create_application
from app.ui.common.i18n import install_translators
from app.ui.main_window import MainWindow
from app.ui.settings.appearance import apply_appearance


def wait_for(signal, timeout_ms: int = 120_000):
    loop = QEventLoop()
    received = []

    def receive(*args) -> None:
        received.append(args)
        loop.quit()

    signal.connect(receive)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(receive)
    if not received:
        raise TimeoutError(f"no {signal} within {timeout_ms} ms")
    return received[0]


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(path: Path) -> Path:
    settle()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    print(f"saved {path}")
    return path


def open_window(folder: Path, projector: Path | None = None, theme: str = "light") -> MainWindow:
    from dataclasses import replace

    from app.ui.settings.settings_model import SettingsModel

    # Settings of its own: the scenes never read or write the developer's real ones. They carry the
    # shot's theme, so a scene that opens Settings (which applies the settings' theme) keeps it.
    settings = SettingsModel(folder / "settings.json")
    current = settings.current
    settings.update(replace(current, appearance=replace(current.appearance, theme=theme)))
    window = MainWindow(ConversationStore.in_folder(folder), settings=settings)
    window.resize(1180, 780)
    window.move(40, 30)
    window.show()
    window.chat.sampling = SamplingOptions(temperature=0.7, max_tokens=120, seed=7)
    model = demo_model_path()
    options = LoadOptions(model_path=model, projector_path=projector, n_ctx=4096)
    window.load_model(options, label=DEMO_LABEL)
    wait_for(window.modelReady)
    return window


def scene_chat(window: MainWindow) -> None:
    window.chat.sampling = SamplingOptions(temperature=0.7, max_tokens=60, seed=7)
    window.chat.send("Write a short haiku about a lighthouse at night.")
    wait_for(window.chat.answerFinished, timeout_ms=300_000)


def scene_first_run(window: MainWindow) -> None:
    """An empty chat right after the first start: the welcome panel and the demo-model note."""
    window.chat.new_conversation()


def scene_answer(window: MainWindow) -> None:
    """An answer with a table and a code block, as the model writes them."""
    window.chat.sampling = SamplingOptions(temperature=0.0, max_tokens=260, seed=7)
    window.chat.send(
        "Make a Markdown table of three programming languages with the year each appeared, "
        "then a short Python code block that prints the table."
    )
    wait_for(window.chat.answerFinished, timeout_ms=580_000)
    window.chat_view.verticalScrollBar().setValue(0)


SAMPLE_QUESTION = "Which of these languages is oldest? Show a small table and the Python to print it."
SAMPLE_ANSWER = """Here are three languages with the year each first appeared:

| Language | First appeared | Typing |
|---|---|---|
| C | 1972 | static |
| Python | 1991 | dynamic |
| Java | 1995 | static |

> C is the oldest of the three; Java is the youngest.

```python
languages = {"C": 1972, "Python": 1991, "Java": 1995}
for name, year in sorted(languages.items(), key=lambda item: item[1]):
    print(f"{name:<8} {year}")  # oldest first
```

In Java the same map would be a `Map<String, Integer>`; the `<b>` in HTML is just text here."""


def scene_answer_sample(window: MainWindow) -> None:
    """A stored conversation with a hand-written answer: how tables, quotes and code render
    (the tiny demo model rarely writes all three). Say so wherever the picture is shown."""
    store = window.store
    conversation = store.create_conversation("Oldest language")
    store.add_message(conversation, "user", SAMPLE_QUESTION)
    store.add_message(conversation, "model", SAMPLE_ANSWER, "complete", "sample text")
    window.chat.refresh_conversation_list()
    window.chat.open_conversation(conversation)
    settle(300)
    window.chat_view.verticalScrollBar().setValue(0)


SEARCH_SAMPLES = [
    ("Lighthouse haiku", "Write a haiku about a lighthouse at night.",
     "Beam sweeps the black sea —\nthe keeper's kettle whistles,\nships count the seconds."),
    ("Trip to Lisbon", "What should I see in Lisbon in two days?",
     "Start in Alfama, ride tram 28, and end the day at the Belém lighthouse and tower."),
    ("Java generics", "How do I declare a list of strings in Java?",
     "Use `List<String> names = new ArrayList<>();` — the `<String>` is part of the type."),
]


def scene_search(window: MainWindow) -> None:
    """Stored sample chats (say so where the picture is shown) searched for one word."""
    store = window.store
    for title, question, answer in SEARCH_SAMPLES:
        conversation = store.create_conversation(title)
        store.add_message(conversation, "user", question)
        store.add_message(conversation, "model", answer, "complete", "sample text")
    window.chat.refresh_conversation_list()
    window.search_field.setText("lighthouse")
    window.search.run()
    window.search.open_hit(window.search.hits[-1])
    settle(300)


def scene_image(window: MainWindow) -> None:
    picture = Image.new("RGB", (320, 200), (250, 246, 230))
    pen = ImageDraw.Draw(picture)
    pen.rectangle((20, 20, 300, 180), outline=(40, 60, 120), width=4)
    pen.text((40, 80), "OPEN 9:00 - 17:00", fill=(20, 20, 20))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    window.composer.tray.add(prepare_image(buffer.getvalue(), name="shop-sign.png"))
    window.composer.presets.ocr_button.click()
    wait_for(window.chat.answerFinished)


def scene_dictation(window: MainWindow, audio: Path | None = None) -> None:
    window.dictation_panel.show()
    window.resizeDocks([window.dictation_panel], [520], Qt.Horizontal)
    window.dictation.max_tokens_per_chunk = 24
    window.dictation.transcribe_file(audio)
    wait_for(window.dictation.queueDrained, timeout_ms=600_000)


from settings_scenes import scene_audio_encoder, scene_download, scene_settings, scene_settings_model  # noqa: E402

# A scene may return a function that tidies up after the screenshot (a download to stop).
SCENES = {"chat": scene_chat, "first-run": scene_first_run, "answer": scene_answer, "answer-sample": scene_answer_sample,
          "image": scene_image, "dictation": scene_dictation, "search": scene_search, "settings": scene_settings,
          "settings-model": scene_settings_model, "download": scene_download, "audio-encoder": scene_audio_encoder}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scene", choices=sorted(SCENES))
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--mmproj", type=Path, help="projector for the image and dictation scenes")
    parser.add_argument("--audio", type=Path, help="recording for the dictation scene")
    parser.add_argument("--theme", choices=("light", "dark", "system"), default="light")
    parser.add_argument("--font-size", type=int, default=10)
    parser.add_argument("--language", default="en", help="UI language: en, de, zh_CN")
    parser.add_argument("--name", help="file name without .png (default: the scene's name)")
    parser.add_argument("--notice", help="a warning to show above the chat (to check banner colours)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    install_translators(args.language)
    apply_appearance(app, args.theme, args.font_size)
    with tempfile.TemporaryDirectory() as folder:
        window = open_window(Path(folder), args.mmproj, args.theme)
        cleanup = None
        if args.scene == "dictation":
            scene_dictation(window, args.audio)
        else:
            cleanup = SCENES[args.scene](window)
        if args.notice:
            window.notice.show_message(args.notice, kind="warning")
        grab(args.out / f"{args.name or args.scene}.png")
        if cleanup is not None:
            cleanup()
        window.close()
        window.store.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
