"""The one road to a model load.

Start-up, File ▸ Open model, File ▸ Open projector, Settings OK, the Model manager's "Use" and an
audio encoder arriving all come here. Each takes the saved settings, changes only the model
choice, and plans the load with `plan_load` (saved GPU layers, context, threads, companions, the
memory-fit check). A choice the user made is written to the settings once it has loaded, so the
next start brings it back. The loader is the one owner of the `LoadedModel`: the rest of the app
subscribes to `modelReady`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from app.core.engine.options import LoadOptions
from app.core.errors import UserError
from app.core.load_plan import LoadInputs, load_inputs, needs_reload, plan_load, runs_on_server
from app.core.remote.open_engine import EngineTarget, server_from_settings
from app.core.remote.server_address import RemoteServer
from app.core.models.gguf_file import ModelFileError
from app.core.models.library import FAMILY_NAMES, size_label_of
from app.core.models.memory_estimate import MemoryFitError, ModelMemoryFacts, read_memory_facts
from app.core.models.projector_file import companions_for
from app.core.models.system_memory import MemoryStatus, read_memory_status
from app.core.storage.settings import ModelSettings, Settings
from app.ui.common.i18n import error_text
from app.ui.common.notices import Notices
from app.ui.engine.engine_worker import EngineHost, LoadedModel, previous_model_kept
from app.ui.settings.settings_model import SettingsModel

# The notice about the model in use: a good load takes it down.
NOTICE_KEY = "model-load"
# "The saved model is gone": it stays until the user chooses another model.
SAVED_MODEL_GONE_KEY = "saved-model-gone"


@dataclass(frozen=True)
class _Load:
    options: EngineTarget  # LoadOptions, or the RemoteServer that Run on names
    label: str
    inputs: LoadInputs | None  # the settings it was planned from; None for an exact load
    remember: ModelSettings | None  # the choice to write to the settings once it has loaded

    @property
    def shown_label(self) -> str:
        """What the window says is loading."""
        return self.label or Path(getattr(self.options, "model_path", "")).name


class ModelLoader(QObject):
    loadStarted = Signal(str)  # the label of the model being loaded
    loadProgress = Signal(float)
    modelReady = Signal(object)  # LoadedModel
    loadFailed = Signal(str)  # why (the worker's sentence, or the refused plan's)

    def __init__(self, host: EngineHost, settings: SettingsModel, notices: Notices, *,
                 read_status: Callable[[int], MemoryStatus] = read_memory_status,
                 parent: QObject | None = None) -> None:
        """`notices`: the window's, which the window's notice bar shows; the loader may come first."""
        super().__init__(parent)
        self.host, self.settings, self.notices, self.read_status = host, settings, notices, read_status
        self.loaded: LoadedModel | None = None
        self.label = ""
        self._pending: _Load | None = None
        self._loaded_inputs: LoadInputs | None = None
        # The server's API key as typed this session (Settings ▸ Model ▸ Run on). Memory only: the
        # settings file never holds it. `_planned_key` is the key of the last server load started.
        self.server_key: str | None = None
        self._planned_key: str | None = None
        worker = host.worker
        worker.loadProgress.connect(self.loadProgress)
        worker.modelLoaded.connect(self._loaded)
        worker.modelFailed.connect(self._failed)
        settings.changed.connect(self._settings_changed)

    # -- the routes ---------------------------------------------------------------------------
    def load_saved(self, label: str = "") -> bool:
        """Start-up: the saved model with the saved settings. False when none is saved, or when it
        cannot be loaded (the window then says why). Run on ▸ A server: connect to it."""
        if runs_on_server(self.settings.current):
            return self._plan_and_load(self.settings.current, label)
        path = self.settings.current.model.active_model
        if path is None:
            return False
        if not path.exists():
            self.notices.show_message(
                self.tr("The saved model {path} is no longer there. Choose another in File ▸ Settings… ▸ Model.")
                .format(path=path),
                kind="warning", key=SAVED_MODEL_GONE_KEY)
            return False
        return self._plan_and_load(self.settings.current, label)

    def open_model(self, path: Path, projector: Path | None = None, *, label: str = "",
                   remember: bool = True) -> bool:
        """File ▸ Open model and the Model manager's "Use" (remembered); the command line and the
        demo (`remember=False`: a one-off that leaves the saved choice alone)."""
        settings = self.settings.current
        choice = settings.model
        if Path(path) != choice.active_model:
            choice.projector = choice.audio_encoder = None  # the old model's files: look beside this one
        choice.active_model = Path(path)
        choice.run_on = "local"  # a file chosen here runs here, even while answers came from a server
        if projector is not None:
            choice.projector = Path(projector)
        return self._plan_and_load(settings, label, remember=remember)

    def ready_for_projector(self) -> bool:
        """A projector goes with a model loaded on this computer; without one, say so."""
        if self.loaded is None:
            self.notices.show_message(self.tr("Open a model first, then its projector."), kind="warning", key=NOTICE_KEY)
        elif self.on_server:
            self.notices.show_message(
                self.tr("Answers come from a server: a projector goes with a model on this computer."),
                kind="warning", key=NOTICE_KEY)
            return False
        return self.loaded is not None

    @property
    def loading(self) -> str | None:
        """The label of the load under way, as `loadStarted` gave it; None when none is."""
        return None if self._pending is None else self._pending.shown_label

    @property
    def on_server(self) -> bool:
        """The loaded engine is a server's (its options are a RemoteServer, not local files)."""
        return self.loaded is not None and isinstance(self.loaded.options, RemoteServer)

    def reload_for_new_key(self) -> bool:
        """The server's API key alone changed (it is not a setting): connect again with it."""
        if not runs_on_server(self.settings.current) or self.server_key == self._planned_key:
            return False
        return self.reload()

    def open_projector(self, path: Path) -> bool:
        """File ▸ Open projector: the loaded model again, with this projector (remembered)."""
        if not self.ready_for_projector():
            return False
        settings = self.settings.current
        model_path = self.loaded.options.model_path
        if settings.model.active_model != model_path:
            settings.model.active_model, settings.model.audio_encoder = model_path, None
        settings.model.projector = Path(path)
        return self._plan_and_load(settings, self.label, remember=True)

    def reload(self) -> bool:
        """The saved settings, planned and loaded again (after a loading setting changed)."""
        return self._plan_and_load(self.settings.current)

    def take_audio_encoder(self, files: Iterable[Path]) -> bool:
        """A Gemma 3n audio encoder has just landed beside the loaded model: load the model again
        with it, so it can hear without the user doing anything."""
        loaded = self.loaded
        if loaded is None or self.on_server or loaded.options.audio_encoder_path is not None:
            return False
        options = loaded.options
        found = companions_for(options.model_path, projector=options.projector_path).audio_encoder
        if found is None or found not in [Path(file) for file in files]:
            return False
        settings = self.settings.current
        remember = settings.model.active_model == options.model_path
        if not remember:  # a model opened for this session only: plan it, leave the saved choice be
            settings.model.active_model, settings.model.projector = options.model_path, options.projector_path
        settings.model.audio_encoder = found
        if not self._plan_and_load(settings, self.label, remember=remember):
            return False
        self.notices.show_message(self.tr("Reloading with the audio encoder {file}, so the model can hear.").format(file=found.name),
                                 kind="info", key=NOTICE_KEY)
        return True

    def load_exact(self, options: LoadOptions, label: str = "") -> bool:
        """Options a caller has already decided in full (benchmarks, tests, screenshots): no plan,
        nothing remembered. The user's routes are the ones above."""
        self._start(_Load(options, label, inputs=None, remember=None))
        return True

    # -- planning -----------------------------------------------------------------------------
    def _plan_and_load(self, settings: Settings, label: str = "", remember: bool = False) -> bool:
        if runs_on_server(settings):
            return self._connect(settings)
        model_path = settings.model.active_model
        try:
            plan = plan_load(settings, read_status=self.read_status)
        except MemoryFitError as error:
            return self._refuse(self.tr("{model} was not loaded. {reason}").format(model=model_path.name, reason=error_text(error)))
        except (UserError, OSError) as error:
            sentence = self._headline(model_path, settings.model.projector).format(reason=error_text(error))
            return self._refuse(previous_model_kept(sentence) if self.loaded is not None else sentence)
        self._start(_Load(plan.options, label or model_label(model_path, plan.estimate.facts), load_inputs(settings),
                          copy.deepcopy(settings.model) if remember else None))
        return True

    def _connect(self, settings: Settings) -> bool:
        """Run on ▸ A server: the engine thread connects (and keeps the model in use if it cannot)."""
        try:
            server = server_from_settings(settings.model, self.server_key)
        except UserError as error:
            return self._refuse(self.tr("The server could not be used. {error}").format(error=error_text(error)))
        self._planned_key = self.server_key
        label = self.tr("{model} on {url}").format(model=server.model or self.tr("the server's model"),
                                                   url=server.shown_url)
        self._start(_Load(server, label, load_inputs(settings), None))
        return True

    def _headline(self, model: Path | None, projector: Path | None) -> str:
        """Which file a failed load is about: only the projector when the model stays the same."""
        loaded = self.loaded.options if self.loaded is not None else None
        if isinstance(loaded, LoadOptions) and loaded.model_path == model and loaded.projector_path != projector:
            return self.tr("The projector could not be used. {reason}")
        return self.tr("The model could not be loaded. {reason}")

    def _refuse(self, sentence: str) -> bool:
        """The plan was refused: the model in use stays, and the window says why."""
        self.notices.show_message(sentence, key=NOTICE_KEY)
        self.loadFailed.emit(sentence)
        return False

    def _start(self, load: _Load) -> None:
        self._pending = load
        self.loadStarted.emit(load.shown_label)
        self.host.load(load.options)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        if needs_reload(old, new) and load_inputs(new) != self._loaded_inputs:
            self.reload()

    # -- what the engine thread says ----------------------------------------------------------
    def _loaded(self, loaded: LoadedModel) -> None:
        load = self._pending
        # After a failed load the worker brings the previous model back: that is not `load`.
        if load is not None and _same_files(load.options, loaded.options):
            self._pending = None
            remote = isinstance(loaded.options, RemoteServer)  # the server named its model: use that name
            self.label = loaded.info.name if remote else load.label or loaded.info.name
            self._loaded_inputs = load.inputs
            if load.remember is not None:
                self._remember(load.remember)
        self.loaded = loaded
        self.notices.clear(NOTICE_KEY)
        self.modelReady.emit(loaded)

    def _failed(self, message: str) -> None:
        asked, self._pending = self._pending, None
        model, projector = (getattr(asked.options, "model_path", None), getattr(asked.options, "projector_path", None)) \
            if asked is not None else (None, None)
        self.notices.show_message(self._headline(model, projector).format(reason=message), key=NOTICE_KEY)
        self.loadFailed.emit(message)

    def _remember(self, choice: ModelSettings) -> None:
        settings = self.settings.current
        model = settings.model
        model.active_model, model.projector, model.audio_encoder, model.run_on = (
            choice.active_model, choice.projector, choice.audio_encoder, choice.run_on)
        self.notices.clear(SAVED_MODEL_GONE_KEY)
        if settings != self.settings.current:
            self.settings.update(settings)


def _same_files(a: EngineTarget, b: EngineTarget) -> bool:
    if isinstance(a, RemoteServer) or isinstance(b, RemoteServer):
        return a == b
    return (a.model_path, a.projector_path) == (b.model_path, b.projector_path)


def model_label(path: Path, facts: ModelMemoryFacts | None = None) -> str:
    """'Gemma 3n E4B' from the model's header alone (no look at the other files in its folder);
    `facts`: the load plan's, read or known already (a Gemma header is tens of milliseconds to read)."""
    try:
        facts = facts or read_memory_facts(Path(path))
    except (ModelFileError, OSError):
        return Path(path).name
    family = FAMILY_NAMES.get(facts.architecture, facts.architecture) or Path(path).name
    size = size_label_of(facts.architecture, facts.n_layer, facts.n_embd)
    return f"{family} {size}" if size else family
