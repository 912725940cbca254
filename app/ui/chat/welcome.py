"""What an empty chat shows: a short welcome, one example per thing the app does, and a plain
word about the tiny demo model."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.ui.settings.appearance import surfaces


@dataclass(frozen=True)
class Example:
    kind: str  # "chat", "image" or "dictation"
    title: str
    prompt: str
    hint: str


EXAMPLES = (
    Example("chat", "Ask anything", "Explain what a GGUF model file is, in three short bullet points.",
            "Puts this question in the message box."),
    Example("image", "Read an image", "Extract the text from this image.",
            "Pick an image; then Describe, Extract text or Translate."),
    Example("dictation", "Dictate a note", "",
            "Record from the microphone, or transcribe a recording."),
)

DEMO_MODEL_NOTE = (
    "The bundled demo model (Gemma 3 270M) is tiny: it only proves that the app works, and its "
    "answers are often wrong. For real work, download a Gemma 3n model."
)


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
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 30)

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
        heading = QLabel("<h2>Welcome to Gemma Desk</h2>")
        intro = QLabel(
            "Chat with a Gemma model, ask about images and dictate, all on this computer: "
            "nothing you type, show or say leaves it. Try one of these:"
        )
        intro.setWordWrap(True)
        self.cards = [ExampleCard(example) for example in EXAMPLES]
        grid = QGridLayout()
        grid.setSpacing(10)
        for column, card in enumerate(self.cards):
            card.clicked.connect(lambda _=False, example=card.example: self.exampleChosen.emit(example.kind, example.prompt))
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        self.demo_note = QLabel(DEMO_MODEL_NOTE)
        self.demo_note.setObjectName("demo-note")
        self.demo_note.setWordWrap(True)
        self.model_manager_button = QPushButton("Get a better model…")
        self.model_manager_button.setToolTip("Open File ▸ Model manager")
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
