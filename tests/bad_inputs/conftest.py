"""Counts for the bad-input corpus, printed at the end of the run."""

from __future__ import annotations

from collections import Counter

import pytest

TALLY: Counter = Counter()


def record(route: str, *, crashed: bool, traceback: bool) -> None:
    TALLY[f"{route} cases"] += 1
    TALLY[f"{route} crashes"] += int(crashed)
    TALLY[f"{route} tracebacks"] += int(traceback)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY:
        return
    terminalreporter.section("bad-input corpus")
    for route in ("cli", "window"):
        if TALLY[f"{route} cases"]:
            terminalreporter.write_line(
                f"{route}: {TALLY[f'{route} cases']} cases, {TALLY[f'{route} crashes']} crashes, "
                f"{TALLY[f'{route} tracebacks']} tracebacks"
            )
