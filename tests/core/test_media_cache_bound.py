"""The projector's tokenized-media cache is a small LRU: a chat full of pictures does not keep
every image's preprocessed pixels, and a piece a plan still holds stays valid after eviction."""

from __future__ import annotations

import gc
import io

import pytest
from PIL import Image

from app.core.chat.images import prepare_image
from app.core.engine.engine import ChatEngine
from app.core.engine.media_projector import MEDIA_CACHE_ITEMS, EncodedPiece
from app.core.engine.options import LoadOptions
from app.core.engine.prompt_format import ChatMessage, MediaItem
from tests.projector_factory import write_gemma3nv_projector


@pytest.fixture(scope="module")
def engine(gemma_model_path, tmp_path_factory):
    projector = write_gemma3nv_projector(tmp_path_factory.mktemp("mmproj") / "mmproj-gemma3nv.gguf")
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    yield engine
    engine.close()


def picture(shade: int):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (shade, 40, 200)).save(buffer, format="PNG")
    return prepare_image(buffer.getvalue(), name=f"picture-{shade}.png")


def tokenize(engine, index: int):
    return engine.projector.tokenize("image", f"picture-{index}", picture(index))


def test_old_images_leave_the_cache_and_are_freed(engine):
    first = tokenize(engine, 0)
    held_piece = next(piece for piece in first.pieces if isinstance(piece, EncodedPiece))
    first_free = first.owner.free
    later = [tokenize(engine, index) for index in range(1, MEDIA_CACHE_ITEMS + 4)]
    del first, later
    gc.collect()
    assert first_free.alive, "a piece still held by a plan keeps its chunks"
    assert tokenize(engine, MEDIA_CACHE_ITEMS + 3) is tokenize(engine, MEDIA_CACHE_ITEMS + 3), "recent ones are reused"
    again = tokenize(engine, 0)
    assert again.owner is not held_piece.owner, "the oldest image was evicted and tokenized anew"
    del held_piece
    gc.collect()
    assert not first_free.alive, "the evicted chunks are freed once nothing holds them"


def test_a_used_image_stays_while_newer_ones_come(engine):
    kept = tokenize(engine, 100)
    for index in range(101, 101 + MEDIA_CACHE_ITEMS * 2):
        tokenize(engine, index)
        assert tokenize(engine, 100) is kept, "using an image makes it the most recent"


def test_a_chat_with_more_images_than_the_cache_still_answers(engine):
    items = [MediaItem("image", f"chat-{index}", picture(200 + index)) for index in range(MEDIA_CACHE_ITEMS + 2)]
    messages = [ChatMessage("user", "Describe these.", media=tuple(items))]
    plan = engine.plan(messages)
    assert len(plan.media_units) == MEDIA_CACHE_ITEMS + 2
    engine.evaluate(plan.units)  # every piece, evicted or not, is still valid to evaluate
