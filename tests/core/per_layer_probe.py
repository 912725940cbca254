"""Run in a subprocess by test_tensor_overrides.py: load a model through the app's engine with
llama.cpp's log captured, print the log lines about buffer-type overrides, then answer a prompt."""

import ctypes
import json
import sys
from pathlib import Path

from llama_cpp import llama_cpp

lines: list[str] = []


@llama_cpp.llama_log_callback
def capture(_level, text, _user_data):
    lines.append(text.decode("utf-8", errors="replace"))


def main(model: str, on_cpu: str, gpu_layers: str = "0") -> None:
    llama_cpp.llama_log_set(capture, ctypes.c_void_p(0))
    from app.core.engine.engine import ChatEngine, TokenPiece
    from app.core.engine.options import LoadOptions, SamplingOptions
    from app.core.engine.prompt_format import ChatMessage

    engine = ChatEngine(LoadOptions(model_path=Path(model), n_ctx=256, n_threads=1, n_gpu_layers=int(gpu_layers),
                                    per_layer_embeddings_on_cpu=on_cpu == "on"))
    sampling = SamplingOptions(temperature=0.0, max_tokens=3, logit_bias={1: -100.0, 106: -100.0})
    result = [e for e in engine.generate([ChatMessage("user", "Hello")], "", sampling) if not isinstance(e, TokenPiece)][-1]
    engine.close()
    log = "".join(lines).splitlines()
    overridden = [line.strip() for line in log if "buffer type overridden" in line]
    buffers = [line.strip() for line in log if "model buffer size" in line]
    print(json.dumps(dict(overridden=overridden, buffers=buffers, answer_tokens=len(result.token_ids))))


if __name__ == "__main__":
    main(*sys.argv[1:])
