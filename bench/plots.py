"""PNG plots from a benchmark report: decode speed, GUI event-loop gaps, memory by context size,
and one summary figure with all three for the README."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

APP, REFERENCE, TOOL = "#d9480f", "#1c7ed6", "#868e96"


def write_plots(report: dict, stem: Path) -> list[Path]:
    paths = []
    for name, draw in (("decode", _decode), ("gui-gaps", _gaps), ("memory", _memory)):
        figure, axes = plt.subplots(figsize=(6.4, 4.2))
        if draw(axes, report):
            paths.append(_save(figure, stem.with_name(f"{stem.name}-{name}.png")))
        plt.close(figure)
    figure, axes = plt.subplots(1, 3, figsize=(16, 4.6))
    drawn = [draw(axis, report) for axis, draw in zip(axes, (_decode, _gaps, _memory))]
    for axis, was_drawn in zip(axes, drawn):
        if not was_drawn:
            axis.set_axis_off()
    figure.suptitle(_title(report), fontsize=11)
    if any(drawn):
        paths.append(_save(figure, stem.with_name(f"{stem.name}-summary.png")))
    plt.close(figure)
    return paths


def _title(report: dict) -> str:
    machine = report["machine"]
    where = machine.get("gpu") or f"{machine['cpu']}, {machine['cores']} cores"
    return f"Gemma Desk vs. llama.cpp — {where} — {report['date']}"


def _save(figure, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return path


def _models(report: dict) -> list[tuple[str, dict]]:
    return [(key, model) for key, model in report["models"].items() if "error" not in model]


def _decode(axes, report: dict) -> bool:
    labels, app, raw, tool = [], [], [], []
    for _key, model in _models(report):
        decode = model.get("decode")
        if not decode:
            continue
        labels.append(model["label"].replace(" (random weights)", "\n(random weights)"))
        app.append(decode["app_window"]["median"])
        raw.append(decode["reference"]["median"])
        bench = model.get("llama_bench", {}).get("results", {})
        tool.append(next((row["tokens_per_second"] for test, row in bench.items() if test.startswith("tg")), 0.0))
    if not labels:
        return False
    positions = range(len(labels))
    width = 0.27 if any(tool) else 0.38
    axes.bar([p - width for p in positions] if any(tool) else [p - width / 2 for p in positions], app, width,
             color=APP, label="app (window path)")
    axes.bar([p for p in positions] if any(tool) else [p + width / 2 for p in positions], raw, width,
             color=REFERENCE, label="llama_decode loop")
    if any(tool):
        axes.bar([p + width for p in positions], tool, width, color=TOOL, label="llama-bench tg")
    for index, (a, r) in enumerate(zip(app, raw)):
        axes.annotate(f"{a / r:.2f}×", (index, max(a, r)), ha="center", va="bottom", fontsize=9)
    axes.set_xticks(list(positions), labels, fontsize=8)
    axes.set_ylabel("decode tokens/s (median)")
    axes.set_title("Decode speed: app ÷ llama.cpp")
    axes.legend(fontsize=8)
    return True


def _gaps(axes, report: dict) -> bool:
    drawn = False
    for key, model in _models(report):
        gui = model.get("gui")
        if not gui:
            continue
        for state, style in (("idle", ":"), ("streaming", "-")):
            data = gui.get(state)
            if not data:
                continue
            edges = data["histogram"]["edges_ms"]
            counts = data["histogram"]["counts"]
            total = max(1, sum(counts))
            # Bins are drawn evenly spaced (their edges as tick labels): the range spans 0 ms to ∞.
            axes.stairs([c / total for c in counts], range(len(edges)), linestyle=style,
                        label=f"{key} {state} (p99 {data['p99_ms']:.1f} ms, max {data['max_ms']:.0f} ms)")
            axes.set_xticks(range(len(edges)), [_edge_label(edge) for edge in edges], fontsize=7, rotation=45)
            drawn = True
    if drawn:
        axes.set_yscale("log")
        axes.set_xlabel("gap between 1-ms timer ticks on the GUI thread (ms)")
        axes.set_ylabel("share of gaps")
        axes.set_title("GUI event loop while tokens stream (target p99 ≤ 16 ms)")
        axes.legend(fontsize=7)
    return drawn


def _edge_label(edge) -> str:
    return "∞" if edge is None else f"{edge:g}"


def _memory(axes, report: dict) -> bool:
    drawn, ticks = False, []
    for key, model in _models(report):
        rows = model.get("memory")
        if not rows:
            continue
        contexts = sorted(int(n) for n in rows)
        for mode, color, style, label in (
            ("window", APP, "-", "app window"),
            ("llama", REFERENCE, "--", "llama.cpp alone"),
            ("llama-swa-window", TOOL, ":", "llama.cpp, SWA cache cut to window"),
        ):
            for measure, marker, suffix in (("rss_mib", "o", "RSS"), ("gpu_mib", "^", "GPU")):
                values = [rows[str(n)].get(mode, {}).get("memory", {}).get(measure) for n in contexts]
                points = [(n, v) for n, v in zip(contexts, values) if v]
                if points:
                    axes.plot([n for n, _ in points], [v for _, v in points], style, color=color, marker=marker,
                              label=f"{key}: {label} ({suffix})")
                    drawn = True
        ticks = contexts
    if drawn:
        axes.set_xscale("log", base=2)
        axes.set_xticks(ticks, [f"{n // 1024}k" for n in ticks])
        axes.minorticks_off()
        axes.set_xlabel("context size n_ctx (tokens)")
        axes.set_ylabel("memory after a short answer (MiB)")
        axes.set_title("Memory by context size")
        axes.legend(fontsize=7)
    return drawn


if __name__ == "__main__":
    import json
    import sys

    report_path = Path(sys.argv[1])
    for written in write_plots(json.loads(report_path.read_text()), report_path.with_suffix("")):
        print(written)
