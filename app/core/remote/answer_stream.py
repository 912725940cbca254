"""A server's streamed answer read on a helper thread, so that Stop acts at once.

A server may think for many seconds before its first chunk (a long prompt, images, a busy GPU),
and a blocked read cannot check a cancel flag. The helper thread reads; the engine thread waits
on a queue and looks at `should_stop` every POLL_S. On a cancel the engine thread is free at
once; the helper closes the connection when its read returns, which tells the server to stop."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Callable, Iterator

from app.core.remote.server_client import ServerClient

POLL_S = 0.05
_END = object()


@dataclass(frozen=True)
class _Failure:
    error: BaseException



def stream_until_stopped(
    client: ServerClient, path: str, body: dict, should_stop: Callable[[], bool]
) -> Iterator[dict | None]:
    """The stream's JSON payloads in order; a last None when `should_stop` turned true first."""
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    abandoned = threading.Event()

    def read() -> None:
        try:
            with client.stream_events(path, body) as events:
                for payload in events:
                    if abandoned.is_set():
                        return  # leaving the `with` closes the connection
                    inbox.put(payload)
            inbox.put(_END)
        except BaseException as error:  # noqa: BLE001 - handed to the engine thread, raised there
            inbox.put(_Failure(error))

    reader = threading.Thread(target=read, name="remote-answer", daemon=True)
    reader.start()
    try:
        while True:
            if should_stop():
                yield None
                return
            try:
                item = inbox.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if item is _END:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        abandoned.set()
