"""The typed dict of the beta interface's ``connect()`` query, public as ``typed_openai.types.beta.
realtime.realtime_connect_params`` (as in the official SDK). It is the websocket URL's query, not a
schema of the OpenAPI document; the GA interface's own is in ``_types.py`` under the same name."""

from __future__ import annotations

from typing_extensions import Required, TypedDict

__all__ = ["RealtimeConnectParams"]


class RealtimeConnectParams(TypedDict, total=False):
    """The query parameters of a beta realtime connection: the model is required."""

    model: Required[str]
