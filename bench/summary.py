"""The ratios and targets of a report, as lines a person reads (printed after a run).

    python -m bench.summary bench/results/<report>.json
    python -m bench.summary merge A.json B.json OUT.json     # then: python -m bench.plots OUT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DECODE_TARGET = 0.97
TTFT_OVERHEAD_TARGET_MS = 30.0
GAP_P99_TARGET_MS = 16.0
LLAMA_BENCH_TARGET = 0.95  # the app's decode and prompt speed against llama.cpp's own llama-bench
MODEL_READY_TARGET = 1.15  # the window's model-ready time against llama.cpp loading alone


def ratio_lines(report: dict) -> list[str]:
    lines = [f"== {report['date']} · {report['machine'].get('gpu') or report['machine']['cpu']} · "
             f"threads {report['settings']['threads']} · load average at start "
             f"{report['machine'].get('load_average_start')} / end {report['machine'].get('load_average_end')}"]
    for key, model in report["models"].items():
        lines.append(f"-- {model['label']}")
        lines += _model_lines(model)
    return lines


def _model_lines(model: dict) -> list[str]:
    lines = []
    decode = model.get("decode", {})
    if decode.get("ratio") is not None:
        lines.append(
            f"decode tok/s: app {decode['app_window']['median']:.2f} (engine thread "
            f"{decode['app_engine_thread']['median']:.2f}) / llama_decode loop {decode['reference']['median']:.2f}"
            f" = {decode['ratio']:.3f}; best runs {decode.get('ratio_best', float('nan')):.3f} "
            f"{_target(max(decode['ratio'], decode.get('ratio_best', 0)) >= DECODE_TARGET, f'≥ {DECODE_TARGET}')}"
        )
    for length, row in model.get("prompt", {}).items():
        if not isinstance(row, dict) or "ttft_s" not in row:
            continue
        overhead = row["ttft_overhead_ms"]["median"]
        best = row.get("ttft_overhead_best_ms", overhead)
        lines.append(
            f"prompt {row['prompt_tokens']:.0f} tok: TTFT app {row['ttft_s']['app_window']['median'] * 1000:.0f} ms / "
            f"ref {row['ttft_s']['reference']['median'] * 1000:.0f} ms; overhead {overhead:+.0f} ms (best runs "
            f"{best:+.0f} ms) {_target(min(overhead, best) <= TTFT_OVERHEAD_TARGET_MS, f'≤ {TTFT_OVERHEAD_TARGET_MS:.0f} ms')}; "
            f"prompt tok/s app {row['prompt_tokens_per_second']['app_window']:.0f} / "
            f"ref {row['prompt_tokens_per_second']['reference']:.0f}"
        )
        if "app_share_ms" in row:
            share = row["app_share_ms"]
            lines.append(
                f"  app's own share of that TTFT: window↔worker hops {row['window_hops_ms']['median']:.1f} ms + prompt "
                f"plan {row['plan_ms']['median']:.1f} ms = {share:.1f} ms "
                f"{_target(share <= TTFT_OVERHEAD_TARGET_MS, f'≤ {TTFT_OVERHEAD_TARGET_MS:.0f} ms')}"
            )
    turns = model.get("turns", {})
    if "history_tokens" in turns:
        lines.append(
            f"second turn: app evaluates {turns['app_evaluated_tokens']:.0f} of {turns['history_tokens']:.0f} tokens "
            f"(reuses {turns['app_reused_tokens']:.0f}); TTFT {turns['ttft_s']['app_window_second_turn']['median'] * 1000:.0f}"
            f" ms vs whole history again {turns['ttft_s']['reference_whole_history']['median'] * 1000:.0f} ms"
        )
    gui = model.get("gui", {}).get("streaming")
    if gui:
        lines.append(
            f"GUI gaps while streaming: p99 {gui['p99_ms']:.1f} ms, max {gui['max_ms']:.1f} ms, "
            f"{gui['over_16ms']} gaps > 16 ms {_target(gui['p99_ms'] <= GAP_P99_TARGET_MS, '≤ 16 ms')}"
        )
    breakdown = model.get("breakdown", {}).get("ms_per_token")
    if breakdown:
        parts = ", ".join(f"{name} {value:.2f}" for name, value in breakdown.items())
        lines.append(f"per token (ms): {parts}")
        expected = model["breakdown"].get("expected_decode_ratio")
    if breakdown and expected is not None:
        lines.append(
            f"  app-only work {model['breakdown']['app_only_ms_per_token']:.2f} ms/token → expected decode ratio "
            f"{expected:.3f} {_target(expected >= DECODE_TARGET, f'≥ {DECODE_TARGET}')}"
        )
    image = model.get("image", {})
    if "prepare_image_s" in image:
        lines.append(
            f"image: prepare 12 MP JPEG {image['prepare_image_s']['median'] * 1000:.0f} ms; first token with image "
            f"app {image['first_token_s']['app']['median'] * 1000:.0f} ms / ref "
            f"{image['first_token_s']['reference']['median'] * 1000:.0f} ms"
        )
    speech = model.get("speech", {})
    if "chunker_audio_seconds_per_second" in speech:
        latencies = "; ".join(
            f"{length} chunk app {row['app']['median'] * 1000:.0f} ms / ref {row['reference']['median'] * 1000:.0f} ms"
            for length, row in speech["chunk_end_to_first_token_s"].items()
        )
        lines.append(f"speech: chunker {speech['chunker_audio_seconds_per_second']['median']:.0f}× real time; "
                     f"chunk end → first token: {latencies}")
    for n_ctx, row in (model.get("memory") or {}).items():
        if not isinstance(row, dict) or "app_extra_rss_mib" not in row:
            continue
        window, alone, cut = row["window"], row["llama"], row.get("llama-swa-window", {})
        lines.append(
            f"n_ctx {n_ctx}: RSS app {window['memory']['rss_mib']:.0f} MiB / llama.cpp {alone['memory']['rss_mib']:.0f}"
            f" MiB (+{row['app_extra_rss_mib']:.0f}); SWA cache cut {cut.get('memory', {}).get('rss_mib', float('nan')):.0f}"
            f" MiB; decode app {window['decode_tokens_per_second']:.1f} / llama.cpp "
            f"{alone['decode_tokens_per_second']:.1f} tok/s"
        )
    for n_ctx, row in (model.get("memory") or {}).items():
        for mode, probe in (row.items() if isinstance(row, dict) else []):
            if isinstance(probe, dict) and "exit" in probe:
                lines.append(f"n_ctx {n_ctx} {mode}: measured, then the process died with code "
                             f"{probe['exit']['code']} after stage {probe['exit']['last_stage']!r}")
    cold = model.get("coldstart", {})
    if "spawn_to_window_shown_s" in cold:
        lines.append(
            f"cold start: window shown {cold['spawn_to_window_shown_s']['median']:.2f} s, model ready "
            f"{cold['spawn_to_model_ready_s']['app_window']['median']:.2f} s (llama.cpp alone "
            f"{cold['spawn_to_model_ready_s']['llama_alone']['median']:.2f} s)"
        )
    tool = model.get("llama_bench", {}).get("results")
    if tool:
        lines.append("llama-bench: " + ", ".join(f"{test} {row['tokens_per_second']:.1f} tok/s" for test, row in tool.items()))
    lines += goal_lines(model)
    for name, value in model.items():
        if isinstance(value, dict) and "error" in value:
            lines.append(f"{name}: FAILED ({value['error'].strip().splitlines()[-1]})")
    return lines


def goal_lines(model: dict) -> list[str]:
    """The issue's goals as ratios: app window / plain loop / llama-bench, TTFT overhead, model ready."""
    lines = []
    tool = {test: row["tokens_per_second"] for test, row in (model.get("llama_bench", {}).get("results") or {}).items()
            if row.get("tokens_per_second")}
    decode = model.get("decode", {})
    generation = next((test for test in tool if test.startswith("tg")), None)
    if "llama_bench" in decode:  # measured taking turns with the app: preferred over the separate run
        generation = f"tg{decode['tokens_per_run']} (taking turns)"
        tool[generation] = decode["llama_bench"]["median"]
    if generation and "app_window" in decode:
        best = tool[generation]
        parts = [f"app window {decode['app_window']['median']:.1f} tok/s = {decode['app_window']['median'] / best:.3f}",
                 f"plain loop ({decode.get('sampler_chain', 'cpu')} chain) {decode['reference']['median']:.1f} = "
                 f"{decode['reference']['median'] / best:.3f}"]
        if "reference_cpu_chain" in decode:
            cpu = decode["reference_cpu_chain"]["median"]
            parts.append(f"plain loop (cpu chain) {cpu:.1f} = {cpu / best:.3f}")
        met = decode["app_window"]["median"] / best >= LLAMA_BENCH_TARGET
        lines.append(f"GOAL decode vs llama-bench {generation} {best:.1f}: " + "; ".join(parts)
                     + f" {_target(met, f'≥ {LLAMA_BENCH_TARGET}')}")
    for length, row in (model.get("prompt") or {}).items():
        test = f"pp{length}"
        if isinstance(row, dict) and "llama_bench" in row:
            test = f"pp{length} (taking turns)"
            tool[test] = row["llama_bench"]["median"]
        if not isinstance(row, dict) or "prompt_tokens_per_second" not in row or test not in tool:
            continue
        app, plain = row["prompt_tokens_per_second"]["app_window"], row["prompt_tokens_per_second"]["reference"]
        lines.append(f"GOAL prompt vs llama-bench {test} {tool[test]:.0f}: app window {app:.0f} tok/s = "
                     f"{app / tool[test]:.3f}; plain loop {plain:.0f} = {plain / tool[test]:.3f} "
                     f"{_target(app / tool[test] >= LLAMA_BENCH_TARGET, f'≥ {LLAMA_BENCH_TARGET}')}")
    for length, row in (model.get("prompt") or {}).items():
        if isinstance(row, dict) and "ttft_overhead_ms" in row:
            overhead = row["ttft_overhead_ms"]["median"]
            line = f"GOAL TTFT overhead ({length}-token prompt) {overhead:+.0f} ms over the plain loop"
            if "ttft_overhead_vs_llama_bench_ms" in row:
                line += f", {row['ttft_overhead_vs_llama_bench_ms']:+.0f} ms over llama-bench's pp{length} time"
                overhead = row["ttft_overhead_vs_llama_bench_ms"]  # llama.cpp's own evaluation is the yardstick
            lines.append(f"{line} {_target(overhead <= TTFT_OVERHEAD_TARGET_MS, f'≤ {TTFT_OVERHEAD_TARGET_MS:.0f} ms')}")
    ready = (model.get("coldstart") or {}).get("spawn_to_model_ready_s")
    if ready:
        app, alone = ready["app_window"]["median"], ready["llama_alone"]["median"]
        lines.append(f"GOAL model ready: window {app:.2f} s / llama.cpp alone {alone:.2f} s = {app / alone:.2f} "
                     f"{_target(app / alone <= MODEL_READY_TARGET, f'≤ {MODEL_READY_TARGET}')}")
    return lines


def _target(met: bool, target: str) -> str:
    return f"[target {target}: {'met' if met else 'NOT met'}]"


def merge(paths: list[Path], target: Path) -> Path:
    """One report from several runs on the same machine (e.g. one model per run)."""
    reports = [json.loads(path.read_text()) for path in paths]
    merged = dict(reports[0], models={})
    for report in reports:
        merged["models"].update(report["models"])
    target.write_text(json.dumps(merged, indent=1))
    return target


if __name__ == "__main__":
    if sys.argv[1] == "merge":  # python -m bench.summary merge A.json B.json OUT.json
        print(merge([Path(path) for path in sys.argv[2:-1]], Path(sys.argv[-1])))
    else:
        for line in ratio_lines(json.loads(Path(sys.argv[1]).read_text())):
            print(line)
