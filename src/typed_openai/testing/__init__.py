"""A local OpenAI-compatible server for demos and tests.

    from typed_openai.testing import LocalOpenAIServer

    with LocalOpenAIServer() as server:
        client = OpenAI(base_url=server.base_url, api_key=server.api_key)

pytest users can also load the ready-made fixtures: ``pytest_plugins = ["typed_openai.testing.pytest_plugin"]``.
The server is plain standard-library Python and does not import the generated client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import ServerConfig, Stats
    from ._schema_instance import instance_for
    from .server import LocalOpenAIServer

__all__ = ["LocalOpenAIServer", "ServerConfig", "Stats", "instance_for"]


def __getattr__(name: str) -> Any:
    # Imported lazily so `python -m typed_openai.testing.server` does not import the module twice.
    if name == "LocalOpenAIServer":
        from .server import LocalOpenAIServer

        return LocalOpenAIServer
    if name in ("ServerConfig", "Stats"):
        from . import _app

        return getattr(_app, name)
    if name == "instance_for":
        from ._schema_instance import instance_for

        return instance_for
    raise AttributeError(name)
