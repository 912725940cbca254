"""The one way the window runs short work off the GUI thread (the engine has its own thread).

The work reports back through its owner's signals, which Qt queues to the GUI thread."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QThreadPool


def run_in_background(work: Callable[[], None], pool: QThreadPool | None = None) -> None:
    """Run `work()` on `pool` (the application's shared pool when none is given)."""
    (pool or QThreadPool.globalInstance()).start(work)
