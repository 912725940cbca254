"""Which turns of a long chat go into the prompt once the whole history no longer fits.

Dropping just enough of the oldest turns on every turn changes the start of the prompt each time,
so llama.cpp re-reads the whole prompt on every turn. Instead, when the history must be trimmed,
it is trimmed down to `keep_after_trim` of the room, and the window's first message is remembered:
the next turns keep that start, add only their new tokens and reuse the cached prefix until the
room is used up again.
"""

from __future__ import annotations

from typing import Callable, Sequence

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.prompt_format import ChatMessage
from app.core.engine.prompt_plan import PromptPlan
from app.core.engine.engine_errors import ContextFullError

# Half the room: a trim then re-reads about half the context, and the next half-context of
# turns only evaluates new tokens, so on average a turn evaluates about twice its own tokens.
KEEP_AFTER_TRIM = 0.5


PlanMessages = Callable[[Sequence[ChatMessage]], PromptPlan]


class HistoryWindow:
    def __init__(self, keep_after_trim: float = KEEP_AFTER_TRIM) -> None:
        self.keep_after_trim = keep_after_trim
        # The messages up to and including the window's first one, as of the last trim: the
        # window is kept only while the conversation still starts with exactly these.
        self._start: tuple[ChatMessage, ...] | None = None

    def fit(
        self, messages: Sequence[ChatMessage], plan: PlanMessages, n_ctx: int, reserve: int
    ) -> tuple[PromptPlan, int]:
        """The prompt of `messages` with `reserve` positions left for the answer, and how many
        old messages it leaves out."""
        messages = list(messages)
        room = n_ctx - reserve
        if self._start is not None and tuple(messages[: len(self._start)]) == self._start:
            dropped = len(self._start) - 1
            kept = plan(messages[dropped:])
            if kept.n_positions <= room:
                return kept, dropped
        whole = plan(messages)
        if whole.n_positions <= room:
            self._start = None
            return whole, 0
        return self._trim(messages, plan, n_ctx, reserve, whole)

    def _trim(self, messages, plan, n_ctx, reserve, whole) -> tuple[PromptPlan, int]:
        room = n_ctx - reserve
        cuts = exchange_starts(messages)
        shortest = plan(messages[cuts[-1]:]) if cuts else whole
        if not cuts or shortest.n_positions > room:
            raise ContextFullError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This message needs {n_positions} tokens but the context holds {n_ctx} "
                    "(with {reserve} kept for the answer). Shorten it or raise the context "
                    "size.",
                ),
                n_positions=shortest.n_positions, n_ctx=n_ctx, reserve=reserve,
            )
        target = max(1, int(room * self.keep_after_trim))
        # The prompt shrinks as more exchanges go, so the fewest drops that reach the target are
        # found by bisection over the exchange boundaries.
        low, high, best = 0, len(cuts) - 1, (cuts[-1], shortest)
        while low <= high:
            middle = (low + high) // 2
            candidate = plan(messages[cuts[middle]:])
            if candidate.n_positions <= target:
                best = (cuts[middle], candidate)
                high = middle - 1
            else:
                low = middle + 1
        dropped, kept = best
        self._start = tuple(messages[: dropped + 1])
        return kept, dropped


def exchange_starts(messages: Sequence[ChatMessage]) -> list[int]:
    """Where the history may start after dropping whole old exchanges; never past the last message."""
    if len(messages) <= 1:
        return []
    starts = [index for index in range(1, len(messages) - 1) if messages[index].role == "user"]
    return starts + [len(messages) - 1]
