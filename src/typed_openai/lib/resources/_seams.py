"""The two parts of a resource (docs/contracts.md §1) helper bodies reach: its client, for
requests to other resources, and ``_sleep``, the wait polling goes through (tests replace it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIClient, AsyncAPIResource, SyncAPIClient, SyncAPIResource

__all__ = ["async_sleep_of", "client_of", "sleep_of"]


@overload
def client_of(resource: SyncAPIResource) -> SyncAPIClient: ...
@overload
def client_of(resource: AsyncAPIResource) -> AsyncAPIClient: ...
def client_of(resource: SyncAPIResource | AsyncAPIResource) -> SyncAPIClient | AsyncAPIClient:
    return resource._client  # pyright: ignore[reportPrivateUsage]


def sleep_of(resource: SyncAPIResource) -> Callable[[float], None]:
    return resource._sleep  # pyright: ignore[reportPrivateUsage]


def async_sleep_of(resource: AsyncAPIResource) -> Callable[[float], Awaitable[None]]:
    return resource._sleep  # pyright: ignore[reportPrivateUsage]
