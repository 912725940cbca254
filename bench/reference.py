"""The reference: llama.cpp driven through llama-cpp-python's low-level API, nothing else.

Same file, same context settings and threads as the app's `load_llama`, the same sampler chain as
`app.core.engine.sampling.build_sampler`, run where the app runs it (`samples_on_backend`: in
llama.cpp's graph when the output layer is on a GPU), and a tight `llama_decode` loop.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

from llama_cpp import Llama, llama_cpp

from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.loading import create_llama
from app.core.engine.sampling import samples_on_backend


def open_llama(options: LoadOptions, **overrides) -> Llama:
    """A Llama with the context the app would make, through the app's own road
    (`app.core.engine.loading.create_llama`: flash attention's type is decided there)."""
    return create_llama(options, **overrides)


class ReferenceSampler:
    """top-k → top-p → temperature → dist, with an optional logit bias, as the app builds it."""

    def __init__(self, llama: Llama, options: SamplingOptions, seed: int, on_backend: bool = False) -> None:
        self.ctx = llama.ctx
        self.chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
        self.on_backend = False
        self._build(llama, options, seed)
        if on_backend:
            # llama_sampler_sample returns the token the graph sampled, when there is one.
            self.on_backend = bool(llama_cpp.llama_set_sampler(self.ctx, 0, self.chain))

    def _build(self, llama: Llama, options: SamplingOptions, seed: int) -> None:
        if options.logit_bias:
            biases = (llama_cpp.llama_logit_bias * len(options.logit_bias))()
            for slot, (token, bias) in zip(biases, options.logit_bias.items()):
                slot.token, slot.bias = token, bias
            self._add(llama_cpp.llama_sampler_init_logit_bias(llama.n_vocab(), len(biases), biases))
        if options.temperature <= 0:
            self._add(llama_cpp.llama_sampler_init_greedy())
            return
        if options.top_k > 0:
            self._add(llama_cpp.llama_sampler_init_top_k(options.top_k))
        if options.top_p < 1.0:
            self._add(llama_cpp.llama_sampler_init_top_p(options.top_p, 1))
        if options.min_p > 0.0:
            self._add(llama_cpp.llama_sampler_init_min_p(options.min_p, 1))
        self._add(llama_cpp.llama_sampler_init_temp(options.temperature))
        self._add(llama_cpp.llama_sampler_init_dist(seed))

    def _add(self, sampler) -> None:
        llama_cpp.llama_sampler_chain_add(self.chain, sampler)

    def sample(self, ctx) -> int:
        return llama_cpp.llama_sampler_sample(self.chain, ctx, -1)

    def close(self) -> None:
        if self.on_backend:
            llama_cpp.llama_set_sampler(self.ctx, 0, None)
        llama_cpp.llama_sampler_free(self.chain)


@dataclass
class ReferenceRun:
    time_to_first_token: float  # from the prompt text to the first sampled token
    token_times: list[float]  # when each token was sampled, relative to the start
    prompt_tokens: int

    @property
    def decode_tokens_per_second(self) -> float:
        if len(self.token_times) < 2:
            return 0.0
        return (len(self.token_times) - 1) / (self.token_times[-1] - self.token_times[0])


class ReferenceRunner:
    """One Llama and its batches; each run starts from an empty KV cache."""

    def __init__(self, options: LoadOptions, **overrides) -> None:
        self.llama = open_llama(options, **overrides)
        self.output_on_gpu = options.n_gpu_layers != 0 and bool(llama_cpp.llama_supports_gpu_offload())
        self.ctx = self.llama.ctx
        self.n_batch = self.llama.n_batch
        self._prompt_batch = llama_cpp.llama_batch_init(self.n_batch, 0, 1)
        self._one = llama_cpp.llama_batch_init(1, 0, 1)
        self._one.n_tokens = 1
        self._one.n_seq_id[0] = 1
        self._one.seq_id[0][0] = 0
        self._one.logits[0] = 1
        self._kept: ReferenceSampler | None = None  # a chain left attached to the graph (no seed)
        self._kept_for: SamplingOptions | None = None

    def _sampler(self, sampling: SamplingOptions, seed: int | None, on_backend: bool) -> ReferenceSampler:
        if self._kept is not None and (seed is not None or not on_backend or self._kept_for is not sampling):
            self._kept.close()
            self._kept = None
        if self._kept is not None:
            return self._kept
        sampler = ReferenceSampler(self.llama, sampling, llama_cpp.LLAMA_DEFAULT_SEED if seed is None else seed,
                                   on_backend)
        if seed is None and sampler.on_backend:
            self._kept, self._kept_for = sampler, sampling
        return sampler

    def close(self) -> None:
        if self._kept is not None:
            self._kept.close()
        llama_cpp.llama_batch_free(self._prompt_batch)
        llama_cpp.llama_batch_free(self._one)
        self.llama.close()

    def tokenize(self, text: str) -> list[int]:
        # The rendered prompt starts with "<bos>", so no BOS is added on top.
        return self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def clear(self) -> None:
        llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(self.ctx), True)

    def samples_on_backend(self, sampling: SamplingOptions) -> bool:
        return samples_on_backend(sampling, self.output_on_gpu)

    def run(self, prompt: str | Sequence[int], max_tokens: int, sampling: SamplingOptions, seed: int | None,
            on_backend: bool | None = None) -> ReferenceRun:
        """Evaluate a prompt from an empty cache, then sample and decode `max_tokens` tokens.
        The chain runs where the app would run it, unless `on_backend` says otherwise. Without a
        seed, a chain in the graph stays attached for the next run with the same settings, as the
        app keeps its chat's chain (attaching one makes llama.cpp reserve a new graph)."""
        self.clear()
        if on_backend is None:
            on_backend = self.samples_on_backend(sampling)
        sampler = self._sampler(sampling, seed, on_backend)
        try:
            started = time.perf_counter()
            tokens = self.tokenize(prompt) if isinstance(prompt, str) else list(prompt)
            self._evaluate(tokens)
            times: list[float] = []
            position = len(tokens)
            for index in range(max_tokens):
                token = sampler.sample(self.ctx)
                times.append(time.perf_counter() - started)
                if index == max_tokens - 1:
                    break
                self._one.token[0] = token
                self._one.pos[0] = position
                if llama_cpp.llama_decode(self.ctx, self._one) != 0:
                    raise RuntimeError("llama_decode failed in the reference loop")
                position += 1
        finally:
            if sampler is not self._kept:
                sampler.close()
        return ReferenceRun(times[0] if times else 0.0, times, len(tokens))

    def _evaluate(self, tokens: list[int]) -> None:
        batch = self._prompt_batch
        for start in range(0, len(tokens), self.n_batch):
            piece = tokens[start : start + self.n_batch]
            for index, token in enumerate(piece):
                batch.token[index] = token
                batch.pos[index] = start + index
                batch.n_seq_id[index] = 1
                batch.seq_id[index][0] = 0
                batch.logits[index] = 0
            batch.logits[len(piece) - 1] = start + len(piece) == len(tokens)
            batch.n_tokens = len(piece)
            if llama_cpp.llama_decode(self.ctx, batch) != 0:
                raise RuntimeError("llama_decode failed on the prompt in the reference")

