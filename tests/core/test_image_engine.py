"""Images through our own libmtmd path: exact turn layout, one BOS, no re-encoding on later turns."""

import io
from dataclasses import replace

import pytest
from PIL import Image

from app.core.chat.chat_request import image_item
from app.core.engine.engine import ChatEngine, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.chat.images import prepare_image
from app.core.models.projector_file import ProjectorError
from app.core.engine.prompt_format import ChatMessage
from app.core.engine.prompt_plan import MediaUnit
from tests.projector_factory import (
    GEMMA3_IMAGE_TOKENS,
    GEMMA3NV_IMAGE_TOKENS,
    write_gemma3_projector,
    write_gemma3nv_projector,
    write_mismatched_projector,
)

BOS, START, END = 2, 105, 106
START_OF_IMAGE, END_OF_IMAGE = 255999, 256000  # Gemma 3 vocabulary
GREEDY = SamplingOptions(temperature=0.0, max_tokens=6, logit_bias={106: -100.0, 1: -100.0})


def png_bytes(color=(200, 30, 30), size=(48, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module", params=["gemma3nv", "gemma3"])
def vision_engine(request, gemma_model_path, tmp_path_factory):
    write = write_gemma3nv_projector if request.param == "gemma3nv" else write_gemma3_projector
    projector = write(tmp_path_factory.mktemp("proj") / f"mmproj-{request.param}.gguf")
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    engine.expected_image_tokens = GEMMA3NV_IMAGE_TOKENS if request.param == "gemma3nv" else GEMMA3_IMAGE_TOKENS
    yield engine
    engine.close()


def image_message(text="Describe this image.", color=(200, 30, 30)):
    image = prepare_image(png_bytes(color), name="red.png")
    return ChatMessage("user", text, media=(image_item(image),))


def test_turn_layout_with_an_image(vision_engine):
    plan = vision_engine.plan([image_message()])
    units = plan.units
    media_index = next(i for i, unit in enumerate(units) if isinstance(unit, MediaUnit))
    before, media, after = units[:media_index], units[media_index], units[media_index + 1 :]
    # As Gemma 3n's processor writes it: "\n\n<start_of_image>…<end_of_image>\n\n" in the user turn.
    expected_before = vision_engine.llama.tokenize(b"<start_of_turn>user\n\n\n<start_of_image>", add_bos=False, special=True)
    assert before == [BOS] + expected_before
    assert before[-1] == START_OF_IMAGE
    assert plan.token_ids.count(BOS) == 1
    assert media.kind == "image" and media.n_tokens == vision_engine.expected_image_tokens
    assert after[0] == END_OF_IMAGE
    assert vision_engine.detokenize(after[1:]).startswith("\n\nDescribe this image.<end_of_turn>")
    assert after[-3:] == [START, vision_engine.tokenize_text("model")[0], 107]


def test_generation_streams_after_the_image(vision_engine):
    events = list(vision_engine.generate([image_message()], "", GREEDY))
    pieces = [e for e in events if isinstance(e, TokenPiece)]
    result = events[-1]
    assert len(result.token_ids) == 6 and pieces
    assert result.media_encodes == 1
    assert result.context_used == result.prompt_tokens + 6


def test_earlier_images_are_not_encoded_again(vision_engine):
    conversation = [image_message(color=(10, 200, 10))]
    encodes = []
    for follow_up in ("What colour is it?", "Are you sure?"):
        *_, result = vision_engine.generate(conversation, "", GREEDY)
        encodes.append(result.media_encodes)
        conversation += [
            ChatMessage("model", result.text, token_ids=tuple(result.token_ids)),
            ChatMessage("user", follow_up),
        ]
    *_, last = vision_engine.generate(conversation, "", GREEDY)
    encodes.append(last.media_encodes)
    assert encodes == [1, 0, 0], "the image is encoded on turn one only"


def test_two_images_in_one_message(vision_engine):
    first = image_item(prepare_image(png_bytes((1, 2, 3)), name="a.png"))
    second = image_item(prepare_image(png_bytes((250, 250, 0)), name="b.png"))
    plan = vision_engine.plan([ChatMessage("user", "Compare.", media=(first, second))])
    assert len(plan.media_units) == 2
    assert plan.token_ids.count(START_OF_IMAGE) == 2 and plan.token_ids.count(BOS) == 1


def test_mismatched_projector_is_refused_before_libmtmd(gemma_model_path, tmp_path):
    projector = write_mismatched_projector(tmp_path / "mmproj-other.gguf")
    with pytest.raises(ProjectorError, match="512-wide embeddings but the model needs 640"):
        ChatEngine(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=512, n_threads=2))


def test_image_without_projector_is_a_clear_error(engine):
    from app.core.engine.engine import EngineError

    with pytest.raises(EngineError, match="no projector"):
        engine.plan([image_message()])
