"""One sampler chain for one KV sequence, run either inside llama.cpp's graph (backend sampling)
or on the CPU over the logits after each decode. Either way the next token is one C call away:
no logits ever reach Python."""

from __future__ import annotations

from llama_cpp import llama_cpp

from app.core.engine.options import SamplingOptions
from app.core.engine.sampling import build_sampler

LLAMA_TOKEN_NULL = -1


class TokenSampler:
    def __init__(self, ctx, seq_id: int, options: SamplingOptions, n_vocab: int, on_backend: bool) -> None:
        self._ctx = ctx
        self._seq_id = seq_id
        self._chain = build_sampler(options, n_vocab)
        self.options = options
        # llama.cpp refuses (and the CPU chain is used) when the chain cannot run in the graph.
        self.on_backend = on_backend and bool(llama_cpp.llama_set_sampler(ctx, seq_id, self._chain.sampler))

    def reusable_for(self, options: SamplingOptions) -> bool:
        """A chain with its own random seed can go on serving the same settings: attaching a new
        one to the graph costs llama.cpp a new graph reservation before the next decode."""
        mine, theirs = self.options, options
        return (self.on_backend and mine.seed is None and theirs.seed is None and mine.temperature == theirs.temperature
                and mine.top_k == theirs.top_k and mine.top_p == theirs.top_p and mine.min_p == theirs.min_p
                and mine.repeat_penalty == theirs.repeat_penalty and mine.logit_bias == theirs.logit_bias)

    def next_token(self) -> int:
        """The token after the last decode's last output (which must be this sequence's)."""
        chain = self._chain.sampler
        if self.on_backend:
            token = llama_cpp.llama_get_sampled_token_ith(self._ctx, -1)
            if token != LLAMA_TOKEN_NULL:
                llama_cpp.llama_sampler_accept(chain, token)
                return token
        return llama_cpp.llama_sampler_sample(chain, self._ctx, -1)

    def close(self) -> None:
        if self.on_backend:
            llama_cpp.llama_set_sampler(self._ctx, self._seq_id, None)
            self.on_backend = False
        self._chain.close()
