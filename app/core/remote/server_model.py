"""What a server offers: its models (`/v1/models`) and what the chosen one can take in.

Servers say different amounts: Gemma Desk's own `serve` lists supports_images/supports_audio and
context_length; llama.cpp's llama-server tells its modalities and context at `/props`; vLLM gives
max_model_len; llama-cpp-python's server says nothing. Where a server does not say, the app lets
the user try and shows the server's own refusal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.remote.server_address import RemoteError, RemoteServer
from app.core.remote.server_client import ServerClient, ServerRefused


@dataclass(frozen=True)
class RemoteModelInfo:
    """The chosen model as the window describes it (the remote twin of ModelFileInfo)."""

    name: str  # the model id the server uses
    server_url: str
    architecture: str = "remote"
    context_length: int = 0  # 0: the server does not say
    supports_images: bool | None = None  # None: the server does not say
    supports_audio: bool | None = None
    path = None  # no file on this computer
    file_type = "server"

    @property
    def family_label(self) -> str:
        return f"{self.name} on {self.server_url}"


def model_ids(client: ServerClient) -> list[str]:
    return [entry["id"] for entry in _model_entries(client)]


def list_server_models(server: RemoteServer) -> list[str]:
    """The model ids a server offers, for the Settings dialog's model list."""
    client = ServerClient(server)
    try:
        return model_ids(client)
    finally:
        client.close()


def describe_model(client: ServerClient) -> RemoteModelInfo:
    """The model the server settings ask for (the first listed when none is named)."""
    server = client.server
    entries = _model_entries(client)
    if not entries:
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The server at {shown_url} lists no models.",
            ),
            shown_url=server.shown_url,
        )
    if server.model is None:
        entry = entries[0]
    else:
        entry = next((e for e in entries if e["id"] == server.model), None)
        if entry is None:
            offered = ", ".join(e["id"] for e in entries[:8])
            raise RemoteError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {shown_url} has no model {model!r}; it offers {offered}.",
                ),
                shown_url=server.shown_url, model=server.model, offered=offered,
            )
    images, audio, context = _said_by_entry(entry)
    if images is None or audio is None or not context:
        props_images, props_audio, props_context = _said_by_llama_server(client)
        images = props_images if images is None else images
        audio = props_audio if audio is None else audio
        context = context or props_context
    return RemoteModelInfo(
        name=entry["id"],
        server_url=server.shown_url,
        architecture=str(entry.get("architecture") or "remote"),
        context_length=context,
        supports_images=images,
        supports_audio=audio,
    )


def _model_entries(client: ServerClient) -> list[dict]:
    listing = client.get_json("models")
    data = listing.get("data") if isinstance(listing, dict) else None
    if not isinstance(data, list) or not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in data):
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The server at {shown_url} did not list its models the OpenAI way (GET "
                "/v1/models should give {{\"data\": [{{\"id\": …}}]}}).",
            ),
            shown_url=client.server.shown_url,
        )
    return data


def _said_by_entry(entry: dict) -> tuple[bool | None, bool | None, int]:
    images = entry.get("supports_images")
    audio = entry.get("supports_audio")
    context = entry.get("context_length") or entry.get("max_model_len") or 0
    return (
        images if isinstance(images, bool) else None,
        audio if isinstance(audio, bool) else None,
        context if isinstance(context, int) and context > 0 else 0,
    )


def _said_by_llama_server(client: ServerClient) -> tuple[bool | None, bool | None, int]:
    """llama-server's GET /props (beside /v1, not under it); nothing when the server has none."""
    try:
        props = client.get_json(client.server.shown_url + "/props")
    except ServerRefused:  # no /props (not llama-server), or not for us: the server does not say
        return None, None, 0
    if not isinstance(props, dict):
        return None, None, 0
    modalities = props.get("modalities") if isinstance(props.get("modalities"), dict) else {}
    settings = props.get("default_generation_settings") if isinstance(props.get("default_generation_settings"), dict) else {}
    context = settings.get("n_ctx") if isinstance(settings.get("n_ctx"), int) else 0
    images, audio = modalities.get("vision"), modalities.get("audio")
    return (
        images if isinstance(images, bool) else None,
        audio if isinstance(audio, bool) else None,
        context if context > 0 else 0,
    )
