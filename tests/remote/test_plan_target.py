"""The one load route's decision: Run on ▸ A server plans a RemoteServer; local-only settings do not apply to it."""

from __future__ import annotations

import copy

from app.core.load_plan import needs_reload, plan_target
from app.core.models.system_memory import MemoryStatus
from app.core.remote.server_address import RemoteServer
from app.core.storage.settings import Settings


def server_settings(gemma_model_path) -> Settings:
    settings = Settings()
    settings.model.active_model = gemma_model_path
    settings.model.run_on, settings.model.server_url, settings.model.server_model = "server", "10.0.0.7:8080", "gemma"
    return settings


def test_run_on_a_server_plans_the_server_with_the_session_key(gemma_model_path):
    target = plan_target(server_settings(gemma_model_path), api_key="k-123")
    assert target == RemoteServer("http://10.0.0.7:8080/v1", "gemma", "k-123")
    assert "k-123" not in repr(target)


def test_local_only_settings_do_not_reload_a_server_but_the_server_fields_do(gemma_model_path):
    old = server_settings(gemma_model_path)
    new = copy.deepcopy(old)
    new.hardware.gpu_layers, new.generation.context_size, new.model.projector = "none", 1024, gemma_model_path
    assert not needs_reload(old, new), "GPU layers, context and projector do not apply to a server"
    new.model.server_model = "other"
    assert needs_reload(old, new)
    back = copy.deepcopy(old)
    back.model.run_on = "local"
    assert needs_reload(old, back)
    roomy = MemoryStatus(free_ram=16 << 30, gpu_offload=False, free_vram=None)
    assert plan_target(back, read_status=lambda gpu: roomy).model_path == gemma_model_path
