"""POST /v1/audio/transcriptions and /v1/audio/translations: a file through the same chunker and
per-chunk Gemma turn as dictation and `gemma-desk transcribe`, one engine job per chunk."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from app.core.server.api_errors import ApiError, invalid
from app.core.server.async_job import AsyncJob, JobFailure
from app.core.server.chat_routes import failure_error, served_model
from app.core.server.engine_port import ChatJob, EnginePort
from app.core.server.media_input import MAX_AUDIO_BYTES, MiB, audio_samples
from app.core.server.request_io import ClientWatch, with_limited_body
from app.core.server.transcripts import TimedSegment, Transcript, check_response_format, transcript_response
from app.core.speech.chunker import SAMPLE_RATE, chunk_audio
from app.core.speech.transcription import SpeechTask, chunk_message, chunk_sampling, segment_for

MAX_FORM_OVERHEAD = 1 * MiB  # the text fields and multipart boundaries around the file


async def transcriptions(request: Request) -> Response:
    return await _speech(request, translate=False)


async def translations(request: Request) -> Response:
    """OpenAI's translation endpoint always answers in English."""
    return await _speech(request, translate=True)


async def _speech(request: Request, translate: bool) -> Response:
    port: EnginePort = request.app.state.port
    model = served_model(port)
    request = await with_limited_body(request, MAX_AUDIO_BYTES + MAX_FORM_OVERHEAD)
    async with request.form(max_files=1, max_fields=16) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise invalid("Send the audio as a multipart/form-data file field named 'file'.", "file")
        data = await upload.read()
        name = upload.filename or "the audio file"
        response_format = check_response_format(_field(form, "response_format"))
        language = _field(form, "language") or ""
        prompt = _field(form, "prompt") or ""
    if model.speech_unavailable_reason:
        raise ApiError(400, model.speech_unavailable_reason)
    samples = await run_in_threadpool(audio_samples, data, name)
    chunks = await run_in_threadpool(chunk_audio, samples)
    task = SpeechTask("English") if translate else SpeechTask(None)
    segments: list[TimedSegment] = []
    async with ClientWatch(request) as client:
        for chunk in chunks:
            if chunk.is_silence:
                continue
            # The client's prompt (names, spellings) rides in the system slot, folded into the turn.
            job = client.watch(AsyncJob.submit(port, ChatJob((chunk_message(chunk, task),), prompt, chunk_sampling(chunk))))
            async for event in job.events():
                if isinstance(event, str):
                    continue
                if isinstance(event, JobFailure):
                    raise failure_error(event)
                elif event.stop_reason == "cancelled":
                    raise ApiError(499, "The client went away.")
                else:
                    segments.append(TimedSegment(segment_for(chunk, event.text), tuple(event.token_ids), event.prompt_tokens))
    transcript = Transcript(
        task="translate" if translate else "transcribe",
        language="english" if translate else language,
        duration_s=samples.size / SAMPLE_RATE,
        segments=segments,
    )
    return transcript_response(transcript, response_format)


def _field(form, key: str) -> str | None:
    value = form.get(key)
    if value is not None and not isinstance(value, str):
        raise invalid(f"{key} must be a text field.", key)
    return value
