"""One llama.cpp sequence in the shared KV cache, and the prompt units it holds.

The context is made with two sequences over one unified cache (`n_seq_max` 2, `kv_unified`):
sequence 0 holds the chat, sequence 1 a one-off request such as a dictation chunk. Both draw on
the same `n_ctx` cells, so the second sequence costs no memory and no copying; a one-off that
does not fit beside the chat takes cells from the end of the chat, never all of it.
"""

from __future__ import annotations

from typing import Sequence

from llama_cpp import llama_cpp
from llama_cpp._internals import LlamaBatch

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.prompt_plan import MediaUnit, Unit, common_prefix_length, positions_of
from app.core.engine.engine_errors import EngineError

CHAT_SEQUENCE = 0
ONE_OFF_SEQUENCE = 1
N_SEQUENCES = 2


def cells_of(units: Sequence[Unit]) -> int:
    """KV cells the units occupy (a media piece fills one cell per embedding, whatever its positions)."""
    return sum(1 if isinstance(unit, int) else unit.n_tokens for unit in units)


class KvSequence:
    def __init__(self, ctx, batch: LlamaBatch, seq_id: int) -> None:
        self._ctx = ctx
        self._batch = batch
        self.seq_id = seq_id
        self.units: list[Unit] = []
        # Kept as the units change, not summed per token: the token loop asks for them every token.
        self.positions = 0
        self.cells = 0

    def reusable_prefix(self, units: Sequence[Unit]) -> int:
        """How many of `units` are already here; the last one is always evaluated again, for its logits."""
        return min(common_prefix_length(self.units, units), len(units) - 1)

    def truncate(self, keep: int) -> None:
        """Keep the first `keep` units in the cache and forget the rest."""
        memory = llama_cpp.llama_get_memory(self._ctx)
        if not llama_cpp.llama_memory_seq_rm(memory, self.seq_id, positions_of(self.units[:keep]), -1):
            # Some memories cannot drop part of a sequence; the whole sequence always can go.
            llama_cpp.llama_memory_seq_rm(memory, self.seq_id, -1, -1)
            keep = 0
        del self.units[keep:]
        self.positions = positions_of(self.units)
        self.cells = cells_of(self.units)

    def clear(self) -> None:
        self.truncate(0)

    def decode_tokens(self, tokens: list[int], *, output_last: bool = True) -> None:
        """Evaluate `tokens` after what the sequence holds. Only the prompt's final batch needs its
        last token's output: every other output costs a pass over the 262k-row output layer."""
        batch = self._batch.batch
        start = self.positions
        batch.n_tokens = len(tokens)
        for index, token in enumerate(tokens):
            batch.token[index] = token
            batch.pos[index] = start + index
            batch.seq_id[index][0] = self.seq_id
            batch.n_seq_id[index] = 1
            batch.logits[index] = False
        batch.logits[len(tokens) - 1] = output_last
        result = llama_cpp.llama_decode(self._ctx, batch)
        if result != 0:
            raise EngineError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "llama.cpp could not evaluate the prompt (llama_decode returned "
                    "{result}).",
                ),
                result=result,
            )
        self.units.extend(tokens)
        self.positions += len(tokens)
        self.cells += len(tokens)

    def append_media(self, unit: MediaUnit) -> None:
        """Record a media unit the caller has just decoded at `self.positions`."""
        self.units.append(unit)
        self.positions += unit.n_positions
        self.cells += unit.n_tokens
