"""Where a remote engine lives: the server's base URL, its API key and the model to ask for.

The API key is a secret: it never goes into the settings file, a log line, a repr or an error
sentence. It comes from the caller (typed in for this session) or the GEMMA_DESK_SERVER_KEY
environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError

API_KEY_VARIABLE = "GEMMA_DESK_SERVER_KEY"
MAX_URL_LENGTH = 2000


class RemoteError(UserError):
    """A remote server could not be reached or refused us; the message says which server and why."""


@dataclass(frozen=True)
class RemoteServer:
    """One OpenAI-compatible server. `base_url` ends at the API root, e.g. http://host:8080/v1."""

    base_url: str
    model: str | None = None  # None: the first model the server lists
    api_key: str | None = field(default=None, repr=False)

    @classmethod
    def from_user(cls, url: str, model: str | None = None, api_key: str | None = None) -> "RemoteServer":
        """From what the user typed; the key falls back to $GEMMA_DESK_SERVER_KEY."""
        key = api_key if api_key else os.environ.get(API_KEY_VARIABLE) or None
        return cls(normalize_base_url(url), (model or "").strip() or None, key)

    @property
    def shown_url(self) -> str:
        """The URL as the user recognises it (without the /v1 we add)."""
        return self.base_url.removesuffix("/v1")


def normalize_base_url(text: str) -> str:
    """`host:port`, `http://host:port`, `…/v1` or `…/v1/` as `http(s)://host:port[/path]/v1`.

    Raises RemoteError with a sentence for anything that is not an http(s) address."""
    if not isinstance(text, str) or not text.strip():
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Give the server's address, e.g. http://192.168.1.20:8080.",
            ))
    text = text.strip()
    if len(text) > MAX_URL_LENGTH:
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The server address is {text:,} characters long; that cannot be right.",
            ),
            text=len(text),
        )
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The server address must start with http:// or https://, not {scheme}://.",
            ),
            scheme=parts.scheme,
        )
    try:
        port = parts.port
    except ValueError:
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{text} has a port that is not a number from 1 to 65535.",
            ),
            text=text,
        ) from None
    if not parts.hostname:
        raise RemoteError(QT_TRANSLATE_NOOP("UserError", "{text} has no host name."), text=text)
    if parts.username or parts.password:
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Put the API key in the API key field, not in the server address.",
            ))
    if parts.query or parts.fragment:
        raise RemoteError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{text} has a query or fragment (?…, #…); give only the server's address.",
            ),
            text=text,
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = host if port is None else f"{host}:{port}"
    path = parts.path.rstrip("/")
    if not path.endswith("/v1"):
        path += "/v1"
    return urlunsplit((parts.scheme, netloc, path, "", ""))
