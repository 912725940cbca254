"""On a GPU machine: does "Auto" GPU layers offload everything that fits, and does decoding run there?

    python -m bench.gpu_offload_check MODEL.gguf [--out result.json]

Loads MODEL with a tiny generated gemma3nv projector through the settings → plan_load path the
app uses, with GPU layers "auto", then decodes the same greedy answer on the GPU and on the CPU
(n_gpu_layers 0) and prints both speeds, the layers chosen and the GPU memory in use.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import llama_cpp
from PIL import Image

from app.core.chat.chat_request import image_item
from app.core.engine.engine import ChatEngine
from app.core.engine.options import SamplingOptions
from app.core.chat.images import prepare_image
from app.core.engine.prompt_format import ChatMessage
from app.core.storage.settings import Settings
from app.core.load_plan import plan_load

GREEDY = SamplingOptions(temperature=0.0, max_tokens=128, logit_bias={106: -100.0, 1: -100.0})


def gpu_memory_used_mib() -> int | None:
    try:
        output = subprocess.run(
            ["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits"],
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(output.split()[0])


def decode_speed(engine: ChatEngine, rounds: int = 3) -> float:
    speeds = []
    for round_index in range(rounds):
        message = ChatMessage("user", f"Write a long story about a lighthouse keeper, part {round_index}.")
        *_, result = engine.generate([message], "", GREEDY)
        speeds.append(result.tokens_per_second)
    return sorted(speeds)[len(speeds) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.projector_factory import write_gemma3nv_projector

    report: dict = {"gpu_offload_supported": bool(llama_cpp.llama_supports_gpu_offload())}
    with tempfile.TemporaryDirectory() as folder:
        projector = write_gemma3nv_projector(Path(folder) / "mmproj-tiny.gguf")
        settings = Settings()
        settings.model.active_model = args.model
        settings.model.projector = projector
        settings.hardware.gpu_layers = "auto"
        settings.generation.context_size = 4096
        plan = plan_load(settings)
        report.update(
            n_gpu_layers=plan.options.n_gpu_layers,
            gpu_reason=plan.gpu_reason,
            estimate=plan.split.describe(),
        )
        before = gpu_memory_used_mib()
        engine = ChatEngine(plan.options)
        report["gpu_memory_used_by_model_mib"] = (gpu_memory_used_mib() or 0) - (before or 0)
        report["block_count"] = engine.model_info.block_count
        report["gpu_tokens_per_second"] = decode_speed(engine)
        buffer = io.BytesIO()
        Image.new("RGB", (32, 32), (200, 10, 10)).save(buffer, "PNG")
        picture = prepare_image(buffer.getvalue(), name="red.png")
        *_, image_result = engine.generate([ChatMessage("user", "Describe.", media=(image_item(picture),))], "", GREEDY)
        report["image_turn_tokens"] = len(image_result.token_ids)
        engine.close()
        cpu_engine = ChatEngine(plan.options.with_changes(n_gpu_layers=0))
        report["cpu_tokens_per_second"] = decode_speed(cpu_engine)
        cpu_engine.close()
    report["gpu_over_cpu"] = report["gpu_tokens_per_second"] / max(report["cpu_tokens_per_second"], 1e-9)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
