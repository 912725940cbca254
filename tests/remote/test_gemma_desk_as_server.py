"""One Gemma Desk as the remote engine of another: `serve` (real llama.cpp) on 127.0.0.1."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
import soundfile

from app.cli import main
from app.core.chat.chat_request import image_item
from app.core.chat.images import prepare_image
from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.remote.open_engine import open_engine
from app.core.remote.remote_engine import RemoteEngine
from app.core.remote.server_address import RemoteError, RemoteServer
from app.core.speech.chunker import chunk_audio
from app.core.speech.transcription import SpeechTask, chunk_message, chunk_sampling, transcribe_chunk
from app.core.task_presets import speech_prompt
from tests.remote.conftest import model_options
from tests.server.conftest import png_bytes, speech_like

GREEDY = SamplingOptions(temperature=0.0, top_k=1, max_tokens=10, seed=3)


def _answer(engine, messages, system="", sampling=GREEDY):
    return [event for event in engine.generate(messages, system, sampling)][-1]


@pytest.fixture
def remote_of(request):
    opened = []

    def connect(served) -> RemoteEngine:
        engine = open_engine(RemoteServer.from_user(served.url))
        opened.append(engine)
        return engine

    yield connect
    for engine in opened:
        engine.close()


def test_the_remote_answer_is_the_local_answer(text_server, remote_of, gemma_model_path):
    """The system prompt travels as a system message and the server's template puts it where ours would."""
    remote = remote_of(text_server)
    messages = [ChatMessage("user", "Name a colour."), ChatMessage("model", "Blue."), ChatMessage("user", "Another?")]
    remote_result = _answer(remote, messages, "Answer with one word.")
    local = ChatEngine(model_options(gemma_model_path))
    try:
        local_result = _answer(local, messages, "Answer with one word.")
    finally:
        local.close()
    assert remote_result.text == local_result.text
    assert remote_result.prompt_tokens == local_result.prompt_tokens
    assert remote_result.stop_reason == local_result.stop_reason


def test_what_the_server_cannot_do_is_refused_with_its_reason(text_server, remote_of):
    remote = remote_of(text_server)
    assert remote.n_ctx == 2048 and remote.model_info.name == text_server.engine.options.model_path.stem
    assert not remote.supports_images and not remote.supports_audio
    assert "cannot hear audio" in str(remote.speech_unavailable)
    sent_before = len(text_server.port.submitted)
    image = image_item(prepare_image(png_bytes(), name="red.png"))
    with pytest.raises(RemoteError, match="cannot see images"):
        _answer(remote, [ChatMessage("user", "What is it?", media=(image,))])
    assert len(text_server.port.submitted) == sent_before  # refused here, nothing sent


def test_an_image_arrives_byte_for_byte(vision_server, remote_of):
    remote = remote_of(vision_server)
    assert remote.supports_images
    original = png_bytes(20, 10, (0, 90, 200))
    image = image_item(prepare_image(original, name="blue.png"))
    result = _answer(remote, [ChatMessage("user", "What colour?", media=(image,))], sampling=SamplingOptions(max_tokens=2))
    assert result.stop_reason in ("max_tokens", "end_of_turn")
    received = vision_server.port.submitted[-1].messages[-1].media[0]
    assert received.kind == "image" and received.key == hashlib.sha256(original).hexdigest()


def test_dictation_uses_the_transcription_route_and_translation_uses_chat(hearing_server, remote_of):
    remote = remote_of(hearing_server)
    chunk = chunk_audio(speech_like(3.0, seed=4))[0]
    transcript = list(transcribe_chunk(remote, chunk, SpeechTask(None), max_tokens=4))
    assert remote.has_transcriptions is True
    assert isinstance(transcript[-1], GenerationResult) and transcript[-1].stop_reason == "end_of_turn"
    assert transcript[-1].text == "".join(p.text for p in transcript[:-1] if isinstance(p, TokenPiece)).strip()
    heard = hearing_server.port.submitted[-1]
    assert heard.messages[0].text == speech_prompt(None)
    assert heard.messages[0].media[0].kind == "audio"
    assert abs(heard.messages[0].media[0].payload.size - chunk.samples.size) <= 1

    french = chunk_message(chunk, SpeechTask("French"))
    _answer(remote, [french], sampling=chunk_sampling(chunk, 4))
    asked = hearing_server.port.submitted[-1]
    assert asked.messages[0].text == speech_prompt("French")  # a chat turn with input_audio
    assert asked.sampling.max_tokens == 4


def test_cli_chat_and_transcribe_against_a_server(text_server, hearing_server, tmp_path, capsys):
    assert main(["chat", "--server", text_server.url, "--max-tokens", "6", "--temperature", "0", "Hello"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip()
    assert f"on the server at {text_server.url}" in captured.err
    recording = tmp_path / "talk.wav"
    soundfile.write(recording, speech_like(2.0, seed=5), 16_000)
    assert main(["transcribe", "--server", hearing_server.url, "--max-tokens", "4", str(recording)]) == 0
    assert "[00:00" in capsys.readouterr().out
    assert main(["transcribe", "--server", text_server.url, str(recording)]) == 2
    assert "cannot hear audio" in capsys.readouterr().err
