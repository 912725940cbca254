"""Small measuring helpers: summaries, interleaved runs, process memory, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence


@dataclass
class Answer:
    """One answer as the app produced it: when it was asked, when each piece of text reached the
    consumer (the GUI thread in the window path, where one delivery can carry several tokens), and
    the engine's result."""

    result: object  # app.core.engine.engine.GenerationResult
    sent_at: float
    arrivals: list[float] = field(default_factory=list)
    finished_at: float = 0.0

    @property
    def time_to_first_token(self) -> float:
        return (self.arrivals[0] - self.sent_at) if self.arrivals else float("nan")

    @property
    def decode_tokens_per_second(self) -> float:
        """The tokens after the first, over the time from the first text's arrival to the last's."""
        return decode_speed(len(self.result.token_ids), self.arrivals)


def decode_speed(n_tokens: int, arrivals: Sequence[float]) -> float:
    if n_tokens < 2 or len(arrivals) < 2:
        return 0.0
    return (n_tokens - 1) / (arrivals[-1] - arrivals[0])


def summary(values: Sequence[float]) -> dict:
    """Median and spread of repeated measurements (empty dict when there are none)."""
    values = [float(v) for v in values]
    if not values:
        return {}
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
        "values": values,
    }


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def ratio(numerator: dict | float, denominator: dict | float) -> float | None:
    top = numerator["median"] if isinstance(numerator, dict) else numerator
    bottom = denominator["median"] if isinstance(denominator, dict) else denominator
    if not bottom:
        return None
    return top / bottom


def interleaved(runs: int, app: Callable[[int], float], reference: Callable[[int], float],
                warm_up: bool = True) -> tuple[list, list]:
    """Alternate app and reference (ABBA order), so drifting machine load hits both alike.

    One uncounted run of each goes first (index `runs`): the first decode in a context pays for
    buffer allocation and cold caches."""
    values = taking_turns(runs, [app, reference], warm_up)
    return values[0], values[1]


def taking_turns(runs: int, paths: Sequence[Callable[[int], float]], warm_up: bool = True) -> list[list]:
    """Each round runs every path once, the order rotating from round to round (for two paths:
    AB BA AB …), so drifting machine load hits all of them alike. Returns one list per path."""
    if warm_up:
        for path in paths:
            path(runs)
    values: list[list] = [[] for _ in paths]
    for index in range(runs):
        first = index % len(paths)
        for which in [*range(first, len(paths)), *range(first)]:
            values[which].append(paths[which](index))
    return values


def process_memory(pid: int | str = "self") -> dict:
    """Resident memory of a process in MiB: total, anonymous, file-backed (mmapped model), peak."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return {
        "rss_mib": fields.get("VmRSS", 0.0),
        "anon_mib": fields.get("RssAnon", 0.0),
        "file_mib": fields.get("RssFile", 0.0),
        "peak_mib": fields.get("VmHWM", 0.0),
    }


def gpu_memory_mib(pid: int) -> float | None:
    """GPU memory a process holds, from nvidia-smi (None without an NVIDIA GPU)."""
    output = _nvidia_smi("--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits")
    if output is None:
        return None
    for line in output.splitlines():
        parts = [part.strip() for part in line.split(",")]
        if len(parts) == 2 and parts[0] == str(pid):
            return float(parts[1])
    return 0.0


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


@dataclass(frozen=True)
class Machine:
    slug: str
    description: dict


def describe_machine(gpu: bool) -> Machine:
    cpu = _cpu_name()
    cores = os.cpu_count() or 1
    description = {
        "cpu": cpu,
        "cores": cores,
        "memory_gib": round(_memory_total_kib() / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_start": load_average(),
    }
    slug = f"cpu-{cores}c"
    if gpu:
        gpu_name = _gpu_name()
        description["gpu"] = gpu_name
        slug = "gpu-" + _slugify(gpu_name or "unknown")
    try:
        import llama_cpp

        description["llama_cpp_python"] = llama_cpp.__version__
    except ImportError:
        pass
    return Machine(slug=slug, description=description)


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_total_kib() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _gpu_name() -> str:
    output = (_nvidia_smi("--query-gpu=name", "--format=csv,noheader") or "").strip()
    return output.splitlines()[0] if output else ""


def _nvidia_smi(*arguments: str) -> str | None:
    """nvidia-smi's output, or None where there is no NVIDIA driver."""
    try:
        return subprocess.run(["nvidia-smi", *arguments], capture_output=True, text=True, timeout=20,
                              check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _slugify(text: str) -> str:
    keep = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    parts = [part for part in keep.split("-") if part and part != "nvidia"]
    return "-".join(parts[:3]) or "unknown"
