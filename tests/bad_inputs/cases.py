"""Every bad input of issues 13 and 19, made by code at test time (no committed binaries).

A case writes its files into a folder and says how the command line meets them (`cli_args`) and
what the window's load path gets (`load`: the model and projector to open). Model cases are
copies of the real Gemma 3 270M file with damaged metadata; projector cases are the generated
tiny projectors with one thing broken.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import gguf
import numpy as np

from tests.bad_inputs.gguf_edit import V, edit_model_metadata, edit_small_gguf
from tests.projector_factory import write_audio_projector, write_gemma3_projector

ARCH = "gemma3"


@dataclass(frozen=True)
class Built:
    cli_args: list[str]  # after `python -m app`
    model: Path | None = None  # for the window's load path; None: no window case
    projector: Path | None = None


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, Path], Built]  # (folder, the good 270M model) -> what to run
    cli_fails: bool = True  # False: the command may succeed, it only must not crash
    # In the window: "refused" (the previous model stays), "loads" (nothing wrong to say) or
    # "loads without projector" (the one found beside it is left out, with a notice).
    window: str = "refused"


def _chat(model: Path, *extra: str) -> list[str]:
    return ["chat", "--model", str(model), "--max-tokens", "1", "--ctx", "512", *extra, "hi"]


def _model_case(name: str, changes, alignment_for_layout: int | None = None) -> Case:
    def build(folder: Path, good: Path) -> Built:
        model = edit_model_metadata(good, folder / f"{name}.gguf", changes, alignment_for_layout)
        return Built(_chat(model), model=model)
    return Case(f"model: {name}", build)


def _projector_case(name: str, write: Callable[[Path], Path], *, image: bool = True) -> Case:
    def build(folder: Path, good: Path) -> Built:
        projector = write(folder / f"mmproj-{name}.gguf")
        extra = ["--mmproj", str(projector)]
        if image:
            extra += ["--image", str(_tiny_png(folder))]
        return Built(_chat(good, *extra), model=good, projector=projector)
    return Case(f"projector: {name}", build)


def _gemma3(**edits) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        good = write_gemma3_projector(path.with_name(path.stem + "-good.gguf"))
        return edit_small_gguf(good, path, **edits)
    return write


def _audio(kind: str, **edits) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        good = write_audio_projector(path.with_name(path.stem + "-good.gguf"), kind=kind)
        return edit_small_gguf(good, path, **edits) if edits else good
    return write


def _tiny_png(folder: Path) -> Path:
    from PIL import Image

    path = folder / "tiny.png"
    if not path.exists():
        Image.new("RGB", (32, 32), (200, 40, 40)).save(path)
    return path


def _one_sample_wav(kind: str) -> Case:
    def build(folder: Path, good: Path) -> Built:
        import soundfile

        projector = write_audio_projector(folder / f"mmproj-{kind}.gguf", kind=kind)
        wav = folder / "one-sample.wav"
        soundfile.write(str(wav), np.array([0.5], dtype=np.float32), 16000)
        return Built(["transcribe", "--model", str(good), "--mmproj", str(projector), "--ctx", "1024",
                      "--max-tokens", "1", str(wav)])
    return Case(f"audio: one-sample WAV through {kind}", build, cli_fails=False)


def _fifo_image(folder: Path, good: Path) -> Built:
    fifo = folder / "pipe.png"
    os.mkfifo(fifo)
    projector = write_gemma3_projector(folder / "mmproj.gguf")
    return Built(_chat(good, "--mmproj", str(projector), "--image", str(fifo)))


def _deep_history(folder: Path, good: Path) -> Built:
    history = folder / "history.json"
    history.write_text("[" * 100_000 + "]" * 100_000)
    return Built(_chat(good, "--history", str(history)))


def _dev_zero_image(folder: Path, good: Path) -> Built:
    projector = write_gemma3_projector(folder / "mmproj.gguf")
    return Built(_chat(good, "--mmproj", str(projector), "--image", "/dev/zero"))


def _symlink_loop_as_model(folder: Path, good: Path) -> Built:
    loop = folder / "loop.gguf"
    os.symlink(loop, loop)
    return Built(_chat(loop), model=loop)


def _symlink_loop_beside(folder: Path, good: Path) -> Built:
    model = folder / "model.gguf"
    os.symlink(good, model)
    loop = folder / "mmproj-loop.gguf"
    os.symlink(loop, loop)
    return Built(_chat(model), model=model)


def _truncated_projector_beside(folder: Path, good: Path) -> Built:
    model = folder / "gemma.gguf"
    os.symlink(good, model)
    whole = write_gemma3_projector(folder / "whole.gguf").read_bytes()
    projector = folder / "mmproj-F16.gguf"
    projector.write_bytes(whole[: len(whole) // 2])
    (folder / "whole.gguf").unlink()
    return Built(_chat(model, "--mmproj", str(projector)), model=model)  # window: picked up beside


def _no_start_of_turn(folder: Path, good: Path) -> Built:
    from tests.random_gguf import read_metadata

    tokens = read_metadata(good, "tokenizer.ggml.tokens")["tokenizer.ggml.tokens"][0]
    renamed = [b"<start_of_tuXn>" if token == b"<start_of_turn>" else token for token in tokens]
    model = edit_model_metadata(good, folder / "no-start-of-turn.gguf",
                                {"tokenizer.ggml.tokens": (renamed, V.ARRAY)})
    return Built(_chat(model), model=model)


V_HIDDEN = 64  # the tiny gemma3 projector's width (tests/projector_factory.py)

CASES: list[Case] = [
    _model_case("block_count 0", {f"{ARCH}.block_count": (0, V.UINT32)}),
    _model_case("block_count 513", {f"{ARCH}.block_count": (513, V.UINT32)}),
    _model_case("block_count 100000", {f"{ARCH}.block_count": (100_000, V.UINT32)}),
    _model_case("alignment 0", {"general.alignment": (0, V.UINT32)}, alignment_for_layout=32),
    _model_case("alignment 48", {"general.alignment": (48, V.UINT32)}, alignment_for_layout=32),
    _model_case("context_length 2^32-1", {f"{ARCH}.context_length": (2**32 - 1, V.UINT32)}),
    Case("model: vocabulary without <start_of_turn>", _no_start_of_turn),
    Case("model: symlink loop", _symlink_loop_as_model),
    Case("model: symlink loop beside it", _symlink_loop_beside, cli_fails=False, window="loads"),
    _projector_case("no v.blk.0.attn_q.weight", _gemma3(drop_tensors=("v.blk.0.attn_q.weight",))),
    _projector_case("no v.patch_embd.weight", _gemma3(drop_tensors=("v.patch_embd.weight",))),
    _projector_case("head count 3 of width 64", _gemma3(set_uint32={"clip.vision.attention.head_count": 3})),
    _projector_case("attn_k of the wrong shape", _gemma3(replace={
        "v.blk.0.attn_k.weight": np.zeros((V_HIDDEN, V_HIDDEN // 2), dtype=np.float32)})),
    _projector_case("patch embedding transposed", _gemma3(transpose=("v.patch_embd.weight",))),
    _projector_case("input projection transposed", _gemma3(transpose=("mm.input_projection.weight",))),
    _projector_case("ultravox stack factor 7", _audio(
        "ultravox", set_uint32={"clip.audio.projector.stack_factor": 7}), image=False),
    _one_sample_wav("gemma4ua"),
    _one_sample_wav("ultravox"),
    Case("projector: truncated mmproj-F16.gguf beside the model", _truncated_projector_beside,
         window="loads without projector"),
    Case("history: nested 100,000 deep", _deep_history),
    Case("history: a folder", lambda folder, good: Built(_chat(good, "--history", str(folder)))),
    Case("image: a FIFO named .png", _fifo_image),
    Case("image: /dev/zero", _dev_zero_image),
]
