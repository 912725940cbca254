"""The cheap Python checks that run before llama.cpp sees a file: each of these files aborted or
crashed the process (issue 13), and each is now a sentence naming the file."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import numpy as np
import pytest

from app.core.chat.images import ImageError, prepare_image
from app.core.models.gguf_file import ModelFileError, inspect_model
from app.core.models.projector_file import ProjectorError, inspect_projector
from tests.bad_inputs.gguf_edit import V, edit_model_metadata, edit_small_gguf
from tests.model_factory import write_synthetic_model
from tests.projector_factory import write_audio_projector, write_gemma3_projector


def synthetic(path: Path, **changes) -> Path:
    return write_synthetic_model(path, architecture="gemma3", block_count=changes.pop("block_count", 2),
                                 per_layer_table=False, **changes)


@pytest.mark.parametrize("blocks", [0, 513, 100_000])
def test_layer_counts_beyond_llama_cpp_limits_are_refused(tmp_path, blocks) -> None:
    path = edit_model_metadata(synthetic(tmp_path / "two.gguf"), tmp_path / "layers.gguf",
                               {"gemma3.block_count": (blocks, V.UINT32)})
    with pytest.raises(ModelFileError, match=rf"layers\.gguf is damaged .*block_count is {blocks}, and llama\.cpp takes 1 to 512"):
        inspect_model(path)


def test_512_layers_are_allowed(tmp_path) -> None:
    path = edit_model_metadata(synthetic(tmp_path / "two.gguf"), tmp_path / "deep.gguf",
                               {"gemma3.block_count": (512, V.UINT32)})
    assert inspect_model(path).block_count == 512


@pytest.mark.parametrize("alignment", [0, 48])
def test_an_alignment_that_is_not_a_power_of_two_is_refused(tmp_path, alignment) -> None:
    path = synthetic(tmp_path / "aligned.gguf", extra_keys={"general.alignment": alignment})
    with pytest.raises(ModelFileError, match=rf"aligned\.gguf .*general\.alignment is {alignment}, not a power of two"):
        inspect_model(path)


def test_an_absurd_context_length_is_refused(tmp_path) -> None:
    path = synthetic(tmp_path / "long.gguf", context_length=2**32 - 1)
    with pytest.raises(ModelFileError, match=r"long\.gguf .*context_length is 4294967295"):
        inspect_model(path)


def test_a_symlink_loop_as_the_model_is_a_sentence(tmp_path) -> None:
    loop = tmp_path / "loop.gguf"
    os.symlink(loop, loop)
    with pytest.raises(ModelFileError, match=r"loop\.gguf is a symbolic link that leads back to itself"):
        inspect_model(loop)


def test_a_fifo_as_the_model_is_refused_without_reading_it(tmp_path) -> None:
    fifo = tmp_path / "pipe.gguf"
    os.mkfifo(fifo)
    with pytest.raises(ModelFileError, match=r"pipe\.gguf is a pipe, socket or device"):
        inspect_model(fifo)


def test_a_fifo_named_png_is_refused_without_blocking(tmp_path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    def blocked(*_) -> None:
        raise TimeoutError("prepare_image blocked on the FIFO")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(5)
    try:
        with pytest.raises(ImageError, match=r"pipe\.png is a pipe, socket or device, not an image"):
            prepare_image(fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_dev_zero_as_an_image_is_refused_without_reading_it() -> None:
    with pytest.raises(ImageError, match=r"/dev/zero is a pipe, socket or device"):
        prepare_image(Path("/dev/zero"))


def test_symlink_loops_beside_the_model_are_passed_over(tmp_path) -> None:
    from app.core.models.projector_file import find_audio_encoder_beside, find_projector_beside

    model = synthetic(tmp_path / "model.gguf")
    for name in ("mmproj-loop.gguf", "audio-encoder-loop.gguf"):
        os.symlink(tmp_path / name, tmp_path / name)
    assert find_projector_beside(model) is None
    assert find_audio_encoder_beside(model) is None


def gemma3_with(tmp_path: Path, **edits) -> Path:
    return edit_small_gguf(write_gemma3_projector(tmp_path / "good.gguf"), tmp_path / "mmproj-bad.gguf", **edits)


@pytest.mark.parametrize("edits, message", [
    ({"drop_tensors": ("v.blk.0.attn_q.weight",)}, r"incomplete: it has no v\.blk\.0\.attn_q\.weight tensor"),
    ({"drop_tensors": ("v.patch_embd.weight",)}, r"incomplete: it has no v\.patch_embd\.weight tensor"),
    ({"set_uint32": {"clip.vision.attention.head_count": 3}}, r"64 wide with 3 attention heads"),
    ({"replace": {"v.blk.0.attn_k.weight": np.zeros((64, 32), np.float32)}},
     r"v\.blk\.0\.attn_k\.weight tensor is 32×64, where this projector needs 64×64"),
    ({"transpose": ("v.patch_embd.weight",)}, r"v\.patch_embd\.weight tensor is 64×3×8×8"),
])
def test_gemma3_projector_layout_problems_are_sentences(tmp_path, edits, message) -> None:
    with pytest.raises(ProjectorError, match=r"mmproj-bad\.gguf is .*" + message):
        inspect_projector(gemma3_with(tmp_path, **edits))


def test_ultravox_stack_factor_must_divide_1500(tmp_path) -> None:
    good = write_audio_projector(tmp_path / "good.gguf", kind="ultravox")
    bad = edit_small_gguf(good, tmp_path / "mmproj-uv.gguf", set_uint32={"clip.audio.projector.stack_factor": 7})
    with pytest.raises(ProjectorError, match=r"mmproj-uv\.gguf is damaged: its stack factor 7 does not divide the 1500"):
        inspect_projector(bad)
    assert inspect_projector(good).audio_projector_type == "ultravox"


def test_the_generated_projectors_pass(tmp_path) -> None:
    assert inspect_projector(write_gemma3_projector(tmp_path / "g3.gguf")).has_vision
    assert inspect_projector(write_audio_projector(tmp_path / "ua.gguf")).has_audio


def test_the_models_folder_scan_lists_loops_and_pipes_as_broken(tmp_path) -> None:
    from app.core.models.library import scan_models

    synthetic(tmp_path / "good.gguf")
    os.symlink(tmp_path / "loop.gguf", tmp_path / "loop.gguf")
    os.mkfifo(tmp_path / "pipe.gguf")
    library = scan_models([tmp_path])
    assert [model.path.name for model in library.models] == ["good.gguf"]
    assert {broken.path.name for broken in library.broken} == {"loop.gguf", "pipe.gguf"}


def test_the_memory_estimate_names_a_damaged_layer_count_instead_of_pricing_it(tmp_path) -> None:
    from app.core.models.memory_estimate import estimate_memory

    path = edit_model_metadata(synthetic(tmp_path / "two.gguf"), tmp_path / "huge.gguf",
                               {"gemma3.block_count": (100_000, V.UINT32)})
    with pytest.raises(ModelFileError, match=r"huge\.gguf is damaged .*block_count is 100000"):
        estimate_memory(path, n_ctx=2048)
