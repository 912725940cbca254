"""llama.cpp's own `llama-bench`, when a binary is given: the outside reference for both paths."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def run_llama_bench(binary: Path, model: Path, threads: int, gpu_layers: int, prompts: list[int],
                    generate: int, repetitions: int, timeout_s: float = 1800) -> dict:
    command = [
        str(binary), "-m", str(model), "-t", str(threads),
        "-ngl", str(99 if gpu_layers != 0 else 0),
        "-p", ",".join(str(n) for n in prompts), "-n", str(generate),
        "-r", str(repetitions), "-o", "json",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"command": command, "error": str(error)}
    if done.returncode != 0:
        return {"command": command, "error": done.stderr[-2000:]}
    try:
        rows = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"command": command, "error": "llama-bench printed no JSON", "stdout": done.stdout[-2000:]}
    results = {}
    for row in rows:
        test = f"pp{row['n_prompt']}" if row.get("n_prompt") else f"tg{row.get('n_gen')}"
        results[test] = {"tokens_per_second": row.get("avg_ts"), "stddev": row.get("stddev_ts")}
    return {"command": command, "results": results, "build": rows[0].get("build_commit") if rows else None}


class LlamaBenchRounds:
    """One llama-bench measurement at a time (`-r 1`, after its own warm-up run), so that it can
    take turns with the app and the plain loop: on a shared machine, load drifts over minutes, and
    a llama-bench run at the end of the benchmark would compare against a different machine."""

    def __init__(self, binary: Path, model: Path, threads: int, gpu_layers: int, timeout_s: float = 600) -> None:
        self.binary, self.model, self.threads, self.gpu_layers = binary, model, threads, gpu_layers
        self.timeout_s = timeout_s

    def generation(self, n_tokens: int) -> float:
        return self._one(prompt=0, generate=n_tokens)

    def prompt(self, n_tokens: int) -> float:
        return self._one(prompt=n_tokens, generate=0)

    def _one(self, prompt: int, generate: int) -> float:
        report = run_llama_bench(self.binary, self.model, self.threads, self.gpu_layers,
                                 [prompt], generate, repetitions=1, timeout_s=self.timeout_s)
        if "error" in report:
            raise RuntimeError(f"llama-bench failed: {report['error']}")
        test = f"pp{prompt}" if prompt else f"tg{generate}"
        return float(report["results"][test]["tokens_per_second"])
