import pytest

from app.core.remote.server_address import API_KEY_VARIABLE, RemoteError, RemoteServer, normalize_base_url


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
        ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1"),
        ("  https://gpu-box.lan/llm  ", "https://gpu-box.lan/llm/v1"),
        ("http://[::1]:8000", "http://[::1]:8000/v1"),
    ],
)
def test_typed_addresses_become_the_api_root(typed, expected):
    assert normalize_base_url(typed) == expected


@pytest.mark.parametrize(
    "typed, words",
    [
        ("", "Give the server's address"),
        ("ftp://host:21", "http:// or https://"),
        ("http://host:99999", "port"),
        ("http://user:secret@host:8080", "API key field"),
        ("http://host:8080/?token=x", "query"),
        ("http://:8080", "no host"),
    ],
)
def test_bad_addresses_get_a_sentence(typed, words):
    with pytest.raises(RemoteError, match=words.replace("?", r"\?")):
        normalize_base_url(typed)


def test_the_key_is_not_in_the_repr_and_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(API_KEY_VARIABLE, "sk-from-env")
    server = RemoteServer.from_user("localhost:8080", model=" gemma ")
    assert server.api_key == "sk-from-env"
    assert server.model == "gemma"
    assert "sk-from-env" not in repr(server)
    typed = RemoteServer.from_user("localhost:8080", api_key="sk-typed")
    assert typed.api_key == "sk-typed"
    monkeypatch.delenv(API_KEY_VARIABLE)
    assert RemoteServer.from_user("localhost:8080").api_key is None
