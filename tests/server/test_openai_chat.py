"""Chat through the official `openai` client: streaming, usage, stop strings, images."""

import base64

import openai
import pytest

from app.core.chat.images import prepare_image
from tests.projector_factory import GEMMA3NV_IMAGE_TOKENS
from tests.server.conftest import EOG_BANNED, png_bytes

GREEDY = {"model": "gemma", "temperature": 0, "logit_bias": EOG_BANNED}


def ask(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def test_streaming_chat_matches_the_plain_answer_and_reports_usage(text_server):
    client = text_server.client()
    plain = client.chat.completions.create(messages=ask("Name a colour."), max_tokens=6, **GREEDY)
    stream = client.chat.completions.create(
        messages=ask("Name a colour."), max_tokens=6, stream=True, stream_options={"include_usage": True}, **GREEDY
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["length"]
    assert len({chunk.id for chunk in chunks}) == 1
    usage = chunks[-1].usage
    assert (usage.prompt_tokens, usage.completion_tokens) == (plain.usage.prompt_tokens, 6)
    assert text == plain.choices[0].message.content
    assert plain.choices[0].finish_reason == "length"
    assert plain.model == text_server.engine.model().model_id


def test_stop_string_cuts_the_answer_and_ends_the_job(text_server):
    client = text_server.client()
    full = client.chat.completions.create(messages=ask("Tell me a story."), max_tokens=12, **GREEDY)
    content = full.choices[0].message.content
    stop = content[len(content) // 2 : len(content) // 2 + 3]
    assert stop.strip(), f"need a visible stop string in {content!r}"
    cut = client.chat.completions.create(messages=ask("Tell me a story."), max_tokens=12, stop=[stop], **GREEDY)
    assert cut.choices[0].message.content == content[: content.index(stop)]
    assert cut.choices[0].finish_reason == "stop"
    assert cut.usage.completion_tokens < 12, "the engine stopped once the stop string came"

    streamed = client.chat.completions.create(
        messages=ask("Tell me a story."), max_tokens=12, stop=stop, stream=True, **GREEDY
    )
    pieces = [c.choices[0].delta.content or "" for c in streamed if c.choices]
    assert "".join(pieces) == content[: content.index(stop)]


def test_seed_makes_sampling_repeatable(text_server):
    client = text_server.client()
    options = {"model": "gemma", "messages": ask("Say something."), "max_tokens": 8, "seed": 1234,
               "temperature": 1.0, "top_p": 0.9, "extra_body": {"top_k": 40}, "logit_bias": EOG_BANNED}
    # The first ask evaluates the prompt in one batch; the repeats reuse it and evaluate only its
    # last token, whose logits can differ in the last bits. So compare two repeats.
    client.chat.completions.create(**options)
    first = client.chat.completions.create(**options).choices[0].message.content
    second = client.chat.completions.create(**options).choices[0].message.content
    other_seed = client.chat.completions.create(**{**options, "seed": 99}).choices[0].message.content
    assert first == second
    assert other_seed != first


def data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def image_message(url: str, text: str = "What colour is this?") -> list[dict]:
    return [{"role": "user", "content": [{"type": "text", "text": text},
                                         {"type": "image_url", "image_url": {"url": url}}]}]


def test_image_as_data_uri_reaches_the_model(vision_server):
    client = vision_server.client()
    text_only = client.chat.completions.create(messages=ask("What colour is this?"), max_tokens=1, **GREEDY)
    answer = client.chat.completions.create(messages=image_message(data_uri(png_bytes())), max_tokens=3, **GREEDY)
    assert answer.usage.completion_tokens == 3
    engine = vision_server.engine.engine
    image_units = [unit for unit in engine.cached_units if not isinstance(unit, int)]
    assert [unit.kind for unit in image_units] == ["image"]
    assert image_units[0].key.startswith(prepare_image(png_bytes()).sha256)
    # Image tokens, <start/end_of_image> and the "\n\n" either side, on top of the same text turn.
    assert answer.usage.prompt_tokens >= text_only.usage.prompt_tokens + GEMMA3NV_IMAGE_TOKENS


def test_remote_image_url_is_refused_not_fetched(vision_server):
    with pytest.raises(openai.BadRequestError) as caught:
        vision_server.client().chat.completions.create(
            messages=image_message("https://example.com/cat.png"), max_tokens=1, model="gemma")
    assert "offline" in caught.value.message and "data: URI" in caught.value.message
    assert caught.value.body["param"] == "image_url"


def test_broken_image_gets_the_windows_sentence(vision_server):
    with pytest.raises(openai.BadRequestError) as caught:
        vision_server.client().chat.completions.create(
            messages=image_message(data_uri(b"not a picture at all")), max_tokens=1, model="gemma")
    assert caught.value.body["message"] == (
        "image 1 in message 1 is not an image Gemma Desk can read (PNG, JPEG, WebP, BMP, GIF or TIFF).")


def test_image_larger_than_20_mb_is_413(vision_server):
    big = png_bytes() + b"\0" * (21 * 1024 * 1024)
    with pytest.raises(openai.APIStatusError) as caught:
        vision_server.client().chat.completions.create(messages=image_message(data_uri(big)), max_tokens=1, model="g")
    assert caught.value.status_code == 413
    assert "20 MB" in caught.value.message


def test_image_to_a_model_without_projector_is_refused_clearly(text_server):
    with pytest.raises(openai.BadRequestError) as caught:
        text_server.client().chat.completions.create(
            messages=image_message(data_uri(png_bytes())), max_tokens=1, model="gemma")
    assert "cannot see images" in caught.value.message and "--mmproj" in caught.value.message
