"""One measurement in a fresh process, so memory and cold start are not blurred by other runs.

    python -m bench.probe window|llama|llama-swa-window --model M --n-ctx N --threads T
        [--gpu-layers G] [--tokens K] [--spawned-at EPOCH]

Prints one JSON line. `window`: the app as a user starts it (Qt window, store, engine worker),
with the times from process spawn to a shown window and to a loaded model. `llama`: llama.cpp
alone with the app's context settings. `llama-swa-window`: llama.cpp with the sliding-window
layers' cache cut to the window (the llama.cpp tools' default; the app keeps it full-size).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.probe")
    parser.add_argument("mode", choices=["window", "llama", "llama-swa-window"])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--n-ctx", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--gpu-layers", type=int, default=0)
    parser.add_argument("--tokens", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3, help="decode runs (median and best reported)")
    parser.add_argument("--spawned-at", type=float, default=time.time())
    args = parser.parse_args(argv)
    from app.core.engine.options import LoadOptions

    options = LoadOptions(model_path=args.model, n_ctx=args.n_ctx, n_threads=args.threads,
                          n_gpu_layers=args.gpu_layers)
    report, close = _window(options, args) if args.mode == "window" else _llama(options, args)
    # The numbers go out before anything is torn down: on the H100 a window probe once died with
    # SIGSEGV after its measurements, and the parent then had nothing.
    print("PROBE " + json.dumps(report), flush=True)
    _stage("closing")
    close()
    _stage("closed")
    sys.stdout.flush()
    os._exit(0)  # no interpreter teardown: PySide6 6.12.0 on Python 3.11 under-counts bools


def _stage(name: str) -> None:
    print(f"STAGE {name}", flush=True)


def _window(options, args):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # As the app starts: app.ui.application imports llama_cpp first (before Qt: on the CUDA build,
    # Qt first segfaults at the model load), then the Qt-free core, then Qt.
    from app.ui.application import create_application, open_main_window, set_app_icon, start_engine
    from PySide6.QtCore import QCoreApplication
    from app.ui.settings.settings_model import SettingsModel
    from bench.measure import gpu_memory_mib, process_memory

    scratch = tempfile.TemporaryDirectory()
    app = create_application(with_icon=False)
    before_model = process_memory()
    # The app's own start-up order (run_application): the load starts, then icon, store and window.
    loader, _ = start_engine(SettingsModel(), lambda loader: loader.load_exact(options))
    set_app_icon(app)
    from app.core.storage.store import ConversationStore

    store = ConversationStore.in_folder(Path(scratch.name))
    window = open_main_window(store, loader)
    ready_times: list[float] = []
    window.modelReady.connect(lambda _loaded: ready_times.append(time.time()))
    window.show()
    QCoreApplication.processEvents()
    shown_at = time.time()
    _stage("window shown")
    from app.core.engine.options import SamplingOptions
    from bench.measure import decode_speed
    from bench.window import TokenArrivals, wait_for

    if window.loaded is None:
        wait_for(window.modelReady)
    # A model that was ready before the window showed is ready for the user when it shows.
    ready_at = max(ready_times[0], shown_at) if ready_times else shown_at
    _stage("model loaded")
    arrivals = TokenArrivals()
    arrivals.watch(window.chat)
    request = window.host.submit(lambda engine, *_: (engine.llama.token_eos(), engine.control_token_id("<end_of_turn>")))
    (stop_tokens,) = wait_for(request.finished)
    banned = {token: float("-inf") for token in stop_tokens}
    speeds, faults_before = [], _major_faults()
    for seed in range(args.repeats):
        window.chat.new_conversation()
        window.chat.sampling = SamplingOptions(max_tokens=args.tokens, seed=seed, logit_bias=banned)
        arrivals.times = []
        window.chat.send("Write a long story about a lighthouse keeper.")
        (result,) = wait_for(window.chat.answerFinished)
        times = arrivals.times
        speeds.append(decode_speed(len(result.token_ids), times))
    faults = _major_faults() - faults_before
    _stage("answered")
    memory = process_memory()
    if options.n_gpu_layers:
        memory["gpu_mib"] = gpu_memory_mib(os.getpid())

    def close() -> None:
        window.close()
        store.close()
        scratch.cleanup()

    return {
        "mode": "window",
        "n_ctx": options.n_ctx,
        "memory": memory,
        "memory_before_model": before_model,  # the application, before the engine and the window
        "spawn_to_window_shown_s": shown_at - args.spawned_at,
        "spawn_to_model_ready_s": ready_at - args.spawned_at,
        "decode_tokens_per_second": sorted(speeds)[len(speeds) // 2],
        "decode_tokens_per_second_best": max(speeds),
        "major_page_faults_while_decoding": faults,
        "tokens": len(result.token_ids),
    }, close


def _llama(options, args):
    from app.core.engine.options import SamplingOptions
    from bench.measure import gpu_memory_mib, process_memory
    from bench.reference import ReferenceRunner

    overrides = {"swa_full": False} if args.mode == "llama-swa-window" else {}
    started = time.time()
    runner = ReferenceRunner(options, **overrides)
    ready_at = time.time()
    banned = {runner.llama.token_eos(): float("-inf")}
    end_of_turn = runner.llama.tokenize(b"<end_of_turn>", add_bos=False, special=True)
    banned[end_of_turn[0]] = float("-inf")
    prompt = "<bos><start_of_turn>user\nWrite a long story about a lighthouse keeper.<end_of_turn>\n<start_of_turn>model\n"
    faults_before = _major_faults()
    sampling = SamplingOptions(logit_bias=banned)
    speeds = [runner.run(prompt, args.tokens, sampling, seed=seed).decode_tokens_per_second
              for seed in range(args.repeats)]
    faults = _major_faults() - faults_before
    memory = process_memory()
    if options.n_gpu_layers:
        memory["gpu_mib"] = gpu_memory_mib(os.getpid())
    return {
        "mode": args.mode,
        "n_ctx": options.n_ctx,
        "memory": memory,
        "spawn_to_model_ready_s": ready_at - args.spawned_at,
        "load_s": ready_at - started,
        "decode_tokens_per_second": sorted(speeds)[len(speeds) // 2],
        "decode_tokens_per_second_best": max(speeds),
        "major_page_faults_while_decoding": faults,
        "tokens": args.tokens,
    }, runner.close


def _major_faults() -> int:
    """Pages read from disk: a model evicted from the page cache shows up here, not in CPU load."""
    return int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[9])


if __name__ == "__main__":
    main()
