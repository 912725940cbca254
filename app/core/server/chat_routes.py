"""POST /v1/chat/completions: one JSON answer, or the tokens as server-sent events."""

from __future__ import annotations

import json
import time
import uuid
from typing import AsyncIterator

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from app.core.engine.engine import GenerationResult
from app.core.server.api_errors import ApiError
from app.core.server.async_job import AsyncJob, JobEvent, JobFailure
from app.core.server.chat_mapping import ChatCompletionRequest, parse_chat_request
from app.core.server.engine_port import EnginePort, ModelLoading, ModelUnavailable, ServedModel
from app.core.server.media_input import MiB
from app.core.server.request_io import ClientWatch, read_json
from app.core.server.stop_strings import StopScanner

# A few images (20 MB each) or a 32-MB clip, base64-encoded, with room for the text.
MAX_CHAT_BODY = 64 * MiB
_FINISH_REASONS = {"end_of_turn": "stop", "max_tokens": "length", "context_full": "length", "cancelled": "stop"}


def served_model(port: EnginePort) -> ServedModel:
    try:
        return port.model()
    except (ModelLoading, ModelUnavailable) as error:
        raise ApiError(503, str(error), code="model_not_ready") from None


def failure_error(failure: JobFailure) -> ApiError:
    if failure.user_error:
        return ApiError(400, failure.message)
    return ApiError(500, f"The engine failed: {failure.message}", code="engine_error")


async def chat_completions(request: Request) -> Response:
    port: EnginePort = request.app.state.port
    model = served_model(port)
    body = await read_json(request, MAX_CHAT_BODY)
    parsed = await run_in_threadpool(parse_chat_request, body, model)
    answer = _Answer(model.model_id, parsed)
    async with ClientWatch(request) as client:
        job = client.watch(AsyncJob.submit(port, parsed.job))
        # Waiting for the first event keeps errors (a full context, a bad image) as real statuses.
        first = await job.next_event()
        if isinstance(first, JobFailure):
            raise failure_error(first)
        if not parsed.stream:
            return JSONResponse(await answer.collect(_events_from(first, job), job))
    return JobStreamResponse(answer.stream(_events_from(first, job), job), job)


async def _events_from(first: JobEvent, job: AsyncJob) -> AsyncIterator[JobEvent]:
    yield first
    if isinstance(first, str):
        async for event in job.events():
            yield event


class JobStreamResponse(StreamingResponse):
    """Server-sent events whose job is cancelled however the response ends (a hang-up included)."""

    def __init__(self, content: AsyncIterator[str], job: AsyncJob) -> None:
        super().__init__(content, media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        self.job = job

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.job.cancel()


class _Answer:
    """Shapes one job's events as an OpenAI chat completion (or its chunks)."""

    def __init__(self, model_id: str, parsed: ChatCompletionRequest) -> None:
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.created = int(time.time())
        self.model_id = model_id
        self.parsed = parsed
        self.scanner = StopScanner(parsed.stop)

    def _text(self, piece: str, job: AsyncJob) -> str:
        text = self.scanner.feed(piece)
        if self.scanner.stopped:
            job.cancel()
        return text

    def _finish_reason(self, result: GenerationResult) -> str:
        return "stop" if self.scanner.stopped else _FINISH_REASONS.get(result.stop_reason, "stop")

    async def collect(self, events: AsyncIterator[JobEvent], job: AsyncJob) -> dict:
        parts: list[str] = []
        async for event in events:
            if isinstance(event, str):
                parts.append(self._text(event, job))
            elif isinstance(event, JobFailure):
                raise failure_error(event)
            else:
                parts.append(self.scanner.flush())
                return {
                    "id": self.id,
                    "object": "chat.completion",
                    "created": self.created,
                    "model": self.model_id,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": "".join(parts)},
                            "finish_reason": self._finish_reason(event),
                        }
                    ],
                    "usage": usage(event),
                }
        raise ApiError(500, "The engine ended the answer without a result.")

    async def stream(self, events: AsyncIterator[JobEvent], job: AsyncJob) -> AsyncIterator[str]:
        yield self._chunk({"role": "assistant", "content": ""})
        async for event in events:
            if isinstance(event, str):
                text = self._text(event, job)
                if text:
                    yield self._chunk({"content": text})
            elif isinstance(event, JobFailure):
                yield _sse(failure_error(event).body())
                return
            else:
                tail = self.scanner.flush()
                if tail:
                    yield self._chunk({"content": tail})
                yield self._chunk({}, self._finish_reason(event))
                if self.parsed.include_usage:
                    yield _sse({**self._envelope(), "choices": [], "usage": usage(event)})
                yield "data: [DONE]\n\n"

    def _chunk(self, delta: dict, finish_reason: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
        return _sse({**self._envelope(), "choices": [choice]})

    def _envelope(self) -> dict:
        return {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model_id}


def usage(result: GenerationResult) -> dict:
    completion = len(result.token_ids)
    return {
        "prompt_tokens": result.prompt_tokens,
        "completion_tokens": completion,
        "total_tokens": result.prompt_tokens + completion,
    }


def _sse(payload: dict) -> str:
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"
