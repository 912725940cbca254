"""The short-lived child process that opens a model (and its projector) before the app does.

Run as `python -m app.core.models.load_probe REQUEST_JSON` (or, in the bundle, the app's own
executable with PROBE_ARGUMENT first). It reports each stage as a JSON line on stdout before
starting it, so that when llama.cpp kills the process the parent knows which file did it, and a
last line `{"done": true}`, or `{"error": sentence}` for a failure Python saw.
"""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

from app.core.i18n import QT_TRANSLATE_NOOP

PROBE_ARGUMENT = "--probe-loading"
PROBE_IMAGE_SIDE = 32
PROBE_AUDIO_SECONDS = 1.0
PROBE_CONTEXT = 512


def _say(**message) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def run(request: dict) -> int:
    from pathlib import Path

    from app.core.engine.options import LoadOptions

    options = LoadOptions(
        model_path=Path(request["model"]),
        projector_path=Path(request["projector"]) if request.get("projector") else None,
        n_ctx=int(request["n_ctx"]),
        n_threads=int(request["n_threads"]),
        flash_attention=str(request["flash_attention"]),
        kv_cache_type=str(request["kv_cache_type"]),
        use_mmap=True,
    )
    try:
        llama = _open_model(options, full=bool(request["check_model"]))
        if options.projector_path is not None:
            _encode_samples(options, llama)
    except Exception as error:  # noqa: BLE001 - reported to the parent, which decides
        _say(error=str(error) or error.__class__.__name__)
        return 1
    _say(done=True)
    return 0


def _open_model(options, *, full: bool):
    from app.core.engine.loading import create_llama

    _say(stage="model")
    llama = create_llama(options)  # a refused file is a ModelFileError, reported to the parent
    if full:
        _check_chat_markers(llama, options.model_path.name)
        llama.eval(llama.tokenize(b"Hello", add_bos=True, special=False))
    return llama


def _check_chat_markers(llama, name: str) -> None:
    """The turn markers of the model's chat format are single tokens of its vocabulary."""
    from app.core.engine.prompt_format import ChatMessage, format_for_architecture
    from app.core.engine.prompt_plan import ControlTokenError, plan_prompt

    def control_id(marker: str) -> int:
        ids = llama.tokenize(marker.encode("utf-8"), add_bos=False, special=True)
        if len(ids) != 1:
            raise ControlTokenError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} cannot chat: its vocabulary has no single token for {marker!r}, "
                    "which its chat format needs.",
                ),
                name=name, marker=marker,
            )
        return ids[0]

    architecture = str(llama.metadata.get("general.architecture", ""))
    segments = format_for_architecture(architecture).render([ChatMessage(role="user", text="Hello")], "")
    plan_prompt(segments, lambda text: llama.tokenize(text.encode(), add_bos=False, special=False), control_id,
                lambda slot: [])


def _encode_samples(options, llama) -> None:
    import numpy as np
    from llama_cpp import mtmd_cpp as mtmd

    from app.core.engine.media_projector import EncodedPiece, MediaProjector

    _say(stage="projector")
    projector = MediaProjector(options.projector_path, llama.model, llama.n_embd(), options.n_threads, use_gpu=False)
    samples = []
    if projector.supports_vision:
        side = PROBE_IMAGE_SIDE
        samples.append(("image", SimpleNamespace(width=side, height=side, rgb=bytes([128]) * (side * side * 3))))
    if projector.supports_audio:
        noise = np.random.default_rng(0).standard_normal(int(16_000 * PROBE_AUDIO_SECONDS)) * 0.01
        samples.append(("audio", noise.astype(np.float32)))
    for kind, payload in samples:
        _say(stage=kind)
        chunks = projector.tokenize(kind, f"probe-{kind}", payload)
        for piece in chunks.pieces:
            if isinstance(piece, EncodedPiece) and mtmd.mtmd_encode_chunk(projector._ctx, piece.chunk) != 0:
                raise RuntimeError(f"the projector could not encode a test {kind}")
    projector.close()


def main(argv: list[str]) -> int:
    return run(json.loads(argv[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
