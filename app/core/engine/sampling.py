"""Builds llama.cpp's sampler chain from SamplingOptions, and decides where that chain runs."""

from __future__ import annotations

import random

from llama_cpp._internals import LlamaSampler

from app.core.engine.options import SamplingOptions


def samples_on_backend(options: SamplingOptions, output_on_gpu: bool) -> bool:
    """Whether the chain runs inside llama.cpp's graph, on the device that holds the output layer.

    On a GPU that saves copying the whole vocabulary's logits to the CPU and sorting them there
    for every token. On the CPU it is slower than the CPU chain (measured on 2 cores: 62–64 against
    66–68 tok/s), so it is used only where the output layer is on a GPU. A logit bias is a plain
    addition in the graph too (same tokens: see the tests); a repeat penalty stays on the CPU
    chain, where it sees every token the chain has accepted."""
    return output_on_gpu and options.repeat_penalty == 1.0


def build_sampler(options: SamplingOptions, n_vocab: int) -> LlamaSampler:
    sampler = LlamaSampler()
    if options.logit_bias:
        sampler.add_logit_bias(n_vocab, options.logit_bias)
    if options.repeat_penalty != 1.0:
        sampler.add_penalties(n_vocab, 64, options.repeat_penalty, 0.0, 0.0)
    if options.temperature <= 0.0:
        sampler.add_greedy()
        return sampler
    if options.top_k > 0:
        sampler.add_top_k(options.top_k)
    if options.top_p < 1.0:
        sampler.add_top_p(options.top_p, 1)
    if options.min_p > 0.0:
        sampler.add_min_p(options.min_p, 1)
    sampler.add_temp(options.temperature)
    seed = options.seed if options.seed is not None else random.randrange(2**31)
    sampler.add_dist(seed)
    return sampler
