"""``AzureOpenAI`` / ``AsyncAzureOpenAI`` as the official SDK has them: the same constructor,
``copy()`` and ``with_options()`` parameters, the same requests on the wire (base URL, per-deployment
routing, ``api-version``, ``api-key`` or an Entra ID bearer token asked for per request), the same
environment variables and the same exception types for missing or conflicting configuration.
Each behaviour runs the same code against both packages (``run_both``) and compares."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from types import ModuleType
from typing import Any

import httpx
import pydantic
import pytest

import typed_openai
from tests.drop_in.conftest import arun_both, official, run_both
from tests.support.server import Reply, ScriptedServer
from typed_openai.lib.azure import DEPLOYMENT_PATHS, MutuallyExclusiveAuthError

from .conftest import MODEL as MODEL_BODY
from .conftest import sent_since

KEY = "azure-key-0123456789"
TOKEN = "entra-token-0123456789"
VERSION = "2024-10-21"
MESSAGES = [{"role": "user", "content": "hi"}]
# Official parameters these clients do not take, as for OpenAI (tests/drop_in/test_client_options)
NOT_TAKEN = {"workload_identity", "_enforce_credentials"}
NOT_TAKEN_BY_COPY = {"workload_identity", "provider", "_enforce_credentials", "_extra_kwargs"}


def _params(func: Any) -> dict[str, tuple[Any, str]]:
    signature = inspect.signature(func)
    return {
        name: (p.kind, repr(p.default))
        for name, p in signature.parameters.items()
        if name != "self"
    }


@pytest.mark.parametrize("client_class", ["AzureOpenAI", "AsyncAzureOpenAI"])
@pytest.mark.parametrize("method", ["__init__", "copy", "with_options"])
def test_signatures_take_the_official_parameters(client_class: str, method: str) -> None:
    ours = _params(getattr(getattr(typed_openai, client_class), method))
    theirs = _params(getattr(getattr(official(), client_class), method))
    not_taken = NOT_TAKEN if method == "__init__" else NOT_TAKEN_BY_COPY
    assert sorted(set(theirs) - set(ours)) == sorted(not_taken & set(theirs))
    assert set(ours) - set(theirs) == set()
    assert {name: ours[name] for name in ours} == {name: theirs[name] for name in ours}


def test_the_clients_are_openai_clients() -> None:
    assert issubclass(typed_openai.AzureOpenAI, typed_openai.OpenAI)
    assert issubclass(typed_openai.AsyncAzureOpenAI, typed_openai.AsyncOpenAI)
    assert issubclass(MutuallyExclusiveAuthError, typed_openai.OpenAIError)
    from typed_openai.lib import azure

    assert {"AzureADTokenProvider", "AsyncAzureADTokenProvider"} <= set(dir(azure))


class Answer(pydantic.BaseModel):
    answer: str


def _final_via_stream_helper(client: Any) -> list[str]:
    with client.chat.completions.stream(model="dep-helper", messages=MESSAGES) as stream:
        return [event.type for event in stream]


def _calls(client: Any) -> dict[str, Callable[[], Any]]:
    """Calls of every deployment-scoped operation and of some others, each returning what a user
    would look at in its result."""
    return {
        "chat": lambda: (
            client.chat.completions.create(model="dep-chat", messages=MESSAGES)
            .choices[0]
            .message.content
        ),
        "chat stream": lambda: [
            chunk.id
            for chunk in client.chat.completions.create(
                model="dep-chat", messages=MESSAGES, stream=True
            )
        ],
        "completions": lambda: (
            client.completions.create(model="dep-old", prompt="x").choices[0].text
        ),
        "embeddings": lambda: (
            client.embeddings.create(model="dep-emb", input="x").data[0].embedding
        ),
        "speech": lambda: (
            client.audio.speech.create(model="dep-tts", input="x", voice="alloy").content
        ),
        "transcription": lambda: (
            client.audio.transcriptions.create(model="dep-stt", file=("a.wav", b"RIFF")).text
        ),
        "translation": lambda: (
            client.audio.translations.create(model="dep-stt", file=("a.wav", b"RIFF")).text
        ),
        "image": lambda: client.images.generate(model="dep-img", prompt="x").data[0].b64_json,
        "image without model": lambda: client.images.generate(prompt="x").created,
        "image edit": lambda: client.images.edit(model="dep-img", prompt="x", image=b"png").created,
        "model named with / and space": lambda: (
            client.chat.completions.create(model="a/b c", messages=MESSAGES).id
        ),
        "models": lambda: [model.id for model in client.models.list()],
        "model": lambda: client.models.retrieve("gpt-4o").id,
        "files, every page": lambda: [file.id for file in client.files.list()],
        "parse": lambda: (
            client.chat.completions.parse(
                model="dep-parse", messages=MESSAGES, response_format=Answer
            )
            .choices[0]
            .message.parsed
        ),
        "stream helper": lambda: _final_via_stream_helper(client),
        "responses": lambda: client.post("/responses", cast_to=object, body={"model": "m"}),
        "custom post with a model": lambda: client.post(
            "/chat/completions", cast_to=object, body={"model": "dep-custom"}
        ),
        "custom get": lambda: client.get("/chat/completions", cast_to=object),
        "custom other path": lambda: client.post(
            "/threads/runs", cast_to=object, body={"model": "m"}
        ),
        "extra_query replaces the version": lambda: (
            client.models.retrieve("gpt-4o", extra_query={"api-version": "preview"}).id
        ),
        "raw response": lambda: (
            client.chat.completions.with_raw_response.create(model="dep-raw", messages=MESSAGES)
            .parse()
            .id
        ),
    }


def _observe_calls(server: ScriptedServer, client: Any) -> dict[str, Any]:
    """Each call's result and what the server received for it."""
    results: dict[str, Any] = {}
    for name, call in _calls(client).items():
        count = len(server.requests)
        results[name] = (call(), sent_since(server, count))
    return results


@pytest.mark.parametrize(
    "layout",
    [
        "endpoint",
        "endpoint with a path and /",
        "deployment",
        "base_url",
        "base_url of a deployment",
        "base_url with azure_deployment",
    ],
)
def test_every_call_goes_where_the_official_client_sends_it(
    azure_server: ScriptedServer, layout: str
) -> None:
    def observe(sdk: ModuleType) -> dict[str, Any]:
        url = azure_server.url
        where: dict[str, Any] = {
            "endpoint": {"azure_endpoint": url},
            "endpoint with a path and /": {"azure_endpoint": f"{url}/resource/"},
            "deployment": {"azure_endpoint": url, "azure_deployment": "fixed"},
            "base_url": {"base_url": f"{url}/proxy/openai"},
            "base_url of a deployment": {"base_url": f"{url}/proxy/openai/deployments/zz"},
            # the base URL is the whole prefix: a deployment named too is not added to it
            "base_url with azure_deployment": {
                "base_url": f"{url}/proxy/openai",
                "azure_deployment": "ignored",
            },
        }[layout]
        with sdk.AzureOpenAI(api_key=KEY, api_version=VERSION, max_retries=0, **where) as client:
            return {"base_url": str(client.base_url), **_observe_calls(azure_server, client)}

    ours, theirs = run_both(observe)
    assert ours == theirs
    if layout == "endpoint":
        url = azure_server.url
        assert ours["base_url"] == f"{url}/openai/"
        (chat,) = ours["chat"][1]
        assert chat == {
            "method": "POST",
            "path": "/openai/deployments/dep-chat/chat/completions",
            "query": [("api-version", VERSION)],
            "auth": {"api-key": KEY},
        }
        assert ours["chat"][0] == "hello"
        assert ours["models"][1][0]["path"] == "/openai/models"
        assert (
            ours["transcription"][1][0]["path"]
            == "/openai/deployments/dep-stt/audio/transcriptions"
        )
        assert ours["image without model"][1][0]["path"] == "/openai/images/generations"
        assert ours["model named with / and space"][1][0]["path"] == (
            "/openai/deployments/a%2Fb%20c/chat/completions"
        )
        assert ours["extra_query replaces the version"][1][0]["query"] == [
            ("api-version", "preview")
        ]
        files, pages = ours["files, every page"]
        assert files == ["file-1", "file-2"]
        assert pages[1]["query"] == [("after", "file-1"), ("api-version", VERSION)]
        assert ours["parse"][0] == Answer(answer="hi")
        assert ours["parse"][1][0]["path"] == "/openai/deployments/dep-parse/chat/completions"
        assert (
            ours["stream helper"][1][0]["path"] == "/openai/deployments/dep-helper/chat/completions"
        )
        assert ours["responses"][1][0]["path"] == "/openai/responses"
    if layout == "deployment":
        assert ours["chat"][1][0]["path"] == "/openai/deployments/fixed/chat/completions"
        assert ours["models"][1][0]["path"] == "/openai/models"  # not a per-deployment operation


def test_the_deployment_paths_are_the_official_clients() -> None:
    from openai.lib import azure

    assert azure._deployments_endpoints == DEPLOYMENT_PATHS  # pyright: ignore[reportPrivateUsage]


def _counting(prefix: str) -> Callable[[], str]:
    """A token provider that gives a new token each time it is asked."""
    count = 0

    def provide() -> str:
        nonlocal count
        count += 1
        return f"{prefix}-{count}"

    return provide


@pytest.mark.parametrize(
    "credential",
    ["api_key", "azure_ad_token", "azure_ad_token_provider", "callable api_key"],
)
def test_each_credential_is_sent_as_the_official_client_sends_it(
    azure_server: ScriptedServer, credential: str
) -> None:
    def observe(sdk: ModuleType) -> tuple[list[str], list[dict[str, Any]]]:
        given: dict[str, Any] = {
            "api_key": {"api_key": KEY},
            "azure_ad_token": {"azure_ad_token": TOKEN},
            "azure_ad_token_provider": {"azure_ad_token_provider": _counting(TOKEN)},
            "callable api_key": {"api_key": _counting(KEY)},
        }[credential]
        count = len(azure_server.requests)
        with sdk.AzureOpenAI(
            azure_endpoint=azure_server.url, api_version=VERSION, max_retries=0, **given
        ) as client:
            shown = [client.api_key, client.copy().api_key]  # `api_key` as user code reads it
            client.models.retrieve("gpt-4o")
            client.chat.completions.create(model="dep", messages=MESSAGES)
            client.models.retrieve("gpt-4o", extra_headers={"Authorization": "Bearer mine"})
            shown.append(client.api_key)
        return shown, sent_since(azure_server, count)

    ours, theirs = run_both(observe)
    assert ours == theirs
    shown, sent = ours
    if credential in ("azure_ad_token", "azure_ad_token_provider"):  # shown, never sent
        assert shown == ["<missing API key>"] * 3
        assert all("api-key" not in request["auth"] for request in sent)
    auth = [request["auth"] for request in sent]
    if credential == "azure_ad_token_provider":  # asked before every request
        assert auth[:2] == [
            {"authorization": f"Bearer {TOKEN}-1"},
            {"authorization": f"Bearer {TOKEN}-2"},
        ]
    if credential == "api_key":
        assert auth == [
            {"api-key": KEY},
            {"api-key": KEY},
            {"api-key": KEY, "authorization": "Bearer mine"},
        ]


@pytest.mark.anyio
@pytest.mark.parametrize("provider_kind", ["coroutine function", "plain function"])
async def test_the_async_client_awaits_its_token_provider(
    azure_server: ScriptedServer, provider_kind: str
) -> None:
    async def observe(sdk: ModuleType) -> list[dict[str, Any]]:
        plain = _counting(TOKEN)

        async def coroutine() -> str:
            return plain()

        provider = coroutine if provider_kind == "coroutine function" else plain
        count = len(azure_server.requests)
        async with sdk.AsyncAzureOpenAI(
            azure_endpoint=azure_server.url,
            api_version=VERSION,
            azure_ad_token_provider=provider,
            max_retries=0,
        ) as client:
            await client.models.retrieve("gpt-4o")
            completion = await client.chat.completions.create(model="dep", messages=MESSAGES)
            assert completion.choices[0].message.content == "hello"
            models = [model.id async for model in client.models.list()]
            assert models == ["gpt-4o"]
        return sent_since(azure_server, count)

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert [r["auth"] for r in ours] == [
        {"authorization": f"Bearer {TOKEN}-{n}"} for n in (1, 2, 3)
    ]
    assert ours[1]["path"] == "/openai/deployments/dep/chat/completions"


@pytest.mark.parametrize(
    "given",
    [{"azure_ad_token": TOKEN}, {"azure_ad_token_provider": lambda: TOKEN}, {"api_key": KEY}],
    ids=["token", "token provider", "key"],
)
def test_the_async_client_shows_api_key_as_the_official_one(given: dict[str, Any]) -> None:
    def shown(sdk: ModuleType) -> tuple[str, str]:
        client = sdk.AsyncAzureOpenAI(
            azure_endpoint="http://127.0.0.1:9", api_version=VERSION, **given
        )
        return client.api_key, client.with_options(max_retries=1).api_key

    ours, theirs = run_both(shown)
    assert ours == theirs


def test_a_key_assigned_to_a_token_client_is_sent(azure_server: ScriptedServer) -> None:
    """After ``client.api_key = ...`` the client shows and sends that key, as the official one."""

    def observe(sdk: ModuleType) -> tuple[str, list[dict[str, Any]]]:
        count = len(azure_server.requests)
        with sdk.AzureOpenAI(
            azure_endpoint=azure_server.url, api_version=VERSION, azure_ad_token=TOKEN
        ) as client:
            client.api_key = KEY
            client.models.retrieve("gpt-4o")
            return client.api_key, sent_since(azure_server, count)

    ours, theirs = run_both(observe)
    assert ours == theirs


def test_a_provider_that_returns_no_token_is_a_value_error(azure_server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> list[Any]:
        found: list[Any] = []
        for bad in (None, "", 42):
            client = sdk.AzureOpenAI(
                azure_endpoint=azure_server.url,
                api_version=VERSION,
                azure_ad_token_provider=lambda bad=bad: bad,
                max_retries=0,
            )
            with pytest.raises(ValueError) as info:
                client.models.retrieve("gpt-4o")
            found.append(type(info.value).__name__)
        return found

    count = len(azure_server.requests)
    ours, theirs = run_both(observe)
    assert ours == theirs == ["ValueError"] * 3
    assert len(azure_server.requests) == count  # nothing sent


ENV_CASES: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
    "key and endpoint from the environment": (
        {
            "AZURE_OPENAI_API_KEY": KEY,
            "AZURE_OPENAI_ENDPOINT": "{url}/env",
            "OPENAI_API_VERSION": "env-v",
        },
        {},
    ),
    "an Entra ID token from the environment wins over a key from it": (
        {"AZURE_OPENAI_API_KEY": KEY, "AZURE_OPENAI_AD_TOKEN": TOKEN},
        {"azure_endpoint": "{url}", "api_version": VERSION},
    ),
    "an argument wins over the environment's credential": (
        {"AZURE_OPENAI_AD_TOKEN": TOKEN},
        {"azure_endpoint": "{url}", "api_version": VERSION, "api_key": "arg-key"},
    ),
    "arguments win over the environment's endpoint and version": (
        {
            "AZURE_OPENAI_API_KEY": KEY,
            "AZURE_OPENAI_ENDPOINT": "{url}/env",
            "OPENAI_API_VERSION": "env-v",
        },
        {"azure_endpoint": "{url}/arg", "api_version": "arg-v"},
    ),
    "base_url wins over the environment's endpoint": (
        {
            "AZURE_OPENAI_API_KEY": KEY,
            "AZURE_OPENAI_ENDPOINT": "{url}/env",
            "OPENAI_API_VERSION": "env-v",
        },
        {"base_url": "{url}/given/openai"},
    ),
    "OpenAI's own variables are not Azure's (organization is)": (
        {
            "AZURE_OPENAI_API_KEY": KEY,
            "OPENAI_API_KEY": "sk-openai",
            "OPENAI_BASE_URL": "{url}/v1",
            "OPENAI_ORG_ID": "org-env",
        },
        {"azure_endpoint": "{url}", "api_version": VERSION},
    ),
}


@pytest.mark.parametrize("case", ENV_CASES)
def test_environment_variables_as_the_official_client_reads_them(
    azure_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    env, arguments = ENV_CASES[case]
    url = azure_server.url
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(url=url))

    def observe(sdk: ModuleType) -> list[Any]:
        kwargs = {k: v.format(url=url) for k, v in arguments.items()}
        count = len(azure_server.requests)
        with sdk.AzureOpenAI(max_retries=0, **kwargs) as client:
            client.models.retrieve("gpt-4o")
        request = azure_server.requests[count]
        return [*sent_since(azure_server, count), request.headers.get("openai-organization")]

    ours, theirs = run_both(observe)
    assert ours == theirs


ERROR_CASES: dict[str, tuple[dict[str, str], dict[str, Any], str, tuple[str, ...]]] = {
    "no credential": (
        {"OPENAI_API_KEY": "sk-openai"},
        {"azure_endpoint": "{url}", "api_version": VERSION},
        "OpenAIError",
        (
            "api_key",
            "azure_ad_token",
            "azure_ad_token_provider",
            "AZURE_OPENAI_API_KEY",
            "AZURE_OPENAI_AD_TOKEN",
        ),
    ),
    "no API version": (
        {},
        {"azure_endpoint": "{url}", "api_key": KEY},
        "ValueError",
        ("api_version", "OPENAI_API_VERSION"),
    ),
    "no endpoint": (
        {"OPENAI_BASE_URL": "{url}/v1"},
        {"api_version": VERSION, "api_key": KEY},
        "ValueError",
        ("azure_endpoint", "base_url", "AZURE_OPENAI_ENDPOINT"),
    ),
    "base_url and azure_endpoint": (
        {},
        {
            "api_version": VERSION,
            "api_key": KEY,
            "azure_endpoint": "{url}",
            "base_url": "{url}/openai",
        },
        "ValueError",
        ("base_url", "azure_endpoint"),
    ),
    "api_key and azure_ad_token": (
        {},
        {
            "api_version": VERSION,
            "api_key": KEY,
            "azure_ad_token": TOKEN,
            "azure_endpoint": "{url}",
        },
        "MutuallyExclusiveAuthError",
        ("api_key", "azure_ad_token", "azure_ad_token_provider"),
    ),
    "azure_ad_token and a provider": (
        {},
        {
            "api_version": VERSION,
            "azure_ad_token": TOKEN,
            "azure_endpoint": "{url}",
            "provider": "yes",
        },
        "MutuallyExclusiveAuthError",
        ("azure_ad_token", "azure_ad_token_provider"),
    ),
}


@pytest.mark.parametrize("client_class", ["AzureOpenAI", "AsyncAzureOpenAI"])
@pytest.mark.parametrize("case", ERROR_CASES)
def test_configuration_errors_are_the_official_exception_types(
    azure_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, case: str, client_class: str
) -> None:
    env, arguments, error, named = ERROR_CASES[case]
    url = azure_server.url
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(url=url))

    def observe(sdk: ModuleType) -> tuple[list[str], str]:
        kwargs: dict[str, Any] = {k: v.format(url=url) for k, v in arguments.items()}
        if kwargs.pop("provider", None):
            kwargs["azure_ad_token_provider"] = lambda: TOKEN
        with pytest.raises(sdk.OpenAIError if error != "ValueError" else ValueError) as info:
            getattr(sdk, client_class)(**kwargs)
        return [cls.__name__ for cls in type(info.value).__mro__], str(info.value)

    (our_types, message), (their_types, _) = run_both(observe)
    assert our_types == their_types
    assert our_types[0] == error
    for name in named:
        assert name in message
    if error == "MutuallyExclusiveAuthError":
        assert issubclass(getattr(official().lib.azure, error), official().OpenAIError)


def test_copy_and_with_options_keep_or_replace_the_azure_settings(
    azure_server: ScriptedServer,
) -> None:
    def observe(sdk: ModuleType) -> dict[str, Any]:
        url = azure_server.url
        key_client = sdk.AzureOpenAI(
            azure_endpoint=url,
            azure_deployment="d1",
            api_version="v1",
            api_key=KEY,
            default_query={"q": "1"},
            max_retries=0,
        )
        token_client = sdk.AzureOpenAI(azure_endpoint=url, api_version="v1", azure_ad_token=TOKEN)
        copies = {
            "same": key_client.copy(),
            "api_version": key_client.with_options(api_version="v2"),
            "api_key": key_client.copy(api_key="other-key"),
            "token for a key": key_client.copy(azure_ad_token="other-token"),
            "provider for a key": key_client.copy(azure_ad_token_provider=lambda: "provided"),
            "key for a token": token_client.copy(api_key="key-3"),
            "base_url": key_client.copy(base_url=f"{url}/elsewhere/openai"),
            "set_default_query": key_client.copy(set_default_query={"r": "2"}),
            "default_query": key_client.copy(default_query={"s": "3"}),
        }
        result: dict[str, Any] = {}
        for name, client in copies.items():
            count = len(azure_server.requests)
            client.models.retrieve("gpt-4o")
            client.chat.completions.create(model="m", messages=MESSAGES)
            result[name] = (
                type(client).__name__,
                str(client.base_url),
                client.default_query,
                sent_since(azure_server, count),
            )
        with pytest.raises(sdk.OpenAIError) as info:
            key_client.copy(data_residency="eu")
        result["data_residency"] = type(info.value).__name__
        key_client.close()
        token_client.close()
        return result

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["api_version"][2] == {"q": "1", "api-version": "v2"}
    assert ours["token for a key"][3][0]["auth"] == {"authorization": "Bearer other-token"}
    assert ours["set_default_query"][2] == {"r": "2", "api-version": "v1"}


def test_copies_share_the_connection_pool(azure_server: ScriptedServer) -> None:
    client = typed_openai.AzureOpenAI(
        azure_endpoint=azure_server.url, api_version=VERSION, api_key=KEY
    )
    copy = client.with_options(api_version="v2", timeout=5)
    client.models.retrieve("gpt-4o")
    copy.models.retrieve("gpt-4o")
    assert azure_server.opened == 1
    client.close()
    assert copy.is_closed()
    own = typed_openai.AzureOpenAI(
        azure_endpoint=azure_server.url,
        api_version=VERSION,
        api_key=KEY,
        http_client=httpx.Client(),
    )
    with pytest.raises(TypeError, match="http_client"):
        typed_openai.AzureOpenAI(
            azure_endpoint=azure_server.url,
            api_version=VERSION,
            api_key=KEY,
            http_client=httpx.AsyncClient(),  # type: ignore[arg-type]
        )
    own.close()


@pytest.mark.parametrize("credential", ["api_key", "azure_ad_token", "azure_ad_token_provider"])
def test_credentials_stay_out_of_reprs_logs_and_errors(
    azure_server: ScriptedServer,
    caplog: pytest.LogCaptureFixture,
    credential: str,
) -> None:
    secret = KEY if credential == "api_key" else TOKEN
    given: dict[str, Any] = {credential: secret}
    if credential == "azure_ad_token_provider":
        given = {credential: lambda: secret}
    # a server that echoes what it was sent (as a misbehaving proxy might)
    azure_server.route(
        "GET",
        "/openai/models/gpt-4o",
        Reply.json({"error": {"message": f"denied: {secret}"}}, status=401),
    )
    with (
        caplog.at_level(logging.DEBUG),
        typed_openai.AzureOpenAI(
            azure_endpoint=azure_server.url, api_version=VERSION, max_retries=0, **given
        ) as client,
    ):
        with pytest.raises(typed_openai.AuthenticationError) as info:
            client.models.retrieve("gpt-4o")
        shown = [repr(client), str(client), str(info.value), repr(info.value)]
    sent = azure_server.requests[-1].headers
    assert secret in (sent.get("api-key"), sent.get("authorization", "").removeprefix("Bearer "))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/openai/models/gpt-4o" in logged  # the request was logged
    for text in [*shown, logged]:
        assert secret not in text


def test_the_local_server_answers_azure_code_as_the_official_client_parses_it() -> None:
    """End to end against the loopback OpenAI server's Azure paths: the same program, both SDKs,
    the same parsed results."""
    from typed_openai.testing import LocalOpenAIServer

    def program(sdk: ModuleType, server: LocalOpenAIServer) -> dict[str, Any]:
        with sdk.AzureOpenAI(
            azure_endpoint=server.azure_endpoint,
            api_version=VERSION,
            api_key=server.api_key,
            max_retries=0,
        ) as client:
            chat = client.chat.completions.create(model="gpt-4o", messages=MESSAGES, seed=1)
            streamed = "".join(
                chunk.choices[0].delta.content or ""
                for chunk in client.chat.completions.create(
                    model="gpt-4o", messages=MESSAGES, seed=1, stream=True
                )
                if chunk.choices
            )
            embedding = client.embeddings.create(model="text-embedding-3-small", input="hi")
            uploaded = client.files.create(file=("notes.txt", b"hello"), purpose="assistants")
            return {
                "chat": (
                    chat.object,
                    chat.choices[0].message.role,
                    chat.choices[0].message.content,
                ),
                "streamed": streamed,
                "embedding": (embedding.object, len(embedding.data[0].embedding)),
                "models": sorted(model.id for model in client.models.list())[:3],
                "file": (uploaded.filename, uploaded.bytes, uploaded.purpose),
                "retrieved": client.files.retrieve(uploaded.id).filename,
            }

    with LocalOpenAIServer(api_key="sk-azure-local") as server:
        ours, theirs = run_both(lambda sdk: program(sdk, server))
    assert ours == theirs
    assert ours["chat"][0] == "chat.completion" and ours["chat"][2]
    assert ours["streamed"] == ours["chat"][2]
    assert ours["file"] == ("notes.txt", 5, "assistants")


@pytest.mark.parametrize("client_class", ["OpenAI", "AzureOpenAI"])
def test_a_retry_asks_the_credential_function_again(
    azure_server: ScriptedServer, client_class: str
) -> None:
    """A token may expire between attempts: the official clients ask their token provider (and a
    callable api_key) before every attempt, not once per call."""
    busy = Reply.json({"error": {"message": "busy"}}, status=503, headers={"retry-after-ms": "10"})
    azure_server.route("GET", "/openai/models/gpt-4o", busy)  # every attempt
    azure_server.route("GET", "/v1/models/gpt-4o", busy)

    def observe(sdk: ModuleType) -> list[dict[str, Any]]:
        count = len(azure_server.requests)
        if client_class == "OpenAI":
            client = sdk.OpenAI(
                base_url=f"{azure_server.url}/v1", api_key=_counting("key"), max_retries=1
            )
        else:
            client = sdk.AzureOpenAI(
                azure_endpoint=azure_server.url,
                api_version=VERSION,
                azure_ad_token_provider=_counting("token"),
                max_retries=1,
            )
        with client, pytest.raises(sdk.InternalServerError):
            client.models.retrieve("gpt-4o")
        return sent_since(azure_server, count)

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert len(ours) == 2
    assert ours[0]["auth"] != ours[1]["auth"]


@pytest.mark.anyio
async def test_async_copies_keep_or_replace_the_azure_settings(
    azure_server: ScriptedServer,
) -> None:
    async def observe(sdk: ModuleType) -> list[Any]:
        async def provide() -> str:
            return "async-token"

        client = sdk.AsyncAzureOpenAI(
            azure_endpoint=azure_server.url,
            azure_deployment="d1",
            api_version="v1",
            api_key=KEY,
            max_retries=0,
        )
        copies = [
            client.with_options(api_version="v2"),
            client.copy(azure_ad_token_provider=provide),
            client.copy(base_url=f"{azure_server.url}/other/openai"),
        ]
        count = len(azure_server.requests)
        for each in copies:
            await each.models.retrieve("gpt-4o")
            await each.chat.completions.create(model="m", messages=MESSAGES)
        await client.close()
        return [type(each).__name__ for each in copies] + sent_since(azure_server, count)

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert ours[5]["auth"] == {"authorization": "Bearer async-token"}


@pytest.mark.anyio
@pytest.mark.parametrize("credential", ["api_key", "azure_ad_token"])
async def test_a_redirect_to_another_origin_carries_no_credential(
    azure_server: ScriptedServer, credential: str
) -> None:
    """httpx drops Authorization on a redirect to another origin, not Azure's api-key header: the
    client drops it too (as the official one), and keeps it on a same-origin redirect."""
    with ScriptedServer() as elsewhere:
        elsewhere.default = Reply.json(MODEL_BODY)
        azure_server.route(
            "GET",
            "/openai/models/gpt-4o",
            Reply.raw(
                b"",
                status=307,
                headers={"location": f"{elsewhere.url}/openai/models/gpt-4o?api-version=v"},
            ),
        )
        azure_server.route(
            "GET",
            "/openai/models/moved",
            Reply.raw(
                b"",
                status=307,
                headers={"location": f"{azure_server.url}/openai/models/gpt-4o-2?api-version=v"},
            ),
        )
        secret = KEY if credential == "api_key" else TOKEN

        async def observe(sdk: ModuleType) -> list[Any]:
            seen: list[Any] = []
            sync = sdk.AzureOpenAI(
                azure_endpoint=azure_server.url,
                api_version=VERSION,
                max_retries=0,
                **{credential: secret},
            )
            asynchronous = sdk.AsyncAzureOpenAI(
                azure_endpoint=azure_server.url,
                api_version=VERSION,
                max_retries=0,
                **{credential: secret},
            )
            for call in (
                lambda: sync.models.retrieve("gpt-4o"),
                lambda: sync.models.retrieve("moved"),
            ):
                count, here = len(elsewhere.requests), len(azure_server.requests)
                call()
                seen.append((sent_since(elsewhere, count), sent_since(azure_server, here)))
            count = len(elsewhere.requests)
            await asynchronous.models.retrieve("gpt-4o")
            seen.append(sent_since(elsewhere, count))
            sync.close()
            await asynchronous.close()
            return seen

        ours, theirs = await arun_both(observe)
    assert ours == theirs
    (off_origin, _), (_, same_origin), async_off_origin = ours
    assert [r["auth"] for r in off_origin] == [{}]
    assert [r["auth"] for r in async_off_origin] == [{}]
    expected = {"api-key": KEY} if credential == "api_key" else {"authorization": f"Bearer {TOKEN}"}
    assert [r["auth"] for r in same_origin] == [expected, expected]


@pytest.mark.parametrize("credential", ["api_key", "azure_ad_token", "azure_ad_token_provider"])
def test_every_call_authenticates_with_the_azure_credential(
    azure_server: ScriptedServer, credential: str
) -> None:
    """An Azure client sends its key or token for every call: an admin operation of the OpenAI
    API and a custom request too, and an admin key given as well is not sent."""
    user = {
        "object": "organization.user",
        "id": "user_1",
        "name": "Ada",
        "email": "ada@example.com",
        "role": "owner",
        "added_at": 1,
    }
    azure_server.route("GET", "/openai/organization/users/user_1", Reply.json(user))

    def observe(sdk: ModuleType) -> list[Any]:
        given: dict[str, Any] = {credential: TOKEN if credential != "api_key" else KEY}
        if credential == "azure_ad_token_provider":
            given = {credential: _counting(TOKEN)}
        count = len(azure_server.requests)
        with sdk.AzureOpenAI(
            azure_endpoint=azure_server.url,
            api_version=VERSION,
            admin_api_key="sk-admin-not-for-azure",
            max_retries=0,
            **given,
        ) as client:
            client.admin.organization.users.retrieve("user_1")
            client.get("/custom", cast_to=object)
            client.models.retrieve("gpt-4o")
        return sent_since(azure_server, count)

    ours, theirs = run_both(observe)
    assert ours == theirs
    for request in ours:
        assert "sk-admin-not-for-azure" not in str(request["auth"])
        assert len(request["auth"]) == 1


@pytest.mark.anyio
async def test_the_local_server_answers_the_async_azure_client_as_the_official_one() -> None:
    from typed_openai.testing import LocalOpenAIServer

    async def program(sdk: ModuleType, server: LocalOpenAIServer) -> dict[str, Any]:
        async def token() -> str:
            return server.api_key

        async with sdk.AsyncAzureOpenAI(
            azure_endpoint=server.azure_endpoint,
            api_version=VERSION,
            azure_ad_token_provider=token,
            max_retries=0,
        ) as client:
            chat = await client.chat.completions.create(model="gpt-4o", messages=MESSAGES, seed=2)
            stream = await client.chat.completions.create(
                model="gpt-4o", messages=MESSAGES, seed=2, stream=True
            )
            streamed = "".join(
                [chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices]
            )
            models = [model.id async for model in client.models.list()]
            return {
                "chat": chat.choices[0].message.content,
                "streamed": streamed,
                "models": models[:3],
            }

    with LocalOpenAIServer(api_key="sk-azure-async") as server:
        ours, theirs = await arun_both(lambda sdk: program(sdk, server))
    assert ours == theirs
    assert ours["chat"] and ours["streamed"] == ours["chat"] and ours["models"]
