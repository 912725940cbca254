"""The engine's user-facing failures (each says what happened in a sentence)."""

from app.core.errors import UserError


class EngineError(UserError):
    """A failure the user should see as a message (not a bug)."""


class ContextFullError(EngineError):
    pass


class MediaUnavailableError(EngineError):
    """A stored image or clip of an earlier message can no longer be read (gone or damaged)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name} could not be read: {reason}")
        self.name = name
