"""Shorter GIL turns while the engine works beside another thread that runs Python.

The engine thread hands work to and from Python on another thread: llama.cpp's log lines while
a model loads (some 1,400 for a Gemma file, each through llama-cpp-python's Python log callback),
and every token of an answer (back from `llama_decode`, the engine needs the GIL to sample and
hand the token on). While the other thread runs Python (the window being built, an answer's
Markdown being laid out), each of those waits for that thread's turn to end: up to the default
5 ms switch interval. Measured on two cores: the 270M model's load took 570 ms that way and
540 ms with 0.5 ms turns (535 ms with no Python callback at all)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

SWITCH_INTERVAL_S = 0.0005


@contextmanager
def short_gil_turns() -> Iterator[None]:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)
