"""Clients for the `_core` tests: a tiny generated-style client pointed at the loopback server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from typing_extensions import Self

from tests.support.server import ScriptedServer
from typed_openai._core import (
    DEFAULT_MAX_RETRIES,
    NOT_GIVEN,
    AsyncAPIClient,
    AsyncAPIResource,
    BaseModel,
    ClientConfig,
    ClientOption,
    NotGiven,
    SyncAPIClient,
    SyncAPIResource,
    Timeout,
)

# Names of a made-up API, the way a generated client passes them to `_core`.
CONFIG = ClientConfig(
    default_base_url="https://api.example.invalid/v1",
    base_url_env="EXAMPLE_BASE_URL",
    log_env="EXAMPLE_LOG",
    api_key_env="EXAMPLE_API_KEY",
    api_key_header="Authorization",
    api_key_format="Bearer {api_key}",
    options=(
        ClientOption("organization", env="EXAMPLE_ORG_ID", header="Example-Organization"),
        ClientOption("project", env="EXAMPLE_PROJECT_ID", header="Example-Project"),
    ),
    default_headers=(("User-Agent", "example-client/1.0"),),
    initial_retry_delay=0.001,
    max_retry_delay=0.01,
)

SECRET = "sk-test-SECRET-value-1234"


class ExampleClient(SyncAPIClient):
    _client_config = CONFIG
    organization: str | None
    project: str | None

    def __init__(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: dict[str, str] | None = None,
        default_query: dict[str, object] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            organization=organization,
            project=project,
        )

    def copy(
        self, *, organization: str | None = None, project: str | None = None, **changes: Any
    ) -> Self:
        """What the generator emits (there with every keyword spelled out)."""
        return self._copy(**changes, options={"organization": organization, "project": project})

    with_options = copy


class AsyncExampleClient(AsyncAPIClient):
    _client_config = CONFIG
    organization: str | None
    project: str | None

    def __init__(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: dict[str, str] | None = None,
        default_query: dict[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            organization=organization,
            project=project,
        )

    def copy(
        self, *, organization: str | None = None, project: str | None = None, **changes: Any
    ) -> Self:
        """What the generator emits (there with every keyword spelled out)."""
        return self._copy(**changes, options={"organization": organization, "project": project})

    with_options = copy


class Thing(BaseModel):
    id: str
    name: str | None = None


class Things(SyncAPIResource):
    """A generated-style resource."""

    def retrieve(self, thing_id: str, **kwargs: Any) -> Thing:
        from typed_openai._core import RequestOptions, path_template

        return self._get(
            path_template("/things/{thing_id}", thing_id=thing_id),
            cast_to=Thing,
            options=RequestOptions(**kwargs),
        )


class AsyncThings(AsyncAPIResource):
    async def retrieve(self, thing_id: str, **kwargs: Any) -> Thing:
        from typed_openai._core import RequestOptions, path_template

        return await self._get(
            path_template("/things/{thing_id}", thing_id=thing_id),
            cast_to=Thing,
            options=RequestOptions(**kwargs),
        )


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "EXAMPLE_BASE_URL",
        "EXAMPLE_LOG",
        "EXAMPLE_API_KEY",
        "EXAMPLE_ORG_ID",
        "EXAMPLE_PROJECT_ID",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[ExampleClient]:
    with ExampleClient(api_key=SECRET, base_url=server.url + "/v1") as c:
        yield c


@pytest.fixture
async def async_client(server: ScriptedServer) -> AsyncIterator[AsyncExampleClient]:
    async with AsyncExampleClient(api_key=SECRET, base_url=server.url + "/v1") as c:
        yield c
