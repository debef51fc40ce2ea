"""The parts of a resource (docs/contracts.md §1) helper bodies reach: its client, for requests to
other resources, and ``_sleep``, the wait polling goes through (tests replace it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, overload

from typed_openai._core import AsyncAPIResource

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIClient, SyncAPIClient, SyncAPIResource
    from typed_openai._generated.resources.files import AsyncFiles, Files

__all__ = ["client_of", "is_async", "sleep_of", "uploads_of"]


@overload
def client_of(resource: SyncAPIResource) -> SyncAPIClient: ...
@overload
def client_of(resource: AsyncAPIResource) -> AsyncAPIClient: ...
def client_of(resource: SyncAPIResource | AsyncAPIResource) -> SyncAPIClient | AsyncAPIClient:
    return resource._client  # pyright: ignore[reportPrivateUsage]


def sleep_of(resource: SyncAPIResource | AsyncAPIResource) -> Callable[[float], object]:
    """The resource's wait: returns None on a sync resource, an awaitable on an async one."""
    return resource._sleep  # pyright: ignore[reportPrivateUsage]


def is_async(resource: SyncAPIResource | AsyncAPIResource) -> bool:
    return isinstance(resource, AsyncAPIResource)


def uploads_of(resource: SyncAPIResource | AsyncAPIResource) -> Files | AsyncFiles:
    """``/files`` on the resource's client, where helpers upload (``purpose="assistants"``)."""
    from typed_openai._generated.resources.files import AsyncFiles, Files

    if isinstance(resource, AsyncAPIResource):
        return AsyncFiles(client_of(resource))
    return Files(client_of(resource))
