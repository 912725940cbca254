"""Why a loaded model cannot hear, as a sentence the window translates (`UserError`'s template and
arguments) and the command line and server print in English (`str`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.core.models.gguf_file import ModelFileInfo


class CannotHear(UserError):
    """The loaded model has nothing that turns audio into embeddings."""


_GEMMA3N_ENCODER_HINT = UserError(QT_TRANSLATE_NOOP(
    "UserError",
    "Gemma Desk runs Gemma 3n's audio encoder itself: get it with File ▸ Model manager ▸ Get audio encoder "
    "(it is cut out of Google's checkpoint), or choose the file in Settings ▸ Model ▸ Audio encoder."))


def audio_encoder_gone(path: Path) -> UserError:
    return UserError(QT_TRANSLATE_NOOP("UserError", "the audio-encoder file {path} is not there any more."), path=path)


def audio_encoder_unreadable(path: Path, error: Exception) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP("UserError", "{name} could not be read as Gemma 3n's audio encoder ({error})."),
        name=path.name, error=error,
    )


def why_it_cannot_hear(model: ModelFileInfo, projector: Path | None, encoder_problem: UserError | None) -> CannotHear:
    """`projector`: the loaded projector's path, None without one."""
    if encoder_problem is not None:
        return CannotHear(
            QT_TRANSLATE_NOOP(
                "UserError",
                "This Gemma 3n model cannot hear: {problem} Choose its audio-encoder file in Settings ▸ Model ▸ "
                "Audio encoder, or set that to Automatic.",
            ),
            problem=encoder_problem,
        )
    if model.architecture == "gemma3n" and projector is None:
        return CannotHear(QT_TRANSLATE_NOOP("UserError", "{model} has no audio encoder. {hint}"),
                          model=model.path.name, hint=_GEMMA3N_ENCODER_HINT)
    if model.architecture == "gemma3n":
        return CannotHear(
            QT_TRANSLATE_NOOP("UserError", "{model} has no audio encoder (the projector {projector} lacks its tensors). {hint}"),
            model=model.path.name, projector=projector.name, hint=_GEMMA3N_ENCODER_HINT,
        )
    if projector is None:
        return CannotHear(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{model} has no projector, so it cannot hear audio. Add an audio-capable projector (e.g. Gemma 4's "
                "mmproj) in Settings ▸ Model.",
            ),
            model=model.path.name,
        )
    return CannotHear(
        QT_TRANSLATE_NOOP("UserError", "The projector {projector} has no audio encoder, so it cannot hear audio."),
        projector=projector.name,
    )
