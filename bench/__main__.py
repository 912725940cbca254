"""python -m bench: the app's paths against llama.cpp, same GGUF and threads, interleaved, medians.

Writes bench/results/<date>-<machine>.json and PNG plots next to it, and prints the ratios.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPOSITORY = Path(__file__).resolve().parents[1]
if str(REPOSITORY) not in sys.path:
    sys.path.insert(0, str(REPOSITORY))

SECTIONS = ("decode", "gui", "prompt", "turns", "breakdown", "image", "speech", "memory", "coldstart",
            "llama-bench")


@dataclass(frozen=True)
class Plan:
    runs: int
    prompt_runs: int
    decode_tokens: int
    prompt_lengths: list[int]
    first_turn_tokens: int
    answer_tokens: int
    contexts: list[int]
    probe_tokens: int
    probe_repeats: int
    cold_starts: int


def plan_for(model_key: str, quick: bool, gpu: bool) -> Plan:
    big_on_cpu = model_key != "270m" and not gpu
    if big_on_cpu:
        return Plan(runs=2 if quick else 3, prompt_runs=1 if quick else 3, decode_tokens=12 if quick else 32,
                    prompt_lengths=[512] if quick else [512, 2048], first_turn_tokens=128 if quick else 256,
                    answer_tokens=8, contexts=[2048, 8192, 32768], probe_tokens=6 if quick else 12,
                    probe_repeats=1 if quick else 3, cold_starts=1 if quick else 2)
    prompt_runs = (3 if gpu else 2) if quick else 5
    decode_tokens = (64 if quick else 128) * (2 if gpu else 1)
    return Plan(runs=3 if quick else 5, prompt_runs=prompt_runs, decode_tokens=decode_tokens,
                prompt_lengths=[512, 2048], first_turn_tokens=512 if quick else 1024,
                answer_tokens=32, contexts=[2048, 8192, 32768], probe_tokens=24 if quick else 48,
                probe_repeats=3 if gpu or not quick else 1,
                cold_starts=2 if quick else 3)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    _keep_bools_alive()
    from app.core.engine.options import LoadOptions
    from bench.measure import describe_machine, load_average
    from bench.models import resolve_models

    machine = describe_machine(args.gpu)
    threads = args.threads or LoadOptions(model_path=Path(".")).n_threads
    gpu_layers = -1 if args.gpu else 0
    date = datetime.date.today().isoformat()
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / (f"{date}-{machine.slug}" + (f"-{args.name}" if args.name else ""))
    report = {
        "date": date,
        "machine": machine.description,
        "settings": {"quick": args.quick, "gpu": args.gpu, "threads": threads, "n_gpu_layers": gpu_layers,
                     "sections": sorted(args.only)},
        "notes": [
            "Medians of interleaved app/reference runs on the same GGUF, threads and context settings.",
            "The Gemma 3n E2B file has random weights: its output is noise; its shapes, compute and "
            "memory are those of the real model.",
        ],
        "models": {},
    }
    print(f"machine: {machine.description}", flush=True)
    for model in resolve_models(args.models, args.cache_dir, args.tokenizer):
        plan = plan_for(model.key, args.quick, args.gpu)
        if args.runs:
            plan = replace(plan, runs=args.runs, prompt_runs=args.runs, cold_starts=min(plan.cold_starts, args.runs))
        if args.tokens:
            plan = replace(plan, decode_tokens=args.tokens, probe_tokens=args.tokens)
        if args.cold_starts:
            plan = replace(plan, cold_starts=args.cold_starts)
        entry = {"label": model.label, "path": str(model.path), "random_weights": model.random_weights,
                 "file_bytes": model.path.stat().st_size, "plan": plan.__dict__}
        report["models"][model.key] = entry
        options = LoadOptions(model_path=model.path, n_ctx=4096, n_threads=threads, n_gpu_layers=gpu_layers)
        _run_model(entry, model, options, plan, args, stem, report)
    report["machine"]["load_average_end"] = load_average()
    _save(report, stem)
    try:
        from bench.plots import write_plots
    except ImportError as error:  # matplotlib is not a dependency of the app
        print(f"no plots ({error})")
    else:
        for path in write_plots(report, stem):
            print(f"plot: {path}")
    print(f"report: {stem.with_suffix('.json')}")
    _print_ratios(report)
    sys.stdout.flush()
    sys.stderr.flush()
    # PySide6 6.12.0 on CPython 3.11 under-counts references to True/False (see _keep_bools_alive);
    # tearing the interpreter down would free them and abort, after the report is safely written.
    os._exit(0)


def _run_model(entry: dict, model, options, plan: Plan, args, stem: Path, report: dict) -> None:
    from bench.measure import load_average

    def section(name: str, work) -> None:
        if name not in args.only:
            return
        print(f"[{model.key}] {name} …", flush=True)
        started = time.perf_counter()
        try:
            entry[name.replace("-", "_")] = work()
        except Exception:  # noqa: BLE001 - one failed section must not lose the others
            entry[name.replace("-", "_")] = {"error": traceback.format_exc()[-3000:]}
            print(traceback.format_exc(), file=sys.stderr)
        entry.setdefault("section_seconds", {})[name] = round(time.perf_counter() - started, 1)
        entry.setdefault("load_average", {})[name] = load_average()
        _save(report, stem)

    with tempfile.TemporaryDirectory(prefix="gemma-desk-bench-") as scratch:
        scratch = Path(scratch)
        if args.only & {"decode", "gui", "prompt", "turns", "breakdown"}:
            _chat_sections(section, entry, options, plan, scratch, _llama_bench_rounds(args, model, options))
        if model.key == "270m":
            from bench.media import image_benchmark, speech_benchmark

            from app.core.engine.options import SamplingOptions

            media_options = options.with_changes(n_ctx=2048)
            sampling = SamplingOptions()
            section("image", lambda: image_benchmark(media_options, scratch, plan.runs, sampling))
            section("speech", lambda: speech_benchmark(media_options, scratch, plan.runs,
                                                       120.0 if args.quick else 600.0, sampling))
    from bench.memory import cold_start, memory_and_scaling

    section("memory", lambda: memory_and_scaling(model.path, plan.contexts, options.n_threads,
                                                 options.n_gpu_layers, plan.probe_tokens, plan.probe_repeats))
    section("coldstart", lambda: cold_start(model.path, plan.cold_starts, 4096, options.n_threads,
                                            options.n_gpu_layers))
    if args.llama_bench:
        from bench.llama_bench import run_llama_bench

        section("llama-bench", lambda: run_llama_bench(args.llama_bench, model.path, options.n_threads,
                                                       options.n_gpu_layers, plan.prompt_lengths,
                                                       plan.decode_tokens, plan.runs))


def _llama_bench_rounds(args, model, options):
    if not args.llama_bench:
        return None
    from bench.llama_bench import LlamaBenchRounds

    return LlamaBenchRounds(args.llama_bench, model.path, options.n_threads, options.n_gpu_layers)


def _chat_sections(section, entry: dict, options, plan: Plan, scratch: Path, llama_bench=None) -> None:
    from app.core.engine.options import SamplingOptions
    from bench import chat
    from bench.reference import ReferenceRunner

    try:
        from bench.window import WindowSession
    except ImportError as error:  # PySide6 missing or its system libraries absent (GPU machine)
        from bench.engine_path import EngineSession as WindowSession

        print(f"Qt is not available ({error}); measuring the engine path without the window", flush=True)
    session = WindowSession(options, scratch)
    entry["app_path"] = "window" if session.ticks is not None else "engine (Qt unavailable)"
    runner = ReferenceRunner(options)
    try:
        sampling = SamplingOptions(logit_bias=chat.end_of_turn_banned(runner))
        section("decode", lambda: chat.decode_speed(session, runner, plan.runs, plan.decode_tokens, sampling,
                                                            llama_bench))
        if session.ticks is not None:
            section("gui", lambda: chat.gui_responsiveness(session, plan.decode_tokens * 2, sampling))
        section("prompt", lambda: chat.prompt_evaluation(session, runner, plan.prompt_runs, plan.prompt_lengths,
                                                         sampling, llama_bench))
        section("turns", lambda: chat.second_turn(session, runner, plan.runs, plan.first_turn_tokens,
                                                  plan.answer_tokens, sampling))
        section("breakdown", lambda: chat.per_token_breakdown(session, plan.decode_tokens, sampling))
    finally:
        runner.close()
        session.close()


def _keep_bools_alive() -> None:
    """PySide6 6.12.0 on CPython 3.11 drops a reference to True on every Signal.emit (and to the
    bool a successful disconnect returns); bools are immortal only from 3.12. A long run then
    aborts with "Fatal Python error: bool_dealloc". Spare references keep the benchmark alive;
    the app itself needs PySide6 other than 6.12.0 on Python 3.11."""
    if sys.version_info < (3, 12):
        globals()["_SPARE_BOOL_REFERENCES"] = [True, False] * 500_000


def _save(report: dict, stem: Path) -> None:
    partial = stem.with_suffix(".json.tmp")
    partial.write_text(json.dumps(report, indent=1, default=str))
    partial.replace(stem.with_suffix(".json"))


def _print_ratios(report: dict) -> None:
    from bench.summary import ratio_lines

    for line in ratio_lines(report):
        print(line)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and tokens (CPU: ~10–15 min)")
    parser.add_argument("--models", default="270m,e2b",
                        help="comma list: 270m (real Gemma 3 270M), e2b (random-weight Gemma 3n E2B Q4_K_M), "
                             "or GGUF paths (default: %(default)s)")
    parser.add_argument("--gpu", action="store_true", help="offload every layer (n_gpu_layers=-1)")
    parser.add_argument("--out", type=Path, default=REPOSITORY / "bench" / "results")
    parser.add_argument("--llama-bench", type=Path, help="a llama-bench binary to run as a third reference")
    parser.add_argument("--name", default="", help="added to the output file names (e.g. one model per run)")
    parser.add_argument("--runs", type=int, default=0, help="override the measured runs per comparison")
    parser.add_argument("--tokens", type=int, default=0, help="override the tokens per decode run")
    parser.add_argument("--cold-starts", type=int, default=0,
                        help="override the paired cold starts (window, then llama.cpp alone) of coldstart")
    parser.add_argument("--threads", type=int, default=0, help="default: the app's (all cores)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma list of sections: " + ", ".join(SECTIONS))
    parser.add_argument("--tokenizer", type=Path, default=None,
                        help="a saved Gemma 3 tokenizer (.npz) for machines without the 270M package")
    parser.add_argument("--cache-dir", type=Path, default=_default_cache(),
                        help="where model files are kept between runs (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.tokenizer is None:
        from bench.models import DEFAULT_TOKENIZER

        args.tokenizer = DEFAULT_TOKENIZER
    args.models = [key.strip() for key in args.models.split(",") if key.strip()]
    args.only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = args.only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def _default_cache() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("gemma-desk-bench"))


if __name__ == "__main__":
    sys.exit(main())
