"""The encoder's own threads: matmuls split by output columns, element-wise work by slices.

numpy runs casts and ufuncs on one core, and OpenBLAS's own threads busy-wait for each other,
which on a busy two-core machine wasted a third of the CPU time (21 s instead of 15 s a 30-s
clip, measured here). So while a clip is encoded, BLAS is held to one thread and each matmul is
cut into column blocks run in our threads, like the conversions and activations; numpy and ctypes
free the GIL for all of them. Without threadpoolctl, BLAS keeps its threads and matmuls run whole.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

try:
    from threadpoolctl import ThreadpoolController
except ImportError:  # optional: only speed depends on it
    ThreadpoolController = None

# Below this many elements a slice is not worth a thread.
_MIN_ELEMENTS_PER_THREAD = 1 << 18
# Output columns of a matmul below which splitting costs more than it gains.
_MIN_COLUMNS_PER_THREAD = 256
_COLUMN_ALIGN = 16
_blas_controller = None


class SliceRunner:
    def __init__(self, threads: int | None = None) -> None:
        self.threads = max(1, min(8, threads if threads is not None else (os.cpu_count() or 1)))
        self._pool = (
            ThreadPoolExecutor(self.threads, thread_name_prefix="gemma3n-audio")
            if self.threads > 1 else None
        )
        self._split_matmuls = False

    def run(self, work: Callable[[int, int], None], length: int, elements_per_item: int = 1,
            align: int = 1, min_elements: int | None = None) -> None:
        """Call work(start, stop) over [0, length) in up to `threads` aligned pieces."""
        least = _MIN_ELEMENTS_PER_THREAD if min_elements is None else min_elements
        pieces = min(self.threads, max(1, length * elements_per_item // max(1, least)))
        if self._pool is None or pieces == 1:
            work(0, length)
            return
        step = -(-length // pieces)
        step = -(-step // align) * align
        futures = [self._pool.submit(work, start, min(start + step, length))
                   for start in range(step, length, step)]
        try:
            work(0, min(step, length))
        finally:
            for future in futures:
                future.result()

    def matmul(self, x: np.ndarray, weight_t: np.ndarray) -> np.ndarray:
        """x @ weight_t, its output columns shared out over the threads while own_blas_threads()
        holds. Each thread then reads only its part of the weights (splitting the rows of x
        instead made every thread read them all: 15–30 % slower per matmul on an idle machine)."""
        if not self._split_matmuls:
            return x @ weight_t
        out = np.empty((x.shape[0], weight_t.shape[1]), dtype=np.result_type(x, weight_t))

        def columns(start: int, stop: int) -> None:
            # A column block of a C-ordered array is still a BLAS matrix (row stride = ldc), so
            # BLAS writes straight into `out`.
            np.matmul(x, weight_t[:, start:stop], out=out[:, start:stop])

        self.run(columns, weight_t.shape[1], align=_COLUMN_ALIGN, min_elements=_MIN_COLUMNS_PER_THREAD)
        return out

    @contextlib.contextmanager
    def own_blas_threads(self) -> Iterator[None]:
        """Within: BLAS runs one thread per call and matmul() spreads the rows instead."""
        controller = _controller()
        if controller is None or self._pool is None:
            yield
            return
        with controller.limit(limits=1, user_api="blas"):
            self._split_matmuls = True
            try:
                yield
            finally:
                self._split_matmuls = False

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def _controller():
    global _blas_controller
    if _blas_controller is None and ThreadpoolController is not None:
        _blas_controller = ThreadpoolController()
    return _blas_controller
