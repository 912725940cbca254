"""inspect_projector / check_projector_pairs_with / find_projector_beside, read with gguf only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import gguf
import numpy as np
import pytest

from app.core.models.projector_file import (
    ProjectorError,
    check_projector_pairs_with,
    find_projector_beside,
    inspect_projector,
)
from tests.projector_factory import (
    write_audio_projector,
    write_gemma3_projector,
    write_gemma3nv_projector,
    write_mismatched_projector,
)


def write_gguf(path: Path, architecture: str, keys: Callable[[gguf.GGUFWriter], None],
               tensors: dict[str, tuple[int, ...]]) -> Path:
    writer = gguf.GGUFWriter(str(path), architecture)
    keys(writer)
    for name, shape in tensors.items():
        writer.add_tensor(name, np.zeros(shape, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def gemma3n_like(path: Path, *, vision: bool = True, int32_image_size: bool = False,
                 vision_type: str = "gemma3nv") -> Path:
    """Metadata shaped like Gemma 3n's real projector: vision gemma3nv and audio gemma3na."""

    def keys(writer: gguf.GGUFWriter) -> None:
        writer.add_bool("clip.has_vision_encoder", vision)
        writer.add_bool("clip.has_audio_encoder", True)
        writer.add_string("clip.vision.projector_type", vision_type)
        writer.add_string("clip.audio.projector_type", "gemma3na")
        (writer.add_int32 if int32_image_size else writer.add_uint32)("clip.vision.image_size", 768)
        writer.add_uint32("clip.audio.projection_dim", 640)

    return write_gguf(path, "clip", keys, {
        "mm.input_projection.weight": (640, 640),
        "mm.a.input_projection.weight": (640, 24),  # numpy (out, in): ggml ne [24, 640]
    })


@pytest.mark.parametrize(
    ("write", "vision_type", "audio_type"),
    [
        (write_gemma3nv_projector, "gemma3nv", None),
        (write_gemma3_projector, "gemma3", None),
        (lambda path: write_audio_projector(path, kind="gemma4ua"), None, "gemma4ua"),
        (lambda path: write_audio_projector(path, kind="ultravox"), None, "ultravox"),
    ],
    ids=["gemma3nv", "gemma3", "gemma4ua", "ultravox"],
)
def test_factory_projectors_are_inspected_right(tmp_path: Path, write, vision_type, audio_type) -> None:
    path = write(tmp_path / "mmproj-tiny.gguf")
    info = inspect_projector(path)
    assert (info.path, info.size_bytes) == (path, path.stat().st_size)
    assert (info.has_vision, info.vision_projector_type) == (vision_type is not None, vision_type)
    assert (info.has_audio, info.audio_projector_type) == (audio_type is not None, audio_type)
    assert info.projection_dim == 640
    check_projector_pairs_with(info, 640)


def test_mismatched_projector_is_refused_with_our_message(tmp_path: Path) -> None:
    info = inspect_projector(write_mismatched_projector(tmp_path / "mmproj-foo.gguf"))
    assert info.projection_dim == 512
    with pytest.raises(ProjectorError) as caught:
        check_projector_pairs_with(info, 640)
    assert str(caught.value) == (
        "mmproj-foo.gguf makes 512-wide embeddings but the model needs 640: "
        "this projector belongs to another model."
    )


@pytest.mark.parametrize("kind", ["gemma4ua", "ultravox"])
def test_audio_projector_width_comes_from_its_output_tensor(tmp_path: Path, kind: str) -> None:
    info = inspect_projector(write_audio_projector(tmp_path / "a.gguf", n_embd=512, kind=kind))
    assert info.projection_dim == 512


def test_gemma3n_projector_reports_vision_and_audio(tmp_path: Path) -> None:
    info = inspect_projector(gemma3n_like(tmp_path / "mmproj-gemma-3n.gguf"))
    assert (info.vision_projector_type, info.audio_projector_type) == ("gemma3nv", "gemma3na")
    assert info.has_vision and info.has_audio
    assert not info.runs_audio  # libmtmd skips Gemma 3n's audio encoder
    check_projector_pairs_with(info, 640)


def test_projector_with_only_gemma3n_audio_is_refused(tmp_path: Path) -> None:
    info = inspect_projector(gemma3n_like(tmp_path / "audio-only.gguf", vision=False))
    with pytest.raises(ProjectorError, match=r"audio-only\.gguf only has a gemma3na audio encoder"):
        check_projector_pairs_with(info, 640)


def test_text_file_is_not_a_projector(tmp_path: Path) -> None:
    path = tmp_path / "mmproj-readme.gguf"
    path.write_text("This is not a model.\n")
    with pytest.raises(ProjectorError, match=r"mmproj-readme\.gguf is not a GGUF file"):
        inspect_projector(path)


def test_empty_and_missing_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.gguf").write_bytes(b"")
    with pytest.raises(ProjectorError, match=r"empty\.gguf"):
        inspect_projector(tmp_path / "empty.gguf")
    with pytest.raises(ProjectorError, match=r"gone\.gguf does not exist"):
        inspect_projector(tmp_path / "gone.gguf")


def test_language_model_is_not_a_projector(gemma_model_path: Path) -> None:
    with pytest.raises(ProjectorError, match=r"is a gemma3 language model, not a vision/audio projector"):
        inspect_projector(gemma_model_path)


def test_unknown_projector_type_is_refused(tmp_path: Path) -> None:
    path = gemma3n_like(tmp_path / "future.gguf", vision_type="gemma9v")
    with pytest.raises(ProjectorError, match=r"future\.gguf uses the vision projector type 'gemma9v'"):
        inspect_projector(path)


def test_key_of_the_wrong_type_is_refused_before_llama_cpp_would_abort(tmp_path: Path) -> None:
    path = gemma3n_like(tmp_path / "int32.gguf", int32_image_size=True)
    with pytest.raises(ProjectorError, match=r"clip\.vision\.image_size is stored as INT32 but llama\.cpp needs UINT32"):
        inspect_projector(path)


def test_projector_without_its_projection_tensor_is_refused(tmp_path: Path) -> None:
    def keys(writer: gguf.GGUFWriter) -> None:
        writer.add_bool("clip.has_vision_encoder", True)
        writer.add_string("clip.vision.projector_type", "gemma3")

    path = write_gguf(tmp_path / "hollow.gguf", "clip", keys, {"v.patch_embd.weight": (4, 3, 2, 2)})
    with pytest.raises(ProjectorError, match=r"hollow\.gguf is incomplete: it has no mm\.input_projection\.weight"):
        inspect_projector(path)


def test_clip_file_without_encoders_is_refused(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "bare.gguf", "clip", lambda writer: None, {"x": (2,)})
    with pytest.raises(ProjectorError, match=r"bare\.gguf has neither a vision nor an audio encoder"):
        inspect_projector(path)


def touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_bytes(b"")


def test_find_projector_prefers_the_one_named_after_the_model(tmp_path: Path) -> None:
    touch(tmp_path, "gemma-3n-E2B-it-Q4_K_M.gguf", "gemma-3n-E4B-it-Q8_0.gguf",
          "mmproj-gemma-3n-E4B-it-F16.gguf", "mmproj-gemma-3n-E2B-it-Q8_0.gguf",
          "mmproj-gemma-3n-E2B-it-F16.gguf", "mmproj-F16.gguf")
    assert find_projector_beside(tmp_path / "gemma-3n-E2B-it-Q4_K_M.gguf") == tmp_path / "mmproj-gemma-3n-E2B-it-F16.gguf"
    assert find_projector_beside(tmp_path / "gemma-3n-E4B-it-Q8_0.gguf") == tmp_path / "mmproj-gemma-3n-E4B-it-F16.gguf"


def test_find_projector_takes_a_generic_name(tmp_path: Path) -> None:
    touch(tmp_path, "google_gemma-3n-E2B-it-UD-Q4_K_XL.gguf", "mmproj-BF16.gguf", "mmproj-F16.gguf",
          "mmproj-gemma-3-4b-it-f16.gguf")
    assert find_projector_beside(tmp_path / "google_gemma-3n-E2B-it-UD-Q4_K_XL.gguf") == tmp_path / "mmproj-BF16.gguf"


def test_find_projector_takes_a_lone_projector_but_not_one_of_several_strangers(tmp_path: Path) -> None:
    touch(tmp_path, "model.gguf", "mmproj-other-model-f16.gguf")
    assert find_projector_beside(tmp_path / "model.gguf") == tmp_path / "mmproj-other-model-f16.gguf"
    touch(tmp_path, "mmproj-third-model-f16.gguf")
    assert find_projector_beside(tmp_path / "model.gguf") is None


def test_find_projector_ignores_non_projectors(tmp_path: Path) -> None:
    touch(tmp_path, "gemma-3n-E2B-it-Q4_K_M.gguf", "gemma-3n-E2B-it-Q8_0.gguf", "mmproj-notes.txt")
    assert find_projector_beside(tmp_path / "gemma-3n-E2B-it-Q4_K_M.gguf") is None
