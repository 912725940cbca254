"""The model catalog shipped with the app (resources/catalog.json): what can be downloaded,
how big it is, what it can do, and which choice fits this machine."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.hub.audio_encoder_source import official_repo_for
from app.core.models.memory_estimate import DEFAULT_RAM_MARGIN, MB, N_UBATCH, RUNTIME_OVERHEAD, format_bytes
from app.resources import resource_path
from app.core.errors import UserError

CATALOG_PATH = resource_path("catalog.json")
FAMILY_NAMES = {"gemma3n": "Gemma 3n", "gemma4": "Gemma 4"}
CAPABILITIES = ("text", "image", "audio")


class CatalogError(UserError):
    """The catalog file is missing or malformed; the message names it."""


@dataclass(frozen=True)
class CatalogProjector:
    id: str
    repo: str
    file: str
    size_bytes: int | None
    size_exact: bool
    vision: bool
    audio: bool
    verified: bool
    recommended_for_audio: bool = False
    note: str = ""

    @property
    def capabilities(self) -> tuple[str, ...]:
        return tuple(name for name, present in (("image", self.vision), ("audio", self.audio)) if present)


@dataclass(frozen=True)
class FamilyMemory:
    context_length: int
    n_head: int
    n_vocab: int
    kv_values_per_token: int
    kv_exact: bool


@dataclass(frozen=True)
class CatalogModel:
    id: str
    family: str  # "gemma3n" | "gemma4"
    size: str  # "E2B" | "E4B"
    repo: str
    file: str
    quantization: str
    size_bytes: int | None
    size_exact: bool
    verified: bool
    projectors: tuple[CatalogProjector, ...] = ()
    memory: FamilyMemory | None = None
    note: str = ""

    @property
    def publisher(self) -> str:
        return self.repo.split("/", 1)[0]

    @property
    def label(self) -> str:
        """'Gemma 3n E2B · Q4_K_M · unsloth'."""
        return f"{FAMILY_NAMES.get(self.family, self.family)} {self.size} · {self.quantization} · {self.publisher}"

    @property
    def audio_encoder_repo(self) -> str | None:
        """Google's checkpoint that Gemma 3n's audio encoder can be cut from; None for other models."""
        return official_repo_for(self.size) if self.family == "gemma3n" else None

    @property
    def capabilities(self) -> tuple[str, ...]:
        found = {"text"} | {name for projector in self.projectors for name in projector.capabilities}
        return tuple(name for name in CAPABILITIES if name in found)

    def projector_for(self, needs: Iterable[str] = ()) -> CatalogProjector | None:
        """The first listed projector that gives every needed capability (audio: the recommended one)."""
        wanted = set(needs) - {"text"}
        fitting = [p for p in self.projectors if wanted <= set(p.capabilities)]
        if "audio" in wanted:
            fitting.sort(key=lambda projector: not projector.recommended_for_audio)
        return fitting[0] if fitting else None

    def download_bytes(self, projector: CatalogProjector | None = None) -> int | None:
        if self.size_bytes is None or (projector is not None and projector.size_bytes is None):
            return None
        return self.size_bytes + (projector.size_bytes if projector else 0)

    def ram_estimate(self, n_ctx: int = 8192, projector: CatalogProjector | None = None) -> int | None:
        """Weights + projector + f16 KV cache + a long prompt's working buffers (CPU only);
        None when a size it needs is not published."""
        if self.size_bytes is None or self.memory is None:
            return None
        if projector is not None and projector.size_bytes is None:
            return None
        memory = self.memory
        tokens = -(-min(n_ctx, memory.context_length) // 256) * 256
        kv = memory.kv_values_per_token * tokens * 2
        scores = 2 * N_UBATCH * tokens * memory.n_head * 4
        projector_bytes = projector.size_bytes if projector is not None else 0
        return self.size_bytes + projector_bytes + kv + scores + memory.n_vocab * 8 + 100 * MB + RUNTIME_OVERHEAD

    def describe(self, n_ctx: int = 8192) -> str:
        size = format_bytes(self.size_bytes) if self.size_bytes else "size unknown"
        if self.size_bytes and not self.size_exact:
            size = "≈ " + size
        ram = self.ram_estimate(n_ctx)  # text only; a projector adds its own size
        needs = f", ≈ {format_bytes(ram)} RAM" if ram else ""
        return f"{self.label} ({size}{needs}; {' + '.join(self.capabilities)})"


@dataclass(frozen=True)
class Suggestion:
    model: CatalogModel
    projector: CatalogProjector | None
    ram_bytes: int
    reason: str


@dataclass
class Catalog:
    version: int
    updated: str
    models: list[CatalogModel] = field(default_factory=list)
    projectors: list[CatalogProjector] = field(default_factory=list)

    def get(self, model_id: str) -> CatalogModel | None:
        return next((model for model in self.models if model.id == model_id), None)

    def filter(self, *, needs: Iterable[str] = (), max_bytes: int | None = None,
               family: str | None = None, size: str | None = None) -> list[CatalogModel]:
        """Models offering every capability in `needs`, at most `max_bytes` to download (with
        the projector those needs call for; unknown sizes are left out when a limit is given)."""
        needs = tuple(needs)
        found = []
        for model in self.models:
            if family and model.family != family or size and model.size != size:
                continue
            if not set(needs) <= set(model.capabilities):
                continue
            if max_bytes is not None:
                total = model.download_bytes(model.projector_for(needs) if set(needs) - {"text"} else None)
                if total is None or total > max_bytes:
                    continue
            found.append(model)
        return found

    def suggest(self, free_ram: int, *, free_vram: int | None = None, needs: Iterable[str] = ("text",),
                n_ctx: int = 8192, margin: int = DEFAULT_RAM_MARGIN,
                max_bytes: int | None = None) -> Suggestion | None:
        """Of the models whose estimate (with the projector they come with) fits the free memory,
        one that can do the most of what the app does (see, hear), and of those the largest (best
        quality); None when nothing fits."""
        needs = tuple(needs)
        budget = free_ram + (free_vram or 0) - margin
        best: Suggestion | None = None
        for model in self.filter(needs=needs, max_bytes=max_bytes):
            projector = model.projector_for(needs if "audio" in needs else model.capabilities)
            ram = model.ram_estimate(n_ctx, projector)
            if ram is None or ram > budget:
                continue
            if best is None or (len(model.capabilities), ram) > (len(best.model.capabilities), best.ram_bytes):
                reason = (f"Needs ≈ {format_bytes(ram)} with a {n_ctx:,}-token context; "
                          f"{format_bytes(free_ram)} RAM" + (f" + {format_bytes(free_vram)} VRAM" if free_vram else "")
                          + " is free.")
                best = Suggestion(model, projector, ram, reason)
        return best


def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        projectors = {item["id"]: _projector(item) for item in data["projectors"]}
        families = {name: FamilyMemory(**values) for name, values in _family_memory(data).items()}
        models = [_model(item, projectors, families) for item in data["models"]]
        return Catalog(int(data["version"]), str(data.get("updated", "")), models, list(projectors.values()))
    except OSError as error:
        raise CatalogError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot read the model catalog {path}: {value}.",
            ),
            path=path, value=error.strerror or error,
        ) from error
    except (ValueError, KeyError, TypeError) as error:
        raise CatalogError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The model catalog {path} is malformed: {error!r}.",
            ),
            path=path, error=error,
        ) from error


def _family_memory(data: dict) -> dict[str, dict]:
    keep = ("context_length", "n_head", "n_vocab", "kv_values_per_token", "kv_exact")
    return {name: {key: values[key] for key in keep} for name, values in data.get("families", {}).items()}


def _projector(item: dict) -> CatalogProjector:
    return CatalogProjector(
        id=item["id"], repo=item["repo"], file=item["file"], size_bytes=item["size_bytes"],
        size_exact=bool(item["size_exact"]), vision=bool(item["vision"]), audio=bool(item["audio"]),
        verified=bool(item["verified"]), recommended_for_audio=bool(item.get("recommended_for_audio", False)),
        note=item.get("note", ""),
    )


def _model(item: dict, projectors: dict[str, CatalogProjector], families: dict[str, FamilyMemory]) -> CatalogModel:
    missing = [name for name in item["projectors"] if name not in projectors]
    if missing:
        raise KeyError(f"model {item['id']} names unknown projectors {missing}")
    return CatalogModel(
        id=item["id"], family=item["family"], size=item["size"], repo=item["repo"], file=item["file"],
        quantization=item["quantization"], size_bytes=item["size_bytes"], size_exact=bool(item["size_exact"]),
        verified=bool(item["verified"]), projectors=tuple(projectors[name] for name in item["projectors"]),
        memory=families.get(f"{item['family']} {item['size']}"), note=item.get("note", ""),
    )
