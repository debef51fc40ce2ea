"""Each method at an official-SDK path calls the same HTTP endpoint as the SDK's method there.

A placement is only right if `client.x.y.z(...)` on ours does what it does on the official SDK: both
clients are pointed at a recording server on 127.0.0.1 and every generated method is called with the
same placeholder arguments on both; the HTTP method and the request path (placeholders included)
must be the same. The SDK is used only as an oracle.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest

from tests.api_resources.test_sdk_tree import _lookup, _public_methods, _resources
from tests.support.server import Reply, ScriptedServer

# The spec states the path; the official SDK calls another (both are the API's, see the note).
DIFFERENT_PATH = {
    "evals.runs.cancel": "upstream declares POST /evals/{eval_id}/runs/{run_id}; the SDK posts to"
    " .../{run_id}/cancel",
}
FILE = ("a.bin", b"\x00\x01", "application/octet-stream")
# Required arguments the placeholders below cannot guess (one of several argument sets).
EXTRA_ARGS: dict[str, dict[str, Any]] = {
    "audio.voices.create": {"audio_sample": FILE, "consent": "c", "name": "n"},
    "videos.edit": {"video": FILE, "prompt": "p"},
    "videos.extend": {"video": FILE, "prompt": "p", "seconds": "4"},
    "skills.create": {"files": [FILE]},
    "skills.versions.create": {"files": [FILE]},
}
ANSWER = Reply.json({"id": "x", "object": "list", "data": [], "has_more": False})


def _placeholder(parameter: inspect.Parameter) -> Any:
    annotation = str(parameter.annotation)
    if "FileTypes" in annotation:
        return FILE
    if "int" in annotation and "str" not in annotation:
        return 1
    if annotation.startswith(("Iterable", "List", "SequenceNotStr", "typing.Iterable")):
        return []
    return f"p-{parameter.name}"


def _arguments(method: Any, where: str) -> dict[str, Any]:
    """A placeholder for every required argument (by name: both clients name them alike)."""
    kwargs: dict[str, Any] = dict(EXTRA_ARGS.get(where, {}))
    for p in inspect.signature(method).parameters.values():
        if p.default is inspect.Parameter.empty and p.name not in kwargs:
            kwargs[p.name] = _placeholder(p)
    return kwargs


def _sent(server: ScriptedServer, call: Any) -> tuple[str, str] | str:
    """(HTTP method, path) of the one request `call` sends, or why it sent none."""
    before = len(server.requests)
    error = ""
    try:
        call()
    except Exception as exc:  # an answer the placeholder body does not fit: the request is made
        error = f"{type(exc).__name__}: {exc}"[:200]
    if len(server.requests) == before:
        return f"sent nothing ({error})"
    request = server.requests[before]
    return request.method, request.target.split("?")[0]


def _generated(resource: Any, name: str) -> bool:
    function = inspect.getattr_static(type(resource), name, None)
    return getattr(function, "__module__", "").startswith("typed_openai._generated")


@pytest.fixture(scope="module")
def recorder() -> Iterator[ScriptedServer]:
    with ScriptedServer() as server:
        server.default = ANSWER
        yield server


@pytest.fixture(scope="module")
def endpoints(recorder: ScriptedServer) -> dict[str, tuple[Any, Any]]:
    """SDK method path -> (what the SDK sent, what ours sent), for every generated method of ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK flags the Assistants API
        import openai
        from openai._resource import SyncAPIResource

        from typed_openai import OpenAI

        base = f"{recorder.url}/v1"
        sdk = openai.OpenAI(api_key="k", admin_api_key="k", base_url=base, max_retries=0)
        ours = OpenAI(api_key="k", admin_api_key="k", base_url=base, max_retries=0)
        found: dict[str, tuple[Any, Any]] = {}
        for path, sdk_resource in _resources(sdk, SyncAPIResource):
            our_resource = _lookup(ours, path)
            for name, sdk_method in sorted(_public_methods(sdk_resource).items()):
                where = ".".join((*path, name))
                if our_resource is None or not _generated(our_resource, name):
                    continue  # not ours, or a hand-written helper (tested where it is written)
                # each side gets its own required arguments; a shared name gets the same value
                method = getattr(our_resource, name)
                theirs = _sent(recorder, partial(sdk_method, **_arguments(sdk_method, where)))
                mine = _sent(recorder, partial(method, **_arguments(method, where)))
                found[where] = (theirs, mine)
        sdk.close()
        ours.close()
    same = sum(1 for theirs, mine in found.values() if theirs == mine)
    COUNTS.update(compared=len(found), same=same)
    return found


# filled by the fixture; printed at the end of the run by conftest.py
COUNTS: dict[str, int] = {}


def summary_line() -> str | None:
    if not COUNTS:
        return None
    return (
        f"SDK endpoints — {COUNTS['same']} of {COUNTS['compared']} generated methods call the"
        f" official SDK's endpoint ({len(DIFFERENT_PATH)} listed)"
    )


def test_the_comparison_covers_the_placed_operations(endpoints: dict[str, Any]) -> None:
    assert len(endpoints) >= 280, len(endpoints)


def test_every_method_calls_the_sdk_endpoint(endpoints: dict[str, tuple[Any, Any]]) -> None:
    wrong = {
        where: f"SDK {theirs}, ours {mine}"
        for where, (theirs, mine) in endpoints.items()
        if theirs != mine and where not in DIFFERENT_PATH
    }
    lines = [f"{where}: {why}" for where, why in sorted(wrong.items())]
    assert not lines, f"{len(lines)} methods call another endpoint:\n" + "\n".join(lines)


def test_every_listed_difference_is_still_one(endpoints: dict[str, tuple[Any, Any]]) -> None:
    for where in DIFFERENT_PATH:
        theirs, mine = endpoints[where]
        assert theirs != mine and isinstance(mine, tuple), (where, theirs, mine)
