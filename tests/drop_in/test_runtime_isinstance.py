"""Every operation both SDKs have, called through each against the loopback server with one
answer: what each returns (and the first item of a page) must be, here, an instance of the class
this package holds at the official SDK's path and name of what the SDK returned. Code checks
results with ``isinstance(page.data[0], PermissionListResponse)``, imported from the SDK's module;
a page holding the class of another method's answer (the checkpoint permissions' list once held
the deprecated ``retrieve``'s ``Data``) fails it."""

from __future__ import annotations

import contextlib
import copy
import importlib
import warnings
from types import ModuleType
from typing import Any

import typed_openai
from tests.api_resources._plan import calls
from tests.api_resources.test_conformance import method_of
from tests.support.server import Reply, ScriptedServer

from .conftest import official

# one answer for every call: an object with an id, or a list page of one such object
ANSWER = {
    "object": "list",
    "data": [{"id": "x", "object": "thing"}],
    "has_more": False,
    "first_id": "x",
    "last_id": "x",
    "id": "x",
}

# (an item of no union member's kind, e.g. without its `type`, is now the first member, as the
# SDK builds it: beta.chatkit.threads.list_items was listed here until then)
KNOWN: dict[str, str] = {}


def _results(sdk: ModuleType, server: ScriptedServer) -> dict[str, list[Any]]:
    """Per call id: what it returned, then its page's first item."""
    found: dict[str, list[Any]] = {}
    with (
        warnings.catch_warnings(),
        sdk.OpenAI(
            api_key="k", admin_api_key="a", base_url=server.url + "/v1", max_retries=0
        ) as client,
    ):
        warnings.simplefilter("ignore", DeprecationWarning)
        for call in calls():
            try:
                method = method_of(client, call)
            except AttributeError:
                continue  # an operation of one package alone
            args, kwargs = call.call_args(everything=False)
            with contextlib.suppress(Exception):  # a call the answer cannot satisfy: no result
                result = method(*copy.deepcopy(args), **copy.deepcopy(kwargs))
                data = getattr(result, "data", None)
                page = type(result).__name__.startswith("Sync") and isinstance(data, list)
                found[call.id] = [result, *(data[:1] if page else [])]
    return found


def _class_at_the_sdks_place(theirs: Any) -> Any:
    module = type(theirs).__module__.replace("openai", typed_openai.__name__, 1)
    return getattr(importlib.import_module(module), type(theirs).__name__, None)


def test_every_result_is_an_instance_of_our_class_at_the_sdks_place() -> None:
    with ScriptedServer() as server:
        server.default = Reply.json(ANSWER)
        theirs = _results(official(), server)
        ours = _results(typed_openai, server)
    wrong: dict[str, str] = {}
    compared = 0
    for call_id, their_results in theirs.items():
        for their, our in zip(their_results, ours.get(call_id, []), strict=False):
            if not type(their).__module__.startswith("openai.types"):
                continue  # str, bytes, a binary download: no model class
            compared += 1
            cls = _class_at_the_sdks_place(their)
            if cls is None or not isinstance(our, cls):
                wrong[call_id] = f"{type(their).__module__}.{type(their).__name__}: {type(our)}"
    print(f"isinstance at the SDK's place: {compared} results compared, {len(wrong)} not")
    assert {k: v for k, v in wrong.items() if k not in KNOWN} == {}
    assert sorted(set(KNOWN) - set(wrong)) == [], "listed differences that are gone: unlist them"
    assert compared > 250  # the calls ran: most operations answer a model
