"""``raw.parse(to=...)`` with a model of the user's: both packages build a subclass of their own
``BaseModel`` from the body, the same way.

Kept as a superset, deliberately: a plain ``pydantic.BaseModel`` works here and is a ``TypeError``
in the official SDK ("must subclass our base model type"). Code written for the SDK never passes
one (it would fail there), so accepting it breaks no such code; refusing it would break code that
works with this package today.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pydantic

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both

MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system", "extra": 1}


def test_a_subclass_of_the_packages_base_model(server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> Any:
        class Slim(sdk.BaseModel):
            id: str
            owned_by: str

        server.reply(Reply.json(MODEL))
        with client_of(sdk, server.url) as client:
            slim = client.models.with_raw_response.retrieve("gpt-4o").parse(to=Slim)
        return type(slim).__name__, slim.id, slim.owned_by, slim.to_dict()

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:3] == ("Slim", "gpt-4o", "system")


def test_a_plain_pydantic_model_is_a_superset_of_the_sdk(server: ScriptedServer) -> None:
    class Plain(pydantic.BaseModel):
        id: str

    def observe(sdk: ModuleType) -> Any:
        server.reply(Reply.json(MODEL))
        with client_of(sdk, server.url) as client:
            raw = client.models.with_raw_response.retrieve("gpt-4o")
            try:
                return repr(raw.parse(to=Plain))
            except TypeError:
                return "TypeError"

    ours, theirs = run_both(observe)
    assert (ours, theirs) == ("Plain(id='gpt-4o')", "TypeError")
