"""The module-level client, run side by side with the official SDK's over the loopback server:
`<module>.api_key = ...; <module>.models.list()` sends the same request from both, settings changed
later apply to the next call, unset ones come from the environment, and every top-level resource
we ship is a module attribute."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest

import typed_openai
from tests.support.module_clients import module_clients_as_found
from tests.support.sdk_surface import configured_paths
from tests.support.server import RecordedRequest, Reply, ScriptedServer

SETTINGS = (
    "api_key",
    "organization",
    "project",
    "webhook_secret",
    "base_url",
    "timeout",
    "max_retries",
    "default_headers",
    "default_query",
    "http_client",
)
MODELS = {"object": "list", "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "o"}]}
ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID")


def _sdk() -> ModuleType:
    import openai

    return openai


@pytest.fixture
def modules(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, ModuleType]]]:
    """Both packages with their module settings restored (and clients dropped) afterwards."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    pairs = [("sdk", _sdk()), ("ours", typed_openai)]
    saved = [(m, dict(vars(m))) for _, m in pairs]
    # the SDK from its import-time settings and without a client, whatever earlier tests (which
    # drive the SDK as an oracle) left on its module; the module clients found are not closed
    # (see `module_clients_as_found`)
    sdk = pairs[0][1]
    with module_clients_as_found():
        for name in SETTINGS:
            default = {"timeout": sdk.DEFAULT_TIMEOUT, "max_retries": sdk.DEFAULT_MAX_RETRIES}
            setattr(sdk, name, default.get(name))
        yield pairs
    for module, before in saved:
        for name in SETTINGS:
            if name in before:
                setattr(module, name, before[name])
            elif name in vars(module):
                delattr(module, name)


def _call(module: ModuleType, server: ScriptedServer) -> RecordedRequest:
    server.requests.clear()
    server.reply(Reply.json(MODELS))
    page = module.models.list()
    assert [m.id for m in page.data] == ["m"]
    return server.requests[0]


def _headers(request: RecordedRequest) -> dict[str, str | None]:
    names = ("authorization", "openai-organization", "openai-project", "x-team")
    return {name: request.headers.get(name) for name in names}


def test_settings_build_the_same_request(
    server: ScriptedServer, modules: list[tuple[str, ModuleType]]
) -> None:
    seen = {}
    for name, module in modules:
        module.api_key = "sk-module"
        module.organization = "org_1"
        module.project = "proj_1"
        module.base_url = server.url
        module.max_retries = 0
        module.default_headers = {"X-Team": "a"}
        module.default_query = {"tenant": "t1"}
        request = _call(module, server)
        seen[name] = (request.method, request.path, request.query_dict, _headers(request))
    assert seen["ours"] == seen["sdk"]
    assert seen["ours"][3]["authorization"] == "Bearer sk-module"
    assert seen["ours"][2] == {"tenant": "t1"}


def test_a_setting_changed_after_first_use_applies_to_the_next_call(
    server: ScriptedServer, modules: list[tuple[str, ModuleType]]
) -> None:
    seen = {}
    for name, module in modules:
        module.api_key = "sk-first"
        module.base_url = server.url
        module.max_retries = 0
        first = _headers(_call(module, server))
        module.api_key = "sk-second"
        module.organization = "org_2"
        module.default_headers = {"X-Team": "b"}
        second = _headers(_call(module, server))
        module.default_headers["X-Team"] = "c"  # changed in place
        third = _headers(_call(module, server))
        seen[name] = (first, second, third)
    assert seen["ours"] == seen["sdk"]
    assert seen["ours"][1]["authorization"] == "Bearer sk-second"
    assert seen["ours"][2]["x-team"] == "c"


def test_a_module_client_found_by_a_test_keeps_working_after_it(
    server: ScriptedServer, modules: list[tuple[str, ModuleType]]
) -> None:
    # The official module clients share one HTTP client (the first one's, which it keeps in the
    # module's `http_client` setting). The isolation of a test driving the module clients (these
    # fixtures) once closed the module client it found, and so that HTTP client: the official
    # SDK's module programs of the tests after failed with "client has been closed".
    for _, module in modules:
        module.api_key = "sk-module"
        module.base_url = server.url
        module.max_retries = 0
        _call(module, server)  # the module client the isolated test below finds
        with module_clients_as_found():
            _call(module, server)  # one of the test's own, closed on leaving
        assert _call(module, server).path == "/models"


def test_unset_settings_come_from_the_environment(
    server: ScriptedServer, modules: list[tuple[str, ModuleType]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setenv("OPENAI_ORG_ID", "org_env")
    seen = {}
    for name, module in modules:
        module.max_retries = 0
        seen[name] = _headers(_call(module, server))
    assert seen["ours"] == seen["sdk"]
    assert seen["ours"]["authorization"] == "Bearer sk-env"


def test_http_client_and_timeout_settings_are_used(
    server: ScriptedServer, modules: list[tuple[str, ModuleType]]
) -> None:
    _, ours = modules[1]
    sent: list[httpx.Request] = []
    with httpx.Client(event_hooks={"request": [sent.append]}) as custom:
        ours.api_key = "sk"
        ours.base_url = server.url
        ours.http_client = custom
        ours.timeout = 7.5
        _call(ours, server)
        assert len(sent) == 1
        assert sent[0].extensions["timeout"]["read"] == 7.5
        ours.http_client = None  # back to the default pool
        _call(ours, server)
        assert len(sent) == 1


def test_defaults_read_as_the_sdks(modules: list[tuple[str, ModuleType]]) -> None:
    (_, sdk), (_, ours) = modules
    assert ours.max_retries == sdk.max_retries == 2
    assert (ours.timeout.connect, ours.timeout.read) == (sdk.timeout.connect, sdk.timeout.read)
    for name in ("api_key", "organization", "project", "base_url", "http_client"):
        assert getattr(ours, name) is None is getattr(sdk, name)


def test_every_top_level_resource_we_ship_is_a_module_attribute(
    modules: list[tuple[str, ModuleType]],
) -> None:
    (_, sdk), (_, ours) = modules
    ours.api_key = "sk"
    roots = sorted({path[0] for path in configured_paths()})
    assert {"chat", "beta", "files", "models", "embeddings", "vector_stores"} <= set(roots)
    client = typed_openai.OpenAI(api_key="sk")
    for name in roots:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            assert hasattr(sdk, name), name  # the SDK has the same module attribute
        resource = getattr(ours, name)
        assert isinstance(resource, type(getattr(client, name))), name
    client.close()
    with pytest.raises(AttributeError, match="no_such_resource"):
        ours.no_such_resource  # noqa: B018


def test_setting_attributes_keeps_the_import_lazy() -> None:
    code = (
        "import sys, typed_openai\n"
        "typed_openai.api_key = 'sk'\n"
        "typed_openai.organization = 'org'\n"
        "print(sorted(m for m in sys.modules if m.startswith('typed_openai')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['typed_openai']"


def test_missing_key_is_reported_on_first_call(modules: list[tuple[str, Any]]) -> None:
    """Built without a key (it is not needed until a call), the module client refuses the call
    before sending it, with the official SDK's TypeError; the key it found, none, reads ``""``."""
    for _, module in modules:
        with pytest.raises(TypeError, match="api_key"):
            module.models.list()
        assert module.api_key == ""
