"""Load progress comes from llama.cpp's own callback, so a load reads the file no more than
llama.cpp does (it used to be read once in full beforehand, only to drive the progress bar)."""

from pathlib import Path

from app.core.engine.engine import ChatEngine
from app.core.engine.options import LoadOptions


def bytes_read_by_this_process() -> int:
    """read()/pread() bytes (mmap page faults are not counted: that is how llama.cpp reads tensors)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def test_progress_is_reported_without_reading_the_whole_file(gemma_model_path):
    seen: list[float] = []
    before = bytes_read_by_this_process()
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=512, n_threads=2), on_progress=seen.append)
    read = bytes_read_by_this_process() - before
    engine.close()
    size = gemma_model_path.stat().st_size
    assert read < size / 2, f"the load read {read} bytes of a {size}-byte file"
    assert len(seen) >= 5
    assert seen == sorted(seen) and 0.0 <= seen[0] and seen[-1] == 1.0


def test_llama_cpps_log_lines_wait_for_short_gil_turns_while_it_loads(gemma_model_path):
    """Each of the ~1,400 lines llama.cpp logs while loading goes through a Python callback: with
    the default 5 ms turns, a thread busy in Python beside the load (the window being built) made
    the 270M model load 30-45 ms slower on two cores."""
    import sys

    before = sys.getswitchinterval()
    during: list[float] = []
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=512, n_threads=2),
                        on_progress=lambda fraction: during.append(sys.getswitchinterval()) if fraction < 1.0 else None)
    engine.close()
    assert during and max(during) <= 0.0005
    assert sys.getswitchinterval() == before
