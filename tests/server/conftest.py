"""A real `gemma-desk serve` stack in-process: EngineThread (real llama.cpp) + Starlette + uvicorn
on 127.0.0.1 with a free port, and the official `openai` package as the client."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import openai
import pytest

from app.core.engine.options import LoadOptions
from app.core.server.application import create_app
from app.core.server.engine_port import ChatJob, JobListener
from app.core.server.engine_thread import EngineThread
from app.core.server.http_server import HttpServer
from app.core.server.security import ServerSettings
from tests.projector_factory import write_audio_projector, write_gemma3nv_projector

LOAD_TIMEOUT_S = 60
EOG_BANNED = {"106": -100, "1": -100}  # <end_of_turn>, <eos>: the answer runs to max_tokens


class RecordingPort:
    """The real EngineThread, with every submitted job kept so a test can look at how it ended."""

    def __init__(self, engine: EngineThread) -> None:
        self.engine = engine
        self.jobs: list[JobListener] = []
        self.submitted: list[ChatJob] = []

    def model(self):
        return self.engine.model()

    def submit(self, job: ChatJob, listener: JobListener):
        self.jobs.append(listener)
        self.submitted.append(job)
        return self.engine.submit(job, listener)


@dataclass
class Served:
    http: HttpServer
    engine: EngineThread
    port: RecordingPort
    api_key: str | None = None
    clients: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.http.url

    def client(self, **options) -> openai.OpenAI:
        options.setdefault("api_key", self.api_key or "unused")
        options.setdefault("max_retries", 0)
        options.setdefault("timeout", 120)
        client = openai.OpenAI(base_url=f"{self.url}/v1", **options)
        self.clients.append(client)
        return client


@contextlib.contextmanager
def serving(options: LoadOptions, api_key: str | None = None, start_engine: bool = True):
    engine = EngineThread(options)
    port = RecordingPort(engine)
    settings = ServerSettings.create("127.0.0.1", 0, api_key)
    http = HttpServer(create_app(port, settings), settings, log_level="warning")
    http.start_in_thread()
    served = Served(http, engine, port, api_key)
    if start_engine:
        engine.start()
        assert engine.settled.wait(LOAD_TIMEOUT_S), "the model did not load in time"
    try:
        yield served
    finally:
        for client in served.clients:
            client.close()
        http.stop()
        assert engine.close(), "the engine thread did not end"


def model_options(model: Path, projector: Path | None = None, n_ctx: int = 2048) -> LoadOptions:
    return LoadOptions(model_path=model, projector_path=projector, n_ctx=n_ctx, n_threads=1)  # 1: llama.cpp threads spin, and these cores are shared


@pytest.fixture(scope="module")
def text_server(gemma_model_path):
    with serving(model_options(gemma_model_path)) as served:
        yield served


@pytest.fixture(scope="module")
def vision_server(gemma_model_path, tmp_path_factory):
    projector = write_gemma3nv_projector(tmp_path_factory.mktemp("vision") / "mmproj-gemma3nv.gguf")
    with serving(model_options(gemma_model_path, projector)) as served:
        yield served


@pytest.fixture(scope="module")
def hearing_server(gemma_model_path, tmp_path_factory):
    projector = write_audio_projector(tmp_path_factory.mktemp("audio") / "mmproj-audio.gguf", kind="gemma4ua")
    with serving(model_options(gemma_model_path, projector, n_ctx=4096)) as served:
        yield served


def png_bytes(width: int = 48, height: int = 32, color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def speech_like(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * rng.standard_normal(t.size))).astype(np.float32)


def wav_bytes(samples: np.ndarray, rate: int = 16_000) -> bytes:
    import soundfile

    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()
