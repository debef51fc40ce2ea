"""``NotGiven`` as the official SDK has it: not a singleton. ``NotGiven()`` makes a new instance,
``NOT_GIVEN`` and ``not_given`` are two shared ones, each equal only to itself (copies and
unpickled ones are new too); all are falsy and print ``NOT_GIVEN``. Code written for the SDK
compares them so (``x is NOT_GIVEN`` is False for ``not_given``) and passes any of them for an
argument it leaves out, which both packages then leave out of the request.

Each test runs the same code against both packages over the loopback server.
"""

from __future__ import annotations

import copy
import pickle
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both


def test_instances_compare_as_in_the_sdk() -> None:
    def observe(sdk: ModuleType) -> Any:
        made, shared, other = sdk.NotGiven(), sdk.NOT_GIVEN, sdk.not_given
        from_types = __import__(f"{sdk.__name__}._types", fromlist=["not_given"])
        return {
            "new is new": made is sdk.NotGiven(),
            "new is NOT_GIVEN": made is shared,
            "not_given is NOT_GIVEN": other is shared,
            "_types.not_given is not_given": from_types.not_given is other,
            "_types.NOT_GIVEN is NOT_GIVEN": from_types.NOT_GIVEN is shared,
            "equal": (made == shared, shared == shared, other != shared),
            "hash equal": hash(made) == hash(shared),
            "copy is": (copy.copy(shared) is shared, copy.deepcopy(shared) is shared),
            "unpickled is": pickle.loads(pickle.dumps(shared)) is shared,
            "isinstance": all(
                isinstance(value, sdk.NotGiven)
                for value in (
                    made,
                    shared,
                    other,
                    copy.copy(shared),
                    pickle.loads(pickle.dumps(made)),
                )
            ),
            "bool": (bool(made), bool(other)),
            "repr": (repr(made), repr(other), str(shared)),
            "in a set": len({made, shared, other, sdk.NotGiven()}),
        }

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["new is NOT_GIVEN"] is False and ours["not_given is NOT_GIVEN"] is False
    assert ours["in a set"] == 4 and ours["isinstance"] is True


def test_any_instance_leaves_the_argument_out(server: ScriptedServer) -> None:
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})

    def observe(sdk: ModuleType) -> Any:
        fresh = [sdk.NotGiven(), sdk.not_given, pickle.loads(pickle.dumps(sdk.NOT_GIVEN))]
        with sdk.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            seen = []
            for value in fresh:
                client.files.list(purpose=value, limit=2, after=value)
                client.post(
                    "/things",
                    cast_to=object,
                    body={"a": 1, "b": value},
                    options={"headers": {"X-Left-Out": value}},
                )
                query, post = server.requests[-2], server.requests[-1]
                seen.append((query.target, post.json(), "x-left-out" in post.headers))
            return seen

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == [("/files?limit=2", {"a": 1}, False)] * 3
