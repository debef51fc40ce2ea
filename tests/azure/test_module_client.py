"""The module-level client for Azure OpenAI, side by side with the official SDK's:
``<module>.api_type = "azure"`` with ``azure_endpoint`` / ``api_version`` / a credential, or Azure
settings found in the environment, make ``<module>.models.retrieve(...)`` an Azure call."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.drop_in.conftest import official, run_both
from tests.support.module_clients import module_clients_as_found
from tests.support.server import ScriptedServer

from .conftest import sent_since

SETTINGS = (
    "api_key",
    "organization",
    "project",
    "base_url",
    "timeout",
    "max_retries",
    "default_headers",
    "default_query",
    "http_client",
    "api_type",
    "api_version",
    "azure_endpoint",
    "azure_ad_token",
    "azure_ad_token_provider",
)
KEY = "azure-module-key"
TOKEN = "azure-module-token"
VERSION = "2024-10-21"


@pytest.fixture(autouse=True)
def _fresh_modules() -> Iterator[None]:
    """Both packages without a module client and with every setting unset; restored after (the
    module clients found are not closed: see `module_clients_as_found`)."""
    modules = [typed_openai, official()]
    saved = [{name: getattr(module, name) for name in SETTINGS} for module in modules]
    with module_clients_as_found():
        for module in modules:
            for name in SETTINGS:
                if name not in ("timeout", "max_retries"):
                    setattr(module, name, None)
        yield
    for module, values in zip(modules, saved, strict=True):
        for name, value in values.items():
            setattr(module, name, value)


def _observe(
    server: ScriptedServer, setup: Callable[[ModuleType], None]
) -> Callable[[ModuleType], Any]:
    def observe(sdk: ModuleType) -> Any:
        sdk.max_retries = 0
        setup(sdk)
        count = len(server.requests)
        try:
            model = sdk.models.retrieve("gpt-4o").id
            chat = sdk.chat.completions.create(
                model="dep", messages=[{"role": "user", "content": "hi"}]
            )
        except Exception as error:  # the same type of error from both
            return ("error", [cls.__name__.lstrip("_") for cls in type(error).__mro__[:2]])
        kind = type(sdk._client if sdk is official() else _our_client()).__mro__
        azure = any(cls.__name__ == "AzureOpenAI" for cls in kind)
        return (
            model,
            chat.choices[0].message.content,
            sent_since(server, count),
            azure,
            sdk.api_type,
        )

    return observe


def _our_client() -> Any:
    from typed_openai import _module_client

    return _module_client.load_client()


CASES: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
    "api_type azure with a key": (
        {},
        {"api_type": "azure", "api_key": KEY, "api_version": VERSION},
    ),
    "api_type azure with a token": (
        {},
        {"api_type": "azure", "azure_ad_token": TOKEN, "api_version": VERSION},
    ),
    "api_type azure with a token provider": (
        {},
        {"api_type": "azure", "azure_ad_token_provider": lambda: TOKEN, "api_version": VERSION},
    ),
    "an endpoint alone makes it azure": ({}, {"api_key": KEY, "api_version": VERSION}),
    "azure from the environment": (
        {
            "AZURE_OPENAI_API_KEY": KEY,
            "AZURE_OPENAI_ENDPOINT": "{url}",
            "OPENAI_API_VERSION": VERSION,
        },
        {"azure_endpoint": None},
    ),
    "an Entra ID token in the environment": (
        {"AZURE_OPENAI_AD_TOKEN": TOKEN, "OPENAI_API_VERSION": VERSION},
        {},
    ),
    "OpenAI and Azure credentials are ambiguous": (
        {"OPENAI_API_KEY": "sk-openai", "AZURE_OPENAI_API_KEY": KEY},
        {"api_version": VERSION},
    ),
    "api_type openai ignores the Azure settings": (
        {"OPENAI_API_KEY": "sk-openai", "AZURE_OPENAI_API_KEY": KEY},
        {"api_type": "openai", "base_url": "{url}/v1/", "azure_endpoint": None},
    ),
    "no API version": ({}, {"api_type": "azure", "api_key": KEY}),
    "no credential": ({}, {"api_type": "azure", "api_version": VERSION}),
}


@pytest.mark.parametrize("case", CASES)
def test_the_module_client_is_azure_as_the_official_one(
    azure_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    env, settings = CASES[case]
    url = azure_server.url
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(url=url))

    def setup(sdk: ModuleType) -> None:
        sdk.azure_endpoint = url
        for name, value in settings.items():
            setattr(sdk, name, value.format(url=url) if isinstance(value, str) else value)

    ours, theirs = run_both(_observe(azure_server, setup))
    assert ours == theirs
    if case == "api_type azure with a key":
        model, content, sent, azure, api_type = ours
        assert (model, content, azure, api_type) == ("gpt-4o", "hello", True, "azure")
        assert [request["path"] for request in sent] == [
            "/openai/models/gpt-4o",
            "/openai/deployments/dep/chat/completions",
        ]
        assert sent[0]["auth"] == {"api-key": KEY}
        assert sent[0]["query"] == [("api-version", VERSION)]
    if case == "OpenAI and Azure credentials are ambiguous":
        assert ours == ("error", ["AmbiguousModuleClientUsageError", "OpenAIError"])

        def caught(sdk: ModuleType) -> bool:  # by the name the official SDK's users catch
            try:
                sdk.models.retrieve("gpt-4o")
            except sdk._AmbiguousModuleClientUsageError:
                return True
            return False

        assert run_both(caught) == (True, True)
    if case == "api_type openai ignores the Azure settings":
        assert ours[2][0]["auth"] == {"authorization": "Bearer sk-openai"}


def test_a_changed_setting_applies_to_the_next_call(azure_server: ScriptedServer) -> None:
    """Beyond the official SDK (which keeps its first client): as for the OpenAI settings."""
    typed_openai.api_type = "azure"
    typed_openai.azure_endpoint = azure_server.url
    typed_openai.api_version = "v1"
    typed_openai.api_key = KEY
    typed_openai.models.retrieve("gpt-4o")
    typed_openai.api_version = "v2"
    typed_openai.models.retrieve("gpt-4o")
    typed_openai.api_key = None
    typed_openai.azure_ad_token = TOKEN
    typed_openai.models.retrieve("gpt-4o")
    sent = sent_since(azure_server, 0)
    assert [(r["query"], r["auth"]) for r in sent] == [
        ([("api-version", "v1")], {"api-key": KEY}),
        ([("api-version", "v2")], {"api-key": KEY}),
        ([("api-version", "v2")], {"authorization": f"Bearer {TOKEN}"}),
    ]


def test_a_key_shown_after_the_first_build_is_not_passed_to_the_next(
    azure_server: ScriptedServer,
) -> None:
    """Built with a token, the client shows ``"<missing API key>"`` as ``api_key`` (written back
    to the setting, as by the official SDK); a rebuild for a changed Azure setting does not take
    that for a key given alongside the token (which the client refuses)."""
    typed_openai.api_type = "azure"
    typed_openai.azure_endpoint = azure_server.url
    typed_openai.api_version = "v1"
    typed_openai.azure_ad_token_provider = lambda: TOKEN
    typed_openai.models.retrieve("gpt-4o")
    assert typed_openai.api_key == "<missing API key>"
    typed_openai.azure_ad_token_provider = None
    typed_openai.azure_ad_token = "static-token"
    typed_openai.models.retrieve("gpt-4o")
    assert [r["auth"] for r in sent_since(azure_server, 0)] == [
        {"authorization": f"Bearer {TOKEN}"},
        {"authorization": "Bearer static-token"},
    ]


def test_the_azure_settings_are_module_attributes_like_the_sdks() -> None:
    for name in (
        "api_type",
        "api_version",
        "azure_endpoint",
        "azure_ad_token",
        "azure_ad_token_provider",
    ):
        assert hasattr(typed_openai, name), name


def test_an_isinstance_check_of_a_resource_proxy_never_raises() -> None:
    """With settings that build no client (no credential), a proxy is still an object that
    isinstance() can be asked about (gc walkers ask it of every object)."""
    typed_openai.api_type = "azure"
    proxy = typed_openai.models
    assert not isinstance(proxy, type)
    with pytest.raises(typed_openai.OpenAIError):
        proxy.retrieve("gpt-4o")
