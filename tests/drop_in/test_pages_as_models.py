"""A page is a pydantic model, as the official SDK's: tracing, logging and caching code written for
the SDK checks ``isinstance(result, openai.BaseModel)`` and then serialises, copies or validates
the result as any model. Every page kind, sync and async, is read the same way from both packages
over the loopback server: its class's fields, the fields set, the response's other keys as extras,
the dumps, a copy (which still pages on), and a ``TypeAdapter`` of its class."""

from __future__ import annotations

import copy
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pydantic
import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

MODEL = {"id": "gpt-x", "object": "model", "created": 1, "owned_by": "me"}
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1,
    "filename": "a.txt",
    "purpose": "assistants",
    "status": "processed",
}
ROLE = {
    "id": "role_1",
    "object": "role",
    "name": "Reader",
    "description": None,
    "permissions": ["read"],
    "predefined_role": False,
    "resource_type": "api.organization",
}
ITEM = {
    "id": "msg_1",
    "type": "message",
    "status": "completed",
    "role": "assistant",
    "content": [{"type": "output_text", "text": "Hi", "annotations": [], "logprobs": []}],
}

# the list call, its first answer (a second page follows where it has more)
LISTS: dict[str, tuple[Callable[[Any], Any], dict[str, Any]]] = {
    "SyncPage models.list": (lambda c: c.models.list(), {"object": "list", "data": [MODEL]}),
    "SyncPage without object, an unknown key": (
        lambda c: c.models.list(),
        {"data": [MODEL], "has_more": True, "x": 1},
    ),
    "SyncCursorPage files.list": (
        lambda c: c.files.list(limit=1),
        {
            "object": "list",
            "data": [FILE],
            "first_id": "file-1",
            "last_id": "file-1",
            "has_more": True,
        },
    ),
    "SyncCursorPage without has_more": (
        lambda c: c.files.list(),
        {"object": "list", "data": [FILE]},
    ),
    "SyncConversationCursorPage conversations.items.list": (
        lambda c: c.conversations.items.list("conv_1"),
        {
            "object": "list",
            "data": [ITEM],
            "first_id": "msg_1",
            "last_id": "msg_1",
            "has_more": True,
        },
    ),
    "SyncNextCursorPage admin roles.list": (
        lambda c: c.admin.organization.roles.list(),
        {"object": "list", "data": [ROLE], "has_more": True, "next": "cur_2"},
    ),
}


def as_a_model(page: Any, sdk: ModuleType) -> dict[str, Any]:
    """What code that takes any of the SDK's models reads of a page."""
    cls = type(page)
    adapter = pydantic.TypeAdapter(cls)
    copied = page.model_copy()
    return {
        "is a model": (isinstance(page, sdk.BaseModel), isinstance(page, pydantic.BaseModel)),
        "class": (cls.__name__, list(cls.model_fields)),
        "fields set": sorted(page.model_fields_set),
        "extra": page.model_extra,
        "dump": page.model_dump(),
        "dump set": page.model_dump(exclude_unset=True),
        "dump json none": page.model_dump(mode="json", exclude_none=True),
        "json": page.model_dump_json(),
        "json indent": page.model_dump_json(indent=2, exclude_unset=True),
        "to_dict": (page.to_dict(), page.to_json()),
        "copy": (repr(copied), copied == page, copied is page, repr(copy.copy(page))),
        "updated": repr(page.model_copy(update={"data": []})),
        "adapter": (
            validated(lambda: adapter.validate_python(page.model_dump())),
            adapter.dump_python(page, mode="json"),
        ),
        "from json": validated(lambda: cls.model_validate_json(page.model_dump_json())),
    }


def validated(build: Callable[[], Any]) -> Any:
    """The page a validation builds, or its errors (a page without ``object`` is no valid
    ``SyncPage`` in either package: the field is a required ``str``)."""
    try:
        return repr(build())
    except pydantic.ValidationError as error:
        return error.title, error.errors(include_url=False)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_page_is_a_model_as_the_sdks(server: ScriptedServer, name: str) -> None:
    call, body = LISTS[name]

    def observe(sdk: ModuleType) -> tuple[str, str]:
        server.requests.clear()
        server.reply(Reply.json(body))
        server.default = Reply.json({"object": "list", "data": []})
        with client_of(sdk, server.url + "/v1", admin_api_key="sk-admin") as client:
            page = call(client)
            seen = as_a_model(page, sdk)
            # a copy keeps how the page was asked for: it fetches the next page as the page does
            copied = page.model_copy()
            nxt = copied.get_next_page() if copied.has_next_page() else None
            seen["next"] = (repr(nxt), [r.query for r in server.requests])
            assert seen["is a model"] == (True, True)
            page_name = type(page).__name__
            return page_name, repr(seen).replace(page_name, "<page class>")

    (our_name, ours), (their_name, theirs) = run_both(observe)
    assert ours == theirs
    if name in UNION_ITEMS:
        # open: the union's members differ (the SDK's has a newer member than the API document);
        # its discriminator shows as the SDK's metadata class, PropertyInfo, in both
        prefix = "SyncConversationCursorPage[Annotated[Union[Message, "
        assert our_name.startswith(prefix) and their_name.startswith(prefix)
        assert our_name.endswith(", PropertyInfo]]") and their_name.endswith(", PropertyInfo]]")
    else:
        assert our_name == their_name


# pages whose items are a discriminated union: the page class's name is compared apart
UNION_ITEMS = {"SyncConversationCursorPage conversations.items.list"}


@pytest.mark.anyio
async def test_an_async_page_is_a_model_as_the_sdks(server: ScriptedServer) -> None:
    _, body = LISTS["SyncCursorPage files.list"]

    async def observe(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(body))
        server.default = Reply.json({"object": "list", "data": [], "has_more": False})
        async with async_client_of(sdk, server.url + "/v1") as client:
            page = await client.files.list(limit=1)
            seen = as_a_model(page, sdk)
            nxt = await page.model_copy().get_next_page()
            seen["next"] = (repr(nxt), [r.query for r in server.requests])
            return seen

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert ours["class"] == ("AsyncCursorPage[FileObject]", ["data", "has_more"])


def test_the_page_classes_declare_the_sdks_fields() -> None:
    """The fields of each page class (``SyncPage``: data, object; ``SyncCursorPage``: data,
    has_more; ...), its required ones and their defaults, as the SDK's classes declare them."""

    def fields(sdk: ModuleType) -> dict[str, Any]:
        import importlib

        pagination = importlib.import_module(sdk.__name__ + ".pagination")
        out: dict[str, Any] = {}
        for name in sorted(n for n in dir(pagination) if n.endswith("Page") and n[0] != "_"):
            cls = getattr(pagination, name)
            if not hasattr(cls, "model_fields"):
                continue
            out[name] = {
                field: (info.is_required(), None if info.is_required() else info.default)
                for field, info in cls.model_fields.items()
            }
        return out

    ours, theirs = run_both(fields)
    for name in ("SyncPage", "SyncCursorPage", "SyncConversationCursorPage", "AsyncTokenPage"):
        assert ours[name] == theirs[name], name
    assert {k: v for k, v in ours.items() if k in theirs} == {
        k: v for k, v in theirs.items() if k in ours
    }
