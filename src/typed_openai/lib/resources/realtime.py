"""Bodies of the ``connect()`` methods that open a websocket session: ``client.realtime.connect()``
(the GA Realtime interface), ``client.realtime.translations.connect()``, ``client.responses.
connect()`` and ``client.beta.responses.connect()`` (``beta.realtime``'s is in beta/realtime.py).
Each returns its interface's manager (lib/_realtime/), which opens the websocket on entering and
reconnects it as ``on_reconnecting`` allows (lib/_realtime/_reconnect.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typed_openai._core import AsyncAPIResource

if TYPE_CHECKING:
    from typed_openai._core import SyncAPIResource
    from typed_openai.lib._realtime._apis import RealtimeApi

__all__ = [
    "connect",
    "connect_beta_responses",
    "connect_responses",
    "connect_translations",
    "manager",
]


def connect(realtime: SyncAPIResource | AsyncAPIResource, **arguments: Any) -> Any:
    # the generated method's signature says which manager, and its arguments: a new
    # conversation names its model (`model`), joining a call names the call (`call_id`)
    from typed_openai.lib._realtime import ga
    from typed_openai.lib._realtime._apis import ga_api

    kinds = (ga.RealtimeConnectionManager, ga.AsyncRealtimeConnectionManager)
    return manager(realtime, kinds, ga_api(), **arguments)


def connect_translations(translations: SyncAPIResource | AsyncAPIResource, **arguments: Any) -> Any:
    from typed_openai.lib._realtime import translations as interface
    from typed_openai.lib._realtime._apis import translations_api

    kinds = (interface.TranslationsConnectionManager, interface.AsyncTranslationsConnectionManager)
    return manager(translations, kinds, translations_api(), **arguments)


def connect_responses(responses: SyncAPIResource | AsyncAPIResource, **arguments: Any) -> Any:
    from typed_openai._core import NOT_GIVEN
    from typed_openai.lib._realtime import responses as interface
    from typed_openai.lib._realtime._apis import responses_api

    kinds = (interface.ResponsesConnectionManager, interface.AsyncResponsesConnectionManager)
    return manager(responses, kinds, responses_api(), model=NOT_GIVEN, **arguments)


def connect_beta_responses(responses: SyncAPIResource | AsyncAPIResource, **arguments: Any) -> Any:
    from typed_openai._core import NOT_GIVEN
    from typed_openai.lib._realtime import beta_responses as interface
    from typed_openai.lib._realtime._apis import beta_responses_api

    kinds = (interface.ResponsesConnectionManager, interface.AsyncResponsesConnectionManager)
    return manager(responses, kinds, beta_responses_api(), model=NOT_GIVEN, **arguments)


def manager(
    resource: SyncAPIResource | AsyncAPIResource,
    kinds: tuple[Any, Any],
    api: RealtimeApi,
    **arguments: Any,
) -> Any:
    """The interface's sync or async manager (``kinds``), as the resource's client is, opened
    with ``arguments`` (the connect() method's)."""
    kind = kinds[1] if isinstance(resource, AsyncAPIResource) else kinds[0]
    return kind(resource._client, api, **arguments)  # pyright: ignore[reportPrivateUsage]
