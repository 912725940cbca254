"""HTTP to one OpenAI-compatible server through httpx (and httpx-sse for streams).

Every failure leaves here as a RemoteError whose sentence names the server and says what went
wrong; the API key rides only in the Authorization header, never in a message or a log line."""

from __future__ import annotations

import contextlib
import json
import logging
from typing import Any, Iterator

import httpx
from httpx_sse import SSEError, connect_sse

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.remote.server_address import RemoteError, RemoteServer

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0
# A big model on a busy server may think a while before its first token.
READ_TIMEOUT_S = 300.0
MAX_DETAIL_CHARS = 300


class ServerRefused(RemoteError):
    """The server answered with an HTTP error; `status` is its code."""

    def __init__(self, message: str, status: int, /, **arguments: object) -> None:
        super().__init__(message, **arguments)
        self.status = status


class RouteMissing(ServerRefused):
    """The server has no such endpoint (404/405/501): a feature it does not offer."""


class ServerClient:
    def __init__(
        self,
        server: RemoteServer,
        read_timeout_s: float = READ_TIMEOUT_S,
        transport: httpx.BaseTransport | None = None,  # tests replay recorded answers through one
    ) -> None:
        self.server = server
        headers = {"Authorization": f"Bearer {server.api_key}"} if server.api_key else {}
        self._http = httpx.Client(
            base_url=server.base_url + "/",
            headers=headers,
            timeout=httpx.Timeout(read_timeout_s, connect=CONNECT_TIMEOUT_S),
            # Proxies from the environment would send a LAN address (and the key) elsewhere.
            trust_env=False,
            follow_redirects=False,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def get_json(self, path: str) -> Any:
        with self._errors_as_sentences():
            response = self._http.get(path)
            self._raise_for_status(response)
            return self._json(response)

    def post_json(self, path: str, body: dict) -> Any:
        with self._errors_as_sentences():
            response = self._http.post(path, json=body)
            self._raise_for_status(response)
            return self._json(response)

    def post_form(self, path: str, data: dict, files: dict) -> Any:
        with self._errors_as_sentences():
            response = self._http.post(path, data=data, files=files)
            self._raise_for_status(response)
            return self._json(response)

    @contextlib.contextmanager
    def stream_events(self, path: str, body: dict) -> Iterator[Iterator[dict]]:
        """The JSON payloads of a server-sent-event stream, up to `[DONE]`.

        Leaving the `with` block closes the connection, which is how a cancel reaches the server."""
        with self._errors_as_sentences(), connect_sse(self._http, "POST", path, json=body) as source:
            self._raise_for_status(source.response)
            yield self._payloads(source)

    def _payloads(self, source) -> Iterator[dict]:
        with self._errors_as_sentences():
            try:
                for event in source.iter_sse():
                    if event.data.strip() == "[DONE]":
                        return
                    if not event.data.strip():
                        continue
                    payload = self._decode(event.data)
                    if isinstance(payload, dict) and payload.get("error"):
                        raise RemoteError(
                            QT_TRANSLATE_NOOP(
                                "UserError",
                                "The server at {shown_url} stopped the answer: {payload}",
                            ),
                            shown_url=self.server.shown_url, payload=_detail(payload),
                        )
                    yield payload
            except (httpx.RemoteProtocolError, httpx.ReadError):
                # httpx's own words here ("incomplete chunked read") mean nothing to a user.
                raise RemoteError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The server at {shown_url} closed the connection in the middle of the answer "
                        "(did it stop or crash?).",
                    ),
                    shown_url=self.server.shown_url,
                ) from None
            except SSEError as error:
                raise RemoteError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The server at {shown_url} did not stream its answer ({error}).",
                    ),
                    shown_url=self.server.shown_url, error=error,
                ) from None

    # -- errors -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors_as_sentences(self) -> Iterator[None]:
        where = self.server.shown_url
        try:
            yield
        except httpx.TimeoutException as error:
            raise RemoteError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {where} did not answer in time ({error}).",
                ),
                where=where, error=_kind(error),
            ) from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            raise RemoteError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {where} did not answer: {error}.",
                ),
                where=where, error=_reason(error),
            ) from None
        except httpx.HTTPError as error:
            raise RemoteError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Talking to the server at {where} failed: {error}.",
                ),
                where=where, error=_reason(error),
            ) from None

    def _raise_for_status(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            if 300 <= status < 400:
                raise RemoteError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The server at {shown_url} redirects (HTTP {status}); give the "
                        "address it redirects to.",
                    ),
                    shown_url=self.server.shown_url, status=status,
                )
            return
        response.read()
        where = self.server.shown_url
        detail = _detail(_try_json(response.text)) or response.reason_phrase
        if status in (401, 403):
            if self.server.api_key:
                raise ServerRefused(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The server at {where} refused the API key (HTTP {status}).",
                    ), status,
                    where=where, status=status,
                )
            raise ServerRefused(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {where} wants an API key (HTTP {status}); enter it in "
                    "Settings ▸ Model.",
                ), status,
                where=where, status=status,
            )
        if status in (404, 405, 501):
            raise RouteMissing(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {where} has no {path} ({detail}).",
                ), status,
                where=where, path=response.request.url.path, detail=detail,
            )
        raise ServerRefused(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The server at {where} answered HTTP {status}: {detail}",
            ), status,
            where=where, status=status, detail=detail,
        )

    def _json(self, response: httpx.Response) -> Any:
        return self._decode(response.text)

    def _decode(self, text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            raise RemoteError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {shown_url} did not answer like an OpenAI-compatible "
                    "server (not JSON: {value!r}).",
                ),
                shown_url=self.server.shown_url, value=text[:80],
            ) from None


def _try_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _detail(payload: Any) -> str:
    """The human part of an error body: OpenAI's error.message, FastAPI's detail, or the text."""
    if isinstance(payload, dict):
        error = payload.get("error")
        if isinstance(error, dict):
            payload = error.get("message") or error
        elif isinstance(error, str):
            payload = error
        else:
            payload = payload.get("detail") or payload.get("message") or payload
    text = " ".join(str(payload).split())
    return text if len(text) <= MAX_DETAIL_CHARS else text[: MAX_DETAIL_CHARS - 1] + "…"


def _reason(error: httpx.HTTPError) -> str:
    return str(error) or error.__class__.__name__


def _kind(error: httpx.TimeoutException) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return f"no connection within {CONNECT_TIMEOUT_S:.0f} s"
    return error.__class__.__name__.replace("Timeout", " timeout").strip().lower()
