"""How often a streaming answer is rendered: often enough to read as it is written, seldom enough
that rendering stays a small share of one core.

On two cores llama.cpp's two threads share them with the GUI thread, and every millisecond the
GUI thread spends rendering is taken from decoding. Each render's cost (its Markdown, layout and
paint, measured as GUI-thread CPU time from the render until the next token arrives) sets the
wait before the next one: cost / share, never shorter than `shortest_s` nor longer than
`longest_s`. A cheap render keeps the 50 ms pace; a long answer whose render costs more is
rendered less often instead of taking more of the core.
"""

from __future__ import annotations

import time
from typing import Callable

SHORTEST_S = 0.05
LONGEST_S = 0.25
CPU_SHARE = 0.02  # of one core, for rendering while tokens stream


class RenderPace:
    def __init__(self, share: float = CPU_SHARE, shortest_s: float = SHORTEST_S, longest_s: float = LONGEST_S,
                 clock: Callable[[], float] = time.thread_time) -> None:
        self.share, self.shortest_s, self.longest_s, self.clock = share, shortest_s, longest_s, clock
        self.cost_s = 0.0  # a render's cost, smoothed over the last few
        self._started: float | None = None

    def interval_ms(self) -> int:
        """How long to wait, from a token that needs rendering, before rendering it."""
        return round(1000 * min(self.longest_s, max(self.shortest_s, self.cost_s / self.share)))

    def render_starts(self) -> None:
        self._started = self.clock()

    def token_arrives(self) -> None:
        """After a render, the first token: its layout and paint are done by now."""
        if self._started is not None:
            cost = self.clock() - self._started
            self._started = None
            self.cost_s = cost if not self.cost_s else (self.cost_s + cost) / 2

    def stream_ends(self) -> None:
        """No token follows the last render: what the GUI thread does next is not its cost."""
        self._started = None
