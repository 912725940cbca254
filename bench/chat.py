"""Text chat through the window vs. llama.cpp alone: decode speed, prompt evaluation and time to
first token, the second turn, and how busy the GUI thread gets while tokens stream."""

from __future__ import annotations

import cProfile
import math
import pstats
import time
from dataclasses import replace

from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage, render_as_text
from bench.llama_bench import LlamaBenchRounds
from bench.measure import percentile, ratio, summary, taking_turns
from bench.reference import ReferenceRunner

GAP_BINS_MS = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 33, 50, 100, 250, 1000, math.inf]

_WORDS = (
    "river stone lantern harbour meadow orchard thunder village morning quiet garden bridge "
    "window autumn letter mountain candle silver forest valley winter summer journey ocean "
    "market story teacher kitchen evening island shadow feather pocket"
).split()


def end_of_turn_banned(runner: ReferenceRunner) -> dict[int, float]:
    """Random weights may pick <end_of_turn> at once; banning the end tokens fixes the length."""
    end_of_turn = runner.llama.tokenize(b"<end_of_turn>", add_bos=False, special=True)
    banned = {runner.llama.token_eos(): float("-inf")}
    if len(end_of_turn) == 1:
        banned[end_of_turn[0]] = float("-inf")
    return banned


def rendered_prompt(session, messages: list[ChatMessage]) -> str:
    return render_as_text(session.engine.format.render(messages))


def filler_text(runner: ReferenceRunner, n_tokens: int, tag: str) -> str:
    """Plain words that tokenize to about `n_tokens` tokens (the turn markers add ~10 more)."""
    words = [f"Note {tag}."]
    index = 0
    while True:
        chunk = [_WORDS[(index * 7 + step) % len(_WORDS)] for step in range(64)]
        words += chunk
        index += 1
        if len(runner.tokenize(" ".join(words))) >= n_tokens:
            break
    while len(runner.tokenize(" ".join(words))) > n_tokens:
        words.pop()
    return " ".join(words)


def decode_speed(session, runner: ReferenceRunner, runs: int, n_tokens: int,
                 sampling: SamplingOptions, llama_bench: LlamaBenchRounds | None = None) -> dict:
    text = "Write a long story about a lighthouse keeper, a storm and a lost ship."
    prompt = rendered_prompt(session, [ChatMessage("user", text)])
    window_engine_speeds: list[float] = []

    def app(index: int) -> float:
        answer = session.ask(text, replace(sampling, max_tokens=n_tokens, seed=index))
        if index < runs:
            window_engine_speeds.append(answer.result.tokens_per_second)
        return answer.decode_tokens_per_second

    def raw(index: int) -> float:
        run = session.on_engine_thread(lambda: runner.run(prompt, n_tokens, sampling, seed=index))
        return run.decode_tokens_per_second

    paths = [app, raw] + ([lambda index: llama_bench.generation(n_tokens)] if llama_bench else [])
    app_speeds, raw_speeds, *tool_speeds = taking_turns(runs, paths)
    report = {
        "tokens_per_run": n_tokens,
        "sampler_chain": "backend" if runner.samples_on_backend(sampling) else "cpu",
        "app_window": summary(app_speeds),
        "app_engine_thread": summary(window_engine_speeds),
        "reference": summary(raw_speeds),
        "ratio": ratio(summary(app_speeds), summary(raw_speeds)),
        # On a shared machine, interference only ever slows a run down: the best runs compare
        # the two paths' own costs.
        "ratio_best": max(app_speeds) / max(raw_speeds),
    }
    if tool_speeds:
        report["llama_bench"] = summary(tool_speeds[0])  # tg<n_tokens>, taking turns with the two above
    if runner.samples_on_backend(sampling):
        # What the backend chain gains: the same loop with the chain on the CPU, as before.
        cpu_chain = [session.on_engine_thread(lambda: runner.run(prompt, n_tokens, sampling, seed=index,
                                                                 on_backend=False)).decode_tokens_per_second
                     for index in range(runs)]
        report["reference_cpu_chain"] = summary(cpu_chain)
    return report


def gui_responsiveness(session, n_tokens: int, sampling: SamplingOptions) -> dict:
    """Gaps between 1-ms timer ticks on the GUI thread: idle, then while an answer streams."""
    session.ticks.start()
    session.idle(1.5)
    idle = session.ticks.stop()
    session.ticks.start()
    answer = session.ask("Tell me about the history of lighthouses.", replace(sampling, max_tokens=n_tokens, seed=99))
    streaming = session.ticks.stop()
    return {
        "idle": _gap_summary(idle),
        "streaming": _gap_summary(streaming),
        "streamed_tokens": len(answer.result.token_ids),
    }


def _gap_summary(gaps_ms: list[float]) -> dict:
    if not gaps_ms:
        return {}
    counts = [0] * (len(GAP_BINS_MS) - 1)
    for gap in gaps_ms:
        for index in range(len(counts)):
            if GAP_BINS_MS[index] <= gap < GAP_BINS_MS[index + 1]:
                counts[index] += 1
                break
    return {
        "ticks": len(gaps_ms) + 1,
        "p50_ms": percentile(gaps_ms, 0.50),
        "p99_ms": percentile(gaps_ms, 0.99),
        "max_ms": max(gaps_ms),
        "over_16ms": sum(1 for gap in gaps_ms if gap > 16),
        "histogram": {"edges_ms": [edge if math.isfinite(edge) else None for edge in GAP_BINS_MS], "counts": counts},
    }


def prompt_evaluation(session, runner: ReferenceRunner, runs: int, lengths: list[int],
                      sampling: SamplingOptions, llama_bench: LlamaBenchRounds | None = None) -> dict:
    """Send a fresh n-token message; time to first token in the window vs. llama.cpp alone."""
    report = {}
    for length in lengths:
        engine_ttft: list[float] = []
        prompt_sizes: list[int] = []
        texts = {index: filler_text(runner, length, f"{length}-{index}") for index in range(runs)}

        def app(index: int) -> float:
            # No seed, as in the app's own use: its chat's chain stays attached between answers.
            answer = session.ask(texts[index], replace(sampling, max_tokens=1))
            if index < runs:
                engine_ttft.append(answer.result.time_to_first_token)
                prompt_sizes.append(answer.result.prompt_tokens)
            return answer.time_to_first_token

        def raw(index: int) -> float:
            prompt = rendered_prompt(session, [ChatMessage("user", texts[index])])
            run = session.on_engine_thread(lambda: runner.run(prompt, 1, sampling, seed=None))
            return run.time_to_first_token

        paths = [app, raw] + ([lambda index: llama_bench.prompt(length)] if llama_bench else [])
        app_ttft, raw_ttft, *tool_speeds = taking_turns(runs, paths, warm_up=False)  # warmed by the decode runs
        tokens = statistics_median(prompt_sizes)
        plan_seconds = []
        for index in range(runs):  # templating + tokenizing, as the engine does before evaluating
            started = time.perf_counter()
            session.engine.plan([ChatMessage("user", texts[index])])
            plan_seconds.append(time.perf_counter() - started)
        hops = [(window - engine) * 1000 for window, engine in zip(app_ttft, engine_ttft)]
        overheads = [(a - r) * 1000 for a, r in zip(app_ttft, raw_ttft)]
        report[str(length)] = {
            "prompt_tokens": tokens,
            "ttft_s": {"app_window": summary(app_ttft), "app_engine_thread": summary(engine_ttft),
                       "reference": summary(raw_ttft)},
            "prompt_tokens_per_second": {
                "app_window": tokens / summary(app_ttft)["median"],
                "reference": tokens / summary(raw_ttft)["median"],
            },
            "ttft_overhead_ms": summary(overheads),
            "ttft_overhead_best_ms": (min(app_ttft) - min(raw_ttft)) * 1000,
            # The app's own share of the time to first token, measured apart from llama.cpp's
            # evaluation (which both paths run alike): the window → worker → window signal hops
            # plus the store, and building the prompt plan.
            "window_hops_ms": summary(hops),
            "plan_ms": summary([value * 1000 for value in plan_seconds]),
            "app_share_ms": statistics_median(hops) + statistics_median(plan_seconds) * 1000,
            "ratio": ratio(summary([1 / t for t in app_ttft]), summary([1 / t for t in raw_ttft])),
        }
        if tool_speeds:  # pp<length>, taking turns with the two above
            tool = summary(tool_speeds[0])
            report[str(length)]["llama_bench"] = tool
            # llama.cpp's own evaluation of this prompt, at llama-bench's speed
            report[str(length)]["ttft_overhead_vs_llama_bench_ms"] = (
                summary(app_ttft)["median"] - tokens / tool["median"]) * 1000
    return report


def second_turn(session, runner: ReferenceRunner, runs: int, first_turn_tokens: int,
                answer_tokens: int, sampling: SamplingOptions) -> dict:
    """Turn 2 reuses turn 1's KV cache; the reference evaluates the whole history again."""
    reused, evaluated, full_lengths, app_ttft, raw_ttft = [], [], [], [], []
    for index in range(runs):
        first = filler_text(runner, first_turn_tokens, f"turn-{index}")
        session.ask(first, replace(sampling, max_tokens=answer_tokens, seed=index))
        answer = session.ask("And what happened next?", replace(sampling, max_tokens=1, seed=index),
                             new_conversation=False)
        messages = session.history()
        while messages[-1].role != "user":
            messages.pop()
        history = session.engine.plan(messages).token_ids  # the worker is idle between answers
        run = session.on_engine_thread(lambda: runner.run(history, 1, sampling, seed=index))
        reference_ttft = run.time_to_first_token
        reused.append(answer.result.reused_units)
        evaluated.append(answer.result.evaluated_units)
        app_ttft.append(answer.time_to_first_token)
        full_lengths.append(len(history))
        raw_ttft.append(reference_ttft)
    return {
        "history_tokens": statistics_median(full_lengths),
        "app_reused_tokens": statistics_median(reused),
        "app_evaluated_tokens": statistics_median(evaluated),
        "ttft_s": {"app_window_second_turn": summary(app_ttft), "reference_whole_history": summary(raw_ttft)},
        "time_ratio": ratio(summary(app_ttft), summary(raw_ttft)),
        "time_ratio_best": min(app_ttft) / min(raw_ttft),
    }


def statistics_median(values: list[int]) -> float:
    return summary(values)["median"] if values else 0.0


def per_token_breakdown(session, n_tokens: int, sampling: SamplingOptions) -> dict:
    """Where one generated token's time goes in the engine loop, profiled on the worker's thread
    (without Qt's signals): llama_decode, sampling, text pieces, Python around them."""
    engine = session.engine
    messages = [ChatMessage("user", "Write a long story about a lighthouse keeper.")]

    def profiled():  # cProfile sees only the thread it runs on: the engine's own
        list(engine.generate(messages, sampling=replace(sampling, max_tokens=2, seed=1)))
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        result = list(engine.generate(messages, sampling=replace(sampling, max_tokens=n_tokens, seed=2)))[-1]
        profile.disable()
        return result, time.perf_counter() - started, pstats.Stats(profile).stats

    # stats: {(file, line, function): (calls, ncalls, tottime, cumtime, callers)}
    result, total, stats = session.on_engine_thread(profiled)

    def seconds(function: str, cumulative: bool = True) -> float:
        return sum(row[3] if cumulative else row[2] for (_file, _line, name), row in stats.items() if name == function)

    tokens = max(1, len(result.token_ids))
    parts = {
        "llama_decode": seconds("_decode_tokens", cumulative=False),  # ctypes calls count as the caller's
        "batch_setup": seconds("set_batch"),
        "sampling": seconds("sample"),
        "token_text": seconds("token_piece") + seconds("decode"),
        "context_bookkeeping": seconds("positions_of"),
    }
    parts["python_other"] = max(0.0, total - sum(parts.values()))
    per_token = {name: value * 1000 / tokens for name, value in parts.items()}
    # The reference loop also calls llama_decode and the same native sampler chain; the rest is
    # the app's own per-token work.
    app_only = sum(value for name, value in per_token.items() if name not in ("llama_decode", "sampling"))
    return {
        "tokens": tokens,
        "ms_per_token": per_token,
        "app_only_ms_per_token": app_only,
        "expected_decode_ratio": (per_token["llama_decode"] + per_token["sampling"])
        / (per_token["llama_decode"] + per_token["sampling"] + app_only),
        "note": "cProfile adds about a microsecond per Python call; llama_decode is the time inside "
                "the engine's _decode_tokens (its ctypes call)",
    }
