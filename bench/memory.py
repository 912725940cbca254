"""Memory, cold start and how cost grows with the context size; each number from a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import summary
from bench.models import REPOSITORY


class ProbeFailed(RuntimeError):
    pass


def probe(mode: str, model: Path, n_ctx: int, threads: int, gpu_layers: int, tokens: int, repeats: int = 1,
          timeout_s: float = 1800) -> dict:
    command = [
        sys.executable, "-m", "bench.probe", mode, "--model", str(model), "--n-ctx", str(n_ctx),
        "--threads", str(threads), "--gpu-layers", str(gpu_layers), "--tokens", str(tokens),
        "--repeats", str(repeats),
    ]
    spawned_at = time.time()
    done = subprocess.run(command + ["--spawned-at", repr(spawned_at)], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=timeout_s, check=False)
    stages = [line[len("STAGE "):] for line in done.stdout.splitlines() if line.startswith("STAGE ")]
    for line in done.stdout.splitlines():
        if line.startswith("PROBE "):
            report = json.loads(line[len("PROBE "):])
            if done.returncode != 0:  # measured, then died while closing: worth knowing
                report["exit"] = {"code": done.returncode, "last_stage": stages[-1] if stages else None}
            return report
    raise ProbeFailed(f"{mode} probe on {model.name} (n_ctx {n_ctx}) failed with code {done.returncode} after "
                      f"stage {stages[-1] if stages else 'start'!r}:\n{done.stderr[-2000:]}")


def memory_and_scaling(model: Path, contexts: list[int], threads: int, gpu_layers: int, tokens: int,
                       repeats: int) -> dict:
    """RSS and decode speed of the app's window vs. llama.cpp alone at each context size."""
    modes = ("window", "llama", "llama-swa-window")
    rows: dict[str, dict] = {}
    for n_ctx in contexts:
        row = {}
        for mode in modes:
            try:
                row[mode] = probe(mode, model, n_ctx, threads, gpu_layers, tokens, repeats)
            except (ProbeFailed, subprocess.TimeoutExpired) as error:
                row[mode] = {"error": str(error)[-600:]}
        window, alone = row["window"], row["llama"]
        if "memory" in window and "memory" in alone:
            row["app_extra_rss_mib"] = window["memory"]["rss_mib"] - alone["memory"]["rss_mib"]
            row["decode_ratio"] = (window["decode_tokens_per_second"] / alone["decode_tokens_per_second"]
                                   if alone["decode_tokens_per_second"] else None)
        rows[str(n_ctx)] = row
    return rows


def cold_start(model: Path, runs: int, n_ctx: int, threads: int, gpu_layers: int) -> dict:
    shown, ready, reference_ready = [], [], []
    for _ in range(runs):
        window = probe("window", model, n_ctx, threads, gpu_layers, tokens=2)
        shown.append(window["spawn_to_window_shown_s"])
        ready.append(window["spawn_to_model_ready_s"])
        reference_ready.append(probe("llama", model, n_ctx, threads, gpu_layers, tokens=2)["spawn_to_model_ready_s"])
    return {
        "spawn_to_window_shown_s": summary(shown),
        "spawn_to_model_ready_s": {"app_window": summary(ready), "llama_alone": summary(reference_ready)},
        "note": "times include the Python interpreter start; the model file is in the page cache",
    }
