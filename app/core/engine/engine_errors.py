"""The engine's user-facing failures (each says what happened in a sentence)."""

from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP


class EngineError(UserError):
    """A failure the user should see as a message (not a bug)."""


class ContextFullError(EngineError):
    pass


class MediaUnavailableError(EngineError):
    """A stored image or clip of an earlier message can no longer be read (gone or damaged)."""

    def __init__(self, name: str, reason: str | UserError) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("UserError", "{name} could not be read: {reason}"),
            name=name,
            reason=reason,
        )
        self.name = name
