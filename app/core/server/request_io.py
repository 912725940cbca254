"""Reading request bodies under a size limit, and noticing a client that has gone away."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import Message

from app.core.server.api_errors import ApiError
from app.core.server.async_job import AsyncJob
from app.core.server.media_input import MiB


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused with 413 as soon as it (or its Content-Length) passes `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, limit: int) -> Any:
    body = await read_body(request, limit)
    try:
        # Off the event loop: tens of MB of base64 media take a while to parse.
        return await run_in_threadpool(json.loads, body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, f"The request body is not valid JSON: {error}.") from None


async def with_limited_body(request: Request, limit: int) -> Request:
    """The same request with its body already read under `limit`, for Starlette's form parser."""
    body = await read_body(request, limit)
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await request.receive()

    return Request(request.scope, replay)


def _too_large(size: int, limit: int) -> ApiError:
    return ApiError(413, f"The request is {size / MiB:.1f} MB; this endpoint takes at most {limit // MiB} MB.")


class ClientWatch:
    """While open, listens for the client hanging up and cancels the job it is watching.

    Use it once the body has been read: the next ASGI message can then only be the disconnect."""

    def __init__(self, request: Request) -> None:
        self._request = request
        self._job: AsyncJob | None = None
        self._task: asyncio.Task | None = None
        self.gone = False

    def watch(self, job: AsyncJob) -> AsyncJob:
        self._job = job
        if self.gone:
            job.cancel()
        return job

    async def __aenter__(self) -> "ClientWatch":
        self._task = asyncio.create_task(self._listen())
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._task.cancel()
        if exc_info[0] is not None and self._job is not None:
            self._job.cancel()  # the route failed or was cancelled: nobody will read this job

    async def _listen(self) -> None:
        while True:
            message = await self._request.receive()
            if message["type"] == "http.disconnect":
                self.gone = True
                if self._job is not None:
                    self._job.cancel()
                return
