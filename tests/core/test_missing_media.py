"""A stored image that is gone or damaged no longer makes the conversation unanswerable
(issue 19 #7): the turn goes on with a short placeholder and the result names the lost image."""

import io

import pytest
from PIL import Image

from app.core.chat.chat_request import image_item, stored_image_item
from app.core.chat.images import prepare_image
from app.core.engine.engine import MISSING_MEDIA_TEXT, ChatEngine, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.engine.prompt_plan import MediaUnit
from tests.projector_factory import write_gemma3_projector

START_OF_IMAGE = 255999
GREEDY = SamplingOptions(temperature=0.0, max_tokens=4, logit_bias={106: -100.0, 1: -100.0})


def png_bytes(color=(20, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def vision_engine(gemma_model_path, tmp_path_factory):
    projector = write_gemma3_projector(tmp_path_factory.mktemp("proj") / "mmproj-gemma3.gguf")
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=1024, n_threads=1))
    yield engine
    engine.close()


class CountingReader:
    """Reads a stored file the way the store does, and counts the reads."""

    def __init__(self, path):
        self.path, self.calls = path, 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.path.read_bytes()


def conversation(stored_item, question="What colour was it?"):
    return [
        ChatMessage("user", "Look at this.", media=(stored_item,)),
        ChatMessage("model", "I see it."),
        ChatMessage("user", question),
    ]


def run(engine, messages):
    for event in engine.generate(messages, "", GREEDY):
        if not isinstance(event, TokenPiece):
            return event


@pytest.mark.parametrize("damage", ["deleted", "damaged"])
def test_a_lost_stored_image_is_skipped_and_named(vision_engine, tmp_path, damage):
    stored = tmp_path / f"{damage}.png"
    stored.write_bytes(png_bytes() if damage == "deleted" else b"\x89PNG\r\n\x1a\n not really")
    if damage == "deleted":
        stored.unlink()
    reader = CountingReader(stored)
    item = stored_image_item(f"sha-{damage}", "holiday.png", reader)

    result = run(vision_engine, conversation(item))
    assert result.stop_reason in ("max_tokens", "end_of_turn")
    assert result.skipped_media == ["holiday.png"]

    plan = vision_engine.plan(conversation(item))
    placeholder = vision_engine.tokenize_text(MISSING_MEDIA_TEXT["image"])
    assert vision_engine.detokenize(placeholder) == "[image missing]"
    assert not plan.media_units and START_OF_IMAGE not in plan.token_ids
    # Where the image was, between the "\n\n" its slot always has around it: "[image missing]".
    special = lambda text: vision_engine.llama.tokenize(text.encode(), add_bos=False, special=True)  # noqa: E731
    assert plan.token_ids == (
        [2] + special("<start_of_turn>user\n\n\n") + placeholder
        + special("\n\nLook at this.<end_of_turn>\n<start_of_turn>model\nI see it.<end_of_turn>\n"
                  "<start_of_turn>user\nWhat colour was it?<end_of_turn>\n<start_of_turn>model\n")
    )

    again = run(vision_engine, conversation(item, "And its shape?"))
    assert again.skipped_media == ["holiday.png"]
    assert again.evaluated_units < 20, "the placeholder keeps the cached prefix valid"
    assert reader.calls == 1, "a lost file is not read again on every turn"


def test_an_image_that_is_still_there_goes_in_as_an_image(vision_engine, tmp_path):
    stored = tmp_path / "fine.png"
    stored.write_bytes(png_bytes((200, 10, 10)))
    item = stored_image_item("sha-fine", "fine.png", CountingReader(stored))
    result = run(vision_engine, conversation(item))
    assert result.skipped_media == []
    assert any(isinstance(unit, MediaUnit) for unit in vision_engine.plan(conversation(item)).units)


def test_only_the_lost_image_is_skipped(vision_engine, tmp_path):
    fresh = image_item(prepare_image(png_bytes((0, 200, 0)), name="new.png"))
    lost = stored_image_item("sha-gone", "gone.png", CountingReader(tmp_path / "gone.png"))
    messages = [
        ChatMessage("user", "First.", media=(lost,)),
        ChatMessage("model", "Ok."),
        ChatMessage("user", "And this one?", media=(fresh,)),
    ]
    result = run(vision_engine, messages)
    assert result.skipped_media == ["gone.png"]
    assert len(vision_engine.plan(messages).media_units) == 1
