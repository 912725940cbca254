"""Where a decoded token's time goes, between llama-bench and the app's engine, on one model.

    python -m bench.decode_costs --model M [--gpu] [--threads T] [--llama-bench BIN] [--runs R]

Each path decodes the same number of tokens after a short prompt; the plain loops on a context
of their own made the app's way (`create_llama`: the engine's chain stays attached to its chat,
and llama.cpp runs an attached chain on every decode, even one for another sequence); the paths
take turns, round after round:
  decode only        llama_decode + llama_synchronize in a Python loop: what llama-bench tg does
  backend greedy     + a greedy chain in llama.cpp's graph, its token read back
  backend top-k      + top-k 64, temperature, dist in the graph
  backend defaults   + the Gemma defaults (top-k 64, top-p 0.95, temperature 1, dist) in the graph
  cpu defaults       the Gemma defaults on the CPU over the copied logits
  engine             ChatEngine.generate, the app's own loop (no window)
Each line's ms/token over "decode only" is that layer's cost; "decode only" over llama-bench's
own tg is Python's cost around llama_decode.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from llama_cpp import llama_cpp

from app.core.engine.engine import ChatEngine
from app.core.engine.loading import create_llama
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.engine.sampling import build_sampler
from bench.llama_bench import LlamaBenchRounds
from bench.measure import summary, taking_turns

PROMPT = [2, 818, 5279, 529, 7001, 563]  # BOS and a few ordinary tokens
FIXED_TOKEN = 1437
GEMMA_DEFAULTS = SamplingOptions()
CHAINS = {
    "backend greedy": SamplingOptions(temperature=0.0),
    "backend top-k": SamplingOptions(top_p=1.0),
    "backend defaults": GEMMA_DEFAULTS,
}


class TokenLoops:
    """Plain loops on a context of their own (cleared after each run), and the engine's loop."""

    def __init__(self, engine: ChatEngine, n_tokens: int) -> None:
        self.engine, self.n_tokens = engine, n_tokens
        self.llama = create_llama(engine.options, n_ctx=engine.n_ctx)
        self.ctx, self.n_vocab = self.llama.ctx, self.llama.n_vocab()
        self._prompt = llama_cpp.llama_batch_init(len(PROMPT), 0, 1)
        self._one = llama_cpp.llama_batch_init(1, 0, 1)
        banned = {engine.llama.token_eos(): -100.0, engine.control_token_id("<end_of_turn>"): -100.0}
        self._engine_sampling = SamplingOptions(max_tokens=n_tokens + 1, logit_bias=banned)

    def _start(self) -> None:
        batch = self._prompt
        for index, token in enumerate(PROMPT):
            batch.token[index], batch.pos[index], batch.n_seq_id[index] = token, index, 1
            batch.seq_id[index][0], batch.logits[index] = 0, index == len(PROMPT) - 1
        batch.n_tokens = len(PROMPT)
        llama_cpp.llama_decode(self.ctx, batch)
        one = self._one
        one.n_tokens, one.n_seq_id[0], one.seq_id[0][0], one.logits[0] = 1, 1, 0, 1

    def _end(self) -> None:
        llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(self.ctx), 0, -1, -1)

    def decode_only(self) -> float:
        self._start()
        one, ctx = self._one, self.ctx
        started = time.perf_counter()
        for position in range(len(PROMPT), len(PROMPT) + self.n_tokens):
            one.token[0], one.pos[0] = FIXED_TOKEN, position
            llama_cpp.llama_decode(ctx, one)
            llama_cpp.llama_synchronize(ctx)
        speed = self.n_tokens / (time.perf_counter() - started)
        self._end()
        return speed

    def with_chain(self, options: SamplingOptions, on_backend: bool) -> float:
        chain = build_sampler(options, self.n_vocab)
        sampler = chain.sampler
        attached = on_backend and bool(llama_cpp.llama_set_sampler(self.ctx, 0, sampler))
        if on_backend and not attached:
            raise RuntimeError("llama.cpp refused the chain in its graph")
        try:
            self._start()
            one, ctx = self._one, self.ctx
            started = time.perf_counter()
            for position in range(len(PROMPT), len(PROMPT) + self.n_tokens):
                if attached:
                    token = llama_cpp.llama_get_sampled_token_ith(ctx, -1)
                    llama_cpp.llama_sampler_accept(sampler, token)
                else:
                    token = llama_cpp.llama_sampler_sample(sampler, ctx, -1)
                one.token[0], one.pos[0] = token, position
                llama_cpp.llama_decode(ctx, one)
            return self.n_tokens / (time.perf_counter() - started)
        finally:
            self._end()
            if attached:
                llama_cpp.llama_set_sampler(self.ctx, 0, None)
            chain.close()

    def engine_loop(self) -> float:
        """The app's loop, its chat's chain staying attached between answers as in the app."""
        result = None
        sampling = self._engine_sampling
        for event in self.engine.generate([ChatMessage("user", "Tell me a story.")], "", sampling):
            result = event
        return result.tokens_per_second

    def close(self) -> None:
        llama_cpp.llama_batch_free(self._prompt)
        llama_cpp.llama_batch_free(self._one)
        self.llama.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--gpu", action="store_true", help="offload every layer")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--llama-bench", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    options = LoadOptions(model_path=args.model, n_ctx=4096, n_gpu_layers=-1 if args.gpu else 0,
                          **({"n_threads": args.threads} if args.threads else {}))
    engine = ChatEngine(options)
    loops = TokenLoops(engine, args.tokens)
    paths = {
        "decode only": lambda _index: loops.decode_only(),
        **{name: (lambda _index, chain=chain: loops.with_chain(chain, on_backend=True))
           for name, chain in CHAINS.items() if engine.output_on_gpu},
        "cpu defaults": lambda _index: loops.with_chain(GEMMA_DEFAULTS, on_backend=False),
        "engine": lambda _index: loops.engine_loop(),
    }
    if args.llama_bench:
        tool = LlamaBenchRounds(args.llama_bench, args.model, options.n_threads, options.n_gpu_layers)
        paths["llama-bench tg"] = lambda _index: tool.generation(args.tokens)
    speeds = dict(zip(paths, taking_turns(args.runs, list(paths.values()))))
    report = {name: summary(values) for name, values in speeds.items()}
    base = 1000.0 / report["decode only"]["median"]
    for name, row in report.items():
        ms = 1000.0 / row["median"]
        tool = report.get("llama-bench tg")
        versus = f"  {row['median'] / tool['median']:.3f} of llama-bench" if tool else ""
        print(f"{name:18s} {row['median']:8.1f} tok/s  {ms:6.3f} ms/token  {ms - base:+6.3f} over decode only{versus}")
    if args.json:
        args.json.write_text(json.dumps({"model": str(args.model), "gpu": args.gpu, "threads": options.n_threads,
                                         "tokens": args.tokens, "paths": report}, indent=1))
    loops.close()
    engine.close()


if __name__ == "__main__":
    main()
