"""How much CPU the GUI thread spends per streamed token, in the real window on the real model.

    python bench/gui_cpu.py [--app-root TREE] [--tokens 200] [--answers 3] [--replay TOK_S]
        [--same-chat] [--render-share S] [--paints] [--profile FILE] [--perf FILE]

The window is started the app's way (bench/probe.py `_window`) on the Gemma 3 270M demo model.
Each answer is a fresh chat (`--same-chat`: one chat that already fills the view), with end of
turn and end of text banned so that it is exactly `--tokens` long. Around each answer the GUI
(main) thread's CPU time is read twice: utime+stime from /proc/self/task/<tid>/stat (10 ms ticks)
and CLOCK_THREAD_CPUTIME_ID; the engine thread's too. One `GUICPU {json}` line per answer:
`gui_ms_per_token` (send to finish, per token), `streaming_gui_ms_per_token` (first to last
delivery of text only, per token), `renders` (the answer bubble's set_text calls, the final one included).

`--replay 43` streams REPLAY_ANSWER's real tokens at 43 tokens/s instead of decoding: the same
window, controller and request handles, with a token rate that does not depend on how busy the
machine is. `--app-root` imports `app` from another checkout (an export of an older commit), so
old and new code can be measured in turns:

    git archive <commit> | tar -x -C /tmp/old
    for i in 1 2 3; do for tree in /tmp/old .; do python bench/gui_cpu.py --app-root $tree; done; done
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

# A replayed answer with what the model writes most: a heading, prose, a list, code, a quote.
REPLAY_ANSWER = """## Sorting a list in Python

Python gives you two ways to sort: the `sorted()` function returns a new list, and the `list.sort()` method
sorts the list in place. Both take the same `key` and `reverse` arguments.

Steps:

1. Decide whether you need a **new list** or can change the old one.
2. Pick a `key` function when the items should be compared by something other than themselves.
3. Pass `reverse=True` for descending order.

```python
words = ["banana", "Apple", "cherry"]
print(sorted(words))                 # ['Apple', 'banana', 'cherry']
print(sorted(words, key=str.lower))  # ['Apple', 'banana', 'cherry']
words.sort(key=len, reverse=True)
print(words)                         # ['banana', 'cherry', 'Apple']
```

> Sorting is stable: items that compare equal keep their original order.

That is all you need for most lists; for very large data, look at `heapq` or a database index.
"""

PROMPTS = {
    "markdown": "Explain how to sort a list in Python. Use a heading, a bulleted list of the steps, "
                "and a code example in a fenced code block.",
    "story": "Write a long story about a lighthouse keeper.",
}


def thread_ticks(tid: int) -> int:
    """utime + stime of one thread of this process, in clock ticks."""
    fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench/gui_cpu.py")
    parser.add_argument("--app-root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--answers", type=int, default=3)
    parser.add_argument("--prompt", choices=sorted(PROMPTS), default="markdown")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--label", default="")
    parser.add_argument("--profile", type=Path, help="cProfile the GUI thread over the answers into FILE")
    parser.add_argument("--perf", type=Path, help="`perf record` the GUI thread over the answers into FILE")
    parser.add_argument("--same-chat", action="store_true",
                        help="every answer in one chat, after two to fill the view (each new line scrolls it)")
    parser.add_argument("--render-share", type=float, help="the chat view's RenderPace share of a core (new code only)")
    parser.add_argument("--paints", action="store_true", help="count paint events by widget over the answers")
    parser.add_argument("--show-text", action="store_true", help="print each answer's text")
    parser.add_argument("--replay", type=float, metavar="TOK_S",
                        help="instead of the model's answer, REPLAY_ANSWER's tokens at TOK_S tokens/s "
                             "(the same window, controller and host; the engine thread only sleeps)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.app_root))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import llama_cpp  # noqa: F401  - before Qt, as the app's own start-up does

    import app
    from app.core.engine.options import LoadOptions, SamplingOptions
    from app.core.models.demo import demo_model_path
    from app.core.storage.store import ConversationStore
    from app.ui.application import create_application, open_main_window, start_engine
    from app.ui.settings.settings_model import SettingsModel
    from PySide6.QtWidgets import QApplication

    from bench.window import wait_for

    assert Path(app.__file__).resolve().is_relative_to(args.app_root.resolve()), app.__file__
    scratch = tempfile.TemporaryDirectory()
    create_application()
    options = LoadOptions(model_path=demo_model_path(), n_ctx=2048, n_threads=args.threads)
    loader, _ = start_engine(SettingsModel(Path(scratch.name) / "settings.json"),
                             lambda loader: loader.load_exact(options))
    store = ConversationStore.in_folder(Path(scratch.name) / "store")
    window = open_main_window(store, loader)
    window.resize(1280, 860)
    if args.render_share is not None:
        window.chat_view.pace.share = args.render_share
    window.show()
    if window.loaded is None:
        wait_for(window.modelReady)
    request = window.host.submit(lambda engine, *_: (
        threading.get_native_id(), engine.llama.token_eos(), engine.control_token_id("<end_of_turn>")))
    engine_tid, *stop_tokens = wait_for(request.finished)[0]
    banned = {token: float("-inf") for token in stop_tokens}
    gui_tid = threading.get_native_id()
    streaming: list[float] = []  # GUI-thread CPU time as each delivery of text arrives
    window.chat.answerStarted.connect(
        lambda request: request.streamed.connect(lambda _text: streaming.append(time.thread_time())))
    from app.ui.chat.chat_view import MessageBubble

    renders = [0]
    set_text = MessageBubble.set_text

    def counted(bubble, *args, **kwargs):
        renders[0] += 1
        return set_text(bubble, *args, **kwargs)

    MessageBubble.set_text = counted
    engine_clock = time.pthread_getcpuclockid(_pthread_of(window, engine_tid))
    if args.replay:
        request = window.host.submit(lambda engine, *_: _pieces(engine, REPLAY_ANSWER))
        pieces = wait_for(request.finished)[0]
        job = _Replay(pieces, args.replay)
        window.host.generate = lambda _request: window.host.submit(job)

    def ask(seed: int, tokens: int) -> tuple[dict, str]:
        if not args.same_chat:
            window.chat.new_conversation()
        window.chat.sampling = SamplingOptions(max_tokens=tokens, seed=seed, logit_bias=banned)
        streaming.clear()
        renders[0] = 0
        ticks = thread_ticks(gui_tid), thread_ticks(engine_tid)
        cpu = time.thread_time(), time.clock_gettime(engine_clock)
        started = time.perf_counter()
        window.chat.send(PROMPTS[args.prompt])
        (result,) = wait_for(window.chat.answerFinished)
        wall = time.perf_counter() - started
        cpu = time.thread_time() - cpu[0], time.clock_gettime(engine_clock) - cpu[1]
        ticks = thread_ticks(gui_tid) - ticks[0], thread_ticks(engine_tid) - ticks[1]
        n = len(result.token_ids)
        hz = os.sysconf("SC_CLK_TCK")
        return {
            "label": args.label,
            "seed": seed,
            "tokens": n,
            "gui_ms_per_token": round(cpu[0] * 1000 / n, 3),
            "gui_ms_per_token_stat": round(ticks[0] * 1000 / hz / n, 3),
            "streaming_gui_ms_per_token": round((streaming[-1] - streaming[0]) * 1000 / max(1, n - 1), 3),
            "renders": renders[0],
            "engine_ms_per_token": round(cpu[1] * 1000 / n, 3),
            "engine_ms_per_token_stat": round(ticks[1] * 1000 / hz / n, 3),
            "decode_tok_s": round(result.tokens_per_second, 2),
            "wall_s": round(wall, 2),
        }, result.text

    ask(seed=100, tokens=16)  # warm-up: first render, lexers, fonts
    if args.same_chat:
        ask(seed=101, tokens=args.tokens)
        ask(seed=102, tokens=args.tokens)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    paints = _paint_counter() if args.paints else None
    if paints is not None:
        QApplication.instance().installEventFilter(paints)
    recorder = None
    if args.perf:
        import signal
        import subprocess

        recorder = subprocess.Popen(["perf", "record", "-q", "-F", "999", "--call-graph", "dwarf,16384",
                                     "-t", str(gui_tid), "-o", str(args.perf)])
        time.sleep(1.0)
    for seed in range(args.answers):
        report, text = ask(seed, args.tokens)
        print("GUICPU " + json.dumps(report), flush=True)
        if args.show_text:
            print(text, flush=True)
    if paints is not None:
        QApplication.instance().removeEventFilter(paints)
        for (kind, name), (count, area) in sorted(paints.seen.items(), key=lambda item: -item[1][1]):
            print(f"PAINT {count:6d} events {area / 1e6:8.2f} Mpx  {kind} {name}")
    if recorder is not None:
        recorder.send_signal(signal.SIGINT)
        recorder.wait()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    window.close()
    store.close()
    sys.stdout.flush()
    os._exit(0)  # no interpreter teardown (see bench/probe.py)


def _paint_counter():
    """An application event filter that adds up paint events (and their area) by widget."""
    from PySide6.QtCore import QEvent, QObject

    class PaintCount(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: dict[tuple[str, str], list[int]] = {}

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Paint:
                rect = event.rect()
                entry = self.seen.setdefault((type(watched).__name__, watched.objectName()), [0, 0])
                entry[0] += 1
                entry[1] += rect.width() * rect.height()
            return False

    return PaintCount()


def _pieces(engine, text: str) -> list[tuple[str, int]]:
    """`text` as the model's tokens, each with the text it adds (as the engine streams them)."""
    ids = engine.tokenize_text(text)
    pieces, previous = [], ""
    for index, token in enumerate(ids):
        current = engine.detokenize(ids[: index + 1], special=False)
        pieces.append((current[len(previous):], token))
        previous = current
    return pieces


class _Replay:
    """An engine job that streams recorded pieces at a fixed rate (sleeping, not computing)."""

    def __init__(self, pieces: list[tuple[str, int]], tokens_per_second: float) -> None:
        self.pieces, self.interval = pieces, 1.0 / tokens_per_second

    def __call__(self, _engine, send_token, should_stop):
        from app.core.engine.engine import GenerationResult

        started = time.perf_counter()
        for index, (text, _token) in enumerate(self.pieces):
            if should_stop():
                break
            time.sleep(max(0.0, started + (index + 1) * self.interval - time.perf_counter()))
            send_token(text)
        return GenerationResult(text="".join(text for text, _ in self.pieces),
                                token_ids=[token for _, token in self.pieces], stop_reason="max_tokens",
                                tokens_per_second=1.0 / self.interval, context_size=2048)


def _pthread_of(window, native_id: int) -> int:
    """The engine thread's pthread id, asked of the thread itself (the clock needs it)."""
    from bench.window import wait_for

    request = window.host.submit(lambda *_: (threading.get_native_id(), threading.get_ident()))
    found_native, ident = wait_for(request.finished)[0]
    assert found_native == native_id
    return ident


if __name__ == "__main__":
    main()
