"""Containment for what Python cannot fully check: a file is opened in a child process first.

llama.cpp and libmtmd stop the whole process (GGML_ASSERT → SIGABRT, a NULL tensor → SIGSEGV) on
files our Python checks do not foresee. So the first time a model or projector is opened it is
loaded, and the projector made to encode one tiny image and clip, in a short-lived child
(app/core/models/load_probe.py). A file that kills the child is refused with a sentence; only a
file that survived is opened in the app's own process. Verdicts are kept in a small JSON file
in the user's cache folder, keyed by the file's path, size, mtime and a hash of its first MiB
(and llama-cpp-python's version), so a known file costs nothing the second time: a good model's
entry also keeps what the Python checks and the memory estimate found in its header, which is
not read again (on Gemma's 262k-token vocabulary, 40-80 ms of Python before each load).

`vet_for_loading(options)` is the one door: the cheap Python checks, then the cached probe.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from app import __version__
from app.core import paths
from app.core.engine.options import LoadOptions
from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.gguf_file import SUPPORTED_ARCHITECTURES, ModelFileError, ModelFileInfo, inspect_model, open_gguf
from app.core.models.memory_estimate import ModelMemoryFacts, read_memory_facts
from app.core.models.load_probe import PROBE_ARGUMENT, PROBE_CONTEXT
from app.core.models.projector_file import ProjectorError, ProjectorInfo, check_projector_pairs_with, inspect_projector

CACHE_FILE_NAME = "vetted-files.json"
CACHE_LIMIT = 200
HASHED_BYTES = 1 << 20
PROBE_TIMEOUT_S = 300.0
_PROJECTOR_STAGES = ("projector", "image", "audio")


class LoadCrashError(ModelFileError):
    """llama.cpp stopped the child process that opened the file."""


@dataclass(frozen=True)
class ModelFacts:
    """What a model's header says, as the file checks (`info`) and the load plan (`memory`) read it."""

    info: ModelFileInfo
    memory: ModelMemoryFacts


def read_model_facts(path: Path) -> ModelFacts:
    """The file checks' and the memory estimate's readings of `path`, from one reading of its header."""
    header = open_gguf(path)
    return ModelFacts(inspect_model(path, header), read_memory_facts(path, header))


def known_memory_facts(path: Path, cache_path: Path | None = None) -> ModelMemoryFacts | None:
    """The memory facts of `path` when this same file passed the checks before, else None: the
    plan of a known model's load reads no header."""
    known = VerdictCache(cache_path or default_cache_path()).known_model(path)
    return None if known is None else known.memory


@dataclass(frozen=True)
class VettedLoad:
    options: LoadOptions  # what may be opened in this process (a refused optional projector left out)
    model: ModelFileInfo
    projector: ProjectorInfo | None
    projector_problem: UserError | None = None  # why an optional projector was left out, for the user


def vet_for_loading(options: LoadOptions, *, projector_optional: bool = False,
                    cache_path: Path | None = None) -> VettedLoad:
    """Check `options`' files in Python, then (unless known) in a child process.

    Raises a UserError naming the file for a model that cannot be opened, and for a projector
    when it is not optional; an optional one that fails is left out and `projector_problem` says
    why (the model then loads for text)."""
    verdicts = VerdictCache(cache_path or default_cache_path())
    # On Gemma's 262k-token vocabulary the header is tens of milliseconds of Python to read.
    known = verdicts.known_model(options.model_path)
    facts = known or read_model_facts(options.model_path)
    model = facts.info
    projector = None
    if options.projector_path is not None:
        try:
            projector = inspect_projector(options.projector_path)
            if model.embedding_length > 0:
                check_projector_pairs_with(projector, model.embedding_length)
        except ProjectorError as error:
            if not projector_optional:
                raise
            return VettedLoad(options.with_changes(projector_path=None), model, None, _left_out(error))
    problem = _probe_unless_known(options, facts, verdicts, header_read=known is None)
    if problem is None:
        return VettedLoad(options, model, projector)
    blames_projector, message = problem
    if blames_projector and projector_optional:
        return VettedLoad(options.with_changes(projector_path=None), model, None, _left_out(message))
    raise (ProjectorError if blames_projector else LoadCrashError)(message)


def _probe_unless_known(options: LoadOptions, facts: ModelFacts, verdicts: "VerdictCache", *,
                        header_read: bool) -> tuple[bool, str] | None:
    """None when the files are known good or pass the child probe; else (whether the projector
    is to blame, the sentence). `header_read`: `facts` were read just now, not kept."""
    model_key = verdicts.key("model", options.model_path)
    projector_key = None
    if options.projector_path is not None:
        projector_key = verdicts.key("projector", options.projector_path, model_key)
    known = {key: verdicts.get(key) for key in (model_key, projector_key) if key is not None}
    for key, verdict in known.items():
        if verdict is not None and verdict["verdict"] != "ok":
            return key == projector_key, verdict["message"]
    if all(verdict is not None for verdict in known.values()):
        if header_read:  # a verdict kept without (or with spoilt, or another version's) header facts
            verdicts.put(model_key, "ok", model=facts)
        return None
    outcome = probe_in_child(options, facts.info, check_model=known[model_key] is None)
    if outcome.passed_model:
        verdicts.put(model_key, "ok", model=facts)
    if outcome.ok:
        if projector_key is not None:
            verdicts.put(projector_key, "ok")
        return None
    blames_projector = outcome.stage in _PROJECTOR_STAGES
    if outcome.crashed:  # deterministic: the same file would kill the child again
        verdicts.put(projector_key if blames_projector else model_key, "crashed", outcome.message)
    return blames_projector, outcome.message


def default_cache_path() -> Path:
    return paths.cache_folder() / CACHE_FILE_NAME


def _left_out(reason: UserError | str) -> UserError:
    """`reason`: the projector's own error, or the child probe's sentence (kept English)."""
    return UserError(
        QT_TRANSLATE_NOOP("UserError", "The projector was left out, so the model answers text only: {reason} Choose "
                                       "another with File ▸ Open projector (mmproj)… or in Settings ▸ Model ▸ Projector."),
        reason=reason,
    )


# -- the child -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProbeOutcome:
    ok: bool
    stage: str  # the last stage the child began: model, projector, image, audio
    message: str = ""  # a sentence naming the file, when not ok
    crashed: bool = False  # the child was killed by llama.cpp (a signal or an abort)
    seconds: float = 0.0

    @property
    def passed_model(self) -> bool:
        return self.ok or self.stage in _PROJECTOR_STAGES


def probe_command(request: dict) -> list[str]:
    """How to start the child: the module, or in a frozen bundle the app itself."""
    argument = json.dumps(request)
    if getattr(sys, "frozen", False):
        return [sys.executable, PROBE_ARGUMENT, argument]
    return [sys.executable, "-m", "app.core.models.load_probe", argument]


def probe_in_child(options: LoadOptions, model: ModelFileInfo, *, check_model: bool = True,
                   timeout_s: float = PROBE_TIMEOUT_S) -> ProbeOutcome:
    """Open `options`' model (fully when `check_model`, else its vocabulary only) and projector
    in a child process, on the CPU; what happened, in words."""
    request = {
        "model": str(options.model_path),
        "projector": str(options.projector_path) if options.projector_path else None,
        "n_ctx": max(1, min(options.n_ctx, model.context_length, PROBE_CONTEXT)),
        "n_threads": options.n_threads,
        "flash_attention": options.flash_attention,
        "kv_cache_type": options.kv_cache_type,
        "check_model": check_model,
    }
    # The GPU is left to the app (the model in use still holds it); ggml's backtrace would start gdb.
    environment = {**os.environ, "GGML_NO_BACKTRACE": "1", "CUDA_VISIBLE_DEVICES": "", "PYTHONPATH": _source_root()}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        try:
            result = subprocess.run(probe_command(request), stdout=subprocess.PIPE, stderr=err,
                                    stdin=subprocess.DEVNULL, env=environment, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as expired:
            stage = _last_stage(expired.stdout or b"")[0]
            return ProbeOutcome(False, stage, f"{_file_for(stage, options).name} did not finish loading within "
                                f"{timeout_s:.0f} s in the check; it was not opened.", seconds=timeout_s)
        except OSError as error:
            return ProbeOutcome(False, "model", f"The check of {options.model_path.name} could not start: "
                                f"{error.strerror or error}.")
        err.seek(0)
        said = _llama_said(err.read())
    seconds = time.perf_counter() - started
    stage, error, done = _last_stage(result.stdout)
    if done and result.returncode == 0:
        return ProbeOutcome(True, stage, seconds=seconds)
    name = _file_for(stage, options).name
    if error is not None:
        return ProbeOutcome(False, stage, error, seconds=seconds)
    how = _how_it_ended(result.returncode)
    return ProbeOutcome(
        False, stage,
        f"llama.cpp stopped while loading {name} ({how}{said}): the file is damaged or not made "
        "for this version of llama.cpp. It was not opened.",
        crashed=True, seconds=seconds,
    )


def _source_root() -> str:
    import app

    root = str(Path(app.__file__).resolve().parent.parent)
    existing = os.environ.get("PYTHONPATH")
    return root if not existing else os.pathsep.join((root, existing))


def _last_stage(stdout: bytes) -> tuple[str, str | None, bool]:
    stage, error, done = "model", None, False
    for line in stdout.decode("utf-8", "replace").splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if not isinstance(message, dict):
            continue
        stage = message.get("stage", stage)
        error = message.get("error", error)
        done = done or bool(message.get("done"))
    return stage, error, done


def _file_for(stage: str, options: LoadOptions) -> Path:
    return options.projector_path if stage in _PROJECTOR_STAGES and options.projector_path else options.model_path


def _how_it_ended(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"it was ended by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"it was ended by signal {-returncode}"
    return f"exit status {returncode}"


def _llama_said(stderr: bytes) -> str:
    """llama.cpp's own last word before an abort, when it gave one."""
    for line in reversed(stderr.decode("utf-8", "replace").splitlines()):
        if "GGML_ASSERT" in line or "error" in line.lower():
            return f"; llama.cpp said: {line.strip()[:200]}"
    return ""


# -- the verdicts --------------------------------------------------------------------------------

class VerdictCache:
    """What the probe found per file identity, in a small JSON file (never trusted blindly:
    an unreadable file is an empty cache)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.entries = self._read()
        self._keys: dict[tuple, str] = {}

    def key(self, kind: str, path: Path, *context: str) -> str:
        asked = (kind, str(path), *context)
        if asked not in self._keys:  # once per vetting: the first MiB is read and hashed
            self._keys[asked] = self._identity(kind, path, *context)
        return self._keys[asked]

    def known_model(self, path: Path) -> ModelFacts | None:
        """What the Python checks and the memory estimate found in `path` when this same file
        passed the checks and the child before; None when it is not known (or not a plain file,
        which inspect_model refuses)."""
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            entry = self.get(self.key("model", path))
        except (OSError, ValueError):
            return None
        if entry is None or entry["verdict"] != "ok":
            return None
        return _model_from_record(entry.get("model"), Path(path))

    def _identity(self, kind: str, path: Path, *context: str) -> str:
        import llama_cpp

        status = os.stat(path)
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            digest.update(handle.read(HASHED_BYTES))
        identity = [kind, llama_cpp.__version__, str(Path(path).resolve()), str(status.st_size),
                    str(status.st_mtime_ns), digest.hexdigest()[:32], *context]
        return "|".join(identity)

    def get(self, key: str) -> dict | None:
        entry = self.entries.get(key)
        return entry if isinstance(entry, dict) and entry.get("verdict") in ("ok", "crashed") else None

    def put(self, key: str, verdict: str, message: str = "", *, model: ModelFacts | None = None) -> None:
        self.entries[key] = {"verdict": verdict, "message": message, "at": time.time()}
        if model is not None:
            self.entries[key]["model"] = _model_record(model)
        newest = sorted(self.entries.items(), key=lambda item: item[1].get("at", 0) if isinstance(item[1], dict) else 0)
        self.entries = dict(newest[-CACHE_LIMIT:])
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".vetted-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(self.entries, stream)
            os.replace(temporary, self.path)
            temporary = None
        except OSError:
            pass  # without the cache the next open probes again; nothing is lost
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}


_MODEL_NUMBERS = ("context_length", "embedding_length", "block_count", "size_bytes", "tensor_bytes")
_MODEL_TEXTS = ("architecture", "name", "file_type")


def _model_record(model: ModelFacts) -> dict:
    record = asdict(model.info)
    del record["path"]  # the key names the file
    record["app"] = __version__  # another version's checks may find more: it reads the header again
    record["memory"] = asdict(model.memory)
    return record


def _model_from_record(record: object, path: Path) -> ModelFacts | None:
    """The facts a record holds; None for anything else (the cache is not trusted blindly)."""
    if not isinstance(record, dict) or record.get("app") != __version__:
        return None
    info = _info_from_record(record, path)
    memory = _memory_from_record(record.get("memory"))
    return None if info is None or memory is None else ModelFacts(info, memory)


_MEMORY_NUMBERS = ("input_bytes", "per_layer_table_bytes", "output_bytes", "tied_output_bytes", "n_embd", "n_ff",
                   "n_head", "n_vocab", "context_length")
_MEMORY_LISTS = ("layer_bytes", "kv_values_per_token")


def _memory_from_record(record: object) -> ModelMemoryFacts | None:
    if not isinstance(record, dict):
        return None
    numbers = {name: record.get(name) for name in _MEMORY_NUMBERS}
    lists = {name: record.get(name) for name in _MEMORY_LISTS}
    texts = {name: record.get(name) for name in ("name", "architecture")}
    if (any(type(value) is not int or value < 0 for value in numbers.values())
            or any(not isinstance(values, list) or not all(type(value) is int and value >= 0 for value in values)
                   for values in lists.values())
            or len(lists["layer_bytes"]) != len(lists["kv_values_per_token"])
            or any(type(value) is not str for value in texts.values())):
        return None
    return ModelMemoryFacts(**texts, **numbers, **{name: tuple(values) for name, values in lists.items()})


def _info_from_record(record: dict, path: Path) -> ModelFileInfo | None:
    numbers = {name: record.get(name) for name in _MODEL_NUMBERS}
    texts = {name: record.get(name) for name in _MODEL_TEXTS}
    markers = record.get("marker_tokens")
    if (any(type(value) is not int or value < 0 for value in numbers.values())
            or any(type(value) is not str for value in texts.values())
            or texts["architecture"] not in SUPPORTED_ARCHITECTURES
            or type(record.get("has_chat_template")) is not bool
            or not isinstance(markers, list)
            or not all(isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int and type(pair[1]) is str
                       for pair in markers)):
        return None
    return ModelFileInfo(path=path, **texts, **numbers, has_chat_template=record["has_chat_template"],
                         marker_tokens=tuple((index, text) for index, text in markers))
