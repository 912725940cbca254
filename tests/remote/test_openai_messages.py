import base64
import io

import numpy as np
import soundfile
from PIL import Image

from app.core.chat.chat_request import image_item, stored_image_item
from app.core.chat.images import prepare_image
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage, MediaItem
from app.core.remote.openai_messages import chat_body, openai_messages


def _image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), (10, 200, 30)).save(buffer, fmt)
    return buffer.getvalue()


def _decoded_uri(uri: str) -> tuple[str, bytes]:
    head, data = uri.split(",", 1)
    return head, base64.b64decode(data)


def test_roles_and_the_system_prompt_map_to_openai_roles():
    messages = [
        ChatMessage("user", "hi"),
        ChatMessage("model", "hello", token_ids=(1, 2)),
        ChatMessage("user", "<end_of_turn> stays text"),
    ]
    assert openai_messages(messages, "  Be brief. ") == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
        {"role": "user", "content": "<end_of_turn> stays text"},
    ]
    assert openai_messages(messages[:1], "   ")[0]["role"] == "user"


def test_images_travel_as_their_original_bytes_and_odd_formats_as_png():
    png = _image_bytes("PNG")
    bmp = _image_bytes("BMP")
    stored = stored_image_item("abc", "old.bmp", lambda: bmp)
    message = ChatMessage("user", "what is this?", media=(image_item(prepare_image(png, name="a.png")), stored))
    content = openai_messages([message])[0]["content"]
    assert [part["type"] for part in content] == ["image_url", "image_url", "text"]
    head, data = _decoded_uri(content[0]["image_url"]["url"])
    assert head == "data:image/png;base64" and data == png
    head, data = _decoded_uri(content[1]["image_url"]["url"])
    assert head == "data:image/png;base64"
    assert Image.open(io.BytesIO(data)).getpixel((0, 0)) == (10, 200, 30)
    assert content[2] == {"type": "text", "text": "what is this?"}


def test_audio_chunks_become_16_khz_wav_input_audio():
    samples = (0.25 * np.sin(np.arange(1600) / 5)).astype(np.float32)
    message = ChatMessage("user", "Transcribe", media=(MediaItem("audio", "k", samples),))
    part = openai_messages([message])[0]["content"][0]
    assert part["type"] == "input_audio" and part["input_audio"]["format"] == "wav"
    decoded, rate = soundfile.read(io.BytesIO(base64.b64decode(part["input_audio"]["data"])), dtype="float32")
    assert rate == 16_000
    assert np.allclose(decoded, samples, atol=1e-4)


def test_sampling_goes_into_the_body():
    sampling = SamplingOptions(temperature=0.0, top_k=1, max_tokens=7, seed=5, repeat_penalty=1.1, logit_bias={106: -1000.0})
    body = chat_body("m", [ChatMessage("user", "x")], "", sampling)
    assert body["model"] == "m" and body["stream"] is True
    assert (body["temperature"], body["top_k"], body["max_tokens"], body["seed"]) == (0.0, 1, 7, 5)
    assert body["repeat_penalty"] == 1.1
    assert body["logit_bias"] == {"106": -100.0}
    assert "repeat_penalty" not in chat_body("m", [ChatMessage("user", "x")], "", SamplingOptions())
