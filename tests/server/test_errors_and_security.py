"""OpenAI-style errors with the right status, the API key gate, loopback by default, 503 while loading."""

import json
import logging

import httpx
import openai
import pytest

from app.cli import main
from app.core.server.security import ServerSettings, ServerSettingsError, is_loopback
from tests.server.conftest import model_options, serving

KEY = "sk-test-7f3c9a1e5b"


@pytest.fixture(scope="module")
def keyed_server(gemma_model_path):
    with serving(model_options(gemma_model_path), api_key=KEY) as served:
        yield served


def test_the_key_is_checked_on_every_request(keyed_server):
    with pytest.raises(openai.AuthenticationError):
        keyed_server.client(api_key="sk-wrong").models.list()
    with pytest.raises(openai.AuthenticationError) as caught:
        keyed_server.client(api_key=KEY + "x").chat.completions.create(
            model="g", messages=[{"role": "user", "content": "hi"}], max_tokens=1)
    assert caught.value.body["code"] == "invalid_api_key"
    for path in ("/health", "/v1/models", "/v1/nothing-here"):
        assert httpx.get(keyed_server.url + path).status_code == 401
    assert keyed_server.client(api_key=KEY).models.list().data[0].object == "model"
    assert httpx.get(keyed_server.url + "/health", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_the_key_is_never_logged_nor_kept_in_plain_text(keyed_server, caplog):
    # uvicorn's loggers do not propagate to the root, so listen on them directly.
    server_loggers = [logging.getLogger(name) for name in ("uvicorn.access", "uvicorn.error", "app")]
    levels = [logger.level for logger in server_loggers]
    for logger in server_loggers:
        logger.addHandler(caplog.handler)
        logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG):
            keyed_server.client(api_key=KEY).models.list()
            httpx.get(keyed_server.url + "/health", headers={"Authorization": f"Bearer {KEY}x"})
    finally:
        for logger, level in zip(server_loggers, levels):
            logger.removeHandler(caplog.handler)
            logger.setLevel(level)
    messages = [record.getMessage() for record in caplog.records]
    assert any("GET /health" in message and "401" in message for message in messages), messages
    assert not any(KEY in message for message in messages)
    settings = ServerSettings.create("127.0.0.1", 0, KEY)
    assert KEY not in repr(settings) and KEY.encode() not in settings.api_key_digest
    assert all(KEY not in str(value) for value in vars(settings).values())


def test_non_loopback_host_needs_a_key():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")
    with pytest.raises(ServerSettingsError, match="set an API key"):
        ServerSettings.create("0.0.0.0", 8080)
    assert ServerSettings.create("0.0.0.0", 8080, KEY).api_key_digest is not None  # only constructed, never bound


def test_web_pages_of_other_sites_cannot_use_the_loopback_server(text_server):
    chat = {"model": "g", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}
    # DNS rebinding: the browser thinks it talks to evil.example, which now resolves to 127.0.0.1.
    rebound = httpx.post(text_server.url + "/v1/chat/completions", json=chat, headers={"Host": "evil.example:8080"})
    assert rebound.status_code == 403 and rebound.json()["error"]["type"] == "permission_error"
    # A cross-site form post: no preflight, but the browser says where it comes from.
    cross_site = httpx.post(text_server.url + "/v1/chat/completions", content=json.dumps(chat),
                            headers={"Origin": "https://evil.example", "Content-Type": "text/plain"})
    assert cross_site.status_code == 403 and "evil.example" in cross_site.json()["error"]["message"]
    for origin in ("http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8000"):
        local_page = httpx.get(text_server.url + "/health", headers={"Origin": origin})
        assert local_page.status_code == 200, origin
    assert httpx.get(text_server.url.replace("127.0.0.1", "localhost") + "/health").status_code == 200


def test_serve_command_refuses_an_open_host_without_key(gemma_model_path, capsys, monkeypatch):
    monkeypatch.delenv("GEMMA_DESK_API_KEY", raising=False)
    code = main(["serve", "--model", str(gemma_model_path), "--host", "0.0.0.0", "--port", "0"])
    assert code == 2
    assert "set an API key" in capsys.readouterr().err


def test_not_found_and_wrong_method(text_server):
    client = text_server.client()
    with pytest.raises(openai.NotFoundError) as caught:
        client.models.retrieve("gpt-4o")
    assert "this server runs" in caught.value.message
    assert client.models.retrieve(text_server.engine.model().model_id).id == text_server.engine.model().model_id
    response = httpx.get(text_server.url + "/v1/chat/completions")
    assert response.status_code == 405 and response.json()["error"]["message"]
    assert httpx.get(text_server.url + "/v2/whatever").json()["error"]["type"] == "not_found_error"


def test_malformed_json_is_400_and_bad_fields_422(text_server):
    response = httpx.post(text_server.url + "/v1/chat/completions", content=b"{not json")
    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]["message"]
    client = text_server.client()
    hello = [{"role": "user", "content": "hi"}]
    for bad, param in (
        ({"n": 2}, "n"),
        ({"temperature": 7}, "temperature"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "stop"),
        ({"logit_bias": {"999999999": 5}}, "logit_bias"),
    ):
        with pytest.raises(openai.UnprocessableEntityError) as caught:
            client.chat.completions.create(model="g", messages=hello, **bad)
        assert caught.value.body["param"] == param
    with pytest.raises(openai.UnprocessableEntityError, match="must be from the user"):
        client.chat.completions.create(model="g", messages=hello + [{"role": "assistant", "content": "yo"}])
    with pytest.raises(openai.UnprocessableEntityError, match="role"):
        client.chat.completions.create(model="g", messages=[{"role": "tool", "content": "x", "tool_call_id": "1"}])


def test_a_prompt_longer_than_the_context_is_400_with_the_engines_sentence(text_server):
    huge = "word " * 4000
    with pytest.raises(openai.BadRequestError, match="the context holds 2048"):
        text_server.client().chat.completions.create(
            model="g", messages=[{"role": "user", "content": huge}], max_tokens=4)


def test_503_while_the_model_loads(gemma_model_path):
    with serving(model_options(gemma_model_path), start_engine=False) as served:
        health = httpx.get(served.url + "/health")
        assert health.status_code == 503 and health.json()["status"] == "loading"
        with pytest.raises(openai.InternalServerError) as caught:
            served.client().chat.completions.create(model="g", messages=[{"role": "user", "content": "hi"}])
        assert caught.value.status_code == 503 and "still loading" in caught.value.message


def test_a_model_that_failed_to_load_is_503_with_the_reason(tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    with serving(model_options(broken)) as served:
        health = httpx.get(served.url + "/health")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        assert "could not be loaded" in health.json()["message"]
