"""An operation's answer prints under the class name the official SDK gives that method's answer.

The SDK declares one class per method (`ContainerCreateResponse`, `ContainerRetrieveResponse`,
`ContainerListResponse` the item of `containers.list`'s page) where the document has one schema;
ours answers each method with a per-place copy of that schema under the SDK's name
(tools/sdk_names/answers.py), so a log line, a notebook's repr and an `isinstance` check against
the SDK's path hold alike. Same code, both SDKs, loopback server.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import observed_the_same, registry

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

CONTAINER = {
    "id": "cntr_1",
    "object": "container",
    "name": "box",
    "created_at": 1,
    "status": "running",
}
CONTAINER_FILE = {
    "id": "cfile_1",
    "object": "container.file",
    "bytes": 3,
    "container_id": "cntr_1",
    "created_at": 1,
    "path": "/mnt/data/a.txt",
    "source": "user",
}
PAGE = {"object": "list", "first_id": "x", "last_id": "x", "has_more": False}


def _types(sdk: ModuleType, module: str) -> Any:
    return importlib.import_module(f"{sdk.__name__}.types.{module}")


def _seen(value: Any, sdk_class: type) -> tuple[str, str, bool]:
    return type(value).__name__, repr(value).split("(")[0], isinstance(value, sdk_class)


@program
def containers_by_method(sdk: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(CONTAINER)
    created = client.containers.create(name="box")
    retrieved = client.containers.retrieve("cntr_1")
    server.default = Reply.json({**PAGE, "data": [CONTAINER]})
    listed = next(iter(client.containers.list()))
    return [
        _seen(created, _types(sdk, "container_create_response").ContainerCreateResponse),
        _seen(retrieved, _types(sdk, "container_retrieve_response").ContainerRetrieveResponse),
        _seen(listed, _types(sdk, "container_list_response").ContainerListResponse),
        _seen(listed, importlib.import_module(f"{sdk.__name__}.types").ContainerListResponse),
    ]


@program
def container_files_by_method(sdk: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json(CONTAINER_FILE)
    retrieved = client.containers.files.retrieve("cfile_1", container_id="cntr_1")
    server.default = Reply.json({**PAGE, "data": [CONTAINER_FILE]})
    listed = client.containers.files.list("cntr_1").data[0]
    return [
        _seen(retrieved, _types(sdk, "containers.file_retrieve_response").FileRetrieveResponse),
        _seen(listed, _types(sdk, "containers").FileListResponse),
    ]


@program
def video_character(sdk: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.json({"id": "char_1", "created_at": 1, "name": "Ann"})
    character = client.videos.get_character("char_1")
    answer = _types(sdk, "video_get_character_response").VideoGetCharacterResponse
    return _seen(character, answer), str(character)


test_answers_print_as_the_sdks = observed_the_same(PROGRAMS)
