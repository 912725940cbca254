"""The one place that decides where answers come from: this computer's llama.cpp or a server.

Both engines offer the same `generate`, `n_ctx`, `supports_images`, `supports_audio`,
`speech_unavailable`, `model_info`, `options` and `close()`, so the engine thread holds
either without knowing which."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Union

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.options import LoadOptions
from app.core.remote.server_address import RemoteServer

if TYPE_CHECKING:
    from app.core.engine.engine import ChatEngine
    from app.core.remote.remote_engine import RemoteEngine

EngineTarget = Union[LoadOptions, RemoteServer]


def open_engine(target: EngineTarget, on_progress: Callable[[float], None] | None = None) -> "ChatEngine | RemoteEngine":
    """A loaded ChatEngine for LoadOptions; a connected RemoteEngine for a RemoteServer.

    Raises UserError subclasses (a bad model file, a server that does not answer) with a sentence."""
    if isinstance(target, RemoteServer):
        # Imported here: its HTTP client is most of a start-up's imports and the window's first
        # frame only needs it when answers come from a server.
        from app.core.remote.remote_engine import RemoteEngine

        engine = RemoteEngine(target)
        if on_progress is not None:
            on_progress(1.0)
        return engine
    if isinstance(target, LoadOptions):
        from app.core.engine.engine import ChatEngine

        return ChatEngine(target, on_progress=on_progress)
    raise TypeError(f"open_engine takes LoadOptions or RemoteServer, not {type(target).__name__}")


def answer_source_parts(engine: "ChatEngine | RemoteEngine") -> tuple[str, dict[str, str]]:
    """Where answers come from, as a sentence to translate (context "AnswerSource") and its values."""
    if isinstance(engine.options, RemoteServer):  # a RemoteEngine
        return (QT_TRANSLATE_NOOP("AnswerSource", "Answers from {model} on the server at {url}"),
                {"model": engine.model_info.name, "url": engine.model_info.server_url})
    return QT_TRANSLATE_NOOP("AnswerSource", "Answers from {model} on this computer"), {"model": engine.model_info.path.name}


def answer_source(engine: "ChatEngine | RemoteEngine") -> str:
    """Where answers come from, for the status bar (in English)."""
    template, values = answer_source_parts(engine)
    return template.format(**values)


def server_from_settings(model_settings, api_key: str | None = None) -> RemoteServer | None:
    """The server the Settings ▸ Model ▸ Run on choice names, or None when answers run here.

    `model_settings` is `Settings.model`; the key is the one typed this session, else
    $GEMMA_DESK_SERVER_KEY (the settings file never holds it)."""
    if model_settings.run_on != "server":
        return None
    return RemoteServer.from_user(model_settings.server_url, model_settings.server_model or None, api_key)
