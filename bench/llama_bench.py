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
