"""Clients given the httpx2 clients the official SDK (3.x) runs on, as its README passes one in
``http_client=``; a client of the other kind (blocking for an async API client, or the reverse)
is refused by the type checker as the SDK's signatures refuse it."""

from __future__ import annotations

import httpx2
from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI

ENDPOINT = "https://example-resource.openai.azure.com"


def clients() -> list[object]:
    return [
        OpenAI(api_key="k", http_client=httpx2.Client(timeout=5.0)),
        AsyncOpenAI(api_key="k", http_client=httpx2.AsyncClient()),
        OpenAI(api_key="k").copy(http_client=httpx2.Client()),
        AsyncOpenAI(api_key="k").with_options(http_client=httpx2.AsyncClient()),
        AzureOpenAI(
            api_key="k",
            api_version="2024-10-21",
            azure_endpoint=ENDPOINT,
            http_client=httpx2.Client(),
        ),
        AsyncAzureOpenAI(
            api_key="k",
            api_version="2024-10-21",
            azure_endpoint=ENDPOINT,
            http_client=httpx2.AsyncClient(),
        ),
    ]


def clients_of_the_wrong_kind() -> list[object]:
    return [
        OpenAI(api_key="k", http_client=httpx2.AsyncClient()),  # type: ignore[arg-type]
        AsyncOpenAI(api_key="k", http_client=httpx2.Client()),  # type: ignore[arg-type]
        OpenAI(api_key="k").copy(http_client=httpx2.AsyncClient()),  # type: ignore[arg-type]
    ]
