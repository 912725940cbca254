"""What an empty chat shows: a short welcome, one example per thing the app does, and a plain
word about the tiny demo model."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.settings.appearance import surfaces


@dataclass(frozen=True)
class Example:
    kind: str  # "chat", "image" or "dictation"
    title: str
    prompt: str
    hint: str


# Marked here, translated where shown (`translated`): the examples are the user's own words, so
# they follow the UI's language, unlike the task presets.
EXAMPLES = (
    Example("chat", QT_TRANSLATE_NOOP("WelcomePanel", "Ask anything"),
            QT_TRANSLATE_NOOP("WelcomePanel", "Explain what a GGUF model file is, in three short bullet points."),
            QT_TRANSLATE_NOOP("WelcomePanel", "Puts this question in the message box.")),
    Example("image", QT_TRANSLATE_NOOP("WelcomePanel", "Read an image"),
            QT_TRANSLATE_NOOP("WelcomePanel", "Extract the text from this image."),
            QT_TRANSLATE_NOOP("WelcomePanel", "Pick an image; then Describe, Extract text or Translate.")),
    Example("dictation", QT_TRANSLATE_NOOP("WelcomePanel", "Dictate a note"), "",
            QT_TRANSLATE_NOOP("WelcomePanel", "Record from the microphone, or transcribe a recording.")),
)

DEMO_MODEL_NOTE = QT_TRANSLATE_NOOP(
    "WelcomePanel",
    "The bundled demo model (Gemma 3 270M) is tiny: it only proves that the app works, and its "
    "answers are often wrong. For real work, download a Gemma 3n model.",
)


def translated(example: Example) -> Example:
    """`example` in the UI's language."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("WelcomePanel", text) if text else text
    return Example(example.kind, tr(example.title), tr(example.prompt), tr(example.hint))


class ExampleCard(QPushButton):
    """A clickable card: a bold title over the example prompt."""

    def __init__(self, example: Example, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.example = example
        self.setObjectName("example-card")
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(example.hint)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        title = QLabel(f"<b>{example.title}</b>")
        body = QLabel(example.prompt or example.hint)
        body.setObjectName("example-text")
        body.setWordWrap(True)
        for label in (title, body):
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addStretch(1)
        # Room for the title and three wrapped lines, so no card clips its text at any font size.
        self._least_height = self.fontMetrics().lineSpacing() * 4 + 30
        self.setMinimumHeight(self._least_height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The labels take the appearance settings' font when first shown, after the layout measured
        # them in the font they were built in: measure again, at the width the card got.
        self.layout().invalidate()
        self.setMinimumHeight(max(self._least_height, self.layout().totalHeightForWidth(self.width())))

    def sizeHint(self):
        return self.layout().sizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self):
        return self.layout().minimumSize().expandedTo(self.minimumSize())


class WelcomePanel(QFrame):
    exampleChosen = Signal(str, str)  # kind ("chat", "image", "dictation"), prompt
    modelManagerRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        heading = QLabel("<h2>{}</h2>".format(self.tr("Welcome to Gemma Desk")))
        intro = QLabel(self.tr(
            "Chat with a Gemma model, ask about images and dictate, all on this computer: "
            "nothing you type, show or say leaves it. Try one of these:"
        ))
        intro.setWordWrap(True)
        self.cards = [ExampleCard(translated(example)) for example in EXAMPLES]
        grid = QGridLayout()
        grid.setSpacing(10)
        for column, card in enumerate(self.cards):
            card.clicked.connect(lambda _=False, example=card.example: self.exampleChosen.emit(example.kind, example.prompt))
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        self.demo_note = QLabel(self.tr(DEMO_MODEL_NOTE))
        self.demo_note.setObjectName("demo-note")
        self.demo_note.setWordWrap(True)
        self.model_manager_button = QPushButton(self.tr("Get a better model…"))
        self.model_manager_button.setToolTip(self.tr("Open File ▸ Model manager"))
        self.model_manager_button.clicked.connect(self.modelManagerRequested)
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * 120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.model_manager_button, 0, Qt.AlignLeft)
        self.apply_colors()

    def apply_colors(self) -> None:
        card = surfaces()["card"]
        self.setStyleSheet(
            f"#example-card {{ background: {card.background}; border: 1px solid {card.border};"
            f" border-radius: 8px; text-align: left; }}"
            f" #example-card:hover {{ border-color: palette(highlight); }}"
            f" #example-card QLabel {{ color: {card.text}; background: transparent; }}"
            f" #example-card #example-text {{ color: {card.muted}; }}"
        )
